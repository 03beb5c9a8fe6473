"""Issue #12: "reviewed, no change" for many actions at once: one draft review record per action
with one shared evidence, through the same four-eyes path."""

from datetime import date

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from resolutions.models import ActionReview
from tests import factories as f
from tests import staff
from workflow import review_services as rs

pytestmark = pytest.mark.django_db


def test_bulk_no_change_records_one_draft_review_per_action(client):
    resolution = f.resolution(adopted_on=date(2018, 5, 5))
    first, second = f.action(resolution), f.action(resolution)
    editor, reviewer = staff.user("editor"), staff.user("reviewer")
    staff.client_for(client, editor)
    url = reverse("admin:resolutions_action_changelist")
    data = {
        "action": "record_no_change_reviews",
        helpers.ACTION_CHECKBOX_NAME: [first.pk, second.pk],
    }
    page = client.post(url, data)
    assert page.status_code == 200 and "Evidence URL" in page.content.decode()
    response = client.post(
        url,
        {
            **data,
            "apply": "1",
            "reviewed_on": "2024-03-01",
            "note": "Checked the OIC site: no change.",
            "url": "https://example.org/checked",
        },
    )
    assert response.status_code == 302
    reviews = list(ActionReview.objects.filter(action__in=[first, second]))
    assert len(reviews) == 2
    assert {r.state for r in reviews} == {"draft"}
    assert {r.evidence.get().url for r in reviews} == {"https://example.org/checked"}
    assert not ActionReview.objects.public().filter(action__in=[first, second]).exists()
    for review in reviews:
        rs.action_review_submit(user=editor, review=review)
        rs.action_review_publish(user=reviewer, review=review, verification="verified")
    assert ActionReview.objects.public().filter(action__in=[first, second]).count() == 2


def test_a_viewer_is_not_offered_the_bulk_review(client):
    action = f.action(f.resolution(adopted_on=date(2018, 5, 5)))
    staff.client_for(client, staff.user("viewer"))
    url = reverse("admin:resolutions_action_changelist")
    assert "record_no_change_reviews" not in client.get(url).content.decode()
    client.post(
        url,
        {
            "action": "record_no_change_reviews",
            helpers.ACTION_CHECKBOX_NAME: [action.pk],
            "apply": "1",
            "reviewed_on": "2024-03-01",
            "note": "x",
            "url": "https://example.org/x",
        },
    )
    assert not ActionReview.objects.filter(action=action).exists()
