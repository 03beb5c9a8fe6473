"""manage.py restore_data FILE.json: restore a backup_data file into an empty database.

Run `manage.py migrate` first (it creates the tables and the role groups). The restore is one
transaction: it either loads everything or nothing. It refuses a database that already holds
tracker data, unless --flush is given, which first EMPTIES THE WHOLE DATABASE (users included).
"""

from importlib import import_module
from pathlib import Path

from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from resolutions.models import Resolution, SourceDocument, StatusUpdate
from resolutions.rollup import invalidate_cache, projection
from workflow.roles import sync_roles


class Command(BaseCommand):
    help = "Restore a backup_data file into an empty (migrated) database."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A file written by backup_data.")
        parser.add_argument(
            "--flush",
            action="store_true",
            help="Empty the whole database first (every table, users included).",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, file, flush, database, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        if flush:
            call_command("flush", interactive=False, database=database, verbosity=0)
            # The flush also emptied the vocabularies that migrate seeded: put them back as a new
            # database has them (a backup written before they were data carries none; a newer
            # one overwrites them with its own rows, keyed by the same codes).
            seed = import_module(
                "resolutions.migrations.0001_squashed_0027_translation_search_indexes"
            )
            with override_settings(SIMPLE_HISTORY_ENABLED=False):  # as migrate writes them
                seed.seed_vocabularies(django_apps, None)
        elif any(
            model.objects.using(database).exists()
            for model in (Resolution, SourceDocument, StatusUpdate)
        ):
            raise CommandError(
                "The database already holds tracker data. Restore into an empty database, or "
                "add --flush to empty this one first (users included)."
            )
        # Content types may have been recreated with new ids (a flush, a new database): forget
        # the ones this process remembers. The backup refers to them by natural key.
        ContentType.objects.clear_cache()
        # The audit trail is restored from the file, not written anew: loaddata skips history
        # for rows, but setting many-to-many lists would add an entry per record.
        with transaction.atomic(using=database), override_settings(SIMPLE_HISTORY_ENABLED=False):
            call_command("loaddata", str(path), database=database, verbosity=0)
            # The groups' permissions are those of this code version (workflow/roles.py).
            sync_roles(using=database)
            # loaddata writes raw rows (no signals): derive the stored current state anew.
            projection.rebuild(using=database)
        invalidate_cache(database)
        counts = {
            "resolutions": Resolution.objects.using(database).count(),
            "status updates": StatusUpdate.objects.using(database).count(),
        }
        summary = ", ".join(f"{n} {what}" for what, n in counts.items())
        self.stdout.write(f"Restored {path}: {summary}.")
