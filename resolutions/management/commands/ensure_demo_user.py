import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create (or reset) the demo secretariat login and print a freshly generated password. "
        "Running it again issues a new password, so the one printed last always works."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="demo-officer")

    def handle(self, *args, username, **options):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": "Demo", "last_name": "Officer", "is_staff": True},
        )
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.is_staff = True
        user.is_active = True
        user.save()
        # A secretariat officer works on the tracker's own records, not on user accounts.
        user.user_permissions.set(Permission.objects.filter(content_type__app_label="resolutions"))
        verb = "Created" if created else "Reset"
        self.stdout.write(
            f"{verb} demo staff login for /admin/ — username: {username}  password: {password}"
        )
