"""Reading the `?as_of=YYYY-MM-DD` parameter shared by public pages."""

from datetime import date

from django.utils import timezone


def read_as_of(request):
    """Return (as_of, is_past, error). A malformed value falls back to today with a message
    naming the parameter, never an exception."""
    today = timezone.localdate()
    raw = request.GET.get("as_of", "").strip()
    if not raw:
        return today, False, None
    try:
        value = date.fromisoformat(raw)
    except ValueError:
        return today, False, f"“as_of” must be a date written YYYY-MM-DD; “{raw}” is not. " \
            "Showing today’s state instead."
    if value > today:
        return today, False, f"“as_of” cannot be in the future ({raw}). Showing today’s state."
    return value, value < today, None
