"""Rendering a report (exports.report) into CSV, XLSX, PDF and JSON bytes.

Renderers only lay out what the report builder computed; none of them reads the database. The
same functions serve the download views and ``manage.py export_report``.

Languages: everything is rendered in the active language (``translation.override`` in the views
and the command). Each table column has a key and a label: CSV files are data and keep the keys
as their headings in every language (scripts and the tests read them by name); the XLSX
workbook and the PDF are read by people and carry the translated labels. Labels are lazy at
module level and forced to ``str`` before openpyxl or the csv module sees them.
"""

import csv
import io
import json
import re
import threading
from datetime import date, datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_bidi, gettext_lazy, pgettext_lazy
from django.utils.translation import gettext as _

from resolutions.dates import format_day

from .columns import absolute, action_cells, column_keys, column_labels, columns, table_row
from .computed import computed_state
from .params import report_filename
from .report import build_dataset, build_report, snapshot
from .report.languages import generated_text
from .safety import safe_cell, safe_xlsx_cell
from .svg import distribution_bar

BOM = "\ufeff"  # Excel reads a CSV as UTF-8 only when it starts with a byte-order mark.

# -- the paragraph-by-paragraph table, shared by CSV and XLSX -------------------------------

# The paragraph-by-paragraph table: labels and action cells live in exports.columns (one home
# for the columns the action list shares).
REPORT_COLUMNS = columns(
    [
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
        # Added at the end so that scripts reading the earlier columns by position keep working.
        "paragraph_text",
        "paragraph_text_source",
        "action_ref",
        "last_reviewed_on",
        "paragraph_url",
        "action_url",
        "continues",
    ]
)


def report_rows(report: dict, *, machine: bool = True, base_url: str = ""):
    """One row per (paragraph, action); a paragraph without actions still gets a row, and the
    mandates with no known paragraph close the table. `machine`: the CSV's coded values
    (verification "verified") rather than the workbook's labels. `base_url`: scheme and host
    that make the page addresses absolute (see exports.columns.absolute)."""
    keys = column_keys(REPORT_COLUMNS)
    symbol, as_of = report["resolution"]["symbol"], report["as_of"]
    for p in report["paragraphs"]:
        provenance = p["provenance_label"]
        if p["text_translation"]:
            provenance = _("%(language)s: %(provenance)s") % {
                "language": p["text_translation"]["language_label"],
                "provenance": p["text_translation"]["provenance"],
            }
        head = {
            "resolution": symbol,
            "as_of": as_of,
            "section": str(SECTION_PARAGRAPH),
            "paragraph": p["number"],
            "paragraph_kind": p["kind_label"],
            "provenance": provenance,
            "paragraph_progress_percent": p["percent"],
            "paragraph_text": p["text"],
            "paragraph_text_source": p["text_source"],
            "paragraph_url": absolute(base_url, p["url"]),
        }
        for a in p["actions"] or [None]:
            cells = action_cells(a, machine=machine, base_url=base_url) if a else {}
            yield table_row(keys, {**head, **cells, "action_ref": _action_ref(report, a)})
    for a in report["unplaced_actions"]:
        head = {"resolution": symbol, "as_of": as_of, "section": report["unplaced_title"]}
        cells = action_cells(a, machine=machine, base_url=base_url)
        yield table_row(keys, {**head, **cells, "action_ref": _action_ref(report, a)})


def _action_ref(report: dict, a: dict | None) -> str:
    """A stable identifier: the resolution's slug and the action's key (never a database id)."""
    return f"{report['resolution']['slug']}/{a['key']}" if a else ""


# The "section" of a paragraph row (the other section is "Mandates with no known paragraph").
SECTION_PARAGRAPH = pgettext_lazy("report section", "Paragraph")

