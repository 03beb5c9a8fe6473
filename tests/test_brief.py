"""The one-page brief (exports/brief.py): HTML with a print stylesheet and an A4 portrait PDF that
fits one page for 53/45-POL in every language, with the roll-up's numbers."""

import io
import re

import pytest
from pypdf import PdfReader

from exports.brief import build_brief
from resolutions.page_cache import HEADER
from resolutions.rollup import resolution_rollup
from resolutions.status import Status

AS_OF = "2018-11-29"
A4_PORTRAIT = (595, 842)  # points, rounded


def pdf(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
@pytest.mark.parametrize("as_of", [AS_OF, None])
def test_the_brief_pdf_is_one_a4_portrait_page(client, seeded, lang, as_of):
    response = client.get(
        f"/{lang}/resolutions/53-45-pol/brief.pdf", {"as_of": as_of} if as_of else {}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="53-45-POL-brief-')
    reader = pdf(response.content)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == A4_PORTRAIT


def test_the_brief_carries_the_rollup_numbers(client, seeded):
    from datetime import date

    rollup = resolution_rollup(seeded, date.fromisoformat(AS_OF))
    text = pdf(client.get("/en/resolutions/53-45-pol/brief.pdf", {"as_of": AS_OF}).content)
    text = " ".join(text.pages[0].extract_text().split())
    assert f"{rollup.percent}%" in text
    assert f"{rollup.assessed} of {rollup.scored} actions assessed" in text
    assert "Status as of 29 November 2018" in text
    for number in ("4", "5", "7", "8"):
        assert re.search(rf"(^| ){number} ", text)
    # The permalink pins the date, so the same numbers can be opened later.
    assert "/en/resolutions/53-45-pol/brief/?as_of=2018-11-29" in text.replace(" ", "")


def test_every_reference_points_into_the_numbered_source_list(seeded):
    from datetime import date

    brief = build_brief(seeded, date.fromisoformat(AS_OF))
    listed = len(brief["sources"])
    refs = {n for line in brief["lines"] for n in line["refs"]}
    assert refs and refs <= set(range(1, listed + 1))
    keys = [s["key"] for s in brief["sources"]]
    assert len(keys) == len(set(keys))
    assert "un-19-01473" in keys
    # Unassessed actions are named, never counted as 0 % done silently.
    assert brief["unassessed"] and all(
        a["status"] == Status.NOT_YET_ASSESSED for a in brief["unassessed"]
    )


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_the_brief_page_has_a_print_stylesheet_and_links(client, seeded, lang):
    response = client.get(f"/{lang}/resolutions/53-45-pol/brief/", {"as_of": AS_OF})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">' in html
    assert "@page { size: A4 portrait" in html and "@media print" in html
    assert f'href="/{lang}/resolutions/53-45-pol/brief.pdf?as_of={AS_OF}"' in html
    assert f'href="/{lang}/resolutions/53-45-pol/?as_of={AS_OF}"' in html
    # Sources with an address are links.
    assert 'href="https://boston-cg.mfa.gov.tr/Mission/ShowAnnouncement/349737"' in html


def test_the_brief_is_linked_from_the_dashboard_and_the_resolution_page(client, seeded):
    for url in ("/en/", "/en/resolutions/53-45-pol/"):
        html = client.get(url).content.decode()
        assert 'href="/en/resolutions/53-45-pol/brief/"' in html
        assert 'href="/en/resolutions/53-45-pol/brief.pdf"' in html
    past = client.get("/en/resolutions/53-45-pol/", {"as_of": AS_OF}).content.decode()
    assert f'href="/en/resolutions/53-45-pol/brief/?as_of={AS_OF}"' in past


def test_a_bad_date_is_a_400(client, seeded):
    for url in ("/en/resolutions/53-45-pol/brief/", "/en/resolutions/53-45-pol/brief.pdf"):
        response = client.get(url, {"as_of": "2018-13-01"})
        assert response.status_code == 400 and b"as_of" in response.content


def test_the_brief_pdf_is_cached(client, seeded, django_capture_on_commit_callbacks):
    from resolutions import rollup

    with django_capture_on_commit_callbacks(execute=True):
        rollup.invalidate_cache()
    url = "/en/resolutions/53-45-pol/brief.pdf"
    first, second = client.get(url, {"as_of": AS_OF}), client.get(url, {"as_of": AS_OF})
    assert (first[HEADER], second[HEADER]) == ("miss", "hit")
    assert first.content == second.content


def test_the_french_title_cites_its_source_in_the_list(seeded):
    from datetime import date

    from django.utils import translation

    with translation.override("fr"):
        brief = build_brief(seeded, date.fromisoformat(AS_OF))
    keys = [s["key"] for s in brief["sources"]]
    assert "sesric-fr-2272" in keys
    assert brief["title_ref"] == keys.index("sesric-fr-2272") + 1
    # The full report lists it too, in every language (the French title rests on it).
    assert "sesric-fr-2272" in [s["key"] for s in brief["report"]["sources"]]
