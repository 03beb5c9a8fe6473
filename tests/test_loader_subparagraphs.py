"""Sub-paragraphs (#15): 5(a) is a child of 5 — loaded from the data file's `parent`, kept in
document order, shown nested on the pages, in the API and the JSON export, and round-tripped."""

import copy
import json

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from resolutions.loader import LoadError, load_data, load_file
from resolutions.models import Paragraph, Resolution
from tests.conftest import empty_tracker_data

pytestmark = pytest.mark.django_db

COMPOUND = {
    "format": "resolution-tracker/1",
    "sources": [{"key": "ga-record", "title": "Official record", "url": "https://x.test/r"}],
    "resolution": {
        "symbol": "A/RES/99/5",
        "slug": "a-res-99-5",
        "title": "A resolution with a compound operative paragraph",
        "adopting_body": "United Nations General Assembly",
        "session": "99th session",
        "adopted_on": "2024-01-01",
        "paragraphs": [
            {"number": "PP1", "kind": "preambular"},
            {"number": "OP1", "kind": "operative"},
            {"number": "5", "kind": "operative", "positional": False},
            {"number": "5(a)", "kind": "operative", "parent": "5"},
            {"number": "5(a)(i)", "kind": "operative", "parent": "5(a)"},
            {"number": "5(b)", "kind": "operative", "parent": "5"},
            {"number": "OP3", "kind": "operative"},
        ],
    },
}


def _paragraphs(symbol="A/RES/99/5"):
    return [
        (p.number, p.parent.number if p.parent_id else None, p.order)
        for p in Paragraph.objects.filter(resolution__symbol=symbol)
        .select_related("parent")
        .order_by("order")
    ]


EXPECTED = [
    ("PP1", None, 1),
    ("OP1", None, 2),
    ("5", None, 3),
    ("5(a)", "5", 4),
    ("5(a)(i)", "5(a)", 5),
    ("5(b)", "5", 6),
    # Sub-paragraphs do not count as positions: after OP1 and 5, this is operative paragraph 3.
    ("OP3", None, 7),
]


def test_sub_paragraphs_load_under_their_parent_in_document_order(empty_db):
    load_data(COMPOUND, "compound.yaml")
    assert _paragraphs() == EXPECTED
    five = Paragraph.objects.get(number="5")
    assert sorted(c.number for c in five.children.all()) == ["5(a)", "5(b)"]
    # Reloading changes nothing; so does reloading after the file moves a sub-paragraph.
    load_data(COMPOUND, "compound.yaml")
    assert _paragraphs() == EXPECTED
    moved = copy.deepcopy(COMPOUND)
    moved["resolution"]["paragraphs"][5]["parent"] = "5(a)"
    moved["resolution"]["paragraphs"][5]["number"] = "5(a)(ii)"
    load_data(moved, "compound.yaml")
    assert ("5(a)(ii)", "5(a)", 6) in _paragraphs()


def test_pages_show_sub_paragraphs_nested(empty_db, client):
    load_data(COMPOUND, "compound.yaml")
    page = client.get("/en/resolutions/a-res-99-5/").content.decode()
    assert 'class="para para--operative para--sub para--depth-1" id="para-5(a)"' in page
    assert 'class="para para--operative para--sub para--depth-2" id="para-5(a)(i)"' in page
    assert 'class="para para--operative" id="para-5"' in page
    assert 'Sub-paragraph of paragraph 5 (<a href="#para-5">5</a>)' in page
    detail = client.get("/en/resolutions/a-res-99-5/paragraphs/5/").content.decode()
    assert "Sub-paragraphs:" in detail and ">5(a)</a>, " in detail and ">5(b)</a>" in detail
    sub = client.get("/en/resolutions/a-res-99-5/paragraphs/5(a)(i)/").content.decode()
    assert "Sub-paragraph of paragraph 5(a)" in sub
    api = client.get("/api/paragraphs/?resolution=a-res-99-5").json()
    rows = api["results"] if isinstance(api, dict) else api
    assert [(r["number"], r["parent"]) for r in rows] == [(n, p) for n, p, _ in EXPECTED]


def test_the_json_export_round_trips_the_structure(empty_db, client):
    load_file("data/oic-member-states.yaml")
    load_data(COMPOUND, "compound.yaml")
    url = reverse("resolution_report", args=["a-res-99-5", "json"])
    exported = json.loads(client.get(url).content)
    parents = {p["number"]: p["parent"] for p in exported["resolution"]["paragraphs"]}
    assert parents["5(a)(i)"] == "5(a)" and parents["5"] is None
    empty_tracker_data()
    load_data(exported, "export.json")
    assert _paragraphs() == EXPECTED


@pytest.mark.parametrize(
    "index,edit,message",
    [
        (3, {"parent": "5(b)"}, r"\(5\(a\)\): field 'parent': no paragraph '5\(b\)' before this"),
        (3, {"parent": "PP1"}, r"field 'parent': paragraph 'PP1' is not operative"),
        (3, {"parent": "9"}, r"field 'parent': no paragraph '9'"),
        (
            3,
            {"number": "OP3", "parent": "5"},
            r"field 'positional': a sub-paragraph is numbered as printed",
        ),
    ],
)
def test_a_bad_parent_names_the_record_and_field(empty_db, index, edit, message):
    data = copy.deepcopy(COMPOUND)
    data["resolution"]["paragraphs"][index].update(edit)
    with pytest.raises(LoadError, match=message):
        load_data(data, "compound.yaml")
    assert not Resolution.objects.exists()


def test_the_database_refuses_a_paragraph_as_its_own_parent(empty_db):
    load_data(COMPOUND, "compound.yaml")
    five = Paragraph.objects.get(number="5")
    with transaction.atomic(), pytest.raises(IntegrityError):
        Paragraph.objects.filter(pk=five.pk).update(parent=five)
