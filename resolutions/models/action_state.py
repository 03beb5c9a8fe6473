"""The stored projection of each action's current state (#11): what the roll-up derives for one
date, kept so that pages about today read a row instead of re-deriving it from the history.

Written only by resolutions/rollup/projection.py, in the same transaction as every change that
can move it (resolutions/signals.py), and rebuilt from the history by `manage.py rebuild_rollup`.
It is never a second source of truth: a test compares it with the history on random data.
"""

from django.db import models

from ..status import Status
from .actions import Action, DatePrecision
from .status_updates import StatusUpdate


class ActionState(models.Model):
    action = models.OneToOneField(
        Action, primary_key=True, on_delete=models.CASCADE, related_name="state"
    )
    # The day it describes, and the first later day on which it can change with no new record
    # (a recurrence interval or the staleness period running out, a due date passing, a dated
    # occurrence becoming known). Null: nothing but a new record can change it.
    computed_for = models.DateField()
    next_change_on = models.DateField(null=True, blank=True)
    computed_at = models.DateTimeField(auto_now=True)

    current_status = models.CharField(max_length=20, choices=Status.choices)
    credit = models.PositiveSmallIntegerField(null=True, blank=True)
    latest_update = models.ForeignKey(
        StatusUpdate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    latest_status = models.CharField(max_length=20, null=True, blank=True)  # noqa: DJ001
    latest_progress = models.PositiveSmallIntegerField(null=True, blank=True)
    latest_as_of = models.DateField(null=True, blank=True)
    last_reviewed_on = models.DateField(null=True, blank=True)
    last_looked_on = models.DateField(null=True, blank=True)
    last_occurrence_on = models.DateField(null=True, blank=True)
    last_occurrence_precision = models.CharField(  # noqa: DJ001  (None: no occurrence)
        max_length=5, choices=DatePrecision.choices, null=True, blank=True
    )
    next_due_on = models.DateField(null=True, blank=True)
    has_paragraph = models.BooleanField()
    has_scored_paragraph = models.BooleanField()
    is_scored = models.BooleanField()
    is_assessed = models.BooleanField()
    is_unfigured = models.BooleanField()
    is_before_adoption = models.BooleanField()
    is_overdue = models.BooleanField()
    is_stale = models.BooleanField()

    class Meta:
        indexes = [models.Index(fields=["next_change_on"], name="action_state_next_change")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(credit__isnull=True) | models.Q(credit__lte=100),
                name="action_state_credit_range",
            ),
            models.CheckConstraint(
                condition=models.Q(next_change_on__isnull=True)
                | models.Q(next_change_on__gt=models.F("computed_for")),
                name="action_state_changes_later",
            ),
        ]

    def __str__(self):
        return f"{self.action_id}: {self.current_status} on {self.computed_for}"
