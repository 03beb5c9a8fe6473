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
from django.utils.translation import gettext_lazy

from resolutions.translations import translations_prefetch

from .formats import column_labels, set_direction, sheet_title, xlsx_cell
from .report import action_entry

CHUNK_SIZE = 2000

ACTION_COLUMNS = [
    ("as_of", gettext_lazy("As of")),
    ("resolution", gettext_lazy("Resolution")),
    ("action_id", gettext_lazy("Action ID")),
    ("action_key", gettext_lazy("Action key")),
    ("action", gettext_lazy("Action")),
    ("paragraphs", gettext_lazy("Paragraphs")),
    ("mandate_type", gettext_lazy("Mandate type")),
    ("responsible", gettext_lazy("Responsible")),
    ("due_date", gettext_lazy("Due date")),
    ("weight", gettext_lazy("Weight")),
    ("status", gettext_lazy("Status code")),
    ("status_label", gettext_lazy("Status")),
    ("credit_percent", gettext_lazy("Credit (%)")),
    ("recorded_progress", gettext_lazy("Recorded progress (%)")),
    ("overdue", gettext_lazy("Overdue")),
    ("stale", gettext_lazy("No update for 12 months")),
    ("latest_update_as_of", gettext_lazy("Latest assessment as of")),
    ("latest_update_verification", gettext_lazy("Verification")),
    ("last_occurrence_on", gettext_lazy("Latest occurrence")),
    ("latest_note", gettext_lazy("Latest note")),
    ("url", gettext_lazy("Address on the tracker")),
]


def _rows_queryset(queryset, as_of: date):
    # prefetch_related(None) first: the filtered list may already prefetch the same relations,
    # and repeating a Prefetch with its own queryset is an error.
    # The latest note and its verification come with the roll-up's annotations.
    queryset = queryset.prefetch_related(None).for_listing()
    # The titles' translations in the active language: one query per chunk, none in English.
    translations = translations_prefetch()
    return queryset.prefetch_related(translations) if translations else queryset


def action_list_rows(queryset, as_of: date, *, machine: bool = True):
    """The rows of the list; `machine`: coded values (verification "verified") for the CSV,
    labels for the workbook."""
    for action in _rows_queryset(queryset, as_of).iterator(chunk_size=CHUNK_SIZE):
        a = action_entry(
            action, note=action.latest_note or "", verification=action.latest_verification or ""
        )
        yield [
            as_of,
            action.resolution.symbol,
            a["id"],
            a["key"],
            a["title"],
            "; ".join(a["paragraphs"]),
            a["mandate_type_label"],
            "; ".join(a["responsible"]) if machine else a["responsible_label"],
            a["due_date"],
            a["weight"],
            a["status"],
            a["status_label"],
            a["credit"],
            a["recorded_progress"],
            a["is_overdue"],
            a["is_stale"],
            a["latest_as_of"],
            a["verification"] if machine else a["verification_label"],
            a["last_occurrence_on"],
            a["note"],
            a["url"],
        ]


def render_action_list_xlsx(queryset, as_of: date) -> bytes:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    # write_only: rows go straight to a temporary file instead of a tree of cell objects.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title(_("Actions")))
    set_direction(sheet)
    sheet.freeze_panes = "A2"
    sheet.append(column_labels(ACTION_COLUMNS))
    n_rows = 1
    for row in action_list_rows(queryset, as_of, machine=False):
        sheet.append([xlsx_cell(sheet, value) for value in row])
        n_rows += 1
    # Text as text with no visible apostrophe (xlsx_cell), and a filter over every column.
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(ACTION_COLUMNS))}{n_rows}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
