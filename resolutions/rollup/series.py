"""The roll-up at many dates in one query: the progress chart's points (charts.progress_history)."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import connections
from django.db.models import QuerySet, Value

from .rules import annotate_history, rollup_aggregates
from .sql import SENTINEL_DAY, is_sentinel_date, shift_date


def rollup_rows(
    actions: QuerySet[Any, Any],
    as_of: date,
    *,
    only: Iterable[str] | None = None,
    **constants: Any,
) -> QuerySet[Any, dict[str, Any]]:
    """The roll-up of the `actions` queryset per resolution on `as_of`, as an unevaluated
    values() queryset, with the roll-up's own aggregates (so the numbers match
    resolution_rollups exactly). `only` keeps some aggregates (each one repeats the status
    expression in SQL); `constants` are extra literal columns."""
    aggregates = rollup_aggregates()
    if only is not None:
        aggregates = {name: aggregates[name] for name in only}
    extra = {name: Value(value) for name, value in constants.items()}
    return (
        annotate_history(actions, as_of)
        .values("resolution_id")
        .annotate(**extra, **aggregates)
        .order_by()
    )


def rollup_series(
    actions: QuerySet[Any, Any],
    days: Iterable[date],
    *,
    only: Iterable[str] = ("weighted_credit", "weight_total"),
    wanted: dict[date, Iterable[int]] | None = None,
) -> dict[tuple[int, date], dict[str, Any]]:
    """{(resolution id, day): roll-up row} of the `actions` queryset for each of `days`, in ONE
    query.

    `wanted` ({day: resolution ids}) limits each day to the resolutions whose chart shows
    it: the databases push that condition into the grouped subquery, so a page of charts
    costs each resolution's own points, not every point for every resolution.

    Compiling the roll-up is the costly part (its status expression is large, tens of
    milliseconds per date), and from one date to the next only its date parameters change.
    So it is compiled once for a sentinel date, then repeated under UNION ALL with every date
    parameter moved by (day − sentinel). This is exact because the roll-up's only date
    constants are derived from as_of (as_of, as_of − a recurrence window, as_of − the
    staleness period); tests compare every point with resolution_rollups().
    """
    days = list(days)
    if not days:
        return {}
    sql, params = rollup_rows(actions, SENTINEL_DAY, only=only).query.sql_with_params()
    if not any(is_sentinel_date(p) for p in params):
        raise RuntimeError("The roll-up query has no as_of parameter to re-date.")
    parts: list[str] = []
    all_params: list = []
    for index, day in enumerate(days):
        # `index` is an int from enumerate, never user input.
        part = f"SELECT {index} AS series_point, s.* FROM ({sql}) s"
        delta = day - SENTINEL_DAY
        all_params.extend(shift_date(p, delta) for p in params)
        if wanted is not None:
            ids = sorted(wanted.get(day, ())) or [0]  # no resolution wants it: no rows
            part += f" WHERE s.resolution_id IN ({', '.join(['%s'] * len(ids))})"
            all_params.extend(ids)
        parts.append(part)
    with connections[actions.db].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), all_params)
        names = [column[0] for column in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    return {(row["resolution_id"], days[row.pop("series_point")]): row for row in rows}
