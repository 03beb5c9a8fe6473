"""#11 rule 3 in the reports: where actions are assessed as under way but no source gives a figure,
the report and the brief say "no sourced figure" beside the figure, in every language, so a 0 %
never reads as "nothing done".

On 29 Nov 2018 paragraphs 7 and 8 of 53/45-POL each have one action "in progress" with no
recorded figure (0.0 %), and the headline (28.6 %) counts two such actions."""

import io
import re
import subprocess

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.django_db
AS_OF = {"as_of": "2018-11-29"}
# The report's words in each language (locale/*/LC_MESSAGES/django.po).
WORDS = {
    "en": {
        "para": "Progress of this paragraph: 0.0%. (1 in progress — no sourced figure)",
        "headline": "28.6% (2 in progress — no sourced figure)",
        "action": "In progress (credit 0% — no sourced figure)",
        "brief": "(2 in progress — no sourced figure)",
        "line": "0.0%no sourced figure",
    },
    "fr": {
        "para": "Avancement de ce paragraphe : 0,0 %. (1 en cours — aucun chiffre sourcé)",
        "headline": "28,6% (2 en cours — aucun chiffre sourcé)",
        "action": "En cours (crédit 0 % — aucun chiffre sourcé)",
        "brief": "(2 en cours — aucun chiffre sourcé)",
        "line": "0,0%aucun chiffre sourcé",
    },
}
ARABIC_NOTE = "لا يوجد رقم موثَّق المصدر"


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_text(content: bytes) -> str:
    return flat(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(content)).pages))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_report_pdf_says_no_sourced_figure_beside_each_zero(client, seeded, lang):
    response = client.get(f"/{lang}/resolutions/53-45-pol/report.pdf", AS_OF)
    text = pdf_text(response.content)
    words = WORDS[lang]
    # Paragraphs 7 and 8 (section 3), each with its action in progress.
    assert text.count(words["para"]) == 2, text
    assert text.count(words["action"]) == 2
    assert words["headline"] in text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_brief_says_no_sourced_figure_beside_each_zero(client, seeded, lang):
    response = client.get(f"/{lang}/resolutions/53-45-pol/brief.pdf", AS_OF)
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1  # still one A4 page
    text = flat(reader.pages[0].extract_text())
    assert WORDS[lang]["brief"] in text
    assert text.replace(" ", "").count(WORDS[lang]["line"].replace(" ", "")) == 2


def arabic_letters(content: bytes) -> str:
    """The PDF's text by pdftotext, letters only: it adds embedding controls and may move vowel
    marks (and breaks right-to-left lines in its own order, so only presence is compared)."""
    out = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True)
    return IGNORED.sub("", out.stdout.decode("utf-8", "replace"))


IGNORED = re.compile(r"[\s\u202a-\u202e\u2066-\u2069\u064b-\u0652]")


def test_the_arabic_report_says_no_sourced_figure_beside_paragraph_8(client, seeded):
    from datetime import date

    from django.utils import translation

    from exports.formats import render_report_html
    from exports.report import build_report

    with translation.override("ar"):
        html = render_report_html(build_report(seeded, date(2018, 11, 29)))
    blocks = html.split('<div class="para-block">')
    [para_8] = [b for b in blocks if re.search(r"<h3>[^<]*8", b)]
    assert "0,0%" in para_8 or "0.0%" in para_8
    assert f"(1 قيد التنفيذ — {ARABIC_NOTE})" in para_8  # beside the paragraph's figure
    assert f"— {ARABIC_NOTE})" in para_8.split("para-block")[0]  # and its action's credit
    # Headline (cover, section 2), paragraphs 7 and 8 and their actions, the annex's cells.
    assert html.count(ARABIC_NOTE) == 10
    # The PDF made from it prints the note (pdftotext's right-to-left lines come out in
    # pieces, so the page images were also looked at: paragraph 8 reads
    # "التقدم في هذه الفقرة: 0,0%. (1 قيد التنفيذ — لا يوجد رقم موثَّق المصدر)").
    response = client.get("/ar/resolutions/53-45-pol/report.pdf", AS_OF)
    assert arabic_letters(response.content).count(IGNORED.sub("", ARABIC_NOTE)) >= 2


def test_the_arabic_brief_stays_one_page_with_the_note(client, seeded):
    response = client.get("/ar/resolutions/53-45-pol/brief.pdf", AS_OF)
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 1
    assert IGNORED.sub("", ARABIC_NOTE) in arabic_letters(response.content)


def test_nothing_is_said_where_every_figure_is_sourced_or_nothing_is_under_way(client, seeded):
    # On 1 Jun 2018 nothing is assessed: no percentage, so no note either.
    response = client.get("/en/resolutions/53-45-pol/report.pdf", {"as_of": "2018-06-01"})
    text = pdf_text(response.content)
    assert "no sourced figure" not in text
