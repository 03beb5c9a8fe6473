"""The roll-up cache never shows stale numbers: every write that can move a roll-up invalidates
it, for today's as-of date and for past ones, and only once the write is committed.

Tests run inside a transaction that never commits, so commits are simulated with
django_capture_on_commit_callbacks(execute=True); one test uses real commits and a second
connection (another "worker").
"""

import threading
from datetime import date

import pytest
from django.conf import settings as django_settings
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from resolutions import rollup
from resolutions.models import Action, ActionParagraph, Paragraph, SourceDocument
from tests import factories as f
from workflow.services import status_update_create


@pytest.fixture
def counted(monkeypatch, settings):
    """Cache every roll-up (the dashboard of the real data has 1 resolution, 4 paragraphs) and
    count how often the database computes one. The page cache (tests/test_page_cache.py) is off:
    these tests are about the roll-up cache underneath it."""
    settings.ROLLUP_CACHE_MIN_IDS = 1
    settings.PAGE_CACHE_SECONDS = 0
    calls = {"resolutions": 0, "paragraphs": 0}

    def counting(name, compute):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return compute(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(
        rollup, "_resolution_rollups", counting("resolutions", rollup._resolution_rollups)
    )
    monkeypatch.setattr(
        rollup, "_paragraph_rollups", counting("paragraphs", rollup._paragraph_rollups)
    )
    return calls


@pytest.fixture
def committed(seeded, django_capture_on_commit_callbacks):
    """The real data, as if its load had been committed."""
    with django_capture_on_commit_callbacks(execute=True):
        rollup.invalidate_cache()
    return seeded


def publish(django_capture_on_commit_callbacks, key, status, as_of, **kw):
    action = Action.objects.get(resolution__symbol="53/45-POL", key=key)
    with django_capture_on_commit_callbacks(execute=True):
        status_update_create(
            action=action,
            status=status,
            as_of=as_of,
            note="Assessed.",
            author=None,
            author_name="Test officer",
            evidence=[{"source": SourceDocument.objects.get(key="un-19-01473")}],
            **kw,
        )
    return action


def headline(client, query=""):
    page = client.get("/en/" + query).content.decode()
    return page.split("53/45-POL</bdi>", 1)[1].split("</section>", 1)[0]


def test_the_configured_cache_is_shared_between_workers():
    backend = django_settings.CACHES["default"]["BACKEND"]
    assert backend in (
        "django.core.cache.backends.db.DatabaseCache",
        "django.core.cache.backends.redis.RedisCache",
    )
    assert "locmem" not in backend.lower()


def test_dashboard_is_served_from_cache_until_a_publish(
    client, committed, counted, django_capture_on_commit_callbacks
):
    assert "14.3%" in headline(client)
    assert counted == {"resolutions": 1, "paragraphs": 1}
    assert "14.3%" in headline(client)
    assert counted == {"resolutions": 1, "paragraphs": 1}  # served from the cache

    publish(django_capture_on_commit_callbacks, "network", "completed", timezone.localdate())
    assert "28.6%" in headline(client)  # 2 of 7 actions credited now
    assert counted == {"resolutions": 2, "paragraphs": 2}
    assert "28.6%" in headline(client)
    assert counted == {"resolutions": 2, "paragraphs": 2}


def cache_rows():
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key, value, expires FROM tracker_cache ORDER BY cache_key")
        return cursor.fetchall()


@pytest.mark.skipif(
    "DatabaseCache" not in django_settings.CACHES["default"]["BACKEND"],
    reason="inspects the database cache table",
)
def test_an_uncommitted_update_is_never_cached(client, committed, counted):
    """Between a write and its commit, the writing connection sees its own write by bypassing
    the cache, and stores nothing in it that another worker could pick up."""
    assert "14.3%" in headline(client)
    rows = cache_rows()
    network = Action.objects.get(resolution=committed, key="network")
    with transaction.atomic():
        f.update(network, "completed", timezone.localdate())
        assert "28.6%" in headline(client)
        assert counted == {"resolutions": 2, "paragraphs": 2}
        assert cache_rows() == rows
    # The test's own transaction never commits: still pending, still bypassed.
    assert "28.6%" in headline(client)
    assert cache_rows() == rows


def test_a_back_dated_update_refreshes_past_as_of_dates(
    client, committed, counted, django_capture_on_commit_callbacks
):
    past = "?as_of=2018-11-29"
    assert "28.6%" in headline(client, past)
    assert "28.6%" in headline(client, past)
    assert counted["resolutions"] == 1
    publish(django_capture_on_commit_callbacks, "code-of-conduct", "completed", date(2018, 11, 1))
    # The back-dated update shows at once in the past view's progress chart: on 1 Nov 2018 the
    # Contact Group and the Code of Conduct are credited, of 6 scored actions (the conference is
    # not yet due then, #11; this read 42.9 %, 3 of 7, when the 2017 conference was credited).
    assert "33.3%" in headline(client, past)


@pytest.mark.parametrize("change", ["occurrence", "exclusion", "link", "weight"])
def test_other_changes_that_move_a_rollup_invalidate_it(
    client, committed, counted, change, django_capture_on_commit_callbacks
):
    before = headline(client)
    assert headline(client) == before and counted["resolutions"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        if change == "occurrence":  # the annual conference back on track
            conference = Action.objects.get(key="annual-conference")
            f.occurrence(conference, timezone.localdate())
        elif change == "exclusion":
            p = Paragraph.objects.get(resolution=committed, number="8")
            p.excluded_from_rollup, p.exclusion_reason = True, "Only exhorts."
            p.save()
        elif change == "link":
            network = Action.objects.get(key="network")
            network.paragraphs.add(Paragraph.objects.get(resolution=committed, number="4"))
        else:
            contact_group = Action.objects.get(key="contact-group")
            contact_group.weight = 5
            contact_group.save()
    after = headline(client)
    assert counted["resolutions"] == 2
    assert after != before


def test_removing_a_paragraph_link_invalidates(
    client, committed, counted, django_capture_on_commit_callbacks
):
    headline(client)
    with django_capture_on_commit_callbacks(execute=True):
        ActionParagraph.objects.filter(action__key="network").delete()
    headline(client)
    assert counted["paragraphs"] == 2


def test_small_rollups_skip_the_cache(client, seeded, uncached):
    """With the default threshold, the real data's pages compute directly: no cache round
    trip that would cost more than the roll-up itself. (The whole-page cache, a different
    layer, is off here.)"""
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/en/resolutions/{seeded.slug}/")
        client.get("/en/")
    assert not [q for q in queries.captured_queries if "tracker_cache" in q["sql"]]


@pytest.mark.django_db(transaction=True)
def test_another_worker_sees_a_publish_at_once(settings):
    """Real commits, and a second connection standing in for another gunicorn worker."""
    from resolutions.loader import load_file

    settings.ROLLUP_CACHE_MIN_IDS = 1
    for path in ("data/oic-member-states.yaml", "data/53-45-pol.yaml"):
        load_file(path)
    from resolutions.models import Resolution

    res_id = Resolution.objects.get(symbol="53/45-POL").pk
    today = timezone.localdate()

    def other_worker():
        result = {}

        def run():
            try:
                result["percent"] = rollup.resolution_rollups([res_id], today)[res_id].percent
            finally:
                connections.close_all()

        thread = threading.Thread(target=run)
        thread.start()
        thread.join()
        return result["percent"]

    assert other_worker() == 14.3  # computes and caches
    assert other_worker() == 14.3  # from the cache
    network = Action.objects.get(resolution_id=res_id, key="network")
    f.update(network, "completed", today)  # commits: autocommit, status_update_create's atomic
    assert other_worker() == 28.6
    assert rollup.resolution_rollups([res_id], today)[res_id].percent == 28.6
