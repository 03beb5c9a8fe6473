"""The substance in Arabic and French in the files people take away (issue #13, item 1 and the
first "Done when"): the report and brief PDFs, the workbook and the CSV of 53/45-POL in /ar/ and
/fr/ carry no English content string, by the same rule as the pages' walk
(tests/test_i18n_content.py).

What counts as content, per format:
- PDF (text extracted by pdftotext): every word printed, running header and footer aside. A
  verbatim quote is the source's own words, so it is printed in its language, and it is allowed
  only with the project's unofficial translation beside it, as on the pages; the English title of
  the resolution is printed as the labelled original beside the translated title; source titles
  and publishers are the sources' own names.
- XLSX: every cell value a reader sees, on every sheet. The header row is translated.
- CSV: every cell value; its header row is the column identifiers the open-data package
  (exports/schema/datapackage.json) documents, the same in every language, and each cell parses
  as its declared type (tests/test_computed_state.py), so coded values ("in_progress",
  True/False), ISO dates, symbols and URLs are data, not English.
Identifiers, symbols and URLs are allowed everywhere. Dates written as text are in the reader's
language (item 3); dates stored as date cells carry a number format instead.
"""

import csv
import io
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from django.utils.translation import gettext as _

from resolutions.dates import format_day
from resolutions.models import SourceDocument
from resolutions.translations import translated
from tests.test_i18n import _get
from tests.test_i18n_bidi import _pdf_text
from tests.test_i18n_content import LABEL, _originals

AS_OF = "2026-12-07"  # every published update and occurrence of the seed is before it
# Printed in their source's words on purpose, each with its unofficial translation beside it.
VERBATIM = {
    ("evidence", "quote"),
    ("action", "responsible_quote"),
    ("sourcedfigure", "quote"),
    ("memberstaterole", "quote"),
}
ENGLISH_DATE = re.compile(
    r"\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}"
    r"|\b(January|February|March|April|June|July|August|September|October|November|December)"
    r" \d{1,2}, \d{4}"
)
ISO_DATE = re.compile(r"(?<!as_of=)(?<![\w-])\d{4}-\d{2}-\d{2}\b")  # not a permalink's date
URL = re.compile(r"https?://\S+")


def _squash(text):
    return " ".join(str(text).split())


# pdftotext may print a quotation mark of an English quote inside an Arabic line a word away
# from where it is: quotation marks are left out of the PDF's text and of the quotes.
QUOTATION_MARKS = str.maketrans("", "", '“”"')


def _unquoted(text):
    return _squash(str(text).translate(QUOTATION_MARKS))


# pdftotext gives an Arabic line's combining marks (shadda, tanween) as separate pieces, and may
# break a word at one: a translation is looked for without marks and spaces.
MARKS = re.compile("[\u064b-\u0652\u0670\\s]")


def _loose(text):
    return MARKS.sub("", str(text))


def _content(seeded, language):
    """(English originals that must not be printed, verbatim quotes with their translation)."""
    english, verbatim = set(), {}
    for record, field, text in _originals(seeded):
        shown = translated(record, field, language).text
        if shown.strip() == text.strip() or text.isupper():
            continue  # a name written alike ("Istanbul"), an acronym: as the pages' walk
        if (record._meta.model_name, field) in VERBATIM:
            verbatim[_unquoted(text)] = _squash(shown)
        elif not (record._meta.model_name == "resolution" and field == "title"):
            english.add(_unquoted(text))
    return english, verbatim


# #13 item 1: under an unofficial translation the report prints the text it was made from,
# labelled (exports/templatetags/report_text.original_of).
ORIGINAL_LABEL = {"fr": "Original (anglais) :", "ar": "النص الأصلي (الإنجليزية):"}


def _labelled_originals(seeded, language):
    """{original: its translation} for every field the report may print with its original
    under the translation: those whose translation the project made."""
    from resolutions.models.translations import TranslationProvenance

    labelled = {}
    for record, field, text in _originals(seeded):
        if (record._meta.model_name, field) in VERBATIM:
            continue  # printed in its source's words, the translation after it
        shown = translated(record, field, language)
        t = shown.translation
        if t is not None and t.provenance == TranslationProvenance.TRANSLATION:
            labelled[_unquoted(text)] = _squash(shown.text)
    return labelled


