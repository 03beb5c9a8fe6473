"""Resolution identity (agenda item, symbols, issuing date, vote) and typed links between
resolutions (#15, "Resolution identity and links"): loaded from data files, each resting on a
source, shown on both resolutions' pages and in the API."""

import copy
from datetime import date

import pytest
from django.db import IntegrityError, transaction

from resolutions.loader import LoadError, load_data
from resolutions.models import Resolution, ResolutionLink

pytestmark = pytest.mark.django_db

NOT_STATED = "Not stated by the sources"


def _file(symbol, slug, references=(), **identity):
    """A small data file of another body's resolution (the format of data/*.yaml)."""
    return {
        "format": "resolution-tracker/1",
        "sources": [
            {"key": "record-of-" + slug, "title": f"Record of {symbol}", "url": "https://x.test"}
        ],
        "resolution": {
            "symbol": symbol,
            "slug": slug,
            "title": f"Resolution {symbol}",
            "adopting_body": "United Nations General Assembly",
            "session": "99th session",
            "adopted_on": "2024-01-01",
            "paragraphs": [
                {"number": "PP1", "kind": "preambular"},
                {"number": "OP1", "kind": "operative"},
            ],
            "references": list(references),
            **identity,
        },
    }


def test_53_45_pol_reaffirms_the_four_un_resolutions_its_preamble_names(seeded):
    links = list(seeded.links_out.order_by("order"))
    assert [(k.kind, k.target_symbol) for k in links] == [
        ("reaffirms", "A/65/283"),
        ("reaffirms", "A/66/291"),
        ("reaffirms", "A/68/303"),
        ("reaffirms", "A/70/304"),
    ]
    # Each rests on the Arabic text's PP3; the dates on the Secretary-General's report A/72/115.
    assert {k.paragraph.number for k in links} == {"PP3"}
    assert {k.source.key for k in links} == {"moqatel-53-45-ar"}
    assert [k.target_adopted_on for k in links] == [
        date(2011, 6, 22),
        date(2012, 9, 13),
        date(2014, 7, 31),
        date(2016, 9, 9),
    ]
    for link in links:
        assert "un-a-72-115-mediationtea" in {s.key for s in link.target_sources.all()}
        assert link.target is None  # not loaded here: an external reference
    # Only 65/283's header gives the series title; the others' titles are not stated.
    assert [bool(k.target_title) for k in links] == [True, False, False, False]


def test_53_45_pol_identity_is_not_stated_where_no_source_states_it(seeded, client):
    assert (seeded.agenda_item, seeded.draft_symbol, seeded.document_symbol) == ("", "", "")
    assert seeded.issued_on is None and seeded.vote == "not_stated"
    assert seeded.identity_source is None
    page = client.get("/en/resolutions/53-45-pol/").content.decode()
    for label in ("Agenda item", "Draft symbol", "Document symbol", "Issued", "Vote"):
        assert f'<dt>{label}</dt><dd><span class="muted">{NOT_STATED}</span></dd>' in page
    assert "Reaffirms <bdi>A/65/283</bdi> (United Nations General Assembly)" in page
    assert "adopted 22 June 2011" in page and "in paragraph PP3" in page
    assert "(not loaded in this tracker)" in page


def test_links_point_to_loaded_resolutions_whichever_is_loaded_first(seeded, client):
    # B follows up 53/45-POL (loaded already) and recalls C (not loaded yet).
    load_data(
        _file(
            "A/RES/99/2",
            "a-res-99-2",
            [
                {"kind": "follows_up", "target": "53/45-POL", "source": "record-of-a-res-99-2"},
                {
                    "kind": "recalls",
                    "target": "A/RES/98/7",
                    "paragraph": "PP1",
                    "source": "record-of-a-res-99-2",
                    "locator": "first preambular paragraph",
                },
            ],
        ),
        "b.yaml",
    )
    follows = ResolutionLink.objects.get(kind="follows_up")
    recalls = ResolutionLink.objects.get(kind="recalls")
    assert follows.target == seeded and recalls.target is None
    load_data(_file("A/RES/98/7", "a-res-98-7"), "c.yaml")
    recalls.refresh_from_db()
    assert recalls.target.symbol == "A/RES/98/7"

    # Both pages say it: the one that makes the link, and its target.
    b_page = client.get("/en/resolutions/a-res-99-2/").content.decode()
    assert 'Follows up <a href="/en/resolutions/53-45-pol/"><bdi>53/45-POL</bdi></a>' in b_page
    assert 'Recalls <a href="/en/resolutions/a-res-98-7/"><bdi>A/RES/98/7</bdi></a>' in b_page
    old_page = client.get("/en/resolutions/53-45-pol/").content.decode()
    assert "What refers to <bdi>53/45-POL</bdi>" in old_page
    assert 'Followed up by <a href="/en/resolutions/a-res-99-2/"><bdi>A/RES/99/2</bdi></a>' in (
        old_page
    )
    c_page = client.get("/en/resolutions/a-res-98-7/").content.decode()
    assert "Recalled by" in c_page and "in paragraph PP1" in c_page

    # And the API.
    api = client.get("/api/resolutions/53-45-pol/").json()
    assert [(r["kind"], r["source_resolution"]) for r in api["references_received"]] == [
        ("follows_up", "A/RES/99/2")
    ]
    assert len(api["references_made"]) == 4 and api["vote"] == "not_stated"
    assert api["references_made"][0]["target_loaded"] is None


