"""The History page of a record and the log of all recent changes (#12 item 8): readable
labels (field names, choice labels, names rather than ids), times in the tracker's time zone
said on the page, reasons in the page's language and nothing where there is none; the log for
administrators only."""

import re
from zoneinfo import ZoneInfo

import pytest
from django.test import Client, override_settings
from django.utils import translation

from resolutions.models import StatusUpdate
from tests import factories as f
from tests import staff
from workflow import services

pytestmark = pytest.mark.django_db


def _client(account):
    client = Client()
    client.force_login(account, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def reviewed(empty_db):
    """A status update drafted by an editor, submitted, returned, submitted again and published
    as verified by a reviewer."""
    update, editor, reviewer = staff.submitted_update()
    services.status_update_reject(user=reviewer, update=update, reason="Which document?")
    update = StatusUpdate.objects.get(pk=update.pk)
    services.status_update_submit(user=editor, update=update, note="See the decree.")
    update = StatusUpdate.objects.get(pk=update.pk)
    services.status_update_publish(user=reviewer, update=update, verification="verified")
    return {"update": update, "editor": editor, "reviewer": reviewer}


def _history(client, update, language):
    response = client.get(f"/{language}/admin/resolutions/statusupdate/{update.pk}/history/")
    translation.activate("en")
    assert response.status_code == 200
    return response.content.decode()


def _cells(html, column):
    """The text of one column of the history table, row by row."""
    rows = re.findall(r"<tr>(.*?)</tr>", html.split('id="change-history"')[1], re.S)[1:]
    return [
        re.sub(r"<[^>]+>|\s+", " ", re.findall(r"<td>(.*?)</td>", row, re.S)[column]).strip()
        for row in rows
    ]


@override_settings(TIME_ZONE="Asia/Dhaka")
def test_the_history_page_reads_as_the_forms_do(reviewed):
    html = _history(_client(reviewed["reviewer"]), reviewed["update"], "en")
    # Choice labels and field names, not codes and attribute names.
    assert "<strong>State:</strong> Submitted for review&nbsp;&rarr;&nbsp;Published" in html
    assert "<strong>Verification:</strong>" in html and "&rarr;&nbsp;Verified" in html
    assert "submitted&nbsp;&rarr;" not in html and "published_by" not in html
    # A related record by its name: who published it.
    assert re.search(r"<strong>Published by:</strong> —&nbsp;&rarr;&nbsp;karim", html), html
    # Who changed it, by name.
    assert "Reviewer Officer (karim)" in html and "Editor Officer (amina)" in html
    # Reasons: none on the creation (no "None"), the workflow's steps in words.
    reasons = _cells(html, 4)
    assert reasons[-1] == "" and "None" not in reasons
    assert reasons[0] == "Published as verified."
    assert "Rejected: Which document?" in reasons
    assert "Submitted for review. See the decree." in reasons


@override_settings(TIME_ZONE="Asia/Dhaka")
def test_history_times_are_local_and_the_zone_is_named(reviewed):
    published_at = StatusUpdate.objects.get(pk=reviewed["update"].pk).history.first().history_date
    html = _history(_client(reviewed["reviewer"]), reviewed["update"], "en")
    assert "Times are in Asia/Dhaka" in html
    # The history entry of the publication, at Dhaka's time (UTC+6) in the page.
    local = published_at.astimezone(ZoneInfo("Asia/Dhaka"))
    assert f'<time datetime="{local.isoformat()}">' in html
    assert local.isoformat().endswith("+06:00")


@pytest.mark.parametrize(
    "language, published, rejected, state",
    [
        ("fr", "Publié avec la mention « Vérifiée ».", "Renvoyé :", "Étape de validation"),
        ("ar", "نُشر بالإشارة «تم التحقق منه».", "رُفض:", "مرحلة الاعتماد"),
    ],
)
def test_the_history_page_in_french_and_arabic(reviewed, language, published, rejected, state):
    html = _history(_client(reviewed["reviewer"]), reviewed["update"], language)
    reasons = _cells(html, 4)
    assert reasons[0] == published
    assert f"{rejected} Which document?" in reasons
    assert "Published as" not in html and "Submitted for review" not in html
    assert f"<strong>{state}:</strong>" in html
    # Times as the reader writes them: a CLDR day and a 24-hour time, no "p.m." or "م".
    when = _cells(html, 1)[0]
    pattern = (
        r"\d{1,2} \S+ 20\d\d à \d\d:\d\d"
        if language == "fr"
        else r"\d{1,2} \S+ 20\d\d، الساعة \d\d:\d\d"
    )
    assert re.fullmatch(pattern, when), when


# --- All recent changes ---------------------------------------------------------------------

RECENT = "/admin/recent-changes/"


def test_all_recent_changes_lists_who_what_when_with_links(reviewed):
    administrator = staff.user("administrator", username="admin1")
    occurrence = f.occurrence(reviewed["update"].action, "2020-02-01", title="Annual conference")
    page = _client(administrator).get(f"/en{RECENT}")
    assert page.status_code == 200
    html = page.content.decode()
    entries = page.context["entries"]
    # Newest first, across models: the occurrence (no user: a trusted write) came last.
    assert [e["kind"] for e in entries[:1]] == ["Occurrence"]
    assert entries[0]["name"] == str(occurrence) and entries[0]["user"] is None
    assert "data file or command" in html
    kinds = {e["kind"] for e in entries}
    assert {"Status update", "Action", "Resolution", "Occurrence"} <= kinds
    published = next(e for e in entries if e["reason"] == "Published as verified.")
    assert published["user"] == reviewed["reviewer"]
    update = reviewed["update"]
    assert published["history_url"] == f"/en/admin/resolutions/statusupdate/{update.pk}/history/"
    assert f'href="/en/admin/resolutions/statusupdate/{update.pk}/history/"' in html
    assert "Times are in UTC" in html


def test_all_recent_changes_filters_by_user_and_by_kind(reviewed):
    client = _client(staff.user("administrator"))
    editor = reviewed["editor"]
    by_editor = client.get(f"/en{RECENT}", {"user": editor.pk}).context["entries"]
    assert by_editor and {e["user"] for e in by_editor} == {editor}
    # The editor created the draft and its evidence, and submitted it twice.
    reasons = [e["reason"] for e in by_editor if e["kind"] == "Status update"]
    assert reasons == ["Submitted for review. See the decree.", "Submitted for review.", ""]
    updates = client.get(f"/en{RECENT}", {"model": "resolutions.statusupdate"}).context["entries"]
    assert len(updates) == 5 and {e["kind"] for e in updates} == {"Status update"}
    both = {"model": "resolutions.statusupdate", "user": reviewed["reviewer"].pk}
    assert [e["reason"] for e in client.get(f"/en{RECENT}", both).context["entries"]] == [
        "Published as verified.",
        "Rejected: Which document?",
    ]
    # An unknown kind or user is no error: everything, or nothing.
    assert client.get(f"/en{RECENT}", {"model": "auth.nothing", "user": "x"}).status_code == 200


def test_all_recent_changes_is_paginated_in_constant_queries(reviewed, django_assert_num_queries):
    client = _client(staff.user("administrator"))
    action = reviewed["update"].action
    for number in range(60):
        f.occurrence(action, "2020-03-01", title=f"Meeting {number}")
    first = client.get(f"/en{RECENT}", {"model": "resolutions.occurrence"})
    assert len(first.context["entries"]) == 50
    assert first.context["page_obj"].paginator.count == 60
    second = client.get(f"/en{RECENT}", {"model": "resolutions.occurrence", "p": 2})
    assert [e["name"] for e in second.context["entries"]][-1].startswith("Meeting 0 ")
    assert len(second.context["entries"]) == 10
    assert "p=1" in second.content.decode()
    # A page of 50 entries of every kind costs the same few queries: session and user, the
    # count, the page, one per kind on it, the users for the filter (and the admin's menu).
    with django_assert_num_queries(8) as counted:
        client.get(f"/en{RECENT}")
    assert counted


@pytest.mark.parametrize("role", ["viewer", "editor", "reviewer"])
def test_only_administrators_see_all_recent_changes(reviewed, role):
    client = _client(staff.user(role))
    assert client.get(f"/en{RECENT}").status_code == 403
    assert "All recent changes" not in client.get("/en/admin/").content.decode()


def test_the_admin_home_links_all_recent_changes_for_administrators(reviewed):
    client = _client(staff.user("administrator"))
    assert f'href="/en{RECENT}"' in client.get("/en/admin/").content.decode()
    assert Client().get(f"/en{RECENT}").status_code == 302  # to the sign-in page


@pytest.mark.parametrize(
    "language, title, published",
    [
        ("fr", "Toutes les modifications récentes", "Publié avec"),
        ("ar", "جميع التغييرات الأخيرة", "نُشر"),
    ],
)
def test_all_recent_changes_in_french_and_arabic(reviewed, language, title, published):
    html = _client(staff.user("administrator")).get(f"/{language}{RECENT}").content.decode()
    translation.activate("en")
    assert title in html and published in html
    for english in (
        "All recent changes",
        "Changed by",
        "Kind of record",
        "Published as",
        "Times are in",
    ):
        assert english not in html


def test_the_cost_of_a_page_does_not_grow_with_its_rows(reviewed):
    """Names that print related records (an update prints its action; a participation its
    Member State and its occurrence, which prints its action) are read with the page's rows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from resolutions.models import MemberState, Participation

    client = _client(staff.user("administrator"))
    action = reviewed["update"].action
    occurrence = f.occurrence(action, "2020-03-01", title="Conference")
    states = [
        MemberState.objects.create(
            iso3=f"T{chr(65 + n // 26)}{chr(65 + n % 26)}", name=f"State {n}"
        )
        for n in range(40)
    ]

    def cost(kind):
        with CaptureQueriesContext(connection) as queries:
            page = client.get(f"/en{RECENT}", {"model": kind})
        return len(queries), len(page.context["entries"])

    for state in states[:3]:
        Participation.objects.create(occurrence=occurrence, member_state=state, source=f.source())
    few = cost("resolutions.participation")
    for state in states[3:]:
        Participation.objects.create(occurrence=occurrence, member_state=state, source=f.source())
    many = cost("resolutions.participation")
    assert (few[1], many[1]) == (3, 40)
    assert few[0] == many[0] == 8
    first = client.get(f"/en{RECENT}", {"model": "resolutions.participation"}).context["entries"]
    assert first[0]["name"] == f"State 39 at {occurrence}"
