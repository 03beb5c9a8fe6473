"""The report workbook for analysts: auto-filter, frozen header, wrapped text, fitted widths,
paragraph text and source columns, stable identifiers, text written as text."""

import io

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from exports.formats import REPORT_COLUMNS, column_keys

URL = "/{lang}/resolutions/53-45-pol/report.xlsx?as_of=2018-11-29"


def workbook(client, lang="en"):
    response = client.get(URL.format(lang=lang))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def test_every_sheet_has_a_filter_and_a_frozen_header(client, seeded):
    for lang in ("en", "fr", "ar"):
        for sheet in workbook(client, lang).worksheets:
            assert sheet.auto_filter.ref, (lang, sheet.title)
            assert sheet.freeze_panes == "A2", (lang, sheet.title)


def test_data_sheets_filter_every_column_and_row_and_fit_their_widths(client, seeded):
    book = workbook(client)
    for name in ("Paragraphs", "Occurrences", "Sources"):
        sheet = book[name]
        last = get_column_letter(sheet.max_column)
        assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}", name
        widths = [
            sheet.column_dimensions[get_column_letter(i)].width
            for i in range(1, sheet.max_column + 1)
        ]
        assert all(8 <= w <= 62 for w in widths), (name, widths)
    long_notes = [c for c in book["Paragraphs"]["Y"][1:] if c.value and len(c.value) > 40]
    assert long_notes and all(c.alignment.wrap_text for c in long_notes)


def test_paragraph_rows_carry_text_source_and_stable_identifiers(client, seeded):
    sheet = workbook(client)["Paragraphs"]
    rows = [
        dict(zip(column_keys(REPORT_COLUMNS), r, strict=True))
        for r in sheet.iter_rows(min_row=2, values_only=True)
    ]
    network = next(r for r in rows if r["action_key"] == "network")
    assert network["action_ref"] == "53-45-pol/network"
    assert network["paragraph_text"] and network["paragraph_text_source"].startswith(
        "Summary report of the Second OIC Member States Conference on Mediation"
    )
    unplaced = next(r for r in rows if r["action_key"] == "contact-group")
    assert unplaced["action_ref"] == "53-45-pol/contact-group"


def test_text_cells_are_text_without_a_visible_apostrophe(client, seeded):
    for sheet in workbook(client).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                if isinstance(cell.value, str):
                    assert not cell.value.startswith("'"), (sheet.title, cell.coordinate)


def test_quotes_are_cut_only_at_a_sentence_boundary():
    from exports.templatetags.report_text import sentences_upto

    quote = (
        "The Network and the Code of Conduct, integrating culturally sensitive approaches, "
        "remain to be implemented. More follows here."
    )
    assert sentences_upto(quote, 300) == quote
    assert sentences_upto(quote, 110) == quote[: quote.index(" More")] + " …"
    # No sentence ends within the limit: the whole quote, never a cut inside it.
    assert sentences_upto(quote, 40) == quote


def test_the_english_title_is_not_called_the_original(client, seeded):
    from datetime import date

    from django.utils import translation

    from exports.report import build_report

    with translation.override("fr"):
        report = build_report(seeded, date(2018, 11, 29))
    english = next(t for t in report["resolution"]["titles"] if t["language"] == "en")
    assert "Original" not in english["provenance"] and "Originale" not in english["provenance"]
