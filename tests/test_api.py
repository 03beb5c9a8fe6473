"""The read-only JSON API: the roll-up's numbers, the action list's filters, clear 400s,
conditional GETs and an OpenAPI description."""

import json
from datetime import date

import pytest
from django.utils import timezone

from resolutions.models import Action, MemberState, Paragraph, StatusUpdate
from resolutions.rollup import paragraph_rollups, resolution_rollup
from tests import factories as f

BEFORE, AFTER = "2018-06-01", "2018-11-29"


def get(client, url, status=200, **headers):
    response = client.get(url, HTTP_ACCEPT="application/json", **headers)
    assert response.status_code == status, (url, response.content[:300])
    return response.json() if response.content else None


def day(as_of):
    return date.fromisoformat(as_of) if as_of else timezone.localdate()


@pytest.mark.parametrize("as_of", [BEFORE, AFTER, None])
def test_resolutions_carry_the_rollup(client, seeded, as_of):
    query = f"?as_of={as_of}" if as_of else ""
    data = get(client, f"/api/resolutions/{query}")
    assert data["count"] == 1
    item = data["results"][0]
    rollup = resolution_rollup(seeded, day(as_of))
    assert item["symbol"] == "53/45-POL" and item["as_of"] == day(as_of).isoformat()
    assert item["progress"]["percent"] == rollup.percent
    assert item["progress"]["total"] == rollup.total == 7
    assert [(d["status"], d["count"]) for d in item["progress"]["distribution"]] == [
        (s.value, n) for s, n in rollup.distribution
    ]
    assert item["links"]["pdf"].endswith("/resolutions/53-45-pol/report.pdf")
    assert get(client, f"/api/resolutions/53-45-pol/{query}") == item
    get(client, "/api/resolutions/nope/", status=404)


def test_synthetic_resolutions_stay_out(client, seeded, settings):
    settings.SHOW_SYNTHETIC_RESOLUTIONS = False
    hidden = f.resolution(is_synthetic=True)
    f.action(hidden, f.paragraph(hidden, 1))
    assert get(client, "/api/resolutions/")["count"] == 1
    assert get(client, "/api/actions/")["count"] == 7
    assert get(client, "/api/paragraphs/")["count"] == 7
    get(client, f"/api/resolutions/{hidden.slug}/", status=404)


def test_actions_have_their_status_as_of_any_date(client, seeded):
    for as_of in (BEFORE, AFTER, None):
        query = f"?as_of={as_of}" if as_of else ""
        results = get(client, f"/api/actions/{query}")["results"]
        expected = {a.key: a for a in Action.objects.with_status(day(as_of))}
        assert {r["key"] for r in results} == set(expected)
        for r in results:
            a = expected[r["key"]]
            assert (r["status"], r["credit"], r["is_overdue"], r["is_stale"]) == (
                a.current_status,
                a.credit,
                a.is_overdue,
                a.is_stale,
            )

    def statuses(as_of):
        results = get(client, f"/api/actions/?as_of={as_of}")["results"]
        return {r["key"]: r["status"] for r in results}

    before, after = statuses(BEFORE), statuses(AFTER)
    assert (before["contact-group"], after["contact-group"]) == ("not_yet_assessed", "completed")
    assert (before["network"], after["network"]) == ("not_yet_assessed", "in_progress")
    network = next(r for r in get(client, "/api/actions/")["results"] if r["key"] == "network")
    assert network["paragraphs"] == ["7"] and network["responsible"] == ["OIC Secretary-General"]
    assert network["url"].endswith(f"/actions/{Action.objects.get(key='network').pk}/")


def test_actions_accept_the_action_list_filters(client, seeded):
    def keys(query):
        return sorted(r["key"] for r in get(client, f"/api/actions/?{query}")["results"])

    assert keys(f"as_of={AFTER}&status=in_progress") == ["network", "training"]
    assert keys(f"as_of={AFTER}&status=completed") == ["contact-group"]
    assert keys("status=delayed") == []  # nobody reported it stalled (#11)
    assert keys("status=no_occurrence") == ["annual-conference"]
    assert keys("mandate_type=recurring_event") == ["annual-conference"]
    assert keys(f"resolution={seeded.slug}&overdue=no") == keys(f"resolution={seeded.slug}")
    assert keys("paragraph=null") == ["annual-conference", "code-of-conduct", "contact-group"]
    seven = Paragraph.objects.get(resolution=seeded, number="7")
    assert keys(f"paragraph={seven.pk}") == ["network"]
    assert keys("q=simulation") == ["training"]  # matches a status note
    ordered = [r["key"] for r in get(client, f"/api/actions/?as_of={AFTER}&sort=status")["results"]]
    assert ordered[0] == "contact-group"  # completed first in the published order


@pytest.mark.parametrize(
    "url,field",
    [
        ("/api/actions/?status=bogus", "status"),
        ("/api/actions/?mandate_type=nope", "mandate_type"),
        ("/api/actions/?resolution=nope", "resolution"),
        ("/api/actions/?due_after=2018-02-30", "due_after"),
        ("/api/actions/?sort=colour", "sort"),
        ("/api/actions/?as_of=2018-13-01", "as_of"),
        ("/api/actions/?as_of=2999-01-01", "as_of"),
        ("/api/resolutions/?as_of=yesterday", "as_of"),
        ("/api/paragraphs/?kind=chapter", "kind"),
        ("/api/status-updates/?after=soon", "after"),
        ("/api/status-updates/?action=abc", "action"),
        ("/api/actions/?page=abc", "page"),
        ("/api/actions/?page=0", "page"),
        ("/api/actions/?page=99", "page"),
        ("/api/member-states/?page_size=x", "page_size"),
        ("/api/member-states/?page_size=1000", "page_size"),
    ],
)
def test_bad_parameters_are_400_with_a_message(client, seeded, url, field):
    data = get(client, url, status=400)
    assert field in data and data[field][0]


