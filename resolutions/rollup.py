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

Caching: roll-ups over many resolutions or paragraphs at once (the dashboard) are kept in the
shared cache (settings.CACHES["default"], shared by every worker), keyed by as-of date and ids
and stamped with a data version. Any change that can move a number (see resolutions/signals.py)
bumps the version once its transaction commits; until then the changing connection bypasses the
cache, so neither the writer nor any other worker ever serves a roll-up from before the change.
"""

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest

from .models.actions import RECURRENCE_WINDOW_DAYS, ActionParagraph, MandateType, Occurrence
from .models.reviews import ActionReview
from .models.status_updates import StatusUpdate
from .status import ASSESSED, DEFAULT_CREDIT, ORDER, UNSCORED, Status

# An update older than this is "stale" on the freshness measure.
STALE_AFTER_DAYS = 365


# Window arithmetic on an occurrence known only to its month or year (stored as the period's
# first day) never overstates: it counts only once the whole period has certainly passed
# (31 days after the first of the month, 366 after the first of the year: a day or three late
# at most, never early), and its window runs from the period's first day (the earliest it can
# have been, so the window never ends late). Both are shifts of as_of, which keeps the compiled
# templates below exact.
# A date given only as "on or after" a day counts from that day (its earliest): the source that
# reports it is what is known; its window also runs from that earliest day.
KNOWN_AFTER_DAYS = {"day": 0, "month": 31, "year": 366, "after": 0}
_FAR_PAST = date(1, 1, 1)


def is_before_adoption(day: date | None, adopted_on: date | None) -> bool:
    """Rule 2: an event dated before its resolution's adoption is context, never credit (the
    roll-up counts occurrences from the adoption date on). Pages label it "before adoption"."""
    return day is not None and adopted_on is not None and day < adopted_on


def status_annotations(as_of: date, *, outer: str = "pk", prefix: str = "") -> list[dict]:
    """Annotations that give each action row its status on `as_of`.

    Returned as successive annotate() steps, because later ones refer to earlier ones. `outer`
    is the column holding the action id, `prefix` the path to the action's own fields, so the
    same expressions serve querysets rooted at Action and at ActionParagraph.
    """
    # Each fact is reached through a LEFT JOIN onto the one row that holds it (the latest
    # update, the latest occurrence, a paragraph link, a scored paragraph link), chosen by a
    # correlated "… ORDER BY … LIMIT 1" subquery in the join condition. The status, credit,
    # overdue and stale expressions below refer to these facts many times (the aggregates
    # repeat them for every status); as joined columns each reference is a plain column, where
    # the facts as subqueries were re-run for every reference: ~110 index probes per action
    # instead of ~4, 20 s instead of 3 s for 40,000 actions, and 30 ms of planning per query.
    latest = (
        StatusUpdate.objects.public()
        .current()
        .on_or_before(as_of)
        .filter(action=OuterRef(outer))
        .newest_first()
        .values("pk")[:1]
    )
    latest_review = (
        ActionReview.objects.public()
        .on_or_before(as_of)
        .filter(action=OuterRef(outer))
        .newest_first()
        .values("pk")[:1]
    )
    # Occurrences count from adoption (earlier ones are context, never credit) and once they
    # have certainly happened by as_of (see KNOWN_AFTER_DAYS).
    known = Q()
    for precision, days in KNOWN_AFTER_DAYS.items():
        known |= Q(date_precision=precision, start_date__lte=as_of - timedelta(days=days))
    last_occurrence = (
        Occurrence.objects.filter(action=OuterRef(outer))
        .filter(known)
        .filter(
            start_date__gte=Coalesce(OuterRef(prefix + "resolution__adopted_on"), Value(_FAR_PAST))
        )
        .order_by("-start_date")
        .values("pk")[:1]
    )
    # Any one paragraph link says whether the action serves a paragraph and, nearly always,
    # whether it serves one that counts (its paragraph is not excluded); only when that one is
    # excluded is the EXISTS over the other links evaluated (OR short-circuits).
    links = ActionParagraph.objects.filter(action=OuterRef(outer)).order_by()
    scored_links = links.filter(paragraph__excluded_from_rollup=False)

    def joined(relation, subquery):
        path = prefix + relation
        return FilteredRelation(path, condition=Q(**{path + "__pk": Subquery(subquery)}))

    recurring = Q(**{prefix + "mandate_type": MandateType.RECURRING_EVENT})
    windows = [
        (Q(**{prefix + "recurrence": recurrence}), as_of - timedelta(days=days))
        for recurrence, days in RECURRENCE_WINDOW_DAYS.items()
    ]
    # On track: the latest counted occurrence lies within one interval before as_of.
    on_track = [
        When(
            recurring & is_recurrence & Q(last_occurrence_on__gt=since),
            then=Value(Status.ONGOING.value),
        )
        for is_recurrence, since in windows
    ]
    # Not yet due: nothing counted yet, and one interval after adoption has not passed.
    not_yet_due = [
        When(
            recurring
            & is_recurrence
            & Q(last_occurrence_on__isnull=True)
            & Q(adopted_on__gt=since),
            then=Value(Status.NOT_YET_DUE.value),
        )
        for is_recurrence, since in windows
    ]
    # Delayed only when a published update says so, and no occurrence was recorded after it.
    reported_delayed = Q(latest_status=Status.DELAYED) & (
        Q(last_occurrence_on__isnull=True) | Q(latest_as_of__gte=F("last_occurrence_on"))
    )
    return [
        {
            "rollup_latest_update": joined("status_updates", latest),
            "rollup_latest_review": joined("reviews", latest_review),
            "rollup_last_occurrence": joined("occurrences", last_occurrence),
            "rollup_link": joined("actionparagraph", links.values("pk")[:1]),
        },
        {
            "latest_status": F("rollup_latest_update__status"),
            "latest_progress": F("rollup_latest_update__progress"),
            "latest_as_of": F("rollup_latest_update__as_of"),
            # The update the status is read from, for pages and reports (never re-derived).
            "latest_update_id": F("rollup_latest_update__pk"),
            "latest_note": F("rollup_latest_update__note"),
            "latest_verification": F("rollup_latest_update__verification"),
            "last_reviewed_on": F("rollup_latest_review__reviewed_on"),
            "last_occurrence_on": F("rollup_last_occurrence__start_date"),
            "last_occurrence_precision": F("rollup_last_occurrence__date_precision"),
            "adopted_on": F(prefix + "resolution__adopted_on"),
            "has_paragraph": Q(rollup_link__pk__isnull=False),
            "has_scored_paragraph": Q(rollup_link__paragraph__excluded_from_rollup=False)
            | Exists(scored_links),
        },
        {
            "current_status": Case(
                When(latest_status=Status.NOT_APPLICABLE, then=Value(Status.NOT_APPLICABLE.value)),
                When(
                    has_paragraph=True,
                    has_scored_paragraph=False,
                    then=Value(Status.NOT_APPLICABLE.value),
                ),
                When(recurring & reported_delayed, then=Value(Status.DELAYED.value)),
                *on_track,
                *not_yet_due,
                # With an adoption date or a counted occurrence, the due date is known and has
                # passed with nothing recorded: "no occurrence recorded", never "delayed".
                When(
                    recurring & (Q(adopted_on__isnull=False) | Q(last_occurrence_on__isnull=False)),
                    then=Value(Status.NO_OCCURRENCE.value),
                ),
                default=Coalesce(F("latest_status"), Value(Status.NOT_YET_ASSESSED.value)),
                output_field=CharField(),
            ),
            # The last time someone looked: the later of the last status update and the last
            # published review. Staleness is measured from it.
            "last_looked_on": Greatest(
                Coalesce(F("latest_as_of"), F("last_reviewed_on")),
                Coalesce(F("last_reviewed_on"), F("latest_as_of")),
            ),
        },
        {
            "credit": Case(
                When(current_status__in=[s.value for s in UNSCORED], then=Value(None)),
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
            # Before adoption nothing is scored; "not applicable" and "not yet due" never are.
            "is_scored": Case(
                When(adopted_on__gt=as_of, then=Value(False)),
                When(current_status__in=[s.value for s in UNSCORED], then=Value(False)),
                default=Value(True),
            ),
            "is_assessed": Case(
                When(adopted_on__gt=as_of, then=Value(False)),
                When(current_status__in=[s.value for s in ASSESSED], then=Value(True)),
                default=Value(False),
            ),
            # Assessed as under way, with no sourced figure: credit 0 says "no figure", not
            # "nothing done".
            "is_unfigured": Case(
                When(
                    Q(current_status__in=[Status.IN_PROGRESS.value, Status.DELAYED.value])
                    & ~(Q(latest_progress__isnull=False) & Q(current_status=F("latest_status"))),
                    then=Value(True),
                ),
                default=Value(False),
            ),
            "is_before_adoption": Case(
                When(adopted_on__gt=as_of, then=Value(True)), default=Value(False)
            ),
            "is_overdue": Case(
                When(
                    Q(**{prefix + "due_date__lt": as_of})
                    & ~Q(
                        current_status__in=[
                            Status.COMPLETED.value,
                            Status.ONGOING.value,
                            Status.NOT_APPLICABLE.value,
                            Status.NOT_YET_DUE.value,
                        ]
                    ),
                    then=Value(True),
                ),
                default=Value(False),
            ),
            "is_stale": Case(
                When(current_status=Status.NOT_APPLICABLE, then=Value(False)),
                When(last_looked_on__isnull=True, then=Value(True)),
                When(last_looked_on__lt=as_of - timedelta(days=STALE_AFTER_DAYS), then=Value(True)),
                default=Value(False),
            ),
        },
    ]


def next_due(action) -> date | None:
    """When a recurring action's next occurrence is (or was) due: one interval after its latest
    counted occurrence, or after adoption when it has none. Needs with_status() annotations."""
    days = RECURRENCE_WINDOW_DAYS.get(action.recurrence)
    base = getattr(action, "last_occurrence_on", None) or getattr(action, "adopted_on", None)
    if not days or base is None:
        return None
    return base + timedelta(days=days)


def annotate_status(queryset, as_of: date, *, outer: str = "pk", prefix: str = ""):
    for step in status_annotations(as_of, outer=outer, prefix=prefix):
        queryset = queryset.annotate(**step)
    return queryset


def rollup_aggregates(prefix: str = "") -> dict:
    scored = Q(is_scored=True)
    weight = F(prefix + "weight")
    aggregates = {
        "weighted_credit": Sum(weight * F("credit"), filter=scored),
        "weight_total": Sum(weight, filter=scored),
        "n_total": Count("pk"),
        "n_overdue": Count("pk", filter=Q(is_overdue=True)),
        "n_stale": Count("pk", filter=Q(is_stale=True)),
        "n_assessed": Count("pk", filter=Q(is_assessed=True)),
        "n_unfigured": Count("pk", filter=Q(is_unfigured=True)),
        "n_before_adoption": Count("pk", filter=Q(is_before_adoption=True)),
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
    assessed: int = 0
    unfigured: int = 0
    before_adoption: int = 0

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
    def from_row(cls, row: dict) -> "Rollup":
        values = {
            name: row.get(key) or 0 for name, key in zip(cls._FIELDS, cls._ROW_NAMES, strict=True)
        }
        counts = {status: row.get(f"n_{status.value}") or 0 for status in Status}
        return cls(counts=counts, **values)

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
            tuple(self.counts.get(status, 0) for status in Status),
        )

    @classmethod
    def from_tuple(cls, values: tuple) -> "Rollup":
        *numbers, counts = values
        return cls(
            counts=dict(zip(Status, counts, strict=True)),
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


def invalidate_cache(using=None):
    """Call after any write that can move a roll-up (the signals in resolutions/signals.py do).

    Inside a transaction the shared version is bumped only when it commits, so that no worker
    can cache pre-commit numbers under the new version; meanwhile this connection, which sees
    its own uncommitted change, bypasses the cache. Outside a transaction it bumps at once.
    """
    conn = transaction.get_connection(using)
    setattr(conn, _DIRTY, True)
    transaction.on_commit(lambda: _bump(conn), using=using)


def _bump(conn):
    # Several changes in one transaction register several callbacks: the first one bumps.
    if getattr(conn, _DIRTY, False):
        setattr(conn, _DIRTY, False)
        cache.set(CACHE_VERSION_KEY, uuid.uuid4().hex, None)


def start_version():
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


def _cached(kind: str, ids: list, as_of: date, compute) -> dict[int, Rollup]:
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


def resolution_rollups(resolution_ids, as_of: date) -> dict[int, Rollup]:
    """One query for the roll-up of many resolutions (the dashboard)."""
    return _cached(
        "resolutions", list(resolution_ids), as_of, lambda ids: _resolution_rollups(ids, as_of)
    )


def _resolution_rollups(resolution_ids, as_of: date) -> dict[int, Rollup]:
    from .models.actions import Action

    rows = _rows_for_ids(
        "resolutions",
        lambda ids: Action.objects.filter(resolution_id__in=ids),
        resolution_ids,
        as_of,
        group="resolution_id",
    )
    return {rid: rows.get(rid, Rollup()) for rid in resolution_ids}


# Compiled roll-up SQL, reused: Django takes tens of milliseconds to compile the status
# expressions, the database a fraction of that to run them for one resolution. The SQL depends
# only on the number of ids; ids and dates are parameters. A template is compiled once with
# sentinel ids and a sentinel date, and each parameter is recorded as "the i-th id", "as_of
# moved by N days" or a constant. (ActionQuerySet.rollup_series relies on the same property.)
_TEMPLATES: dict = {}
_TEMPLATES_MAX = 256
_SENTINEL_DAY = date(1111, 11, 11)
_SENTINEL_REACH = timedelta(days=3 * 366)


def _as_day(value):
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    return None


def _template(key, n, sql_for):
    template = _TEMPLATES.get(key)
    if template is not None:
        return template
    sentinels = [-(i + 1) for i in range(n)]
    sql, params = sql_for(sentinels, _SENTINEL_DAY)
    # Each step: ("id", index), ("day", offset, as_text) or ("const", value).
    plan: list[tuple] = []
    seen: list[int] = []
    for value in params:
        day = _as_day(value)
        if isinstance(value, int) and not isinstance(value, bool) and -n <= value <= -1:
            plan.append(("id", -value - 1))
            seen.append(-value - 1)
        elif day is not None and abs(day - _SENTINEL_DAY) <= _SENTINEL_REACH:
            plan.append(("day", day - _SENTINEL_DAY, isinstance(value, str)))
        else:
            plan.append(("const", value))
    if sorted(seen) != list(range(n)) or not any(step[0] == "day" for step in plan):
        return None  # not a shape this can re-parameterise: compile every time
    if len(_TEMPLATES) >= _TEMPLATES_MAX:
        _TEMPLATES.pop(next(iter(_TEMPLATES)))
    _TEMPLATES[key] = (sql, plan)
    return _TEMPLATES[key]


def _fill(plan, ids, as_of):
    params = []
    for step in plan:
        if step[0] == "id":
            params.append(ids[step[1]])
        elif step[0] == "day":
            day = as_of + step[1]
            params.append(day.isoformat() if step[2] else day)
        else:
            params.append(step[1])
    return params


_ROLLUP_NAMES = [
    "weighted_credit",
    "weight_total",
    "n_total",
    "n_overdue",
    "n_stale",
    "n_assessed",
    "n_unfigured",
    "n_before_adoption",
    *[f"n_{s.value}" for s in Status],
]


def _grouped_sql(queryset, as_of, *, group, outer="pk", prefix=""):
    """(sql, params) of the roll-ups of `queryset`'s actions grouped by `group`.

    The status expressions are evaluated once per action in an inner query, and an outer
    GROUP BY only adds up plain columns. Aggregating them directly (as `rollup_aggregates` does)
    repeats the whole status expression in every aggregate: twice the work for the database,
    and for Django, which compiles each repetition.
    """
    qn = connections[queryset.db].ops.quote_name
    status, credit, weight = qn("current_status"), qn("credit"), qn("rollup_weight")
    scored = f"r.{qn('is_scored')}"

    def count(flag):
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


def _execute(db, sql, params) -> dict[int, Rollup]:
    with connections[db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return {
        row[0]: Rollup.from_row(
            {
                name: int(v) if v is not None else None
                for name, v in zip(_ROLLUP_NAMES, row[1:], strict=True)
            }
        )
        for row in rows
    }


def grouped_rollups(queryset, as_of, *, group, outer="pk", prefix="") -> dict[int, Rollup]:
    """{group value: Rollup} of `queryset`'s actions, in one query (compiled on each call)."""
    try:
        sql, params = _grouped_sql(queryset, as_of, group=group, outer=outer, prefix=prefix)
    except EmptyResultSet:
        # A filter that can match nothing (an empty IN ()) has no SQL: nothing to roll up.
        return {}
    return _execute(queryset.db, sql, params)


