"""Akoma Ntoso (#15 item 7): every resolution's export is valid against the OASIS Akoma Ntoso 3.0
schema (vendored in resolutions/schema/akn/), and `manage.py import_akn` reads a resolution's
structure and text back: an export re-imports to the same paragraphs, bad XML is refused with
its line, and a failed import changes nothing."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from lxml import etree

from resolutions.akn import AKN_NS, build_akn
from resolutions.akn_import import SCHEMA_DIR, akn_schema, schema_errors
from resolutions.loader import load_data, load_file
from resolutions.models import Paragraph, Resolution, SourceDocument
from tests.conftest import empty_tracker_data
from tests.test_loader_subparagraphs import COMPOUND

pytestmark = pytest.mark.django_db
NS = {"a": AKN_NS}


def valid(xml: bytes):
    root = etree.fromstring(xml)
    assert schema_errors(root) == []
    return root


def test_the_schema_is_the_vendored_oasis_one_with_its_licence():
    assert (SCHEMA_DIR / "akomantoso30.xsd").is_file() and (SCHEMA_DIR / "xml.xsd").is_file()
    head = (SCHEMA_DIR / "akomantoso30.xsd").read_text(encoding="utf-8")[:2000]
    assert 'targetNamespace="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"' in head
    notice = (SCHEMA_DIR / "README.md").read_text(encoding="utf-8")
    assert "oasis-open/legaldocml-akomantoso" in notice and "CC BY" in notice
    # The schema rejects what it should: an empty statement is not Akoma Ntoso.
    bad = etree.fromstring(f'<akomaNtoso xmlns="{AKN_NS}"><statement/></akomaNtoso>'.encode())
    assert not akn_schema().validate(bad)


def test_every_resolution_exports_valid_akoma_ntoso(seeded, client):
    load_file("data/56-46-pol.yaml")
    data = {**COMPOUND, "resolution": {**COMPOUND["resolution"]}}
    data["resolution"]["paragraphs"] = [dict(p) for p in COMPOUND["resolution"]["paragraphs"]]
    data["resolution"]["paragraphs"][3].update(
        text="Fictional verbatim text of 5(a)", provenance="verbatim", source="ga-record"
    )
    load_data(data, "compound.yaml")
    for resolution in Resolution.objects.all():
        response = client.get(f"/en/resolutions/{resolution.slug}/akn.xml")
        assert response.status_code == 200
        valid(response.content)


def _paragraphs(symbol):
    resolution = Resolution.objects.get(symbol=symbol)
    return [
        (
            p.number,
            p.kind,
            p.parent.number if p.parent_id else None,
            p.number_is_positional,
            p.text,
            p.text_provenance,
            p.text_source.key if p.text_source_id else None,
            p.text_source_locator,
            p.provenance_note,
        )
        for p in resolution.paragraphs.in_order().select_related("parent", "text_source")
    ]


def _export_then_empty(resolution):
    return build_akn(resolution), _paragraphs(resolution.symbol)


def test_an_export_imports_back_to_the_same_structure_and_text(seeded, tmp_path):
    xml, before = _export_then_empty(seeded)
    path = tmp_path / "53-45-pol.akn.xml"
    path.write_bytes(xml)
    empty_tracker_data()
    out = StringIO()
    call_command("import_akn", str(path), "--session", "45th session", stdout=out)
    assert "Imported 53/45-POL" in out.getvalue() and "7 paragraphs" in out.getvalue()
    assert _paragraphs("53/45-POL") == before
    imported = Resolution.objects.get(symbol="53/45-POL")
    assert imported.title == seeded.title and str(imported.adopted_on) == "2018-05-05"
    # The sources the metadata cites came back with their titles and addresses.
    assert SourceDocument.objects.get(key="un-19-01473").title
    # And its export is the same document (the export's own dates aside).
    again = build_akn(imported)
    body = lambda x: etree.tostring(etree.fromstring(x).find(".//a:mainBody", NS))  # noqa: E731
    pre = lambda x: etree.tostring(etree.fromstring(x).find(".//a:preamble", NS))  # noqa: E731
    assert body(again) == body(xml) and pre(again) == pre(xml)


def test_a_compound_resolution_round_trips_with_sub_paragraphs_and_positions(empty_db, tmp_path):
    data = {**COMPOUND, "resolution": {**COMPOUND["resolution"]}}
    data["resolution"]["paragraphs"] = [dict(p) for p in COMPOUND["resolution"]["paragraphs"]]
    data["resolution"]["paragraphs"][3].update(
        text="Fictional verbatim text of 5(a)", provenance="verbatim", source="ga-record"
    )
    load_data(data, "compound.yaml")
    xml, before = _export_then_empty(Resolution.objects.get(symbol="A/RES/99/5"))
    (tmp_path / "c.xml").write_bytes(xml)
    empty_tracker_data()
    call_command(
        "import_akn",
        str(tmp_path / "c.xml"),
        "--session",
        "99th session",
        "--adopting-body",
        "United Nations General Assembly",
        stdout=StringIO(),
    )
    assert _paragraphs("A/RES/99/5") == before
    assert ("OP1", "operative", None, True) == _paragraphs("A/RES/99/5")[1][:4]


UN_STYLE = f"""<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="{AKN_NS}">
  <statement name="resolution">
    <meta>
      <identification source="#un">
        <FRBRWork>
          <FRBRthis value="/akn/un/statement/resolution/2024/99-1/!main"/>
          <FRBRuri value="/akn/un/statement/resolution/2024/99-1"/>
          <FRBRalias name="symbol" value="A/RES/99/1"/>
          <FRBRdate date="2024-01-01" name="adoption"/>
          <FRBRauthor href="#ga"/>
          <FRBRcountry value="un"/>
        </FRBRWork>
        <FRBRExpression>
          <FRBRthis value="/akn/un/statement/resolution/2024/99-1/eng@/!main"/>
          <FRBRuri value="/akn/un/statement/resolution/2024/99-1/eng@"/>
          <FRBRdate date="2024-01-01" name="adoption"/>
          <FRBRauthor href="#ga"/>
          <FRBRlanguage language="eng"/>
        </FRBRExpression>
        <FRBRManifestation>
          <FRBRthis value="/akn/un/statement/resolution/2024/99-1/eng@/!main.xml"/>
          <FRBRuri value="/akn/un/statement/resolution/2024/99-1/eng@/main.xml"/>
          <FRBRdate date="2024-01-02" name="generation"/>
          <FRBRauthor href="#un"/>
        </FRBRManifestation>
      </identification>
      <references source="#un">
        <TLCOrganization eId="ga" href="/ontology/organization/un/ga"
          showAs="A fictional Assembly"/>
        <TLCOrganization eId="un" href="/ontology/organization/un" showAs="A fictional publisher"/>
      </references>
    </meta>
    <preface><p><docNumber>A/RES/99/1</docNumber>
      <docTitle>A fictional resolution</docTitle></p></preface>
    <preamble><recitals>
      <recital eId="recital_1"><p>Recalling a fictional text,</p></recital>
    </recitals></preamble>
    <mainBody>
      <paragraph eId="para_1"><num>1.</num>
        <content><p>Decides something fictional;</p></content></paragraph>
      <paragraph eId="para_2"><num>2.</num>
        <intro><p>Requests:</p></intro>
        <subparagraph eId="para_2__subpara_a"><num>(a)</num>
          <content><p>a fictional report;</p></content></subparagraph>
      </paragraph>
    </mainBody>
  </statement>