def _without_labelled_originals(text, full, seeded, language):
    """The report's text without the labelled originals (an original printed anywhere else,
    unlabelled, is left for the English check). In French (pdftotext reads the lines in order)
    each labelled original must come after its translation (a hyphen at a line's end may be
    lost: "co-chaired" comes out "cochaired"). In Arabic pdftotext gives an English run inside
    an Arabic line in pieces, so an original found is taken out and the label must be printed;
    tests/test_i18n_originals.py checks the Arabic report's HTML: every original under its
    translation, labelled, none elsewhere."""
    label = ORIGINAL_LABEL[language]
    found = False
    for original, its_translation in sorted(
        _labelled_originals(seeded, language).items(), key=lambda o: len(o[0]), reverse=True
    ):
        if language == "fr":
            words = [re.escape(w).replace("\\-", "-?") for w in original.split()]
            # Under one label, a line's parts may follow one another: "adopting body, session".
            labelled = re.compile(re.escape(label) + r" ((?:[^:]{0,200}?, )?)" + " ".join(words))
            match = labelled.search(text)
            if match:
                before = text[: match.start()]
                # In a table, pdftotext reads across the columns: the translation's words are
                # then the cell's lines, interleaved with its neighbours'.
                assert _found(its_translation, before) or _in_a_cell(its_translation, before), (
                    original[:60]
                )
            keep = lambda m: f"{label} {m[1]}"  # noqa: E731
            text, full = labelled.sub(keep, text), labelled.sub(keep, full)
        else:
            if original in text:
                found = True
                text, full = text.replace(original, ""), full.replace(original, "")
            # An original's own dates ("held on 29 November 2018"), wherever pdftotext put them.
            for day in ENGLISH_DATE.finditer(original):
                if day.group(0) in text:
                    found = True
                    text = text.replace(day.group(0), "")
    if found:
        assert "النص الأصلي" in full
    return text, full


def _in_a_cell(translation, before):
    """Every word of the translation, in order, in the 600 characters before its original."""
    position, window = 0, before[-600:].replace("-", "")  # (a hyphen at a line's end is lost)
    for word in _squash(translation).replace("-", "").split():
        position = window.find(word, position)
        if position < 0:
            return False
        position += len(word)
    return True


def _source_names():
    names = set()
    for title, publisher in SourceDocument.objects.values_list("title", "publisher"):
        names |= {_squash(title), _squash(publisher)} - {""}
    return sorted(names, key=len, reverse=True)


def _without_sources(text):
    for name in _source_names():
        # pdftotext gives the brackets of an English title inside an Arabic line mirrored.
        text = text.replace(name, "").replace(name.translate(MIRRORED), "")
    return text


MIRRORED = str.maketrans("()", ")(")


def _pdf_body(content, language=None):
    """The PDF's words in reading order, running header and footer removed: the lines at the
    top and bottom of most pages (they would split a paragraph that runs on to the next page)."""
    pages = [
        [line.strip() for line in page.splitlines() if line.strip()]
        for page in _pdf_text(content).split("\f")
    ]
    pages = [p for p in pages if p]
    edges = [set(p[:3] + p[-3:]) for p in pages]
    running = {
        line
        for lines in edges
        for line in lines
        if len(pages) > 1 and sum(line in e for e in edges) * 2 >= len(pages)
    }
    page_number = re.compile(r"^(Page \d+|الصفحة \d+)")
    kept = []
    for p in pages:
        for i, line in enumerate(p):
            edge = i < 3 or i >= len(p) - 3
            if edge and (line in running or page_number.match(line)):
                continue
            kept.append(line)
    if language:
        kept = _without_source_list(kept, language)
    return _unquoted(" ".join(kept))


def _without_source_list(lines, language):
    """The report's section 6 is its list of sources (titles, symbols, publishers, addresses):
    the sources' own names. pdftotext interleaves the pieces of an English title wrapped inside
    an Arabic list item, so the section is left out of the English check as a whole (its dates
    are checked with the rest)."""
    from django.utils import translation

    with translation.override(language):
        six, seven = _("Sources"), _("How progress is computed")

    def heading(line, number, title):
        line = line.replace(" ", "")
        # "6. Sources"; in an Arabic line pdftotext may give the number's dot on either side.
        forms = (f"{number}.{title}", f"{title}.{number}", f".{number}{title}")
        return line in {form.replace(" ", "") for form in forms}

    start = next(i for i, x in enumerate(lines) if heading(x, 6, six))
    end = next(i for i, x in enumerate(lines) if heading(x, 7, seven))
    assert start < end
    return lines[:start] + lines[end:]


