"""Issue #12 journey: an editor downloads the spreadsheet template, fills it in with one bad row,
sees the preview name the row and column, fixes it, uploads it again and confirms; the updates
wait, unpublished, in a reviewer's work queue."""

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

NOTE = "Browser upload: the Network met for the first time."


@pytest.mark.django_db(transaction=True)
def test_upload_preview_fix_confirm_and_the_reviewers_queue(
    live_seeded, page, browser, make_user, admin_login, shot, tmp_path
):
    from resolutions.models import Resolution, StatusUpdate

    base = live_seeded.url
    admin_login(page, base, *make_user("ulla", "Editor"))
    page.goto(base + "/admin/resolutions/statusupdate/")
    page.get_by_role("link", name="Update from a spreadsheet").click()
    page.locator("#id_resolution").select_option(str(Resolution.objects.get(slug="53-45-pol").pk))
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the template (XLSX)").click()
    template = tmp_path / "template.xlsx"
    download.value.save_as(template)

    book = load_workbook(template)
    sheet = book["Status updates"]
    header = [c.value for c in sheet[1]]
    column = {name: header.index(name) + 1 for name in header}
    assert sheet.max_row >= 3
    ids = [sheet.cell(row=2, column=1).value, sheet.cell(row=3, column=1).value]
    for number, as_of in ((2, "2024-03-01"), (3, "2099-01-01")):  # row 3: in the future
        sheet.cell(row=number, column=column["New status"], value="In progress")
        sheet.cell(row=number, column=column["As of (YYYY-MM-DD)"], value=as_of)
        sheet.cell(row=number, column=column["Note"], value=NOTE)
        sheet.cell(row=number, column=column["Evidence URL"], value="https://example.org/met")
    filled = tmp_path / "filled.xlsx"
    book.save(filled)

    page.locator("#id_file").set_input_files(str(filled))
    page.get_by_role("button", name="Check and preview").click()
    expect(page.locator("#upload-errors")).to_contain_text("Row 3, As of (YYYY-MM-DD):")
    expect(page.get_by_role("button", name="Confirm and save as drafts")).to_have_count(0)
    shot(page, "upload-1-preview-with-error")
    assert not StatusUpdate.objects.filter(note=NOTE).exists()

    sheet.cell(row=3, column=column["As of (YYYY-MM-DD)"], value="2024-03-02")
    book.save(filled)
    page.locator("#id_file").set_input_files(str(filled))
    page.get_by_role("button", name="Check and preview").click()
    expect(page.locator("#upload-summary")).to_contain_text("All 2 rows are valid")
    expect(page.locator("#upload-rows")).to_contain_text("In progress")
    shot(page, "upload-2-preview-valid")
    assert not StatusUpdate.objects.filter(note=NOTE).exists()
    page.get_by_role("button", name="Confirm and save as drafts").click()
    expect(page.locator(".messagelist")).to_contain_text("2 status updates submitted for review")

    updates = StatusUpdate.objects.filter(note=NOTE)
    assert sorted(u.action_id for u in updates) == sorted(ids)
    assert {u.state for u in updates} == {"submitted"}
    assert not StatusUpdate.objects.public().filter(note=NOTE).exists()

    # A reviewer finds them in their work queue.
    reviewer = browser.new_context(viewport={"width": 1280, "height": 900})
    other = reviewer.new_page()
    admin_login(other, base, *make_user("rita", "Reviewer"))
    other.goto(base + "/admin/")
    queue = other.locator("#work-queue tr", has_text="Status updates waiting for my review")
    expect(queue.locator(".work-queue-count")).to_have_text("2")
    queue.get_by_role("link").first.click()
    expect(other.locator("#result_list tbody tr")).to_have_count(2)
    shot(other, "upload-3-reviewer-queue")
    reviewer.close()
