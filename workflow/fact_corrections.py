"""Corrections of published facts (occurrences, participations, sourced figures, Member State
roles): published facts are never edited in place, whatever the role. One person proposes the
changes with a reason (a FactCorrection draft); it is submitted, and a second person publishes
it through the fact workflow (workflow/fact_services.py: fact_submit, fact_publish,
fact_reject), which writes the changes onto the fact (apply_correction) in the same
transaction, with both names in the fact's audit trail. Until then the public sees the fact as
it was.

The changes are stored as JSON: foreign keys as primary keys, many-to-many fields as sorted
lists of primary keys, dates as YYYY-MM-DD. If the fact changed after the correction was
proposed, publishing refuses (propose it again from the fact as it now is).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
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
from workflow import roles

if TYPE_CHECKING:
    from django.contrib.auth.models import User

CORRECTABLE = (Occurrence, Participation, SourcedFigure, MemberStateRole)
# A fact a correction may change.
Correctable = Occurrence | Participation | SourcedFigure | MemberStateRole
NOT_CORRECTABLE = {*WORKFLOW_FIELDS, "id", "author", "version", "key"}


def correctable_fields(model: type[Model]) -> list[Any]:
    """The fields a correction may change: what a form edits, less the workflow's own."""
    return [
        f
        for f in model._meta.get_fields()
        if getattr(f, "editable", False)
        and (f.concrete or f.many_to_many)
        and not f.auto_created
        and f.name not in NOT_CORRECTABLE
    ]


def _json(field: Any, value: Any) -> Any:
    if field.many_to_many:
        return sorted(getattr(v, "pk", v) for v in value)
    if field.is_relation:
        return getattr(value, "pk", value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def current_values(fact: Correctable) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for field in correctable_fields(type(fact)):
        if field.many_to_many:
            values[field.name] = sorted(getattr(fact, field.name).values_list("pk", flat=True))
        elif field.is_relation:
            values[field.name] = getattr(fact, field.attname)
        else:
            values[field.name] = _json(field, getattr(fact, field.name))
    return values


@transaction.atomic
def fact_correction_propose(
    *, user: User, fact: Correctable, changes: dict[str, Any], reason: str
) -> FactCorrection:
    """A draft correction of the published `fact` by `user`: `changes` maps field names to new
    values (model instances, lists of them for many-to-many fields, or plain values); only the
    ones that differ are kept. Not applied until a second person publishes it."""
    model = type(fact)
    if model not in CORRECTABLE:
        raise ValidationError(_("Only occurrences, participations, figures and roles."))
    roles.require(
        user.is_active and user.has_perm("resolutions.add_factcorrection"),
        _("You may not propose corrections."),
    )
    action = fact.occurrence.action if isinstance(fact, Participation) else fact.action
    roles.require(roles.in_scope(user, action), _("You are not assigned to it."))
    fact = model._base_manager.get(pk=fact.pk)  # as stored, whatever the caller's copy holds
    if fact.state != FactState.PUBLISHED:
        raise ValidationError(_("A draft is edited, not corrected."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the published record is wrong.")})
    fields = {f.name: f for f in correctable_fields(model)}
    unknown = set(changes) - set(fields)
    if unknown:
        raise ValidationError(
            _("Not a field a correction may change: %(names)s.")
            % {"names": ", ".join(sorted(unknown))}
        )
    before = current_values(fact)
    proposed = {name: _json(fields[name], value) for name, value in changes.items()}
    proposed = {name: value for name, value in proposed.items() if value != before[name]}
    if not proposed:
        raise ValidationError(_("The correction changes nothing."))
    # The fact as corrected must be valid now (it is checked again when published); checked on
    # a copy, so the caller's instance keeps its stored values.
    _corrected(model._base_manager.get(pk=fact.pk), proposed, check=True)
    correction = FactCorrection(
        content_type=ContentType.objects.get_for_model(model),
        object_id=fact.pk,
        changes=proposed,
        previous={name: before[name] for name in proposed},
        reason=reason,
        author=user,
        state=FactState.DRAFT,
    )
    attribute_to(correction, user)
    correction.full_clean()
    correction.save()
    return correction


def _corrected(
    fact: Correctable, changes: dict[str, Any], *, check: bool = False
) -> tuple[Correctable, dict[str, Any]]:
    """`fact` with `changes` set (not saved); the many-to-many values are returned apart."""
    fields = {f.name: f for f in correctable_fields(type(fact))}
    many: dict[str, Any] = {}
    for name, value in changes.items():
        field = fields[name]
        if field.many_to_many:
            many[name] = value
        elif field.is_relation:
            setattr(fact, field.attname, value)
        else:
            setattr(fact, name, field.to_python(value))
    if check:
        fact.full_clean()
    return fact, many


def apply_correction(correction: FactCorrection, user: User) -> Correctable:
    """Write a published correction onto its fact (called by fact_publish, inside its
    transaction). Refuses when the fact changed since the correction was proposed."""
    model: Any = correction.content_type.model_class()
    manager = getattr(model, "all_objects", model._default_manager)
    fact: Any = manager.select_for_update().get(pk=correction.object_id)
    now = current_values(fact)
    stale = [name for name, value in correction.previous.items() if now.get(name) != value]
    if stale:
        raise ValidationError(
            _(
                "The record changed after this correction was proposed (%(names)s); reject it and "
                "propose it again."
            )
            % {"names": ", ".join(stale)}
        )
    fact, many = _corrected(fact, correction.changes)
    attribute_to(fact, user)
    reason = f"Correction #{correction.pk}: {correction.reason}"
    fact._change_reason = reason[:100]  # type: ignore[union-attr]
    fact.full_clean()
    fact.save()
    for name, pks in many.items():
        getattr(fact, name).set(pks)
    return fact


def describe(correction: FactCorrection) -> list[tuple[str, str, str]]:
    """[(field label, before, after)] for the review page."""
    model: Any = correction.content_type.model_class()
    fields = {f.name: f for f in correctable_fields(model)}
    rows = []
    for name, after in correction.changes.items():
        field = fields.get(name)
        label = str(field.verbose_name) if field is not None else name
        rows.append((label, _shown(field, correction.previous.get(name)), _shown(field, after)))
    return rows


def _shown(field: Any, value: Any) -> str:
    if value in (None, "", []):
        return "—"
    if field is not None and field.is_relation:
        related = field.related_model
        manager = getattr(related, "all_objects", related._base_manager)
        pks = value if isinstance(value, list) else [value]
        return "; ".join(str(o) for o in manager.filter(pk__in=pks)) or "—"
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


__all__ = [
    "CORRECTABLE",
    "apply_correction",
    "correctable_fields",
    "describe",
    "fact_correction_propose",
]
