"""Compiled roll-up SQL, re-dated: the roll-up's SQL depends on its as_of date only through
parameters derived from it (as_of, as_of minus a recurrence window or the staleness period), so it
is compiled once for a sentinel date no record can carry and re-used for any date by moving every
such parameter. Used by the grouped roll-ups (package __init__) and the chart series (series.py)."""

from collections.abc import Callable, Hashable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

# Compiled roll-up SQL, reused: Django takes tens of milliseconds to compile the status
# expressions, the database a fraction of that to run them for one resolution. The SQL depends
# only on the number of ids; ids and dates are parameters. A template is compiled once with
# sentinel ids and a sentinel date, and each parameter is recorded as "the i-th id", "as_of
# moved by N days" or a constant. (series.rollup_series relies on the same property.)
_TEMPLATES: dict[Hashable, tuple[str, list[tuple]]] = {}
_TEMPLATES_MAX = 256
SENTINEL_DAY = date(1111, 11, 11)
_SENTINEL_REACH = timedelta(days=3 * 366)


def as_day(value: object) -> date | None:
    """A date parameter or column as a date (SQLite gives ISO strings), else None."""
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    return None


def template(
    key: Hashable,
    n: int,
    sql_for: Callable[[list[int], date], tuple[str, Sequence[Any]]],
    *,
    dated: bool = True,
) -> tuple[str, list[tuple]] | None:
    """The compiled SQL for `key` and its parameter plan, compiled on first use. `dated=False`
    is for SQL that must not depend on any date (today's roll-up, read from the projection):
    it is refused (None: compile every time) if any parameter is a date."""
    template = _TEMPLATES.get(key)
    if template is not None:
        return template
    sentinels = [-(i + 1) for i in range(n)]
    sql, params = sql_for(sentinels, SENTINEL_DAY)
    # Each step: ("id", index), ("day", offset, as_text) or ("const", value).
    plan: list[tuple] = []
    seen: list[int] = []
    for value in params:
        day = as_day(value)
        if not dated and day is not None:
            return None  # a date in SQL meant to have none: never re-use it on another day
        if isinstance(value, int) and not isinstance(value, bool) and -n <= value <= -1:
            plan.append(("id", -value - 1))
            seen.append(-value - 1)
        elif day is not None and abs(day - SENTINEL_DAY) <= _SENTINEL_REACH:
            plan.append(("day", day - SENTINEL_DAY, isinstance(value, str)))
        else:
            plan.append(("const", value))
    if sorted(seen) != list(range(n)) or dated != any(step[0] == "day" for step in plan):
        return None  # not a shape this can re-parameterise: compile every time
    if len(_TEMPLATES) >= _TEMPLATES_MAX:
        _TEMPLATES.pop(next(iter(_TEMPLATES)))
    _TEMPLATES[key] = (sql, plan)
    return _TEMPLATES[key]


def fill(plan: list[tuple], ids: Sequence[int], as_of: date) -> list[Any]:
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


def is_sentinel_date(param: object) -> bool:
    """A query parameter that is one of the sentinel roll-up's as_of-derived dates."""
    day = as_day(param)
    return day is not None and abs(day - SENTINEL_DAY) <= _SENTINEL_REACH


def shift_date(param: Any, delta: timedelta) -> Any:
    """`param` moved by `delta` when it is an as_of-derived date of the sentinel roll-up.
    SQLite receives dates as ISO strings, PostgreSQL as date objects: each is kept as it came."""
    if not is_sentinel_date(param):
        return param
    if isinstance(param, str):
        return (date.fromisoformat(param) + delta).isoformat()
    return param + delta
