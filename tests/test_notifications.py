"""Issue #12: email notices of workflow steps and the reminder digest (locmem backend via
pytest-django's mailoutbox), in the recipient's language, with a per-user opt-out."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests import factories as f
from tests import staff
from workflow import services
from workflow.models import NotificationPreference

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 1)


@pytest.fixture
def resolution():
    return f.resolution(adopted_on=date(2018, 5, 5))


def person(role, email, language="en", enabled=True, resolution=None):
    user = staff.user(role, email=email)
    NotificationPreference.objects.create(user=user, language=language, email_enabled=enabled)
    if resolution is not None:
        staff.assign(user, resolution=resolution)
    return user


def draft(action, user):
    return services.status_update_draft_create(
        user=user,
        action=action,
        status="in_progress",
        as_of=date(2020, 1, 1),
        note="Drafted.",
        evidence=[{"url": "https://example.org/e"}],
    )


def test_submit_emails_the_reviewers_and_publish_or_return_emails_the_author(
    resolution, mailoutbox, django_capture_on_commit_callbacks
):
    action = f.action(resolution)
    editor = person("editor", "editor@example.org")
    reviewer = person("reviewer", "reviewer@example.org", language="fr")
    person("reviewer", "quiet@example.org", enabled=False)  # opted out
    update = draft(action, editor)
    with django_capture_on_commit_callbacks(execute=True):
        services.status_update_submit(user=editor, update=update)
    assert [m.to for m in mailoutbox] == [["reviewer@example.org"]]
    assert "En attente de votre examen" in mailoutbox[0].subject  # in the reviewer's language
    assert f"/fr/admin/resolutions/statusupdate/{update.pk}/change/" in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        services.status_update_reject(user=reviewer, update=update, reason="Cite the page.")
    assert mailoutbox[-1].to == ["editor@example.org"]
    assert "Cite the page." in mailoutbox[-1].body and "Returned" in mailoutbox[-1].subject
    with django_capture_on_commit_callbacks(execute=True):
        services.status_update_submit(user=editor, update=update)
        services.status_update_publish(user=reviewer, update=update, verification="verified")
    assert mailoutbox[-1].to == ["editor@example.org"]
    assert "Published" in mailoutbox[-1].subject


def test_reminders_cover_overdue_due_soon_and_stale_in_the_users_language(resolution, mailoutbox):
    overdue = f.action(resolution, title="Overdue mandate", due_date=TODAY - timedelta(days=5))
    due_soon = f.action(resolution, title="Due-soon mandate", due_date=TODAY + timedelta(days=10))
    fresh = f.action(resolution, title="Fresh mandate", due_date=TODAY + timedelta(days=200))
    f.update(fresh, "in_progress", TODAY - timedelta(days=30))
    f.update(overdue, "in_progress", TODAY - timedelta(days=400))  # stale too
    f.update(due_soon, "in_progress", TODAY - timedelta(days=10))
    person("editor", "ar@example.org", language="ar", resolution=resolution)
    person("editor", "en@example.org", language="en", resolution=resolution)
    person("editor", "off@example.org", enabled=False, resolution=resolution)
    staff.user("editor", email="no-assignment@example.org")  # not a focal point
    call_command("send_reminders", "--date", TODAY.isoformat())
    by_address = {m.to[0]: m for m in mailoutbox}
    assert set(by_address) == {"ar@example.org", "en@example.org"}
    english = by_address["en@example.org"]
    assert "1 overdue, 1 due within 30 days, 1 not reviewed for 12 months" in english.subject
    body = english.body
    overdue_part = body.split("Overdue (1)")[1].split("Due within 30 days")[0]
    assert "Overdue mandate" in overdue_part
    assert "Due-soon mandate" in body.split("Due within 30 days (1)")[1].split("Not reviewed")[0]
    assert "Overdue mandate" in body.split("Not reviewed for 12 months (1)")[1]
    assert "Fresh mandate" not in body
    assert "/en/admin/my-notifications/" in body
    arabic = by_address["ar@example.org"]
    with translation.override("ar"):
        heading = gettext("Overdue")
    assert heading != "Overdue" and f"{heading} (1)" in arabic.body
    assert "/ar/admin/" in arabic.body


@pytest.mark.parametrize(
    "language, subject, due",
    [
        (
            "en",
            "[Tracker] Your actions: 1 overdue, 1 due within 30 days, 1 not reviewed",
            ("due 24 February 2026", "due 11 March 2026"),
        ),
        (
            "fr",
            "1 à échéance dépassée",
            ("échéance : 24 février 2026", "échéance : 11 mars 2026"),
        ),
        (
            "ar",
            "1",
            ("موعد الاستحقاق 24 فبراير 2026", "موعد الاستحقاق 11 مارس 2026"),
        ),
    ],
)
def test_the_digest_is_in_the_recipients_language_with_local_dates(
    resolution, mailoutbox, language, subject, due
):
    overdue = f.action(resolution, title="Overdue mandate", due_date=date(2026, 2, 24))
    due_soon = f.action(resolution, title="Due-soon mandate", due_date=date(2026, 3, 11))
    stale = f.action(resolution, title="Stale mandate")
    f.update(overdue, "in_progress", TODAY - timedelta(days=30))
    f.update(due_soon, "in_progress", TODAY - timedelta(days=10))
    f.update(stale, "in_progress", TODAY - timedelta(days=400))
    person("editor", f"{language}@example.org", language=language, resolution=resolution)
    call_command("send_reminders", "--date", TODAY.isoformat())
    [message] = mailoutbox
    assert subject in message.subject
    with translation.override(language):
        expected = [
            gettext("Overdue"),
            gettext("Due within 30 days"),
            gettext("Not reviewed for 12 months"),
        ]
    for heading in expected:
        assert f"{heading} (1)" in message.body
        if language != "en":
            assert not heading.startswith(("Overdue", "Due within", "Not reviewed"))
    sections = message.body.split("\n\n")
    assert "Overdue mandate" in sections[1] and due[0] in sections[1]
    assert "Due-soon mandate" in sections[2] and due[1] in sections[2]
    assert "Stale mandate" in sections[3] and "Overdue mandate" not in sections[3]
    assert "2026-02-24" not in message.body and "2026-03-11" not in message.body
    assert f"/{language}/admin/my-notifications/" in message.body


def test_the_reminder_windows_edges(resolution, mailoutbox):
    """Due today is due soon, not overdue; due yesterday is overdue; day 30 is due soon, day 31
    is not; a completed action is neither; looked at 365 days ago is not stale yet, 366 days
    ago is, and so is an action nobody ever looked at."""
    cases = {
        "Due today": (TODAY, TODAY - timedelta(days=10), "in_progress"),
        "Due yesterday": (TODAY - timedelta(days=1), TODAY - timedelta(days=10), "in_progress"),
        "Due in 30 days": (TODAY + timedelta(days=30), TODAY - timedelta(days=10), "in_progress"),
        "Due in 31 days": (TODAY + timedelta(days=31), TODAY - timedelta(days=10), "in_progress"),
        "Completed, was due": (TODAY - timedelta(days=9), TODAY - timedelta(days=10), "completed"),
        "Looked at 365 days ago": (None, TODAY - timedelta(days=365), "in_progress"),
        "Looked at 366 days ago": (None, TODAY - timedelta(days=366), "in_progress"),
    }
    for title, (due_date, as_of, status) in cases.items():
        f.update(f.action(resolution, title=title, due_date=due_date), status, as_of)
    f.action(resolution, title="Never looked at")
    editor = person("editor", "en@example.org", resolution=resolution)
    from workflow.notifications import digest_for

    digest = {key: [a.title for a in actions] for key, actions in digest_for(editor, TODAY).items()}
    assert digest["overdue"] == ["Due yesterday"]
    assert digest["due_soon"] == ["Due today", "Due in 30 days"]
    assert digest["stale"] == ["Looked at 366 days ago", "Never looked at"]
    call_command("send_reminders", "--date", TODAY.isoformat())
    [message] = mailoutbox
    assert "Due in 31 days" not in message.body and "Completed, was due" not in message.body
    assert "Looked at 365 days ago" not in message.body and "Never looked at" in message.body


def test_no_reminder_when_nothing_needs_attention(resolution, mailoutbox):
    fresh = f.action(resolution, due_date=TODAY + timedelta(days=200))
    f.update(fresh, "in_progress", TODAY - timedelta(days=30))
    person("editor", "en@example.org", resolution=resolution)
    call_command("send_reminders", "--date", TODAY.isoformat())
    assert mailoutbox == []


def test_each_user_turns_their_emails_off(client):
    editor = staff.user("editor", email="e@example.org")
    staff.client_for(client, editor)
    url = reverse("notification_settings")
    assert client.get(url).status_code == 200
    response = client.post(url, {"language": "fr"})  # "Email me" unticked
    assert response.status_code == 302
    pref = NotificationPreference.objects.get(user=editor)
    assert (pref.email_enabled, pref.language) == (False, "fr")
    client.logout()
    assert client.get(url).status_code == 302  # staff only: to the login page
