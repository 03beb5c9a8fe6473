"""Journey 2: the diplomat's journey in Arabic, under /ar/. Right-to-left is checked where it
shows, in the rendered layout (element positions), not only in the dir attribute."""

import pytest
from playwright.sync_api import expect


def _box(locator):
    box = locator.bounding_box()
    assert box is not None, locator
    return box


def _network():
    from resolutions.models import Action

    return Action.objects.get(resolution__slug="53-45-pol", key="network")


@pytest.mark.django_db(transaction=True)
def test_diplomat_journey_in_arabic(live_seeded, page, context, shot):
    base = live_seeded.url
    network = _network()
    width = page.viewport_size["width"]

    page.goto(base + "/ar/")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    # The brand sits on the right; the paragraph table reads right to left.
    brand = _box(page.locator("header a.brand"))
    assert brand["x"] + brand["width"] / 2 > width / 2, brand
    row = page.locator("table.para-table tbody tr").first
    first, second = _box(row.locator("th, td").nth(0)), _box(row.locator("th, td").nth(1))
    assert first["x"] > second["x"], (first, second)
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Implementation of resolutions")
    shot(page, "arabic-1-dashboard")

    # Paragraph 7, then the Network, its history as of 29 November 2018.
    page.locator("table.para-table a[href*='/paragraphs/7/']").first.click()
    page.wait_for_url("**/ar/resolutions/53-45-pol/paragraphs/7/**")
    shot(page, "arabic-2-paragraph-7")
    page.locator(f"a[href^='/ar/actions/{network.pk}/']").first.click()
    page.wait_for_url(f"**/ar/actions/{network.pk}/**")
    expect(page.locator("ol.timeline time[datetime='2018-11-29']").first).to_be_visible()
    h1 = _box(page.get_by_role("heading", level=1))
    assert h1["x"] + h1["width"] > width / 2, h1  # starts at the right edge
    shot(page, "arabic-3-network")

    # The action list filtered by status and mandate type, then shared.
    page.get_by_role("navigation").locator("a[href^='/ar/actions/']").first.click()
    page.locator("select[name=status]").select_option("in_progress")
    more = page.locator("details.filters__more")
    if more.get_attribute("open") is None:
        more.locator("summary").click()
    page.locator("select[name=mandate_type]").select_option("build_roster")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**/ar/actions/?*status=in_progress*")
    assert "mandate_type=build_roster" in page.url
    links = page.locator("table.actions tbody a[href^='/ar/actions/']")
    expect(links.first).to_have_attribute("href", f"/ar/actions/{network.pk}/")
    header = page.locator("table.actions thead th")
    assert _box(header.nth(0))["x"] > _box(header.nth(1))["x"]
    shot(page, "arabic-4-filtered")
    shared = context.new_page()
    shared.goto(page.url)
    expect(shared.locator("html")).to_have_attribute("dir", "rtl")
    assert shared.locator("table.actions tbody a[href^='/ar/actions/']").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    ) == links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    shared.close()
