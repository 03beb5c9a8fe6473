"""The editorial workflow: draft → submitted → published (or back to draft with a reason),
reported vs. verified, the database's invariants, append-only records, optimistic locking, and
the admin's review buttons and bulk actions."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import IntegrityError, models, transaction
from django.urls import reverse

from resolutions.loader import LoadError, load_data
from resolutions.models import (
    Action,
    AppendOnlyError,
    ConflictError,
    Evidence,
    State,
    StatusUpdate,
    Verification,
)
from tests import factories as f
from tests import staff
from workflow import services

# These tests build their own small world with the factories, in a database without the
# session's real data (tests/conftest.py: empty_db).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_db")]


@pytest.fixture
def action():
    return f.action(f.resolution())


@pytest.fixture
def editor():
    return staff.user("editor")


@pytest.fixture
def reviewer():
    return staff.user("reviewer")


def draft(action, user, status="completed", as_of="2020-01-01", note="Drafted."):
    return services.status_update_draft_create(
        user=user,
        action=action,
        status=status,
        as_of=date.fromisoformat(as_of),
        note=note,
        evidence=[{"url": "https://example.org/evidence"}],
    )


def public_status(action, day="2030-01-01"):
    return Action.objects.with_status(date.fromisoformat(day)).get(pk=action.pk).current_status


# --- States and defaults ----------------------------------------------------------------------


def test_a_new_update_is_a_draft_by_default():
    assert StatusUpdate().state == State.DRAFT
    assert StatusUpdate._meta.get_field("state").default == State.DRAFT


def test_the_trusted_service_publishes_verified_updates_by_default(action):
    update = f.update(action, "in_progress", "2020-01-01")
    assert (update.state, update.verification) == (State.PUBLISHED, Verification.VERIFIED)
    assert update.published_at is not None and update.published_by is None
    assert update.get_verification_display() == "Verified"
    assert "against the cited evidence" in update.verification_definition
    reported = f.update(action, "in_progress", "2020-02-01", verification="reported")
    assert reported.get_verification_display() == "Reported"
    assert "Self-assessed by the responsible actor" in reported.verification_definition
    assert public_status(action) == "in_progress"


def test_the_trusted_service_can_record_a_draft(action):
    update = f.update(action, "completed", "2020-01-01", state="draft")
    assert (update.state, update.verification, update.published_at) == ("draft", "", None)
    assert public_status(action) == "not_yet_assessed"


def test_only_published_updates_pass_the_public_gate(action, editor, reviewer):
    published = f.update(action, "in_progress", "2019-01-01")
    drafted = draft(action, editor, status="completed", as_of="2020-01-01")
    submitted = draft(action, editor, status="not_started", as_of="2020-06-01")
    services.status_update_submit(user=editor, update=submitted)

    assert list(StatusUpdate.objects.public()) == [published]
    assert set(StatusUpdate.objects.unpublished()) == {drafted, submitted}
    # The roll-up reads the gate: the latest *published* update decides.
    assert public_status(action) == "in_progress"


# --- The whole cycle --------------------------------------------------------------------------


def test_draft_submit_publish(action, editor, reviewer):
    update = draft(action, editor)
    assert (update.state, update.author, update.author_name) == ("draft", editor, "Editor Officer")
    assert public_status(action) == "not_yet_assessed"

    services.status_update_submit(user=editor, update=update, note="Please check.")
    assert (update.state, update.submitted_by, update.review_note) == (
        "submitted",
        editor,
        "Please check.",
    )
    assert public_status(action) == "not_yet_assessed"

    services.status_update_publish(
        user=reviewer, update=update, verification="verified", note="Checked the report."
    )
    update.refresh_from_db()
    assert (update.state, update.verification, update.published_by) == (
        "published",
        "verified",
        reviewer,
    )
    assert update.published_at is not None
    assert public_status(action) == "completed"
    # approve is the same step under the name reviewers use.
    assert services.status_update_approve is services.status_update_publish


def test_rejection_returns_the_update_to_its_author_with_the_reason(action, editor, reviewer):
    update = draft(action, editor)
    services.status_update_submit(user=editor, update=update)
    with pytest.raises(ValidationError, match="Say why"):
        services.status_update_reject(user=reviewer, update=update, reason="  ")

    services.status_update_reject(user=reviewer, update=update, reason="Cite the 2019 report.")
    update.refresh_from_db()
    assert (update.state, update.rejection_reason, update.rejected_by) == (
        "draft",
        "Cite the 2019 report.",
        reviewer,
    )
    assert update.submitted_at is None

    # The author corrects it and submits it again; the rejection is then behind it.
    services.status_update_draft_edit(
        user=editor,
        update=update,
        version=update.version,
        note="Drafted, with the report.",
        evidence=[{"url": "https://example.org/report-2019"}],
    )
    assert [e.url for e in update.evidence.all()] == ["https://example.org/report-2019"]
    services.status_update_submit(user=editor, update=update)
    update.refresh_from_db()
    assert (update.state, update.rejection_reason, update.rejected_at) == ("submitted", "", None)


def test_steps_only_from_the_right_state(action, editor, reviewer):
    update = draft(action, editor)
    with pytest.raises(ValidationError, match="Only an update submitted for review"):
        services.status_update_publish(user=reviewer, update=update, verification="verified")
    with pytest.raises(ValidationError, match="Only an update submitted for review"):
        services.status_update_reject(user=reviewer, update=update, reason="No.")
    services.status_update_submit(user=editor, update=update)
    with pytest.raises(ValidationError, match="Only a draft"):
        services.status_update_submit(user=editor, update=update)
    with pytest.raises(ValidationError, match="reported or verified"):
        services.status_update_publish(user=reviewer, update=update, verification="trust me")
    assert StatusUpdate.objects.get(pk=update.pk).state == "submitted"


# --- Who may do what (the services check it; test_permissions.py checks the admin) -----------


def test_an_editor_cannot_publish_or_reject(action, editor):
    update = draft(action, editor)
    services.status_update_submit(user=editor, update=update)
    with pytest.raises(PermissionDenied):
        services.status_update_publish(user=editor, update=update, verification="verified")
    with pytest.raises(PermissionDenied):
        services.status_update_reject(user=editor, update=update, reason="Self-review.")
    assert StatusUpdate.objects.get(pk=update.pk).state == "submitted"


def test_editors_edit_and_submit_their_own_drafts_only(action, editor, reviewer):
    update = draft(action, editor)
    other = staff.user("editor")
    with pytest.raises(PermissionDenied):
        services.status_update_draft_edit(
            user=other, update=update, version=update.version, note="Mine now."
        )
    with pytest.raises(PermissionDenied):
        services.status_update_submit(user=other, update=update)
    with pytest.raises(PermissionDenied):
        services.status_update_draft_delete(user=other, update=update)
    # A reviewer may submit anyone's draft (not edit it: that is the author's).
    with pytest.raises(PermissionDenied):
        services.status_update_draft_edit(
            user=reviewer, update=update, version=update.version, note="Edited by reviewer."
        )
    services.status_update_submit(user=reviewer, update=update)
    assert StatusUpdate.objects.get(pk=update.pk).state == "submitted"


def test_a_viewer_cannot_draft(action):
    with pytest.raises(PermissionDenied):
        draft(action, staff.user("viewer"))
    assert not StatusUpdate.objects.exists()


def test_editor_assignments_limit_drafting_to_their_scope(editor):
    mine, other = f.resolution(), f.resolution()
    allowed = f.action(mine, mandate_type="training")
    wrong_type = f.action(mine, mandate_type="partnership")
    elsewhere = f.action(other, mandate_type="training")
    staff.assign(editor, resolution=mine, mandate_type="training")

    draft(allowed, editor)
    for refused in (wrong_type, elsewhere):
        with pytest.raises(PermissionDenied, match="not assigned"):
            draft(refused, editor)
        with pytest.raises(PermissionDenied):
            services.occurrence_create(
                user=editor, action=refused, kind="meeting", title="M", start_date=date(2020, 1, 1)
            )
    services.occurrence_create(
        user=editor, action=allowed, kind="meeting", title="M", start_date=date(2020, 1, 1)
    )
    # A second assignment widens the scope: every partnership, in any resolution.
    staff.assign(editor, mandate_type="partnership")
    editor = type(editor).objects.get(pk=editor.pk)  # assignments are read once per user object
    draft(wrong_type, editor)
    with pytest.raises(PermissionDenied):
        draft(elsewhere, editor)


def test_drafts_can_be_deleted_by_their_author_and_nothing_else_can(action, editor, reviewer):
    update = draft(action, editor)
    services.status_update_draft_delete(user=editor, update=update)
    assert not StatusUpdate.objects.filter(pk=update.pk).exists()
    assert not Evidence.objects.filter(status_update_id=update.pk).exists()

    published = f.update(action, "in_progress", "2020-01-01")
    with pytest.raises(AppendOnlyError):
        published.delete()
    with pytest.raises(AppendOnlyError):
        StatusUpdate.objects.filter(pk=published.pk).delete()


# --- Append-only once submitted -------------------------------------------------------------


def test_published_and_submitted_updates_are_immutable(action, editor):
    published = f.update(action, "in_progress", "2020-01-01")
    published.note = "Rewritten."
    with pytest.raises(AppendOnlyError):
        published.save()
    # Not even a workflow field of a published update may change.
    published.refresh_from_db()
    published.review_note = "Afterthought."
    with pytest.raises(AppendOnlyError):
        published.save(update_fields=["review_note"])

    submitted = draft(action, editor)
    services.status_update_submit(user=editor, update=submitted)
    submitted.note = "Changed under review."
    with pytest.raises(AppendOnlyError):
        submitted.save()
    with pytest.raises(AppendOnlyError):
        submitted.save(update_fields=["note"])
    with pytest.raises(AppendOnlyError):
        StatusUpdate.objects.filter(pk=submitted.pk).update(note="Bulk rewrite.")
    piece = submitted.evidence.get()
    piece.quote = "Changed."
    with pytest.raises(AppendOnlyError):
        piece.save()
    with pytest.raises(AppendOnlyError):
        piece.delete()
    assert StatusUpdate.objects.get(pk=submitted.pk).note == "Drafted."


def test_a_draft_is_editable_by_its_author(action, editor):
    update = draft(action, editor)
    services.status_update_draft_edit(
        user=editor, update=update, version=update.version, status="in_progress", progress=40
    )
    update.refresh_from_db()
    assert (update.status, update.progress, update.version) == ("in_progress", 40, 1)
    with pytest.raises(ValidationError, match="Not a field of a draft"):
        services.status_update_draft_edit(
            user=editor, update=update, version=update.version, state="published"
        )


# --- Database invariants ----------------------------------------------------------------------


def _force(update, **values):
    """Write straight to the row, past every Python-level guard: only the database is left."""
    with transaction.atomic():
        models.QuerySet(StatusUpdate).filter(pk=update.pk).update(**values)


@pytest.mark.parametrize(
    "values",
    [
        {"published_at": None},  # published without a publication time
        {"verification": ""},  # published, neither reported nor verified
        {"verification": "maybe"},
        {"state": "archived"},
        {"state": "draft"},  # a draft with a publication time and a verification
        {"rejection_reason": "No."},  # a reason without a rejection
    ],
)
def test_the_database_keeps_the_workflow_invariants(action, values):
    update = f.update(action, "in_progress", "2020-01-01")
    with pytest.raises(IntegrityError):
        _force(update, **values)


def test_the_database_requires_a_reason_for_a_rejection(action, editor):
    update = draft(action, editor)
    with pytest.raises(IntegrityError):
        _force(update, rejected_at=update.recorded_at)
    with pytest.raises(IntegrityError):
        _force(update, state="submitted")  # submitted without a submission time


# --- Optimistic locking -----------------------------------------------------------------------


def test_a_stale_edit_is_refused_with_the_differences(action):
    admin = staff.user("administrator")
    mine, theirs = Action.objects.get(pk=action.pk), Action.objects.get(pk=action.pk)
    services.action_update(user=admin, action=theirs, version=theirs.version, title="Theirs")
    with pytest.raises(ConflictError) as conflict:
        services.action_update(user=admin, action=mine, version=mine.version, title="Mine")
    message = str(conflict.value)
    assert "Someone else saved this action" in message
    assert "title: your value “Mine” → saved value “Theirs”" in message
    assert f"by {admin.username}" in message
    action.refresh_from_db()
    assert (action.title, action.version) == ("Theirs", 1)


def test_a_stale_workflow_step_is_refused(action, editor, reviewer):
    update = draft(action, editor)
    stale = StatusUpdate.objects.get(pk=update.pk)  # the reviewer's page, opened before
    services.status_update_submit(user=editor, update=update)
    with pytest.raises(ConflictError) as conflict:
        services.status_update_submit(user=reviewer, update=stale)
    assert "state: your value “Draft” → saved value “Submitted for review”" in str(conflict.value)


def test_saving_an_unchanged_record_writes_nothing(action):
    before = (action.version, action.history.count())
    Action.objects.get(pk=action.pk).save()
    action.refresh_from_db()
    assert (action.version, action.history.count()) == before


def test_the_admin_form_refuses_a_stale_save_and_lists_the_differences(client, action):
    admin = staff.user("administrator")
    staff.client_for(client, admin)
    url = reverse("admin:resolutions_action_change", args=[action.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    assert form["based_on_version"].value() == 0
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(
        {
            "title": "Mine",
            "_save": "Save",
            **_empty_inlines(page),
        }
    )
    # Meanwhile someone else saves.
    services.action_update(user=staff.user("administrator"), action=action, version=0, title="T")

    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert "title: your value “Mine” → saved value “T”" in errors[0]
    action.refresh_from_db()
    assert (action.title, action.version) == ("T", 1)

    # Started again from the current version, the same change saves.
    data["based_on_version"] = 1
    assert client.post(url, data).status_code == 302
    action.refresh_from_db()
    assert (action.title, action.version) == ("Mine", 2)


def _empty_inlines(page):
    data = {}
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
    return data


# --- The admin: review buttons and bulk actions -----------------------------------------------


def _step(client, update, step, **data):
    url = reverse("admin:resolutions_statusupdate_step", args=[update.pk, step])
    return client.post(url, {"version": update.version, **data})


def test_review_buttons_on_an_update_page(client, action, editor, reviewer):
    update = draft(action, editor)
    staff.client_for(client, editor)
    page = client.get(reverse("admin:resolutions_statusupdate_change", args=[update.pk]))
    assert "Save and submit for review" in page.text and "Submit for review" in page.text
    assert "Publish" not in page.text
    assert _step(client, update, "submit", note="Ready.").status_code == 302
    update.refresh_from_db()
    assert update.state == "submitted"

    staff.client_for(client, reviewer)
    page = client.get(reverse("admin:resolutions_statusupdate_change", args=[update.pk]))
    assert 'value="Publish"' in page.text and "Reject and return to draft" in page.text
    # A rejection without a reason is refused, with a message; nothing changes.
    response = _step(client, update, "reject", note="")
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.state == "submitted"
    assert "Say why" in client.get(response["Location"]).text

    assert _step(client, update, "publish", verification="reported").status_code == 302
    update.refresh_from_db()
    assert (update.state, update.verification) == ("published", "reported")
    page = client.get(reverse("admin:resolutions_statusupdate_change", args=[update.pk]))
    assert "Published</strong> on" in page.text and "Reported" in page.text


def test_an_editor_posting_a_publish_is_forbidden(client, action, editor):
    update = draft(action, editor)
    services.status_update_submit(user=editor, update=update)
    staff.client_for(client, editor)
    assert _step(client, update, "publish", verification="verified").status_code == 403
    update.refresh_from_db()
    assert update.state == "submitted"


def test_save_and_submit_from_the_add_form(client, action, editor):
    staff.client_for(client, editor)
    response = client.post(
        reverse("admin:resolutions_statusupdate_add"),
        {
            "action": action.pk,
            "status": "in_progress",
            "as_of": "2020-03-01",
            "note": "Started.",
            "evidence-TOTAL_FORMS": "1",
            "evidence-INITIAL_FORMS": "0",
            "evidence-MIN_NUM_FORMS": "1",
            "evidence-MAX_NUM_FORMS": "1000",
            "evidence-0-url": "https://example.org/started",
            "_submit_for_review": "Save and submit for review",
        },
    )
    assert response.status_code == 302
    update = StatusUpdate.objects.get(action=action)
    assert (update.state, update.author, update.submitted_by) == ("submitted", editor, editor)


def _bulk(client, step, updates, **data):
    changelist = reverse("admin:resolutions_statusupdate_changelist")
    selection = {"action": f"{step}_selected", "_selected_action": [u.pk for u in updates]}
    return changelist, selection, client.post(changelist, {**selection, **data})


def test_bulk_publish_with_one_note(client, action, editor, reviewer):
    updates = [draft(action, editor, as_of=f"2020-0{i}-01") for i in (1, 2, 3)]
    for update in updates:
        services.status_update_submit(user=editor, update=update)
    staff.client_for(client, reviewer)

    changelist, selection, page = _bulk(client, "publish", updates)
    assert page.status_code == 200 and "3 status updates" in page.text
    response = client.post(
        changelist,
        {
            **selection,
            "index": 0,
            "apply": 1,
            "note": "Batch of 3 May.",
            "verification": "verified",
        },
    )
    assert response.status_code == 302
    published = StatusUpdate.objects.filter(pk__in=[u.pk for u in updates])
    assert set(published.values_list("state", "verification", "review_note")) == {
        ("published", "verified", "Batch of 3 May.")
    }


def test_bulk_steps_are_all_or_nothing(client, action, editor, reviewer):
    submitted = draft(action, editor, as_of="2020-01-01")
    services.status_update_submit(user=editor, update=submitted)
    still_draft = draft(action, editor, as_of="2020-02-01")
    staff.client_for(client, reviewer)
    changelist, selection, _ = _bulk(client, "publish", [submitted, still_draft])
    response = client.post(
        changelist,
        {**selection, "index": 0, "apply": 1, "verification": "verified"},
        follow=True,
    )
    assert "Nothing was changed" in response.text
    assert StatusUpdate.objects.filter(state="published").count() == 0


def test_editors_are_not_offered_the_review_bulk_actions(client, action, editor):
    mine = draft(action, editor)
    staff.client_for(client, editor)
    page = client.get(reverse("admin:resolutions_statusupdate_changelist"))
    assert "submit_selected" in page.text
    assert "publish_selected" not in page.text and "reject_selected" not in page.text
    _, _, response = _bulk(client, "publish", [mine])
    assert response.status_code == 302  # Django ignores an action the user is not offered
    mine.refresh_from_db()
    assert mine.state == "draft"


def test_the_action_page_previews_what_is_pending(client, action, editor):
    f.update(action, "in_progress", "2019-01-01")
    draft(action, editor, status="completed", as_of="2020-01-01")
    staff.client_for(client, staff.user("viewer"))
    page = client.get(reverse("admin:resolutions_action_change", args=[action.pk]))
    assert "Draft: <strong>Completed</strong> as of 2020-01-01" in page.text
    assert "If a reviewer publishes it, it becomes the current assessment." in page.text
    assert '<div class="readonly">In progress</div>' in page.text  # the public status


# --- Data files and the demo login -------------------------------------------------------------


def _data(verification=None):
    update = {
        "key": "u1",
        "status": "in_progress",
        "as_of": "2020-01-01",
        "note": "Reported by the Secretariat.",
        "recorded_by": "Tracker team",
        "evidence": [{"url": "https://example.org/report"}],
    }
    if verification is not None:
        update["verification"] = verification
    return {
        "format": "resolution-tracker/1",
        "resolution": {
            "symbol": "1/99-TST",
            "slug": "1-99-tst",
            "title": "Test",
            "adopting_body": "Council",
            "session": "99th",
            "actions": [
                {"key": "a", "title": "A", "mandate_type": "training", "status_updates": [update]}
            ],
        },
    }


def test_data_file_updates_are_published_and_reported_unless_a_verifier_is_named():
    # #11: a data file is a claim resting on its evidence; "verified" needs a named verifier
    # and date (tests/test_loader.py), so an update without them is published as reported.
    load_data(_data(), "t.yaml")
    update = StatusUpdate.objects.get()
    assert (update.state, update.verification) == ("published", "reported")

    with pytest.raises(LoadError, match="verified_by"):
        load_data(_data("verified"), "t.yaml")  # verified needs who and when
    assert StatusUpdate.objects.get().verification == "reported"


def test_data_file_verification_reported_and_invalid_values():
    load_data(_data("reported"), "t.yaml")
    assert StatusUpdate.objects.get().verification == "reported"
    with pytest.raises(LoadError, match="'confirmed' is not one of: reported, verified"):
        load_data(_data("confirmed"), "u.yaml")


def test_the_demo_user_is_a_reviewer(capsys):
    call_command("ensure_demo_user")
    out = capsys.readouterr().out
    assert out.startswith(
        "Created demo staff login for /admin/ — username: demo-officer  password: "
    )
    from django.contrib.auth import get_user_model

    demo = get_user_model().objects.get(username="demo-officer")
    assert list(demo.groups.values_list("name", flat=True)) == ["Reviewer"]
    assert not demo.user_permissions.exists()
    assert demo.has_perm("resolutions.publish_statusupdate")
    assert not demo.has_perm("resolutions.change_resolution")
