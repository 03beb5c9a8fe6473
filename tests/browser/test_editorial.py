"""Journeys 3 and 4: a secretariat editor drafts a status update with evidence (nothing public
changes), and a reviewer publishes one (the public page shows it). Roles are the Django groups
of workflow/roles.py."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

NETWORK = "Form a Network of OIC Mediators, Special Envoys and Experts"
NOTE = "Browser test: the Network was constituted and met for the first time."
EVIDENCE_URL = "https://example.org/oic-network-constituted"


def _network():
    from resolutions.models import Action

    return Action.objects.get(resolution__slug="53-45-pol", key="network")


def _current_status(page):
    return page.locator("section.current .current__status")


def _history(page):
    return page.locator("section", has=page.get_by_role("heading", name="Status history"))


@pytest.mark.django_db(transaction=True)
def test_editor_drafts_an_update_and_the_public_page_does_not_change(
    live_seeded, page, browser, make_user, admin_login, shot
):
    base = live_seeded.url
    network = _network()
    admin_login(page, base, *make_user("edna", "Editor"))

    # From the action's admin page, "Record a status update".
    page.get_by_role("link", name="Actions", exact=True).first.click()
    page.get_by_role("link", name=NETWORK).first.click()
    page.get_by_role("link", name="Record a status update").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Add status update")
    page.locator("#id_status").select_option(label="Completed")
    page.locator("#id_as_of").fill(timezone.localdate().isoformat())
    page.locator("#id_note").fill(NOTE)
    # The evidence row's inputs are found by their accessible names, as a screen reader would.
    page.get_by_label(re.compile(r"^url, evidence 1$", re.I)).fill(EVIDENCE_URL)
    page.get_by_label(re.compile(r"^title, evidence 1$", re.I)).fill(
        "OIC news: the Network is constituted"
    )
    shot(page, "editor-1-add-form")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("added successfully")
    shot(page, "editor-2-saved")

    from resolutions.models import StatusUpdate

    draft = StatusUpdate.objects.get(action=network, note=NOTE)
    assert draft.state == "draft" and draft.author.username == "edna"
    assert draft.evidence.get().url == EVIDENCE_URL

    # The public, logged out, sees nothing of it.
    public = browser.new_context(viewport={"width": 1280, "height": 900})
    visitor = public.new_page()
    visitor.goto(f"{base}/actions/{network.pk}/")
    expect(_current_status(visitor)).to_contain_text("In progress")
    expect(_history(visitor)).not_to_contain_text(NOTE)
    expect(visitor.locator("body")).not_to_contain_text(EVIDENCE_URL)
    shot(visitor, "editor-3-public-unchanged")
    public.close()


@pytest.mark.django_db(transaction=True)
def test_reviewer_publishes_and_the_public_page_shows_it(
    live_seeded, page, browser, make_user, admin_login, shot
):
    from django.contrib.auth.models import User

    from workflow import services

    base = live_seeded.url
    network = _network()
    make_user("edna", "Editor")
    editor = User.objects.get(username="edna")
    draft = services.status_update_draft_create(
        user=editor,
        action=network,
        status="completed",
        as_of=timezone.localdate(),
        note=NOTE,
        evidence=[{"url": EVIDENCE_URL, "title": "OIC news: the Network is constituted"}],
    )
    services.status_update_submit(user=editor, update=draft)
    admin_login(page, base, *make_user("rhea", "Reviewer"))

    # The reviewer finds the submitted update in the list and publishes it as verified.
    page.get_by_role("link", name="Status updates", exact=True).first.click()
    page.get_by_role("link", name="Submitted").first.click()
    page.get_by_role("link", name=NETWORK).first.click()
    expect(page.locator("#workflow-steps")).to_be_visible()
    shot(page, "reviewer-1-submitted")
    # The two choices are one named group (fieldset and legend), not two loose radios.
    publish_as = page.get_by_role("group", name="Publish as")
    expect(publish_as.get_by_role("radio")).to_have_count(2)
    publish_as.get_by_label("Verified").check()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messagelist")).to_contain_text("published")
    shot(page, "reviewer-2-published")

    public = browser.new_context(viewport={"width": 1280, "height": 900})
    visitor = public.new_page()
    visitor.goto(f"{base}/actions/{network.pk}/")
    expect(_current_status(visitor)).to_contain_text("Completed")
    entry = _history(visitor).locator("li", has_text=NOTE)
    expect(entry).to_be_visible()
    link = entry.get_by_role("link", name="OIC news: the Network is constituted")
    expect(link).to_have_attribute("href", EVIDENCE_URL)
    shot(visitor, "reviewer-3-public-updated")
    public.close()
