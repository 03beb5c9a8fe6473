"""Creates the four role groups (Viewer, Editor, Reviewer, Administrator) with their permissions.

The role table lives in workflow/roles.py and is re-applied after every migrate, so that a model
added later gets its permissions in the right groups; this migration makes the groups exist from
the first migrate on.
"""

from django.db import migrations


def create_roles(apps, schema_editor):
    from workflow.roles import sync_roles

    sync_roles(apps=apps, using=schema_editor.connection.alias)


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    names = ["Viewer", "Editor", "Reviewer", "Administrator"]
    Group.objects.using(schema_editor.connection.alias).filter(name__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0001_initial"),
        ("resolutions", "0005_workflow_audit_versions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("admin", "0003_logentry_add_action_flag_choices"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
