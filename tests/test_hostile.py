"""Hostile input on every public URL and API endpoint: never a server error (issue #17).

A corpus of values an attacker or a broken client sends (dates at the limits of the calendar,
NUL and other control bytes, integers beyond 64 bits, 8 KB strings, path traversal, mixed
scripts and bidi overrides) goes into every query parameter the public pages, reports, exports
and the API read, and into every path parameter. The answer may be a page, a 400 that says why,
a 404 or a redirect; never a 5xx (the test client re-raises the exception a 500 would hide).
The staff side gets the same corpus in admin list filters, searches and autocompletes.

It runs on whichever database the suite runs on (CI: SQLite, then PostgreSQL), with the real
53/45-POL data the session loads once. A few hundred requests: PDFs are asked only for the
values that reach the renderer.
"""

from urllib.parse import quote

import pytest

from resolutions.models import Action
from tests import staff
from tests.conftest import EnglishByDefaultClient

HUGE = "9" * 30
MIXED = "ТÜRкiye مرحبا ١٢٣ 𝔘𝔫𝔦"
CORPUS = [
    # dates at the limits
    "0001-01-01",
    "0002-12-31",
    "1899-12-31",
    "9999-12-31",
    "0000-00-00",
    "10000-01-01",
    # NUL and control bytes
    "\x00",
    "53-45-pol\x00",
    "\x01\x08\x1b[31m\x7f",
    "a\r\nSet-Cookie: x=1",
    # integers beyond 64 bits and at its edge
    HUGE,
    "-" + HUGE,
    "9223372036854775808",
    "-9223372036854775809",
    "1e308",
    # long strings, traversal, mixed scripts
    "A" * 8192,
    "../../../../etc/passwd",
    "..%2f..%2f..%2fetc%2fpasswd",
    MIXED,
    "\u202egnp.exe\u202c",
    "' OR 1=1 --",
]
# Every query parameter gets a sample of the corpus (one of each kind) to keep the test fast;
# as_of, which every URL reads and which reaches the roll-up's date arithmetic, gets the dates.
PARAM_CORPUS = ["\x00", HUGE, "-9223372036854775809", "0001-01-01", "A" * 8192, MIXED]
AS_OF_CORPUS = ["0001-01-01", "1899-12-31", "9999-12-31", "10000-01-01", "\x00", HUGE, "A" * 8192]
# Values short enough to go into a path segment (an 8 KB path is refused by the web server).
PATH_CORPUS = [v for v in CORPUS if len(v) < 100] + ["%00", ".."]

PAGES = [
    "/",
    "/resolutions/53-45-pol/",
    "/resolutions/53-45-pol/paragraphs/7/",
    "/actions/",
    "/actions/{action}/",
    "/member-states/",
    "/member-states/TUR/",
    "/statuses/",
    "/resolutions/53-45-pol/changes/",
    "/resolutions/53-45-pol/changes.csv",
    "/resolutions/53-45-pol/report.csv",
    "/resolutions/53-45-pol/report.json",
    "/resolutions/53-45-pol/report.xlsx",
    "/actions/export.csv",
    "/actions/export.xlsx",
]
API = [
    "/api/",
    "/api/resolutions/",
    "/api/resolutions/53-45-pol/",
    "/api/paragraphs/",
    "/api/actions/",
    "/api/actions/{action}/",
    "/api/status-updates/",
    "/api/member-states/",
    "/api/member-states/TUR/",
]
# The query parameters each kind of URL reads (besides as_of, which every one reads).
ACTION_FILTERS = [
    "status",
    "mandate_type",
    "resolution",
    "paragraph",
    "actor",
    "due_after",
    "due_before",
    "overdue",
    "stale",
    "q",
    "sort",
    "page",
]
# The API's /actions/ takes the action list's own filterset (resolutions.filters): every filter
# is tried there, where a request is cheap, and a few on the HTML list and the exports.
PARAMS = {
    "/actions/": ["status", "actor", "due_after", "q", "page"],
    "/actions/export.csv": ["actor", "q"],
    "/actions/export.xlsx": ["status"],
    "/": ["page"],
    "/resolutions/53-45-pol/changes/": ["from", "to"],
    "/resolutions/53-45-pol/changes.csv": ["from"],
    "/resolutions/53-45-pol/report.csv": ["lang"],
    "/api/actions/": ACTION_FILTERS + ["page_size"],
    "/api/status-updates/": ["action", "resolution", "status", "after", "page", "page_size"],
    "/api/paragraphs/": ["resolution", "kind", "page"],
    "/api/resolutions/": ["page", "page_size"],
}
PATH_TEMPLATES = [
    "/resolutions/{v}/",
    "/resolutions/53-45-pol/paragraphs/{v}/",
    "/resolutions/{v}/report.csv",
    "/resolutions/{v}/changes/",
    "/actions/{v}/",
    "/member-states/{v}/",
    "/api/resolutions/{v}/",
    "/api/actions/{v}/",
    "/api/paragraphs/{v}/",
    "/api/status-updates/{v}/",
    "/api/member-states/{v}/",
]


