"""Writes of review records ("checked the sources on this date, no change"): the same workflow as
status updates (workflow/services.py), keyword-only, one transaction each.

    action_review_create                       TRUSTED: data files, imports, tests, bulk tools
    action_review_draft_create → action_review_submit → action_review_publish
                                               → or action_review_reject(reason=…) → draft

The workflow steps check roles exactly as for status updates (workflow/roles.py): an Editor
drafts and submits their own reviews, a Reviewer submits anyone's, publishes and rejects.
"""

import copy
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resolutions.models import ConflictError, State, Verification
from resolutions.models.audit import attribute_to
from resolutions.models.reviews import ActionReview, ReviewEvidence

from . import notifications, roles


def _author_name(user):
    return (user.get_full_name() or user.get_username()) if user else ""


NO_EVIDENCE = gettext_lazy("A review needs at least one piece of evidence.")

# The fields of a review its author writes; everything else is set by the workflow.
CONTENT_FIELDS = ("action", "reviewed_on", "note")


def _attach_evidence(review, evidence):
    """`evidence`: a list of dicts (ReviewEvidence fields), or a callable that saves the
    evidence of `review` itself (the admin's evidence formset)."""
    if callable(evidence):
        evidence(review)
        if not review.evidence.exists():
            raise ValidationError({"evidence": NO_EVIDENCE})
        return
    if not evidence:
        raise ValidationError({"evidence": NO_EVIDENCE})
    for item in evidence:
        piece = ReviewEvidence(review=review, **item)
        piece.full_clean()
        piece.save()


@transaction.atomic
def action_review_create(
    *,
    action,
    reviewed_on,
    note,
    evidence,
    author=None,
    author_name="",
    state=State.PUBLISHED,
    verification=Verification.REPORTED,
):
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
        author_name=author_name or _author_name(author),
        state=state,
        verification=verification if state == State.PUBLISHED else "",
        published_at=now if state == State.PUBLISHED else None,
        submitted_at=now if state == State.SUBMITTED else None,
    )
    attribute_to(review, author)
    review.full_clean()
    review.save()
    _attach_evidence(review, evidence)
    return review


@transaction.atomic
def action_review_draft_create(*, user, action, reviewed_on, note, evidence):
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
        author_name=_author_name(user),
        state=State.DRAFT,
    )
    attribute_to(review, user)
    review.full_clean()
    review.save()
    _attach_evidence(review, evidence)
    return review


def _locked(review, version):
    stored = ActionReview.objects.select_for_update().select_related("action").get(pk=review.pk)
    expected = review.version if version is None else version
    if stored.version != expected:
        attempted = copy.copy(review)
        attempted.version = expected
        raise ConflictError(attempted, stored)
    return stored


@transaction.atomic
def action_review_draft_edit(*, user, review, version, evidence=None, **changes):
    """Change a draft review's content (CONTENT_FIELDS); `evidence`, when given, replaces all
    of it (a list) or saves its changes (a callable). Only its author (or an administrator)."""
    unknown = set(changes) - set(CONTENT_FIELDS)
    if unknown:
        raise ValidationError(
            _("Not a field of a draft review: %(names)s.") % {"names": ", ".join(sorted(unknown))}
        )
    stored = _locked(review, version)
    roles.require(roles.may_edit_draft(user, stored), _("You may edit only your own drafts."))
    if "action" in changes:
        roles.require(roles.in_scope(user, changes["action"]), _("You are not assigned to it."))
    for name, value in changes.items():
        setattr(stored, name, value)
    attribute_to(stored, user)
    stored.full_clean()
    stored.save()
    if evidence is not None:
        if not callable(evidence):
            for piece in stored.evidence.all():
                attribute_to(piece, user)
                piece.delete()
        _attach_evidence(stored, evidence)
    review.refresh_from_db()
    return review


def _step(review, stored, user, fields, reason):
    attribute_to(stored, user)
    stored._change_reason = reason[:100]
    stored.save(update_fields=[*fields, "version"])
    for name in (*fields, "version"):
        setattr(review, name, getattr(stored, name))
    return review


