"""An action continued by a later resolution (#15 item 4): 56/46-POL's Code of Conduct carries on
53/45-POL's, as the 3rd conference's concept note states; the two attributions stay apart, and
the mandate's history reads as one line across both (action pages, API, JSON export)."""

import copy
from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from resolutions.loader import LoadError, load_data, load_file
from resolutions.models import Action, Resolution, SourceDocument
from resolutions.selectors import history_across_resolutions
from tests.conftest import empty_tracker_data
from tests.test_roundtrip import export, validate

pytestmark = pytest.mark.django_db


@pytest.fixture
def followup(seeded):
    load_file("data/56-46-pol.yaml")
    return Resolution.objects.get(symbol="56/46-POL")


def code_of_conduct(symbol):
    return Action.objects.get(resolution__symbol=symbol, key="code-of-conduct")


def test_56_46_pols_code_of_conduct_continues_53_45_pols_on_a_source(followup):
    earlier, later = code_of_conduct("53/45-POL"), code_of_conduct("56/46-POL")
    assert later.continues == earlier
    assert later.continues_source.key == "conf-3-concept-note"
    assert "preparation of a Code of Conduct for mediators" in later.continues_quote
    assert later.lineage() == earlier.lineage() == [earlier, later]
    # Two attributions, not merged: each keeps its own source, title and updates.
    assert earlier.mandate_source.key == "un-19-01473"
    assert later.mandate_source.key == "urdupoint-2019-07-01"
    assert earlier.status_updates.exists() and not later.status_updates.exists()
    # No source ties the two Network attributions together: they are not linked.
    network = Action.objects.get(resolution=followup, key="network")
    assert network.continues is None and network.lineage() == [network]
    assert Action.objects.get(resolution__symbol="53/45-POL", key="network").lineage() == [
        Action.objects.get(resolution__symbol="53/45-POL", key="network")
    ]


@pytest.mark.parametrize("symbol", ["53/45-POL", "56/46-POL"])
def test_both_action_pages_read_the_history_as_one_line(followup, client, symbol):
    action = code_of_conduct(symbol)
    page = client.get(reverse("action_detail", args=[action.pk])).content.decode()
    section = page[page.index('id="across-h"') : page.index('id="history"')]
    assert "History across resolutions" in section
    other = code_of_conduct("56/46-POL" if symbol == "53/45-POL" else "53/45-POL")
    assert f'href="{reverse("action_detail", args=[other.pk])}"' in section
    assert "(this page)" in section
    assert section.index("<bdi>53/45-POL</bdi>") < section.index("<bdi>56/46-POL</bdi>")
    assert "Continues the action of 53/45-POL, as stated by" in section
    assert "Concept note, 3rd OIC Member States Conference on Mediation" in section
    # The one dated event of the line: 53/45-POL's seed update of 29 November 2018.
    assert '<time datetime="2018-11-29">29 November 2018</time> <bdi>53/45-POL</bdi>' in section
    # Before that day, nothing was recorded under either resolution.
    past = client.get(reverse("action_detail", args=[action.pk]) + "?as_of=2018-06-01")
    assert "No status update or occurrence is recorded under any of these resolutions." in (
        past.content.decode()
    )
    fr = client.get("/fr" + reverse("action_detail", args=[action.pk])[3:]).content.decode()
    assert "Historique d’une résolution à l’autre" in fr


def test_an_action_no_resolution_continues_has_no_such_section(followup, client):
    network = Action.objects.get(resolution=followup, key="network")
    assert history_across_resolutions(network, date(2030, 1, 1)) is None
    page = client.get(reverse("action_detail", args=[network.pk])).content.decode()
    assert "History across resolutions" not in page


def test_the_api_gives_the_continuation_and_the_line(followup, client):
    later = code_of_conduct("56/46-POL")
    rows = client.get(
        "/api/actions/?resolution=56-46-pol", HTTP_ACCEPT="application/json", secure=True
    ).json()["results"]
    by_key = {r["key"]: r for r in rows}
    assert by_key["network"]["continues"] is None
    continues = by_key["code-of-conduct"]["continues"]
    assert {k: continues[k] for k in ("resolution", "action", "source")} == {
        "resolution": "53/45-POL",
        "action": "code-of-conduct",
        "source": "conf-3-concept-note",
    }
    assert continues["url"].endswith(reverse("action_detail", args=[later.continues_id]))
    detail = client.get(
        f"/api/actions/{later.pk}/", HTTP_ACCEPT="application/json", secure=True
    ).json()
    line = detail["history_across_resolutions"]
    assert [(a["resolution"], a["continues_source"]) for a in line["actions"]] == [
        ("53/45-POL", None),
        ("56/46-POL", "conf-3-concept-note"),
    ]
    assert [(e["date"], e["resolution"], e["kind"], e["status"]) for e in line["events"]] == [
        ("2018-11-29", "53/45-POL", "status_update", "not_started")
    ]


