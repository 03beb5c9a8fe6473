from django.db import migrations, models


class Migration(migrations.Migration):
    """Apart from 0012's data step: on PostgreSQL a table whose rows were just updated cannot be
    altered in the same transaction."""

    dependencies = [
        ("resolutions", "0013_paragraph_number_is_positional"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='paragraph',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('number_is_positional', False), models.Q(('kind', 'operative'), ('number__startswith', 'OP')), models.Q(('kind', 'preambular'), ('number__startswith', 'PP')), _connector='OR'), models.Q(('number_is_positional', True), models.Q(('number__startswith', 'OP'), _negated=True), _connector='OR')), name='paragraph_positional_number_form', violation_error_message='A number by position is OP1, OP2… for operative and PP1, PP2… for preambular paragraphs, and an OP… number is always positional.'),
        ),
    ]
