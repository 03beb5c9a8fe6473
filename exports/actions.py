"""The filtered action list (/actions/?…) as CSV or XLSX.

The rows come from ``resolutions.filters.filtered_actions`` (the action-list page's own filtering,
already annotated by the roll-up as of the request's date); this module only adds the latest
public note and lays the rows out. Rows are fetched with ``iterator(chunk_size=…)`` so a large
list is never held in memory at once.

As with the per-resolution reports (exports/formats.py), the CSV is headed by stable column keys
and the XLSX by their labels in the active language; action titles are in that language where a
translation exists, marked as not available otherwise.
"""

import io
from datetime import date

from django.utils.translation import gettext as _

from resolutions.translations import translations_prefetch

from .columns import action_cells, column_keys, column_labels, columns, table_row
from .formats import set_direction, sheet_title, xlsx_cell
from .report import action_entry

CHUNK_SIZE = 2000

ACTION_COLUMNS = columns(
    [
        "as_of",
        "resolution",
        "action_id",
        "action_key",
        "action",
        "paragraphs",
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
        "last_occurrence_on",
        "latest_note",
        "url",
        "last_reviewed_on",
        "continues",
    ]
)


def _rows_queryset(queryset, as_of: date):
    # prefetch_related(None) first: the filtered list may already prefetch the same relations,
    # and repeating a Prefetch with its own queryset is an error.
    # The latest note and its verification come with the roll-up's annotations.
    queryset = queryset.prefetch_related(None).for_listing()
    # The titles' translations in the active language: one query per chunk, none in English.
    translations = translations_prefetch()
    return queryset.prefetch_related(translations) if translations else queryset


def action_list_rows(queryset, as_of: date, *, machine: bool = True, base_url: str = ""):
    """The rows of the list; `machine`: coded values (verification "verified") for the CSV,
    labels for the workbook."""
    keys = column_keys(ACTION_COLUMNS)
    for action in _rows_queryset(queryset, as_of).iterator(chunk_size=CHUNK_SIZE):
        a = action_entry(
            action, note=action.latest_note or "", verification=action.latest_verification or ""
        )
        cells = action_cells(a, machine=machine, base_url=base_url)
        yield table_row(keys, {**cells, "as_of": as_of, "resolution": action.resolution.symbol})


def render_action_list_xlsx(queryset, as_of: date, base_url: str = "") -> bytes:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    # write_only: rows go straight to a temporary file instead of a tree of cell objects.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title(_("Actions")))
    set_direction(sheet)
    sheet.freeze_panes = "A2"
    sheet.append(column_labels(ACTION_COLUMNS))
    n_rows = 1
    for row in action_list_rows(queryset, as_of, machine=False, base_url=base_url):
        sheet.append([xlsx_cell(sheet, value) for value in row])
        n_rows += 1
    # Text as text with no visible apostrophe (xlsx_cell), and a filter over every column.
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(ACTION_COLUMNS))}{n_rows}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
