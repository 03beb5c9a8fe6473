from django.apps import AppConfig


class ResolutionsConfig(AppConfig):
    name = "resolutions"
    verbose_name = "Resolutions and their implementation"

    def ready(self):
        from . import signals

        signals.connect(self)
