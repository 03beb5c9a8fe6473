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

import copy
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resolutions.models import (
    ConflictError,
    Evidence,
    Occurrence,
    State,
    StatusUpdate,
    Verification,
)
from resolutions.models.audit import attribute_to, attributed_user

from . import notifications, roles

# The fields of an update its author writes; everything else is set by the workflow.
CONTENT_FIELDS = ("action", "status", "progress", "as_of", "note", "corrects")


def _author_name(user):
    return (user.get_full_name() or user.get_username()) if user else ""


NO_EVIDENCE = gettext_lazy("A status update needs at least one piece of evidence.")


def _attach_evidence(update, evidence):
    """`evidence`: a list of dicts (Evidence fields), or a callable that saves the evidence of
    `update` itself (the admin's evidence formset: rows added, changed or removed)."""
    if callable(evidence):
        evidence(update)
        if not update.evidence.exists():
            raise ValidationError({"evidence": NO_EVIDENCE})
        return
    if not evidence:
        raise ValidationError({"evidence": NO_EVIDENCE})
    for item in evidence:
        piece = Evidence(status_update=update, **item)
        attribute_to(piece, attributed_user(update))
        piece.full_clean()
        piece.save()


@transaction.atomic
def status_update_create(
    *,
    action,
    status,
    as_of,
    note,
    author,
    evidence,
    progress=None,
    author_name="",
    import_key="",
    state=State.PUBLISHED,
    verification=Verification.VERIFIED,
    review_note="",
    corrects=None,
):
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
        author_name=author_name or _author_name(author),
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
    _attach_evidence(update, evidence)
    if corrects is not None and state == State.PUBLISHED:
        _supersede(update, author)
    return update


# --- Editorial workflow ------------------------------------------------------------------------


def _locked(update, version):
    """The update as stored, locked until the transaction ends, after checking that nobody
    changed it since the caller read it (version `version`, or the instance's own)."""
    stored = StatusUpdate.objects.select_for_update().select_related("action").get(pk=update.pk)
    expected = update.version if version is None else version
    if stored.version != expected:
        attempted = copy.copy(update)
        attempted.version = expected
        raise ConflictError(attempted, stored)
    return stored


def _step(update, stored, user, fields, reason):
    """Save a workflow step (only workflow fields) and mirror it on the caller's instance."""
    attribute_to(stored, user)
    stored._change_reason = reason[:100]
    stored.save(update_fields=[*fields, "version"])
    for name in (*fields, "version"):
        setattr(update, name, getattr(stored, name))
    return update


@transaction.atomic
def status_update_draft_create(
    *, user, action, status, as_of, note, evidence, progress=None, corrects=None
):
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
        author_name=_author_name(user),
        state=State.DRAFT,
        corrects=corrects,
    )
    attribute_to(update, user)
    update.full_clean()
    update.save()
    _attach_evidence(update, evidence)
    return update


@transaction.atomic
def status_update_draft_edit(*, user, update, version, evidence=None, **changes):
    """Change a draft's content (CONTENT_FIELDS); `evidence`, when given, replaces all of it
    (a list), or saves its changes (a callable, see _attach_evidence). Only the author (or an
    administrator) edits a draft; a draft that was rejected keeps its rejection until it is
    submitted again."""
    unknown = set(changes) - set(CONTENT_FIELDS)
    if unknown:
        raise ValidationError(
            _("Not a field of a draft: %(names)s.") % {"names": ", ".join(sorted(unknown))}
        )
    stored = _locked(update, version)
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
    update.refresh_from_db()
    return update


@transaction.atomic
def status_update_draft_delete(*, user, update, version=None):
    """Throw a draft away (its author or an administrator). The audit trail keeps it."""
    stored = _locked(update, version)
    roles.require(roles.may_delete_draft(user, stored), _("You may delete only your own drafts."))
    attribute_to(stored, user)
    for piece in stored.evidence.all():
        attribute_to(piece, user)
    stored.delete()


@transaction.atomic
def status_update_submit(*, user, update, version=None, note=""):
    """draft → submitted: ask a reviewer to publish it. From now on it cannot be edited."""
    stored = _locked(update, version)
    if stored.state != State.DRAFT:
        raise ValidationError(
            _("Only a draft can be submitted; this update is %(state)s.")
            % {"state": stored.get_state_display()}
        )
    roles.require(
        roles.may_submit(user, stored),
        _("You may submit your own drafts; submitting others' drafts is for reviewers."),
    )
    stored.state = State.SUBMITTED
    stored.submitted_at = timezone.now()
    stored.submitted_by = user
    stored.rejected_at, stored.rejected_by, stored.rejection_reason = None, None, ""
    stored.review_note = note
    _step(
        update,
        stored,
        user,
        [
            "state",
            "submitted_at",
            "submitted_by",
            "rejected_at",
            "rejected_by",
            "rejection_reason",
            "review_note",
        ],
        f"Submitted for review. {note}".strip(),
    )
    notifications.update_submitted(stored)
    return update


