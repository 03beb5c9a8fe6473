"""Progress roll-up: action → paragraph → resolution. The only code that derives a status, a
credit, a percentage, staleness, the last status change, the last review or a next due date;
pages, exports, the API, the PDF and the charts ask it, so the numbers cannot disagree.

The rules are written once, in the README ("Progress roll-up") and on /statuses/:

- rules.py: the rules as database expressions (an action's status, credit and flags on a
  date), is_before_adoption, is_lapsed, next_due.
- this module: Rollup (a set of actions' totals, last status change and last review) and the
  grouped roll-ups of resolutions and paragraphs, one query per level, cached.
- steps.py: each action's roll-up as steps in time, stored with the projection; the progress
  chart adds them up (progress_points) instead of re-deriving the history at each date.
- series.py: the roll-up at many dates in one query, from the history (tests and checks).
- sql.py: compiled roll-up SQL, re-dated for any as_of.

The models never import this package at module level (ActionQuerySet.with_status imports it
when called): the roll-up reads the models, not the other way round.

Caching: roll-ups over many resolutions or paragraphs at once (the dashboard) are kept in the
shared cache (settings.CACHES["default"], shared by every worker), keyed by as-of date and ids
and stamped with a data version. Any change that can move a number (see resolutions/signals.py)
bumps the version once its transaction commits; until then the changing connection bypasses the
cache, so neither the writer nor any other worker ever serves a roll-up from before the change.
"""

import hashlib
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import F, QuerySet

from ..models.actions import Action, ActionParagraph
from ..models.resolution import Resolution
from ..status import ORDER, Status
from .projection import annotate_status, ensure_current, reads_projection
from .rules import (
    KNOWN_AFTER_DAYS,
    STALE_AFTER_DAYS,
    annotate_history,
    is_before_adoption,
    is_lapsed,
    next_due,
    rollup_aggregates,
    status_annotations,
)
from .series import rollup_rows, rollup_series
from .sql import as_day, fill, template
from .steps import series as progress_points

__all__ = [
    "KNOWN_AFTER_DAYS",
    "STALE_AFTER_DAYS",
    "Rollup",
    "annotate_history",
    "annotate_status",
    "cache_bypassed",
    "grouped_rollups",
    "invalidate_cache",
    "is_before_adoption",
    "is_lapsed",
    "next_due",
    "paragraph_rollups",
    "progress_points",
    "resolution_rollup",
    "resolution_rollups",
    "rollup_aggregates",
    "rollup_by_resolution",
    "rollup_rows",
    "rollup_series",
    "start_version",
    "unplaced_rollups",
    "status_annotations",
]


@dataclass
class Rollup:
    """The roll-up of a set of actions: a resolution's, a paragraph's."""

    total: int = 0
    weighted_credit: int = 0
    weight_total: int = 0
    overdue: int = 0
    stale: int = 0
    counts: dict = field(default_factory=dict)
    assessed: int = 0
    unfigured: int = 0
    before_adoption: int = 0
    # The latest status update (as-of date) and the latest published review of any of these
    # actions, on or before the roll-up's date: "last status change" and "last reviewed".
    last_update_on: date | None = None
    last_reviewed_on: date | None = None
    # The date the roll-up describes (set by the functions below that compute it).
    as_of: date | None = None

    _FIELDS = (
        "total",
        "weighted_credit",
        "weight_total",
        "overdue",
        "stale",
        "assessed",
        "unfigured",
        "before_adoption",
    )
    _ROW_NAMES = (
        "n_total",
        "weighted_credit",
        "weight_total",
        "n_overdue",
        "n_stale",
        "n_assessed",
        "n_unfigured",
        "n_before_adoption",
    )

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "Rollup":
        values: dict[str, int] = {
            name: row.get(key) or 0 for name, key in zip(cls._FIELDS, cls._ROW_NAMES, strict=True)
        }
        counts = {status: row.get(f"n_{status.value}") or 0 for status in Status}
        rollup = cls(
            counts=counts,
            last_update_on=as_day(row.get("last_update_on")),
            last_reviewed_on=as_day(row.get("last_reviewed_on")),
        )
        for name, value in values.items():
            setattr(rollup, name, value)
        return rollup

    @property
    def last_looked_on(self) -> date | None:
        """The last time anyone looked: the later of the last status change and last review."""
        return max((d for d in (self.last_update_on, self.last_reviewed_on) if d), default=None)

    @property
    def lapsed(self) -> bool:
        """Nobody has recorded a status or a review of any of these actions in the staleness
        period before the roll-up's date (or ever): the dashboard's "nothing recorded since"."""
        return self.as_of is not None and is_lapsed(self.last_looked_on, self.as_of)

    @property
    def not_yet_adopted(self) -> bool:
        """Every action is of a resolution not yet adopted on the date: nothing to score."""
        return bool(self.total) and self.before_adoption == self.total

    @property
    def percent(self) -> float | None:
        """Weighted %, or None when nothing is scored or nothing is assessed: an empty or
        wholly excluded set, before adoption, or only actions nobody has assessed. Never a 0 %
        that means "unknown"."""
        if not self.weight_total or not self.assessed:
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

    def as_tuple(self) -> tuple:
        return (
            *(getattr(self, name) for name in self._FIELDS),
            self.last_update_on,
            self.last_reviewed_on,
            tuple(self.counts.get(status, 0) for status in Status),
        )

    @classmethod
    def from_tuple(cls, values: tuple) -> "Rollup":
        *numbers, last_update_on, last_reviewed_on, counts = values
        return cls(
            counts=dict(zip(Status, counts, strict=True)),
            last_update_on=last_update_on,
            last_reviewed_on=last_reviewed_on,
            **dict(zip(cls._FIELDS, numbers, strict=True)),
        )


