"""Journey 1: a diplomat reads the headline, drills down to paragraph 7 and the Network, reads
its history, follows an evidence link, then filters the action list and shares the address."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

NETWORK = "Form a Network of OIC Mediators, Special Envoys and Experts"
CONTACT_GROUP = "Establish the Contact Group of Friends of Mediation"
MFA_TITLE = "Turkish Ministry of Foreign Affairs, press release No. 252"
MFA_URL = "https://boston-cg.mfa.gov.tr/Mission/ShowAnnouncement/349737"


def _headline():
    from resolutions.models import Resolution
    from resolutions.rollup import resolution_rollup

    resolution = Resolution.objects.get(slug="53-45-pol")
    return resolution_rollup(resolution, timezone.localdate())


def _result_titles(page):
    return (
        page.locator("table.actions tbody tr")
        .locator("a")
        .filter(has_not_text=re.compile(r"^(53/45|para)", re.I))
        .all_inner_texts()
    )


@pytest.mark.django_db(transaction=True)
def test_diplomat_journey(live_seeded, page, context, shot):
    base = live_seeded.url
    rollup = _headline()

    # The headline: weighted % and the status distribution, as text.
    page.goto(base + "/")
    card = page.locator("section.resolution-card").first
    expect(card.get_by_role("heading", name="Weighted progress")).to_be_visible()
    expect(card.locator(".kpi--main .kpi__value")).to_have_text(f"{rollup.percent}%")
    legend = card.locator(".kpi--wide .dist__legend")
    expect(legend).to_be_visible()
    expect(legend).to_contain_text("Completed:")
    expect(legend).to_contain_text("In progress:")
    shot(page, "diplomat-1-dashboard")

    # Paragraph 7, then the Network action.
    card.get_by_role("link", name="Para. 7", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("7")
    shot(page, "diplomat-2-paragraph-7")
    page.get_by_role("link", name=NETWORK).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NETWORK)

    # Its history: as of 29 November 2018, in progress.
    history = page.locator("section", has=page.get_by_role("heading", name="Status history"))
    entry = history.locator("li", has_text="As of 29 November 2018").first
    expect(entry).to_be_visible()
    expect(entry.locator(".timeline__head")).to_contain_text("In progress")
    shot(page, "diplomat-3-network")

    # An evidence link with a URL: the Contact Group's MFA press release. External hosts are
    # unreachable here, so the request is answered by a stub; what counts is where it goes.
    page.goto(base + "/actions/?q=" + "Contact Group")
    page.get_by_role("link", name=CONTACT_GROUP).first.click()
    evidence = page.locator("ul.evidence").get_by_role("link", name=MFA_TITLE).first
    expect(evidence).to_have_attribute("href", MFA_URL)
    requested = []

    def stub(route):
        requested.append(route.request.url)
        route.fulfill(
            status=200,
            content_type="text/html",
            body="<!doctype html><title>stub</title><h1>MFA press release (stub)</h1>",
        )

    page.route("https://boston-cg.mfa.gov.tr/**", stub)
    evidence.click()
    page.wait_for_url(MFA_URL)
    assert requested == [MFA_URL]
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text(CONTACT_GROUP)

    # Filter the action list by status and mandate type with the form's controls.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="All actions").click()
    page.get_by_label("Current status").select_option(label="In progress")
    more = page.locator("details.filters__more")
    if more.get_attribute("open") is None:
        more.locator("summary").click()
    page.get_by_label("Mandate type").select_option(label="Build a roster or network")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_load_state()
    assert "status=in_progress" in page.url and "mandate_type=build_roster" in page.url
    expect(page.get_by_role("status")).to_contain_text("1 action")
    titles = _result_titles(page)
    assert NETWORK in titles, titles
    shot(page, "diplomat-4-filtered")

    # Share the address: a new page opened on it shows the same list.
    shared = context.new_page()
    shared.goto(page.url)
    assert _result_titles(shared) == titles
    expect(shared.get_by_label("Current status")).to_have_value("in_progress")
    shared.close()
