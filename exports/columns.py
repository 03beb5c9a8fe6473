"""The columns of the tabular exports, in one place (#16).

Each column has a stable key and a label. The key heads the CSV column (English,
machine-readable, the same in every language); the label heads the XLSX column (in the
report's language). A table is a list of keys; its rows are dicts keyed the same way, so a
column shared by two tables (the action's status, its latest note…) is defined once, here:
its label in ``LABELS`` and its value in ``action_cells``.

The per-resolution report (exports.formats) and the filtered action list (exports.actions)
both compose their tables from these keys; neither keeps a column list of its own.
"""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy

LABELS = {
    # Row context
    "resolution": gettext_lazy("Resolution"),
    "as_of": gettext_lazy("As of"),
    "section": gettext_lazy("Section"),
    # The paragraph
    "paragraph": gettext_lazy("Paragraph"),
    "paragraph_kind": gettext_lazy("Paragraph kind"),
    "provenance": gettext_lazy("Text provenance"),
    "paragraph_progress_percent": gettext_lazy("Paragraph progress (%)"),
    "paragraph_text": gettext_lazy("Paragraph text"),
    "paragraph_text_source": gettext_lazy("Source of the paragraph text"),
    "paragraph_url": gettext_lazy("Paragraph page"),
    # The action
    "action_id": gettext_lazy("Action ID"),
    "action_key": gettext_lazy("Action key"),
    "action": gettext_lazy("Action"),
    "paragraphs": gettext_lazy("Paragraphs"),
    "mandate_type": gettext_lazy("Mandate type"),
    "responsible": gettext_lazy("Responsible"),
    "due_date": gettext_lazy("Due date"),
    "weight": gettext_lazy("Weight"),
    "status": gettext_lazy("Status code"),
    "status_label": gettext_lazy("Status"),
    "credit_percent": gettext_lazy("Credit (%)"),
    "recorded_progress": gettext_lazy("Recorded progress (%)"),
    "overdue": gettext_lazy("Overdue"),
    "stale": gettext_lazy("No update for 12 months"),
    "latest_update_as_of": gettext_lazy("Latest assessment as of"),
    "latest_update_verification": gettext_lazy("Verification"),
    "last_occurrence_on": gettext_lazy("Latest occurrence"),
    "latest_note": gettext_lazy("Latest note"),
    "evidence": gettext_lazy("Evidence"),
    "last_reviewed_on": gettext_lazy("Last reviewed"),
    "action_ref": gettext_lazy("Stable action identifier"),
    "url": gettext_lazy("Address on the tracker"),
    "action_url": gettext_lazy("Action page"),
    # #15: "<symbol> (<action key>)" of the earlier resolution's action this one carries on.
    "continues": capfirst(gettext_lazy("continues (the earlier action)")),
}


def columns(keys: list[str]) -> list[tuple[str, object]]:
    """(key, label) pairs of a table, in its order."""
    return [(key, LABELS[key]) for key in keys]


def column_keys(columns) -> list[str]:
    return [key for key, _label in columns]


def column_labels(columns) -> list[str]:
    return [str(label) for _key, label in columns]


def table_row(keys: list[str], cells: dict) -> list:
    """A table row: the cell of each key, "" where the row has none (a paragraph with no
    action has no action cells)."""
    return [cells.get(key, "") for key in keys]


def absolute(base_url: str, path: str) -> str:
    """`path` on the tracker as an absolute address (``base_url`` is the request's or the
    SITE_URL setting's scheme and host); the path alone when no base is known."""
    return base_url.rstrip("/") + path if base_url else path


def action_cells(a: dict, *, machine: bool, base_url: str = "") -> dict:
    """An action's cells, from an ``exports.report.action_entry``. `machine`: the CSV's coded
    values (verification "verified", responsible actors joined) rather than the labels people
    read in the workbook."""
    return {
        "action_id": a["id"],
        "action_key": a["key"],
        "action": a["title"],
        "paragraphs": "; ".join(a["paragraphs"]),
        "mandate_type": a["mandate_type_label"],
        # The CSV leaves the cell empty where no source names anyone; names are the reader's.
        "responsible": "; ".join(a["responsible_names"]) if machine else a["responsible_label"],
        "due_date": a["due_date"],
        "weight": a["weight"],
        "status": a["status"],
        "status_label": a["status_label"],
        "credit_percent": a["credit"],
        "recorded_progress": a["recorded_progress"],
        "overdue": a["is_overdue"],
        "stale": a["is_stale"],
        "latest_update_as_of": a["latest_as_of"],
        # The machine value ("verified") in the data file; the label where people read it.
        "latest_update_verification": a["verification"] if machine else a["verification_label"],
        "last_occurrence_on": a["last_occurrence_on"],
        "latest_note": a["note"],
        "evidence": a["evidence_text"],
        "last_reviewed_on": a["last_reviewed_on"],
        "url": absolute(base_url, a["url"]),
        "action_url": absolute(base_url, a["url"]),
        "continues": continued(a),
    }


def continued(a: dict) -> str:
    """The action `a` carries on, as the data files name it: "53/45-POL (key)"; "" for none."""
    earlier = a.get("continues")
    return f"{earlier['symbol']} ({earlier['key']})" if earlier else ""
