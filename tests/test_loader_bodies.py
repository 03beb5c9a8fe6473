"""Bodies and memberships (#15): a State (any ISO 3166-1 entry) belongs to bodies through
sourced memberships with dates and a standing (member, observer, suspended); "Member States" in
a resolution means its body's members on the adoption date. The data below is a fictional test
fixture (example sources), not a claim about any real body."""

import copy
import json
from io import StringIO

import pycountry
import pytest
from django.core.management import call_command
from django.urls import reverse

from resolutions.loader import LoadError, load_data, load_file
from resolutions.models import Action, Body, Membership, MemberState, Resolution
from tests.conftest import empty_tracker_data

pytestmark = pytest.mark.django_db

SRC = "test-roll"
UN = {
    "format": "resolution-tracker/1",
    "sources": [{"key": SRC, "title": "A fictional membership roll", "url": "https://x.test/"}],
    "bodies": [{"key": "test-assembly", "name": "Test Assembly", "short_name": "TA"}],
    "memberships": [
        {"state": "FRA", "body": "test-assembly", "source": SRC},
        {"state": "TUR", "body": "test-assembly", "source": SRC, "start_date": "2000-01-01"},
        # Left before the adoption date.
        {"state": "DEU", "body": "test-assembly", "source": SRC, "end_date": "2020-12-31"},
        # A member, suspended over the adoption date.
        {"state": "BRA", "body": "test-assembly", "source": SRC},
        {
            "state": "BRA",
            "body": "test-assembly",
            "standing": "suspended",
            "start_date": "2023-06-01",
            "end_date": "2024-06-30",
            "source": SRC,
        },
        # An observer is not a member.
        {"state": "CHE", "body": "test-assembly", "standing": "observer", "source": SRC},
    ],
    "actors": [{"name": "Member States", "kind": "member_states"}],
    "resolution": {
        "symbol": "A/RES/99/7",
        "slug": "a-res-99-7",
        "title": "A fictional resolution of the Test Assembly",
        "adopting_body": "Test Assembly",
        "body": "test-assembly",
        "session": "99th session",
        "adopted_on": "2024-01-01",
        "paragraphs": [{"number": "OP1", "kind": "operative"}],
        "actions": [
            {
                "key": "report",
                "title": "Member States report back",
                "mandate_type": "institutional_capacity",
                "paragraphs": ["OP1"],
                "responsible": ["Member States"],
            }
        ],
    },
}


def iso3s(states):
    return sorted(s.iso3 for s in states)


def test_53_45_pol_member_states_are_the_oics_57(seeded, client):
    oic = Body.objects.get(key="oic")
    assert seeded.body == oic
    assert oic.memberships.filter(standing="member").count() == 57
    assert seeded.member_states().count() == 57
    page = client.get("/en/resolutions/53-45-pol/").content.decode()
    assert 'href="/en/member-states/?body=oic&amp;as_of=2018-05-05">the members of the OIC</a>' in (
        page
    )
    assert "on the adoption date, 5 May 2018" in page


def test_a_resolution_of_another_body_means_that_bodys_members(seeded, client):
    load_data(UN, "un.yaml")
    resolution = Resolution.objects.get(symbol="A/RES/99/7")
    # FRA and TUR are members; DEU left, BRA is suspended, CHE observes.
    assert iso3s(resolution.member_states()) == ["FRA", "TUR"]
    # States no file declared come from ISO 3166-1 (pycountry), with that source.
    france = MemberState.objects.get(iso3="FRA")
    assert france.name == pycountry.countries.get(alpha_3="FRA").name
    assert france.source.key == "iso-3166-1"
    # The OIC's list is unchanged; the other body's list is its own.
    assert iso3s(Body.objects.get(key="oic").members_on()) == iso3s(seeded.member_states())
    listing = client.get("/en/member-states/").content.decode()
    assert 'href="/en/member-states/FRA/"' not in listing
    assert 'href="/en/member-states/ALB/"' in listing
    # Today BRA's suspension is over; on the adoption date it was suspended.
    other = client.get("/en/member-states/?body=test-assembly").content.decode()
    assert "TA Member States" in other and "The 3 Member States of the Test Assembly" in other
    assert 'href="/en/member-states/FRA/"' in other and 'href="/en/member-states/ALB/"' not in other
    assert 'href="/en/member-states/BRA/"' in other and "Members of:" in other
    then = client.get("/en/member-states/?body=test-assembly&as_of=2024-01-01").content.decode()
    assert "The 2 Member States of the Test Assembly" in then
    assert 'href="/en/member-states/BRA/' not in then and 'href="/en/member-states/DEU/' not in then

    # A collective mandate binds the members of the resolution's body only.
    action = Action.objects.get(key="report")
    assert action in Action.objects.for_member_state(france)
    assert action in Action.objects.for_member_state(MemberState.objects.get(iso3="TUR"))
    assert action not in Action.objects.for_member_state(MemberState.objects.get(iso3="ALB"))
    assert action not in Action.objects.for_member_state(MemberState.objects.get(iso3="BRA"))
    fr_page = client.get("/en/member-states/FRA/").content.decode()
    assert "A/RES/99/7" in fr_page and "53/45-POL" not in fr_page
    alb_page = client.get("/en/member-states/ALB/").content.decode()
    assert "53/45-POL" in alb_page and "A/RES/99/7" not in alb_page


