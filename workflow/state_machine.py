"""The editorial state machine, one for every record that goes through review: status updates
(services.py), review records (review_services.py) and sourced facts — occurrences,
participations, figures, Member States' roles, corrections (fact_services.py).

    draft ──submit──▶ submitted ──publish──▶ published
      ▲                   │
      └──────reject───────┘  (with the reason, for the author to correct and submit again)

transition() is the one place that checks where a record stands, who may take the step (four
eyes: nobody publishes what they wrote, unless a one-person secretariat switches it off), sets
the workflow fields, writes the audit trail's entry (with its reason) and sends the emails. What
differs between the kinds of record — who may submit and review, the messages, what else happens
on publication — is a Kind, declared beside each kind's services.
"""

import copy
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from resolutions.models import ConflictError, Verification
from resolutions.models.audit import attribute_to, attributed_user

from . import roles

Step = Literal["submit", "publish", "reject"]

DRAFT, SUBMITTED, PUBLISHED = "draft", "submitted", "published"
# Where a record must stand to take a step, and where the step leaves it.
SOURCE: dict[str, str] = {"submit": DRAFT, "publish": SUBMITTED, "reject": SUBMITTED}
TARGET: dict[str, str] = {"submit": SUBMITTED, "publish": PUBLISHED, "reject": DRAFT}

Predicate = Callable[[Any, Any], bool]
Hook = Callable[[Any, Any], None]


def _nothing(record: Any, user: Any) -> None:
    return None


def _no_check(record: Any, step: str) -> None:
    return None


@dataclass(frozen=True)
class Kind:
    """What differs between the kinds of reviewed record.

    - `may_submit(user, record)`, `may_review(user, record)`: the roles' rules (workflow/roles.py);
      publishing also needs four eyes, checked here.
    - `messages`: "submit_state", "publish_state", "reject_state" (the record is not where the
      step starts; formatted with %(state)s), "submit_denied", "no_reason".
    - `notify`: the email for each step (workflow/notifications.py).
    - `check(record, step)`: what the record needs before it moves on (an occurrence's source).
    - `before_publish(record, user)`: in the same transaction, before the record is saved
      published (a correction supersedes what it corrects); `after_publish`: once it is.
    - `messages` for drafts with evidence: "no_evidence", "not_a_field" (%(names)s).
    - `checks_version`: refuse with ConflictError if the record changed since the caller read
      it (optimistic locking; the caller's `version`, or the instance's own).
    """

    may_submit: Predicate
    may_review: Predicate
    messages: Mapping[str, Any]
    notify: Mapping[str, Callable[[Any], None]]
    check: Callable[[Any, str], None] = _no_check
    before_publish: Hook = _nothing
    after_publish: Hook = _nothing
    checks_version: bool = True
    related: tuple[str, ...] = ()
    # Drafts written with their evidence (status updates, review records): the fields the
    # author writes, the evidence model and its foreign key to the record.
    content_fields: tuple[str, ...] = ()
    evidence_model: Any = None
    evidence_parent: str = ""


def _has(record: Model, name: str) -> bool:
    try:
        record._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def locked(kind: Kind, record: Any, version: int | None = None) -> Any:
    """The record as stored, locked until the transaction ends."""
    rows = type(record)._base_manager.select_for_update()
    if kind.related:
        rows = rows.select_related(*kind.related)
    stored: Any = rows.get(pk=record.pk)
    if kind.checks_version:
        expected = record.version if version is None else version
        if stored.version != expected:
            attempted = copy.copy(record)
            attempted.version = expected
            raise ConflictError(attempted, stored)
    return stored


def _changes(
    record: Model, step: str, user: Any, note: str, reason: str, verification: str | None
) -> dict[str, Any]:
    """The workflow fields `step` sets, among those the record's model has."""
    now = timezone.now()
    changes: dict[str, Any] = {"state": TARGET[step]}
    if step == "submit":
        changes.update(
            submitted_at=now,
            submitted_by=user,
            rejected_at=None,
            rejected_by=None,
            rejection_reason="",
            review_note=note,
        )
    elif step == "publish":
        changes.update(verification=verification, published_at=now, published_by=user)
        changes["review_note"] = note
        if verification == Verification.VERIFIED:
            changes.update(verified_at=now, verified_by=user)
    else:
        changes.update(
            submitted_at=None,
            submitted_by=None,
            rejected_at=now,
            rejected_by=user,
            rejection_reason=reason,
            review_note="",
        )
    return {name: value for name, value in changes.items() if _has(record, name)}


def _audit_reason(step: str, note: str, reason: str, verification: str | None) -> str:
    if step == "submit":
        text = f"Submitted for review. {note}"
    elif step == "publish":
        text = f"Published as {verification}. {note}" if verification else f"Published. {note}"
    else:
        text = f"Rejected: {reason}"
    return text.strip()[:100]


