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
