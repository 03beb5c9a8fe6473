"""Issue #12: corrections are linked to what they correct and supersede it once published;
a reported update can be verified later, as a recorded review step."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from resolutions.models import Action, AppendOnlyError, State, StatusUpdate, Verification
from tests import factories as f
from tests import staff
from workflow import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def action():
    return f.action(f.resolution(adopted_on=date(2018, 5, 5)))


def status_on(action, day="2021-01-01"):
    return Action.objects.with_status(date.fromisoformat(day)).get(pk=action.pk).current_status


def correct(action, wrong, editor, as_of="2020-01-01", status="in_progress"):
    return services.status_update_draft_create(
        user=editor,
        action=action,
        status=status,
        as_of=date.fromisoformat(as_of),
        note="Corrected: the body was not yet constituted.",
        evidence=[{"url": "https://example.org/correction"}],
        corrects=wrong,
    )


def test_a_published_correction_supersedes_the_update_it_corrects(client, action):
    wrong = f.update(action, "completed", "2020-01-01", note="Wrongly completed.")
    editor, reviewer = staff.user("editor"), staff.user("reviewer")
    fix = correct(action, wrong, editor, as_of="2019-12-01")
    services.status_update_submit(user=editor, update=fix)
    # Until a second person publishes it, nothing public changes.
    assert status_on(action) == "completed"
    assert StatusUpdate.objects.get(pk=wrong.pk).superseded_by is None
    services.status_update_publish(user=reviewer, update=fix, verification="verified")
    wrong.refresh_from_db()
    assert wrong.superseded_by == fix and wrong.state == State.PUBLISHED
    # The roll-up reads the correction, even though the corrected one is dated later.
    assert status_on(action) == "in_progress"
    assert list(StatusUpdate.objects.public().current().filter(action=action)) == [fix]
    # The public page still shows the wrong one, struck through, linked to its correction.
    html = client.get(f"/actions/{action.pk}/").content.decode()
    assert "<del>Wrongly completed.</del>" in html
    assert f'href="/en/actions/{action.pk}/#update-{fix.pk}"' in html
    assert f'id="update-{fix.pk}"' in html and f'#update-{wrong.pk}"' in html
    # The report's latest note is the correction's.
    from exports.report import snapshot

    snap = snapshot(action.resolution, date(2021, 1, 1))
    [row] = [a for a in snap.actions if a.pk == action.pk]
    assert row.latest_update_id == fix.pk


def test_a_correction_must_name_a_published_update_of_the_same_action(action):
    editor = staff.user("editor")
    draft = services.status_update_draft_create(
        user=editor,
        action=action,
        status="completed",
        as_of=date(2020, 1, 1),
        note="A draft.",
        evidence=[{"url": "https://example.org/d"}],
    )
    with pytest.raises(ValidationError, match="Only a published update"):
        correct(action, draft, editor)
    other = f.update(f.action(action.resolution), "completed", "2020-01-01")
    with pytest.raises(ValidationError, match="same action"):
        correct(action, other, editor)


def test_an_update_is_superseded_once_only(action):
    wrong = f.update(action, "completed", "2020-01-01")
    editor, reviewer = staff.user("editor"), staff.user("reviewer")
    first, second = correct(action, wrong, editor), correct(action, wrong, editor)
    for fix in (first, second):
        services.status_update_submit(user=editor, update=fix)
    services.status_update_publish(user=reviewer, update=first, verification="verified")
    with pytest.raises(ValidationError, match="already corrected"):
        services.status_update_publish(user=reviewer, update=second, verification="verified")
    assert StatusUpdate.objects.get(pk=second.pk).state == State.SUBMITTED


def test_the_admin_offers_correct_this_update_with_a_prefilled_linked_draft(client, action):
    wrong = f.update(action, "completed", "2020-01-01", note="Wrongly completed.")
    editor = staff.user("editor")
    staff.client_for(client, editor)
    page = client.get(reverse("admin:resolutions_statusupdate_change", args=[wrong.pk]))
    html = page.content.decode()
    link = (
        reverse("admin:resolutions_statusupdate_add") + f"?action={action.pk}&corrects={wrong.pk}"
    )
    assert f'href="{link.replace("&", "&amp;")}"' in html
    form = client.get(link).context["adminform"].form
    assert form.initial["corrects"] == str(wrong.pk)
    assert form.initial["note"] == "Wrongly completed."
    response = client.post(
        link,
        {
            "action": action.pk,
            "status": "in_progress",
            "as_of": "2020-01-01",
            "note": "Corrected.",
            "corrects": wrong.pk,
            "evidence-TOTAL_FORMS": "1",
            "evidence-INITIAL_FORMS": "0",
            "evidence-MIN_NUM_FORMS": "1",
            "evidence-MAX_NUM_FORMS": "1000",
            "evidence-0-url": "https://example.org/x",
        },
    )
    assert response.status_code == 302
    fix = StatusUpdate.objects.get(note="Corrected.")
    assert (fix.corrects, fix.state) == (wrong, State.DRAFT)


# --- Verifying later ----------------------------------------------------------------------------


def test_a_reported_update_is_verified_later_by_a_second_person(client, action):
    editor, reviewer = staff.user("editor"), staff.user("reviewer")
    update = services.status_update_draft_create(
        user=editor,
        action=action,
        status="in_progress",
        as_of=date(2020, 1, 1),
        note="Self-assessed.",
        evidence=[{"url": "https://example.org/r"}],
    )
    services.status_update_submit(user=editor, update=update)
    services.status_update_publish(user=reviewer, update=update, verification="reported")
    assert update.verified_at is None
    with pytest.raises(PermissionDenied):
        services.status_update_verify(user=editor, update=update)
    other_reviewer = staff.user("reviewer")
    staff.client_for(client, other_reviewer)
    url = reverse("admin:resolutions_statusupdate_change", args=[update.pk])
    assert "Verify against the evidence" in client.get(url).content.decode()
    response = client.post(
        reverse("admin:resolutions_statusupdate_step", args=[update.pk, "verify"]),
        {"version": StatusUpdate.objects.get(pk=update.pk).version, "note": "Checked the PDF."},
    )
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.verification == Verification.VERIFIED
    assert update.verified_by == other_reviewer and update.verified_at <= timezone.now()
    assert update.note == "Self-assessed."  # content unchanged
    history = update.history.order_by("-history_date").first()
    assert history.history_change_reason.startswith("Verified against the cited evidence")
    assert history.history_user == other_reviewer
    page = client.get(f"/actions/{action.pk}/").content.decode()
    assert "verified later, on" in page
    # Only once, and never its content.
    with pytest.raises(ValidationError):
        services.status_update_verify(user=reviewer, update=update)
    update.note = "Edited."
    with pytest.raises(AppendOnlyError):
        update.save()


def test_the_author_does_not_verify_their_own_reported_update(action):
    reviewer = staff.user("reviewer")
    update = f.update(action, "in_progress", "2020-01-01", verification="reported", author=reviewer)
    with pytest.raises(PermissionDenied, match="second person"):
        services.status_update_verify(user=reviewer, update=update)