def test_reloading_drops_links_no_longer_in_the_file_and_changes_nothing_else(seeded):
    data = _file(
        "A/RES/99/2",
        "a-res-99-2",
        [{"kind": "follows_up", "target": "53/45-POL", "source": "record-of-a-res-99-2"}],
    )
    load_data(data, "b.yaml")
    load_data(data, "b.yaml")
    assert ResolutionLink.objects.filter(resolution__symbol="A/RES/99/2").count() == 1
    data["resolution"]["references"] = []
    load_data(data, "b.yaml")
    assert not ResolutionLink.objects.filter(resolution__symbol="A/RES/99/2").exists()


def test_identity_fields_load_with_their_source(seeded, client):
    load_data(
        _file(
            "A/RES/99/3",
            "a-res-99-3",
            agenda_item="34",
            document_symbol="A/RES/99/3",
            draft_symbol="A/99/L.1",
            issued_on="2024-01-05",
            vote="recorded_vote",
            votes_for=120,
            votes_against=5,
            abstentions=10,
            identity_source="record-of-a-res-99-3",
        ),
        "d.yaml",
    )
    resolution = Resolution.objects.get(symbol="A/RES/99/3")
    assert resolution.issued_on == date(2024, 1, 5) and resolution.votes_for == 120
    page = client.get("/en/resolutions/a-res-99-3/").content.decode()
    assert "<dt>Agenda item</dt><dd><bdi>34</bdi></dd>" in page
    assert "Recorded vote (120 in favour, 5 against, 10 abstentions)" in page
    assert "Record of A/RES/99/3" in page


@pytest.mark.parametrize(
    "edit,message",
    [
        (
            lambda r: r.update(vote="consensus"),
            r"resolution: field 'identity_source'|identity_source",
        ),
        (
            lambda r: r.update(vote="without_vote", votes_for=3, identity_source="record-of-x"),
            "Vote counts belong to a recorded vote",
        ),
        (lambda r: r.update(vote="unanimous"), r"field 'vote': 'unanimous' is not one of"),
        (
            lambda r: r["references"].append(
                {"kind": "recalls", "target": "A/1", "source": "record-of-x", "target_title": "T"}
            ),
            r"references\[0\] \(A/1\): field 'target_sources': the target's title",
        ),
        (
            lambda r: r["references"].append(
                {"kind": "recalls", "target": "A/1", "source": "record-of-x", "paragraph": "9"}
            ),
            r"field 'paragraph': no paragraph '9'",
        ),
        (
            lambda r: r["references"].append(
                {"kind": "recalls", "target": "X/1", "source": "record-of-x"}
            ),
            r"field 'target': a resolution does not link to itself",
        ),
        (
            lambda r: r["references"].append({"kind": "cites", "target": "A/1", "source": "s"}),
            r"field 'kind': 'cites' is not one of: recalls, reaffirms, follows_up, supersedes",
        ),
        (
            lambda r: r["references"].append({"kind": "recalls", "target": "A/1"}),
            r"field 'source': is required",
        ),
    ],
)
def test_bad_identity_or_links_name_the_record_and_field(empty_db, edit, message):
    data = copy.deepcopy(_file("X/1", "x"))
    edit(data["resolution"])
    with pytest.raises(LoadError, match=message):
        load_data(data, "bad.yaml")
    assert not Resolution.objects.exists()


def test_the_database_refuses_identity_without_a_source_and_self_links(seeded):
    with transaction.atomic(), pytest.raises(IntegrityError):
        Resolution.objects.filter(pk=seeded.pk).update(agenda_item="34")
    with transaction.atomic(), pytest.raises(IntegrityError):
        ResolutionLink.objects.create(
            resolution=seeded,
            kind="recalls",
            target=seeded,
            target_symbol=seeded.symbol,
            source=seeded.sources.first(),
        )
