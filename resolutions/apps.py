from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResolutionsConfig(AppConfig):
    name = "resolutions"
    verbose_name = _("Resolutions and their implementation")

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import signals
        from .models import labels
        from .models.search import register_sqlite_function

        labels.apply(self)

        signals.connect(self)
        # SQLite runs the search folding rule in Python (resolutions/models/search.py).
        connection_created.connect(register_sqlite_function, dispatch_uid="fold-search-sqlite")
