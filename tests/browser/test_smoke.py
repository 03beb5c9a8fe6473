"""The browser set-up itself: Debian's Chromium renders the live dashboard and axe runs."""

import pytest


@pytest.mark.django_db(transaction=True)
def test_dashboard_renders_in_chromium_and_axe_runs(live_seeded, page, shot, axe):
    page.goto(live_seeded.url + "/")
    assert "53/45-POL" in page.locator("h1, h2").all_inner_texts().__str__()
    shot(page, "smoke-dashboard")
    violations = axe(page)
    assert isinstance(violations, list)