def _found(translation, text):
    """The translation is in the text. Arabic is compared word by word, without marks: pdftotext
    gives a shaped Arabic line in pieces and may move a word or a mark; nine words in ten around
    the translation's longest word is the same text."""
    if not any("\u0600" <= c <= "\u06ff" for c in translation):
        return _squash(translation) in text
    words = [_loose(w) for w in translation.split() if _loose(w)]
    anchor, loose, size = max(words, key=len), _loose(text), len(_loose(translation))
    start = loose.find(anchor)
    while start >= 0:
        stretch = loose[max(0, start - 2 * size) : start + 2 * size]
        if sum(w in stretch for w in words) >= 0.9 * len(words):
            return True
        start = loose.find(anchor, start + 1)
    return False


@pytest.mark.parametrize("language", ("fr", "ar"))
@pytest.mark.parametrize("path", ("report.pdf", "brief.pdf"))
def test_pdfs_print_no_untranslated_content(seeded, language, path):
    response = _get(f"/resolutions/{seeded.slug}/{path}?as_of={AS_OF}", language)
    assert response.status_code == 200
    english, verbatim = _content(seeded, language)
    full = _pdf_body(response.content)
    # The report's list of sources aside (see _without_source_list), for the English check.
    text = _pdf_body(response.content, language if path == "report.pdf" else None)
    if path == "brief.pdf":
        # (Its list of sources first: a source's title may contain an event's name.)
        text, full = _without_sources(text), _without_sources(full)
    # First: an original may contain a quote of a source. The brief prints them too (#13).
    text, full = _without_labelled_originals(text, full, seeded, language)
    for quote, translation in verbatim.items():
        if quote in text:  # the source's words, and the project's translation beside them
            assert _found(translation, text[text.index(quote) :]), (path, quote[:60])
        text, full = text.replace(quote, ""), full.replace(quote, "")
    text, full = _without_sources(text), _without_sources(full)
    left = sorted(o for o in english if o in text)
    assert not left, (path, left, [text[max(0, text.index(o) - 80) :][:200] for o in left])
    assert LABEL[language] in text
    # The dates the file writes, outside quotes and source titles: the reader's way (the
    # report's source list is checked by its dates being found in the reader's form).
    assert not ENGLISH_DATE.search(text), ENGLISH_DATE.search(text).group(0)
    assert not ISO_DATE.search(URL.sub("", full)), ISO_DATE.search(URL.sub("", full)).group(0)
    if path == "report.pdf" and language == "fr":  # (pdftotext splits an Arabic list item)
        for day in SourceDocument.objects.exclude(date=None).values_list("date", flat=True):
            assert format_day(day, "long", language) in full, day


@pytest.mark.parametrize("language", ("fr", "ar"))
def test_the_report_pdf_prints_notes_quotes_and_locators_translated(seeded, language):
    """The report's section 3 (#13): each status note in the report's language, each evidence
    quote in its source's words with the labelled translation after it, the locator translated.
    The quotes found prove the extraction reads English runs inside an Arabic PDF too."""
    from resolutions.models import Evidence, StatusUpdate

    text = _pdf_body(_get(f"/resolutions/{seeded.slug}/report.pdf?as_of={AS_OF}", language).content)
    update = StatusUpdate.objects.public().get(
        action__resolution=seeded, action__key="network", as_of=date(2018, 11, 29)
    )
    assert _found(translated(update, "note", language).text, text)
    if language == "fr":  # the original only under its translation, labelled (#13 item 1)
        note = _unquoted(update.note)
        assert text.count(note) == text.count(f"{ORIGINAL_LABEL[language]} {note}") == 1
    evidence = Evidence.objects.filter(status_update=update).exclude(quote="")
    assert evidence
    for e in evidence:
        quote, its_translation = _squash(e.quote), _squash(translated(e, "quote", language).text)
        assert quote in text  # the original first, its translation after it
        assert _found(its_translation, text[text.index(quote) :])
        assert _found(translated(e, "locator", language).text, text)


