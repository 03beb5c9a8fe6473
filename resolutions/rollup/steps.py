"""Each action's contribution to the roll-up as steps in time (models.ActionStep): the progress
chart adds them up instead of re-deriving the history at each of its points.

An action's roll-up (its credit, whether it is scored, whether it is assessed) depends on the date
only through its own records and the dates the rules derive from them:

- the adoption date (nothing is scored before it), and one recurrence interval after it (a
  recurring mandate is "not yet due" until then);
- the date of each published status update;
- each occurrence's date once it has certainly passed (KNOWN_AFTER_DAYS), and one interval after
  its start (its window runs out).

Between two such dates nothing moves. So the roll-up is computed from the history (the same
rules.annotate_history the as-of pages use) at each of them and at the day before the first
(which also holds for every earlier date), and consecutive equal steps are merged. The values are
a function of the history only, not of today's date: no step needs re-deriving as days pass.

Written by projection.refresh_actions, i.e. in the same transaction as every write that can move
the roll-up (resolutions/signals.py) and by `manage.py rebuild_rollup`.
tests/test_rollup_property.py checks that the sums equal the history's roll-up on random dates.
"""

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from django.db import connections

from ..models.action_state import ActionStep
from ..models.actions import RECURRENCE_WINDOW_DAYS, Action, Occurrence
from ..models.status_updates import StatusUpdate
from .rules import KNOWN_AFTER_DAYS, annotate_history
from .sql import fill, template

# Dates per UNION query (SQLite) when evaluating many (action, date) pairs: keeps each statement
# small. (action, day) pairs per statement on PostgreSQL.
PARTS_PER_QUERY = 40
PAIRS_PER_QUERY = 5000
_COLUMNS = ("pk", "weight", "credit", "is_scored", "is_assessed")
# (weighted credit, scored weight, assessed): an action's contribution on a day.
Value = tuple[int, int, bool]


def change_days(action_ids: Iterable[int], using: str) -> dict[int, set[date]]:
    """{action id: the dates on which its roll-up can change} (a superset is harmless: it only
    costs a merged step). Three queries."""
    days: dict[int, set[date]] = {pk: set() for pk in action_ids}
    windows: dict[int, int] = {}
    actions = Action.objects.using(using).filter(pk__in=action_ids)
    for pk, adopted, recurrence in actions.values_list(
        "pk", "resolution__adopted_on", "recurrence"
    ):
        window = RECURRENCE_WINDOW_DAYS.get(recurrence)
        if window:
            windows[pk] = window
        if adopted:
            days[pk].add(adopted)
            if window:
                days[pk].add(adopted + timedelta(days=window))
    updates = StatusUpdate.objects.using(using).public().filter(action_id__in=action_ids)
    for pk, day in updates.values_list("action_id", "as_of").distinct():
        days[pk].add(day)
    occurrences = Occurrence.objects.using(using).filter(action_id__in=action_ids)
    for pk, start, precision in occurrences.values_list(
        "action_id", "start_date", "date_precision"
    ):
        days[pk].add(start + timedelta(days=KNOWN_AFTER_DAYS.get(precision, 0)))
        if windows.get(pk):
            days[pk].add(start + timedelta(days=windows[pk]))
    return days


def _padded(ids: list[int]) -> list[int]:
    """`ids` repeated up to the next power of two, so that a few compiled templates serve every
    group size (an id twice in IN (…) changes nothing)."""
    size = 1
    while size < len(ids):
        size *= 2
    return ids + [ids[-1]] * (size - len(ids))


def _as_of_sql(using: str, sentinels: list[int], day: date) -> tuple[str, tuple]:
    """The as-of roll-up of `sentinels` on `day`: the query every evaluation below re-dates."""
    query = annotate_history(Action.objects.using(using).filter(pk__in=sentinels), day)
    return query.order_by().values(*_COLUMNS).query.sql_with_params()


