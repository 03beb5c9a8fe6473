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


class ActionStep(models.Model):
    """One step of an action's contribution to the progress chart (#11): from `day` until its
    next step, what the roll-up derives for the action on any date in between (the weight ×
    credit it adds, the weight it adds to the denominator, whether it counts as assessed).

    The roll-up of an action can change only on the dates of its own records and the dates
    the rules derive from them (adoption, an update, an occurrence becoming known, a recurrence
    interval running out), so these rows, computed from the history at each such date, give the
    roll-up on every date; the chart adds them up instead of re-deriving the history at each of
    its points. The first step also holds for every earlier date. Written with ActionState by
    resolutions/rollup/steps.py, in the same transaction as the change; tests/
    test_rollup_property.py checks the sums against the history and a plain-Python reference.
    """

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="steps")
    day = models.DateField()
    weighted_credit = models.PositiveIntegerField()  # weight × credit when scored, else 0
    weight_scored = models.PositiveSmallIntegerField()  # weight when scored, else 0
    is_assessed = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["action", "day"], name="action_step_once_a_day"),
            models.CheckConstraint(
                condition=models.Q(weighted_credit__lte=100 * models.F("weight_scored")),
                name="action_step_credit_range",
            ),
        ]

    def __str__(self):
        return f"{self.action_id} from {self.day}: {self.weighted_credit}/{self.weight_scored}"
