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
    """The seeded resolution, bringing the data back first only if it is not in the database.

    The data is loaded once per session (django_db_setup below). Only a transactional test can
    remove it: pytest-django runs those after every other database test and flushes the tables
    after each, so they (and only they) need it back: copied from the snapshot taken right after
    the session's load (restore_seed_snapshot), or loaded again where there is none."""
    from resolutions.models import Resolution

    found = Resolution.objects.filter(slug="53-45-pol").first()
    if found is None and restore_seed_snapshot():
        found = Resolution.objects.filter(slug="53-45-pol").first()
    return found or load_seed_data()


# --- The seeded database, copied once and restored after a flush ------------------------------
# The loader makes ~1,800 queries through the models (~3 s); copying every table back from a
# snapshot is two statements a table. The snapshot lives in the test database itself: tables
# named seedsnap_<table> on SQLite, a schema of its own on PostgreSQL (outside the search path,
# so nothing that lists the tables sees it). Models' tables only: flush leaves the cache table
# alone, and restore_seed_snapshot clears the cache.
_SNAPSHOT_SCHEMA = "seed_snapshot"
_snapshot_tables: dict[str, list[str]] = {}


def _model_tables(connection) -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True))


def _snapshot_name(connection, table: str) -> str:
    qn = connection.ops.quote_name
    if connection.vendor == "postgresql":
        return f"{qn(_SNAPSHOT_SCHEMA)}.{qn(table)}"
    return qn(f"seedsnap_{table}")


def take_seed_snapshot() -> None:
    """Copy every model table, as it stands now, into the snapshot (see above)."""
    from django.db import connection

    qn = connection.ops.quote_name
    tables = _model_tables(connection)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP SCHEMA IF EXISTS {qn(_SNAPSHOT_SCHEMA)} CASCADE")
            cursor.execute(f"CREATE SCHEMA {qn(_SNAPSHOT_SCHEMA)}")
        for table in tables:
            snapshot = _snapshot_name(connection, table)
            cursor.execute(f"DROP TABLE IF EXISTS {snapshot}")
            cursor.execute(f"CREATE TABLE {snapshot} AS SELECT * FROM {qn(table)}")
        if connection.vendor == "postgresql":
            _create_pg_restore(connection, cursor, tables)
    _snapshot_tables[connection.alias] = tables


