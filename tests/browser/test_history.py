"""The History page of a record and the log of all recent changes, as an administrator sees
them in English and Arabic: readable, in the page's language, with no serious or critical axe
violation (screenshots in test-output/screenshots/history-*.png)."""

import pytest
from playwright.sync_api import expect


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "language, published, recent",
    [
        ("en", "Published as verified.", "All recent changes"),
        ("ar", "نُشر", "جميع التغييرات الأخيرة"),
    ],
)
def test_history_and_recent_changes_read_well(
    live_seeded, page, make_user, admin_login, axe, shot, language, published, recent
):
    from datetime import date

    from django.contrib.auth.models import User

    from resolutions.models import Action, StatusUpdate
    from tests.browser.test_accessibility import _unexpected
    from workflow import services

    base = live_seeded.url
    make_user("hana", "Editor")
    make_user("omar", "Reviewer")
    editor, reviewer = User.objects.get(username="hana"), User.objects.get(username="omar")
    update = services.status_update_draft_create(
        user=editor,
        action=Action.objects.get(resolution__slug="53-45-pol", key="network"),
        status="in_progress",
        as_of=date(2024, 5, 1),
        note="Browser history test.",
        evidence=[{"url": "https://example.org/history"}],
    )
    services.status_update_submit(user=editor, update=update)
    services.status_update_publish(
        user=reviewer, update=StatusUpdate.objects.get(pk=update.pk), verification="verified"
    )
    admin_login(page, base, *make_user("ada", "Administrator"))

    page.goto(f"{base}/{language}/admin/resolutions/statusupdate/{update.pk}/history/")
    table = page.locator("#change-history")
    expect(table.locator("tbody tr")).to_have_count(3)
    expect(table.locator("tbody tr").first).to_contain_text(published)
    expect(page.locator(".time-zone-note")).to_contain_text("UTC")
    assert "None" not in table.inner_text()
    shot(page, f"history-1-record-{language}")
    assert _unexpected(axe(page)) == []

    page.goto(f"{base}/{language}/admin/")
    page.get_by_role("link", name=recent).click()
    rows = page.locator("#recent-changes tbody tr")
    expect(rows.first).to_contain_text(published)
    assert rows.count() == 50  # the data file's records fill more than one page
    expect(page.locator(".paginator a")).to_have_count(1)
    shot(page, f"history-2-recent-{language}")
    assert _unexpected(axe(page)) == []
    page.locator("#recent-user").select_option(str(editor.pk))
    page.locator(".recent-changes-filter input[type=submit]").click()
    expect(rows).to_have_count(3)  # by the editor: the draft, its evidence, its submission
    shot(page, f"history-3-recent-by-editor-{language}")
