"""Query budgets hold, and do not grow, at 10 times the data: public pages, the API, reports and
exports (in English and Arabic) and the "what changed" page.

Growing the database (tests/test_public_pages.py: grow) is the costly part, so it is done once
for this module, in a transaction rolled back after its last test; each test still runs in its
own savepoint. Each URL's queries and body at 1x are measured in that same transaction just
before growing. This is a module of its own because every test in it sees the grown database.
The whole-page cache and the report-file cache are off throughout: the budgets are for
rendering.
"""

from datetime import date

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from resolutions.models import MemberState, Resolution
from tests.test_api import BUDGET as API_BUDGET
from tests.test_api import ENDPOINTS
from tests.test_changes import BUDGET as CHANGES_BUDGET
from tests.test_changes import changes_url
from tests.test_exports import BUDGET as EXPORT_BUDGET
from tests.test_exports import EXPORTS, body, export_url
from tests.test_public_pages import BUDGET as PAGE_BUDGET
from tests.test_public_pages import PAGES, grow, url_of


def _cases(seeded):
    """name -> (url, request headers, budget, whether the body must grow with the data)."""
    cases = {}
    for page in PAGES:
        # The dashboard shows five resolutions a page and the newest updates: it need not grow.
        cases[f"page:{page}"] = (url_of(page, seeded), {}, PAGE_BUDGET, page != "dashboard")
    for url in ENDPOINTS:
        cases[f"api:{url}"] = (url, {"HTTP_ACCEPT": "application/json"}, API_BUDGET, False)
    for name in EXPORTS:
        url = export_url(seeded, name)
        cases[f"export:{name}"] = (url, {}, EXPORT_BUDGET, True)
        # Translated content costs no query per row: the report reads every translation with
        # the rest of its snapshot, the action list one query per chunk of rows.
        cases[f"export-ar:{name}"] = (url + "&lang=ar", {}, EXPORT_BUDGET, True)
    for as_csv in (False, True):
        url = changes_url(seeded.slug, date(2015, 1, 1), timezone.localdate(), csv_=as_csv)
        cases[f"changes:{'csv' if as_csv else 'html'}"] = (url, {}, CHANGES_BUDGET, True)
    return cases


def _measure(client, url, headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries), len(body(response))


@pytest.fixture(scope="module")
def grown(django_db_setup, django_db_blocker):
    """Every case measured at 1x, then the seeded data grown 10x."""
    from resolutions.rollup import projection
    from tests.conftest import EnglishByDefaultClient, ensure_seed_data

    with (
        django_db_blocker.unblock(),
        override_settings(PAGE_CACHE_SECONDS=0, REPORT_CACHE_SECONDS=0),
        transaction.atomic(),
    ):
        seeded = ensure_seed_data()
        cases = _cases(seeded)
        client = EnglishByDefaultClient()
        small = {name: _measure(client, url, h) for name, (url, h, _b, _g) in cases.items()}
        read_path = {}
        for name, (url, headers) in READ_PATH.items():
            for past in (False, True):
                full = url + (("&" if "?" in url else "?") + "as_of=2019-06-01" if past else "")
                read_path[(name, past)] = _measure(client, full, headers or {})[0]
        with projection.deferred():
            grow(seeded, 10)
        yield cases, small, read_path
        transaction.set_rollback(True)


CASE_NAMES = (
    [f"page:{p}" for p in PAGES]
    + [f"api:{u}" for u in ENDPOINTS]
    + [f"export:{n}" for n in EXPORTS]
    + [f"export-ar:{n}" for n in EXPORTS]
    + ["changes:html", "changes:csv"]
)


@pytest.mark.parametrize("case", CASE_NAMES)
def test_query_budget_holds_at_1x_and_10x(client, grown, db, uncached, case):
    cases, small, _read_path = grown
    url, headers, budget, grows = cases[case]
    small_queries, small_size = small[case]
    assert Resolution.objects.count() == 10 and MemberState.objects.count() == 57
    large_queries, large_size = _measure(client, url, headers)
    assert small_queries <= budget, (case, small_queries)
    assert large_queries <= budget, (case, large_queries)
    if not case.startswith("page:"):
        # Pages may add a query for a menu that only appears with more data; the API, reports
        # and exports make exactly as many at 10x as at 1x.
        assert large_queries == small_queries, (case, small_queries, large_queries)
    if grows and case.startswith("page:"):
        assert large_size >= small_size, case
    elif grows:
        assert large_size > small_size, case


# --- The read path (#11): exact counts, the same at 1x and 10x --------------------------------
# Today's pages read the stored projection and the stored chart steps; past dates compute from
# the history. The counts are pinned exactly (not only within the budget) so that a query added
# to the read path is seen; benchmarks/probe.py reports them at 50x and 500x (docs/benchmarks.md).
READ_PATH = {
    "dashboard": ("/", None),
    "resolution": ("/resolutions/53-45-pol/", None),
    "paragraph": ("/resolutions/53-45-pol/paragraphs/7/", None),
    "actions_filtered": ("/actions/?status=in_progress&resolution=53-45-pol", None),
    "actions_status": ("/actions/?status=completed", None),
    "api_status": ("/api/actions/?status=in_progress", {"HTTP_ACCEPT": "application/json"}),
}
# (at 1x, at 10x), today and as of a past date. /actions/?status=completed once made one query
# fewer at 10x (several resolutions listed: no paragraph menu) than at 1x (one resolution: a count
# of the listed resolutions, then its paragraphs); the menu's own query now decides (#11). The
# mandate-type menu reads its terms from the vocabulary table (#15): one query, at any scale.
READ_PATH_QUERIES = {
    ("dashboard", False): (11, 11),
    ("dashboard", True): (11, 11),
    ("resolution", False): (12, 12),
    ("resolution", True): (12, 12),
    ("paragraph", False): (8, 8),
    ("paragraph", True): (8, 8),
    ("actions_filtered", False): (10, 10),
    ("actions_filtered", True): (10, 10),
    ("actions_status", False): (9, 9),
    ("actions_status", True): (9, 9),
    ("api_status", False): (4, 4),
    ("api_status", True): (4, 4),
}


@pytest.mark.parametrize("past", [False, True], ids=["today", "as_of"])
@pytest.mark.parametrize("name", list(READ_PATH))
def test_read_path_query_counts_are_exact_at_1x_and_10x(client, grown, db, uncached, name, past):
    url, headers = READ_PATH[name]
    if past:
        url += ("&" if "?" in url else "?") + "as_of=2019-06-01"
    small_queries = grown[2][(name, past)]
    large_queries, _size = _measure(client, url, headers or {})
    assert (small_queries, large_queries) == READ_PATH_QUERIES[(name, past)], (name, past)
    assert large_queries <= PAGE_BUDGET
