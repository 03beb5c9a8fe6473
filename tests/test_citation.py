""" "Cite this" on the resolution, paragraph and action pages: a citation in the page's language,
a permalink that pins the as-of date (and reproduces the same numbers later), and schema.org
JSON-LD in the page head."""

import html as html_lib
import json
import re

import pytest

from resolutions.models import Action

AS_OF = "2018-11-29"


def citation(page) -> tuple[str, str]:
    body = page.content.decode()
    text = re.search(r'<p class="cite__text"[^>]*>(.*?)</p>', body, re.S).group(1)
    link = re.search(r'class="cite__permalink">(.*?)</a>', body, re.S).group(1)
    return html_lib.unescape(text), html_lib.unescape(link)


def json_ld(page) -> dict:
    body = page.content.decode()
    head = body.split("</head>")[0]
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)
    return json.loads(found.group(1))


def pages(seeded):
    network = Action.objects.get(resolution=seeded, key="network")
    return {
        "resolution": "/{lang}/resolutions/53-45-pol/",
        "paragraph": "/{lang}/resolutions/53-45-pol/paragraphs/7/",
        "action": f"/{{lang}}/actions/{network.pk}/",
    }


@pytest.mark.parametrize("kind", ["resolution", "paragraph", "action"])
def test_cite_this_names_body_symbol_state_date_and_permalink(client, seeded, kind):
    url = pages(seeded)[kind].format(lang="en")
    text, link = citation(client.get(url, {"as_of": AS_OF}))
    assert "Council of Foreign Ministers" in text and "53/45-POL" in text
    assert "Strengthening the Mediation Capacity of the OIC" in text
    assert "as of 29 November 2018" in text
    assert link == f"http://testserver{url}?as_of={AS_OF}" and link in text
    if kind == "resolution":
        assert "28.6% weighted progress" in text
    if kind == "paragraph":
        assert "operative paragraph 7" in text
    if kind == "action":
        assert "paragraph 7" in text and "status “In progress”" in text


@pytest.mark.parametrize("kind", ["resolution", "paragraph", "action"])
def test_the_permalink_pins_today_and_reproduces_the_same_citation(client, seeded, kind):
    url = pages(seeded)[kind].format(lang="en")
    text, link = citation(client.get(url))
    assert re.search(r"\?as_of=\d{4}-\d{2}-\d{2}$", link)
    again, again_link = citation(client.get(link.removeprefix("http://testserver")))
    assert (again, again_link) == (text, link)


@pytest.mark.parametrize("lang, expected", [("fr", "au 29 novembre 2018"), ("ar", "نوفمبر")])
def test_the_citation_is_in_the_page_language(client, seeded, lang, expected):
    text, link = citation(
        client.get(pages(seeded)["resolution"].format(lang=lang), {"as_of": AS_OF})
    )
    assert expected in text and f"/{lang}/resolutions/53-45-pol/" in link


def test_json_ld_describes_the_resolution_as_legislation(client, seeded):
    data = json_ld(client.get("/en/resolutions/53-45-pol/", {"as_of": AS_OF}))
    assert data["@context"] == "https://schema.org" and data["@type"] == "Legislation"
    assert data["legislationIdentifier"] == "53/45-POL"
    assert data["legislationDate"] == "2018-05-05"
    assert data["url"].endswith("/en/resolutions/53-45-pol/?as_of=2018-11-29")
    assert data["inLanguage"] == "en"
    urls = [s.get("url") for s in data["isBasedOn"]]
    assert "https://boston-cg.mfa.gov.tr/Mission/ShowAnnouncement/349737" in urls
    # No source gives the UN document an address: none is invented.
    un = [s for s in data["isBasedOn"] if "19-01473" in s.get("identifier", "")]
    assert un and "url" not in un[0]


@pytest.mark.parametrize("kind", ["paragraph", "action"])
def test_json_ld_on_paragraph_and_action_pages(client, seeded, kind):
    data = json_ld(client.get(pages(seeded)[kind].format(lang="en"), {"as_of": AS_OF}))
    assert data["@context"] == "https://schema.org"
    part_of = data.get("isPartOf") or data.get("about")
    assert part_of["@type"] == "Legislation" and part_of["legislationIdentifier"] == "53/45-POL"


def test_json_ld_cannot_close_its_script(client, seeded):
    seeded.adopting_body = "</script><script>alert(1)</script>"
    seeded.save()
    body = client.get("/en/resolutions/53-45-pol/").content.decode()
    head = body.split("</head>")[0]
    assert "<script>alert(1)" not in head
