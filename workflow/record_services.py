"""The one write path for a record a person saves or deletes in the admin (a ModelAdmin's form or
an inline row), whatever its model: record_save() and record_delete() hand it to the service of
its kind, which holds its rules.

- facts (occurrences, participations, figures, roles, corrections): drafts by the user, edited
  and deleted as drafts only (fact_services.fact_draft_*);
- status updates and review records: deleted as drafts only (their drafts are written with their
  evidence by services.status_update_draft_* and review_services.action_review_draft_*);
- changes of an action: services.action_update (the version it was read at);
- anything else (new actions, resolutions, paragraphs, translations, sources, Member States,
  assignments…): the model's add/change/delete permission, validation, the version check of a
  versioned model and the audit trail's user (record_write, record_delete_plain).

Keyword-only, one transaction each; PermissionDenied or ValidationError, and nothing written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from resolutions.models import Action, ActionReview, StatusUpdate
from resolutions.models.audit import attribute_to

from . import fact_services, review_services, roles, services

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _require_permission(user: User, record: Model, action: str) -> None:
    roles.require(
        user.is_active and user.has_perm(roles.model_permission(record, action)),
        _("You may not change this."),
    )


@transaction.atomic
def record_write(*, user: User, record: Model) -> Model:
    """Create or change a record with no rule of its own beyond its model's: the add or change
    permission, validation, the audit trail's user (a versioned model, such as an action,
    refuses a stale version: ConflictError)."""
    _require_permission(user, record, "add" if record._state.adding else "change")
    attribute_to(record, user)
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def record_delete_plain(*, user: User, record: Model) -> None:
    _require_permission(user, record, "delete")
    attribute_to(record, user)
    record.delete()


def record_save(*, user: User, record: Model) -> Model:
    """Create or update `record` (e.g. a form's instance) through the service of its kind."""
    if isinstance(record, fact_services.FACT_MODELS):
        if record._state.adding:
            return fact_services.fact_draft_create(user=user, record=record)
        return fact_services.fact_draft_edit(user=user, record=record)
    if isinstance(record, Action) and not record._state.adding:
        return services.action_update(user=user, action=record, version=record.version)
    return record_write(user=user, record=record)


def record_delete(*, user: User, record: Model) -> None:
    """Delete `record` through the service of its kind (drafts only, for workflow records)."""
    if isinstance(record, fact_services.FACT_MODELS):
        fact_services.fact_draft_delete(user=user, record=record)
    elif isinstance(record, StatusUpdate):
        services.status_update_draft_delete(user=user, update=record)
    elif isinstance(record, ActionReview):
        review_services.action_review_draft_delete(user=user, review=record)
    else:
        record_delete_plain(user=user, record=record)
