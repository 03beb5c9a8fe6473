"""File names of the exports.

Their dates are read by resolutions.asof, the one parser of dates in every public URL (and of
`manage.py export_report --as-of`): the HTML pages fall back to today on an unusable ``as_of``
and show a notice (read_as_of); a download has nowhere to show a notice, so exports refuse a bad
date with a 400 and the same message (as_of_from, parse_date raise BadParameter).
"""

import re
from datetime import date

__all__ = ["safe_symbol", "report_filename", "language_suffix"]


def safe_symbol(symbol: str) -> str:
    """A resolution symbol made safe for a file name: 53/45-POL → 53-45-POL."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", symbol).strip("-.") or "resolution"


def language_suffix() -> str:
    """ "-fr" or "-ar": a file in another language than the English original says so in its
    name (53-45-POL-progress-2018-11-29-ar.pdf), so the three versions can sit in one folder.
    English names are unchanged."""
    from resolutions.translations import ORIGINAL_LANGUAGE, active_language

    language = active_language()
    return "" if language == ORIGINAL_LANGUAGE else f"-{language}"


def report_filename(symbol: str, as_of: date, ext: str) -> str:
    return f"{safe_symbol(symbol)}-progress-{as_of.isoformat()}{language_suffix()}.{ext}"