def _rows_for_ids(kind, build, ids, as_of, **grouping) -> dict[int, Rollup]:
    """grouped_rollups(build(ids), as_of, …) through a compiled template (see _template)."""
    ids = list(ids)
    if not ids:
        # Nothing to roll up (e.g. a fresh install with no resolution): an empty IN () cannot
        # even be compiled to SQL, and the callers fill in empty Rollups for missing ids.
        return {}
    queryset = build(ids)
    vendor = connections[queryset.db].vendor
    template = _template(
        (kind, len(ids), queryset.db, vendor),
        len(ids),
        lambda sentinels, day: _grouped_sql(build(sentinels), day, **grouping),
    )
    if template is None:
        return grouped_rollups(queryset, as_of, **grouping)
    return _execute(queryset.db, template[0], _fill(template[1], ids, as_of))


def resolution_rollup(resolution, as_of: date) -> Rollup:
    return resolution_rollups([resolution.pk], as_of)[resolution.pk]


def paragraph_rollups(paragraph_ids, as_of: date) -> dict[int, Rollup]:
    """One query for the roll-up of every given paragraph. A paragraph with no action gets an
    empty Rollup, whose percent is None, never 0."""
    return _cached(
        "paragraphs", list(paragraph_ids), as_of, lambda ids: _paragraph_rollups(ids, as_of)
    )


def _paragraph_rollups(paragraph_ids, as_of: date) -> dict[int, Rollup]:
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