def test_paragraphs(client, seeded):
    results = get(client, f"/api/paragraphs/?resolution={seeded.slug}&as_of={AFTER}")["results"]
    assert [p["number"] for p in results] == ["PP1", "PP2", "PP3", "4", "5", "7", "8"]
    rollups = paragraph_rollups(
        [p.pk for p in Paragraph.objects.filter(resolution=seeded)], date(2018, 11, 29)
    )
    for p in results:
        if p["kind"] == "preambular":
            assert p["progress"] is None  # not scored, never 0 %
        else:
            assert p["progress"]["percent"] == rollups[p["id"]].percent
            assert p["progress"]["total"] == rollups[p["id"]].total
    seven = next(p for p in results if p["number"] == "7")
    assert seven["provenance"] == "paraphrase" and seven["text_source"] == "un-19-01473"
    assert seven["actions"] == [Action.objects.get(key="network").pk]
    assert get(client, "/api/paragraphs/?kind=preambular")["count"] == 3


def test_status_updates_are_public_and_dated_on_or_before_as_of(client, seeded):
    assert get(client, f"/api/status-updates/?as_of={BEFORE}")["count"] == 0
    after = get(client, f"/api/status-updates/?as_of={AFTER}")
    assert after["count"] == StatusUpdate.objects.count() == 6
    first = after["results"][0]
    assert first["as_of"] == AFTER and first["evidence"]
    network = Action.objects.get(key="network")
    only = get(client, f"/api/status-updates/?action={network.pk}")["results"]
    assert [u["status"] for u in only] == ["in_progress"]
    assert only[0]["evidence"][0]["source"] == "un-19-01473"
    assert only[0]["recorded_by"] == "Tracker data file (from the seed document)"
    since = get(client, "/api/status-updates/?after=2018-09-24")
    assert since["count"] == 5


def test_member_states(client, seeded):
    data = get(client, "/api/member-states/?page_size=100")
    assert data["count"] == MemberState.objects.count() == 57
    assert get(client, "/api/member-states/tur/")["iso3"] == "TUR"
    get(client, "/api/member-states/XXX/", status=404)


def test_pagination(client, seeded):
    page = get(client, "/api/actions/?page_size=3")
    assert page["count"] == 7 and len(page["results"]) == 3
    assert "page=2" in page["next"]
    last = get(client, "/api/actions/?page_size=3&page=last")
    assert len(last["results"]) == 1


def test_conditional_get_answers_304(client, seeded):
    first = client.get("/api/actions/?as_of=2018-11-29", HTTP_ACCEPT="application/json")
    etag = first["ETag"]
    assert etag and first.status_code == 200
    again = client.get(
        "/api/actions/?as_of=2018-11-29", HTTP_ACCEPT="application/json", HTTP_IF_NONE_MATCH=etag
    )
    assert again.status_code == 304 and again.content == b""
    other = client.get(
        "/api/actions/?as_of=2018-06-01", HTTP_ACCEPT="application/json", HTTP_IF_NONE_MATCH=etag
    )
    assert other.status_code == 200 and other["ETag"] != etag
    # A new status update changes the body, so the old ETag no longer matches.
    f.update(Action.objects.get(key="network"), "completed", "2018-11-29")
    changed = client.get(
        "/api/actions/?as_of=2018-11-29", HTTP_ACCEPT="application/json", HTTP_IF_NONE_MATCH=etag
    )
    assert changed.status_code == 200
    schema = client.get("/api/schema/")
    assert client.get("/api/schema/", HTTP_IF_NONE_MATCH=schema["ETag"]).status_code == 304


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_read_only(client, seeded, method):
    network = Action.objects.get(key="network")
    for url in ("/api/actions/", f"/api/actions/{network.pk}/", "/api/resolutions/53-45-pol/"):
        response = getattr(client, method)(url, data={}, content_type="application/json")
        assert response.status_code == 405, (method, url)
    assert StatusUpdate.objects.count() == 6


def test_openapi_description(client, db):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    for path in (
        "/api/resolutions/",
        "/api/resolutions/{slug}/",
        "/api/paragraphs/",
        "/api/actions/",
        "/api/actions/{id}/",
        "/api/status-updates/",
        "/api/member-states/",
        "/api/member-states/{iso3}/",
    ):
        assert set(paths[path]) == {"get"}, path  # read-only
    params = {p["name"] for p in paths["/api/actions/"]["get"]["parameters"]}
    assert {"as_of", "status", "resolution", "mandate_type", "page", "page_size"} <= params
    assert "Read-only" in schema["info"]["description"]


def test_browsable_api_renders(client, seeded):
    response = client.get("/api/actions/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200 and b"Contact Group" in response.content


BUDGET = 10
ENDPOINTS = [
    "/api/resolutions/",
    "/api/paragraphs/",
    "/api/actions/",
    "/api/status-updates/",
    "/api/member-states/",
    "/api/resolutions/53-45-pol/",
]


# The budget is checked at 1x and 10x in tests/test_query_budget_at_scale.py.
