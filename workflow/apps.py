from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "workflow"
    verbose_name = "Roles and editor assignments"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import roles

        # After every migrate (and every flush, which tests run): the four role groups exist
        # and hold exactly the permissions workflow/roles.py gives them.
        post_migrate.connect(roles.sync_after_migrate, sender=self, dispatch_uid="sync-roles")
