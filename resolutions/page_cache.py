"""Whole-page cache for anonymous readers of the public pages.

Rendering a resolution page costs tens of milliseconds of template work even when every query is
fast, and at UN scale the dashboard and the filtered action list cost far more. Diplomats read
the same few pages many times between two publications, so an anonymous GET is served from the
shared cache (settings.CACHES["default"], shared by every worker and machine) when nothing has
changed since it was rendered.

"Nothing has changed" is the roll-up cache's data version (resolutions/rollup/): every write to
the domain bumps it once its transaction commits (resolutions/signals.py), so a publish is seen
on the very next request by every worker, and a draft never is (drafts are not public, and an
uncommitted write makes its own connection bypass the cache). The key holds the full path (with
the language prefix and the query string, so ?as_of= and filters are separate pages) and today's
date, because "today" decides overdue and freshness flags.

Only the query parameters the pages read (``PAGE_PARAMETERS``: ``as_of``, ``page``, the action
list's filters…) make a page different. Any other parameter (``?cb=<random>``, ``utm_source``)
used to make a new cache entry, so a client could force an uncached render at will (issue #17).
Now such a request is served the cached page of the same address without the unknown parameters;
when that page is not cached yet it is rendered but not stored (the pages echo every parameter
into their as-of form, so its body is not the canonical page's).

Signed-in users (staff, who may see previews and admin links) always get a fresh page.
PAGE_CACHE_SECONDS (settings, .env.example) bounds how long an entry lives; 0 turns this off.

Every key, of pages and of files, also holds the release (``release()``): a digest of the
project's code, templates and compiled translation catalogues (.mo) and of the versions of the
libraries that write the pages and PDFs, computed once per process. The cache outlives a deploy
(it is in the database or in Redis), so without it a new translation or a code release would
keep serving the pages and PDFs of the previous one until the data changed (#13).
"""

import hashlib
import time
from functools import lru_cache, wraps
from importlib import metadata
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone

from .rollup import CACHE_VERSION_KEY, cache_bypassed, start_version

HEADER = "X-Page-Cache"

# Parameters that change what a public page shows; the action list's filters are added from its
# filterset (resolutions.filters), so a new filter is never mistaken for an unknown parameter.
PAGE_PARAMETERS = {"as_of", "page", "state", "body"}  # body: /member-states/?body=KEY


# What a release is made of: the project's code, templates and catalogues (the .mo files
# compilemessages writes on deploy), and the libraries that write what is cached.
RELEASE_DIRECTORIES = ("api", "exports", "locale", "resolutions", "static", "templates", "tracker")
RELEASE_SUFFIXES = (".py", ".html", ".txt", ".svg", ".css", ".js", ".mo")
RELEASE_PACKAGES = ("django", "weasyprint", "pydyf", "babel", "openpyxl")


def release_digest(base_dir, directories=RELEASE_DIRECTORIES) -> str:
    """A digest of the contents (not the dates) of the release's files under `base_dir` and of
    the versions of RELEASE_PACKAGES: any changed template, code or compiled catalogue gives
    another digest."""
    digest = hashlib.sha256()
    base = Path(base_dir)
    for directory in directories:
        for path in sorted((base / directory).rglob("*")):
            if path.suffix in RELEASE_SUFFIXES and path.is_file():
                digest.update(str(path.relative_to(base)).encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    for package in RELEASE_PACKAGES:
        try:
            digest.update(f"{package}={metadata.version(package)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=\0".encode())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def release() -> str:
    """This process's release (release_digest of the project), computed once (~1.6 MB read)."""
    return release_digest(settings.BASE_DIR)


@lru_cache(maxsize=1)
def page_parameters() -> frozenset:
    from .filters import ActionFilterSet  # the filters import the models: imported when used

    return frozenset(PAGE_PARAMETERS | set(ActionFilterSet.base_filters))


def _canonical(request) -> tuple[str, bool]:
    """(the address with only the page parameters, in a stable order; whether it dropped any)."""
    known = page_parameters()
    # Sorted by name only: a repeated parameter keeps its values' order (a view reads the last).
    kept = sorted(
        (
            (name, value)
            for name, values in request.GET.lists()
            if name in known
            for value in values
        ),
        key=lambda pair: pair[0],
    )
    dropped = any(name not in known for name in request.GET)
    query = urlencode(kept)
    return (f"{request.path}?{query}" if query else request.path), dropped


def _key(request) -> str:
    address, _dropped = _canonical(request)
    digest = hashlib.sha256(address.encode()).hexdigest()[:40]
    # Processes that list synthetic resolutions and processes that do not may share one cache.
    listed = "all" if settings.SHOW_SYNTHETIC_RESOLUTIONS else "real"
    return f"page:{release()}:{listed}:{timezone.localdate().isoformat()}:{digest}"


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
            not _canonical(request)[1]
            and response.status_code == 200
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
    """A cache key for a file that depends on the data, on the release (translations, code) and
    on today (overdue, freshness, the default as-of date): the parts (slug, language, format,
    as-of…), the release and today's date."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:40]
    return f"file:{release()}:{timezone.localdate().isoformat()}:{digest}"


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
