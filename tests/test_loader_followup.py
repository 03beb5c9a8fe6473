"""56/46-POL (#15, item 5): loaded from data/56-46-pol.yaml with only what the sources state,
linked to 53/45-POL both ways, its Code of Conduct and Network mandates kept as its own sourced
attributions, never merged with 53/45-POL's."""

import pytest

from resolutions.loader import load_file
from resolutions.models import Action, Resolution

pytestmark = pytest.mark.django_db


@pytest.fixture
def followup(seeded):
    load_file("data/56-46-pol.yaml")
    return Resolution.objects.get(symbol="56/46-POL")


def test_56_46_pol_carries_only_sourced_facts(followup, seeded):
    assert followup.adopted_on is None  # only "March 2019" is sourced
    assert "March 2019" in followup.adoption_dates_note
    assert followup.title == seeded.translations.get(language="ar", field="title").text
    assert not followup.paragraphs.exists()
    assert followup.body == seeded.body and followup.member_states().count() == 57
    for action in followup.actions.all():
        assert action.responsible_source.key == "urdupoint-2019-07-01"
        assert action.description_sources.exists() and action.attribution_note
        assert not action.status_updates.exists()  # nobody has assessed it: not yet assessed


def test_the_code_of_conduct_is_two_attributions_not_one(followup, seeded):
    both = Action.objects.filter(key="code-of-conduct").order_by("resolution__symbol")
    assert [a.resolution.symbol for a in both] == ["53/45-POL", "56/46-POL"]
    assert [a.mandate_source.key for a in both] == ["un-19-01473", "urdupoint-2019-07-01"]


def test_53_45_and_56_46_are_linked_both_ways(followup, seeded, client):
    link = followup.links_out.get()
    assert (link.kind, link.target) == ("follows_up", seeded)
    new = client.get("/en/resolutions/56-46-pol/").content.decode()
    assert 'Follows up <a href="/en/resolutions/53-45-pol/"><bdi>53/45-POL</bdi></a>' in new
    old = client.get("/en/resolutions/53-45-pol/").content.decode()
    assert 'Followed up by <a href="/en/resolutions/56-46-pol/"><bdi>56/46-POL</bdi></a>' in old
    # Loading it again changes nothing.
    load_file("data/56-46-pol.yaml")
    assert (
        followup.links_out.count() == 1 and Action.objects.filter(resolution=followup).count() == 2
    )


def test_every_fact_of_56_46_pol_rests_on_a_source(followup, seeded):
    """Its identity, title, link, mandates, responsibilities, descriptions and the continuation
    of 53/45-POL's Code of Conduct each name a source (a fact without one fails here)."""
    assert followup.sources.exists() and followup.title_source.key == "spa-1938940"
    assert all(link.source_id for link in followup.links_out.all())
    unsourced = []
    for action in followup.actions.all():
        if action.mandate_source is None:
            unsourced.append(f"{action.key}: mandate")
        if action.responsible_actors.exists() and action.responsible_source is None:
            unsourced.append(f"{action.key}: responsible actors")
        if action.description and not action.description_sources.exists():
            unsourced.append(f"{action.key}: description")
        if action.continues_symbol and action.continues_source is None:
            unsourced.append(f"{action.key}: continuation")
    assert unsourced == []
    assert followup.actions.get(key="code-of-conduct").continues_source.key == (
        "conf-3-concept-note"
    )
