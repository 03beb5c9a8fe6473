"""The one read path behind every per-resolution export, as a package (#16):

- ``snapshot``: reads everything about one resolution as it stood on a date (``snapshot()``);
- ``languages``: the report's text in the active language (``Shown``, labels);
- ``entries``: one action, evidence, occurrence, source or roll-up as every export shows it;
- ``progress``: ``build_report``, the computed progress report behind the PDF, XLSX, CSV and
  the brief (paragraphs, actions, occurrences, figures, numbered sources, conclusions);
- ``open_data``: ``build_dataset``, the open-data JSON in the loader's own file format.

The names below are the package's public interface; import them from ``exports.report``.
"""

from .entries import (
    action_entry,
    evidence_entry,
    evidence_text,
    occurrence_date,
    participation_text,
    responsible_label,
    rollup_entry,
    source_entry,
    verifier,
)
from .languages import NO_PARAGRAPH, NOT_STATED, Shown, language_name, translation_provenance
from .open_data import build_dataset
from .progress import build_report, conclusions
from .snapshot import Snapshot, snapshot

__all__ = [
    "NO_PARAGRAPH",
    "NOT_STATED",
    "Shown",
    "Snapshot",
    "action_entry",
    "build_dataset",
    "build_report",
    "conclusions",
    "evidence_entry",
    "evidence_text",
    "language_name",
    "occurrence_date",
    "participation_text",
    "responsible_label",
    "rollup_entry",
    "snapshot",
    "source_entry",
    "translation_provenance",
    "verifier",
]