@transaction.atomic
def status_update_publish(*, user, update, verification, version=None, note=""):
    """submitted → published, as `verification` ("reported" or "verified"). From this moment
    the update counts everywhere public: pages, roll-ups, exports, API, as-of views."""
    stored = _locked(update, version)
    if stored.state != State.SUBMITTED:
        raise ValidationError(
            _("Only an update submitted for review can be published; this one is %(state)s.")
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
    fields = ["state", "verification", "published_at", "published_by", "review_note"]
    if verification == Verification.VERIFIED:
        stored.verified_at, stored.verified_by = stored.published_at, user
        fields += ["verified_at", "verified_by"]
    if stored.corrects_id:
        _supersede(stored, user)
    _step(update, stored, user, fields, f"Published as {verification}. {note}".strip())
    notifications.update_published(stored)
    return update


def _supersede(correction, user):
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
def status_update_verify(*, user, update, version=None, note=""):
    """A published, reported update confirmed later against its evidence by a reviewer (not its
    author): it becomes verified, with who and when recorded. Its content does not change."""
    stored = _locked(update, version)
    if stored.state != State.PUBLISHED or stored.verification != Verification.REPORTED:
        raise ValidationError("Only a published update reported as self-assessed can be verified.")
    roles.require(
        not (roles.second_reviewer_required() and roles.is_own(user, stored)),
        roles.SELF_REVIEW_REFUSED,
    )
    roles.require(roles.may_verify(user, stored), _("Verifying is for reviewers."))
    stored.verification = Verification.VERIFIED
    stored.verified_at, stored.verified_by = timezone.now(), user
    stored.review_note = note
    return _step(
        update,
        stored,
        user,
        ["verification", "verified_at", "verified_by", "review_note"],
        f"Verified against the cited evidence. {note}".strip(),
    )


status_update_approve = status_update_publish


@transaction.atomic
def status_update_reject(*, user, update, reason, version=None):
    """submitted → draft, with the reason, so the author can correct it and submit it again."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"rejection_reason": _("Say why the update is rejected.")})
    stored = _locked(update, version)
    if stored.state != State.SUBMITTED:
        raise ValidationError(
            _("Only an update submitted for review can be rejected; this one is %(state)s.")
            % {"state": stored.get_state_display()}
        )
    roles.require(roles.may_review(user, stored), _("Rejecting is for reviewers."))
    stored.state = State.DRAFT
    stored.submitted_at, stored.submitted_by = None, None
    stored.rejected_at, stored.rejected_by = timezone.now(), user
    stored.rejection_reason = reason
    stored.review_note = ""
    _step(
        update,
        stored,
        user,
        [
            "state",
            "submitted_at",
            "submitted_by",
            "rejected_at",
            "rejected_by",
            "rejection_reason",
            "review_note",
        ],
        f"Rejected: {reason}",
    )
    notifications.update_returned(stored)
    return update


TRANSITIONS: dict[str, Callable[..., StatusUpdate]] = {
    "submit": status_update_submit,
    "publish": status_update_publish,
    "reject": status_update_reject,
}


@transaction.atomic
def status_updates_transition(*, user, updates, transition, **params):
    """Apply one step to several updates with one note (the admin's bulk actions). All or
    nothing: if any update cannot take the step, none does and the error names it."""
    step = TRANSITIONS[transition]
    done = []
    for update in updates:
        try:
            done.append(step(user=user, update=update, **params))
        except ValidationError as exc:
            raise ValidationError(f"{update}: {' '.join(exc.messages)}") from exc
        except PermissionDenied as exc:
            raise PermissionDenied(f"{update}: {exc}") from exc
    return done


# --- Versioned edits of the other records -------------------------------------------------------


def _versioned_update(*, user, instance, version, changes, permission):
    roles.require(user.is_active and user.has_perm(permission), _("You may not change this."))
    instance.version = version
    for name, value in changes.items():
        setattr(instance, name, value)
    attribute_to(instance, user)
    instance.full_clean()
    instance.save()  # refuses with ConflictError if `version` is no longer current
    return instance


@transaction.atomic
def action_update(*, user, action, version, **changes):
    """Change an action's fields, refusing with ConflictError if someone else saved it since
    the caller read version `version`."""
    return _versioned_update(
        user=user,
        instance=action,
        version=version,
        changes=changes,
        permission="resolutions.change_action",
    )


@transaction.atomic
def occurrence_create(*, user, action, **fields):
    roles.require(
        user.is_active and user.has_perm("resolutions.add_occurrence"),
        _("You may not record occurrences."),
    )
    roles.require(
        roles.in_scope(user, action),
        _("You are not assigned to “%(action)s”.") % {"action": action},
    )
    # A draft by `user`: public once a second person publishes it (fact_services.py).
    occurrence = Occurrence(action=action, state="draft", author=user, **fields)
    attribute_to(occurrence, user)
    occurrence.full_clean()
    occurrence.save()
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
