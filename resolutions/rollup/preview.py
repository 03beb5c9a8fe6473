"""What the public would see of an action if an unpublished status update were published now.

The roll-up's own rules (rules.status_annotations) are run for the action with the update in
place of its latest published one, so a reviewer learns before publishing when the rules
override what the update says: a recurring mandate's status comes from its recorded occurrences
(README "Progress roll-up", rule 3), and only a "delayed" or "not applicable" update changes it.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import CharField, DateField, IntegerField, Value

from ..models.actions import Action
from ..models.status_updates import StatusUpdate
from ..status import Status
from .rules import next_due, status_annotations


@dataclass(frozen=True)
class Overridden:
    """The status the public would see instead of the update's, and the facts that decide it."""

    shown: Status
    recurring: bool
    last_occurrence_on: date | None
    adopted_on: date | None
    due_on: date | None


def overridden_status(update: StatusUpdate, today: date) -> Overridden | None:
    """The status the roll-up would show for `update`'s action on `today` once `update` is
    published, when that differs from the status the update states; None when the update's
    status would be shown (or a later published update decides the status anyway)."""
    if (
        StatusUpdate.objects.public()
        .current()
        .filter(action_id=update.action_id, as_of__gt=update.as_of)
        .exists()
    ):
        return None
    steps = status_annotations(today)
    # The update as the action's latest: what its status, date and figure would be.
    steps[1] = {
        **steps[1],
        "latest_status": Value(update.status, output_field=CharField()),
        "latest_as_of": Value(update.as_of, output_field=DateField()),
        "latest_progress": Value(update.progress, output_field=IntegerField()),
    }
    queryset = Action.objects.filter(pk=update.action_id)
    for step in steps:
        queryset = queryset.annotate(**step)
    row = queryset.first()
    if row is None or row.current_status == update.status:
        return None
    return Overridden(
        shown=Status(row.current_status),
        recurring=row.is_recurring,  # the mandate type's declared behaviour (its interval)
        last_occurrence_on=row.last_occurrence_on,
        adopted_on=row.adopted_on,
        due_on=next_due(row),
    )