_SUBMIT_FIELDS = [
    "state",
    "submitted_at",
    "submitted_by",
    "rejected_at",
    "rejected_by",
    "rejection_reason",
    "review_note",
]


@transaction.atomic
def action_review_submit(*, user, review, version=None, note=""):
    """draft → submitted. From now on it cannot be edited."""
    stored = _locked(review, version)
    if stored.state != State.DRAFT:
        raise ValidationError(
            _("Only a draft can be submitted; this review is %(state)s.")
            % {"state": stored.get_state_display()}
        )
    roles.require(roles.may_submit(user, stored), _("You may submit only your own drafts."))
    stored.state = State.SUBMITTED
    stored.submitted_at = timezone.now()
    stored.submitted_by = user
    stored.rejected_at, stored.rejected_by, stored.rejection_reason = None, None, ""
    stored.review_note = note
    _step(review, stored, user, _SUBMIT_FIELDS, f"Submitted for review. {note}".strip())
    notifications.fact_submitted(stored)
    return review


@transaction.atomic
def action_review_publish(*, user, review, verification, version=None, note=""):
    """submitted → published: from now on the review is public and staleness counts from it."""
    stored = _locked(review, version)
    if stored.state != State.SUBMITTED:
        raise ValidationError(
            _("Only a review submitted for review can be published; this one is %(state)s.")
            % {"state": stored.get_state_display()}
        )
    roles.require(roles.may_review(user, stored), _("Publishing is for reviewers."))
    roles.require(roles.may_publish(user, stored), roles.SELF_REVIEW_REFUSED)
    if verification not in Verification.values:
        raise ValidationError({"verification": _("Say whether it is reported or verified.")})
    stored.state = State.PUBLISHED
    stored.verification = verification
    stored.published_at = timezone.now()
    stored.published_by = user
    stored.review_note = note
    _step(
        review,
        stored,
        user,
        ["state", "verification", "published_at", "published_by", "review_note"],
        f"Published as {verification}. {note}".strip(),
    )
    notifications.fact_published(stored)
    return review


@transaction.atomic
def action_review_reject(*, user, review, reason, version=None):
    """submitted → draft, with the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"rejection_reason": _("Say why the review is rejected.")})
    stored = _locked(review, version)
    if stored.state != State.SUBMITTED:
        raise ValidationError(
            _("Only a review submitted for review can be rejected; this one is %(state)s.")
            % {"state": stored.get_state_display()}
        )
    roles.require(roles.may_review(user, stored), _("Rejecting is for reviewers."))
    stored.state = State.DRAFT
    stored.submitted_at, stored.submitted_by = None, None
    stored.rejected_at, stored.rejected_by = timezone.now(), user
    stored.rejection_reason = reason
    stored.review_note = ""
    _step(review, stored, user, _SUBMIT_FIELDS, f"Rejected: {reason}")
    notifications.fact_returned(stored)
    return review


TRANSITIONS: dict[str, Callable[..., ActionReview]] = {
    "submit": action_review_submit,
    "publish": action_review_publish,
    "reject": action_review_reject,
}


@transaction.atomic
def action_reviews_transition(*, user, reviews, transition, **params):
    """Apply one step to several reviews with one note (the admin's bulk actions). All or
    nothing: if any review cannot take the step, none does and the error names it."""
    step = TRANSITIONS[transition]
    done = []
    for review in reviews:
        try:
            done.append(step(user=user, review=review, **params))
        except ValidationError as exc:
            raise ValidationError(f"{review}: {' '.join(exc.messages)}") from exc
        except PermissionDenied as exc:
            raise PermissionDenied(f"{review}: {exc}") from exc
    return done


@transaction.atomic
def action_reviews_bulk_draft(*, user, actions, reviewed_on, note, evidence):
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
    "action_review_draft_edit",
    "action_review_publish",
    "action_review_reject",
    "action_review_submit",
    "action_reviews_bulk_draft",
    "action_reviews_transition",
]
