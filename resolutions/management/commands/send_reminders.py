"""Email each focal point (an active user with an email address and editor assignments) a
digest of their actions that are overdue, due within 30 days, or not reviewed for 12 months, in
their language (workflow/notifications.py). Run daily from cron (README)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from workflow import notifications


class Command(BaseCommand):
    help = "Email each focal point a digest of overdue, due-soon and stale actions."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="Pretend today is this date (YYYY-MM-DD); for tests and catch-up."
        )

    def handle(self, *args, date=None, **options):
        from datetime import date as Date

        try:
            today = Date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError(f"--date must be YYYY-MM-DD; “{date}” is not.") from None
        sent = sum(
            notifications.send_reminder(user, today) for user in notifications.focal_points()
        )
        self.stdout.write(f"Sent {sent} reminder email(s) for {today}.")
