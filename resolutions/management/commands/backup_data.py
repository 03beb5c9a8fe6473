"""manage.py backup_data -o FILE.json: everything the tracker knows, in one portable file.

Written with Django's dumpdata, using natural keys for users, groups, permissions and content
types, so the file restores into any empty database of either engine (restore_data). It holds:

- the domain (every resolutions model) and its audit trail (the historical tables),
- editor assignments and their history (workflow),
- users (with their password hashes: keep the file as safe as the database) and the role groups,
- the admin's own change log.

Times keep their microseconds (resolutions/backup_format.py): Django's own JSON cuts them to
milliseconds.

Not included, because they are rebuilt or worthless after a restore: sessions, login-throttling
records (axes), content types and permissions (recreated by migrate), the roll-up cache.
"""

from pathlib import Path

from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand

from resolutions import backup_format

BACKUP_LABELS = ("resolutions", "workflow", "auth.group", "auth.user", "admin.logentry")


class Command(BaseCommand):
    help = "Back up the tracker's data (domain, audit trail, users and roles) to a JSON file."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="The JSON file to write.")
        parser.add_argument("--database", default="default")

    def handle(self, *args, output, database, **options):
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        # JSON with times to the microsecond (resolutions/backup_format.py); restore_data reads
        # it with the standard JSON deserializer.
        serializers.register_serializer(backup_format.FORMAT, "resolutions.backup_format")
        call_command(
            "dumpdata",
            *BACKUP_LABELS,
            # Derived from the rest: restore_data rebuilds it (manage.py rebuild_rollup).
            exclude=["resolutions.ActionState", "resolutions.ActionStep"],
            format=backup_format.FORMAT,
            natural_foreign=True,
            natural_primary=True,
            # Every row, not what default managers show: facts' `objects` are published only.
            use_base_manager=True,
            database=database,
            output=str(path),
            indent=1,
            verbosity=0,
        )
        self.stdout.write(f"Backed up to {path} ({path.stat().st_size:,} bytes).")