def _create_pg_restore(connection, cursor, tables: list[str]) -> None:
    """PostgreSQL: the restore as one server-side function, seed_snapshot.restore(), called in
    one round trip (the statements one by one were ~190 round trips a restore).

    It copies back only the tables that changed since the snapshot or the last restore. A
    table has changed if its row count differs from the snapshot's (rows deleted) or a row is
    younger than that moment (inserted or updated rows carry the id of the transaction that
    wrote them, xmin: age(xmin) is the number of transactions since). Rows written by an
    uncommitted or rolled-back transaction are not visible, so not counted. Then every
    sequence is set to its table's largest id, as Django's sequence_reset_sql does: a committing
    test may have used ids (even in an insert that failed), and a sequence behind the
    snapshot's ids makes the next committing test's inserts collide with them."""
    from django.apps import apps
    from django.core.management.color import no_style

    qn = connection.ops.quote_name
    schema = qn(_SNAPSHOT_SCHEMA)
    checks = []
    for table in tables:
        cursor.execute(f"SELECT count(*) FROM {_snapshot_name(connection, table)}")
        rows = cursor.fetchone()[0]
        checks.append(
            f"IF (SELECT count(*) <> {rows} OR coalesce(min(age(xmin)) < age(since), false)"
            f" FROM {qn(table)}) THEN changed := changed || {_sql_literal(table)}::text; END IF;"
        )
    snapshotted = set(tables)
    models = [m for m in apps.get_models() if m._meta.db_table in snapshotted]
    sequences = [
        f"EXECUTE {_sql_literal(sql)};"
        for sql in connection.ops.sequence_reset_sql(no_style(), models)
    ]
    body = "\n".join(
        [
            "DECLARE since xid; changed text[] := '{}'; t text;",
            "BEGIN",
            f'SELECT written INTO since FROM {schema}."_since";',
            *checks,
            "FOREACH t IN ARRAY changed LOOP EXECUTE format('DELETE FROM %I', t); END LOOP;",
            "FOREACH t IN ARRAY changed LOOP",
            f"  EXECUTE format('INSERT INTO %I SELECT * FROM {schema}.%I', t, t);",
            "END LOOP;",
            *sequences,
            f'UPDATE {schema}."_since" SET written = pg_current_xact_id()::xid;',
            "RETURN changed;",
            "END",
        ]
    )
    cursor.execute(f'CREATE TABLE {schema}."_since" AS SELECT pg_current_xact_id()::xid AS written')
    cursor.execute(
        f"CREATE FUNCTION {schema}.restore() RETURNS text[] LANGUAGE plpgsql AS $restore$\n"
        f"{body}\n$restore$"
    )


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def restore_seed_snapshot() -> bool:
    """Make every model table exactly what it was when the snapshot was taken (rows and primary
    keys). False when there is none.

    On PostgreSQL, seed_snapshot.restore() (above) copies back the tables that changed and
    sets the sequences to each table's largest id. On SQLite every table is copied back."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache
    from django.db import connection, transaction

    tables = _snapshot_tables.get(connection.alias)
    if not tables:
        return False
    qn = connection.ops.quote_name
    # Foreign keys are deferred to the commit (Django creates them DEFERRABLE INITIALLY
    # DEFERRED on both databases), so the order of the tables does not matter.
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT {qn(_SNAPSHOT_SCHEMA)}.restore()")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {qn(table)}")
            for table in tables:
                cursor.execute(
                    f"INSERT INTO {qn(table)} SELECT * FROM {_snapshot_name(connection, table)}"
                )
    # The flush's post_migrate created content types (and cached them) under other ids.
    ContentType.objects.clear_cache()
    cache.clear()
    return True


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
    """Tests that commit run after every other test: their teardown puts the seeded database
    back (django_db_setup), but where it cannot, Django's flush empties the database that the
    others share. pytest-django orders them so, but pytest then groups tests by session-
    scoped parameters (pytest-playwright's browser_name), which moved ordinary tests behind the
    browser tests; this runs last and puts them back (a stable sort keeps all other order).
    pytest-xdist (`make test`) hands each worker its tests in this order too."""
    items.sort(key=_commits)


# --- pytest-xdist (`make test` runs the suite on every core) -----------------------------------
# Modules whose tests share costly module-scoped data: all of such a module's tests go to one
# worker, which builds the data once. (xdist's own `--dist loadgroup` marker does the same but
# is ignored under pytest 9.2, whose node ids it can no longer rewrite.)
ONE_WORKER_MODULES = (
    "tests/test_query_budget_at_scale.py",
    "tests/test_admin_at_scale.py",
    "tests/test_generator_shapes.py",
    "tests/test_rules_matrix.py",
)


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`-n N` (`--dist load`): every test is a unit of its own, sent to whichever worker is free,
    in collection order (so committing tests still run last on each worker), except the tests
    of ONE_WORKER_MODULES, one unit per module, sent first (the largest units go first)."""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ModulesTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            module = nodeid.split("::", 1)[0]
            return module if module in ONE_WORKER_MODULES else nodeid

    return ModulesTogether(config, log)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings, request, django_db_blocker):
    """PostgreSQL under pytest-xdist: the first worker builds the seeded database once, and
    every worker's test database is created as a copy of it (tests/db_template.py)."""
    from tests import db_template

    if db_template.applies(request.config):
        from django.db import connection

        name = db_template.template_name(
            connection.creation._get_test_db_name(), request.config.workerinput["workerid"]
        )
        with django_db_blocker.unblock():
            db_template.ensure_template(name, build=_load_for_template)
        connection.settings_dict["TEST"]["TEMPLATE"] = name


def _load_for_template():
    from django.core.cache import cache

    load_seed_data()
    cache.clear()


def pytest_sessionfinish(session):
    """The controller drops the PostgreSQL template once the workers are done."""
    from tests import db_template

    config = session.config
    if hasattr(config, "workerinput") or not config.getvalue("numprocesses"):
        return
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        return
    from django.db import connection
    from pytest_django.plugin import blocking_manager_key

    with config.stash[blocking_manager_key].unblock():
        db_template.drop_template(f"{connection.creation._get_test_db_name()}_template")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, migrated, with the real data loaded once for the whole session.

    Loading takes ~1,800 queries; doing it per test was most of the suite's time. Each test
    still runs inside its own transaction, rolled back at its end, so what a test writes never
    reaches the next one. A test that needs an empty database deletes what it needs gone
    inside its own transaction (see tests/test_roundtrip.py).

    A test that commits for real (transaction=True, live_server) cannot be rolled back: Django
    flushes every table after it, and the next one would load the data again (a flush on
    PostgreSQL, TRUNCATE of some 60 tables and the post_migrate hooks, took 3-5 s; the reload
    ~3 s). Instead its teardown copies the snapshot back (restore_seed_snapshot), so every
    test, committing or not, starts from the same seeded database."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import TransactionTestCase

    with django_db_blocker.unblock():
        if not connection.settings_dict["TEST"].get("TEMPLATE"):  # else copied with the data
            load_seed_data()
        cache.clear()  # nothing computed during loading outlives it
        take_seed_snapshot()

    flush = TransactionTestCase._fixture_teardown

    def restore_instead_of_flush(self):
        # TestCase (every non-committing test) has its own teardown: a rollback.
        plain = self.available_apps is None and not self.serialized_rollback
        if not (plain and set(self._databases_names(include_mirrors=False)) <= {"default"}):
            return flush(self)
        if not restore_seed_snapshot():
            flush(self)

    TransactionTestCase._fixture_teardown = restore_instead_of_flush
    yield
    TransactionTestCase._fixture_teardown = flush


