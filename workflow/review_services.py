"""Writes of review records ("checked the sources on this date, no change"): the same workflow as
status updates (workflow/services.py), keyword-only, one transaction each.

    action_review_create                       TRUSTED: data files, imports, tests, bulk tools
    action_review_draft_create → action_review_submit → action_review_publish
                                               → or action_review_reject(reason=…) → draft

The workflow steps check roles exactly as for status updates (workflow/roles.py): an Editor
drafts and submits their own reviews, a Reviewer submits anyone's, publishes and rejects.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resolutions.models import Action, State, Verification
from resolutions.models.audit import attribute_to
from resolutions.models.reviews import ActionReview, ReviewEvidence

from . import notifications, roles, state_machine
from .state_machine import EvidenceArg, Step, attach_evidence

if TYPE_CHECKING:
    from django.contrib.auth.models import User


# The fields of a review its author writes; everything else is set by the workflow.
CONTENT_FIELDS = ("action", "reviewed_on", "note")


@transaction.atomic
def action_review_create(
    *,
    action: Action,
    reviewed_on: date,
    note: str,
    evidence: list[dict[str, Any]],
    author: User | None = None,
    author_name: str = "",
    state: str = State.PUBLISHED,
    verification: str = Verification.REPORTED,
) -> ActionReview:
    """TRUSTED: record that `action`'s sources were checked on `reviewed_on` (no permission
    check). Published as `verification` unless `state` says otherwise. `evidence` is a list of
    dicts with any of: source, occurrence, url, title, locator, quote."""
    if not evidence:
        raise ValidationError({"evidence": _("A review needs at least one piece of evidence.")})
    state = State(state)
    now = timezone.now()
    review = ActionReview(
        action=action,
        reviewed_on=reviewed_on,
        note=note,
        author=author,
        author_name=author_name or state_machine.author_name(author),
        state=state,
        verification=verification if state == State.PUBLISHED else "",
        published_at=now if state == State.PUBLISHED else None,
        submitted_at=now if state == State.SUBMITTED else None,
    )
    attribute_to(review, author)
    review.full_clean()
    review.save()
    attach_evidence(REVIEW, review, evidence)
    return review


@transaction.atomic
def action_review_draft_create(
    *, user: User, action: Action, reviewed_on: date, note: str, evidence: EvidenceArg
) -> ActionReview:
    """A new draft review by `user` (Editor or above, within their assignments). Not public."""
    roles.require(roles.can_draft(user), _("You may not record reviews."))
    roles.require(
        roles.in_scope(user, action),
        _("You are not assigned to “%(action)s”.") % {"action": action},
    )
    review = ActionReview(
        action=action,
        reviewed_on=reviewed_on,
        note=note,
        author=user,
        author_name=state_machine.author_name(user),
        state=State.DRAFT,
    )
    attribute_to(review, user)
    review.full_clean()
    review.save()
    attach_evidence(REVIEW, review, evidence)
    return review


@transaction.atomic
def action_review_draft_edit(
    *,
    user: User,
    review: ActionReview,
    version: int | None,
    evidence: EvidenceArg | None = None,
    **changes: Any,
) -> ActionReview:
    """Change a draft review's content (CONTENT_FIELDS); `evidence`, when given, replaces all
    of it (a list) or saves its changes (a callable). Only its author (or an administrator)."""
    return state_machine.draft_edit(
        kind=REVIEW, user=user, record=review, version=version, evidence=evidence, changes=changes
    )


@transaction.atomic
def action_review_draft_delete(
    *, user: User, review: ActionReview, version: int | None = None
) -> None:
    """Throw a draft review away (its author or an administrator). The audit trail keeps it."""
    state_machine.draft_delete(kind=REVIEW, user=user, record=review, version=version)


REVIEW = state_machine.Kind(
    may_submit=roles.may_submit,
    may_review=roles.may_review,
    messages={
        "submit_state": gettext_lazy("Only a draft can be submitted; this review is %(state)s."),
        "publish_state": gettext_lazy(
            "Only a review submitted for review can be published; this one is %(state)s."
        ),
        "reject_state": gettext_lazy(
            "Only a review submitted for review can be rejected; this one is %(state)s."
        ),
        "submit_denied": gettext_lazy("You may submit only your own drafts."),
        "no_reason": gettext_lazy("Say why the review is rejected."),
        "no_evidence": gettext_lazy("A review needs at least one piece of evidence."),
        "not_a_field": gettext_lazy("Not a field of a draft review: %(names)s."),
    },
    notify={
        "submit": notifications.fact_submitted,
        "publish": notifications.fact_published,
        "reject": notifications.fact_returned,
    },
    related=("action",),
    content_fields=CONTENT_FIELDS,
    evidence_model=ReviewEvidence,
    evidence_parent="review",
)


def action_review_submit(
    *, user: User, review: ActionReview, version: int | None = None, note: str = ""
) -> ActionReview:
    """draft → submitted. From now on it cannot be edited."""
    return state_machine.transition(
        kind=REVIEW, user=user, record=review, step="submit", version=version, note=note
    )


def action_review_publish(
    *,
    user: User,
    review: ActionReview,
    verification: str,
    version: int | None = None,
    note: str = "",
) -> ActionReview:
    """submitted → published: from now on the review is public and staleness counts from it."""
    return state_machine.transition(
        kind=REVIEW,
        user=user,
        record=review,
        step="publish",
        version=version,
        note=note,
        verification=verification,
    )


def action_review_reject(
    *, user: User, review: ActionReview, reason: str, version: int | None = None
) -> ActionReview:
    """submitted → draft, with the reason."""
    return state_machine.transition(
        kind=REVIEW, user=user, record=review, step="reject", version=version, reason=reason
    )


def action_reviews_transition(
    *, user: User, reviews: Iterable[ActionReview], transition: Step, **params: Any
) -> list[ActionReview]:
    """Apply one step to several reviews with one note (the admin's bulk actions). All or
    nothing: if any review cannot take the step, none does and the error names it."""
    return state_machine.transition_all(
        kind=REVIEW, user=user, records=reviews, step=transition, **params
    )


@transaction.atomic
def action_reviews_bulk_draft(
    *,
    user: User,
    actions: Iterable[Action],
    reviewed_on: date,
    note: str,
    evidence: list[dict[str, Any]],
) -> list[ActionReview]:
    """A draft review record for each action, with the same note, date and evidence."""
    roles.require(roles.can_draft(user), _("You may not record reviews."))
    drafts = []
    for action in actions:
        try:
            drafts.append(
                action_review_draft_create(
                    user=user, action=action, reviewed_on=reviewed_on, note=note, evidence=evidence
                )
            )
        except ValidationError as exc:
            raise ValidationError(f"{action}: {' '.join(exc.messages)}") from exc
        except PermissionDenied as exc:
            raise PermissionDenied(f"{action}: {exc}") from exc
    return drafts


__all__ = [
    "action_review_create",
    "action_review_draft_create",
    "action_review_draft_delete",
    "action_review_draft_edit",
    "action_review_publish",
    "action_review_reject",
    "action_review_submit",
    "action_reviews_bulk_draft",
    "action_reviews_transition",
]