def save_step(
    stored: Any, user: Any, fields: Iterable[str], reason: str, *, onto: Any = None
) -> Any:
    """Save workflow fields only of `stored` (a locked record), with the audit trail's user and
    reason; `onto` (the caller's instance of it) gets the new values. Returns `onto` or
    `stored`."""
    attribute_to(stored, user)
    stored._change_reason = reason[:100]
    names = list(fields)
    if _has(stored, "version"):
        names.append("version")
    stored.save(update_fields=names)
    if onto is None or onto is stored:
        return stored
    for name in names:
        setattr(onto, name, getattr(stored, name))
    return onto


@transaction.atomic
def transition(
    *,
    kind: Kind,
    user: Any,
    record: Any,
    step: Step,
    version: int | None = None,
    note: str = "",
    reason: str = "",
    verification: str | None = None,
) -> Any:
    """Take `step` on `record` as `user`: all of it, or nothing (PermissionDenied,
    ValidationError, ConflictError). The caller's instance gets the new workflow fields."""
    if step == "reject":
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError({"rejection_reason": kind.messages["no_reason"]})
    stored = locked(kind, record, version)
    if stored.state != SOURCE[step]:
        raise ValidationError(
            kind.messages[f"{step}_state"] % {"state": stored.get_state_display()}
        )
    if step == "submit":
        roles.require(kind.may_submit(user, stored), kind.messages["submit_denied"])
    elif step == "publish":
        roles.require(kind.may_review(user, stored), _("Publishing is for reviewers."))
        roles.require(not roles.four_eyes_refuse(user, stored), roles.SELF_REVIEW_REFUSED)
        if _has(stored, "verification") and verification not in Verification.values:
            raise ValidationError({"verification": _("Say whether it is reported or verified.")})
    else:
        roles.require(kind.may_review(user, stored), _("Rejecting is for reviewers."))
    kind.check(stored, step)
    changes = _changes(stored, step, user, note, reason, verification)
    for name, value in changes.items():
        setattr(stored, name, value)
    if step == "publish":
        kind.before_publish(stored, user)
    save_step(stored, user, changes, _audit_reason(step, note, reason, verification), onto=record)
    kind.notify[step](stored)
    if step == "publish":
        kind.after_publish(stored, user)
    return record


@transaction.atomic
def transition_all(
    *, kind: Kind, user: Any, records: Iterable[Any], step: Step, **params: Any
) -> list[Any]:
    """One step for several records with one note (the admin's bulk actions). All or nothing:
    if any record cannot take it, none does, and the error names it."""
    done = []
    for record in records:
        try:
            done.append(transition(kind=kind, user=user, record=record, step=step, **params))
        except ValidationError as exc:
            raise ValidationError(f"{record}: {' '.join(exc.messages)}") from exc
        except PermissionDenied as exc:
            raise PermissionDenied(f"{record}: {exc}") from exc
    return done


# --- Drafts with evidence: status updates and review records -------------------------------------

# Evidence: a list of dicts (the evidence model's fields), or a callable that saves the record's
# evidence itself (the admin's evidence formset: rows added, changed or removed).
EvidenceArg = list[dict[str, Any]] | Callable[[Any], None]


def author_name(user: Any) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def attach_evidence(kind: Kind, record: Any, evidence: EvidenceArg) -> None:
    """Save `record`'s evidence (see EvidenceArg); a record without any is refused."""
    if callable(evidence):
        evidence(record)
        if not record.evidence.exists():
            raise ValidationError({"evidence": kind.messages["no_evidence"]})
        return
    if not evidence:
        raise ValidationError({"evidence": kind.messages["no_evidence"]})
    for item in evidence:
        piece = kind.evidence_model(**{kind.evidence_parent: record}, **item)
        attribute_to(piece, attributed_user(record))
        piece.full_clean()
        piece.save()


@transaction.atomic
def draft_edit(
    *,
    kind: Kind,
    user: Any,
    record: Any,
    version: int | None,
    evidence: EvidenceArg | None,
    changes: Mapping[str, Any],
) -> Any:
    """Change a draft's content (kind.content_fields); `evidence`, when given, replaces all of
    it (a list), or saves its changes (a callable). Only the author (or an administrator) edits
    a draft; a draft that was rejected keeps its rejection until it is submitted again."""
    unknown = set(changes) - set(kind.content_fields)
    if unknown:
        raise ValidationError(kind.messages["not_a_field"] % {"names": ", ".join(sorted(unknown))})
    stored = locked(kind, record, version)
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
        attach_evidence(kind, stored, evidence)
    record.refresh_from_db()
    return record


@transaction.atomic
def draft_delete(*, kind: Kind, user: Any, record: Any, version: int | None = None) -> None:
    """Throw a draft away (its author or an administrator). The audit trail keeps it."""
    stored = locked(kind, record, version)
    roles.require(roles.may_delete_draft(user, stored), _("You may delete only your own drafts."))
    attribute_to(stored, user)
    for piece in stored.evidence.all():
        attribute_to(piece, user)
    stored.delete()
