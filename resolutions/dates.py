"""Dates as precisely as their source gives them (#11 rule 4).

A date known only to its month or year is stored as the period's first day with a precision;
it is never shown as that day. `precise_iso` is for data files (CSV, XLSX, JSON, API):
"2018-11-29", "2018-11", "2018", or "2018-11-29/.." (on or after that day). `precise_label` is
for people, in the active language: "29 November 2018", "November 2018" or "2018".
"""

from django.utils.translation import gettext as _


def precise_iso(day, precision="day") -> str | None:
    if day is None:
        return None
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "after":
        return f"{day.isoformat()}/.."  # ISO 8601 open interval: on or after that day
    return day.isoformat()


def precise_label(day, precision="day", style="long") -> str:
    from .translations import format_day  # CLDR dates (Babel); imported late: no cycle

    if day is None:
        return ""
    if precision == "month":
        return format_day(day, "month")
    if precision == "year":
        return str(day.year)
    if precision == "after":
        return _("on or after %(day)s") % {"day": format_day(day, style)}
    return format_day(day, style)
