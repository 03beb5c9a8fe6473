"""Report files are rendered once per data version, language, format and as-of date
(resolutions/page_cache.py cached_file), like the page cache: a publish is seen at once, a draft
never, and a burst of identical requests costs one render.

Commits are simulated with django_capture_on_commit_callbacks(execute=True), as in
tests/test_page_cache.py.
"""

from datetime import date

import pytest
from django.core.cache import cache

from exports import views as export_views
from resolutions import page_cache, rollup
from resolutions.models import Action
from resolutions.page_cache import HEADER
from tests import factories as f

URL = "/{lang}/resolutions/53-45-pol/report.{fmt}"


@pytest.fixture
def committed(seeded, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        rollup.invalidate_cache()
    return seeded


@pytest.fixture
def renders(monkeypatch):
    """Counts the real renders behind the view."""
    calls = []
    real = export_views.render_resolution

    def counting(resolution, as_of, fmt, **options):
        calls.append((fmt, as_of))
        return real(resolution, as_of, fmt, **options)

    monkeypatch.setattr(export_views, "render_resolution", counting)
    return calls


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx", "pdf"])
def test_the_second_request_is_served_from_the_cache(client, committed, renders, fmt):
    first = client.get(URL.format(lang="en", fmt=fmt), {"as_of": "2018-11-29"})
    second = client.get(URL.format(lang="en", fmt=fmt), {"as_of": "2018-11-29"})
    assert (first.status_code, second.status_code) == (200, 200)
    assert (first[HEADER], second[HEADER]) == ("miss", "hit")
    assert second.content == first.content
    assert second["Content-Disposition"] == first["Content-Disposition"]
    assert len(renders) == 1


def test_language_format_and_as_of_are_separate_entries(client, committed, renders):
    for lang, fmt, as_of in [
        ("en", "csv", "2018-11-29"),
        ("fr", "csv", "2018-11-29"),
        ("en", "json", "2018-11-29"),
        ("en", "csv", "2018-06-01"),
    ]:
        assert client.get(URL.format(lang=lang, fmt=fmt), {"as_of": as_of})[HEADER] == "miss"
    # ?lang= names the same file as the prefix does.
    assert (
        client.get(URL.format(lang="en", fmt="csv"), {"as_of": "2018-11-29", "lang": "fr"})[HEADER]
        == "hit"
    )
    assert len(renders) == 4


def test_a_publish_renders_afresh_and_a_draft_changes_nothing(
    client, committed, renders, django_capture_on_commit_callbacks
):
    url = URL.format(lang="en", fmt="csv")
    client.get(url)
    network = Action.objects.get(resolution=committed, key="network")
    with django_capture_on_commit_callbacks(execute=True):
        f.update(
            network,
            "completed",
            date.today(),
            note="Draft, not for the report",
            state="draft",
            verification="",
        )
    after_draft = client.get(url)
    assert "Draft, not for the report" not in after_draft.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        f.update(network, "completed", date.today(), note="Published network note")
    fresh = client.get(url)
    assert fresh[HEADER] == "miss"
    assert "Published network note" in fresh.content.decode()
    assert client.get(url)[HEADER] == "hit"


def test_an_uncommitted_write_renders_for_itself_only(client, committed, renders):
    url = URL.format(lang="en", fmt="csv")
    client.get(url)
    network = Action.objects.get(resolution=committed, key="network")
    f.update(network, "completed", date.today(), note="Not committed yet")
    response = client.get(url)
    assert response[HEADER] == "miss" and "Not committed yet" in response.content.decode()


def test_a_bad_date_is_still_a_400(client, committed):
    assert client.get(URL.format(lang="en", fmt="pdf"), {"as_of": "2999-01-01"}).status_code == 400


def test_a_request_for_a_file_another_worker_is_rendering_waits_for_it(committed, monkeypatch):
    """Another worker holds the render lock; when it stores the file, this request gets it
    instead of rendering it a second time."""
    rollup.start_version()
    version = cache.get(rollup.CACHE_VERSION_KEY)
    key = page_cache.versioned_key("test", "concurrent")
    assert cache.add(f"{key}:rendering:{version}", 1, 30)  # the other worker's lock
    polls = []

    def other_worker_finishes(seconds):
        polls.append(seconds)
        if len(polls) == 3:
            cache.set(key, (version, b"rendered by the other worker"), 60)

    monkeypatch.setattr(page_cache.time, "sleep", other_worker_finishes)
    value, hit = page_cache.cached_file(key, lambda: pytest.fail("rendered twice"))
    assert (value, hit) == (b"rendered by the other worker", True)
    assert len(polls) == 3


def test_a_failed_render_elsewhere_does_not_block(committed, monkeypatch):
    rollup.start_version()
    version = cache.get(rollup.CACHE_VERSION_KEY)
    key = page_cache.versioned_key("test", "abandoned")
    lock = f"{key}:rendering:{version}"
    cache.add(lock, 1, 30)
    monkeypatch.setattr(page_cache.time, "sleep", lambda seconds: cache.delete(lock))
    assert page_cache.cached_file(key, lambda: b"rendered here") == (b"rendered here", False)
    assert page_cache.cached_file(key, lambda: b"again") == (b"rendered here", True)


def test_turned_off_with_zero_seconds(client, committed, renders, settings):
    settings.REPORT_CACHE_SECONDS = 0
    url = URL.format(lang="en", fmt="csv")
    assert [client.get(url)[HEADER] for _ in range(2)] == ["miss", "miss"]
    assert len(renders) == 2


def _release_copy(tmp_path):
    """A release to deploy: the project's real compiled catalogues, copied."""
    from pathlib import Path

    from django.conf import settings as django_settings

    for language in ("fr", "ar"):
        target = tmp_path / "locale" / language / "LC_MESSAGES"
        target.mkdir(parents=True)
        source = Path(django_settings.BASE_DIR, "locale", language, "LC_MESSAGES", "django.mo")
        (target / "django.mo").write_bytes(source.read_bytes())
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text("<p>{{ x }}</p>")
    return tmp_path


def test_the_release_is_the_contents_of_code_templates_and_catalogues(tmp_path):
    """Content, not dates: a copy with the same files is the same release; a recompiled
    catalogue with another translation, or a changed template, is another."""
    import os

    base = _release_copy(tmp_path)
    first = page_cache.release_digest(base)
    mo = base / "locale" / "fr" / "LC_MESSAGES" / "django.mo"
    os.utime(mo, (1, 1))  # touched, same contents
    assert page_cache.release_digest(base) == first
    mo.write_bytes(mo.read_bytes().replace(b"Introduction", b"Pr\xc3\xa9sentation", 1))
    changed_catalogue = page_cache.release_digest(base)
    assert changed_catalogue != first
    (base / "templates" / "page.html").write_text("<p>{{ x|upper }}</p>")
    assert page_cache.release_digest(base) not in (first, changed_catalogue)


def test_a_new_release_never_serves_a_pdf_or_page_of_the_previous_one(
    client, committed, renders, settings, tmp_path
):
    """The report and brief PDFs and the pages are cached across a deploy (the cache is in the
    database or Redis). After a deploy whose compilemessages wrote another French catalogue
    (the release is computed again when the new processes start), the first request renders
    afresh: no PDF of the old translation is served."""
    settings.BASE_DIR = _release_copy(tmp_path)
    page_cache.release.cache_clear()
    report = URL.format(lang="fr", fmt="pdf")
    brief = "/fr/resolutions/53-45-pol/brief.pdf"
    page = "/fr/resolutions/53-45-pol/"
    try:
        for url in (report, brief, page):
            assert [client.get(url, {"as_of": "2018-11-29"})[HEADER] for _ in "12"] == [
                "miss",
                "hit",
            ]
        assert len(renders) == 1
        mo = tmp_path / "locale" / "fr" / "LC_MESSAGES" / "django.mo"
        mo.write_bytes(mo.read_bytes().replace(b"Introduction", b"Pr\xc3\xa9sentation", 1))
        page_cache.release.cache_clear()  # the new release's processes start
        for url in (report, brief, page):
            assert client.get(url, {"as_of": "2018-11-29"})[HEADER] == "miss"
        assert len(renders) == 2
        # ... and are cached again under the new release.
        assert client.get(report, {"as_of": "2018-11-29"})[HEADER] == "hit"
    finally:
        page_cache.release.cache_clear()