@pytest.fixture
def w(seeded):
    """The real 53/45-POL data (loaded once per session, tests/conftest.py)."""
    return {"action": Action.objects.get(key="network").pk}


def assert_no_5xx(client, url, **params):
    response = client.get(url, params)
    assert response.status_code < 500, (url, params, response.status_code)
    return response


def test_every_public_page_report_and_export_survives_the_corpus(w):
    client = EnglishByDefaultClient()
    statuses = {}
    for template in PAGES:
        url = template.format(**w)
        for value in AS_OF_CORPUS:
            response = assert_no_5xx(client, url, as_of=value)
            statuses.setdefault(response.status_code, set()).add(url)
        for name in PARAMS.get(template, []):
            for value in PARAM_CORPUS:
                assert_no_5xx(client, url, **{name: value})
    assert 200 in statuses and 400 in statuses


def test_the_pdf_survives_dates_at_the_limits(w):
    client = EnglishByDefaultClient()
    for value in ["0001-01-01", "1899-12-31", "9999-12-31", "\x00", HUGE]:
        response = assert_no_5xx(client, "/resolutions/53-45-pol/report.pdf", as_of=value)
        assert response.status_code == 400
        assert "as_of" in response.content.decode()


def test_every_api_endpoint_survives_the_corpus(w):
    client = EnglishByDefaultClient()
    for template in API:
        url = template.format(**w)
        for value in AS_OF_CORPUS:
            assert_no_5xx(client, url, as_of=value)
        for name in PARAMS.get(template, []):
            for value in PARAM_CORPUS:
                assert_no_5xx(client, url, **{name: value})


def test_every_path_parameter_survives_the_corpus(w):
    client = EnglishByDefaultClient()
    for template in PATH_TEMPLATES:
        for value in PATH_CORPUS:
            url = template.format(v=quote(value, safe=""))
            response = client.get(url)
            assert response.status_code < 500, (url, response.status_code)
            assert response.status_code in (301, 302, 400, 404), (url, response.status_code)


def test_staff_filters_searches_and_autocompletes_survive_the_corpus(w):
    client = staff.client_for(EnglishByDefaultClient(), staff.user("administrator"))
    lists = {
        "/admin/resolutions/statusupdate/": ["state", "status", "as_of__gte", "q"],
        "/admin/resolutions/action/": ["status", "resolution__id__exact", "q"],
        "/admin/resolutions/paragraph/": ["q"],
    }
    for url, names in lists.items():
        for name in names:
            for value in PARAM_CORPUS:
                assert_no_5xx(client, url, **{name: value})
    for value in PARAM_CORPUS + ["\u202egnp.exe\u202c", "' OR 1=1 --"]:
        assert_no_5xx(
            client,
            "/admin/autocomplete/",
            term=value,
            app_label="resolutions",
            model_name="statusupdate",
            field_name="action",
        )
        assert_no_5xx(client, f"/admin/resolutions/action/{quote(value, safe='')}/change/")


def test_dates_at_the_limits_are_explained_everywhere(w):
    client = EnglishByDefaultClient()
    says = "“as_of” must be on or after 1900-01-01 (0001-01-01)."
    page = client.get("/actions/", {"as_of": "0001-01-01"})
    assert page.status_code == 200  # a page shows today's state with the notice
    assert says in page.content.decode() and "Showing today’s state instead." in (
        page.content.decode()
    )
    for url in [
        "/resolutions/53-45-pol/report.csv",
        "/actions/export.csv",
        "/api/actions/",
        "/api/resolutions/",
    ]:
        response = client.get(url, {"as_of": "0001-01-01"})
        assert response.status_code == 400, url
        assert says in response.content.decode(), url
    changes = client.get(
        "/resolutions/53-45-pol/changes/", {"from": "0001-01-01", "to": "2018-11-29"}
    )
    assert changes.status_code == 400
    assert "“from” must be on or after 1900-01-01" in changes.content.decode()
    assert client.get("/api/actions/", {"as_of": "1900-01-01"}).status_code == 200


def test_control_characters_are_a_404_in_the_path_and_a_400_naming_the_parameter(w):
    client = EnglishByDefaultClient()
    for url in [
        "/resolutions/53-45-pol/paragraphs/%00/",
        "/member-states/%00/",
        "/api/member-states/%00/",
        "/api/resolutions/%01/",
    ]:
        assert client.get(url).status_code == 404, url
    response = client.get("/actions/", {"resolution": "\x00"})
    assert response.status_code == 400
    assert "“resolution” contains a control character" in response.content.decode()
    assert client.get("/api/actions/", {"q": "two\r\nlines\t"}).status_code == 200


def test_an_id_beyond_64_bits_is_a_400_naming_the_parameter(w):
    response = EnglishByDefaultClient().get("/api/status-updates/", {"action": HUGE})
    assert response.status_code == 400 and "action" in response.json()
