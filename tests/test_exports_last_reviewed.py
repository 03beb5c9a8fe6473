""" "Last reviewed" beside "last status change" in every report (#11 rule 6, #14), and page
addresses in the workbooks and CSVs that open from a mailed file (absolute URLs, #14 item 4).

A published review record (an officer checked the sources and found no change) shows in the
report PDF's paragraph table, the XLSX, the report CSV, the action-list CSV and XLSX and the
brief; a draft review shows nowhere."""

import csv
import io
import re
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from exports.actions import ACTION_COLUMNS
from exports.formats import REPORT_COLUMNS, column_keys
from resolutions.models import Action
from tests import factories as f
from workflow.review_services import action_review_create

AS_OF = "2019-06-30"


@pytest.fixture
def reviewed(seeded):
    """The network action reviewed on 1 March 2019 (published) and on 1 May 2019 (a draft)."""
    network = Action.objects.get(resolution=seeded, key="network")
    source = f.source()
    action_review_create(
        action=network,
        reviewed_on=date(2019, 3, 1),
        note="Sources checked, no change.",
        evidence=[{"source": source}],
        author_name="Test officer",
    )
    action_review_create(
        action=network,
        reviewed_on=date(2019, 5, 1),
        note="Draft review: not public.",
        evidence=[{"source": source}],
        author_name="Test officer",
        state="draft",
    )
    return network


def csv_rows(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_report_csv_and_xlsx_carry_last_reviewed_and_absolute_addresses(client, reviewed):
    url = f"/en/resolutions/53-45-pol/report.{{fmt}}?as_of={AS_OF}"
    rows = csv_rows(client.get(url.format(fmt="csv")).content)
    network = next(r for r in rows if r["action_key"] == "network")
    assert network["last_reviewed_on"] == "2019-03-01"  # not the draft of 1 May
    assert network["latest_update_as_of"] == "2018-11-29"
    assert network["action_url"] == f"http://testserver/en/actions/{reviewed.pk}/"
    assert network["paragraph_url"].startswith("http://testserver/en/resolutions/53-45-pol/")
    others = [r for r in rows if r["action_key"] and r["action_key"] != "network"]
    assert others and all(r["last_reviewed_on"] == "" for r in others)

    book = load_workbook(io.BytesIO(client.get(url.format(fmt="xlsx")).content))
    sheet = book["Paragraphs"]
    assert [c.value for c in sheet[1]] == [str(label) for _k, label in REPORT_COLUMNS]
    rows = [
        dict(zip(column_keys(REPORT_COLUMNS), r, strict=True))
        for r in sheet.iter_rows(min_row=2, values_only=True)
    ]
    network = next(r for r in rows if r["action_key"] == "network")
    assert network["last_reviewed_on"].date() == date(2019, 3, 1)
    assert network["action_url"] == f"http://testserver/en/actions/{reviewed.pk}/"


def test_the_french_workbook_links_to_the_french_pages(client, reviewed):
    content = client.get(f"/fr/resolutions/53-45-pol/report.xlsx?as_of={AS_OF}").content
    sheet = load_workbook(io.BytesIO(content)).worksheets[1]
    assert "Dernier examen" in [c.value for c in sheet[1]]
    column = column_keys(REPORT_COLUMNS).index("action_url")
    urls = [r[column] for r in sheet.iter_rows(min_row=2, values_only=True) if r[column]]
    assert urls and all(u.startswith("http://testserver/fr/actions/") for u in urls)


def test_the_action_list_exports_carry_last_reviewed_and_absolute_addresses(client, reviewed):
    response = client.get(f"/en/actions/export.csv?as_of={AS_OF}")
    rows = csv_rows(b"".join(response.streaming_content))
    network = next(r for r in rows if r["action_key"] == "network")
    assert network["last_reviewed_on"] == "2019-03-01"
    assert network["url"] == f"http://testserver/en/actions/{reviewed.pk}/"
    content = client.get(f"/en/actions/export.xlsx?as_of={AS_OF}").content
    sheet = load_workbook(io.BytesIO(content)).active
    keys = column_keys(ACTION_COLUMNS)
    rows = [dict(zip(keys, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    network = next(r for r in rows if r["action_key"] == "network")
    assert network["last_reviewed_on"].date() == date(2019, 3, 1)
    assert network["url"].startswith("http://testserver/en/actions/")


def test_the_report_pdf_says_last_reviewed_or_never(client, reviewed):
    content = client.get(f"/en/resolutions/53-45-pol/report.pdf?as_of={AS_OF}").content
    text = re.sub(
        r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    )
    assert "Last reviewed: 1 Mar 2019" in text
    assert "Never reviewed." in text  # the other actions
    assert "1 May 2019" not in text


def test_the_brief_shows_the_last_review_of_each_paragraph(client, reviewed):
    html = client.get(f"/en/resolutions/53-45-pol/brief/?as_of={AS_OF}").content.decode()
    assert "Last review" in html
    assert "1 Mar 2019" in html and "1 May 2019" not in html
    # Before the review, every line says none.
    html = client.get("/en/resolutions/53-45-pol/brief/?as_of=2019-02-01").content.decode()
    assert "1 Mar 2019" not in html