def test_memberships_reload_idempotently_and_a_file_owns_its_bodys_list(empty_db):
    load_data(UN, "un.yaml")
    load_data(UN, "un.yaml")
    assert Membership.objects.count() == 6
    shorter = copy.deepcopy(UN)
    shorter["memberships"] = shorter["memberships"][:2]
    load_data(shorter, "un.yaml")
    assert sorted(m.state.iso3 for m in Membership.objects.all()) == ["FRA", "TUR"]


@pytest.mark.parametrize(
    "edit,message",
    [
        (
            lambda d: d["memberships"].append({"state": "XXX", "body": "test-assembly"} | S),
            r"memberships\[6\] \(XXX in test-assembly\): field 'state': 'XXX' is not an ISO "
            "3166-1 alpha-3 code",
        ),
        (
            lambda d: d["memberships"].append({"state": "FRA", "body": "nobody"} | S),
            r"field 'body': no body with key 'nobody' \(declare it under bodies\)",
        ),
        (
            lambda d: d["memberships"].append(
                {"state": "ITA", "body": "test-assembly", "start_date": "2020-01-01"}
                | {"end_date": "2019-01-01"}
                | S
            ),
            "A membership cannot end before it starts",
        ),
        (
            lambda d: d["memberships"].append(
                {"state": "ITA", "body": "test-assembly", "standing": "guest"} | S
            ),
            r"field 'standing': 'guest' is not one of: member, observer, suspended",
        ),
        (
            lambda d: d["resolution"].update(body="unknown-body"),
            r"resolution: field 'body': no body with key 'unknown-body'",
        ),
    ],
)
def test_bad_memberships_name_the_record_and_field(empty_db, edit, message):
    data = copy.deepcopy(UN)
    edit(data)
    with pytest.raises(LoadError, match=message):
        load_data(data, "un.yaml")
    assert not Membership.objects.exists() and not Body.objects.exists()


S = {"source": SRC}


def test_the_json_export_carries_the_body_and_round_trips_it(empty_db, client):
    load_file("data/oic-member-states.yaml")
    load_data(UN, "un.yaml")
    url = reverse("resolution_report", args=["a-res-99-7", "json"])
    exported = json.loads(client.get(url).content)
    assert exported["resolution"]["body"] == "test-assembly"
    assert [b["key"] for b in exported["bodies"]] == ["test-assembly"]
    assert len(exported["memberships"]) == 6
    api = client.get("/api/resolutions/a-res-99-7/").json()
    assert api["body"] == "test-assembly"
    empty_tracker_data()
    load_data(exported, "export.json")
    assert iso3s(Resolution.objects.get(symbol="A/RES/99/7").member_states()) == ["FRA", "TUR"]


def test_load_states_creates_every_iso_3166_entry_once(seeded):
    out = StringIO()
    call_command("load_states", stdout=out)
    assert MemberState.objects.count() == len(pycountry.countries)
    assert f"{len(pycountry.countries) - 57} ISO 3166-1 States created." in out.getvalue()
    # The 57 keep their names from the membership file; a second run creates nothing.
    assert MemberState.objects.get(iso3="TUR").name == "Türkiye"
    call_command("load_states", stdout=out)
    assert "0 ISO 3166-1 States created." in out.getvalue()


def test_the_page_cache_keeps_each_bodys_list_apart(rf):
    """?body= makes a different page: the page cache keys on it (it is a page parameter), so one
    body's cached list is never served for another's."""
    from resolutions.page_cache import _canonical

    address, dropped = _canonical(rf.get("/en/member-states/?body=test-assembly&utm=x"))
    assert address == "/en/member-states/?body=test-assembly" and dropped