def empty_tracker_data():
    """Delete every row of the tracker's own data (the resolutions and workflow apps, their
    audit trail and many-to-many tables), inside the current test's transaction: its rollback
    brings the session's data back for the next test. Users, groups, content types and the
    terms of the four vocabularies that migrate seeds (VOCABULARIES: mandate types, actor
    kinds, addressees, operative verbs) stay. Everything else of the two apps is emptied,
    including the bodies (resolutions_body, which the data files load) and the vocabularies'
    audit rows.
    For tests about an empty database, or about loading into one."""
    from django.apps import apps
    from django.core.cache import cache
    from django.core.management.color import no_style
    from django.db import connection

    from resolutions.models import VOCABULARIES

    # The vocabularies stay, as the role groups do: a new installation has them (migration
    # 0001_squashed_0027 seeds them), so an "empty" tracker has them too.
    kept = {model._meta.db_table for model in VOCABULARIES}
    tables = [
        model._meta.db_table
        for label in ("resolutions", "workflow")
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
        if model._meta.db_table not in kept
    ]
    if connection.vendor == "postgresql":
        # DELETE, not Django's flush (TRUNCATE): these tables hold ~1,700 rows, and a TRUNCATE
        # inside the test's transaction gives each of ~60 tables and their indexes new files,
        # removed again at the rollback: 0.25-0.45 s of server CPU and 2-6 s of wall time on
        # this loaded machine, against 0.05 s and 0.1-0.4 s. One round trip; the foreign keys
        # are checked at once, as before. Like the flush's TRUNCATE ... CASCADE, the tables
        # that refer to these (a vocabulary that names a source document) are emptied too.
        qn = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT conrelid::regclass::text, confrelid::regclass::text"
                " FROM pg_constraint WHERE contype = 'f'"
            )
            references = cursor.fetchall()
            emptied = set(tables)
            while more := {t for t, target in references if target in emptied} - emptied:
                emptied |= more
            # In any order: the checks wait for the last DELETE (a second call in one test
            # finds them made immediate by the first).
            cursor.execute(
                "SET CONSTRAINTS ALL DEFERRED;"
                + "".join(f"DELETE FROM {qn(table)};" for table in sorted(emptied))
                + "SET CONSTRAINTS ALL IMMEDIATE;"
            )
    else:
        connection.ops.execute_sql_flush(
            connection.ops.sql_flush(no_style(), tables, allow_cascade=True)
        )
    cache.clear()


@pytest.fixture
def steady_clock(monkeypatch):
    """The clock as the code under test reads it (django.utils.timezone.now, and localdate
    through it) never leaves the day the test started on: it runs as usual and stands still
    at the day's last microsecond if the test reaches midnight. So a test that compares pages
    or numbers computed minutes apart never sees today's date change in between. Model
    defaults (default=timezone.now) keep the real clock: the recording times they give are
    not what such tests compare."""
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    real_now = timezone.now
    day = timezone.localdate(real_now())
    last = timezone.make_aware(datetime.combine(day + timedelta(days=1), time())) - timedelta(
        microseconds=1
    )
    monkeypatch.setattr(timezone, "now", lambda: min(real_now(), last))


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


@pytest.fixture(scope="session", autouse=True)
def _each_pdf_rendered_once():
    """The same report or brief HTML is made into a PDF once per session (tests/pdf_renders.py)."""
    from exports import formats
    from tests.pdf_renders import once_per_html

    real = formats.html_to_pdf
    formats.html_to_pdf = once_per_html(real)
    yield
    formats.html_to_pdf = real


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
