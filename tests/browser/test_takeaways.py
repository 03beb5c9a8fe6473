"""What a diplomat takes away (issue #14), in Chromium, in English, French and Arabic: the
one-page brief (axe, then the PDF it links to is one A4 page), the Atom feeds every page
announces with <link rel="alternate"> (followed and parsed), the embeddable badge, "Cite this"
and its permalink, the changes page, and the report PDFs of 53/45-POL kept page by page.

Links are followed by their absolute address: the href as the page resolves it
(`element.href`), never a path pasted onto the server's address by the test.

Artefacts (git-ignored, under test-output/): screenshots in screenshots/, the report and brief
PDFs in reports/, and each report page as a PNG (pdftoppm -r 60) in report-pages/, for a
person to look at.
"""

import io
import shutil
import subprocess
from pathlib import Path

import feedparser
import pytest
from pypdf import PdfReader

LANGS = ["en", "fr", "ar"]
REPORTS = Path("test-output/reports")
PAGES = Path("test-output/report-pages")
AS_OF = "2018-11-29"


def _get(page, url):
    """GET `url` (absolute) with the browser's own request context: same cookies, same host."""
    response = page.request.get(url)
    assert response.ok, (url, response.status)
    return response


def _alternate_feeds(page):
    """The absolute addresses and titles of the page's Atom feeds."""
    return page.eval_on_selector_all(
        'link[rel="alternate"][type="application/atom+xml"]',
        "links => links.map(l => ({href: l.href, title: l.title}))",
    )


@pytest.mark.parametrize("lang", LANGS)
def test_the_brief_is_accessible_and_its_pdf_is_one_page(page, live_seeded, axe, shot, lang):
    base = live_seeded.url
    page.goto(f"{base}/{lang}/resolutions/53-45-pol/?as_of={AS_OF}")
    # The resolution page links the brief; the link is followed as the page resolves it.
    brief_link = page.locator(f'a[href^="/{lang}/resolutions/53-45-pol/brief/"]').first
    href = brief_link.evaluate("a => a.href")
    assert href.startswith(base) and f"as_of={AS_OF}" in href
    page.goto(href)
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert axe(page) == []
    shot(page, f"takeaways-brief-{lang}")
    # The print stylesheet gives the same single page the PDF has.
    page.emulate_media(media="print")
    shot(page, f"takeaways-brief-{lang}-print")
    page.emulate_media(media="screen")
    pdf_href = page.locator('a[href*="/brief.pdf"]').first.evaluate("a => a.href")
    response = _get(page, pdf_href)
    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 portrait
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / f"53-45-pol-brief-{AS_OF}-{lang}.pdf").write_bytes(response.body())


def _follow_feeds(page, expected_min):
    feeds = _alternate_feeds(page)
    assert len(feeds) >= expected_min, feeds
    for feed in feeds:
        assert feed["href"].startswith("http") and feed["title"], feed
        response = _get(page, feed["href"])
        assert response.headers["content-type"].startswith("application/atom+xml")
        parsed = feedparser.parse(response.body())
        assert not parsed.bozo, (feed["href"], parsed.bozo_exception)
        assert parsed.version == "atom10", feed["href"]
    return feeds


@pytest.mark.parametrize("lang", LANGS)
def test_pages_announce_feeds_that_parse_as_atom(page, live_seeded, lang):
    from resolutions.models import Action

    base = live_seeded.url
    network = Action.objects.get(resolution__slug="53-45-pol", key="network")
    # Dashboard: the site-wide feed; the others: their own feed and the site's.
    for path, own in [
        ("/", 1),
        ("/resolutions/53-45-pol/", 2),
        (f"/actions/{network.pk}/", 2),
        ("/member-states/TUR/", 2),
    ]:
        page.goto(f"{base}/{lang}{path}")
        feeds = _follow_feeds(page, own)
        # Each feed is in the page's language: its address carries the prefix.
        assert all(f"/{lang}/" in f["href"] for f in feeds), feeds
    # The resolution's feed lists published status updates with links back to the pages.
    page.goto(f"{base}/{lang}/resolutions/53-45-pol/")
    own = next(f for f in _alternate_feeds(page) if "/resolutions/53-45-pol/feed.atom" in f["href"])
    parsed = feedparser.parse(_get(page, own["href"]).body())
    assert parsed.entries, "the seed has published status updates"
    entry_link = parsed.entries[0].link
    assert entry_link.startswith(base), entry_link
    assert _get(page, entry_link).ok


@pytest.mark.parametrize("lang", LANGS)
def test_the_badge_shows_and_its_embed_code_is_absolute(page, live_seeded, axe, shot, lang):
    base = live_seeded.url
    page.goto(f"{base}/{lang}/resolutions/53-45-pol/")
    badge = page.locator('img[src$="/badge.svg"]')
    src = badge.get_attribute("src")
    assert src == f"{base}/{lang}/resolutions/53-45-pol/badge.svg"
    assert badge.get_attribute("alt")
    # The image loaded (an SVG the browser could draw, not a broken image).
    assert badge.evaluate("img => img.complete && img.naturalWidth > 0")
    code = page.locator("#badge-code").input_value()
    assert f'src="{src}"' in code
    response = _get(page, src)
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert "max-age" in response.headers.get("cache-control", "")
    # The badge as an embedding website shows it (an element screenshot: Chromium cannot take
    # a full-page screenshot of a bare SVG document).
    Path("test-output/screenshots").mkdir(parents=True, exist_ok=True)
    badge.screenshot(path=f"test-output/screenshots/takeaways-badge-{lang}.png")
    svg = response.text()
    assert 'role="img"' in svg and "<title" in svg


