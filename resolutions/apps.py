from django.apps import AppConfig


class ResolutionsConfig(AppConfig):
    name = "resolutions"
    verbose_name = "Resolutions and their implementation"

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import signals
        from .models.search import register_sqlite_function

        signals.connect(self)
        # SQLite runs the search folding rule in Python (resolutions/models/search.py).
        connection_created.connect(register_sqlite_function, dispatch_uid="fold-search-sqlite")