# --- Cache ---------------------------------------------------------------------------------

CACHE_VERSION_KEY = "rollup:version"
# Below this many ids a roll-up is one indexed query over a few hundred rows at most, cheaper
# than a round trip to a database-backed cache; the dashboard's calls (every listed resolution,
# every operative paragraph) are above it. Settings ROLLUP_CACHE_MIN_IDS and
# ROLLUP_CACHE_TIMEOUT (seconds; 0 turns the cache off) override these.
CACHE_MIN_IDS = 50
CACHE_TIMEOUT = 3600
_DIRTY = "rollup_cache_dirty"


def invalidate_cache(using: str | None = None) -> None:
    """Call after any write that can move a roll-up (the signals in resolutions/signals.py do).

    Inside a transaction the shared version is bumped only when it commits, so that no worker
    can cache pre-commit numbers under the new version; meanwhile this connection, which sees
    its own uncommitted change, bypasses the cache. Outside a transaction it bumps at once.
    """
    conn = transaction.get_connection(using)
    setattr(conn, _DIRTY, True)
    transaction.on_commit(lambda: _bump(conn), using=using)


def _bump(conn: BaseDatabaseWrapper) -> None:
    # Several changes in one transaction register several callbacks: the first one bumps.
    if getattr(conn, _DIRTY, False):
        setattr(conn, _DIRTY, False)
        cache.set(CACHE_VERSION_KEY, uuid.uuid4().hex, None)


def start_version() -> None:
    """No data version yet (first use, or evicted): start one; the next request fills the cache."""
    cache.add(CACHE_VERSION_KEY, uuid.uuid4().hex, None)


def cache_bypassed() -> bool:
    """True while this connection holds uncommitted changes that the cache must not see."""
    conn = transaction.get_connection()
    if not getattr(conn, _DIRTY, False):
        return False
    if conn.in_atomic_block:
        return True  # this transaction changed data that other workers cannot see yet
    setattr(conn, _DIRTY, False)  # left over from a rolled-back transaction
    return False


def _dated(rollups: dict[int, Rollup], as_of: date) -> dict[int, Rollup]:
    for rollup in rollups.values():
        rollup.as_of = as_of
    return rollups


# Computes the roll-ups of the given ids (what the cache stores).
_Compute = Callable[[list[int]], dict[int, Rollup]]


def _cached(kind: str, ids: list[int], as_of: date, compute: _Compute) -> dict[int, Rollup]:
    return _dated(_cached_rollups(kind, ids, as_of, compute), as_of)


