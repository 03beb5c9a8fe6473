"""Spreadsheet updates (issue #12): a secretariat officer downloads an XLSX template with one row
per action, fills in new statuses, as-of dates, notes and evidence, uploads it, sees a preview
(what each row will change, and every error named by row and column), and confirms. The saved
rows become DRAFT status updates, created through the write path
(services.status_update_draft_create, optionally status_update_submit) so that a second person
reviews and publishes them. Nothing is written unless every row is valid.

Three steps, one set of rules:

- read_workbook(upload) → RawRow list: the sheet's cells as plain text (dates as YYYY-MM-DD),
  after the file checks (type from its content, size, unpacked size, number of rows, no
  formulas). The preview keeps these rows (in the session) until the officer confirms.
- preview(user=, rows=) → Plan: every row checked by actually creating its draft inside a
  transaction that is then rolled back, so the preview's errors are exactly the write path's.
- apply(user=, rows=, submit=) → the drafts: the same, committed, all or nothing (UploadError
  when any row fails: nothing is written).

Safety: the file must be an XLSX by its content (evidence_files.sniff), at most MAX_BYTES, with
at most MAX_UNPACKED_BYTES inside the zip (no zip bombs), MAX_SHEET_ROWS rows and MAX_CHANGES
filled rows. A cell holding a formula is refused (the officer types the value); the template
writes every text through exports.safety so nothing in it runs as a formula either.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO, TYPE_CHECKING, Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exports.safety import safe_xlsx_cell
from resolutions.evidence_files import sniff
from resolutions.models import Action, Resolution, SourceDocument, StatusUpdate
from resolutions.status import RECORDABLE, Status
from workflow import roles

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.db.models import QuerySet

    from workflow.roles import Person

MAX_BYTES = 2 * 1024 * 1024
MAX_UNPACKED_BYTES = 30 * 1024 * 1024
MAX_SHEET_ROWS = 2000
MAX_CHANGES = 200

# (key, label). Keys never change; labels are shown in the officer's language. A column is
# recognised by its key or by its label in any of the site's languages.
REFERENCE_COLUMNS = [
    ("action_id", gettext_lazy("Action ID")),
    ("resolution", gettext_lazy("Resolution")),
    ("action", gettext_lazy("Action")),
    ("current_status", gettext_lazy("Current status")),
]
INPUT_COLUMNS = [
    ("status", gettext_lazy("New status")),
    ("progress", gettext_lazy("Progress (%)")),
    ("as_of", gettext_lazy("As of (YYYY-MM-DD)")),
    ("note", gettext_lazy("Note")),
    ("evidence_url", gettext_lazy("Evidence URL")),
    ("evidence_source", gettext_lazy("Evidence source key")),
    ("evidence_locator", gettext_lazy("Page or section")),
]
COLUMNS = REFERENCE_COLUMNS + INPUT_COLUMNS
INPUT_KEYS = [key for key, _label in INPUT_COLUMNS]
# Where the write path's errors (by model field) are shown.
FIELD_COLUMNS = {
    "action": "action_id",
    "status": "status",
    "progress": "progress",
    "as_of": "as_of",
    "note": "note",
    "url": "evidence_url",
    "source": "evidence_source",
    "locator": "evidence_locator",
    "evidence": "evidence_url",
}
SHEET_NAME = "Status updates"


class UploadError(ValidationError):
    """The file cannot be read, or (on apply) a row is not valid. Nothing was written."""


@dataclass
class RawRow:
    """One filled row of the sheet: its number as the spreadsheet shows it and its cells as
    text (what the session keeps between preview and confirmation)."""

    number: int
    cells: dict[str, str]

    def as_dict(self) -> dict[str, Any]:
        return {"number": self.number, "cells": self.cells}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RawRow:
        return cls(number=int(data["number"]), cells={k: str(v) for k, v in data["cells"].items()})


@dataclass
class RowResult:
    number: int
    action: Action | None = None
    current_status: str = ""
    status_label: str = ""
    progress: int | None = None
    as_of: date | None = None
    note: str = ""
    evidence: list[Any] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column label, message)

    def error(self, column_key: str, message: Any) -> None:
        self.errors.append((column_label(column_key), str(message)))


@dataclass
class Plan:
    rows: list[RowResult]

    @property
    def errors(self) -> list[tuple[int, str, str]]:
        return [(row.number, label, message) for row in self.rows for label, message in row.errors]

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.errors


def column_label(key: str) -> str:
    return str(dict(COLUMNS).get(key, _("whole row")))


def _header_names() -> dict[str, str]:
    """{normalised header text: key} for every key and every language's label."""
    from django.conf import settings

    names = {key: key for key, _label in COLUMNS}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            names.update({_normal(str(label)): key for key, label in COLUMNS})
    return names


