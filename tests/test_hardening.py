"""Hardening found by probing the tracker as an attacker and a load test would (issue #17):
spreadsheet look-alike formulas, hostile data files, SQLite under concurrent editors.
(Hostile query strings and paths: tests/test_hostile.py. Backups to the microsecond:
tests/test_backup.py. Login lock-out: tests/test_lockout.py.)"""

import threading
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.backends.sqlite3.base import DatabaseWrapper

from exports.safety import safe_cell, safe_xlsx_cell
from resolutions.loader import LoadError, load_file
from resolutions.models import Resolution, SourceDocument
from tracker.env import SQLITE_OPTIONS, database_from_url

# --- Formula guard ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '＝HYPERLINK("http://evil")',  # full-width equals sign U+FF1D
        "﹦1+1",  # small equals sign U+FE66
        "＋1",  # full-width plus
        "－1",  # full-width hyphen-minus
        "＠SUM(A1)",  # full-width commercial at
        "=1+1",
    ],
)
def test_look_alike_formula_prefixes_are_quoted_in_csv_and_xlsx(text):
    assert safe_cell(text) == "'" + text
    assert safe_xlsx_cell(text) == "'" + text


def test_text_that_only_contains_a_look_alike_is_left_alone():
    assert safe_cell("Score ＝ 3") == "Score ＝ 3"
    assert safe_cell("Ａrabic and Ｌatin") == "Ａrabic and Ｌatin"


# --- Hostile data files --------------------------------------------------------------------

ALIAS_BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def _many_aliases():
    return "x: &x 1\nlist: [" + ", ".join(["*x"] * 101) + "]\n"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, content, says",
    [
        ("bomb.yaml", ALIAS_BOMB.encode(), "holds more than 1,000,000 values"),
        ("aliases.yaml", _many_aliases().encode(), "more than 100 YAML aliases"),
        ("deep.json", b"[" * 100_000 + b"]" * 100_000, "nested more than 40 levels deep"),
        ("deep.yaml", b"a: " + b"[" * 100 + b"]" * 100, "nested more than 40 levels deep"),
        ("latin1.yaml", "format: résolution\n".encode("latin-1"), "is not valid UTF-8 (byte"),
    ],
)
def test_a_hostile_data_file_is_a_clear_error_naming_the_file_and_loads_nothing(
    tmp_path, name, content, says
):
    path = tmp_path / name
    path.write_bytes(content)
    before = (Resolution.objects.count(), SourceDocument.objects.count())
    with pytest.raises(LoadError) as error:
        load_file(path)
    assert str(error.value).startswith(f"{path}: (file): ") and says in str(error.value)
    with pytest.raises(CommandError, match=f"Nothing was loaded from {path}"):
        call_command("load_resolution", str(path))
    assert (Resolution.objects.count(), SourceDocument.objects.count()) == before


@pytest.mark.django_db
def test_the_real_data_files_are_well_within_the_limits():
    for name in ("oic-member-states.yaml", "53-45-pol.yaml"):
        load_file(Path("data") / name)
    assert Resolution.objects.filter(slug="53-45-pol").exists()


# --- SQLite under concurrent editors -------------------------------------------------------


def test_sqlite_uses_wal_a_busy_timeout_and_immediate_transactions(tmp_path):
    settings = database_from_url("", tmp_path)
    assert settings["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert settings["OPTIONS"]["timeout"] >= 10
    assert database_from_url(f"sqlite:///{tmp_path}/x.sqlite3", tmp_path)["OPTIONS"] == (
        SQLITE_OPTIONS
    )


def _wrapper(path):
    return DatabaseWrapper(
        {
            **database_from_url(f"sqlite:///{path}", path.parent),
            "ATOMIC_REQUESTS": False,
            "AUTOCOMMIT": True,
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "TIME_ZONE": None,
            "TEST": {},
        }
    )


def test_twenty_editors_saving_at_once_on_sqlite_all_succeed(tmp_path, django_db_blocker):
    """Each editor reads a counter and writes it back, in one transaction, all at once. With
    deferred transactions SQLite refuses the second upgrade from read to write at once
    ("database is locked", whatever the timeout); with immediate ones they queue."""
    with django_db_blocker.unblock():  # its own database file, not the test database
        _twenty_editors(tmp_path / "editors.sqlite3")


def _twenty_editors(path):
    setup = _wrapper(path)
    with setup.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("CREATE TABLE counter (n integer)")
        cursor.execute("INSERT INTO counter VALUES (0)")
    setup.close()
    start, errors = threading.Barrier(20), []

    def edit():
        connection = _wrapper(path)
        try:
            connection.ensure_connection()
            start.wait(timeout=30)
            # What transaction.atomic() does on SQLite: BEGIN <transaction_mode>, then COMMIT.
            connection._start_transaction_under_autocommit()
            with connection.cursor() as cursor:
                cursor.execute("SELECT n FROM counter")
                (n,) = cursor.fetchone()
                cursor.execute("UPDATE counter SET n = %s", [n + 1])
            connection.connection.commit()
        except Exception as exc:  # noqa: BLE001 - every failure is what the test counts
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=edit) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    check = _wrapper(path)
    with check.cursor() as cursor:
        cursor.execute("SELECT n FROM counter")
        assert cursor.fetchone()[0] == 20
    check.close()