</akomaNtoso>
"""


def test_a_document_from_another_system_imports_as_verbatim_from_its_source(empty_db, tmp_path):
    path = tmp_path / "un.xml"
    path.write_text(UN_STYLE, encoding="utf-8")
    valid(UN_STYLE.encode())
    with pytest.raises(CommandError, match=r"line \d+: the file has text: name its source"):
        call_command("import_akn", str(path), "--session", "99th", stdout=StringIO())
    assert not Resolution.objects.exists()
    call_command(
        "import_akn",
        str(path),
        "--session",
        "99th session",
        "--source",
        "undl",
        "--source-title",
        "A fictional library record",
        "--source-url",
        "https://x.test/1",
        stdout=StringIO(),
    )
    resolution = Resolution.objects.get(symbol="A/RES/99/1")
    assert resolution.adopting_body == "A fictional Assembly"
    assert str(resolution.adopted_on) == "2024-01-01" and resolution.slug == "a-res-99-1"
    rows = [
        (p.number, p.kind, p.parent.number if p.parent_id else None, p.text, p.text_provenance)
        for p in Paragraph.objects.filter(resolution=resolution).order_by("order")
    ]
    assert rows == [
        ("PP1", "preambular", None, "Recalling a fictional text,", "verbatim"),
        ("1", "operative", None, "Decides something fictional;", "verbatim"),
        ("2", "operative", None, "Requests:", "verbatim"),
        ("2(a)", "operative", "2", "a fictional report;", "verbatim"),
    ]
    assert {p.text_source.key for p in resolution.paragraphs.all()} == {"undl"}
    # Importing it again is refused: import_akn creates, it does not overwrite.
    with pytest.raises(CommandError, match="already in the tracker") as refused:
        call_command("import_akn", str(path), "--session", "99th", "--source", "undl")
    assert f"export_report {resolution.slug} --format json" in str(refused.value)
    assert "load_resolution" in str(refused.value)


@pytest.mark.parametrize(
    "content,message",
    [
        (
            b'<?xml version="1.0"?>\n<akomaNtoso>\n  <statement>\n</akomaNtoso>',
            r"line 4: not well-formed XML",
        ),
        (
            f'<?xml version="1.0"?>\n<akomaNtoso xmlns="{AKN_NS}">\n<statement name="r">\n'
            "<colour/>\n</statement>\n</akomaNtoso>".encode(),
            r"line 4: not valid Akoma Ntoso 3\.0: .*colour",
        ),
        (b"", r"not well-formed XML"),
    ],
    ids=["syntax", "schema", "empty"],
)
def test_bad_xml_is_refused_with_its_line_and_changes_nothing(seeded, tmp_path, content, message):
    path = tmp_path / "bad.xml"
    path.write_bytes(content)
    count = Paragraph.objects.count()
    with pytest.raises(CommandError, match=message):
        call_command("import_akn", str(path), "--session", "x", "--source", "un-19-01473")
    assert Paragraph.objects.count() == count


def test_a_load_error_after_validation_changes_nothing(empty_db, tmp_path):
    # Valid AKN, but a paragraph number twice: the loader refuses it, nothing is written.
    doubled = UN_STYLE.replace("<num>2.</num>", "<num>1.</num>")
    path = tmp_path / "doubled.xml"
    path.write_text(doubled, encoding="utf-8")
    with pytest.raises(CommandError, match=r"\(1\): field 'number': appears twice"):
        call_command(
            "import_akn",
            str(path),
            "--session",
            "99th",
            "--source",
            "undl",
            "--source-title",
            "A fictional record",
            "--source-url",
            "https://x.test/2",
        )
    assert not Resolution.objects.exists() and not SourceDocument.objects.exists()


def test_an_entity_cannot_read_local_files(empty_db, tmp_path):
    hostile = UN_STYLE.replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    ).replace("A fictional resolution", "&x;")
    path = tmp_path / "hostile.xml"
    path.write_text(hostile, encoding="utf-8")
    with pytest.raises(CommandError):
        call_command(
            "import_akn",
            str(path),
            "--session",
            "99th",
            "--source",
            "undl",
            "--source-title",
            "A fictional record",
        )
    assert not Resolution.objects.exists()
