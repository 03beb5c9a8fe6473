"""A resolution's structure and text from an Akoma Ntoso 3.0 file (`manage.py import_akn`), and
the check of any AKN document against the OASIS schema.

The file is read in three steps, and nothing is written unless all pass:

1. parsed as XML (no DTD, no network, no entity expansion): a syntax error names its line;
2. validated against the Akoma Ntoso 3.0 XML Schema vendored in `resolutions/schema/akn/`
   (OASIS LegalDocML, see its README): every error names its line;
3. turned into a "resolution-tracker/1" data file (identity, preamble recitals, operative
   paragraphs with their numbers and sub-paragraphs) and loaded by the ordinary loader, in one
   transaction, with its checks and messages.

Provenance: text in the document's content is the text *as this file gives it*, recorded as
verbatim from the source the import names (`--source`). A paragraph with no text is "not
available". A file this tracker exported carries each paragraph's provenance in its metadata
(resolutions/akn.py): then that provenance, source, locator, paraphrase and note are read back
as they were, so an export re-imports to the same paragraphs.
"""

from functools import cache
from pathlib import Path

from django.utils.text import slugify
from lxml import etree

from .akn import AKN_NS, PROVENANCE_NS
from .models import SourceDocument

SCHEMA_DIR = Path(__file__).resolve().parent / "schema" / "akn"
SCHEMA_FILE = SCHEMA_DIR / "akomantoso30.xsd"
_A = {"a": AKN_NS, "prov": PROVENANCE_NS}
# How the export names the adoption date; any other FRBRdate (e.g. the export's own date when the
# adoption date is not known) is not an adoption date.
_SOURCE_FIELDS = {"key", "title", "kind", "symbol", "url", "date", "publisher"}
_ADOPTION = {"adoption", "adopted", "approval", "enactment"}


class AknError(Exception):
    """The file is not a usable AKN resolution; `problems` lists (line, message)."""

    def __init__(self, file_label, problems):
        self.file_label, self.problems = file_label, problems
        lines = "; ".join(
            f"line {line}: {message}" if line else message for line, message in problems
        )
        super().__init__(f"{file_label}: {lines}")


def _parser():
    # No DTD, no entities, no network: a hostile file cannot read local files or call out.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@cache
def akn_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_FILE), _parser()))


def parse(content: bytes, file_label: str) -> etree._Element:
    try:
        root = etree.fromstring(content, _parser())
    except etree.XMLSyntaxError as exc:
        raise AknError(file_label, [(exc.lineno, f"not well-formed XML: {exc.msg}")]) from None
    if root.getroottree().docinfo.doctype:
        # Akoma Ntoso has no DTD; a DOCTYPE could only declare entities.
        raise AknError(file_label, [(1, "a DOCTYPE is not allowed in an Akoma Ntoso file")])
    return root


def schema_errors(root: etree._Element) -> list[tuple[int, str]]:
    """(line, message) of every way the document breaks the Akoma Ntoso 3.0 schema."""
    schema = akn_schema()
    if schema.validate(root):
        return []
    return [(e.line, e.message) for e in schema.error_log]


def _text(element) -> str:
    """The element's text, whitespace folded (AKN inlines such as <ref> keep their words)."""
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())


def _number(num: str, parent: str | None) -> str:
    """'1.' -> '1'; '(a)' under 5 -> '5(a)'; numbers already whole ('5(a)', 'OP2') unchanged."""
    number = num.strip().rstrip(".").strip()
    if parent and number.startswith("("):
        return f"{parent}{number}"
    return number


