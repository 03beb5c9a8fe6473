"""manage.py rebuild_rollup: recompute the stored projection of current state from the history."""

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS

from resolutions.rollup import invalidate_cache, projection


class Command(BaseCommand):
    help = (
        "Recompute every action's stored current state (status, credit, last update, last "
        "review, next due date) from the published history. --due: only the rows that are "
        "missing or whose state may have changed since they were computed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument(
            "--due", action="store_true", help="Only missing rows and rows that are due."
        )

    def handle(self, *args, database, due, **options):
        if due:
            from django.utils import timezone

            today = timezone.localdate()
            written = projection.refresh_actions(
                projection.due_ids(today, database), today=today, using=database
            )
        else:
            written = projection.rebuild(using=database)
        invalidate_cache(database)
        self.stdout.write(f"Roll-up projection: {written} action states written.")
