"""Read paths shared by the pages, the exports and the API (#16: one reader of a resolution's
state, one shape of a roll-up).

- ``resolution_state(resolution, as_of)``: a resolution as it stood on a date — its paragraphs
  in document order, its actions with their status (the roll-up's, ``Action.with_status``), and
  the resolution's, each operative paragraph's and the unplaced mandates' roll-ups. The
  resolution page (resolutions/views.py) and every per-resolution export
  (exports/report/snapshot.py) read it here, so they cannot disagree about what is shown.
- ``rollup_entry(rollup)``: a roll-up as a plain dict, the one shape the API (api/serializers.py
  ``RollupSerializer`` documents exactly these keys; a test checks it), the JSON export and the
  reports share.

Every number comes from resolutions/rollup/; nothing here derives a status or a percentage.
"""

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.db.models import Prefetch

from .models import Action, Actor, Occurrence, Paragraph, Resolution, StatusUpdate
from .rollup import Rollup, paragraph_rollups, resolution_rollup, unplaced_rollups

ROLLUP_ENTRY_KEYS = (
    "percent",
    "total",
    "scored",
    "assessed",
    "unfigured",
    "not_yet_adopted",
    "excluded",
    "overdue",
    "stale",
    "weighted_credit",
    "weight_total",
    "distribution",
)


def rollup_entry(rollup: Rollup) -> dict:
    """A roll-up as the API, the JSON export and the reports give it (keys: ROLLUP_ENTRY_KEYS)."""
    return {
        "percent": rollup.percent,
        "total": rollup.total,
        "scored": rollup.scored,
        # #11: "n of N actions assessed", work under way with no sourced figure, and whether
        # the resolution was adopted yet on the date (no percentage before).
        "assessed": rollup.assessed,
        "unfigured": rollup.unfigured,
        "not_yet_adopted": rollup.not_yet_adopted,
        "excluded": rollup.excluded,
        "overdue": rollup.overdue,
        "stale": rollup.stale,
        "weighted_credit": rollup.weighted_credit,
        "weight_total": rollup.weight_total,
        "distribution": [
            {"status": status.value, "label": str(status.label), "count": count}
            for status, count in rollup.distribution
        ],
    }


@dataclass
class ResolutionState:
    """One resolution on one date (see resolution_state)."""

    resolution: Resolution
    as_of: date
    paragraphs: list  # in document order, each with .rollup (operative ones) and .listed_actions
    actions: list  # with the roll-up's annotations (current_status, credit, latest_update_id…)
    rollup: Rollup
    paragraph_rollups: dict = field(default_factory=dict)  # {operative paragraph id: Rollup}

    @property
    def operative(self) -> list:
        return [p for p in self.paragraphs if p.is_operative]

    @property
    def unplaced_actions(self) -> list:
        """Mandates with no known paragraph."""
        return [a for a in self.actions if not a.has_paragraph]

    @cached_property
    def unplaced_rollup(self) -> Rollup | None:
        """The roll-up of the mandates with no known paragraph (one query, when asked)."""
        return unplaced_rollups([self.resolution.pk], self.as_of).get(self.resolution.pk)


def resolution_state(
    resolution: Resolution, as_of: date, *, with_sources: bool = False
) -> ResolutionState:
    """The resolution on `as_of`, in a fixed number of queries whatever its size: paragraphs (1),
    actions with status (1), their actors (1) and paragraphs (1), `with_sources` their
    description sources (1, the exports cite them), the paragraphs' roll-ups (1, none without an
    operative paragraph) and the resolution's (1)."""
    paragraphs = list(
        resolution.paragraphs.in_order().select_related(
            "text_source", "operative_verb", "addressee"
        )
    )
    actions_qs = (
        Action.objects.filter(resolution=resolution)
        .with_status(as_of)
        .select_related("mandate_type")
        .prefetch_related(
            Prefetch("responsible_actors", Actor.objects.select_related("member_state__source")),
            Prefetch("paragraphs", Paragraph.objects.order_by("order")),
        )
        .order_by("pk")
    )
    if with_sources:
        actions_qs = actions_qs.select_related(
            "mandate_source", "responsible_source", "continues_source"
        ).prefetch_related("description_sources")
    actions = list(actions_qs)
    operative = [p.pk for p in paragraphs if p.is_operative]
    p_rollups = paragraph_rollups(operative, as_of) if operative else {}
    for paragraph in paragraphs:
        paragraph.rollup = p_rollups.get(paragraph.pk)
        paragraph.listed_actions = [
            a for a in actions if any(p.pk == paragraph.pk for p in a.paragraphs.all())
        ]
    return ResolutionState(
        resolution=resolution,
        as_of=as_of,
        paragraphs=paragraphs,
        actions=actions,
        rollup=resolution_rollup(resolution, as_of),
        paragraph_rollups=p_rollups,
    )


# --- One mandate across resolutions ----------------------------------------------------------


@dataclass
class HistoryEvent:
    """One dated event of a mandate carried across resolutions: a published status update or an
    occurrence, with the action (and so the resolution) it was recorded under."""

    day: date
    action: Action
    update: object = None  # a StatusUpdate
    occurrence: object = None  # an Occurrence


@dataclass
class HistoryAcross:
    """The actions that carry one mandate from resolution to resolution, earliest first (each
    after the first holds the source that ties it to the one before), and their published
    updates and occurrences up to `as_of` as one line, oldest first."""

    actions: list
    events: list


def history_across_resolutions(action: Action, as_of: date) -> HistoryAcross | None:
    """None when no other resolution carries this action's mandate. Pages, the API and the
    exports read the line here."""
    order = [a.pk for a in action.lineage()]
    if len(order) == 1:
        return None
    by_pk = Action.objects.select_related("resolution", "continues_source").in_bulk(order)
    line = [by_pk[pk] for pk in order]
    updates = (
        StatusUpdate.objects.public()
        .on_or_before(as_of)
        .filter(action__in=line)
        .order_by("as_of", "recorded_at", "id")
    )
    occurrences = (
        Occurrence.objects.on_or_before(as_of).filter(action__in=line).order_by("start_date", "id")
    )
    events = [HistoryEvent(u.as_of, by_pk[u.action_id], update=u) for u in updates]
    events += [HistoryEvent(o.start_date, by_pk[o.action_id], occurrence=o) for o in occurrences]
    # Stable: on one day, updates before occurrences, each in its own order.
    events.sort(key=lambda e: e.day)
    return HistoryAcross(actions=line, events=events)
