"""Progress roll-up: action → paragraph → resolution, computed in the database.

This is the only place where status and progress are derived. Everything public (pages, and later
exports and the API) asks this module, so the numbers cannot disagree between views.

The rules, also published on the status definitions page and in the README:

1. An action's *current status* on a date D is its latest public status update with an as-of
   date on or before D (ties: the most recently recorded wins). No update means "not yet
   assessed".
2. A recurring action is on track ("ongoing") on D when its latest occurrence on or before D is
   within its recurrence window (365 days for annual); with older occurrences only it is
   "delayed". An explicit "not applicable" update still wins.
3. An action attached only to paragraphs excluded from the roll-up is "not applicable".
4. Credit: the update's recorded progress figure where there is one, otherwise completed and
   ongoing earn 100 and every other status 0 (see status.DEFAULT_CREDIT).
5. Weighted % = Σ(weight × credit) / Σ(weight) over actions that are not "not applicable".
   Resolution totals count each action once, even when it serves several paragraphs.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from .models.actions import RECURRENCE_WINDOW_DAYS, ActionParagraph, MandateType, Occurrence
from .models.status_updates import StatusUpdate
from .status import DEFAULT_CREDIT, ORDER, Status

# An update older than this is "stale" on the freshness measure.
STALE_AFTER_DAYS = 365


def status_annotations(as_of: date, *, outer: str = "pk", prefix: str = "") -> list[dict]:
    """Annotations that give each action row its status on `as_of`.

    Returned as successive annotate() steps, because later ones refer to earlier ones. `outer`
    is the column holding the action id, `prefix` the path to the action's own fields, so the
    same expressions serve querysets rooted at Action and at ActionParagraph.
    """
    latest = (
        StatusUpdate.objects.public()
        .on_or_before(as_of)
        .filter(action=OuterRef(outer))
        .newest_first()
    )
    last_occurrence = (
        Occurrence.objects.filter(action=OuterRef(outer), start_date__lte=as_of)
        .order_by("-start_date")
        .values("start_date")[:1]
    )
    links = ActionParagraph.objects.filter(action=OuterRef(outer))
    recurring = Q(**{prefix + "mandate_type": MandateType.RECURRING_EVENT})
    on_track = [
        When(
            recurring
            & Q(**{prefix + "recurrence": recurrence})
            & Q(last_occurrence_on__gt=as_of - timedelta(days=days)),
            then=Value(Status.ONGOING.value),
        )
        for recurrence, days in RECURRENCE_WINDOW_DAYS.items()
    ]
    return [
        {
            "latest_status": Subquery(latest.values("status")[:1]),
            "latest_progress": Subquery(latest.values("progress")[:1]),
            "latest_as_of": Subquery(latest.values("as_of")[:1]),
            "last_occurrence_on": Subquery(last_occurrence),
            "has_paragraph": Exists(links),
            "has_scored_paragraph": Exists(links.filter(paragraph__excluded_from_rollup=False)),
        },
        {
            "current_status": Case(
                When(latest_status=Status.NOT_APPLICABLE, then=Value(Status.NOT_APPLICABLE.value)),
                When(
                    has_paragraph=True,
                    has_scored_paragraph=False,
                    then=Value(Status.NOT_APPLICABLE.value),
                ),
                *on_track,
                When(
                    recurring & Q(last_occurrence_on__isnull=False),
                    then=Value(Status.DELAYED.value),
                ),
                default=Coalesce(F("latest_status"), Value(Status.NOT_YET_ASSESSED.value)),
                output_field=CharField(),
            )
        },
        {
            "credit": Case(
                When(current_status=Status.NOT_APPLICABLE, then=Value(None)),
                # A recorded figure counts only when the status it was recorded with still holds
                # (a recurring action's derived status overrides the update's).
                When(
                    Q(latest_progress__isnull=False) & Q(current_status=F("latest_status")),
                    then=F("latest_progress"),
                ),
                *[
                    When(current_status=status.value, then=Value(credit))
                    for status, credit in DEFAULT_CREDIT.items()
                    if credit
                ],
                default=Value(0),
                output_field=IntegerField(),
            ),
            "is_overdue": Case(
                When(
                    Q(**{prefix + "due_date__lt": as_of})
                    & ~Q(
                        current_status__in=[
                            Status.COMPLETED.value,
                            Status.ONGOING.value,
                            Status.NOT_APPLICABLE.value,
                        ]
                    ),
                    then=Value(True),
                ),
                default=Value(False),
            ),
            "is_stale": Case(
                When(current_status=Status.NOT_APPLICABLE, then=Value(False)),
                When(latest_as_of__isnull=True, then=Value(True)),
                When(
                    latest_as_of__lt=as_of - timedelta(days=STALE_AFTER_DAYS), then=Value(True)
                ),
                default=Value(False),
            ),
        },
    ]


def annotate_status(queryset, as_of: date, *, outer: str = "pk", prefix: str = ""):
    for step in status_annotations(as_of, outer=outer, prefix=prefix):
        queryset = queryset.annotate(**step)
    return queryset


def _aggregates(prefix: str = "") -> dict:
    scored = ~Q(current_status=Status.NOT_APPLICABLE)
    weight = F(prefix + "weight")
    aggregates = {
        "weighted_credit": Sum(weight * F("credit"), filter=scored),
        "weight_total": Sum(weight, filter=scored),
        "n_total": Count("pk"),
        "n_overdue": Count("pk", filter=Q(is_overdue=True)),
        "n_stale": Count("pk", filter=Q(is_stale=True)),
    }
    for status in Status:
        aggregates[f"n_{status.value}"] = Count("pk", filter=Q(current_status=status.value))
    return aggregates


@dataclass
class Rollup:
    """The roll-up of a set of actions: a resolution's, a paragraph's."""

    total: int = 0
    weighted_credit: int = 0
    weight_total: int = 0
    overdue: int = 0
    stale: int = 0
    counts: dict = field(default_factory=dict)

    @classmethod
    def from_row(cls, row: dict) -> "Rollup":
        return cls(
            total=row.get("n_total") or 0,
            weighted_credit=row.get("weighted_credit") or 0,
            weight_total=row.get("weight_total") or 0,
            overdue=row.get("n_overdue") or 0,
            stale=row.get("n_stale") or 0,
            counts={status: row.get(f"n_{status.value}") or 0 for status in Status},
        )

    @property
    def percent(self) -> float | None:
        """Weighted %, or None when nothing is scored (an empty or wholly excluded set)."""
        if not self.weight_total:
            return None
        return round(self.weighted_credit / self.weight_total, 1)

    @property
    def excluded(self) -> int:
        return self.counts.get(Status.NOT_APPLICABLE, 0)

    @property
    def scored(self) -> int:
        return self.total - self.excluded

    @property
    def distribution(self) -> list[tuple[Status, int]]:
        """Counts by status in display order, including zeros."""
        return [(status, self.counts.get(status, 0)) for status in ORDER]


def resolution_rollups(resolution_ids, as_of: date) -> dict[int, Rollup]:
    """One query for the roll-up of many resolutions (the dashboard)."""
    from .models.actions import Action

    rows = (
        annotate_status(Action.objects.filter(resolution_id__in=resolution_ids), as_of)
        .values("resolution_id")
        .annotate(**_aggregates())
        .order_by()
    )
    rollups = {row["resolution_id"]: Rollup.from_row(row) for row in rows}
    return {rid: rollups.get(rid, Rollup()) for rid in resolution_ids}


def resolution_rollup(resolution, as_of: date) -> Rollup:
    return resolution_rollups([resolution.pk], as_of)[resolution.pk]


def paragraph_rollups(paragraph_ids, as_of: date) -> dict[int, Rollup]:
    """One query for the roll-up of every given paragraph. A paragraph with no action gets an
    empty Rollup, whose percent is None, never 0."""
    rows = (
        annotate_status(
            ActionParagraph.objects.filter(paragraph_id__in=paragraph_ids),
            as_of,
            outer="action_id",
            prefix="action__",
        )
        .values("paragraph_id")
        .annotate(**_aggregates(prefix="action__"))
        .order_by()
    )
    rollups = {row["paragraph_id"]: Rollup.from_row(row) for row in rows}
    return {pid: rollups.get(pid, Rollup()) for pid in paragraph_ids}