def _cached_rollups(kind: str, ids: list[int], as_of: date, compute: _Compute) -> dict[int, Rollup]:
    min_ids = getattr(settings, "ROLLUP_CACHE_MIN_IDS", CACHE_MIN_IDS)
    timeout = getattr(settings, "ROLLUP_CACHE_TIMEOUT", CACHE_TIMEOUT)
    if len(ids) < min_ids or not timeout or cache_bypassed():
        return compute(ids)
    digest = hashlib.sha256(",".join(map(str, sorted(set(ids)))).encode()).hexdigest()[:32]
    key = f"rollup:{kind}:{as_of.isoformat()}:{digest}"
    found = cache.get_many([CACHE_VERSION_KEY, key])  # one round trip
    version, entry = found.get(CACHE_VERSION_KEY), found.get(key)
    if version is not None and entry is not None and entry[0] == version:
        stored = entry[1]
        return {i: Rollup.from_tuple(stored[i]) for i in ids}
    rollups = compute(ids)
    if version is None:
        start_version()
    else:
        cache.set(key, (version, {i: r.as_tuple() for i, r in rollups.items()}), timeout)
    return rollups


# --- Roll-ups ------------------------------------------------------------------------------


def resolution_rollups(resolution_ids: Iterable[int], as_of: date) -> dict[int, Rollup]:
    """One query for the roll-up of many resolutions (the dashboard)."""
    return _cached(
        "resolutions", list(resolution_ids), as_of, lambda ids: _resolution_rollups(ids, as_of)
    )


def _resolution_rollups(resolution_ids: list[int], as_of: date) -> dict[int, Rollup]:
    rows = _rows_for_ids(
        "resolutions",
        lambda ids: Action.objects.filter(resolution_id__in=ids),
        resolution_ids,
        as_of,
        group="resolution_id",
    )
    return {rid: rows.get(rid, Rollup()) for rid in resolution_ids}


_ROLLUP_NAMES = [
    "weighted_credit",
    "weight_total",
    "n_total",
    "n_overdue",
    "n_stale",
    "n_assessed",
    "n_unfigured",
    "n_before_adoption",
    "last_update_on",
    "last_reviewed_on",
    *[f"n_{s.value}" for s in Status],
]


_DATE_NAMES = frozenset({"last_update_on", "last_reviewed_on"})


def _grouped_sql(
    queryset: QuerySet[Any, Any], as_of: date, *, group: str, outer: str = "pk", prefix: str = ""
) -> tuple[str, list[Any]]:
    """(sql, params) of the roll-ups of `queryset`'s actions grouped by `group`.

    The status expressions are evaluated once per action in an inner query, and an outer
    GROUP BY only adds up plain columns. Aggregating them directly (as `rollup_aggregates` does)
    repeats the whole status expression in every aggregate: twice the work for the database,
    and for Django, which compiles each repetition.
    """
    qn = connections[queryset.db].ops.quote_name
    status, credit, weight = qn("current_status"), qn("credit"), qn("rollup_weight")
    scored = f"r.{qn('is_scored')}"

    def count(flag: str) -> str:
        return f"SUM(CASE WHEN r.{qn(flag)} THEN 1 ELSE 0 END)"

    columns = [
        f"SUM(CASE WHEN {scored} THEN r.{weight} * r.{credit} END)",
        f"SUM(CASE WHEN {scored} THEN r.{weight} END)",
        "COUNT(*)",
        count("is_overdue"),
        count("is_stale"),
        count("is_assessed"),
        count("is_unfigured"),
        count("is_before_adoption"),
        f"MAX(r.{qn('latest_as_of')})",
        f"MAX(r.{qn('last_reviewed_on')})",
        *[f"SUM(CASE WHEN r.{status} = %s THEN 1 ELSE 0 END)" for _ in Status],
    ]
    inner = (
        annotate_status(queryset, as_of, outer=outer, prefix=prefix)
        .order_by()
        .values(
            "current_status",
            "credit",
            "is_overdue",
            "is_stale",
            "is_scored",
            "is_assessed",
            "is_unfigured",
            "is_before_adoption",
            "latest_as_of",
            "last_reviewed_on",
            rollup_group=F(group),
            rollup_weight=F(prefix + "weight"),
        )
    )
    sql, params = inner.query.sql_with_params()
    grouped = (
        f"SELECT r.{qn('rollup_group')}, {', '.join(columns)} FROM ({sql}) r "
        f"GROUP BY r.{qn('rollup_group')}"
    )
    return grouped, [*[s.value for s in Status], *params]


