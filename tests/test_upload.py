"""Issue #12, spreadsheet updates (workflow/upload.py): template → filled file → preview with
row-and-column errors → confirmation → DRAFT status updates through the write path, all or
nothing, for a second person to review."""

import io
import zipfile
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from resolutions.models import StatusUpdate
from tests import factories as f
from tests import staff
from workflow import services, upload
from workflow.upload_views import SESSION_KEY

pytestmark = pytest.mark.django_db

HEADER = [
    "Action ID",
    "Resolution",
    "Action",
    "Current status",
    "New status",
    "Progress (%)",
    "As of (YYYY-MM-DD)",
    "Note",
    "Evidence URL",
    "Evidence source key",
    "Page or section",
]


def workbook(*rows, header=HEADER):
    book = Workbook()
    sheet = book.active
    sheet.title = upload.SHEET_NAME
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def row(action, status="In progress", as_of="2024-03-01", note="Roster launched.", **kw):
    return [
        action.pk,
        "",
        "",
        "",
        status,
        kw.get("progress"),
        as_of,
        note,
        kw.get("url", "https://example.org/roster"),
        kw.get("source", ""),
        kw.get("locator", ""),
    ]


def xlsx(data, name="updates.xlsx"):
    return SimpleUploadedFile(name, data)


@pytest.fixture
def setting():
    resolution = f.resolution(adopted_on=date(2018, 5, 5))
    return resolution, f.action(resolution), f.action(resolution)


def test_valid_rows_become_drafts_and_nothing_public(setting):
    resolution, first, second = setting
    editor = staff.user("editor")
    source = f.source(key="annual-report-2024")
    rows = upload.read_workbook(
        xlsx(
            workbook(
                row(first),
                row(
                    second, status="completed", url="", source="annual-report-2024", locator="p. 4"
                ),
            )
        )
    )
    plan = upload.preview(user=editor, rows=rows)
    assert plan.is_valid, plan.errors
    assert not StatusUpdate.objects.filter(
        action__in=[first, second]
    ).exists()  # preview wrote nothing
    assert [r.status_label for r in plan.rows] == ["In progress", "Completed"]
    assert [r.current_status for r in plan.rows] == ["Not yet assessed", "Not yet assessed"]

    drafts = upload.apply(user=editor, rows=rows)
    assert len(drafts) == 2
    stored = {u.action_id: u for u in StatusUpdate.objects.filter(action__in=[first, second])}
    assert {u.state for u in stored.values()} == {"draft"}
    assert {u.author for u in stored.values()} == {editor}
    assert stored[first.pk].evidence.get().url == "https://example.org/roster"
    evidence = stored[second.pk].evidence.get()
    assert (evidence.source, evidence.locator) == (source, "p. 4")
    assert not StatusUpdate.objects.public().filter(action__in=[first, second]).exists()


def test_submitted_rows_wait_for_a_second_person(setting):
    _resolution, first, _second = setting
    editor, reviewer = staff.user("editor"), staff.user("reviewer")
    rows = upload.read_workbook(xlsx(workbook(row(first))))
    [draft] = upload.apply(user=editor, rows=rows, submit=True)
    draft.refresh_from_db()
    assert draft.state == "submitted"
    with pytest.raises(PermissionDenied):
        services.status_update_publish(user=editor, update=draft, verification="verified")
    services.status_update_publish(user=reviewer, update=draft, verification="verified")
    assert StatusUpdate.objects.public().filter(action=first).count() == 1


def test_one_bad_row_saves_nothing_and_names_row_and_column(setting):
    _resolution, first, second = setting
    editor = staff.user("editor")
    rows = upload.read_workbook(
        xlsx(workbook(row(first), row(second, as_of="2099-01-01"), row(second, status="Finished")))
    )
    plan = upload.preview(user=editor, rows=rows)
    assert not plan.is_valid
    errors = {(number, column) for number, column, _message in plan.errors}
    # Row 3: the write path's own date rule; row 4: unknown status and the same action twice.
    assert (3, "As of (YYYY-MM-DD)") in errors
    assert (4, "New status") in errors and (4, "Action ID") in errors
    with pytest.raises(upload.UploadError) as refused:
        upload.apply(user=editor, rows=rows)
    assert any(m.startswith("Row 3, As of (YYYY-MM-DD):") for m in refused.value.messages)
    assert not StatusUpdate.objects.filter(action__in=[first, second]).exists()


