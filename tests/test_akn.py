"""Akoma Ntoso export (#15): the resolution's structure (preamble recitals, operative paragraphs
with their numbers, sub-paragraphs nested), verbatim text only, provenance in the metadata."""

import pytest
from lxml import etree

from resolutions.akn import AKN_NS, PROVENANCE_NS
from resolutions.loader import load_data
from tests.test_loader_subparagraphs import COMPOUND

pytestmark = pytest.mark.django_db
NS = {"a": AKN_NS, "prov": PROVENANCE_NS}


def fetch(client, slug):
    response = client.get(f"/en/resolutions/{slug}/akn.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/akn+xml")
    return etree.fromstring(response.content)


def test_53_45_pol_exports_its_structure_without_presenting_paraphrase_as_text(seeded, client):
    root = fetch(client, "53-45-pol")
    statement = root.find("a:statement", NS)
    assert statement.get("name") == "resolution"
    work = root.find(".//a:FRBRWork", NS)
    assert work.find("a:FRBRnumber", NS).get("value") == "53/45-POL"
    assert work.find("a:FRBRdate", NS).attrib == {"date": "2018-05-05", "name": "adoption"}
    assert work.find("a:FRBRcountry", NS).get("value") == "oic"
    recitals = statement.findall("a:preamble/a:recitals/a:recital", NS)
    assert [r.findtext("a:num", namespaces=NS) for r in recitals] == ["PP1", "PP2", "PP3"]
    paragraphs = statement.findall("a:mainBody/a:paragraph", NS)
    assert [p.findtext("a:num", namespaces=NS) for p in paragraphs] == ["4", "5", "7", "8"]
    # Every English text of 53/45-POL is a paraphrase: no content text, the paraphrase is in the
    # provenance metadata with its source and locator.
    assert all(not (p.findtext("a:content/a:p", namespaces=NS) or "") for p in paragraphs)
    seven = root.find(".//prov:paragraph[@number='7']", NS)
    assert seven.get("provenance") == "paraphrase" and seven.get("href") == "#para_7"
    assert seven.get("source") == "#src-un-19-01473"
    assert "Network of OIC Mediators" in seven.findtext("prov:text", namespaces=NS)
    assert root.find(".//a:TLCReference[@eId='src-un-19-01473']", NS) is not None
    # The links to other resolutions are references.
    assert len(root.findall(".//a:TLCReference[@name='reaffirms']", NS)) == 4


def test_sub_paragraphs_nest_and_verbatim_text_is_content(empty_db, client):
    data = {**COMPOUND, "resolution": {**COMPOUND["resolution"]}}
    data["resolution"]["paragraphs"] = [dict(p) for p in COMPOUND["resolution"]["paragraphs"]]
    data["resolution"]["paragraphs"][3].update(
        text="Fictional verbatim text of 5(a)", provenance="verbatim", source="ga-record"
    )
    load_data(data, "compound.yaml")
    root = fetch(client, "a-res-99-5")
    main = root.find(".//a:mainBody", NS)
    assert [p.findtext("a:num", namespaces=NS) for p in main.findall("a:paragraph", NS)] == [
        "OP1",
        "5",
        "OP3",
    ]
    five = main.find("a:paragraph[@eId='para_5']", NS)
    assert five.find("a:intro", NS) is not None and five.find("a:content", NS) is None
    subs = five.findall("a:subparagraph", NS)
    assert [s.findtext("a:num", namespaces=NS) for s in subs] == ["5(a)", "5(b)"]
    assert subs[0].findtext("a:intro/a:p", namespaces=NS) == "Fictional verbatim text of 5(a)"
    assert [s.findtext("a:num", namespaces=NS) for s in subs[0].findall("a:subparagraph", NS)] == [
        "5(a)(i)"
    ]
    # No adoption date would be named as such: this one has one.
    assert root.find(".//a:FRBRWork/a:FRBRdate", NS).get("name") == "adoption"


def test_an_unknown_resolution_is_a_404(db, client):
    assert client.get("/en/resolutions/nope/akn.xml").status_code == 404
