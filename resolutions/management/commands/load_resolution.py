from django.core.management.base import BaseCommand, CommandError

from resolutions.loader import LoadError, load_file


class Command(BaseCommand):
    help = "Load resolution data files (YAML or JSON). Each file is loaded atomically."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")

    def handle(self, *args, files, **options):
        for path in files:
            try:
                load_file(path)
            except LoadError as exc:
                raise CommandError(f"Nothing was loaded from {path}. {exc}") from None
            self.stdout.write(f"Loaded {path}")
