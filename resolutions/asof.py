"""The one parser and validator of dates in query strings (`?as_of=`, `?from=`, `?to=`).

Pages, reports, exports, the API and `manage.py export_report` all read dates through
``parse_date``, so what counts as valid is decided here once: YYYY-MM-DD, not before
``EARLIEST`` and not in the future. Dates at the limits of the calendar (``0001-01-01``) used
to reach the roll-up, whose date arithmetic (an as-of date minus a recurrence window) overflowed
into a 500 on every public URL.

- A download or an API call has nowhere to show a notice: callers turn ``BadParameter`` into a
  400 with its message.
- A public page (``read_as_of``) shows today's state with the message as a notice instead, so a
  reader who mistyped a date still gets a page.
"""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

# Nothing the tracker records is older (the OIC was founded in 1969). The roll-up subtracts
# recurrence windows and the freshness period from the as-of date, which must stay a valid date.
EARLIEST = date(1900, 1, 1)
# How much of a rejected value a message repeats (a value can be kilobytes long).
ECHO_LIMIT = 40


class BadParameter(ValueError):
    """A query parameter that cannot be used; the message is shown to the caller as is."""


def _echo(raw: str) -> str:
    return raw if len(raw) <= ECHO_LIMIT else raw[:ECHO_LIMIT] + "…"


def parse_date(raw: str | None, name: str, *, default: date | None = None) -> date:
    """`raw` as a date, or `default` when it is blank. Raises BadParameter naming `name`."""
    raw = (raw or "").strip()
    today = timezone.localdate()
    if not raw:
        if default is None:
            raise BadParameter(
                _("“%(name)s” is required: give a date written YYYY-MM-DD.") % {"name": name}
            )
        return default
    try:
        # fromisoformat also takes 20181129 and 2018-W48-4: only YYYY-MM-DD is documented.
        if len(raw) != 10:
            raise ValueError(raw)
        value = date.fromisoformat(raw)
    except ValueError:
        raise BadParameter(
            _("“%(name)s” must be a date written YYYY-MM-DD; “%(value)s” is not.")
            % {"name": name, "value": _echo(raw)}
        ) from None
    if value > today:
        raise BadParameter(
            _("“%(name)s” cannot be in the future (%(value)s).") % {"name": name, "value": raw}
        )
    if value < EARLIEST:
        raise BadParameter(
            _("“%(name)s” must be on or after %(earliest)s (%(value)s).")
            % {"name": name, "earliest": EARLIEST.isoformat(), "value": raw}
        )
    return value


def as_of_from(request) -> date:
    """A download's or the API's as-of date: ?as_of=YYYY-MM-DD, today when absent.
    Raises BadParameter."""
    return parse_date(request.GET.get("as_of"), "as_of", default=timezone.localdate())


def read_as_of(request):
    """A page's as-of date: (as_of, is_past, error). An unusable value falls back to today with
    a message naming the parameter, never an exception."""
    today = timezone.localdate()
    try:
        value = as_of_from(request)
    except BadParameter as exc:
        instead = _("Showing today’s state instead.")
        return today, False, f"{exc} {instead}"
    return value, value < today, None
