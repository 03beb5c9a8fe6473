"""PostgreSQL under pytest-xdist: the seeded test database is built once, and each worker's
database is a copy of it (CREATE DATABASE ... TEMPLATE), as Django's own test runner does for
--parallel (connection.creation.clone_test_db).

Without it every worker ran all the migrations and loaded the 53/45-POL data into its own
test_<name>_gwN: ~22 s of CPU each (migrate 11 s and the load 8 s in Python, ~3 s in the
server), the same work N times. Now the first worker to reach its database set-up builds
test_<name>_template under a PostgreSQL advisory lock while the others wait; then each worker's
database is created from it by pytest-django's usual set-up, through Django's TEST["TEMPLATE"]
setting (migrate then finds nothing to apply). The copy takes a fraction of a second.

The template is tagged with the run's id (pytest-xdist's PYTEST_XDIST_TESTRUNUID), so a
template left from another run, or another checkout's code, is never reused: it is built again.
The controller process drops it when the run ends (drop_template).

Two of Django's private helpers are used, as pytest-django and Django's own clone_test_db use
them, because Django has no public API for either: connection.creation._get_test_db_name()
(the test database's name, from TEST["NAME"] or "test_" + NAME; conftest.py) and
connection.creation._nodb_cursor() (a cursor on the maintenance database, "postgres", for
the lock and CREATE/DROP/COMMENT ON DATABASE, which cannot run inside the database they name).
Their use is limited to this file and conftest.py's two calls; create_test_db, the public
entry point, does the rest.
"""

import os

_LOCK_KEY = 16_0001  # pg_advisory_lock key, arbitrary; several runs on one server take turns


def applies(config) -> bool:
    """PostgreSQL, inside an xdist worker, with a fresh database per run (no --reuse-db)."""
    from django.conf import settings

    return (
        settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
        and hasattr(config, "workerinput")
        and not config.getvalue("reuse_db")
        and bool(os.environ.get("PYTEST_XDIST_TESTRUNUID"))
    )


def template_name(worker_test_name: str, worker_id: str) -> str:
    """test_<name>_template, from the worker's test_<name>_gwN."""
    base = worker_test_name.removesuffix(f"_{worker_id}")
    return f"{base}_template"


def _tag() -> str:
    return f"pytest run {os.environ['PYTEST_XDIST_TESTRUNUID']}"


def ensure_template(name: str, build) -> None:
    """Make sure database `name` holds this run's seeded template, building it (build(), with
    the default connection pointed at it) if this worker is the first to get here."""
    from django.db import connection

    creation = connection.creation
    qn = connection.ops.quote_name
    with creation._nodb_cursor() as cursor:
        # Session-level lock, on the maintenance connection: the other workers block here until
        # the template is complete and nobody is connected to it (a database being copied
        # must have no other session).
        cursor.execute("SELECT pg_advisory_lock(%s)", [_LOCK_KEY])
        try:
            cursor.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                [name],
            )
            row = cursor.fetchone()
            if row is None or row[0] != _tag():
                _build(name, build)
                cursor.execute(f"COMMENT ON DATABASE {qn(name)} IS %s", [_tag()])
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [_LOCK_KEY])


def _build(name: str, build) -> None:
    from django.db import connection

    settings_dict = connection.settings_dict
    saved_name, saved_test_name = settings_dict["NAME"], settings_dict["TEST"].get("NAME")
    settings_dict["TEST"]["NAME"] = name
    try:
        # Creates (dropping a stale one), migrates, and points the connection at it.
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        build()
    finally:
        connection.close()
        settings_dict["NAME"] = saved_name
        settings_dict["TEST"]["NAME"] = saved_test_name


def drop_template(name: str) -> None:
    """Drop the template database (the controller, once every worker is done)."""
    from django.db import connection

    qn = connection.ops.quote_name
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {qn(name)}")