def _value(row: dict) -> Value:
    scored = bool(row["is_scored"])
    weight = row["weight"]
    return (
        weight * (row["credit"] or 0) if scored else 0,
        weight if scored else 0,
        bool(row["is_assessed"]),
    )


def evaluate(pairs: dict[date, list[int]], using: str) -> dict[tuple[int, date], Value]:
    """{(action id, day): (weighted credit, scored weight, assessed)} from the history, for
    each day's actions: the as-of roll-up (rules.annotate_history), compiled once and re-dated
    for each pair (see sql.template)."""
    if connections[using].vendor == "postgresql":
        return _evaluate_lateral(pairs, using)
    return _evaluate_union(pairs, using)


def _lateral_sql(using: str) -> tuple[str, list]:
    """The as-of query with its action id and every as_of-derived date read from a row of
    `step_pairs` (action_id, day) instead of parameters, and its constant parameters."""
    compiled = template(
        ("steps-lateral", using), 1, lambda sentinels, d: _as_of_sql(using, sentinels, d)
    )
    if compiled is None:  # pragma: no cover (the as-of query always carries its date)
        raise RuntimeError("The as-of query has no date parameter to re-date.")
    sql, plan = compiled
    pieces, params, position = [], [], 0
    for piece in re.split(r"(%%|%s)", sql):
        if piece != "%s":
            pieces.append(piece)
            continue
        step = plan[position]
        position += 1
        if step[0] == "id":
            pieces.append("step_pairs.action_id")
        elif step[0] == "day":
            # An int from a timedelta the template computed, never user input.
            pieces.append(f"(step_pairs.day + {int(step[1].days)})")
        else:
            pieces.append("%s")
            params.append(step[1])
    return "".join(pieces), params


def _evaluate_lateral(pairs: dict[date, list[int]], using: str) -> dict[tuple[int, date], Value]:
    """PostgreSQL: every (action, day) pair in one statement per PAIRS_PER_QUERY pairs, the
    pairs as a relation (unnest of two arrays) and the as-of query as a LATERAL subquery of
    each. Each pair costs the as-of query's index probes for one action, so the work grows
    with the number of pairs. (The re-dated UNION ALL below ran one as-of query per day, and
    PostgreSQL answers each of those with hash joins over the whole status-update and
    occurrence tables: days × table size, 14–18 s per query of 40 days at UN scale.)"""
    inner, constants = _lateral_sql(using)
    sql = (
        "SELECT step_pairs.day AS step_day, s.* "
        "FROM unnest(%s::bigint[], %s::date[]) AS step_pairs(action_id, day) "
        f"CROSS JOIN LATERAL ({inner}) s"
    )
    flat = sorted((day, pk) for day, ids in pairs.items() for pk in set(ids))
    found: dict[tuple[int, date], Value] = {}
    with connections[using].cursor() as cursor:
        for start in range(0, len(flat), PAIRS_PER_QUERY):
            chunk = flat[start : start + PAIRS_PER_QUERY]
            cursor.execute(sql, [[pk for _, pk in chunk], [day for day, _ in chunk], *constants])
            names = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                values = dict(zip(names, row, strict=True))
                pk = int(values["id"] if "id" in values else values["pk"])
                found[(pk, values["step_day"])] = _value(values)
    return found


