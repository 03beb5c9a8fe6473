"""The TRUSTED write path of data files: what `manage.py load_resolution` (resolutions/loader/)
and `manage.py import_akn` write, apart from status updates (services.status_update_create,
with their evidence).

Trusted like status_update_create: no acting user and no permission check (whoever runs the
command owns the database), and what a file says is published as it says it. Every record is
validated before it is written, and its audit-trail entry names no one: "a data file".

Keyword-only. Each runs in the caller's transaction when there is one (the loader's, one per
file: any error rolls the whole file back) and in its own otherwise; no savepoint of its own,
since the loader runs them by the thousand and stops at the first error.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from django.db import transaction
from django.db.models import Model, QuerySet

from resolutions.models import Action, ActionParagraph, ActionReview, Paragraph, StatusUpdate
from resolutions.models.audit import attribute_to

# Records written with their evidence by their own trusted service, never here.
_WITH_EVIDENCE = (StatusUpdate, ActionReview)


@transaction.atomic(savepoint=False)
def record_import(*, record: Model, exclude: Collection[str] = ()) -> Model:
    """Create or update `record` as a data file gives it: validated (Django's ValidationError,
    naming the field, and nothing written), then saved."""
    if isinstance(record, _WITH_EVIDENCE):
        raise TypeError(f"{type(record).__name__} is written with its evidence by its service")
    attribute_to(record, None)
    record.full_clean(exclude=list(exclude))
    record.save()
    return record


@transaction.atomic(savepoint=False)
def record_fields_import(*, record: Model, fields: Iterable[str]) -> Model:
    """Write only `fields` of a saved record, whose values the caller has checked: a
    paragraph's order parked out of the way while a file reorders them, a link's target found
    once the target is loaded."""
    attribute_to(record, None)
    record.save(update_fields=list(fields))
    return record


@transaction.atomic(savepoint=False)
def related_import(*, record: Model, name: str, targets: Iterable[Model]) -> None:
    """Set the many-to-many `name` of `record` to exactly `targets` (a file lists all of them)."""
    getattr(record, name).set(list(targets))


@transaction.atomic(savepoint=False)
def action_paragraphs_import(*, action: Action, paragraphs: Iterable[Paragraph]) -> None:
    """The paragraphs `action` implements: exactly those the file lists."""
    wanted = list(paragraphs)
    ActionParagraph.objects.filter(action=action).exclude(paragraph__in=wanted).delete()
    for paragraph in wanted:
        ActionParagraph.objects.get_or_create(action=action, paragraph=paragraph)


@transaction.atomic(savepoint=False)
def records_import_delete(*, records: QuerySet[Any]) -> None:
    """Delete the rows a file no longer lists where it lists all of them (a body's
    memberships, a resolution's links to others)."""
    records.delete()


__all__ = [
    "action_paragraphs_import",
    "record_fields_import",
    "record_import",
    "records_import_delete",
    "related_import",
]