OCCURRENCE_COLUMNS = [
    ("action", gettext_lazy("Action")),
    ("recurring", gettext_lazy("Recurring mandate")),
    ("kind", gettext_lazy("Kind")),
    ("title", gettext_lazy("Occurrence")),
    ("date", gettext_lazy("Date")),
    ("start_date", gettext_lazy("Start date")),
    ("end_date", gettext_lazy("End date")),
    ("place", gettext_lazy("Place")),
    ("theme", gettext_lazy("Theme")),
    ("participation", gettext_lazy("Participation")),
    ("sources", gettext_lazy("Sources")),
]
SOURCE_COLUMNS = [
    ("key", gettext_lazy("Key")),
    ("title", gettext_lazy("Title")),
    ("kind", gettext_lazy("Kind")),
    ("symbol", gettext_lazy("Symbol")),
    ("date", gettext_lazy("Date")),
    ("url", gettext_lazy("Address (URL)")),
    ("publisher", gettext_lazy("Publisher")),
    ("of_resolution", gettext_lazy("Source of the resolution")),
]


def occurrence_rows(report: dict):
    for o in report["occurrences"]:
        yield [
            o["action"],
            o["recurring"],
            o["kind"],
            o["title"],
            o["date"],
            o["start_date"],
            o["end_date"],
            o["place"],
            o["theme"],
            o["participation"],
            "; ".join(o["sources"]),
        ]


def source_rows(report: dict):
    for s in report["sources"]:
        yield [
            s["key"],
            s["title"],
            s["kind"],
            s["symbol"],
            s["date"],
            s["url"],
            s["publisher"],
            s["of_resolution"],
        ]


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


def render_csv(report: dict, base_url: str = "") -> bytes:
    rows = report_rows(report, machine=True, base_url=base_url)
    return "".join(csv_chunks(column_keys(REPORT_COLUMNS), rows)).encode("utf-8")


# -- XLSX -----------------------------------------------------------------------------------


# Column widths (in characters) for the workbook: long text wraps within the widest.
MIN_WIDTH, MAX_WIDTH, WRAP_OVER = 8, 60, 40


