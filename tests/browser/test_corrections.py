"""Issue #12 corrections journey: an editor presses "Correct this update" on a published update,
gets a new draft linked to it and prefilled from it, fixes the note and the status and submits
it; a second person (a reviewer who wrote neither) publishes it; the public action page then
shows the corrected update struck through, marked superseded, with a link to the correction,
and the current status is the correction's."""

import pytest
from playwright.sync_api import expect

WRONG = "Browser correction test: the Network held its first meeting in Jeddah."
RIGHT = "Browser correction test: the Network held its first meeting in Istanbul."
EVIDENCE_URL = "https://example.org/oic-network-first-meeting"


@pytest.mark.django_db(transaction=True)
def test_correct_submit_publish_and_the_public_page_shows_the_superseded_update(
    live_seeded, page, browser, make_user, admin_login, shot
):
    from datetime import date

    from django.contrib.auth.models import User

    from resolutions.models import Action, StatusUpdate
    from workflow import services

    base = live_seeded.url
    network = Action.objects.get(resolution__slug="53-45-pol", key="network")
    # The update to correct: drafted by one editor, published by a reviewer.
    make_user("olga", "Editor")
    make_user("pavel", "Reviewer")
    wrong = services.status_update_draft_create(
        user=User.objects.get(username="olga"),
        action=network,
        status="completed",
        as_of=date(2024, 5, 1),
        note=WRONG,
        evidence=[{"url": EVIDENCE_URL}],
    )
    services.status_update_submit(user=User.objects.get(username="olga"), update=wrong)
    services.status_update_publish(
        user=User.objects.get(username="pavel"),
        update=StatusUpdate.objects.get(pk=wrong.pk),
        verification="reported",
    )

    # Another editor finds it wrong and corrects it.
    admin_login(page, base, *make_user("cora", "Editor"))
    page.goto(f"{base}/admin/resolutions/statusupdate/{wrong.pk}/change/")
    page.get_by_role("link", name="Correct this update").click()
    expect(page.locator("#id_note")).to_have_value(WRONG)
    expect(page.locator("#id_corrects")).to_have_value(str(wrong.pk))
    page.locator("#id_note").fill(RIGHT)
    page.locator("#id_status").select_option("in_progress")
    page.locator("#id_evidence-0-url").fill(EVIDENCE_URL)
    shot(page, "corrections-1-draft-correction")
    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("Submitted for review")
    correction = StatusUpdate.objects.get(note=RIGHT)
    assert (correction.corrects_id, correction.state) == (wrong.pk, "submitted")
    assert correction.author.username == "cora"

    # Until a second person publishes it, the public sees the update as it was.
    public = browser.new_context(viewport={"width": 1280, "height": 900})
    visitor = public.new_page()
    visitor.goto(f"{base}/en/actions/{network.pk}/")
    expect(visitor.locator(f"#update-{wrong.pk}")).not_to_have_class("superseded")
    expect(visitor.locator("body")).not_to_contain_text(RIGHT)
    expect(visitor.locator("section.current .current__status")).to_contain_text("Completed")

    # A second person, a reviewer who wrote neither update, publishes it.
    other = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    admin_login(other, base, *make_user("rhea", "Reviewer"))
    other.goto(f"{base}/admin/resolutions/statusupdate/{correction.pk}/change/")
    other.get_by_role("group", name="Publish as").get_by_label("Verified").check()
    other.get_by_role("button", name="Publish", exact=True).click()
    expect(other.locator(".messagelist")).to_contain_text("published")
    other.context.close()
    assert StatusUpdate.objects.get(pk=wrong.pk).superseded_by_id == correction.pk

    # The public page: the corrected update struck through and marked, linking the correction.
    visitor.goto(f"{base}/en/actions/{network.pk}/")
    old = visitor.locator(f"#update-{wrong.pk}")
    expect(old).to_have_class("superseded")
    expect(old.locator("del")).to_have_text(WRONG)
    expect(old.locator(".superseded-note")).to_contain_text("Superseded")
    link = old.get_by_role("link", name="see the correction")
    expect(link).to_have_attribute("href", f"/en/actions/{network.pk}/#update-{correction.pk}")
    new = visitor.locator(f"#update-{correction.pk}")
    expect(new).to_contain_text(RIGHT)
    expect(new.locator("del")).to_have_count(0)
    expect(new.get_by_role("link", name="see the corrected update")).to_have_attribute(
        "href", f"/en/actions/{network.pk}/#update-{wrong.pk}"
    )
    expect(visitor.locator("section.current .current__status")).to_contain_text("In progress")
    link.click()
    expect(visitor).to_have_url(f"{base}/en/actions/{network.pk}/#update-{correction.pk}")
    old.scroll_into_view_if_needed()
    shot(visitor, "corrections-2-public-superseded")
    public.close()
