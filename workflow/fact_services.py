"""The editorial workflow for occurrences, participations and sourced figures (models/facts.py):
draft → submitted → published, or back to draft with a reason. Keyword-only, one transaction
each, permission-checked like the status-update services (workflow/roles.py):

- the author (or a reviewer) submits a draft, which must cite a source;
- a reviewer who did not record it publishes it (four eyes, unless switched off) or rejects it;
- publishing an occurrence publishes the participations recorded with it.

From publication on, the fact is public: pages, roll-up, exports, API.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resolutions.models import (
    Action,
    FactCorrection,
    MemberStateRole,
    Occurrence,
    Participation,
    SourcedFigure,
)
from resolutions.models.audit import attribute_to
from resolutions.models.facts import FactState

from . import notifications, roles, state_machine
from .state_machine import Step

if TYPE_CHECKING:
    from django.contrib.auth.models import User

FACT_MODELS = (Occurrence, Participation, SourcedFigure, MemberStateRole, FactCorrection)
# A record of the fact workflow (models/facts.py: ReviewedFact).
Fact = Occurrence | Participation | SourcedFigure | MemberStateRole | FactCorrection


def _action_of(record: Fact) -> Action:
    return record.occurrence.action if isinstance(record, Participation) else record.action


def _require_source(record: Fact) -> None:
    if isinstance(record, Occurrence) and not record.sources.exists():
        raise ValidationError(
            {"sources": _("An occurrence needs at least one source before it is submitted.")}
        )


def may_submit_fact(user: User, record: Fact) -> bool:
    own = roles.is_own(user, record) and user.has_perm(f"resolutions.add_{record._meta.model_name}")
    return (
        record.state == FactState.DRAFT
        and (own or roles.can_review(user))
        and roles.in_scope(user, _action_of(record))
    )


def may_review_fact(user: User, record: Fact) -> bool:
    return (
        record.state == FactState.SUBMITTED
        and roles.can_review(user)
        and roles.in_scope(user, _action_of(record))
    )


def _check(record: Fact, step: str) -> None:
    if step in ("submit", "publish"):
        _require_source(record)


def _apply_correction(record: Fact, user: User) -> None:
    if isinstance(record, FactCorrection):
        # Its changes are written onto the published fact now, in the same transaction.
        from workflow.fact_corrections import apply_correction

        apply_correction(record, user)


def _publish_participations(record: Fact, user: User) -> None:
    if not isinstance(record, Occurrence):
        return
    # Who took part was recorded with it, by the same author: reviewed with it.
    for participation in Participation.all_objects.filter(occurrence=record).exclude(
        state=FactState.PUBLISHED
    ):
        participation.state = FactState.PUBLISHED
        participation.published_at, participation.published_by = record.published_at, user
        state_machine.save_step(
            participation,
            user,
            ["state", "published_at", "published_by"],
            "Published with its occurrence.",
        )


FACT = state_machine.Kind(
    may_submit=may_submit_fact,
    may_review=may_review_fact,
    messages={
        "submit_state": gettext_lazy("Only a draft can be submitted; this one is %(state)s."),
        "publish_state": gettext_lazy(
            "Only a record submitted for review can be published; this one is %(state)s."
        ),
        "reject_state": gettext_lazy(
            "Only a record submitted for review can be rejected; this one is %(state)s."
        ),
        "submit_denied": gettext_lazy("You may submit only your own drafts."),
        "no_reason": gettext_lazy("Say why it is rejected."),
    },
    notify={
        "submit": notifications.fact_submitted,
        "publish": notifications.fact_published,
        "reject": notifications.fact_returned,
    },
    check=_check,
    before_publish=_apply_correction,
    after_publish=_publish_participations,
    checks_version=False,
)


def fact_submit(*, user: User, record: Fact) -> Fact:
    return state_machine.transition(kind=FACT, user=user, record=record, step="submit")


def fact_publish(*, user: User, record: Fact) -> Fact:
    return state_machine.transition(kind=FACT, user=user, record=record, step="publish")


def fact_reject(*, user: User, record: Fact, reason: str) -> Fact:
    return state_machine.transition(
        kind=FACT, user=user, record=record, step="reject", reason=reason
    )


def facts_transition(
    *, user: User, records: Iterable[Fact], transition: Step, **params: Any
) -> list[Fact]:
    """One step for several records (the admin's bulk actions), all or nothing."""
    return state_machine.transition_all(
        kind=FACT, user=user, records=records, step=transition, **params
    )


def may_edit_fact(user: User, record: Fact) -> bool:
    """Only a draft is edited: by its author, or by an Administrator. Nothing submitted or
    published is edited in place, whatever the role: a published fact changes through a
    correction that a second person publishes (workflow/fact_corrections.py)."""
    if record.state != FactState.DRAFT:
        return False
    return roles.is_own(user, record) or user.has_perm(roles.EDIT_ANY_DRAFT)


# --- Drafts: recorded, edited and deleted by people (the admin) ----------------------------------


@transaction.atomic
def fact_draft_create(*, user: User, record: Fact) -> Fact:
    """Record `record` (an unsaved occurrence, participation, figure or role, e.g. a form's
    instance) as a draft by `user`: not public until it is submitted and a second person
    publishes it. The user needs the model's add permission and an assignment covering the
    action."""
    roles.require(
        user.is_active and user.has_perm(roles.model_permission(record, "add")),
        _("You may not change this."),
    )
    roles.require(
        roles.in_scope(user, _action_of(record)),
        _("You are not assigned to “%(action)s”.") % {"action": _action_of(record)},
    )
    record.state = FactState.DRAFT
    record.author = user
    attribute_to(record, user)
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def fact_draft_edit(*, user: User, record: Fact) -> Fact:
    """Save the changes carried by `record` (a draft's form instance). Only a draft is edited,
    by its author or an Administrator (may_edit_fact), within the user's assignments; a versioned
    record refuses with ConflictError if someone saved it since `record.version` was read."""
    stored = state_machine.locked(FACT, record)
    roles.require(
        may_edit_fact(user, stored),
        _("A published record is changed by an Administrator only."),
    )
    roles.require(roles.in_scope(user, _action_of(record)), _("You are not assigned to it."))
    attribute_to(record, user)
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def fact_draft_delete(*, user: User, record: Fact) -> None:
    """Throw a draft away (never a submitted or published record: those are reviewed, and a
    published one is corrected). The audit trail keeps it."""
    stored = state_machine.locked(FACT, record)
    roles.require(
        stored.state == FactState.DRAFT,
        _("Only a draft is deleted; a published record is corrected."),
    )
    roles.require(
        user.is_active and user.has_perm(roles.model_permission(stored, "delete")),
        _("You may not change this."),
    )
    attribute_to(stored, user)
    stored.delete()