def _po_identical(language):
    """Messages whose translation is spelled as the English ("Action", "Date" in French)."""
    po = Path(f"locale/{language}/LC_MESSAGES/django.po").read_text()
    return set(re.findall(r'^msgid "(.+)"\nmsgstr "\1"$', po, flags=re.M))


def _workbook(seeded, language):
    from openpyxl import load_workbook

    response = _get(f"/resolutions/{seeded.slug}/report.xlsx?as_of={AS_OF}", language)
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


@pytest.mark.parametrize("language", ("fr", "ar"))
def test_the_workbook_shows_no_untranslated_content(seeded, language):
    english, verbatim = _content(seeded, language)
    english |= set(verbatim)  # the workbook carries no quote: none may appear at all
    book, book_en = _workbook(seeded, language), _workbook(seeded, "en")
    identical = _po_identical(language)
    assert len(book.worksheets) == len(book_en.worksheets)
    for sheet, sheet_en in zip(book.worksheets, book_en.worksheets, strict=True):
        if sheet is not book.worksheets[0]:  # the Summary's first rows are not a header
            header = [c.value for c in sheet[1]]
            header_en = [c.value for c in sheet_en[1]]
            for cell, cell_en in zip(header, header_en, strict=True):
                assert cell != cell_en or cell in identical, (sheet.title, cell)
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                if isinstance(value, date | datetime) or not isinstance(value, str):
                    continue  # a date cell (number format), a number, a boolean
                cell = _without_sources(_squash(value))
                left = [o for o in english if o in cell]
                assert not left, (sheet.title, value[:80], left)
                assert not ENGLISH_DATE.search(cell), (sheet.title, value)
                assert not ISO_DATE.search(URL.sub("", cell)), (sheet.title, value)


def test_the_workbook_summary_writes_dates_the_readers_way(seeded):
    summary = _workbook(seeded, "fr").worksheets[0]
    values = {row[0]: row[1] for row in summary.iter_rows(values_only=True) if row[0]}
    assert values["Adoption"] == "5 mai 2018 – 6 mai 2018"
    assert re.fullmatch(r"\d{1,2} [a-zéû]+\.? \d{4} \d\d:\d\d \S+", values["Produit le"])
    # A date cell: Excel shows it the reader's way.
    assert values["Date de référence"] == datetime(2026, 12, 7)
    ar = _workbook(seeded, "ar").worksheets[0]
    values = {row[0]: row[1] for row in ar.iter_rows(values_only=True) if row[0]}
    assert "5 مايو 2018" in " ".join(str(v) for v in values.values())


@pytest.mark.parametrize("language", ("fr", "ar"))
def test_the_csv_shows_no_untranslated_content(seeded, language):
    import json

    english, verbatim = _content(seeded, language)
    english |= set(verbatim)
    response = _get(f"/resolutions/{seeded.slug}/report.csv?as_of={AS_OF}", language)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    package = json.loads(Path("exports/schema/datapackage.json").read_text())
    fields = package["resources"][0]["schema"]["fields"]
    # The header: identifiers, documented in the data package (not words to translate).
    assert rows[0] == [f["name"] for f in fields]
    assert all(re.fullmatch(r"[a-z_]+", name) for name in rows[0])
    strings = [i for i, f in enumerate(fields) if f["type"] == "string"]
    for row in rows[1:]:
        for i in strings:
            cell = _without_sources(_squash(row[i]))
            left = [o for o in english if o in cell]
            assert not left, (fields[i]["name"], row[i][:80], left)
            assert not ENGLISH_DATE.search(cell), (fields[i]["name"], row[i])
    # The status note is the translation, as on the pages.
    from resolutions.models import StatusUpdate

    names = [f["name"] for f in fields]
    network = next(r for r in rows[1:] if r[names.index("action_key")] == "network")
    update = StatusUpdate.objects.public().get(
        action__resolution=seeded, action__key="network", as_of=date(2018, 11, 29)
    )
    assert network[names.index("latest_note")] == translated(update, "note", language).text
