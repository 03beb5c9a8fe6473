"""The filtered action list (/actions/?…) as CSV or XLSX.

The rows come from ``resolutions.filters.filtered_actions`` (the action-list page's own filtering,
already annotated by the roll-up as of the request's date); this module only adds the latest
public note and lays the rows out. Rows are fetched with ``iterator(chunk_size=…)`` so a large
list is never held in memory at once.
"""

import io
from datetime import date

from django.db.models import Subquery

from .report import action_entry, latest_public_update
from .safety import safe_xlsx_cell

CHUNK_SIZE = 2000

ACTION_COLUMNS = [
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
]


def _rows_queryset(queryset, as_of: date):
    # prefetch_related(None) first: the filtered list may already prefetch the same relations,
    # and repeating a Prefetch with its own queryset is an error.
    latest = latest_public_update(as_of)
    return (
        queryset.annotate(
            latest_note=Subquery(latest.values("note")[:1]),
            latest_verification=Subquery(latest.values("verification")[:1]),
        )
        .prefetch_related(None)
        .for_listing()
    )


def action_list_rows(queryset, as_of: date):
    for action in _rows_queryset(queryset, as_of).iterator(chunk_size=CHUNK_SIZE):
        a = action_entry(action, note=action.latest_note or "",
                         verification=action.latest_verification or "")
        yield [
            as_of,
            action.resolution.symbol,
            a["id"],
            a["key"],
            a["title"],
            "; ".join(a["paragraphs"]),
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
            a["last_occurrence_on"],
            a["note"],
            a["url"],
        ]


def render_action_list_xlsx(queryset, as_of: date) -> bytes:
    from openpyxl import Workbook

    # write_only: rows go straight to a temporary file instead of a tree of cell objects.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Actions")
    sheet.freeze_panes = "A2"
    sheet.append(ACTION_COLUMNS)
    for row in action_list_rows(queryset, as_of):
        sheet.append([safe_xlsx_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
