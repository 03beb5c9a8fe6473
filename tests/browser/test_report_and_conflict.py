"""Journey 5: the PDF and XLSX report for a past date download and open with the right statuses.
Journey 6: two people edit the same action in the admin; the second save is refused with the
conflict message instead of silently overwriting the first."""

import io
import re

import pytest
from playwright.sync_api import expect

NETWORK = "Form a Network of OIC Mediators, Special Envoys and Experts"
CONTACT_GROUP = "Establish the Contact Group of Friends of Mediation"


def _download(page, link_name, tmp_path):
    with page.expect_download(timeout=15_000) as info:
        page.get_by_role("link", name=link_name, exact=True).first.click()
    download = info.value
    assert download.failure() is None
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    return target


CHANGES = "/resolutions/53-45-pol/changes/?from=2018-06-01&to=2018-11-29"
EXPECTED = ((NETWORK, "In progress"), (CONTACT_GROUP, "Completed"))


@pytest.mark.django_db(transaction=True)
def test_report_pdf_for_a_past_date(live_seeded, page, shot, tmp_path):
    from pypdf import PdfReader

    # The "what changed" page links the full reports as of its end date.
    page.goto(live_seeded.url + CHANGES)
    shot(page, "report-1-changes")
    pdf = _download(page, "PDF", tmp_path)
    assert pdf.name == "53-45-POL-progress-2018-11-29.pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    text = " ".join(text.split())
    assert "29 November 2018" in text or "2018-11-29" in text
    for title, status in EXPECTED:
        # The paragraph table's row (title, mandate type, responsible, then the status), or the
        # conclusions' line "<status> (n): <title>; …". In the portrait table a long title wraps,
        # and the extracted text can put the status before or after its pieces.
        assert re.search(re.escape(title) + r".{0,160}?" + status, text) or re.search(
            re.escape(status) + r" [()]\d+[()]: [^.]*" + re.escape(title), text
        ), (title, status)


@pytest.mark.django_db(transaction=True)
def test_report_xlsx_for_a_past_date(live_seeded, page, tmp_path):
    from openpyxl import load_workbook

    page.goto(live_seeded.url + CHANGES)
    xlsx = _download(page, "XLSX", tmp_path)
    assert xlsx.name == "53-45-POL-progress-2018-11-29.xlsx"
    rows = [
        [str(c) for c in row if c is not None]
        for ws in load_workbook(xlsx, read_only=True).worksheets
        for row in ws.iter_rows(values_only=True)
    ]
    for title, status in EXPECTED:
        matching = [r for r in rows if title in r]
        assert matching, title
        # Its row in the paragraph table carries the status (occurrence rows carry none).
        assert any(status in r for r in matching), (title, matching)


@pytest.mark.django_db(transaction=True)
def test_second_save_of_the_same_action_gets_the_conflict_message(
    live_seeded, browser, make_user, admin_login, shot
):
    from resolutions.models import Action

    base = live_seeded.url
    network = Action.objects.get(resolution__slug="53-45-pol", key="network")
    url = f"{base}/admin/resolutions/action/{network.pk}/change/"
    pages = []
    for name in ("amal", "bilal"):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        admin_login(page, base, *make_user(name, "Administrator"))
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_contain_text("Change action")
        pages.append(page)
    first, second = pages

    first.locator("#id_description").fill("Edited first, by Amal.")
    second.locator("#id_description").fill("Edited second, by Bilal.")
    first.get_by_role("button", name="Save", exact=True).click()
    expect(first.locator(".messagelist")).to_contain_text("changed successfully")

    second.get_by_role("button", name="Save", exact=True).click()
    expect(second.locator("body")).to_contain_text("Someone else saved this action")
    expect(second.locator("body")).to_contain_text("amal")
    shot(second, "conflict-second-save")
    network.refresh_from_db()
    assert network.description == "Edited first, by Amal."
    for page in pages:
        page.context.close()
