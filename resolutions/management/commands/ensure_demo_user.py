import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from workflow.roles import Role, sync_roles


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
        # The demo login is a Reviewer: it can draft, submit and publish status updates, so the
        # whole editorial workflow can be tried with it, but it cannot manage users or edit
        # resolutions (workflow/roles.py). Its rights come from the group alone.
        if not Group.objects.filter(name=Role.REVIEWER).exists():
            sync_roles()
        user.user_permissions.clear()
        user.groups.set([Group.objects.get(name=Role.REVIEWER)])
        verb = "Created" if created else "Reset"
        self.stdout.write(
            f"{verb} demo staff login for /admin/ — username: {username}  password: {password}"
        )
