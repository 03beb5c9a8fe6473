"""Atom feeds of published status updates and reviews (resolutions/feeds.py): they parse as
Atom with feedparser, list only published records, exist per resolution, action and Member State
in each language, and pages announce them with <link rel="alternate">."""

from datetime import date

import feedparser
import pytest

from resolutions.models import Action
from tests import factories as f
from workflow.review_services import action_review_create


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


@pytest.fixture
def network(seeded):
    return Action.objects.get(resolution=seeded, key="network")


@pytest.fixture
def contact_group(seeded):
    return Action.objects.get(resolution=seeded, key="contact-group")


def feed_urls(network):
    return [
        "/{lang}/feeds/updates.atom",
        "/{lang}/resolutions/53-45-pol/feed.atom",
        f"/{{lang}}/actions/{network.pk}/feed.atom",
        "/{lang}/member-states/TUR/feed.atom",
    ]


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_every_feed_is_valid_atom_in_every_language(client, seeded, network, lang):
    for url in feed_urls(network):
        feed = parse(client.get(url.format(lang=lang)))
        assert feed.feed.get("language", lang) == lang
        for entry in feed.entries:
            assert entry.title and entry.id.startswith("urn:resolution-tracker:")
            assert entry.link.startswith(f"http://testserver/{lang}/actions/")
            assert entry.published_parsed


def test_only_published_updates_and_reviews_are_listed(client, seeded, network):
    f.update(network, "completed", "2019-02-01", note="Published network note")
    f.update(
        network,
        "completed",
        "2019-03-01",
        note="Draft network note",
        state="draft",
        verification="",
    )
    f.update(
        network,
        "completed",
        "2019-04-01",
        note="Submitted network note",
        state="submitted",
        verification="",
    )
    source = f.source()
    action_review_create(
        action=network,
        reviewed_on=date(2019, 5, 1),
        note="Published review: sources checked",
        evidence=[{"source": source}],
        author_name="Test officer",
    )
    action_review_create(
        action=network,
        reviewed_on=date(2019, 6, 1),
        note="Draft review: not public",
        evidence=[{"source": source}],
        author_name="Test officer",
        state="draft",
    )
    for url in feed_urls(network)[:3]:
        content = client.get(url.format(lang="en")).content.decode()
        feed = parse(client.get(url.format(lang="en")))
        summaries = " ".join(e.summary for e in feed.entries)
        assert "Published network note" in summaries, url
        assert "Published review: sources checked" in summaries, url
        assert "Draft network note" not in content and "Submitted network note" not in content
        assert "Draft review" not in content
    titles = [e.title for e in parse(client.get(feed_urls(network)[2].format(lang="en"))).entries]
    # Newest publication first; a review says what it is.
    assert "sources reviewed on 1 May 2019, no change" in titles[0]
    assert titles[1].endswith("Completed (as of 1 February 2019)")


def test_the_action_feed_lists_that_action_only(client, seeded, network, contact_group):
    feed = parse(client.get(f"/en/actions/{network.pk}/feed.atom"))
    assert feed.entries and all(f"/actions/{network.pk}/" in e.link for e in feed.entries)


def test_the_member_state_feed_follows_its_mandates(client, seeded, contact_group, network):
    # Türkiye co-chairs the Contact Group (a sourced role); it has no role in the Network.
    feed = parse(client.get("/en/member-states/TUR/feed.atom"))
    links = {e.link.split("?")[0] for e in feed.entries}
    assert f"http://testserver/en/actions/{contact_group.pk}/" in links
    assert f"http://testserver/en/actions/{network.pk}/" not in links
    # A state no source names has an empty, still valid, feed.
    assert parse(client.get("/en/member-states/ALB/feed.atom")).entries == []


def test_feeds_of_unknown_things_are_404(client, seeded):
    assert client.get("/en/resolutions/nope/feed.atom").status_code == 404
    assert client.get("/en/actions/999999/feed.atom").status_code == 404
    assert client.get("/en/member-states/XXX/feed.atom").status_code == 404


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_pages_announce_their_feeds(client, seeded, network, lang):
    expected = {
        f"/{lang}/": [f"/{lang}/feeds/updates.atom"],
        f"/{lang}/resolutions/53-45-pol/": [f"/{lang}/resolutions/53-45-pol/feed.atom"],
        f"/{lang}/actions/{network.pk}/": [
            f"/{lang}/actions/{network.pk}/feed.atom",
            f"/{lang}/resolutions/53-45-pol/feed.atom",
        ],
        f"/{lang}/member-states/TUR/": [f"/{lang}/member-states/TUR/feed.atom"],
    }
    for page, feeds in expected.items():
        head = client.get(page).content.decode().split("</head>")[0]
        for feed in feeds:
            assert (
                '<link rel="alternate" type="application/atom+xml" title="' in head
                and f'href="{feed}"' in head
            ), (page, feed)
