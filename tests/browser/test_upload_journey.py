"""Issue #12 journey: an editor downloads the spreadsheet template, fills it in with one bad row,
sees the preview name the row and column, fixes it, uploads it again and saves the rows as
drafts; attaches a PDF to one and submits both; the updates wait, unpublished, in a reviewer's
work queue; the reviewer publishes them; the editor is emailed (the live server runs in this
process, so Django's locmem backend puts the message in mail.outbox); the public action page
shows the new status and note, and the PDF downloads with the SHA-256 shown beside it matching
its bytes."""

import hashlib
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

NOTE = "Browser upload: the Network met for the first time."


@pytest.mark.django_db(transaction=True)
def test_upload_fix_submit_publish_email_public_page_and_checksum(
    live_seeded, page, browser, make_user, admin_login, shot, tmp_path, mailoutbox
):
    from django.contrib.auth.models import User
    from weasyprint import HTML

    from resolutions.models import Resolution, StatusUpdate

    base = live_seeded.url
    editor = make_user("ulla", "Editor")
    User.objects.filter(username="ulla").update(email="ulla@example.org")
    admin_login(page, base, *editor)
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
    # Saved as drafts this time: one still needs its PDF before it goes to review.
    page.get_by_label("Submit them for review at once").uncheck()
    page.get_by_role("button", name="Confirm and save as drafts").click()
    expect(page.locator(".messagelist")).to_contain_text("2 draft status updates created")
    updates = StatusUpdate.objects.filter(note=NOTE)
    assert sorted(u.action_id for u in updates) == sorted(ids)
    assert {u.state for u in updates} == {"draft"}
    first, second = (updates.get(action_id=action_id) for action_id in ids)

    # The evidence: a PDF attached to the first update's evidence row, then saved and submitted.
    pdf = tmp_path / "decree.pdf"
    pdf.write_bytes(HTML(string="<h1>Decree establishing the Network</h1>").write_pdf())
    page.goto(f"{base}/admin/resolutions/statusupdate/{first.pk}/change/")
    page.locator("#id_evidence-0-file").set_input_files(str(pdf))
    page.locator("#id_evidence-0-title").fill("Decree establishing the Network")
    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("Submitted for review")
    evidence = first.evidence.get()
    assert evidence.file_type == "pdf"
    assert evidence.file_sha256 == hashlib.sha256(pdf.read_bytes()).hexdigest()
    # The second goes as it is, from its page's "Submit for review".
    page.goto(f"{base}/admin/resolutions/statusupdate/{second.pk}/change/")
    page.locator("#workflow-steps").get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("The update was submitted for review.")
    assert {u.state for u in StatusUpdate.objects.filter(note=NOTE)} == {"submitted"}
    assert not StatusUpdate.objects.public().filter(note=NOTE).exists()
    shot(page, "upload-3-submitted")

    # A reviewer finds them in their work queue and publishes them.
    reviewer = browser.new_context(viewport={"width": 1280, "height": 900})
    other = reviewer.new_page()
    admin_login(other, base, *make_user("rita", "Reviewer"))
    other.goto(base + "/admin/")
    queue = other.locator("#work-queue tr", has_text="Status updates waiting for my review")
    expect(queue.locator(".work-queue-count")).to_have_text("2")
    queue.get_by_role("link").first.click()
    expect(other.locator("#result_list tbody tr")).to_have_count(2)
    shot(other, "upload-4-reviewer-queue")
    mailoutbox.clear()
    for update, verification in ((first, "Verified"), (second, "Reported")):
        other.goto(f"{base}/admin/resolutions/statusupdate/{update.pk}/change/")
        other.get_by_role("group", name="Publish as").get_by_label(verification).check()
        other.get_by_role("button", name="Publish", exact=True).click()
        expect(other.locator(".messagelist")).to_contain_text("published")
    shot(other, "upload-5-published")
    reviewer.close()
    assert StatusUpdate.objects.public().filter(note=NOTE).count() == 2

    # The author is told, once per update, with the address of the public page.
    to_author = [m for m in mailoutbox if m.to == ["ulla@example.org"]]
    assert len(to_author) == 2, [(m.to, m.subject) for m in mailoutbox]
    assert all(m.subject.startswith("[Tracker] Published:") for m in to_author)
    assert any(f"/en/actions/{first.action_id}/" in m.body for m in to_author)

    # The public, signed out, sees the new status and note, and downloads the PDF whose
    # SHA-256 is printed beside it.
    public = browser.new_context(viewport={"width": 1280, "height": 900})
    visitor = public.new_page()
    visitor.goto(f"{base}/en/actions/{first.action_id}/")
    entry = visitor.locator("li", has_text=NOTE).filter(has=visitor.locator(".evidence__file"))
    expect(entry).to_have_count(1)
    expect(visitor.locator("body")).to_contain_text("In progress")
    shown = entry.locator("code.sha256").inner_text().strip()
    assert re.fullmatch(r"[0-9a-f]{64}", shown)
    with visitor.expect_download() as download:
        entry.locator(".evidence__file").click()
    downloaded = tmp_path / "downloaded.pdf"
    download.value.save_as(downloaded)
    assert downloaded.read_bytes() == pdf.read_bytes()
    assert hashlib.sha256(downloaded.read_bytes()).hexdigest() == shown
    entry.scroll_into_view_if_needed()
    shot(visitor, "upload-6-public-page-with-checksum")
    public.close()
