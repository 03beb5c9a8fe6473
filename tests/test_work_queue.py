"""Issue #12: the work queue on the admin home page, each count linking to its filtered list."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories as f
from tests import staff
from workflow import services

pytestmark = pytest.mark.django_db


def draft(action, user, note):
    return services.status_update_draft_create(
        user=user,
        action=action,
        status="in_progress",
        as_of=date(2020, 1, 1),
        note=note,
        evidence=[{"url": "https://example.org/e"}],
    )


def counts(client):
    html = client.get(reverse("admin:index")).content.decode()
    assert 'id="work-queue"' in html
    rows = re.findall(
        r'<th scope="row"><a href="([^"]+)">([^<]+)</a></th><td><a href="[^"]+" '
        r'class="work-queue-count">(\d+)</a>',
        html,
    )
    return {label: (int(count), url.replace("&amp;", "&")) for url, label, count in rows}, html


def test_the_admin_home_shows_each_users_queue_with_links(client):
    resolution = f.resolution(adopted_on=date(2018, 5, 5))
    today = timezone.localdate()
    f.action(resolution, due_date=today - timedelta(days=3))  # overdue, never assessed
    f.action(resolution, due_date=today + timedelta(days=10))  # due soon
    action = f.action(resolution)
    editor, reviewer = staff.user("editor"), staff.user("reviewer")
    staff.assign(editor, resolution=resolution)
    staff.assign(reviewer, resolution=resolution)
    submitted = draft(action, editor, "Submitted one.")
    services.status_update_submit(user=editor, update=submitted)
    returned = draft(action, editor, "Returned one.")
    services.status_update_submit(user=editor, update=returned)
    services.status_update_reject(user=reviewer, update=returned, reason="Cite the PDF page.")
    draft(action, editor, "Plain draft.")
    own = draft(action, reviewer, "The reviewer's own.")
    services.status_update_submit(user=reviewer, update=own)

    staff.client_for(client, editor)
    queue, html = counts(client)
    assert queue["My drafts"][0] == 2
    assert queue["Returned to me"][0] == 1
    assert "Cite the PDF page." in html  # the reviewer's reason
    assert queue["My actions overdue"][0] == 1
    assert queue["My actions due within 30 days"][0] == 1
    assert queue["My actions not reviewed for 12 months"][0] == 3
    assert "Status updates waiting for my review" not in queue  # an editor reviews nothing
    # Each count is a link to the list it counts.
    page = client.get(queue["Returned to me"][1])
    assert [u.note for u in page.context["cl"].result_list] == ["Returned one."]
    page = client.get(queue["My actions overdue"][1])
    assert page.context["cl"].result_count == 1

    client.logout()
    staff.client_for(client, reviewer)
    queue, _html = counts(client)
    # Waiting for review: the editor's submitted update, not the reviewer's own (four eyes).
    assert queue["Status updates waiting for my review"][0] == 1
    page = client.get(queue["Status updates waiting for my review"][1])
    assert [u.note for u in page.context["cl"].result_list] == ["Submitted one."]