def _normal(text: Any) -> str:
    return " ".join(str(text).split()).casefold()


# --- The template ---------------------------------------------------------------------------


def template_actions(user: Person, resolution: Resolution | None = None) -> QuerySet[Action]:
    actions = roles.actions_in_scope(user, Action.objects.all())
    if resolution is not None:
        actions = actions.filter(resolution=resolution)
    return (
        actions.with_status(timezone.localdate())  # type: ignore[attr-defined]
        .select_related("resolution")
        .order_by("resolution__symbol", "id")
    )


def render_template(actions: QuerySet[Action]) -> bytes:
    """The XLSX an officer fills in: one row per action (reference columns first, then the
    columns to fill), a drop-down of the statuses an update may record, and a second sheet
    that explains each column. Every text cell is formula-safe."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    if translation.get_language_bidi():
        sheet.sheet_view.rightToLeft = True
    sheet.append([str(label) for _key, label in COLUMNS])
    grey = PatternFill("solid", fgColor="EEEEEE")
    for index, (key, _label) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        if key not in INPUT_KEYS:
            cell.fill = grey
    statuses = {s.value: s.label for s in Status}
    n = 0
    for action in actions[: MAX_SHEET_ROWS + 1]:
        n += 1
        if n > MAX_SHEET_ROWS:
            raise UploadError(
                _("More than %(n)d actions: choose one resolution for the template.")
                % {"n": MAX_SHEET_ROWS}
            )
        current = getattr(action, "current_status", "") or ""
        sheet.append(
            [
                action.pk,
                safe_xlsx_cell(action.resolution.symbol),
                safe_xlsx_cell(action.title),
                safe_xlsx_cell(str(statuses.get(current, current))),
            ]
        )
    # The statuses an update may record, in the officer's language, as a drop-down.
    lists = workbook.create_sheet(_("Statuses")[:31])
    for status in RECORDABLE:
        lists.append([safe_xlsx_cell(str(status.label)), status.value])
    status_column = get_column_letter(COLUMNS.index(("status", dict(COLUMNS)["status"])) + 1)
    choice = DataValidation(
        type="list",
        formula1=f"'{lists.title}'!$A$1:$A${len(RECORDABLE)}",
        allow_blank=True,
        showErrorMessage=False,
    )
    sheet.add_data_validation(choice)
    choice.add(f"{status_column}2:{status_column}{max(n, 1) + 1}")
    help_sheet = workbook.create_sheet(_("How to fill it in")[:31])
    for line in instructions():
        help_sheet.append([safe_xlsx_cell(line)])
    for index, (key, _label) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = 60 if key == "note" else 22
    sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def instructions() -> list[str]:
    return [
        _("One row per action. Fill in only the rows of actions whose status you are updating;"),
        _("rows whose columns to fill are all empty are left unchanged."),
        _("New status: choose from the list (or type its code)."),
        _("Progress (%): 0–100, only where a sourced figure exists; otherwise leave it empty."),
        _("As of: the date the assessment describes, written YYYY-MM-DD."),
        _("Note: what the evidence shows (at most %(n)d characters).")
        % {"n": StatusUpdate._meta.get_field("note").max_length},
        _("Evidence: an address (URL) and/or the key of a source already in the tracker."),
        _("Formulas are not accepted: type the values."),
        _("Each saved row becomes a draft that a second person reviews before it is public."),
    ]


# --- Reading the file -----------------------------------------------------------------------


def read_workbook(upload: IO[bytes]) -> list[RawRow]:
    """The filled rows of an uploaded template, as text. Raises UploadError (with every problem
    found, each naming its row and column) when the file cannot be used."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise UploadError(
            _("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise UploadError(
            _("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    if sniff(data) != "xlsx":
        raise UploadError(_("This is not an XLSX workbook; upload the template, filled in."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise UploadError(_("The workbook cannot be read.")) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise UploadError(_("The workbook is too large once unpacked."))
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise UploadError(_("The workbook cannot be read.")) from error
    try:
        sheet = (
            workbook[SHEET_NAME] if SHEET_NAME in workbook.sheetnames else workbook.worksheets[0]
        )
        return _read_sheet(sheet)
    finally:
        workbook.close()


def _read_sheet(sheet: Any) -> list[RawRow]:
    known = _header_names()
    rows = sheet.iter_rows(max_row=MAX_SHEET_ROWS + 2)
    header = next(rows, None)
    columns: dict[int, str] = {}
    for index, cell in enumerate(header or ()):
        key = known.get(_normal(cell.value)) if cell.value is not None else None
        if key and key not in columns.values():
            columns[index] = key
    missing = [
        key for key in ("action_id", "status", "as_of", "note") if key not in columns.values()
    ]
    if missing:
        raise UploadError(
            _("The first row must name the template's columns; missing: %(columns)s.")
            % {"columns": ", ".join(column_label(key) for key in missing)}
        )
    problems = []
    found = []
    for number, cells in enumerate(rows, start=2):
        if number > MAX_SHEET_ROWS + 1:
            raise UploadError(
                _("The sheet has more than %(n)d rows; split it into several files.")
                % {"n": MAX_SHEET_ROWS}
            )
        values: dict[str, str] = {}
        for index, cell in enumerate(cells):
            key = columns.get(index)
            if key is None or key in ("resolution", "action", "current_status"):
                continue
            if getattr(cell, "data_type", None) == "f":
                problems.append(
                    _("Row %(row)d, %(column)s: formulas are not accepted; type the value.")
                    % {"row": number, "column": column_label(key)}
                )
                continue
            values[key] = _as_text(cell.value)
        if not any(values.get(key) for key in INPUT_KEYS):
            continue  # nothing to change in this row
        found.append(RawRow(number=number, cells=values))
        if len(found) > MAX_CHANGES:
            raise UploadError(
                _("More than %(n)d rows are filled in; split them into several files.")
                % {"n": MAX_CHANGES}
            )
    if problems:
        raise UploadError(problems)
    if not found:
        raise UploadError(_("No row is filled in: nothing would change."))
    return found


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# --- Checking and saving --------------------------------------------------------------------


def _status_names() -> dict[str, Status]:
    from django.conf import settings

    names: dict[str, Status] = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            names.update({_normal(str(s.label)): s for s in RECORDABLE})
    names.update({s.value: s for s in RECORDABLE})
    return names


def _parse(
    raw: RawRow,
    result: RowResult,
    *,
    seen: dict[int, int],
    user: User,
    statuses: dict[str, Status],
    current: dict[int, str],
) -> dict[str, Any] | None:
    """The service's arguments for one row, or None after recording its errors on `result`."""
    cells = raw.cells
    text = cells.get("action_id", "")
    action = None
    if not text.isdigit():
        result.error("action_id", _("Give the action's ID (a number) as in the template."))
    else:
        action = Action.objects.select_related("resolution").filter(pk=int(text)).first()
        if action is None:
            result.error("action_id", _("There is no action %(id)s.") % {"id": text})
        elif action.pk in seen:
            result.error(
                "action_id",
                _("Action %(id)s is already updated in row %(row)d; one row per action.")
                % {"id": text, "row": seen[action.pk]},
            )
            action = None
        else:
            seen[action.pk] = raw.number
            result.action = action
            result.current_status = str(current.get(action.pk, ""))
    status = statuses.get(_normal(cells.get("status", "")))
    if status is None:
        result.error(
            "status",
            _("Choose one of: %(choices)s.")
            % {"choices": ", ".join(str(s.label) for s in RECORDABLE)}
            if cells.get("status")
            else _("Give the new status."),
        )
    else:
        result.status_label = str(status.label)
    progress = None
    if cells.get("progress", ""):
        try:
            progress = int(cells["progress"].rstrip("%").strip())
        except ValueError:
            result.error("progress", _("Write a whole number from 0 to 100, or leave it empty."))
        result.progress = progress
    as_of = None
    try:
        as_of = date.fromisoformat(cells.get("as_of", "")[:10])
    except ValueError:
        result.error("as_of", _("Write the date as YYYY-MM-DD."))
    result.as_of = as_of
    result.note = cells.get("note", "")
    evidence: dict[str, Any] = {}
    if cells.get("evidence_url"):
        evidence["url"] = cells["evidence_url"]
    if cells.get("evidence_source"):
        source = SourceDocument.objects.filter(key=cells["evidence_source"]).first()
        if source is None:
            result.error(
                "evidence_source",
                _("No source has the key “%(key)s”; add it in Sources first, or give a URL.")
                % {"key": cells["evidence_source"]},
            )
        else:
            evidence["source"] = source
    if cells.get("evidence_locator"):
        evidence["locator"] = cells["evidence_locator"]
    if not cells.get("evidence_url") and not cells.get("evidence_source"):
        result.error(
            "evidence_url", _("Give at least one piece of evidence: a URL or a source key.")
        )
    result.evidence = [text for text in (cells.get("evidence_url"), evidence.get("source")) if text]
    if result.errors or status is None:  # no status is an error recorded above
        return None
    return {
        "user": user,
        "action": action,
        "status": status.value,
        "progress": progress,
        "as_of": as_of,
        "note": result.note,
        "evidence": [evidence],
    }


def _record(result: RowResult, error: ValidationError | PermissionDenied) -> None:
    if isinstance(error, PermissionDenied):
        result.error("action_id", error)
        return
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            for message in errors:
                result.error(FIELD_COLUMNS.get(name, _constraint_column(message)), message)
    else:
        for message in error.messages:
            result.error(_constraint_column(message), message)


def _constraint_column(message: str) -> str:
    """The column a model constraint's refusal is about: the first field its condition names
    (one home for the rule: the constraint itself)."""
    for constraint in StatusUpdate._meta.constraints:
        if str(getattr(constraint, "violation_error_message", "")) == message:
            for name in _condition_fields(getattr(constraint, "condition", None)):
                if name in FIELD_COLUMNS:
                    return FIELD_COLUMNS[name]
    return NON_FIELD_ERRORS


def _condition_fields(condition: Any) -> list[str]:
    if condition is None:
        return []
    names = []
    for child in getattr(condition, "children", []):
        if isinstance(child, tuple):
            names.append(child[0].split("__")[0])
        else:
            names.extend(_condition_fields(child))
    return names


def _run(
    *, user: User, rows: list[RawRow], submit: bool
) -> tuple[list[RowResult], list[StatusUpdate]]:
    """Create each row's draft through the write path; one savepoint per row so that a refused
    row leaves the others to be checked. Returns (results, drafts)."""
    from workflow import services

    roles.require(roles.can_draft(user), _("You may not record status updates."))
    statuses = _status_names()
    ids = [int(r.cells["action_id"]) for r in rows if r.cells.get("action_id", "").isdigit()]
    labels = {s.value: s.label for s in Status}
    current = {
        a.pk: labels.get(a.current_status, a.current_status)
        for a in Action.objects.filter(pk__in=ids).with_status(  # type: ignore[attr-defined]
            timezone.localdate()
        )
    }
    seen: dict[int, int] = {}
    results: list[RowResult] = []
    drafts: list[StatusUpdate] = []
    for raw in rows:
        result = RowResult(number=raw.number)
        results.append(result)
        params = _parse(raw, result, seen=seen, user=user, statuses=statuses, current=current)
        if params is None:
            continue
        try:
            with transaction.atomic():
                draft = services.status_update_draft_create(**params)
                if submit:
                    services.status_update_submit(user=user, update=draft)
        except (ValidationError, PermissionDenied) as error:
            _record(result, error)
        else:
            drafts.append(draft)
    return results, drafts


def preview(*, user: User, rows: list[RawRow]) -> Plan:
    """What confirming would do, row by row, with every error; writes nothing."""
    with transaction.atomic():
        results, _drafts = _run(user=user, rows=rows, submit=False)
        transaction.set_rollback(True)
    return Plan(rows=results)


@transaction.atomic
def apply(*, user: User, rows: list[RawRow], submit: bool = False) -> list[StatusUpdate]:
    """Create the drafts (and submit them for review when `submit`), all or nothing."""
    results, drafts = _run(user=user, rows=rows, submit=submit)
    plan = Plan(rows=results)
    if not plan.is_valid:
        # Raising rolls back every draft this call created (and their queued emails).
        raise UploadError(
            [
                _("Row %(row)d, %(column)s: %(message)s")
                % {"row": number, "column": label, "message": message}
                for number, label, message in plan.errors
            ]
            or [_("No row is filled in: nothing would change.")]
        )
    return drafts
