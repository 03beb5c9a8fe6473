"""The whole-page cache for anonymous readers (resolutions/page_cache.py) never shows a draft or a
page from before a change: every committed write to the public record invalidates it.

Tests run inside a transaction that never commits, so commits are simulated with
django_capture_on_commit_callbacks(execute=True), as in tests/test_cache.py.
"""

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from resolutions import rollup
from resolutions.models import Action, Resolution, TextTranslation
from resolutions.page_cache import HEADER
from tests import factories as f

PAGES = [
    "/en/",
    "/ar/",
    "/en/resolutions/53-45-pol/",
    "/en/resolutions/53-45-pol/paragraphs/7/",
    "/en/actions/?status=ongoing",
    "/en/member-states/",
    "/en/statuses/",
]


@pytest.fixture
def committed(seeded, django_capture_on_commit_callbacks):
    """The real data, as if its load had been committed (so the cache may be used)."""
    with django_capture_on_commit_callbacks(execute=True):
        rollup.invalidate_cache()
    return seeded


def network(resolution):
    return Action.objects.get(resolution=resolution, key="network")


@pytest.mark.parametrize("url", PAGES)
def test_an_anonymous_page_is_served_from_the_cache_the_second_time(client, committed, url):
    first = client.get(url)
    second = client.get(url)
    assert (first.status_code, second.status_code) == (200, 200)
    assert (first[HEADER], second[HEADER]) == ("miss", "hit")
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    # The middleware still runs on a cached page: the security headers are there.
    assert "Content-Security-Policy" in second and second["X-Frame-Options"] == "DENY"


def test_a_publish_is_shown_on_the_next_request(
    client, committed, django_capture_on_commit_callbacks
):
    client.get(f"/en/actions/{network(committed).pk}/")
    assert client.get(f"/en/actions/{network(committed).pk}/")[HEADER] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        f.update(network(committed), "completed", date.today(), note="Network launched, cached?")
    page = client.get(f"/en/actions/{network(committed).pk}/")
    assert page[HEADER] == "miss"
    assert "Network launched, cached?" in page.content.decode()


def test_a_draft_never_reaches_a_cached_page(client, committed, django_capture_on_commit_callbacks):
    url = f"/en/actions/{network(committed).pk}/"
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        f.update(
            network(committed),
            "completed",
            date.today(),
            note="Draft: not for the public",
            state="draft",
            verification="",
        )
    for _ in range(2):  # rendered after the draft, then served from the cache
        assert "Draft: not for the public" not in client.get(url).content.decode()


def test_an_uncommitted_write_bypasses_the_cache(client, committed):
    url = f"/en/actions/{network(committed).pk}/"
    client.get(url)
    f.update(network(committed), "completed", date.today(), note="Uncommitted yet")
    page = client.get(url)  # this connection sees its own write, and caches nothing
    assert HEADER not in page and "Uncommitted yet" in page.content.decode()


def test_a_translation_change_invalidates(client, committed, django_capture_on_commit_callbacks):
    client.get("/ar/resolutions/53-45-pol/")
    assert client.get("/ar/resolutions/53-45-pol/")[HEADER] == "hit"
    title = TextTranslation.objects.get(
        object_id=committed.pk, language="ar", field="title", content_type__model="resolution"
    )
    with django_capture_on_commit_callbacks(execute=True):
        title.text = "عنوان مصحح للاختبار"
        title.save()
    page = client.get("/ar/resolutions/53-45-pol/")
    assert page[HEADER] == "miss" and "عنوان مصحح للاختبار" in page.content.decode()


def test_signed_in_staff_always_get_a_fresh_page(client, committed):
    staff = get_user_model().objects.create_user("officer", password="x", is_staff=True)
    client.force_login(staff)
    client.get("/en/")
    assert HEADER not in client.get("/en/")


def test_the_cache_can_be_turned_off(client, committed, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/en/")
    assert HEADER not in client.get("/en/")


def test_past_dates_and_filters_are_separate_pages(client, committed):
    today = client.get("/en/resolutions/53-45-pol/")
    past = client.get("/en/resolutions/53-45-pol/?as_of=2018-06-01")
    assert past[HEADER] == "miss" and past.content != today.content


def test_unknown_parameters_cannot_force_an_uncached_render(client, committed):
    """?cb=<random> used to make a new cache entry per value (issue #17)."""
    canonical = client.get("/en/actions/?status=ongoing")
    assert canonical[HEADER] == "miss"
    for junk in ("cb=1", "cb=2", "utm_source=x&cb=3"):
        page = client.get(f"/en/actions/?{junk}&status=ongoing")
        assert page[HEADER] == "hit", junk
        assert page.content == canonical.content


def test_a_page_rendered_with_unknown_parameters_is_not_stored(client, committed):
    first = client.get("/en/member-states/?cb=1")
    assert first[HEADER] == "miss" and 'name="cb"' in first.content.decode()  # echoed in a form
    clean = client.get("/en/member-states/")
    assert clean[HEADER] == "miss" and 'name="cb"' not in clean.content.decode()
    assert client.get("/en/member-states/?cb=2")[HEADER] == "hit"


# --- Many resolutions ------------------------------------------------------------------------


def test_the_dashboard_shows_five_resolutions_a_page_real_ones_first(client, seeded, settings):
    settings.SHOW_SYNTHETIC_RESOLUTIONS = True
    synthetic = [f.resolution(is_synthetic=True) for _ in range(5)]
    assert Resolution.objects.listed().count() == 6

    def headlines(page):
        return {r.pk for r in [seeded, *synthetic] if f'id="res-{r.pk}"' in page}

    first = client.get("/en/").content.decode()
    second = client.get("/en/?page=2").content.decode()
    assert "Page 1 of 2" in first and "Page 2 of 2" in second
    assert len(headlines(first)) == 5 and seeded.pk in headlines(first)
    assert len(headlines(second)) == 1 and not headlines(first) & headlines(second)


def test_processes_listing_different_resolutions_do_not_share_pages(client, committed, settings):
    assert client.get("/en/")[HEADER] == "miss"
    settings.SHOW_SYNTHETIC_RESOLUTIONS = True
    assert client.get("/en/")[HEADER] == "miss"
    assert client.get("/en/")[HEADER] == "hit"


def test_the_paragraph_menu_lists_one_resolutions_paragraphs(client, seeded, settings):
    settings.SHOW_SYNTHETIC_RESOLUTIONS = True
    other = f.resolution(is_synthetic=True)
    f.paragraph(other, 1, summary="Another resolution's paragraph")
    page = client.get("/en/actions/").content.decode()
    assert "Lists the paragraphs of the chosen resolution, or of the only resolution shown." in page
    assert "53/45-POL, para. 7" not in page and "Another resolution" not in page
    chosen = client.get("/en/actions/?resolution=53-45-pol").content.decode()
    assert "53/45-POL, para. 7" in chosen and "Another resolution" not in chosen
    # A shared link with a paragraph id but no resolution still filters, and shows its menu.
    para7 = seeded.paragraphs.get(number="7")
    shared = client.get(f"/en/actions/?paragraph={para7.pk}").content.decode()
    assert "53/45-POL, para. 7" in shared and "cannot be used" not in shared
