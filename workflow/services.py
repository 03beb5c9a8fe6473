"""Writes that touch several models or carry rules. Each is a keyword-only function under one
transaction.

Two kinds:

- status_update_create() is the TRUSTED path: data-file loads, tests, imports and other code
  that already decided an assessment is true. It checks no permissions and, unless told
  otherwise, records the update as published (and verified).
- Everything else is a step a person takes in the editorial workflow. Each takes the acting
  `user`, checks their role and editor assignments (workflow/roles.py), checks the version the
  user started from (optimistic locking: no lost updates) and records the user in the audit
  trail. They raise PermissionDenied, ValidationError (including ConflictError, a
  ValidationError) or AppendOnlyError, and write nothing when they do.

    status_update_draft_create → status_update_draft_edit* → status_update_submit
        → status_update_publish (alias status_update_approve)
        → or status_update_reject(reason=…) → back to draft, edit, submit again…
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resolutions.models import (
    Action,
    Evidence,
    Occurrence,
    State,
    StatusUpdate,
    Verification,
)
from resolutions.models.audit import attribute_to

from . import fact_services, notifications, roles, state_machine
from .state_machine import EvidenceArg, Step, attach_evidence

if TYPE_CHECKING:
    from django.contrib.auth.models import User


# The fields of an update its author writes; everything else is set by the workflow.
CONTENT_FIELDS = ("action", "status", "progress", "as_of", "note", "corrects")


@transaction.atomic
def status_update_create(
    *,
    action: Action,
    status: str,
    as_of: date,
    note: str,
    author: User | None,
    evidence: list[dict[str, Any]],
    progress: int | None = None,
    author_name: str = "",
    import_key: str = "",
    state: str = State.PUBLISHED,
    verification: str = Verification.VERIFIED,
    review_note: str = "",
    corrects: StatusUpdate | None = None,
) -> StatusUpdate:
    """TRUSTED: record an assessment of `action` with at least one piece of evidence.

    No permission check: for data files, tests and imports. Published (and verified: the tracker
    team checked it against the cited evidence) unless `state` says otherwise; `verification`
    applies to published updates only. `evidence` is a list of dicts with any of: source,
    occurrence, url, title, locator, quote. Nothing is written unless the update and every piece
    of evidence are valid. With `corrects` (a published update of the same action: the data
    file's `corrects`) it is a correction, and once published the corrected one is superseded.
    """
    if not evidence:
        raise ValidationError(
            {"evidence": _("A status update needs at least one piece of evidence.")}
        )
    state = State(state)
    now = timezone.now()
    update = StatusUpdate(
        action=action,
        status=status,
        progress=progress,
        as_of=as_of,
        note=note,
        author=author,
        author_name=author_name or state_machine.author_name(author),
        import_key=import_key,
        state=state,
        verification=verification if state == State.PUBLISHED else "",
        published_at=now if state == State.PUBLISHED else None,
        submitted_at=now if state == State.SUBMITTED else None,
        review_note=review_note,
        corrects=corrects,
    )
    attribute_to(update, author)
    update.full_clean()
    update.save()
    attach_evidence(STATUS_UPDATE, update, evidence)
    if corrects is not None and state == State.PUBLISHED:
        _supersede(update, author)
    return update


# --- Editorial workflow ------------------------------------------------------------------------


@transaction.atomic
def status_update_draft_create(
    *,
    user: User,
    action: Action,
    status: str,
    as_of: date,
    note: str,
    evidence: EvidenceArg,
    progress: int | None = None,
    corrects: StatusUpdate | None = None,
) -> StatusUpdate:
    """A new draft by `user` (Editor or above, within their assignments). Not public. With
    `corrects` (a published update of the same action) it is a correction: once published, it
    supersedes that update."""
    roles.require(roles.can_draft(user), _("You may not record status updates."))
    roles.require(
        roles.in_scope(user, action),
        _("You are not assigned to “%(action)s”; ask an administrator to extend your assignments.")
        % {"action": action},
    )
    update = StatusUpdate(
        action=action,
        status=status,
        progress=progress,
        as_of=as_of,
        note=note,
        author=user,
        author_name=state_machine.author_name(user),
        state=State.DRAFT,
        corrects=corrects,
    )
    attribute_to(update, user)
    update.full_clean()
    update.save()
    attach_evidence(STATUS_UPDATE, update, evidence)
    return update


@transaction.atomic
def status_update_draft_edit(
    *,
    user: User,
    update: StatusUpdate,
    version: int | None,
    evidence: EvidenceArg | None = None,
    **changes: Any,
) -> StatusUpdate:
    """Change a draft's content (CONTENT_FIELDS); `evidence`, when given, replaces all of it
    (a list), or saves its changes (a callable). Only the author (or an administrator) edits a
    draft; a draft that was rejected keeps its rejection until it is submitted again."""
    return state_machine.draft_edit(
        kind=STATUS_UPDATE,
        user=user,
        record=update,
        version=version,
        evidence=evidence,
        changes=changes,
    )


@transaction.atomic
def status_update_draft_delete(
    *, user: User, update: StatusUpdate, version: int | None = None
) -> None:
    """Throw a draft away (its author or an administrator). The audit trail keeps it."""
    state_machine.draft_delete(kind=STATUS_UPDATE, user=user, record=update, version=version)


def _supersede_corrected(update: StatusUpdate, user: User) -> None:
    if update.corrects_id:
        _supersede(update, user)


STATUS_UPDATE = state_machine.Kind(
    may_submit=roles.may_submit,
    may_review=roles.may_review,
    messages={
        "submit_state": gettext_lazy("Only a draft can be submitted; this update is %(state)s."),
        "publish_state": gettext_lazy(
            "Only an update submitted for review can be published; this one is %(state)s."
        ),
        "reject_state": gettext_lazy(
            "Only an update submitted for review can be rejected; this one is %(state)s."
        ),
        "submit_denied": gettext_lazy(
            "You may submit your own drafts; submitting others' drafts is for reviewers."
        ),
        "no_reason": gettext_lazy("Say why the update is rejected."),
        "no_evidence": gettext_lazy("A status update needs at least one piece of evidence."),
        "not_a_field": gettext_lazy("Not a field of a draft: %(names)s."),
    },
    notify={
        "submit": notifications.update_submitted,
        "publish": notifications.update_published,
        "reject": notifications.update_returned,
    },
    before_publish=_supersede_corrected,
    related=("action",),
    content_fields=CONTENT_FIELDS,
    evidence_model=Evidence,
    evidence_parent="status_update",
)


def status_update_submit(
    *, user: User, update: StatusUpdate, version: int | None = None, note: str = ""
) -> StatusUpdate:
    """draft → submitted: ask a reviewer to publish it. From now on it cannot be edited."""
    return state_machine.transition(
        kind=STATUS_UPDATE, user=user, record=update, step="submit", version=version, note=note
    )


def status_update_publish(
    *,
    user: User,
    update: StatusUpdate,
    verification: str,
    version: int | None = None,
    note: str = "",
) -> StatusUpdate:
    """submitted → published, as `verification` ("reported" or "verified"). From this moment
    the update counts everywhere public: pages, roll-ups, exports, API, as-of views."""
    return state_machine.transition(
        kind=STATUS_UPDATE,
        user=user,
        record=update,
        step="publish",
        version=version,
        note=note,
        verification=verification,
    )


def _supersede(correction: StatusUpdate, user: User | None) -> None:
    """Mark the update `correction` corrects as superseded by it (at the correction's
    publication, in the same transaction)."""
    corrected = StatusUpdate.objects.select_for_update().get(pk=correction.corrects_id)
    if corrected.state != State.PUBLISHED:
        raise ValidationError({"corrects": _("Only a published update can be corrected.")})
    if corrected.superseded_by_id is not None:
        raise ValidationError(
            {"corrects": _("That update was already corrected; correct the correction instead.")}
        )
    corrected.superseded_by = correction
    attribute_to(corrected, user)
    corrected._change_reason = "Superseded by a published correction."
    corrected.save(update_fields=["superseded_by", "version"])


@transaction.atomic
def status_update_verify(
    *, user: User, update: StatusUpdate, version: int | None = None, note: str = ""
) -> StatusUpdate:
    """A published, reported update confirmed later against its evidence by a reviewer (not its
    author): it becomes verified, with who and when recorded. Its content does not change."""
    stored = state_machine.locked(STATUS_UPDATE, update, version)
    if stored.state != State.PUBLISHED or stored.verification != Verification.REPORTED:
        raise ValidationError("Only a published update reported as self-assessed can be verified.")
    roles.require(not roles.four_eyes_refuse(user, stored), roles.SELF_REVIEW_REFUSED)
    roles.require(roles.may_verify(user, stored), _("Verifying is for reviewers."))
    stored.verification = Verification.VERIFIED
    stored.verified_at, stored.verified_by = timezone.now(), user
    stored.review_note = note
    return state_machine.save_step(
        stored,
        user,
        ["verification", "verified_at", "verified_by", "review_note"],
        f"Verified against the cited evidence. {note}".strip(),
        onto=update,
    )


status_update_approve = status_update_publish


def status_update_reject(
    *, user: User, update: StatusUpdate, reason: str, version: int | None = None
) -> StatusUpdate:
    """submitted → draft, with the reason, so the author can correct it and submit it again."""
    return state_machine.transition(
        kind=STATUS_UPDATE, user=user, record=update, step="reject", version=version, reason=reason
    )


def status_updates_transition(
    *, user: User, updates: Iterable[StatusUpdate], transition: Step, **params: Any
) -> list[StatusUpdate]:
    """Apply one step to several updates with one note (the admin's bulk actions). All or
    nothing: if any update cannot take the step, none does and the error names it."""
    return state_machine.transition_all(
        kind=STATUS_UPDATE, user=user, records=updates, step=transition, **params
    )


# --- Versioned edits of the other records -------------------------------------------------------


def _versioned_update(
    *, user: User, instance: Any, version: int, changes: dict[str, Any], permission: str
) -> Any:
    roles.require(user.is_active and user.has_perm(permission), _("You may not change this."))
    instance.version = version
    for name, value in changes.items():
        setattr(instance, name, value)
    attribute_to(instance, user)
    instance.full_clean()
    instance.save()  # refuses with ConflictError if `version` is no longer current
    return instance


@transaction.atomic
def action_update(*, user: User, action: Action, version: int, **changes: Any) -> Action:
    """Change an action's fields, refusing with ConflictError if someone else saved it since
    the caller read version `version`."""
    return _versioned_update(
        user=user,
        instance=action,
        version=version,
        changes=changes,
        permission="resolutions.change_action",
    )


def occurrence_create(*, user: User, action: Action, **fields: Any) -> Occurrence:
    """A draft occurrence of `action` by `user`: public once a second person publishes it
    (fact_services.fact_draft_create, which holds the rules)."""
    occurrence = Occurrence(action=action, **fields)
    fact_services.fact_draft_create(user=user, record=occurrence)
    return occurrence


__all__ = [
    "action_update",
    "occurrence_create",
    "status_update_approve",
    "status_update_create",
    "status_update_draft_create",
    "status_update_draft_delete",
    "status_update_draft_edit",
    "status_update_publish",
    "status_update_reject",
    "status_update_submit",
    "status_update_verify",
    "status_updates_transition",
]