def test_the_json_export_round_trips_the_continuation(followup, client):
    earlier_file = export(client, Resolution.objects.get(symbol="53/45-POL"))
    later_file = export(client, followup)
    assert validate(later_file, complete=True) == []
    actions = {a["key"]: a for a in later_file["resolution"]["actions"]}
    assert actions["code-of-conduct"]["continues"]["source"] == "conf-3-concept-note"
    assert actions["network"]["continues"] is None
    before = client.get(
        reverse("action_detail", args=[code_of_conduct("56/46-POL").pk])
    ).content.decode()

    # Reloaded in the other order: the later resolution first, then the earlier one.
    empty_tracker_data()
    load_file("data/oic-member-states.yaml")
    later_alone = copy.deepcopy(later_file)
    later_alone["sources"] = earlier_file["sources"]  # the sources its file relies on
    load_data(later_alone, "56-46.json")
    assert code_of_conduct("56/46-POL").continues is None  # 53/45-POL is not loaded yet
    load_data(earlier_file, "53-45.json")
    later = code_of_conduct("56/46-POL")
    assert later.continues == code_of_conduct("53/45-POL")
    after = client.get(reverse("action_detail", args=[later.pk])).content.decode()
    strip = lambda html: html[html.index('id="across-h"') : html.index('id="history"')]  # noqa: E731
    # The same section, but for the action ids, which change on reload.
    assert strip(after).count("<li>") == strip(before).count("<li>")
    assert "Continues the action of 53/45-POL" in strip(after)
    assert (
        export(client, later.resolution)["resolution"]["actions"]
        == (later_file["resolution"]["actions"])
    )


EARLIER = {
    "format": "resolution-tracker/1",
    "sources": [{"key": "t-src", "title": "A fictional record", "url": "https://x.test/"}],
    "resolution": {
        "symbol": "T/1",
        "slug": "t-1",
        "title": "A fictional first resolution",
        "adopting_body": "Test Assembly",
        "session": "1st session",
        "adopted_on": "2020-01-01",
        "actions": [{"key": "report", "title": "Report", "mandate_type": "submit_report"}],
    },
}
LATER = {
    "format": "resolution-tracker/1",
    "resolution": {
        "symbol": "T/2",
        "slug": "t-2",
        "title": "A fictional second resolution",
        "adopting_body": "Test Assembly",
        "session": "2nd session",
        "adopted_on": "2021-01-01",
        "actions": [
            {
                "key": "report-again",
                "title": "Report again",
                "mandate_type": "submit_report",
                "continues": {"resolution": "T/1", "action": "report", "source": "t-src"},
            }
        ],
    },
}


def _later(**continues):
    data = copy.deepcopy(LATER)
    data["resolution"]["actions"][0]["continues"].update(continues)
    return data


@pytest.mark.parametrize(
    "edit,message",
    [
        ({"action": "nothing"}, r"continues: field 'action': T/1 has no action with key 'nothing'"),
        ({"resolution": "T/2"}, r"field 'resolution': an action continues one of an earlier"),
        ({"source": "nowhere"}, r"field 'source': no source with key 'nowhere'"),
        ({"source": None}, r"continues: field 'source'"),
    ],
)
def test_a_bad_continuation_names_the_record_and_field_and_changes_nothing(empty_db, edit, message):
    load_data(EARLIER, "t1.yaml")
    with pytest.raises(LoadError, match=message):
        load_data(_later(**edit), "t2.yaml")
    assert not Resolution.objects.filter(symbol="T/2").exists()


def test_an_action_does_not_continue_one_adopted_after_it(empty_db):
    load_data(EARLIER, "t1.yaml")
    later = _later()
    later["resolution"]["adopted_on"] = "2019-01-01"
    with pytest.raises(LoadError, match=r"field 'continues': T/1 was adopted on 2020-01-01"):
        load_data(later, "t2.yaml")


def test_an_earlier_file_without_the_continued_action_is_refused(empty_db):
    # Loaded first, the later file waits; an earlier file that lacks the action is an error.
    load_data({"format": "resolution-tracker/1", "sources": EARLIER["sources"]}, "s.yaml")
    load_data(LATER, "t2.yaml")
    renamed = copy.deepcopy(EARLIER)
    renamed["resolution"]["actions"][0]["key"] = "renamed"
    with pytest.raises(LoadError, match=r"T/2's action 'report-again' continues T/1's action"):
        load_data(renamed, "t1.yaml")
    assert not Resolution.objects.filter(symbol="T/1").exists()
    load_data(EARLIER, "t1.yaml")
    assert Action.objects.get(key="report-again").continues.key == "report"


def test_the_database_refuses_an_unsourced_or_half_named_continuation(empty_db):
    load_data(EARLIER, "t1.yaml")
    load_data(LATER, "t2.yaml")
    later = Action.objects.get(key="report-again")
    for change in (
        {"continues_source": None},
        {"continues_key": ""},
        {"continues_symbol": "", "continues_key": ""},
    ):
        with transaction.atomic(), pytest.raises(IntegrityError):
            Action.objects.filter(pk=later.pk).update(**change)
    with transaction.atomic(), pytest.raises(IntegrityError):
        Action.objects.filter(pk=later.pk).update(continues=later)
    assert SourceDocument.objects.filter(key="t-src").exists()
