"""No lost updates: concurrent writes to one record are each stored or refused, never lost.

Threads with their own database connections fire 50 writes at ONE action, in rounds: in each
round every thread reads the action, waits until all have read it, then saves its own title on
top of the version it read. Optimistic locking (resolutions/models/versioning.py) must store
exactly one write per round and refuse the others with a conflict; every stored write is in the
audit trail. Run on PostgreSQL only (SQLite has no row locks and serialises writers on one file
lock, so it cannot show the race); CI runs the suite on PostgreSQL too.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from resolutions.models import Action, ConflictError
from tests import factories as f
from tests import staff
from workflow import services

THREADS, ROUNDS = 10, 5  # 50 writes

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs concurrent connections with row locks: PostgreSQL only",
    ),
]


def test_fifty_concurrent_writes_to_one_action_are_stored_or_refused_never_lost():
    action = f.action(f.resolution(), title="Original")
    writer = staff.user("administrator")
    read_all = threading.Barrier(THREADS)

    def write(thread):
        outcomes = []
        try:
            for round_ in range(ROUNDS):
                title = f"write {round_}.{thread}"
                mine = Action.objects.get(pk=action.pk)  # what this "browser" shows
                read_all.wait(timeout=60)  # every thread has read the same version
                try:
                    services.action_update(
                        user=writer, action=mine, version=mine.version, title=title
                    )
                    outcomes.append(("stored", title, mine.version))
                except ConflictError:
                    outcomes.append(("refused", title, None))
                read_all.wait(timeout=60)  # the round is over before anyone reads again
        finally:
            connections.close_all()
        return outcomes

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = [o for outcomes in pool.map(write, range(THREADS)) for o in outcomes]

    stored = [(title, version) for kind, title, version in results if kind == "stored"]
    refused = [title for kind, title, _ in results if kind == "refused"]
    assert len(stored) + len(refused) == THREADS * ROUNDS == 50
    # All threads read the same version in a round, so exactly one of them can store.
    assert len(stored) == ROUNDS
    assert sorted(version for _, version in stored) == list(range(1, ROUNDS + 1))

    action.refresh_from_db()
    assert action.version == len(stored)  # a version per stored write, none skipped
    assert action.title == max(stored, key=lambda item: item[1])[0]  # the newest stored write
    # Every stored write is in the audit trail with its version; no refused one is.
    history = {(r.title, r.version) for r in action.history.all()}
    assert set(stored) <= history
    assert not {title for title, _ in history} & set(refused)