def _execute(db: str, sql: str, params: Sequence[Any]) -> dict[int, Rollup]:
    with connections[db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return {
        row[0]: Rollup.from_row(
            {
                name: v if v is None or name in _DATE_NAMES else int(v)
                for name, v in zip(_ROLLUP_NAMES, row[1:], strict=True)
            }
        )
        for row in rows
    }


def grouped_rollups(
    queryset: QuerySet[Any, Any], as_of: date, *, group: str, outer: str = "pk", prefix: str = ""
) -> dict[int, Rollup]:
    """{group value: Rollup} of `queryset`'s actions, in one query (compiled on each call)."""
    try:
        sql, params = _grouped_sql(queryset, as_of, group=group, outer=outer, prefix=prefix)
    except EmptyResultSet:
        # A filter that can match nothing (an empty IN ()) has no SQL: nothing to roll up.
        return {}
    return _dated(_execute(queryset.db, sql, params), as_of)


def _rows_for_ids(
    kind: str,
    build: Callable[[list[int]], QuerySet[Any, Any]],
    ids: Iterable[int],
    as_of: date,
    **grouping: str,
) -> dict[int, Rollup]:
    """grouped_rollups(build(ids), as_of, …) through a compiled template (see sql.template)."""
    ids = list(ids)
    if not ids:
        # Nothing to roll up (e.g. a fresh install with no resolution): an empty IN () cannot
        # even be compiled to SQL, and the callers fill in empty Rollups for missing ids.
        return {}
    queryset = build(ids)
    vendor = connections[queryset.db].vendor
    if reads_projection(as_of):
        # Today's roll-up adds up stored rows; its SQL has no date in it (the projection holds
        # today's derived state), so it too is compiled once per shape and re-used.
        ensure_current(as_of, using=queryset.db)
        compiled = template(
            (kind, "projection", len(ids), queryset.db, vendor),
            len(ids),
            lambda sentinels, _day: _grouped_sql(build(sentinels), as_of, **grouping),
            dated=False,
        )
        if compiled is None:
            return grouped_rollups(queryset, as_of, **grouping)
        return _dated(_execute(queryset.db, compiled[0], fill(compiled[1], ids, as_of)), as_of)
    compiled = template(
        (kind, len(ids), queryset.db, vendor),
        len(ids),
        lambda sentinels, day: _grouped_sql(build(sentinels), day, **grouping),
    )
    if compiled is None:
        return grouped_rollups(queryset, as_of, **grouping)
    return _execute(queryset.db, compiled[0], fill(compiled[1], ids, as_of))


def resolution_rollup(resolution: Resolution, as_of: date) -> Rollup:
    return resolution_rollups([resolution.pk], as_of)[resolution.pk]


def unplaced_rollups(resolution_ids: Iterable[int], as_of: date) -> dict[int, Rollup]:
    """{resolution id: Rollup} of each resolution's mandates with no known paragraph, in one
    query through a compiled template (a past date re-dates it instead of compiling the status
    expressions again). A resolution with none is left out."""
    return _dated(
        _rows_for_ids(
            "unplaced",
            lambda ids: Action.objects.filter(resolution_id__in=ids).without_paragraph(),
            list(resolution_ids),
            as_of,
            group="resolution_id",
        ),
        as_of,
    )


def rollup_by_resolution(actions: QuerySet[Action, Action], as_of: date) -> dict[int, Rollup]:
    """{resolution id: Rollup} of the `actions` queryset (e.g. the mandates with no known
    paragraph), in one query, through the same grouping resolution_rollups uses."""
    return grouped_rollups(actions, as_of, group="resolution_id")


def paragraph_rollups(paragraph_ids: Iterable[int], as_of: date) -> dict[int, Rollup]:
    """One query for the roll-up of every given paragraph. A paragraph with no action gets an
    empty Rollup, whose percent is None, never 0."""
    return _cached(
        "paragraphs", list(paragraph_ids), as_of, lambda ids: _paragraph_rollups(ids, as_of)
    )


def _paragraph_rollups(paragraph_ids: list[int], as_of: date) -> dict[int, Rollup]:
    rows = _rows_for_ids(
        "paragraphs",
        lambda ids: ActionParagraph.objects.filter(paragraph_id__in=ids),
        paragraph_ids,
        as_of,
        group="paragraph_id",
        outer="action_id",
        prefix="action__",
    )
    return {pid: rows.get(pid, Rollup()) for pid in paragraph_ids}
