"""Query parameters shared by the exports: dates and file names.

The HTML pages fall back to today on a malformed ``as_of`` and show a notice
(resolutions.asof.read_as_of). A download has nowhere to show a notice, so exports refuse a bad
date with a 400 and a message instead; what counts as valid is the same: YYYY-MM-DD, not in the
future, today when absent.
"""

import re
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _


class BadParameter(ValueError):
    """A query parameter that cannot be used; the message is shown to the caller as is."""


def parse_date(raw: str | None, name: str, *, default: date | None = None) -> date:
    raw = (raw or "").strip()
    today = timezone.localdate()
    if not raw:
        if default is None:
            raise BadParameter(
                _("“%(name)s” is required: give a date written YYYY-MM-DD.") % {"name": name}
            )
        return default
    try:
        value = date.fromisoformat(raw)
    except ValueError:
        raise BadParameter(
            _("“%(name)s” must be a date written YYYY-MM-DD; “%(value)s” is not.")
            % {"name": name, "value": raw}
        ) from None
    if value > today:
        raise BadParameter(
            _("“%(name)s” cannot be in the future (%(value)s).") % {"name": name, "value": raw}
        )
    return value


def as_of_from(request) -> date:
    """The export's as-of date: ?as_of=YYYY-MM-DD, today when absent. Raises BadParameter."""
    return parse_date(request.GET.get("as_of"), "as_of", default=timezone.localdate())


def safe_symbol(symbol: str) -> str:
    """A resolution symbol made safe for a file name: 53/45-POL → 53-45-POL."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", symbol).strip("-.") or "resolution"


def report_filename(symbol: str, as_of: date, ext: str) -> str:
    return f"{safe_symbol(symbol)}-progress-{as_of.isoformat()}.{ext}"
