"""Mixed direction done with markup, never with control characters (issue #13, item 4).

No U+2066–U+2069 (isolates) or U+200E/U+200F (marks) in any page or export of 53/45-POL; symbols
and job numbers read in their own order inside Arabic text, on the page and in the Arabic PDF's
extracted text; verbatim text keeps its characters (only markup is added)."""

import io
import re
import subprocess

import pytest
from django.utils.html import escape, strip_tags

from resolutions.bidi import direction, mark_runs
from resolutions.models import Action
from tests.test_i18n import AS_OF, _get, _pages, _report

CONTROLS = re.compile("[\u2066-\u2069\u200e\u200f]")
# pdftotext brackets right-to-left lines with its own embeddings (U+202A–U+202E): not ours.
PDFTOTEXT_OWN = re.compile("[\u202a-\u202e]")


def _pdf_text(content: bytes) -> str:
    result = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True)
    assert result.returncode == 0
    return PDFTOTEXT_OWN.sub("", result.stdout.decode("utf-8"))


@pytest.fixture(scope="module")
def arabic_report_text():
    """arabic_report_text(seeded): the Arabic report PDF's text (pdftotext), rendered by the
    first test that asks and kept for the module: two tests read the same report, rendered
    from the same seeded data."""
    kept = []

    def get(seeded):
        if not kept:
            kept.append(_pdf_text(_report(seeded, "pdf", "ar").content))
        return kept[0]

    return get


@pytest.mark.parametrize("language", ("en", "fr", "ar"))
def test_no_direction_controls_in_any_page(seeded, language):
    pages = dict(_pages(seeded))
    pages["brief"] = f"/resolutions/{seeded.slug}/brief/"
    pages["changes"] = f"/resolutions/{seeded.slug}/changes/"
    pages["para_pp3"] = f"/resolutions/{seeded.slug}/paragraphs/PP3/"
    for action in Action.objects.all():
        pages[f"action {action.key}"] = f"/actions/{action.pk}/"
    for name, path in pages.items():
        for query in ("", "?as_of=2023-06-05"):
            response = _get(path + query, language)
            assert response.status_code == 200, (name, query)
            found = CONTROLS.findall(response.content.decode())
            assert not found, (name, language, query, [hex(ord(c)) for c in found])


@pytest.mark.parametrize("language", ("en", "fr", "ar"))
def test_no_direction_controls_in_any_export(seeded, language, arabic_report_text):
    from openpyxl import load_workbook

    for fmt in ("csv", "json"):
        text = _report(seeded, fmt, language).content.decode("utf-8-sig")
        assert not CONTROLS.search(text), fmt
    book = load_workbook(io.BytesIO(_report(seeded, "xlsx", language).content))
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                assert not CONTROLS.search(str(value or "")), (sheet.title, value)
    for path in (
        f"/resolutions/{seeded.slug}/report.pdf?as_of={AS_OF}",
        f"/resolutions/{seeded.slug}/brief.pdf?as_of={AS_OF}",
    ):
        if language == "ar" and "/report.pdf" in path:
            text = arabic_report_text(seeded)  # the same request as _report(…, "pdf", "ar")
        else:
            text = _pdf_text(_get(path, language).content)
        assert not CONTROLS.search(text), path


def test_symbols_read_in_their_own_order_in_the_arabic_pdf(seeded, arabic_report_text):
    text = arabic_report_text(seeded)
    # The intro sentence, the running header and the title: never "POL-53/45".
    assert "POL-53/45" not in text
    assert text.count("53/45-POL") >= 3
    # PP3's verbatim Arabic text keeps its symbols as the source stores them (283/65/A), not
    # turned around by the page's direction into "A/283/65".
    assert "283/65/A" in text and "A/70/304" in text
    assert "A/283/65" not in text and "A/291/66" not in text


def test_symbols_are_isolated_on_arabic_pages(seeded):
    page = _get(f"/resolutions/{seeded.slug}/", "ar").content.decode()
    for symbol in ("283/65/A", "291/66/A", "303/68/A", "A/70/304"):
        assert f'<bdi dir="ltr">{symbol}</bdi>' in page, symbol
    assert '<bdi dir="ltr">53/45-POL</bdi>' in page
    dashboard = _get("/", "ar").content.decode()
    assert '<bdi dir="ltr">53/45-POL</bdi>' in dashboard


def test_mark_runs_adds_markup_only():
    samples = [
        "وإذ يؤكد مجددا قرارات الجمعية العامة أرقام: 283/65/A و291/66/A وA/70/304 بشأن",
        "القرار الرقم 53/45-س بشأن تعزيز (Arabic text, incomplete) <b>&",
        "رسالة 19-01473 في 53/45-POL.",
        "Reaffirming A/65/283 & <x>",
        "",
    ]
    for text in samples:
        assert strip_tags(mark_runs(text)) == escape(text)
    marked = mark_runs(samples[0])
    assert '<bdi dir="ltr">283/65/A</bdi>' in marked and '<bdi dir="ltr">A/70/304</bdi>' in marked
    # An Arabic symbol (53/45-س) is left whole; the English note is isolated.
    marked = mark_runs(samples[1])
    assert "53/45-س" in marked and '<bdi dir="ltr">(Arabic text, incomplete)</bdi>' in marked
    assert '<bdi dir="ltr">19-01473</bdi>' in mark_runs(samples[2])
    # Left-to-right text needs no markup.
    assert mark_runs(samples[3]) == escape(samples[3])
    assert direction("  53/45-POL") == "ltr" and direction("القرار 53/45-POL") == "rtl"
