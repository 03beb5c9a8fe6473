"""Dates as precisely as their source gives them (#11 rule 4).

A date known only to its month or year is stored as the period's first day with a precision;
it is never shown as that day. `precise_iso` is for data files (CSV, XLSX, JSON, API):
"2018-11-29", "2018-11", "2018", or "2018-11-29/.." (on or after that day). `precise_label` is
for people, in the active language: "29 November 2018", "November 2018" or "2018".
"""

from datetime import date, datetime
from functools import lru_cache

from django.utils.translation import gettext as _

from .languages import BABEL_LOCALES, ORIGINAL_LANGUAGE, active_language


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
    if day is None:
        return ""
    if precision == "month":
        return format_day(day, "month")
    if precision == "year":
        return str(day.year)
    if precision == "after":
        return _("on or after %(day)s") % {"day": format_day(day, style)}
    return format_day(day, style)


# --- Dates in the reader's language (CLDR through Babel) ----------------------------------------

# The CLDR formats per style, except Arabic "medium", numeric in CLDR (29‏/11‏/2018, with
# right-to-left marks): the Arabic month name is as short as a month name gets.
DATE_PATTERNS = {
    "long": {},
    "medium": {"ar": "d MMM y"},
    "month": {"en": "MMMM y", "fr": "MMMM y", "ar": "MMMM y"},
    "year": {"en": "y", "fr": "y", "ar": "y"},
}
ENGLISH_FORMATS = {"long": "j F Y", "medium": "j M Y", "month": "F Y", "year": "Y"}
MARKS = str.maketrans("", "", "\u200e\u200f\u061c")


def format_day(value, style: str = "long", language: str | None = None) -> str:
    """A date as the reader writes it: "29 November 2018", "29 novembre 2018",
    "29 نوفمبر 2018" (long); "29 Nov 2018", "29 nov. 2018" (medium); "novembre 2018" (month,
    for a date known only to the month). No direction marks: a date never carries U+200E/F."""
    if not value:
        return ""
    language = language or active_language()
    if style not in DATE_PATTERNS:
        style = "long"
    if isinstance(value, datetime):
        # Both formatters below read only a datetime's own year, month and day (no time zone
        # conversion): the text is its calendar day's.
        value = date(value.year, value.month, value.day)
    if type(value) is date:
        # A page writes the same few dates many times (every row's "as of", every "recorded
        # on"): the text of a calendar day depends only on the day, the style and the language.
        return _format_date(value, style, language)
    return _format(value, style, language)


@lru_cache(maxsize=8192)
def _format_date(value: date, style: str, language: str) -> str:
    return _format(value, style, language)


def _format(value, style: str, language: str) -> str:
    from babel.dates import format_date

    if language == ORIGINAL_LANGUAGE:
        # English as the pages always wrote it ("24 Sep 2018"; CLDR's en_GB has "Sept").
        from django.utils import translation
        from django.utils.dateformat import format as django_format

        with translation.override(ORIGINAL_LANGUAGE):
            return django_format(value, ENGLISH_FORMATS[style])
    pattern = DATE_PATTERNS[style].get(language, style)
    locale = BABEL_LOCALES.get(language, "en_GB")
    return format_date(value, pattern, locale=locale).translate(MARKS)