def to_data(root: etree._Element, file_label: str, *, source: dict | None, **identity) -> dict:
    """The document as a "resolution-tracker/1" data file. `source` ({key, title, url}) is the
    source of the text the content gives; `identity` fills what AKN does not say (adopting_body,
    session, body), and is overridden by nothing in the file."""
    problems: list[tuple[int | None, str]] = []
    statement = root[0] if len(root) else None
    if statement is None or statement.tag not in {f"{{{AKN_NS}}}statement", f"{{{AKN_NS}}}doc"}:
        raise AknError(
            file_label,
            [(getattr(statement, "sourceline", None), "a resolution is a <statement> or <doc>")],
        )
    work = statement.find("a:meta/a:identification/a:FRBRWork", _A)
    aliases = {a.get("name"): a.get("value") for a in work.findall("a:FRBRalias", _A)}
    symbol = aliases.get("symbol") or work.find("a:FRBRnumber", _A).get("value", "")
    preface = statement.find("a:preface", _A)
    title = _text(preface.find(".//a:docTitle", _A)) if preface is not None else ""
    symbol = symbol or (_text(preface.find(".//a:docNumber", _A)) if preface is not None else "")
    if not symbol:
        problems.append((work.sourceline, "no symbol: FRBRalias name='symbol' or FRBRnumber"))
    if not title:
        problems.append((getattr(preface, "sourceline", None), "no <docTitle> in the preface"))
    work_date = work.find("a:FRBRdate", _A)
    adopted_on = work_date.get("date") if work_date.get("name") in _ADOPTION else None
    session = identity.get("session") or (
        _text(preface.find(".//a:session", _A)) if preface is not None else ""
    )
    author = work.find("a:FRBRauthor", _A).get("href", "").lstrip("#")
    organisations = {
        o.get("eId"): o.get("showAs") for o in statement.findall(".//a:TLCOrganization", _A)
    }
    adopting_body = identity.get("adopting_body") or organisations.get(author, "")
    for field, value in (("session", session), ("adopting body", adopting_body)):
        if not value:
            problems.append((None, f"the file does not give the {field}: pass it as an option"))
    if problems:
        raise AknError(file_label, problems)

    # Sources: the ones the metadata cites (an export of this tracker), then the import's own.
    sources = {}
    for ref in statement.findall(".//a:TLCReference[@name='source']", _A):
        key = ref.get("eId", "").removeprefix("src-")
        href = ref.get("href", "")
        sources[key] = {
            "key": key,
            "title": ref.get("showAs"),
            "url": href if href.startswith(("http://", "https://")) else None,
        }
    for declared in statement.findall(".//prov:provenance/prov:source", _A):
        sources[declared.get("key")] = {
            k: v for k, v in declared.attrib.items() if v and k in _SOURCE_FIELDS
        }
    if source and source.get("title"):
        sources.setdefault(source["key"], source)
    # A source already in the tracker is cited, not declared again (declaring would overwrite
    # its other fields with the little an AKN reference says).
    known = set(SourceDocument.objects.filter(key__in=sources).values_list("key", flat=True))
    provenance = {
        p.get("number"): p for p in statement.findall(".//prov:provenance/prov:paragraph", _A)
    }

    paragraphs: list[dict] = []
    position = {"preambular": 0, "operative": 0}

    def paragraph(element, kind, parent=None):
        number = _number(element.findtext("a:num", "", _A), parent)
        if parent is None:
            position[kind] += 1
        if not number:
            if parent is not None:
                raise AknError(file_label, [(element.sourceline, "a sub-paragraph has no <num>")])
            # Not numbered as printed (recitals seldom are): numbered by position, PP1, OP1…
            number = f"{'PP' if kind == 'preambular' else 'OP'}{position[kind]}"
        body = element.find("a:content", _A)
        if body is None:
            body = element.find("a:intro", _A)
        if body is None and kind == "preambular":
            body = element
        text = " ".join(_text(p) for p in body.findall("a:p", _A)) if body is not None else ""
        record = {"number": number, "kind": kind}
        if parent:
            record["parent"] = parent
        prov = provenance.get(number)
        if prov is not None:
            record["positional"] = prov.get("positional") == "true"
            record["provenance"] = prov.get("provenance")
            key = prov.get("source", "").removeprefix("#src-")
            if key:
                record["source"] = key
            if prov.get("locator"):
                record["locator"] = prov.get("locator")
            paraphrase = prov.findtext("prov:text", None, _A)
            record["text"] = paraphrase if paraphrase is not None else text
            if prov.findtext("prov:note", None, _A):
                record["provenance_note"] = prov.findtext("prov:note", None, _A)
        elif text:
            if not source:
                raise AknError(
                    file_label,
                    [(element.sourceline, "the file has text: name its source (--source)")],
                )
            record.update(text=text, provenance="verbatim", source=source["key"])
        paragraphs.append(record)
        for sub in element.findall("a:subparagraph", _A):
            paragraph(sub, kind, number)

    for recital in statement.findall("a:preamble/a:recitals/a:recital", _A):
        paragraph(recital, "preambular")
    for item in statement.findall("a:mainBody/a:paragraph", _A):
        paragraph(item, "operative")

    resolution = {
        "symbol": symbol,
        "slug": slugify(symbol.replace("/", "-")),
        "title": title,
        "adopting_body": adopting_body,
        "session": session,
        "adopted_on": adopted_on,
        "document_symbol": aliases.get("documentSymbol"),
        "draft_symbol": aliases.get("draftSymbol"),
        "paragraphs": paragraphs,
    }
    if identity.get("body"):
        resolution["body"] = identity["body"]
    if source:
        resolution["sources"] = [source["key"]]
    if resolution["document_symbol"] or resolution["draft_symbol"]:
        resolution["identity_source"] = source["key"] if source else None
    return {
        "format": "resolution-tracker/1",
        "sources": [s for key, s in sources.items() if key not in known],
        "resolution": {k: v for k, v in resolution.items() if v not in (None, "")},
    }


def read(content: bytes, file_label: str, *, source=None, **identity) -> dict:
    """Parse, validate against the schema, and turn into a data file; AknError otherwise."""
    root = parse(content, file_label)
    errors = schema_errors(root)
    if errors:
        raise AknError(
            file_label, [(line, f"not valid Akoma Ntoso 3.0: {m}") for line, m in errors]
        )
    return to_data(root, file_label, source=source, **identity)
