"""The four secretariat roles, what each may do, and the checks the admin and services share.

| role          | may                                                                       |
|---------------|---------------------------------------------------------------------------|
| Viewer        | read everything in the admin, drafts included                             |
| Editor        | draft status updates (with evidence) and occurrences; edit and delete     |
|               | their own drafts; submit their own drafts for review                      |
| Reviewer      | everything an Editor can, plus submit anyone's draft, publish (approve)   |
|               | as reported or verified, and reject with a reason                         |
| Administrator | everything: resolutions, paragraphs, actions, sources, users, assignments, |
|               | and unlocking sign-ins locked after failed attempts (axes)                |

Roles are Django groups. Their permissions are defined here and re-applied after every
`migrate` (apps.py), so a group always holds exactly what this table says: change a role here,
not in the admin. Nobody may change or delete the audit trail (historical records).

An Editor (or anyone) with EditorAssignment rows is limited to the actions they match; see
workflow/models.py. The checks below are used by the admin (querysets, form choices,
has_*_permission) and by every service in workflow/ (services.py, review_services.py,
fact_services.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.core.exceptions import PermissionDenied
from django.db import DEFAULT_DB_ALIAS, models, router
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django.db.models import QuerySet

    from resolutions.models import Action, ActionReview, StatusUpdate

    from .models import EditorAssignment

    # Who asks: request.user (possibly anonymous) or a user passed to a service.
    Person = User | AnonymousUser
    # A record with an author and an action that goes through review.
    Reviewed = StatusUpdate | ActionReview


class Role(models.TextChoices):
    VIEWER = "Viewer"
    EDITOR = "Editor"
    REVIEWER = "Reviewer"
    ADMINISTRATOR = "Administrator"


DRAFT = "resolutions.add_statusupdate"
DELETE_DRAFT = "resolutions.delete_statusupdate"
REVIEW = "resolutions.publish_statusupdate"
EDIT_ANY_DRAFT = "resolutions.edit_any_draft"

DOMAIN_MODELS = (
    "resolution",
    "paragraph",
    "action",
    "actionparagraph",
    "actor",
    "occurrence",
    "sourcedfigure",
    "memberstate",
    "memberstaterole",
    "participation",
    "sourcedocument",
    "statusupdate",
    "evidence",
    "texttranslation",
    "actionreview",
    "reviewevidence",
    "factcorrection",
    "body",
    "membership",
    "mandatetype",
    "actorkind",
    "addressee",
    "operativeverb",
)


def _perms(actions: list[str], model_names: Iterable[str], app: str = "resolutions") -> set[str]:
    return {f"{app}.{action}_{name}" for action in actions for name in model_names}


VIEWER_PERMISSIONS = _perms(["view"], DOMAIN_MODELS) | {"workflow.view_editorassignment"}
EDITOR_PERMISSIONS = (
    VIEWER_PERMISSIONS
    # Drafts and their evidence. Change and delete apply to drafts only (the model refuses
    # anything else) and, without EDIT_ANY_DRAFT, to one's own drafts only.
    | _perms(["add", "change", "delete"], ["statusupdate", "evidence"])
    # Review records ("checked the sources, no change") follow the same workflow.
    | _perms(["add", "change", "delete"], ["actionreview", "reviewevidence"])
    # Occurrences (and who took part), Member States' roles and corrections of published facts
    # are drafts with sources that editors record; a second person publishes them.
    | _perms(["add", "change"], ["occurrence", "participation", "memberstaterole"])
    | _perms(["add", "change"], ["factcorrection"])
    # Evidence often cites a document nobody has entered yet.
    | {"resolutions.add_sourcedocument"}
)
REVIEWER_PERMISSIONS = EDITOR_PERMISSIONS | {REVIEW}


def administrator_permissions(available: Iterable[str]) -> set[str]:
    """Everything in the tracker's apps and user management, except writing the audit trail."""
    wanted = set()
    for perm in available:
        app_label, codename = perm.split(".", 1)
        action, _, model_name = codename.partition("_")
        if model_name.startswith("historical"):
            if action == "view":
                wanted.add(perm)
            continue
        if app_label in ("resolutions", "workflow"):
            wanted.add(perm)
        elif app_label == "auth" and model_name in ("user", "group"):
            wanted.add(perm)
        elif app_label == "admin" and action == "view":
            wanted.add(perm)
        elif app_label == "axes" and (action == "view" or perm == "axes.delete_accessattempt"):
            # Login lock-outs: see them, and unlock an account by deleting its access attempt.
            wanted.add(perm)
    return wanted


def role_permissions(available: Iterable[str]) -> dict[Role, set[str]]:
    """{role: set of "app_label.codename"} given the permissions that exist."""
    return {
        Role.VIEWER: VIEWER_PERMISSIONS,
        Role.EDITOR: EDITOR_PERMISSIONS,
        Role.REVIEWER: REVIEWER_PERMISSIONS,
        Role.ADMINISTRATOR: administrator_permissions(available),
    }


