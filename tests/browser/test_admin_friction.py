"""Issue #12 item 8, in a browser at 1280 px: the status-update list shows where each update
stands (state, as-of date, verification, author) without a sideways scroll, in English, French
and Arabic; and the pages of the review steps are saved as screenshots to be looked at."""

import pytest

COLUMNS = ("column-state", "column-as_of", "column-verification", "column-author_name")


@pytest.mark.django_db(transaction=True)
def test_the_status_update_list_fits_1280_px(live_seeded, page, make_user, admin_login, shot):
    base = live_seeded.url
    admin_login(page, base, *make_user("rita", "Reviewer"))
    for lang in ("en", "fr", "ar"):
        page.goto(f"{base}/{lang}/admin/resolutions/statusupdate/")
        shot(page, f"admin-statusupdate-list-{lang}")
        width = page.evaluate("() => document.documentElement.clientWidth")
        scroll = page.evaluate("() => document.documentElement.scrollWidth")
        assert width == 1280 and scroll <= width, (lang, scroll, width)
        for column in COLUMNS:
            header = page.locator(f"#result_list thead th.{column}")
            assert header.count() == 1, (lang, column)
            box = header.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, (lang, column, box)
        # The table itself is not scrolled inside its box either: every cell is on screen.
        overflow = page.evaluate(
            """() => { const t = document.querySelector('#result_list');
                       const box = t.parentElement;
                       return [t.scrollWidth, box.clientWidth]; }"""
        )
        assert overflow[0] <= overflow[1], (lang, overflow)


def _fits(page, lang, name):
    width = page.evaluate("() => document.documentElement.clientWidth")
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= width, (lang, name, scroll, width)


@pytest.mark.django_db(transaction=True)
def test_review_refusal_and_bulk_pages_in_each_language(
    live_seeded, page, make_user, admin_login, shot
):
    """The review page of an update the occurrence rule overrides (its warning and its evidence
    as links), the bulk-publish confirmation and a refused delete, in en/fr/ar: each page fits
    1280 px and is saved to be looked at."""
    from datetime import timedelta

    from django.contrib.auth.models import User
    from django.utils import timezone

    from resolutions.models import Action, StatusUpdate
    from workflow import services

    base = live_seeded.url
    make_user("edgar", "Editor")
    conference = Action.objects.get(resolution__slug="53-45-pol", key="annual-conference")
    update = services.status_update_draft_create(
        user=User.objects.get(username="edgar"),
        action=conference,
        status="in_progress",
        as_of=timezone.localdate() - timedelta(days=2),
        note="Preparations for the next conference have started.",
        evidence=[{"url": "https://example.org/preparations", "title": "Host's announcement"}],
    )
    services.status_update_submit(user=User.objects.get(username="edgar"), update=update)
    published = StatusUpdate.objects.public().filter(action=conference).first()
    admin_login(page, base, *make_user("rosa", "Reviewer"))
    for lang in ("en", "fr", "ar"):
        admin = f"{base}/{lang}/admin/resolutions/statusupdate/"
        page.goto(f"{admin}{update.pk}/change/")
        assert page.locator("#override-warning").count() == 1
        link = page.locator('#review-summary a[href="https://example.org/preparations"]')
        assert link.count() == 1
        page.locator("#workflow-steps").scroll_into_view_if_needed()
        shot(page, f"admin-review-override-{lang}")
        _fits(page, lang, "review")
        page.goto(f"{admin}{published.pk}/delete/")
        assert page.locator("#refusal-reason").count() == 1
        shot(page, f"admin-refused-delete-{lang}")
        _fits(page, lang, "refused")
        page.goto(admin)
        page.locator(f'input[name="_selected_action"][value="{update.pk}"]').check()
        page.locator('select[name="action"]').select_option("publish_selected")
        page.locator('button[name="index"], input[name="index"]').first.click()
        page.wait_for_load_state()
        assert page.locator("#bulk-details .override-warning").count() == 1
        shot(page, f"admin-bulk-publish-{lang}")
        _fits(page, lang, "bulk")
