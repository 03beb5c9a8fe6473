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


def submitted_update():
    """A status update of a "Mediation unit" action (completed as of 1 Jan 2020, with evidence),
    drafted and submitted by editor "amina": (update, editor, reviewer "karim")."""
    from datetime import date

    from resolutions.models import StatusUpdate
    from tests import factories as f
    from workflow import services

    action = f.action(f.resolution(adopted_on=date(2018, 5, 5)), title="Mediation unit")
    editor = user("editor", username="amina")
    reviewer = user("reviewer", username="karim")
    update = services.status_update_draft_create(
        user=editor,
        action=action,
        status="completed",
        as_of=date(2020, 1, 1),
        note="Unit set up.",
        evidence=[{"url": "https://example.org/e"}],
    )
    services.status_update_submit(user=editor, update=update)
    return StatusUpdate.objects.get(pk=update.pk), editor, reviewer