def sync_roles(*, apps: Any = global_apps, using: str = DEFAULT_DB_ALIAS) -> None:
    """Create the role groups and give each exactly its permissions. Idempotent.

    Used by the data migration that introduced roles and after every migrate. Permissions are
    normally created only after all migrations ran, so they are created here first.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    if not router.allow_migrate_model(using, Group):
        return
    for app_config in apps.get_app_configs():
        # The recipe for creating permissions from a migration: create_permissions skips
        # app configs without a models module, which migration-state app configs lack.
        had_module = getattr(app_config, "models_module", None)
        app_config.models_module = had_module or True
        try:
            create_permissions(app_config, verbosity=0, using=using, apps=apps)
        finally:
            app_config.models_module = had_module
    by_name = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.using(using).select_related("content_type")
    }
    for role, wanted in role_permissions(by_name).items():
        group, _ = Group.objects.using(using).get_or_create(name=role.value)
        # Permissions of apps not migrated yet are skipped; the next migrate adds them.
        group.permissions.set([by_name[name] for name in sorted(wanted) if name in by_name])


def sync_after_migrate(
    sender: Any, using: str = DEFAULT_DB_ALIAS, apps: Any = global_apps, **kwargs: Any
) -> None:
    sync_roles(apps=apps, using=using)


# --- Checks shared by the admin and the services ---------------------------------------------


def can_draft(user: Person) -> bool:
    return user.is_active and user.has_perm(DRAFT)


def can_review(user: Person) -> bool:
    return user.is_active and user.has_perm(REVIEW)


def _assignments(user: Person) -> list[EditorAssignment]:
    """The user's assignment rows, read once per user object (i.e. once per request)."""
    if not hasattr(user, "_tracker_assignments"):
        from .models import EditorAssignment

        rows = EditorAssignment.objects.filter(user=user)  # type: ignore[misc]
        user._tracker_assignments = [] if user.is_superuser else list(rows)  # type: ignore[union-attr]
    return user._tracker_assignments  # type: ignore[union-attr]


def scope_q(user: Person, prefix: str = "") -> models.Q | None:
    """A filter on Action (or on `prefix` + action fields) for the actions `user` may work on;
    None when the user is not limited."""
    rows = _assignments(user)
    if not rows:
        return None
    condition = models.Q(pk__in=[])
    for row in rows:
        condition |= row.as_q(prefix)
    return condition


def actions_in_scope(user: Person, queryset: QuerySet[Action]) -> QuerySet[Action]:
    condition = scope_q(user)
    return queryset if condition is None else queryset.filter(condition)


def in_scope(user: Person, action: Action) -> bool:
    rows = _assignments(user)
    return not rows or any(
        (row.resolution_id is None or row.resolution_id == action.resolution_id)
        and (not row.mandate_type or row.mandate_type == action.mandate_type_id)
        for row in rows
    )


def _state(update: Reviewed) -> str:
    from resolutions.models import State

    return State(update.state)


def may_edit_draft(user: Person, update: Reviewed) -> bool:
    from resolutions.models import State

    return (
        _state(update) == State.DRAFT
        and can_draft(user)
        and (update.author_id == user.pk or user.has_perm(EDIT_ANY_DRAFT))
        and in_scope(user, update.action)
    )


def may_delete_draft(user: Person, update: Reviewed) -> bool:
    return may_edit_draft(user, update) and user.has_perm(DELETE_DRAFT)


def may_submit(user: Person, update: Reviewed) -> bool:
    from resolutions.models import State

    own = update.author_id == user.pk and can_draft(user)
    return (
        _state(update) == State.DRAFT
        and (own or can_review(user))
        and in_scope(user, update.action)
    )


def may_review(user: Person, update: Reviewed) -> bool:
    """Reject (return to its author), or, when may_publish() too, publish."""
    from resolutions.models import State

    return _state(update) == State.SUBMITTED and can_review(user) and in_scope(user, update.action)


def second_reviewer_required() -> bool:
    """Four eyes (settings.REQUIRE_SECOND_REVIEWER, on unless a one-person secretariat turns it
    off): nobody publishes or verifies what they wrote themselves."""
    return getattr(settings, "REQUIRE_SECOND_REVIEWER", True)


def is_own(user: Person, record: Any) -> bool:
    """`user` wrote `record` (a status update or a review record: its author)."""
    return record.author_id is not None and record.author_id == user.pk


def four_eyes_refuse(user: Person, record: Any) -> bool:
    """Four eyes: `user` may not publish or verify `record`, having written it."""
    return second_reviewer_required() and is_own(user, record)


SELF_REVIEW_REFUSED = gettext_lazy(
    "You wrote this: a second person must review it. Nobody publishes or verifies what they "
    "wrote themselves."
)


def may_verify(user: Person, update: StatusUpdate) -> bool:
    """Verify later a published update that was reported: a reviewer in scope who did not
    write it (unless four eyes are switched off)."""
    from resolutions.models import State, Verification

    return (
        _state(update) == State.PUBLISHED
        and update.verification == Verification.REPORTED
        and can_review(user)
        and in_scope(user, update.action)
        and not four_eyes_refuse(user, update)
    )


def may_publish(user: Person, update: Reviewed) -> bool:
    """Publish (approve): a reviewer other than its author, unless four eyes are switched off."""
    return may_review(user, update) and not four_eyes_refuse(user, update)


def model_permission(record: models.Model, action: str) -> str:
    """The Django permission to `action` ("add", "change", "delete") a record like `record`."""
    meta = record._meta
    return f"{meta.app_label}.{action}_{meta.model_name}"


def require(allowed: bool, message: Any) -> None:
    if not allowed:
        raise PermissionDenied(message)
