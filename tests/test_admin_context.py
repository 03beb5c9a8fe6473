"""Issue #12 friction: occurrences dated before their resolution's adoption are labelled as
context in the admin (list, change page, the action's inline), and a resolution's and a
paragraph's admin pages list and link their actions."""

from datetime import date

import pytest
from django.urls import reverse

from tests import factories as f
from tests import staff

pytestmark = pytest.mark.django_db
LABEL = "before adoption — context, not credited"


def test_pre_adoption_occurrences_are_labelled_as_context(client):
    resolution = f.resolution(adopted_on=date(2018, 5, 5))
    action = f.action(resolution, mandate_type="recurring_event", recurrence="annual")
    before = f.occurrence(action, "2017-11-01", title="Earlier conference")
    after = f.occurrence(action, "2019-11-01", title="Later conference")
    staff.client_for(client, staff.user("viewer"))
    listing = client.get(reverse("admin:resolutions_occurrence_changelist")).content.decode()
    rows = {line for line in listing.split("<tr") if "conference" in line}
    assert any("Earlier conference" in r and LABEL in r for r in rows)
    assert not any("Later conference" in r and LABEL in r for r in rows)
    page = client.get(reverse("admin:resolutions_occurrence_change", args=[before.pk]))
    assert LABEL in page.content.decode()
    page = client.get(reverse("admin:resolutions_occurrence_change", args=[after.pk]))
    assert LABEL not in page.content.decode()
    page = client.get(reverse("admin:resolutions_action_change", args=[action.pk]))
    assert page.content.decode().count(LABEL) == 1


def test_resolution_and_paragraph_pages_list_their_actions(client):
    resolution = f.resolution(adopted_on=date(2018, 5, 5))
    paragraph = f.paragraph(resolution, 4)
    linked = f.action(resolution, paragraph, title="Set up a roster")
    other = f.action(resolution, title="Hold a conference")
    staff.client_for(client, staff.user("viewer"))
    page = client.get(reverse("admin:resolutions_resolution_change", args=[resolution.pk]))
    body = page.content.decode()
    for action in (linked, other):
        assert reverse("admin:resolutions_action_change", args=[action.pk]) in body
    page = client.get(reverse("admin:resolutions_paragraph_change", args=[paragraph.pk]))
    body = page.content.decode()
    assert reverse("admin:resolutions_action_change", args=[linked.pk]) in body
    assert reverse("admin:resolutions_action_change", args=[other.pk]) not in body
    assert f"paragraphs__id__exact={paragraph.pk}" in body
