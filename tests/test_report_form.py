"""The progress report in the form secretariats send: A4 portrait, an introduction, generated
conclusions, evidence as numbered references to one source list that lists every cited source,
quotes never cut inside a sentence."""

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from exports.report import build_report

URL = "/{lang}/resolutions/53-45-pol/report.pdf?as_of=2018-11-29"


@pytest.fixture(scope="module")
def report_pdf():
    """report_pdf(client, lang): the bytes of URL in that language, rendered by the first test
    that asks and kept for the module. The tests here only read them, and every test starts
    from the same seeded data, so a second rendering would give the same report."""
    rendered = {}

    def get(client, lang):
        if lang not in rendered:
            response = client.get(URL.format(lang=lang))
            assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
            rendered[lang] = response.content
        return rendered[lang]

    return get


def text_of(content: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(content))
    return reader, re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


def test_the_report_is_a4_portrait_with_introduction_and_conclusions(client, seeded, report_pdf):
    reader, text = text_of(report_pdf(client, "en"))
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    assert "This report sets out the implementation of resolution 53/45-POL" in text
    assert "Conclusions drawn from the data" in text
    assert "Overdue: none." in text
    # The evidence quote is whole: "remain to be implemented" is not cut.
    assert "remain to be implemented" in text


def test_evidence_refers_to_the_numbered_list_that_holds_every_cited_source(seeded):
    report = build_report(seeded, date(2018, 11, 29))
    keys = [s["key"] for s in report["sources"]]
    refs = {n for a in report["actions"] for e in a["evidence"] for n in e["refs"]}
    assert refs and refs <= set(range(1, len(keys) + 1))
    un = keys.index("un-19-01473") + 1
    network = next(a for a in report["actions"] if a["key"] == "network")
    assert un in network["evidence"][0]["refs"]
    # The French title's source is listed too.
    assert "sesric-fr-2272" in keys
    groups = {g["status"]: g["titles"] for g in report["conclusions"]["by_status"]}
    assert sum(len(t) for t in groups.values()) == len(report["actions"])


def test_conclusions_in_french_and_arabic(client, seeded):
    _reader, fr = text_of(client.get(URL.format(lang="fr")).content)
    assert "Conclusions tirées des données" in fr
    assert client.get(URL.format(lang="ar")).status_code == 200


def test_every_status_has_its_colour_in_the_pdf_legend_and_the_brief(seeded):
    """The legend squares of the derived statuses ("not yet due", "no occurrence recorded")
    are coloured too, in the web pages' colours."""
    from exports.brief import build_brief, render_brief_html
    from exports.formats import render_report_html
    from resolutions.charts import STATUS_COLOURS
    from resolutions.status import Status

    day = date(2018, 11, 29)
    report_html = render_report_html(build_report(seeded, day))
    brief_html = render_brief_html(build_brief(seeded, day), pdf=True)
    for status in Status:
        rule = f".status--{status.value} {{ background: {STATUS_COLOURS[status]};"
        assert rule in report_html and rule in brief_html, status


def pages_text(content: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(content))
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


def test_a_cover_page_then_prose_paragraph_by_paragraph_then_the_annex(client, seeded, report_pdf):
    pages = pages_text(report_pdf(client, "en"))
    cover = pages[0]
    # The cover holds the resolution's identity and the as-of date, and nothing else.
    assert "53/45-POL" in cover and "Strengthening the Mediation Capacity of the OIC" in cover
    assert "Status as of 29 November 2018" in cover and "5 of 7 actions assessed" in cover
    assert "http://testserver/en/resolutions/53-45-pol/report.pdf?as_of=2018-11-29" in cover
    assert "1. Introduction" not in cover and "Page 1 of" not in cover
    assert pages[1].count("1. Introduction") == 1
    body = " ".join(pages)
    # Prose: each paragraph under its own heading, its actions with status, last status
    # change and last review, the evidence as numbered references with the whole quote.
    assert "Paragraph 7 — Form a Network of OIC Mediators, Special Envoys and Experts" in body
    assert "Last status change: 29 November 2018 (reported)." in body
    assert "Never reviewed." in body
    assert re.search(r"\[\d+\], Annex, concluding remarks: “two steps in particular", body)
    assert "remain to be implemented”" in body
    # The annex starts on a page of its own and keeps the tables.
    annex = next(i for i, text in enumerate(pages) if "Annex: the same information" in text)
    assert pages[annex].lstrip().startswith("Annex: the same information in tables")
    assert "TEXT AND PROVENANCE" in pages[annex]


def test_the_annex_figures_and_occurrences_cite_numbered_sources(seeded):
    from exports.formats import render_report_html

    report = build_report(seeded, date(2018, 11, 29))
    numbers = {s["key"]: n for n, s in enumerate(report["sources"], start=1)}
    figure = next(f for f in report["figures"] if "Contact Group" in f["label"])
    assert figure["source_ref"] == numbers[figure["source_key"]]
    html = render_report_html(report)
    figures = html.split("Sourced figures")[-1]
    assert f"[{figure['source_ref']}]" in figures
    # A full citation is printed once, in the numbered list, not in the figures table.
    assert figure["source"] not in figures
    assert all(o["refs"] for o in report["occurrences"])