@pytest.mark.parametrize("lang", LANGS)
def test_cite_this_and_the_permalink_reproduce_the_same_numbers(page, live_seeded, axe, shot, lang):
    base = live_seeded.url
    page.goto(f"{base}/{lang}/resolutions/53-45-pol/?as_of={AS_OF}")
    cite = page.locator("#cite-text").inner_text()
    assert "53/45-POL" in cite and "28.6" in cite.replace(",", "."), cite
    permalink = page.locator("a.cite__permalink").evaluate("a => a.href")
    assert permalink.startswith(base) and f"as_of={AS_OF}" in permalink
    # JSON-LD in the head describes the resolution as Legislation.
    ld = page.locator('script[type="application/ld+json"]').first.text_content()
    assert '"Legislation"' in ld
    page.goto(permalink)
    assert page.locator("#cite-text").inner_text() == cite
    assert axe(page) == []
    page.locator("#cite-h").scroll_into_view_if_needed()
    shot(page, f"takeaways-cite-{lang}")


@pytest.mark.parametrize("lang", LANGS)
def test_the_changes_page_opens_on_a_useful_range(page, live_seeded, axe, shot, lang):
    base = live_seeded.url
    page.goto(f"{base}/{lang}/resolutions/53-45-pol/")
    href = page.locator('a[href$="/resolutions/53-45-pol/changes/"]').first.evaluate("a => a.href")
    page.goto(href)
    date_from = page.locator('input[name="from"]').input_value()
    date_to = page.locator('input[name="to"]').input_value()
    assert date_from and date_to and date_from <= date_to
    assert axe(page) == []
    shot(page, f"takeaways-changes-{lang}")
    # A period in which nothing was recorded says so plainly (and not that nothing was done).
    page.locator('input[name="from"]').fill("2023-01-01")
    page.locator('input[name="to"]').fill("2023-06-01")
    page.locator('input[name="to"]').press("Enter")
    page.wait_for_load_state()
    assert "from=2023-01-01" in page.url
    notice = page.locator(".notice--nothing")
    assert notice.is_visible() and notice.get_attribute("role") == "status"
    assert axe(page) == []
    shot(page, f"takeaways-changes-nothing-{lang}")


@pytest.mark.parametrize("lang", LANGS)
def test_the_report_pdf_is_kept_page_by_page(page, live_seeded, lang):
    """The 53/45-POL report as a diplomat downloads it from the resolution page, kept with each
    page rendered to PNG for a person to look at."""
    base = live_seeded.url
    page.goto(f"{base}/{lang}/resolutions/53-45-pol/?as_of={AS_OF}")
    href = page.locator('a[href*="/report.pdf"]').first.evaluate("a => a.href")
    response = _get(page, href)
    content = response.body()
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) >= 4
    for p in reader.pages:
        box = p.mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    text = reader.pages[0].extract_text()
    assert "53/45-POL" in text
    REPORTS.mkdir(parents=True, exist_ok=True)
    target = REPORTS / f"53-45-pol-report-{AS_OF}-{lang}.pdf"
    target.write_bytes(content)
    if shutil.which("pdftoppm"):
        PAGES.mkdir(parents=True, exist_ok=True)
        prefix = PAGES / f"report-{lang}"
        for old in PAGES.glob(f"report-{lang}-*.png"):
            old.unlink()
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", str(target), str(prefix)], check=True, timeout=120
        )
        assert len(list(PAGES.glob(f"report-{lang}-*.png"))) == len(reader.pages)


@pytest.mark.parametrize("lang", LANGS)
def test_member_state_pages_are_worth_opening(page, live_seeded, axe, shot, lang):
    """Bangladesh: bound by 53/45-POL as an OIC member, and the session that adopted it met in
    Dhaka. Albania, which no source names: the same, plus one short "not named" line."""
    base = live_seeded.url
    page.goto(f"{base}/{lang}/member-states/")
    href = page.locator('a[href$="/member-states/BGD/"]').first.evaluate("a => a.href")
    page.goto(href)
    bound = page.locator("section[aria-labelledby=bound-h]")
    assert bound.locator('a[href*="/resolutions/53-45-pol/"]').count() == 1
    assert bound.locator("strong").count() == 1  # the session it hosted
    assert axe(page) == []
    shot(page, f"takeaways-member-state-BGD-{lang}")
    page.goto(f"{base}/{lang}/member-states/ALB/")
    assert page.locator("section[aria-labelledby=bound-h] strong").count() == 0
    # One short line, and no empty "no source names…" line under each heading.
    assert page.locator("main p.muted").count() <= 2
    assert page.locator("#resp-h").count() == 0  # no heading with nothing under it
    assert axe(page) == []
    shot(page, f"takeaways-member-state-ALB-{lang}")
