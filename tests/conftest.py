import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from resolutions.loader import load_file

DATA_FILES = ["data/oic-member-states.yaml", "data/53-45-pol.yaml"]


def load_seed_data():
    """Load the real 53/45-POL data exactly as `make run` loads it; return the resolution."""
    for path in DATA_FILES:
        load_file(path)
    from resolutions.models import Resolution

    return Resolution.objects.get(slug="53-45-pol")


def ensure_seed_data():
    """The seeded resolution, loading the data first only if it is not in the database.

    The data is loaded once per session (django_db_setup below). Only a transactional test can
    remove it: pytest-django runs those after every other database test and flushes the tables
    after each, so they (and only they) pay for a reload."""
    from resolutions.models import Resolution

    return Resolution.objects.filter(slug="53-45-pol").first() or load_seed_data()


def _commits(item) -> bool:
    """Whether a test commits for real (and so flushes the database after it)."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(
        (marker and marker.kwargs.get("transaction"))
        or "transactional_db" in fixtures
        or "live_server" in fixtures
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Tests that commit run after every other test: each one's flush empties the database that
    the others share. pytest-django orders them so, but pytest then groups tests by session-
    scoped parameters (pytest-playwright's browser_name), which moved ordinary tests behind the
    browser tests; this runs last and puts them back (a stable sort keeps all other order)."""
    items.sort(key=_commits)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, migrated, with the real data loaded once for the whole session.

    Loading takes ~1,800 queries; doing it per test was most of the suite's time. Each test
    still runs inside its own transaction, rolled back at its end, so what a test writes never
    reaches the next one. A test that needs an empty database deletes what it needs gone
    inside its own transaction (see tests/test_roundtrip.py)."""
    from django.core.cache import cache

    with django_db_blocker.unblock():
        load_seed_data()
        cache.clear()  # nothing computed during loading outlives it


def empty_tracker_data():
    """Delete every row of the tracker's own data (the resolutions and workflow apps, their
    audit trail and many-to-many tables), inside the current test's transaction: its rollback
    brings the session's data back for the next test. Users, groups and content types stay.
    For tests about an empty database, or about loading into one."""
    from django.apps import apps
    from django.core.cache import cache
    from django.core.management.color import no_style
    from django.db import connection

    tables = [
        model._meta.db_table
        for label in ("resolutions", "workflow")
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]
    if connection.vendor == "postgresql":
        # PostgreSQL refuses to TRUNCATE tables with deferred foreign-key checks still pending.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    connection.ops.execute_sql_flush(
        connection.ops.sql_flush(no_style(), tables, allow_cascade=True)
    )
    cache.clear()


@pytest.fixture
def empty_db(db):
    """A database with none of the tracker's data (see empty_tracker_data)."""
    empty_tracker_data()


@pytest.fixture
def seeded(db):
    """The real 53/45-POL data, loaded exactly as `make run` loads it."""
    return ensure_seed_data()


@pytest.fixture
def uncached(settings):
    """The whole-page cache and the report-file cache (resolutions/page_cache.py) off, for query
    budgets that measure rendering a page or a file. (With the data loaded per test they were
    bypassed anyway, as a write still pending in the test's transaction bypasses them.)"""
    settings.PAGE_CACHE_SECONDS = 0
    settings.REPORT_CACHE_SECONDS = 0


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher():
    """Users are created in many tests; the production hasher costs ~1.4 s per user on this
    machine. Nothing in the suite tests the hasher itself."""
    from django.test.utils import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


# --- Language prefixes (issue #6) ---------------------------------------------------------------
# Public pages, the admin and the exports live under /en/, /fr/ and /ar/ (tracker/urls.py). Most
# tests are about content, not languages, and call the old unprefixed paths ("/", "/actions/3/"):
# the `client` and `admin_client` fixtures send those straight to the English page, exactly where
# LocaleMiddleware's redirect would send an English-speaking visitor, without the extra hop (so
# query budgets and POSTs are unaffected). tests/test_i18n.py checks the real redirect with a
# plain django.test.Client.
_LANGUAGE_PREFIXES = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
_UNPREFIXED = ("/api/", "/static/", "/media/")


class EnglishByDefaultClient(Client):
    def generic(self, method, path, *args, **kwargs):
        if (
            isinstance(path, str)
            and path.startswith("/")
            and not path.startswith(_LANGUAGE_PREFIXES + _UNPREFIXED)
        ):
            path = f"/{settings.LANGUAGE_CODE}{path}"
        return super().generic(method, path, *args, **kwargs)


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Each test starts in English, and a request in /ar/ does not leak its language into the
    next test's reverse() and gettext (LocaleMiddleware activates a language per thread)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def client():
    return EnglishByDefaultClient()


@pytest.fixture
def admin_client(db, admin_user):
    client = EnglishByDefaultClient()
    client.force_login(admin_user)
    return client
