"""Secretariat users in each role (workflow/roles.py), for the workflow and permission tests."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from workflow.models import EditorAssignment
from workflow.roles import Role, sync_roles

ROLES = ("viewer", "editor", "reviewer", "administrator")


def user(role, username=None, **fields):
    """A staff user in `role` ("viewer", "editor", "reviewer" or "administrator")."""
    if not Group.objects.filter(name=Role.REVIEWER).exists():
        sync_roles()  # a transactional test flushed them; migrate would recreate them
    account = get_user_model().objects.create_user(
        username or f"{role}-{get_user_model().objects.count() + 1}",
        is_staff=True,
        first_name=role.title(),
        last_name="Officer",
        **fields,
    )
    account.groups.set([Group.objects.get(name=Role[role.upper()].value)])
    return account


def assign(account, *, resolution=None, mandate_type=""):
    return EditorAssignment.objects.create(
        user=account, resolution=resolution, mandate_type=mandate_type
    )


def client_for(client, account):
    """`client`, signed in as `account` (None: anonymous)."""
    if account is not None:
        client.force_login(account, backend="django.contrib.auth.backends.ModelBackend")
    return client
