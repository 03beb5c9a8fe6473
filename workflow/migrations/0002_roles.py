"""Creates the four role groups (Viewer, Editor, Reviewer, Administrator).

Their permissions come from the role table in workflow/roles.py, applied after every migrate
(workflow/apps.py: post_migrate), so that a model added later gets its permissions in the right
groups. A migration must not import live code (it would change meaning as the code changes), so
this one only makes the groups exist from the first migrate on, with names frozen here.
"""

from django.db import migrations

ROLE_NAMES = ["Viewer", "Editor", "Reviewer", "Administrator"]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_NAMES:
        Group.objects.using(schema_editor.connection.alias).get_or_create(name=name)


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name__in=ROLE_NAMES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0001_initial"),
        ("resolutions", "0005_workflow_audit_versions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("admin", "0003_logentry_add_action_flag_choices"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
