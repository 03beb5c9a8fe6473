"""Whole-page cache for anonymous readers of the public pages.

Rendering a resolution page costs tens of milliseconds of template work even when every query is
fast, and at UN scale the dashboard and the filtered action list cost far more. Diplomats read
the same few pages many times between two publications, so an anonymous GET is served from the
shared cache (settings.CACHES["default"], shared by every worker and machine) when nothing has
changed since it was rendered.

"Nothing has changed" is the roll-up cache's data version (resolutions/rollup.py): every write to
the domain bumps it once its transaction commits (resolutions/signals.py), so a publish is seen
on the very next request by every worker, and a draft never is (drafts are not public, and an
uncommitted write makes its own connection bypass the cache). The key holds the full path (with
the language prefix and the query string, so ?as_of= and filters are separate pages) and today's
date, because "today" decides overdue and freshness flags.

Signed-in users (staff, who may see previews and admin links) always get a fresh page.
PAGE_CACHE_SECONDS (settings, .env.example) bounds how long an entry lives; 0 turns this off.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone

from .rollup import CACHE_VERSION_KEY, cache_bypassed, start_version

HEADER = "X-Page-Cache"


def _key(request) -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:40]
    # Processes that list synthetic resolutions and processes that do not may share one cache.
    listed = "all" if settings.SHOW_SYNTHETIC_RESOLUTIONS else "real"
    return f"page:{listed}:{timezone.localdate().isoformat()}:{digest}"


def _cacheable(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and not cache_bypassed()
    )


def public_page(view):
    """Serve `view`'s anonymous 200 responses from the shared cache until the data changes."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        found = cache.get_many([CACHE_VERSION_KEY, key])  # one round trip
        version, entry = found.get(CACHE_VERSION_KEY), found.get(key)
        if version is not None and entry is not None and entry[0] == version:
            response = HttpResponse(entry[2], content_type=entry[1])
            response[HEADER] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if version is None:
            start_version()
        elif (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
        ):
            cache.set(
                key,
                (version, response["Content-Type"], response.content),
                settings.PAGE_CACHE_SECONDS,
            )
        response[HEADER] = "miss"
        return response

    return wrapper


# -- Files rendered once per data version (reports, briefs, badges) ---------------------------

# While one worker renders a file, another request for the same file waits for it (polling the
# cache) for at most this long rather than rendering it a second time.
RENDER_WAIT_SECONDS = 20
_POLL_SECONDS = 0.1


def versioned_key(*parts) -> str:
    """A cache key for a file that depends on the data and on today (overdue, freshness, the
    default as-of date): the parts (slug, language, format, as-of…) and today's date."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:40]
    return f"file:{timezone.localdate().isoformat()}:{digest}"


def cached_file(key: str, render, timeout: int | None = None) -> tuple[object, bool]:
    """(value, hit): `render()`'s value for `key`, rendered at most once per data version.

    The entry is stamped with the data version of the page cache (CACHE_VERSION_KEY), so the
    first request after a publish renders afresh, exactly as for pages. Concurrent requests for
    the same missing file wait for the one rendering it (a lock in the shared cache), so a
    burst of identical requests costs one render, not one per request and worker. Files hold
    only published data, so they are shared by every reader, signed in or not; a connection
    with uncommitted writes renders for itself only.
    """
    timeout = settings.REPORT_CACHE_SECONDS if timeout is None else timeout
    if timeout <= 0 or cache_bypassed():
        return render(), False
    found = cache.get_many([CACHE_VERSION_KEY, key])
    version, entry = found.get(CACHE_VERSION_KEY), found.get(key)
    if version is None:
        start_version()
        return render(), False
    if entry is not None and entry[0] == version:
        return entry[1], True
    lock = f"{key}:rendering:{version}"
    if not cache.add(lock, 1, RENDER_WAIT_SECONDS):
        deadline = time.monotonic() + RENDER_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(_POLL_SECONDS)
            entry = cache.get(key)
            if entry is not None and entry[0] == version:
                return entry[1], True
            if cache.get(lock) is None:  # the other render failed or expired: do it here
                break
    try:
        value = render()
        cache.set(key, (version, value), timeout)
    finally:
        cache.delete(lock)
    return value, False