def xlsx_cell(sheet, value):
    """A value as a workbook cell. Text is written as text (a cell of type string is never a
    formula), with no visible apostrophe: where the formula guard (safety.py) would quote it,
    the cell gets Excel's "quote prefix" style instead, so editing it keeps it text."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment

    safe = safe_xlsx_cell(value)
    if not isinstance(safe, str):
        return safe
    guarded = safe.startswith("'") and not str(value).startswith("'")
    cell = WriteOnlyCell(sheet, value=safe[1:] if guarded else safe)
    cell.data_type = "s"
    if guarded:
        cell.quotePrefix = True
    if len(cell.value) > WRAP_OVER or "\n" in cell.value:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def finish_sheet(sheet, widths: dict[int, int], n_rows: int):
    """Frozen header, an auto-filter over every column and row, widths that fit the text."""
    from openpyxl.utils import get_column_letter

    sheet.freeze_panes = "A2"
    if widths:
        last = get_column_letter(max(widths))
        sheet.auto_filter.ref = f"A1:{last}{max(n_rows, 1)}"
    for index, width in widths.items():
        sheet.column_dimensions[get_column_letter(index)].width = max(
            MIN_WIDTH, min(MAX_WIDTH, width + 2)
        )


def measure(widths: dict[int, int], row) -> None:
    for index, value in enumerate(row, start=1):
        text = value.value if hasattr(value, "value") else value
        longest = max((len(line) for line in str(text or "").split("\n")), default=0)
        widths[index] = max(widths.get(index, 0), longest)


def _sheet(workbook, title, columns, rows):
    from openpyxl.styles import Alignment, Font

    sheet = workbook.create_sheet(sheet_title(title))
    set_direction(sheet)
    labels = column_labels(columns)
    sheet.append(labels)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    fitted: dict[int, int] = {}
    measure(fitted, [label[:24] for label in labels])
    n_rows = 1
    for row in rows:
        cells = [xlsx_cell(sheet, value) for value in row]
        measure(fitted, cells)
        sheet.append(cells)
        n_rows += 1
    finish_sheet(sheet, fitted, n_rows)
    return sheet


def sheet_title(title) -> str:
    """A translated sheet name as Excel accepts it: at most 31 characters, none of []:*?/\\."""
    text = str(title)
    for char in "[]:*?/\\":
        text = text.replace(char, " ")
    return text[:31]


def set_direction(sheet):
    """Arabic workbooks open right to left, column A on the right, as Excel shows Arabic."""
    if get_language_bidi():
        sheet.sheet_view.rightToLeft = True


def render_xlsx(report: dict, base_url: str = "") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    summary = workbook.active
    summary.title = sheet_title(_("Summary"))
    set_direction(summary)
    res, headline = report["resolution"], report["headline"]
    summary.append([xlsx_cell(summary, f"{res['symbol']} — {res['title']}")])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append([])
    # A range in one cell is text: written the reader's way ("5 – 6 mai 2018" is not a date).
    adopted = format_day(res["adopted_on"]) if res["adopted_on"] else _("not known")
    if res["adopted_until"]:
        adopted += f" – {format_day(res['adopted_until'])}"
    facts = [
        (_("Resolution"), res["symbol"]),
        (_("Title"), res["title"]),
        (_("Adopted by"), f"{res['adopting_body']}, {res['session']}"),
        (_("Place"), res["place"]),
        (_("Adopted"), adopted),
        (_("As of"), report["as_of"]),
        (_("Generated at"), _generated(report)),
        (
            _("Weighted progress (%)"),
            headline["percent"] if headline["percent"] is not None else _("no scored actions"),
        ),
        (_("Actions"), headline["total"]),
        (_("Scored actions"), headline["scored"]),
        (_("Not applicable (excluded)"), headline["excluded"]),
        (_("Overdue"), headline["overdue"]),
        (_("No update for 12 months or more"), headline["stale"]),
    ]
    facts_header = summary.max_row + 1
    summary.append([_("Item"), _("Value")])
    for cell in summary[summary.max_row]:
        cell.font = Font(bold=True)
    for label, value in facts:
        summary.append([xlsx_cell(summary, label), xlsx_cell(summary, value)])
        summary.cell(row=summary.max_row, column=1).font = Font(bold=True)
    summary.auto_filter.ref = f"A{facts_header}:B{summary.max_row}"
    summary.append([])
    summary.append([_("Status"), _("Actions")])
    for cell in summary[summary.max_row]:
        cell.font = Font(bold=True)
    for item in headline["distribution"]:
        summary.append([xlsx_cell(summary, item["label"]), item["count"]])
    summary.append([])
    summary.append(
        [
            xlsx_cell(
                summary,
                _(
                    "Weighted % = Σ(weight × credit) ÷ Σ(weight) over actions that are not “not "
                    "applicable”. Credit is the recorded progress figure where a source gives one, "
                    "otherwise 100 for completed and ongoing, 0 for every other status."
                ),
            )
        ]
    )
    for cell in summary["B"]:
        if isinstance(cell.value, date | datetime):
            cell.number_format = "yyyy-mm-dd"
    summary.column_dimensions["A"].width = 32
    summary.column_dimensions["B"].width = 70
    summary.freeze_panes = "A2"

    _sheet(
        workbook,
        _("Paragraphs"),
        REPORT_COLUMNS,
        report_rows(report, machine=False, base_url=base_url),
    )
    _sheet(workbook, _("Occurrences"), OCCURRENCE_COLUMNS, occurrence_rows(report))
    _sheet(workbook, _("Sources"), SOURCE_COLUMNS, source_rows(report))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _generated(report: dict) -> str:
    return generated_text(report["generated_at"])


# -- PDF ------------------------------------------------------------------------------------


def _refuse_fetch(url, *args, **kwargs):
    """WeasyPrint's url_fetcher: the report is self-contained (inline CSS and SVG), so it may
    load only data: URLs and never reaches the network or the file system."""
    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher

        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"The PDF report does not fetch external resources ({url[:80]}).")


def _css_string(text: str) -> str:
    """`text` as a quoted CSS string; "<" is escaped too, so nothing can close the <style>."""
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ").replace("<", "\\3c ")
    )
    return f'"{escaped}"'


def css_content(template: str, **parts: str) -> str:
    """A translated sentence as the value of a CSS `content` property, for the page's running
    header and footer: the text around the %(name)s placeholders as quoted CSS strings, each
    placeholder replaced by a CSS expression from `parts` (counter(page), string(symbol)).
    Translators keep the whole sentence, so "Page 1 of 9" can read "الصفحة 1 من 9"."""
    pieces = []
    for i, chunk in enumerate(re.split(r"%\((\w+)\)s", template)):
        if i % 2:
            pieces.append(parts[chunk])
        elif chunk:
            pieces.append(_css_string(chunk))
    return mark_safe(" ".join(pieces) or '""')  # noqa: S308 - text parts are CSS-escaped above


def render_report_html(report: dict, base_url: str = "") -> str:
    links = {}
    if base_url:
        # The permalink pins the as-of date: the same report, the same numbers, later.
        path = reverse("resolution_report", args=[report["resolution"]["slug"], "pdf"])
        links["permalink"] = absolute(base_url, f"{path}?as_of={report['as_of'].isoformat()}")
    return render_to_string(
        "exports/report_pdf.html",
        {
            "links": links,
            "report": report,
            "r": report["resolution"],
            "headline": report["headline"],
            "bar": distribution_bar(report["headline"]["distribution"], rtl=get_language_bidi()),
            "generated": _generated(report),
            "running": {
                "as_of": css_content(_("As of %(day)s"), day="string(asof)"),
                "page": css_content(
                    _("Page %(page)s of %(pages)s"), page="counter(page)", pages="counter(pages)"
                ),
            },
        },
    )


_fonts = threading.local()


def _font_config(html: str):
    """WeasyPrint's font configuration, kept for the thread's next PDFs: made afresh for each
    PDF (WeasyPrint's default), it loaded the same system fonts again every time, ~8 % of a
    report's render; the PDFs are byte for byte the same. Pango's font map is not to be shared
    between threads, hence one per thread. A configuration keeps the web fonts of every
    document it rendered, so a document that declares its own (@font-face) gets a fresh one."""
    from weasyprint.text.fonts import FontConfiguration

    if "@font-face" in html:
        return FontConfiguration()
    config = getattr(_fonts, "config", None)
    if config is None:
        config = _fonts.config = FontConfiguration()
    return config


def html_to_pdf(html: str) -> bytes:
    """The PDF of a self-contained HTML document (the report's, the brief's): the one place the
    exports call WeasyPrint, which may fetch nothing (_refuse_fetch)."""
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf(font_config=_font_config(html))


def render_pdf(report: dict, base_url: str = "") -> bytes:
    return html_to_pdf(render_report_html(report, base_url=base_url))


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


def render_resolution(
    resolution, as_of: date, fmt: str, *, base_url: str = ""
) -> tuple[bytes, str, str]:
    """(content, content type, file name) of one resolution's export in `fmt`. `base_url`
    (scheme and host: the request's, or the SITE_URL setting's) makes the page addresses in
    the XLSX and CSV absolute."""
    if fmt == "json":
        snap = snapshot(resolution, as_of)
        dataset = build_dataset(resolution, as_of, snap=snap)
        dataset["computed"] = computed_state(snap)  # ignored by the loader
        content = render_json(dataset)
    else:
        report = build_report(resolution, as_of)
        renderer = {"pdf": render_pdf, "xlsx": render_xlsx, "csv": render_csv}[fmt]
        content = renderer(report, base_url=base_url)
    return content, FORMATS[fmt], report_filename(resolution.symbol, as_of, fmt)
