"""#15 "Done when" (1): a resolution of another body — a fictional UN General Assembly
resolution with its symbol, title and dates, operative paragraphs by position whose text is not
available — loads, shows paragraph by paragraph with positional OPs marked "Text not available",
means that body's members by "Member States", and no template names the OIC (branding comes from
settings)."""

from pathlib import Path

import pytest

from resolutions.loader import load_data

pytestmark = pytest.mark.django_db

SRC = "test-ga-record"
GA = {
    "format": "resolution-tracker/1",
    "sources": [{"key": SRC, "title": "A fictional official record", "url": "https://x.test/ga"}],
    "bodies": [{"key": "test-unga", "name": "Test General Assembly", "short_name": "TGA"}],
    "memberships": [
        {"state": "FRA", "body": "test-unga", "source": SRC},
        {"state": "BRA", "body": "test-unga", "source": SRC},
    ],
    "resolution": {
        "symbol": "A/RES/98/12",
        "slug": "a-res-98-12",
        "title": "A fictional General Assembly resolution",
        "adopting_body": "Test General Assembly",
        "body": "test-unga",
        "session": "98th session",
        "adopted_on": "2023-12-14",
        "issued_on": "2023-12-19",
        "identity_source": SRC,
        "paragraphs": [
            {"number": "OP1", "kind": "operative"},
            {"number": "OP2", "kind": "operative"},
        ],
    },
}


def test_a_general_assembly_resolution_shows_positional_paragraphs_and_its_members(seeded, client):
    load_data(GA, "ga.yaml")
    page = client.get("/en/resolutions/a-res-98-12/").content.decode()
    assert "A/RES/98/12" in page and "A fictional General Assembly resolution" in page
    assert "14 December 2023" in page
    for number in ("OP1", "OP2"):
        assert f"Operative paragraph {number}</a> <small" in page
    assert page.count("(numbered by position)") == 2
    assert page.count('<span class="prov prov--unknown">Text not available</span>') >= 2
    assert "No operative paragraph is recorded" not in page
    assert "/member-states/?body=test-unga" in page and "?body=oic" not in page
    members = client.get("/en/member-states/?body=test-unga").content.decode()
    assert 'href="/en/member-states/FRA/"' in members
    assert 'href="/en/member-states/ALB/"' not in members


def test_no_template_names_the_oic():
    """The installation's name, tagline and body come from settings.BRANDING (three languages)."""
    roots = [Path("templates"), Path("exports/templates"), Path("workflow/templates")]
    named = [
        str(path)
        for root in roots
        if root.exists()
        for path in root.rglob("*.html")
        if "OIC" in path.read_text(encoding="utf-8")
        or "Islamic Cooperation" in path.read_text(encoding="utf-8")
    ]
    assert named == []