@pytest.mark.parametrize(
    ("changes", "column"),
    [
        ({"as_of": "2017-01-01"}, "As of (YYYY-MM-DD)"),  # before adoption
        ({"as_of": "01/03/2024"}, "As of (YYYY-MM-DD)"),
        ({"note": ""}, "Note"),
        ({"note": "x" * 5001}, "Note"),
        ({"url": "javascript:alert(1)"}, "Evidence URL"),
        ({"url": ""}, "Evidence URL"),
        ({"url": "", "source": "no-such-source"}, "Evidence source key"),
        ({"status": "Not started", "progress": 40}, "Progress (%)"),
        ({"progress": "half"}, "Progress (%)"),
        ({"status": "Not yet due"}, "New status"),  # derived, never recorded
    ],
)
def test_each_rule_is_reported_on_its_column(setting, changes, column):
    _resolution, first, _second = setting
    values = {"status": "In progress", "as_of": "2024-03-01", "note": "Roster launched."}
    values.update({k: v for k, v in changes.items() if k in values})
    extra = {k: v for k, v in changes.items() if k not in values}
    rows = upload.read_workbook(xlsx(workbook(row(first, **values, **extra))))
    plan = upload.preview(user=staff.user("editor"), rows=rows)
    assert column in {c for _n, c, _m in plan.errors}, plan.errors


def test_an_editor_outside_their_assignment_is_refused(setting):
    resolution, first, _second = setting
    other = f.resolution(adopted_on=date(2018, 5, 5))
    editor = staff.user("editor")
    staff.assign(editor, resolution=other)
    plan = upload.preview(user=editor, rows=upload.read_workbook(xlsx(workbook(row(first)))))
    assert [(n, c) for n, c, _m in plan.errors] == [(2, "Action ID")]
    assert not StatusUpdate.objects.filter(action=first).exists()


def test_a_viewer_may_not_upload(setting):
    _resolution, first, _second = setting
    rows = upload.read_workbook(xlsx(workbook(row(first))))
    with pytest.raises(PermissionDenied) as refused:
        upload.apply(user=staff.user("viewer"), rows=rows)
    assert "may not" in str(refused.value)
    assert not StatusUpdate.objects.filter(action=first).exists()


def test_formulas_are_refused(setting):
    _resolution, first, _second = setting
    data = workbook(row(first, note='=HYPERLINK("http://evil.example","click")'))
    with pytest.raises(upload.UploadError) as refused:
        upload.read_workbook(xlsx(data))
    assert "Row 2, Note: formulas are not accepted" in refused.value.messages[0]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.4 not a workbook", "not an XLSX"),
        (b"", "not an XLSX"),
        (b"PK\x03\x04broken", "not an XLSX"),
    ],
)
def test_files_that_are_not_workbooks_are_refused(data, message):
    with pytest.raises(upload.UploadError) as refused:
        upload.read_workbook(xlsx(data))
    assert message in " ".join(refused.value.messages)


def test_size_and_row_caps(setting, monkeypatch):
    _resolution, first, second = setting
    monkeypatch.setattr(upload, "MAX_BYTES", 1000)
    with pytest.raises(upload.UploadError, match="larger than"):
        upload.read_workbook(xlsx(workbook(row(first))))
    monkeypatch.setattr(upload, "MAX_BYTES", 2 * 1024 * 1024)
    monkeypatch.setattr(upload, "MAX_CHANGES", 1)
    with pytest.raises(upload.UploadError, match="More than 1 rows"):
        upload.read_workbook(xlsx(workbook(row(first), row(second))))
    monkeypatch.setattr(upload, "MAX_SHEET_ROWS", 3)
    blank = [None] * len(HEADER)
    with pytest.raises(upload.UploadError, match="more than 3 rows"):
        upload.read_workbook(xlsx(workbook(blank, blank, blank, row(first))))


