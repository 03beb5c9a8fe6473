"""The editorial workflow for occurrences, participations and sourced figures (models/facts.py):
draft → submitted → published, or back to draft with a reason. Keyword-only, one transaction
each, permission-checked like the status-update services (workflow/roles.py):

- the author (or a reviewer) submits a draft, which must cite a source;
- a reviewer who did not record it publishes it (four eyes, unless switched off) or rejects it;
- publishing an occurrence publishes the participations recorded with it.

From publication on, the fact is public: pages, roll-up, exports, API.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from resolutions.models import (
    FactCorrection,
    MemberStateRole,
    Occurrence,
    Participation,
    SourcedFigure,
)
from resolutions.models.audit import attribute_to
from resolutions.models.facts import WORKFLOW_FIELDS, FactState

from . import notifications, roles

FACT_MODELS = (Occurrence, Participation, SourcedFigure, MemberStateRole, FactCorrection)


def _action_of(record):
    return record.occurrence.action if isinstance(record, Participation) else record.action


def _locked(record):
    return type(record).all_objects.select_for_update().get(pk=record.pk)


def _save_step(record, user, reason):
    attribute_to(record, user)
    record._change_reason = reason[:100]
    fields = list(WORKFLOW_FIELDS)
    if hasattr(record, "version"):
        fields.append("version")
    record.save(update_fields=fields)
    return record


def _require_source(record):
    if isinstance(record, Occurrence) and not record.sources.exists():
        raise ValidationError(
            {"sources": _("An occurrence needs at least one source before it is submitted.")}
        )


def may_submit_fact(user, record):
    own = roles.is_own(user, record) and user.has_perm(f"resolutions.add_{record._meta.model_name}")
    return (
        record.state == FactState.DRAFT
        and (own or roles.can_review(user))
        and roles.in_scope(user, _action_of(record))
    )


def may_review_fact(user, record):
    return (
        record.state == FactState.SUBMITTED
        and roles.can_review(user)
        and roles.in_scope(user, _action_of(record))
    )


def may_publish_fact(user, record):
    return may_review_fact(user, record) and not (
        roles.second_reviewer_required() and roles.is_own(user, record)
    )


@transaction.atomic
def fact_submit(*, user, record):
    stored = _locked(record)
    if stored.state != FactState.DRAFT:
        raise ValidationError(
            _("Only a draft can be submitted; this one is %(state)s.")
            % {"state": stored.get_state_display()}
        )
    roles.require(may_submit_fact(user, stored), _("You may submit only your own drafts."))
    _require_source(stored)
    stored.state = FactState.SUBMITTED
    stored.submitted_at = timezone.now()
    stored.rejected_at, stored.rejected_by, stored.rejection_reason = None, None, ""
    _save_step(stored, user, "Submitted for review.")
    notifications.fact_submitted(stored)
    return stored


@transaction.atomic
def fact_publish(*, user, record):
    stored = _locked(record)
    if stored.state != FactState.SUBMITTED:
        raise ValidationError(
            _("Only a record submitted for review can be published; this one is %(state)s.")
            % {"state": stored.get_state_display()}
        )
    roles.require(may_review_fact(user, stored), _("Publishing is for reviewers."))
    roles.require(may_publish_fact(user, stored), roles.SELF_REVIEW_REFUSED)
    _require_source(stored)
    stored.state = FactState.PUBLISHED
    stored.published_at, stored.published_by = timezone.now(), user
    if isinstance(stored, FactCorrection):
        # Its changes are written onto the published fact now, in the same transaction.
        from workflow.fact_corrections import apply_correction

        apply_correction(stored, user)
    _save_step(stored, user, "Published.")
    notifications.fact_published(stored)
    if isinstance(stored, Occurrence):
        # Who took part was recorded with it, by the same author: reviewed with it.
        for participation in Participation.all_objects.filter(occurrence=stored).exclude(
            state=FactState.PUBLISHED
        ):
            participation.state = FactState.PUBLISHED
            participation.published_at, participation.published_by = stored.published_at, user
            _save_step(participation, user, "Published with its occurrence.")
    return stored


@transaction.atomic
def fact_reject(*, user, record, reason):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"rejection_reason": _("Say why it is rejected.")})
    stored = _locked(record)
    if stored.state != FactState.SUBMITTED:
        raise ValidationError(
            _("Only a record submitted for review can be rejected; this one is %(state)s.")
            % {"state": stored.get_state_display()}
        )
    roles.require(may_review_fact(user, stored), _("Rejecting is for reviewers."))
    stored.state = FactState.DRAFT
    stored.submitted_at = None
    stored.rejected_at, stored.rejected_by, stored.rejection_reason = timezone.now(), user, reason
    _save_step(stored, user, f"Rejected: {reason}")
    notifications.fact_returned(stored)
    return stored


FACT_STEPS: dict[str, Callable[..., Any]] = {
    "submit": fact_submit,
    "publish": fact_publish,
    "reject": fact_reject,
}


@transaction.atomic
def facts_transition(*, user, records, transition, **params):
    """One step for several records (the admin's bulk actions), all or nothing."""
    step = FACT_STEPS[transition]
    done = []
    for record in records:
        try:
            done.append(step(user=user, record=record, **params))
        except ValidationError as exc:
            raise ValidationError(f"{record}: {' '.join(exc.messages)}") from exc
        except PermissionDenied as exc:
            raise PermissionDenied(f"{record}: {exc}") from exc
    return done


def may_edit_fact(user, record):
    """Only a draft is edited: by its author, or by an Administrator. Nothing submitted or
    published is edited in place, whatever the role: a published fact changes through a
    correction that a second person publishes (workflow/fact_corrections.py)."""
    if record.state != FactState.DRAFT:
        return False
    return roles.is_own(user, record) or user.has_perm(roles.EDIT_ANY_DRAFT)
