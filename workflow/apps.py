from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "workflow"
    verbose_name = _("Roles and editor assignments")

    def ready(self):
        from django.db.models.signals import post_migrate

        from resolutions.models import labels

        from . import roles

        labels.apply(self)

        # After every migrate (and every flush, which tests run): the four role groups exist
        # and hold exactly the permissions workflow/roles.py gives them.
        post_migrate.connect(roles.sync_after_migrate, sender=self, dispatch_uid="sync-roles")
