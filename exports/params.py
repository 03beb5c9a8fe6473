"""Query parameters of the exports: dates (parsed by resolutions.asof, the one date parser of
every public URL) and file names.

The HTML pages fall back to today on an unusable ``as_of`` and show a notice
(resolutions.asof.read_as_of). A download has nowhere to show a notice, so exports refuse a bad
date with a 400 and a message instead; what counts as valid is the same for both.
"""

import re
from datetime import date

from resolutions.asof import BadParameter, as_of_from, parse_date

__all__ = ["BadParameter", "as_of_from", "parse_date", "safe_symbol", "report_filename"]


def safe_symbol(symbol: str) -> str:
    """A resolution symbol made safe for a file name: 53/45-POL → 53-45-POL."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", symbol).strip("-.") or "resolution"


def report_filename(symbol: str, as_of: date, ext: str) -> str:
    return f"{safe_symbol(symbol)}-progress-{as_of.isoformat()}.{ext}"