def _evaluate_union(pairs: dict[date, list[int]], using: str) -> dict[tuple[int, date], Value]:
    """SQLite (no LATERAL): each day's roll-up is the as-of query compiled once per group size
    and re-dated, ⌈parts / PARTS_PER_QUERY⌉ queries. SQLite runs each part as nested loops over
    the indexes (no scan of a whole table), so this too grows with the number of pairs."""
    vendor = connections[using].vendor
    parts = []
    for day in sorted(pairs):
        ids = sorted(set(pairs[day]))
        for start in range(0, len(ids), 256):
            parts.append((day, _padded(ids[start : start + 256])))
    found: dict[tuple[int, date], Value] = {}
    for start in range(0, len(parts), PARTS_PER_QUERY):
        chunk = parts[start : start + PARTS_PER_QUERY]
        sqls: list[str] = []
        params: list = []
        for index, (day, ids) in enumerate(chunk):
            compiled = template(
                ("steps", len(ids), using, vendor),
                len(ids),
                lambda sentinels, d: _as_of_sql(using, sentinels, d),
            )
            if compiled is None:  # pragma: no cover (the as-of query always carries its date)
                raise RuntimeError("The as-of query has no date parameter to re-date.")
            # `index` is an int from enumerate, never user input.
            sqls.append(f"SELECT {index} AS step_part, s.* FROM ({compiled[0]}) s")
            params.extend(fill(compiled[1], ids, day))
        with connections[using].cursor() as cursor:
            cursor.execute(" UNION ALL ".join(sqls), params)
            names = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                values = dict(zip(names, row, strict=True))
                day = chunk[values["step_part"]][0]
                pk = int(values["id"] if "id" in values else values["pk"])
                found[(pk, day)] = _value(values)
    return found


def compute(action_ids: Iterable[int], *, using: str, today: date) -> list[ActionStep]:
    """The steps of these actions, from the history."""
    days = change_days(action_ids, using)
    pairs: dict[date, list[int]] = defaultdict(list)
    for pk, own in days.items():
        first = min(own, default=today)
        for day in {first - timedelta(days=1), *own}:
            pairs[day].append(pk)
    values = evaluate(pairs, using)
    steps = []
    for pk, own in days.items():
        first = min(own, default=today)
        previous = None
        for day in sorted({first - timedelta(days=1), *own}):
            value = values.get((pk, day))
            if value is None or value == previous:
                continue
            steps.append(
                ActionStep(
                    action_id=pk,
                    day=day,
                    weighted_credit=value[0],
                    weight_scored=value[1],
                    is_assessed=value[2],
                )
            )
            previous = value
    return steps


def write(action_ids: Sequence[int], *, using: str, today: date) -> int:
    """Replace these actions' steps (call inside the writer's transaction)."""
    steps = compute(action_ids, using=using, today=today)
    ActionStep.objects.using(using).filter(action_id__in=action_ids).delete()
    ActionStep.objects.using(using).bulk_create(steps, batch_size=1000)
    return len(steps)


# --- Reading ---------------------------------------------------------------------------------


def series(
    resolution_ids: Iterable[int],
    days_by_resolution: dict[int, list[date]],
    using: str = "default",
) -> dict[tuple[int, date], dict[str, int]]:
    """{(resolution id, day): {"weighted_credit", "weight_total", "n_assessed"}} for each
    resolution's wanted days, added up from the stored steps: one query, whatever the number of
    days (the same sums the history's roll-up makes on each of those days)."""
    rows = (
        ActionStep.objects.using(using)
        .filter(action__resolution_id__in=list(resolution_ids))
        .order_by("action_id", "day")
        .values_list(
            "action__resolution_id",
            "action_id",
            "day",
            "weighted_credit",
            "weight_scored",
            "is_assessed",
        )
    )
    base: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    changes: dict[int, list[tuple]] = defaultdict(list)
    last: dict[int, tuple] = {}
    for rid, pk, day, credit, weight, assessed in rows:
        value = (credit, weight, int(assessed))
        before = last.get(pk)
        if before is None:  # the first step holds for every earlier date too
            totals = base[rid]
            for i in range(3):
                totals[i] += value[i]
        else:
            changes[rid].append((day, *(value[i] - before[i] for i in range(3))))
        last[pk] = value
    result = {}
    for rid in resolution_ids:
        totals = list(base[rid])
        pending = sorted(changes[rid])
        position = 0
        for day in sorted(days_by_resolution.get(rid, ())):
            while position < len(pending) and pending[position][0] <= day:
                for i in range(3):
                    totals[i] += pending[position][i + 1]
                position += 1
            result[(rid, day)] = {
                "weighted_credit": totals[0],
                "weight_total": totals[1],
                "n_assessed": totals[2],
            }
    return result
