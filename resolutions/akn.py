"""A resolution as Akoma Ntoso 3.0 XML (OASIS LegalDocML; the AKN4UN usage: a resolution is a
`<statement name="resolution">` with a preface, a preamble of recitals and a main body of
numbered paragraphs).

Only **verbatim** text goes into the document's content: a paraphrase (a report's description of
a paragraph, an unofficial translation) is never presented as resolution text, so such a
paragraph has an empty `<p/>` and its paraphrase travels in the metadata with its provenance
(`<proprietary>`, namespace PROVENANCE_NS: provenance, source, locator, note, and the text
itself). Sub-paragraphs (5(a) under 5) nest as `<subparagraph>` inside their parent, whose own
text becomes its `<intro>`. Facts no source states (adoption date, symbols) are left out rather
than filled in; when no adoption date is known, the work's FRBRdate is the export date, named so.
"""

from django.utils import timezone
from lxml import etree

from .models import Paragraph, Resolution
from .models.provenance import Provenance

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
PROVENANCE_NS = "urn:resolution-tracker:provenance"
_A = f"{{{AKN_NS}}}"
_P = f"{{{PROVENANCE_NS}}}"


def _el(parent, tag, text=None, **attrs):
    element = etree.SubElement(parent, _A + tag, {k.rstrip("_"): str(v) for k, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


def _eid(paragraph: Paragraph) -> str:
    """An eId from the number: 5(a) -> para_5a, OP2 -> para_op2, PP2 -> recital_pp2."""
    clean = "".join(ch for ch in paragraph.number.lower() if ch.isalnum())
    return ("recital_" if paragraph.kind == "preambular" else "para_") + clean


def _text(parent, paragraph: Paragraph):
    """The paragraph's content: its text only when verbatim, else an empty paragraph."""
    p = _el(parent, "p")
    if paragraph.text_provenance == Provenance.VERBATIM:
        p.text = paragraph.text
    return p


def build_akn(resolution: Resolution) -> bytes:
    paragraphs = list(resolution.paragraphs.in_order().select_related("text_source"))
    body = resolution.body
    author = body.key if body else "unknown-body"
    work_date = resolution.adopted_on
    today = timezone.localdate()
    number = resolution.symbol
    work_uri = f"/akn/{author}/statement/resolution/{resolution.slug}"
    expression_uri = f"{work_uri}/eng@"

    root = etree.Element(_A + "akomaNtoso", nsmap={None: AKN_NS, "prov": PROVENANCE_NS})
    statement = _el(root, "statement", name="resolution")
    meta = _el(statement, "meta")
    identification = _el(meta, "identification", source="#tracker")

    work = _el(identification, "FRBRWork")
    _el(work, "FRBRthis", value=f"{work_uri}/!main")
    _el(work, "FRBRuri", value=work_uri)
    _el(work, "FRBRalias", name="symbol", value=number)
    for alias, name in (
        (resolution.document_symbol, "documentSymbol"),
        (resolution.draft_symbol, "draftSymbol"),
    ):
        if alias:
            _el(work, "FRBRalias", name=name, value=alias)
    _el(
        work,
        "FRBRdate",
        date=(work_date or today).isoformat(),
        name="adoption" if work_date else "exportedOn-adoptionDateNotKnown",
    )
    _el(work, "FRBRauthor", href=f"#{author}", as_="#author")
    _el(work, "FRBRcountry", value=author)
    _el(work, "FRBRnumber", value=number)
    _el(work, "FRBRname", value="resolution")

    expression = _el(identification, "FRBRExpression")
    _el(expression, "FRBRthis", value=f"{expression_uri}/!main")
    _el(expression, "FRBRuri", value=expression_uri)
    _el(expression, "FRBRdate", date=(work_date or today).isoformat(), name="expression")
    _el(expression, "FRBRauthor", href=f"#{author}", as_="#author")
    _el(expression, "FRBRlanguage", language="eng")

    manifestation = _el(identification, "FRBRManifestation")
    _el(manifestation, "FRBRthis", value=f"{expression_uri}/!main.xml")
    _el(manifestation, "FRBRuri", value=f"{expression_uri}/main.xml")
    _el(manifestation, "FRBRdate", date=today.isoformat(), name="generation")
    _el(manifestation, "FRBRauthor", href="#tracker", as_="#publisher")

    references = _el(meta, "references", source="#tracker")
    _el(
        references,
        "TLCOrganization",
        eId="tracker",
        href="/ontology/organization/resolution-tracker",
        showAs="Resolution implementation tracker",
    )
    _el(
        references,
        "TLCOrganization",
        eId=author,
        href=f"/ontology/organization/{author}",
        showAs=body.name if body else resolution.adopting_body,
    )
    cited = {p.text_source for p in paragraphs if p.text_source_id}
    for source in sorted(cited, key=lambda s: s.key):
        _el(
            references,
            "TLCReference",
            eId=f"src-{source.key}",
            href=source.url or f"/ontology/source/{source.key}",
            showAs=source.title,
            name="source",
        )
    for link in resolution.links_out.all():
        _el(
            references,
            "TLCReference",
            eId=f"ref-{link.kind}-{link.pk}",
            href=f"/akn/resolution/{link.target_symbol}",
            showAs=f"{link.get_kind_display()} {link.target_symbol}",
            name=link.kind,
        )

    # Provenance of every paragraph, including the text that is not resolution text.
    proprietary = _el(meta, "proprietary", source="#tracker")
    provenance = etree.SubElement(proprietary, _P + "provenance")
    # The cited sources as the tracker records them, so a re-import declares them whole.
    for source in sorted(cited, key=lambda s: s.key):
        etree.SubElement(
            provenance,
            _P + "source",
            {
                "key": source.key,
                "title": source.title,
                "kind": source.kind,
                "symbol": source.symbol,
                "url": source.url,
                "date": source.date.isoformat() if source.date else "",
                "publisher": source.publisher,
            },
        )
    for paragraph in paragraphs:
        entry = etree.SubElement(
            provenance,
            _P + "paragraph",
            {
                "href": f"#{_eid(paragraph)}",
                "number": paragraph.number,
                "positional": "true" if paragraph.number_is_positional else "false",
                "provenance": paragraph.text_provenance,
                "source": f"#src-{paragraph.text_source.key}" if paragraph.text_source_id else "",
                "locator": paragraph.text_source_locator,
            },
        )
        if paragraph.text and paragraph.text_provenance != Provenance.VERBATIM:
            etree.SubElement(entry, _P + "text").text = paragraph.text
        if paragraph.provenance_note:
            etree.SubElement(entry, _P + "note").text = paragraph.provenance_note

    preface = _el(statement, "preface")
    line = _el(preface, "p")
    _el(line, "docNumber", number)
    _el(line, "docTitle", resolution.title)

    preambular = [p for p in paragraphs if p.kind == "preambular"]
    if preambular:
        recitals = _el(_el(statement, "preamble"), "recitals")
        for paragraph in preambular:
            recital = _el(recitals, "recital", eId=_eid(paragraph))
            _el(recital, "num", paragraph.number)
            _text(recital, paragraph)

    main = _el(statement, "mainBody")
    children: dict[int | None, list[Paragraph]] = {}
    for paragraph in paragraphs:
        if paragraph.kind == "operative":
            children.setdefault(paragraph.parent_id, []).append(paragraph)

    def add(parent_element, paragraph, tag):
        element = _el(parent_element, tag, eId=_eid(paragraph))
        _el(element, "num", paragraph.number)
        subs = children.get(paragraph.pk, [])
        if subs:
            _text(_el(element, "intro"), paragraph)
            for sub in subs:
                add(element, sub, "subparagraph")
        else:
            _text(_el(element, "content"), paragraph)

    for paragraph in children.get(None, []):
        add(main, paragraph, "paragraph")
    if not children.get(None):
        _el(main, "p")  # mainBody may not be empty: no operative paragraph is recorded

    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
