"""The workflow app's migrations 0001_initial to 0004_mandate_types_vocabulary, squashed into one (#16).

Nothing had been deployed. makemigrations wrote it from the models as they stood, each model's
fields, indexes and constraints inside its CreateModel (a new database, and every test
worker's, is built in a fraction of the CPU the old chain took). `replaces` lists the old
migrations: a database that applied them counts this one as applied and runs nothing.
The four role groups of 0002_roles are created at its end (RunPython, names frozen
here; their permissions come from workflow/roles.py after every migrate).
It imports no live application code: a migration must keep its meaning as the code
changes (the historical models' audit base class is left out; no data step here uses them).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


# From workflow 0002_roles: the four role groups exist from the first migrate on, with names
# frozen here. Their permissions come from workflow/roles.py after every migrate (post_migrate).
ROLE_NAMES = ["Viewer", "Editor", "Reviewer", "Administrator"]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_NAMES:
        Group.objects.using(schema_editor.connection.alias).get_or_create(name=name)


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name__in=ROLE_NAMES).delete()


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('workflow', '0001_initial'),
        ('workflow', '0002_roles'),
        ('workflow', '0003_notification_preferences'),
        ('workflow', '0004_mandate_types_vocabulary'),
    ]

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('admin', '0003_logentry_add_action_flag_choices'),
        ('auth', '__first__'),
        ('resolutions', '0001_squashed_0027_translation_search_indexes'),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalEditorAssignment',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('mandate_type', models.CharField(blank=True, choices=[('establish_body', 'Establish a body'), ('adopt_instrument', 'Adopt an instrument'), ('adopt_policy', 'Adopt a policy'), ('appoint', 'Appoint a person or body'), ('submit_report', 'Submit a report'), ('build_roster', 'Build a roster or network'), ('recurring_event', 'Recurring event'), ('training', 'Training programme'), ('partnership', 'Partnership'), ('institutional_capacity', 'Institutional capacity')], help_text='Leave empty for every mandate type.', max_length=30)),
                ('note', models.CharField(blank=True, max_length=200)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('resolution', models.ForeignKey(blank=True, db_constraint=False, help_text='Leave empty for every resolution.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='resolutions.resolution')),
                ('user', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical editor assignment',
                'verbose_name_plural': 'historical editor assignments',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(models.Model,),
        ),
        migrations.CreateModel(
            name='NotificationPreference',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email_enabled', models.BooleanField(default=True, help_text='Untick to receive no email from the tracker.')),
                ('language', models.CharField(choices=[('en', 'English'), ('fr', 'Français'), ('ar', 'العربية')], default='en', max_length=5)),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='notification_preference', to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.CreateModel(
            name='EditorAssignment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('mandate_type', models.CharField(blank=True, choices=[('establish_body', 'Establish a body'), ('adopt_instrument', 'Adopt an instrument'), ('adopt_policy', 'Adopt a policy'), ('appoint', 'Appoint a person or body'), ('submit_report', 'Submit a report'), ('build_roster', 'Build a roster or network'), ('recurring_event', 'Recurring event'), ('training', 'Training programme'), ('partnership', 'Partnership'), ('institutional_capacity', 'Institutional capacity')], help_text='Leave empty for every mandate type.', max_length=30)),
                ('note', models.CharField(blank=True, max_length=200)),
                ('resolution', models.ForeignKey(blank=True, help_text='Leave empty for every resolution.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='editor_assignments', to='resolutions.resolution')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='editor_assignments', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['user', 'resolution', 'mandate_type'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('resolution__isnull', False)), fields=('user', 'resolution', 'mandate_type'), name='editor_assignment_unique'), models.UniqueConstraint(condition=models.Q(('resolution__isnull', True)), fields=('user', 'mandate_type'), name='editor_assignment_unique_any_resolution'), models.CheckConstraint(condition=models.Q(('mandate_type', ''), ('mandate_type__in', ['establish_body', 'adopt_instrument', 'adopt_policy', 'appoint', 'submit_report', 'build_roster', 'recurring_event', 'training', 'partnership', 'institutional_capacity']), _connector='OR'), name='editor_assignment_mandate_type_valid')],
            },
        ),
        migrations.RunPython(create_roles, remove_roles),
    ]
