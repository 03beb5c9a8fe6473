"""The embeddable badge /<lang>/resolutions/<slug>/badge.svg: the roll-up's headline and the
assessed count, in the language of the prefix, cached, and readable from other sites."""

from datetime import date
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from resolutions import rollup
from resolutions.models import Action
from resolutions.page_cache import HEADER
from resolutions.rollup import resolution_rollup
from tests import factories as f

SVG = "{http://www.w3.org/2000/svg}"


def texts(response) -> list[str]:
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{SVG}svg"
    return [t.text for t in root.iter(f"{SVG}text")]


def test_the_badge_shows_the_rollup_headline_and_assessed_count(client, seeded):
    r = resolution_rollup(seeded, timezone.localdate())
    response = client.get("/en/resolutions/53-45-pol/badge.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    symbol, value = texts(response)
    assert symbol == "53/45-POL"
    # The roll-up's own count (#11): the conference with no recorded occurrence is not assessed.
    # #11 rule 3: work in progress with no sourced figure is said beside the percentage.
    assert value == (
        f"{r.percent}% · {r.assessed} of {r.scored} actions assessed · "
        f"{r.unfigured} in progress — no sourced figure"
    )
    assert value == "14.3% · 4 of 7 actions assessed · 2 in progress — no sourced figure"


@pytest.mark.parametrize("lang, word", [("fr", "évaluées"), ("ar", "المقيَّمة")])
def test_the_badge_speaks_the_language_of_its_prefix(client, seeded, lang, word):
    response = client.get(f"/{lang}/resolutions/53-45-pol/badge.svg")
    _symbol, value = texts(response)
    assert word in value
    if lang == "ar":
        assert 'direction="rtl"' in response.content.decode()


def test_the_badge_is_cached_until_a_publish(client, seeded, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        rollup.invalidate_cache()
    url = "/en/resolutions/53-45-pol/badge.svg"
    first, second = client.get(url), client.get(url)
    assert (first[HEADER], second[HEADER]) == ("miss", "hit")
    assert second["Cross-Origin-Resource-Policy"] == "cross-origin"
    network = Action.objects.get(resolution=seeded, key="network")
    with django_capture_on_commit_callbacks(execute=True):
        f.update(network, "completed", date.today(), note="Network done")
    third = client.get(url)
    assert third[HEADER] == "miss" and third.content != first.content


def test_escapes_and_404(client, seeded):
    assert client.get("/en/resolutions/nope/badge.svg").status_code == 404
    seeded.symbol = "<b>&"
    seeded.save()
    body = client.get("/en/resolutions/53-45-pol/badge.svg").content.decode()
    assert "<b>" not in body and "&lt;b&gt;&amp;" in body


def test_the_resolution_page_offers_the_badge_and_the_feed(client, seeded):
    html = client.get("/en/resolutions/53-45-pol/").content.decode()
    assert 'src="http://testserver/en/resolutions/53-45-pol/badge.svg"' in html
    assert "&lt;img src=&quot;http://testserver/en/resolutions/53-45-pol/badge.svg&quot;" in html
    assert 'href="/en/resolutions/53-45-pol/feed.atom"' in html
