"""The suite's own footing: after a test that commits, restore_seed_snapshot (tests/conftest.py)
gives the next test exactly the seeded database, on SQLite and on PostgreSQL (where only the
tables that changed are copied back, found by row count and row age)."""

import pytest
from django.contrib.auth.models import User
from django.db import connection

from resolutions.models import Paragraph, Resolution
from tests.conftest import _model_tables, _snapshot_name, restore_seed_snapshot


def _tables_unlike_the_snapshot() -> list[str]:
    qn = connection.ops.quote_name
    unlike = []
    with connection.cursor() as cursor:
        for table in _model_tables(connection):
            snapshot = _snapshot_name(connection, table)
            for first, second in ((qn(table), snapshot), (snapshot, qn(table))):
                cursor.execute(
                    f"SELECT count(*) FROM (SELECT * FROM {first} EXCEPT SELECT * FROM {second}) d"
                )
                if cursor.fetchone()[0]:
                    unlike.append(table)
    return sorted(set(unlike))


@pytest.mark.django_db(transaction=True)
def test_a_restore_after_committed_writes_gives_back_every_table_and_sequence(seeded):
    assert _tables_unlike_the_snapshot() == []
    users_before = User.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    # Committed for real: an update, inserts, and a delete that cascades (with its history).
    Resolution.objects.filter(pk=seeded.pk).update(title="Changed by a committing test")
    User.objects.create(username="committed-1")
    User.objects.create(username="committed-2")
    Paragraph.objects.filter(resolution=seeded).order_by("pk").first().delete()
    changed = _tables_unlike_the_snapshot()
    assert {"auth_user", "resolutions_resolution", "resolutions_paragraph"} <= set(changed)

    assert restore_seed_snapshot()
    assert _tables_unlike_the_snapshot() == []
    assert Resolution.objects.get(pk=seeded.pk).title == seeded.title

    # A restore with nothing changed leaves everything as it is.
    assert restore_seed_snapshot()
    assert _tables_unlike_the_snapshot() == []

    if connection.vendor == "postgresql":
        # The sequence is back at the table's largest id: the next insert takes the next one.
        assert User.objects.create(username="after").pk == users_before + 1
