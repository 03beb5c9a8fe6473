"""The fixed status vocabulary and what each status means.

The definitions are published (status badges link to them), so they are part of the product, not
just code comments. The credit a status earns in the roll-up lives here too so that the public
explanation and the arithmetic cannot drift apart.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    NOT_YET_ASSESSED = "not_yet_assessed", _("Not yet assessed")
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    ONGOING = "ongoing", _("Ongoing (on track)")
    DELAYED = "delayed", _("Delayed / stalled")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")
    # Derived by the roll-up for recurring mandates, never recorded by a status update.
    NOT_YET_DUE = "not_yet_due", _("Not yet due")
    NO_OCCURRENCE = "no_occurrence", _("No occurrence recorded")


# What a status update may record. The other statuses are derived by the roll-up from dates.
RECORDABLE = [
    Status.NOT_YET_ASSESSED,
    Status.NOT_STARTED,
    Status.IN_PROGRESS,
    Status.COMPLETED,
    Status.ONGOING,
    Status.DELAYED,
    Status.NOT_APPLICABLE,
]
RECORDABLE_CHOICES = [(s.value, s.label) for s in RECORDABLE]


DEFINITIONS = {
    Status.NOT_YET_ASSESSED: _(
        "Nobody has yet reviewed this action against a source; "
        "this says nothing about whether anything was done."
    ),
    Status.NOT_STARTED: _(
        "Reviewed against a source: no implementation step had been reported by the as-of date."
    ),
    Status.IN_PROGRESS: _(
        "Reviewed against a source: implementation steps have been reported, "
        "but the mandate is not yet fulfilled."
    ),
    Status.COMPLETED: _(
        "Reviewed against a source: the mandate is fulfilled as its mandate type "
        "defines (the body exists, the instrument is adopted, …)."
    ),
    Status.ONGOING: _(
        "A recurring mandate that is on track: its latest occurrence since adoption "
        "falls within its recurrence interval."
    ),
    Status.DELAYED: _(
        "A published status update, with its evidence, reports the action as "
        "delayed or stalled. Never inferred from missing records."
    ),
    Status.NOT_APPLICABLE: _(
        "Excluded from the progress roll-up, with a stated reason, for "
        "example an action that only exhorts Member States."
    ),
    Status.NOT_YET_DUE: _(
        "A recurring mandate whose first occurrence is not yet due: one "
        "interval after adoption has not passed. Not scored."
    ),
    Status.NO_OCCURRENCE: _(
        "A recurring mandate whose occurrence fell due with none recorded "
        "by the date shown. Scored 0; this says no record was found, not that the mandate stalled."
    ),
}

# Credit (0–100) a status earns in the weighted roll-up when the update records no progress
# figure. It is deliberately conservative: partial work counts only when someone recorded a
# sourced progress figure, so the headline percentage never overstates implementation.
DEFAULT_CREDIT = {
    Status.NOT_YET_ASSESSED: 0,
    Status.NOT_STARTED: 0,
    Status.IN_PROGRESS: 0,
    Status.COMPLETED: 100,
    Status.ONGOING: 100,
    Status.DELAYED: 0,
    Status.NO_OCCURRENCE: 0,
}

# Statuses that take an action out of the weighted percentage (it is neither credited nor
# counted in the denominator).
UNSCORED = (Status.NOT_APPLICABLE, Status.NOT_YET_DUE)
# Statuses that rest on a published assessment or a recorded, sourced occurrence: "n of N
# actions assessed". Not yet assessed and no occurrence recorded rest on nothing.
ASSESSED = (
    Status.NOT_STARTED,
    Status.IN_PROGRESS,
    Status.COMPLETED,
    Status.ONGOING,
    Status.DELAYED,
)

# Statuses under which a progress figure is meaningful. Elsewhere the status says it all.
PROGRESS_ALLOWED = (Status.IN_PROGRESS, Status.DELAYED, Status.COMPLETED, Status.ONGOING)

# Display order, used by distributions and charts: from done to not looked at.
ORDER = [
    Status.COMPLETED,
    Status.ONGOING,
    Status.IN_PROGRESS,
    Status.DELAYED,
    Status.NOT_STARTED,
    Status.NO_OCCURRENCE,
    Status.NOT_YET_ASSESSED,
    Status.NOT_YET_DUE,
    Status.NOT_APPLICABLE,
]
