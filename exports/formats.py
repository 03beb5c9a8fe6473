"""Rendering a report (exports.report) into CSV, XLSX, PDF and JSON bytes.

Renderers only lay out what the report builder computed; none of them reads the database. The
same functions serve the download views and ``manage.py export_report``.
"""

import csv
import io
import json
from datetime import date, datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone

from .params import report_filename
from .report import build_dataset, build_report
from .safety import safe_cell, safe_xlsx_cell
from .svg import distribution_bar

BOM = "\ufeff"  # Excel reads a CSV as UTF-8 only when it starts with a byte-order mark.

# -- the paragraph-by-paragraph table, shared by CSV and XLSX -------------------------------

REPORT_COLUMNS = [
    "resolution",
    "as_of",
    "section",
    "paragraph",
    "paragraph_kind",
    "provenance",
    "paragraph_progress_percent",
    "action_id",
    "action_key",
    "action",
    "mandate_type",
    "responsible",
    "due_date",
    "weight",
    "status",
    "status_label",
    "credit_percent",
    "recorded_progress",
    "overdue",
    "stale",
    "latest_update_as_of",
    "latest_update_verification",
    "latest_note",
    "evidence",
]


def _action_cells(a: dict | None) -> list:
    if a is None:
        return [""] * 17
    return [
        a["id"],
        a["key"],
        a["title"],
        a["mandate_type_label"],
        "; ".join(a["responsible"]),
        a["due_date"],
        a["weight"],
        a["status"],
        a["status_label"],
        a["credit"],
        a["recorded_progress"],
        a["is_overdue"],
        a["is_stale"],
        a["latest_as_of"],
        a["verification"],
        a["note"],
        a["evidence_text"],
    ]


def report_rows(report: dict):
    """One row per (paragraph, action); a paragraph without actions still gets a row, and the
    mandates with no known paragraph close the table."""
    symbol, as_of = report["resolution"]["symbol"], report["as_of"]
    for p in report["paragraphs"]:
        head = [
            symbol,
            as_of,
            "Paragraph",
            p["number"],
            p["kind_label"],
            p["provenance_label"],
            p["percent"],
        ]
        for a in p["actions"] or [None]:
            yield head + _action_cells(a)
    for a in report["unplaced_actions"]:
        yield [symbol, as_of, report["unplaced_title"], "", "", "", ""] + _action_cells(a)


OCCURRENCE_COLUMNS = ["action", "recurring", "kind", "title", "date", "start_date", "end_date",
                      "place", "theme", "participation", "sources"]
SOURCE_COLUMNS = ["key", "title", "kind", "symbol", "date", "url", "publisher", "of_resolution"]


def occurrence_rows(report: dict):
    for o in report["occurrences"]:
        yield [o["action"], o["recurring"], o["kind"], o["title"], o["date"], o["start_date"],
               o["end_date"], o["place"], o["theme"], o["participation"], "; ".join(o["sources"])]


def source_rows(report: dict):
    for s in report["sources"]:
        yield [s["key"], s["title"], s["kind"], s["symbol"], s["date"], s["url"], s["publisher"],
               s["of_resolution"]]


# -- CSV ------------------------------------------------------------------------------------


class _Line:
    """A file-like object whose write() hands back the line, for streaming csv.writer output."""

    def write(self, value):
        return value


def csv_chunks(header: list, rows):
    """Yield CSV text line by line, BOM first, every cell neutralised (see safety.py). Used with
    StreamingHttpResponse, memory stays constant however many rows there are."""
    writer = csv.writer(_Line())
    yield BOM + writer.writerow(header)
    for row in rows:
        yield writer.writerow([safe_cell(value) for value in row])


def render_csv(report: dict) -> bytes:
    return "".join(csv_chunks(REPORT_COLUMNS, report_rows(report))).encode("utf-8")


# -- XLSX -----------------------------------------------------------------------------------


def _sheet(workbook, title: str, header: list, rows, widths=None):
    from openpyxl.styles import Font

    sheet = workbook.create_sheet(title)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([safe_xlsx_cell(value) for value in row])
    sheet.freeze_panes = "A2"
    for letter, width in (widths or {}).items():
        sheet.column_dimensions[letter].width = width
    return sheet