def test_a_zip_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(upload, "MAX_UNPACKED_BYTES", 10_000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/padding.xml", "0" * 100_000)
    with pytest.raises(upload.UploadError, match="too large once unpacked"):
        upload.read_workbook(xlsx(buffer.getvalue()))


def test_headers_in_french_are_recognised_and_missing_columns_named(setting):
    _resolution, first, _second = setting
    with pytest.raises(upload.UploadError, match="missing: Note"):
        upload.read_workbook(xlsx(workbook(row(first)[:7], header=HEADER[:7])))
    keys = ["action_id", "resolution", "action", "current_status", *upload.INPUT_KEYS]
    rows = upload.read_workbook(xlsx(workbook(row(first), header=keys)))
    assert rows[0].cells["status"] == "In progress"


def test_the_template_lists_the_users_actions_safely(setting):
    resolution, first, second = setting
    first.title = '=HYPERLINK("http://evil.example","x")'
    first.save()
    editor = staff.user("editor")
    data = upload.render_template(upload.template_actions(editor, resolution))
    sheet = load_workbook(io.BytesIO(data))[upload.SHEET_NAME]
    assert [c.value for c in sheet[1]] == HEADER
    ids = [sheet.cell(row=n, column=1).value for n in range(2, sheet.max_row + 1)]
    assert ids == [first.pk, second.pk]
    title = sheet.cell(row=2, column=3)
    assert title.data_type != "f" and title.value.startswith("'=")
    # The template, filled in, goes straight back in.
    sheet.cell(row=2, column=5, value="In progress")
    sheet.cell(row=2, column=7, value=date(2024, 3, 1))
    sheet.cell(row=2, column=8, value="Roster launched.")
    sheet.cell(row=2, column=9, value="https://example.org/roster")
    buffer = io.BytesIO()
    sheet.parent.save(buffer)
    rows = upload.read_workbook(xlsx(buffer.getvalue()))
    assert [(r.number, r.cells["as_of"]) for r in rows] == [(2, "2024-03-01")]
    assert upload.preview(user=editor, rows=rows).is_valid


# --- The admin pages ------------------------------------------------------------------------


def test_admin_upload_preview_confirm(client, setting):
    _resolution, first, second = setting
    editor = staff.user("editor")
    staff.client_for(client, editor)
    page = client.get(reverse("status_update_upload"))
    assert page.status_code == 200
    template = client.get(reverse("status_update_upload_template"))
    assert template.status_code == 200
    assert template["Content-Disposition"].startswith("attachment;")
    preview = client.post(
        reverse("status_update_upload_preview"),
        {"file": xlsx(workbook(row(first), row(second, status="Not started")))},
    )
    body = preview.content.decode()
    assert preview.status_code == 200 and "All 2 rows are valid" in body
    assert not StatusUpdate.objects.filter(action__in=[first, second]).exists()
    token = client.session[SESSION_KEY]["token"]
    done = client.post(
        reverse("status_update_upload_confirm"), {"token": token, "submit_for_review": "1"}
    )
    assert done.status_code == 302 and done.url == reverse("admin:index")
    updates = StatusUpdate.objects.filter(action__in=[first, second])
    assert sorted(u.state for u in updates) == ["submitted", "submitted"]
    assert SESSION_KEY not in client.session
    # The same confirmation twice saves nothing more.
    again = client.post(reverse("status_update_upload_confirm"), {"token": token})
    assert again.status_code == 302 and updates.count() == 2


def test_admin_preview_shows_row_errors_and_offers_no_confirmation(client, setting):
    _resolution, first, _second = setting
    staff.client_for(client, staff.user("editor"))
    preview = client.post(
        reverse("status_update_upload_preview"),
        {"file": xlsx(workbook(row(first, as_of="2099-01-01")))},
    )
    body = preview.content.decode()
    assert "Row 2, As of (YYYY-MM-DD):" in body and "in the future" in body
    assert "status_update_upload_confirm" not in body and 'name="token"' not in body
    assert SESSION_KEY not in client.session
    refused = client.post(reverse("status_update_upload_confirm"), {"token": "guess"})
    assert refused.status_code == 302
    assert not StatusUpdate.objects.filter(action=first).exists()


def test_admin_bad_files_get_a_clear_page_not_a_500(client):
    staff.client_for(client, staff.user("editor"))
    url = reverse("status_update_upload_preview")
    assert client.post(url, {}).status_code == 400
    page = client.post(url, {"file": xlsx(b"not a workbook", "x.xlsx")})
    assert page.status_code == 400 and "not an XLSX workbook" in page.content.decode()


def test_admin_upload_is_post_only_and_for_drafters(client):
    staff.client_for(client, staff.user("editor"))
    assert client.get(reverse("status_update_upload_preview")).status_code == 405
    assert client.get(reverse("status_update_upload_confirm")).status_code == 405
    client.logout()
    staff.client_for(client, staff.user("viewer"))
    assert client.get(reverse("status_update_upload")).status_code == 403
    assert client.get(reverse("status_update_upload_template")).status_code == 403
    client.logout()
    anonymous = client.get(reverse("status_update_upload"))
    assert anonymous.status_code == 302 and "login" in anonymous.url


def test_the_status_update_list_links_the_upload(client):
    staff.client_for(client, staff.user("editor"))
    page = client.get(reverse("admin:resolutions_statusupdate_changelist"))
    assert reverse("status_update_upload") in page.content.decode()
