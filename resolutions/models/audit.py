"""The audit trail: every create, change and delete of every domain model, with who and when.

django-simple-history keeps, for each model below, a historical table holding a full copy of the
row after every change (and before a delete) with the user, the time and the kind of change; the
admin's "History" page shows each change as field: old → new. The user comes from the request
(simple_history's HistoryRequestMiddleware) or, outside a request, from the `_history_user` the
services set. Nothing in the application edits or deletes historical rows, and no role has the
permission to (workflow/roles.py); the history admin is read-only (AuditedAdmin,
resolutions/admin/options.py).

Registered here rather than with a `history = HistoricalRecords()` line in each model so that
"every domain model is audited" is one list that a test compares with the app's models.
"""

from typing import Any

import simple_history
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import ForeignKey, Model
from simple_history.models import DeletedObject, HistoricalChanges, HistoricalRecords, ModelChange

from .actions import Action, ActionParagraph, Actor, Occurrence
from .bodies import Body, Membership
from .facts import FactCorrection
from .figures import SourcedFigure
from .member_states import MemberState, MemberStateRole, Participation
from .resolution import Paragraph, Resolution, ResolutionLink
from .reviews import ActionReview, ReviewEvidence
from .sources import SourceDocument
from .status_updates import Evidence, StatusUpdate
from .translations import TextTranslation
from .vocabularies import ActorKind, Addressee, MandateType, OperativeVerb


def attribute_to(instance: Model, user: Any) -> None:
    """Name `user` as who made `instance`'s next audit-trail entry, for writes made outside a
    request (services called by the loader, commands and tests). simple_history reads it from
    this attribute; this is the one place that knows its name."""
    instance._history_user = user  # type: ignore[attr-defined]


def attributed_user(instance: Model) -> Any:
    """Who `instance`'s next audit-trail entry will name (see attribute_to), or None."""
    return getattr(instance, "_history_user", None)


class AuditChanges(HistoricalChanges):
    """What a historical record changed, field by field, including fields no form edits.

    simple-history compares only editable fields, but the workflow fields of a status update
    (state, verification, who published it…) are set by the services alone, and they are what a
    secretariat most needs to see change. The version counter is left out: it changes every time.
    """

    def diff_against(
        self,
        old_history,
        excluded_fields=None,
        included_fields=None,
        *,
        foreign_keys_are_objs=False,
    ):
        if included_fields is None:
            included_fields = {
                f.name
                for f in old_history.tracked_fields
                if not f.primary_key and f.name != "version"
            } | {f.name for f in old_history._history_m2m_fields}
        return super().diff_against(
            old_history,
            excluded_fields,
            included_fields,
            foreign_keys_are_objs=foreign_keys_are_objs,
        )

    def _get_field_changes_for_diff(self, old_history, fields, foreign_keys_are_objs):
        # As simple-history's, but reading values directly: model_to_dict skips non-editable
        # fields.
        changes = []
        for name in sorted(fields):
            field = self._meta.get_field(name)
            old, new = field.value_from_object(old_history), field.value_from_object(self)
            if old == new:
                continue
            if foreign_keys_are_objs and isinstance(field, ForeignKey):
                old, new = (
                    _related(record, field, key)
                    for record, key in ((old_history, old), (self, new))
                )
            changes.append(ModelChange(name, old, new))
        return changes


def _related(record, field, key):
    if key is None:
        return None
    try:
        value = getattr(record, field.name)
    except ObjectDoesNotExist:
        value = None
    return DeletedObject(field.related_model, key) if value is None else value


class AuditedRecords(HistoricalRecords):
    """HistoricalRecords that diff every field (AuditChanges) and skip saves that changed
    nothing: the data-file loader saves every record it reads, and an unchanged record would
    otherwise add an entry that records no change on every load.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.bases = (AuditChanges, *self.bases[1:])

    def post_save(self, instance, created, using=None, **kwargs):
        if not created and not kwargs.get("raw", False) and self._unchanged(instance, using):
            return
        super().post_save(instance, created, using=using, **kwargs)

    def _unchanged(self, instance, using):
        last = (
            getattr(instance, self.manager_name)
            .using(using)
            .order_by("-history_date", "-history_id")
            .first()
        )
        if last is None or last.history_type == "-":
            return False
        return all(
            getattr(last, field.attname) == getattr(instance, field.attname)
            for field in self.fields_included(instance)
        )


# Many-to-many fields without a model of their own are recorded with their owner; links that
# have one (ActionParagraph) are audited as rows.
M2M_FIELDS = {
    Resolution: ["sources"],
    Action: ["responsible_actors", "description_sources"],
    Occurrence: ["sources"],
    ResolutionLink: ["target_sources"],
}

AUDITED_MODELS = (
    Resolution,
    ResolutionLink,
    Paragraph,
    Action,
    ActionParagraph,
    Actor,
    Occurrence,
    SourcedFigure,
    MemberState,
    MemberStateRole,
    Participation,
    FactCorrection,
    Body,
    Membership,
    SourceDocument,
    StatusUpdate,
    Evidence,
    TextTranslation,
    ActionReview,
    ReviewEvidence,
    MandateType,
    ActorKind,
    Addressee,
    OperativeVerb,
)

for _model in AUDITED_MODELS:
    # app= puts the historical classes in resolutions.models (HistoricalAction, …), where
    # Django (e.g. `manage.py shell`) looks for a model of the resolutions app.
    simple_history.register(
        _model,
        app="resolutions",
        records_class=AuditedRecords,
        m2m_fields=M2M_FIELDS.get(_model, ()),
    )