def render_xlsx(report: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    summary = workbook.active
    summary.title = "Summary"
    res, headline = report["resolution"], report["headline"]
    summary.append([safe_xlsx_cell(f"{res['symbol']} — {res['title']}")])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append([])
    adopted = res["adopted_on"].isoformat() if res["adopted_on"] else "not known"
    if res["adopted_until"]:
        adopted += f" – {res['adopted_until'].isoformat()}"
    facts = [
        ("Resolution", res["symbol"]),
        ("Title", res["title"]),
        ("Adopted by", f"{res['adopting_body']}, {res['session']}"),
        ("Place", res["place"]),
        ("Adopted", adopted),
        ("As of", report["as_of"]),
        ("Generated at", _generated(report)),
        ("Weighted progress (%)", headline["percent"] if headline["percent"] is not None
         else "no scored actions"),
        ("Actions", headline["total"]),
        ("Scored actions", headline["scored"]),
        ("Not applicable (excluded)", headline["excluded"]),
        ("Overdue", headline["overdue"]),
        ("Stale (no update in 12 months)", headline["stale"]),
    ]
    for label, value in facts:
        summary.append([safe_xlsx_cell(label), safe_xlsx_cell(value)])
        summary.cell(row=summary.max_row, column=1).font = Font(bold=True)
    summary.append([])
    summary.append(["Status", "Actions"])
    for cell in summary[summary.max_row]:
        cell.font = Font(bold=True)
    for item in headline["distribution"]:
        summary.append([safe_xlsx_cell(item["label"]), item["count"]])
    summary.append([])
    summary.append([safe_xlsx_cell(
        "Weighted % = Σ(weight × credit) ÷ Σ(weight) over actions that are not 'not applicable'. "
        "Credit is the recorded progress figure where a source gives one, otherwise 100 for "
        "completed and ongoing, 0 for every other status."
    )])
    for cell in summary["B"]:
        if isinstance(cell.value, date | datetime):
            cell.number_format = "yyyy-mm-dd"
    summary.column_dimensions["A"].width = 32
    summary.column_dimensions["B"].width = 70

    _sheet(workbook, "Paragraphs", REPORT_COLUMNS, report_rows(report),
           {"J": 50, "W": 70, "X": 60})
    _sheet(workbook, "Occurrences", OCCURRENCE_COLUMNS, occurrence_rows(report),
           {"A": 40, "D": 50})
    _sheet(workbook, "Sources", SOURCE_COLUMNS, source_rows(report), {"B": 70, "F": 50})
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _generated(report: dict) -> str:
    return timezone.localtime(report["generated_at"]).strftime("%Y-%m-%d %H:%M %Z")


# -- PDF ------------------------------------------------------------------------------------


def _refuse_fetch(url, *args, **kwargs):
    """WeasyPrint's url_fetcher: the report is self-contained (inline CSS and SVG), so it may
    load only data: URLs and never reaches the network or the file system."""
    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher

        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"The PDF report does not fetch external resources ({url[:80]}).")


def render_report_html(report: dict) -> str:
    return render_to_string("exports/report_pdf.html", {
        "report": report,
        "r": report["resolution"],
        "headline": report["headline"],
        "bar": distribution_bar(report["headline"]["distribution"]),
        "generated": _generated(report),
    })


def render_pdf(report: dict) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_report_html(report), url_fetcher=_refuse_fetch).write_pdf()


# -- JSON -----------------------------------------------------------------------------------


def render_json(dataset: dict) -> bytes:
    return json.dumps(dataset, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder).encode("utf-8")


# -- one entry point for views and the management command ------------------------------------

FORMATS = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


def render_resolution(resolution, as_of: date, fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) of one resolution's export in `fmt`."""
    if fmt == "json":
        content = render_json(build_dataset(resolution, as_of))
    else:
        report = build_report(resolution, as_of)
        content = {"pdf": render_pdf, "xlsx": render_xlsx, "csv": render_csv}[fmt](report)
    return content, FORMATS[fmt], report_filename(resolution.symbol, as_of, fmt)
