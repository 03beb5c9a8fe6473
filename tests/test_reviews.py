"""Review records ("checked the sources on this date, no change"): the same workflow as status
updates, append-only once submitted, public only when published, and their admin."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from resolutions.models import ActionReview, AppendOnlyError, ReviewEvidence, State, Verification
from tests import factories as f
from tests import staff
from workflow import review_services as rs

pytestmark = pytest.mark.django_db
EVIDENCE = [{"url": "https://example.org/checked"}]


@pytest.fixture
def action():
    return f.action(f.resolution())


def draft(action, user, day="2024-03-01"):
    return rs.action_review_draft_create(
        user=user,
        action=action,
        reviewed_on=date.fromisoformat(day),
        note="Checked the OIC website and the latest CFM report: no change.",
        evidence=EVIDENCE,
    )


def test_the_trusted_service_publishes_a_reported_review(action):
    review = rs.action_review_create(
        action=action,
        reviewed_on=date(2024, 3, 1),
        note="No change.",
        evidence=EVIDENCE,
        author_name="Data file",
    )
    assert (review.state, review.verification) == (State.PUBLISHED, Verification.REPORTED)
    assert review.published_at is not None
    assert list(ActionReview.objects.public()) == [review]
    assert review.evidence.get().url == EVIDENCE[0]["url"]


def test_a_review_needs_evidence_and_a_note(action):
    with pytest.raises(ValidationError):
        rs.action_review_create(
            action=action, reviewed_on=date(2024, 3, 1), note="x", evidence=[], author_name="A"
        )
    with pytest.raises(ValidationError):
        rs.action_review_create(
            action=action, reviewed_on=date(2024, 3, 1), note="", evidence=EVIDENCE, author_name="A"
        )
    with pytest.raises(ValidationError):
        rs.action_review_create(
            action=action,
            reviewed_on=date(2024, 3, 1),
            note="x",
            evidence=[{"title": "nowhere"}],
            author_name="A",
        )
    assert not ActionReview.objects.exists()


def test_draft_submit_publish_by_editor_and_reviewer(action):
    editor, reviewer = staff.user("editor"), staff.user("reviewer")
    review = draft(action, editor)
    assert review.state == State.DRAFT and not ActionReview.objects.public().exists()
    with pytest.raises(ValidationError):  # a draft cannot be published
        rs.action_review_publish(user=reviewer, review=review, verification="verified")
    rs.action_review_submit(user=editor, review=review)
    assert review.state == State.SUBMITTED
    with pytest.raises(PermissionDenied):
        rs.action_review_publish(user=editor, review=review, verification="verified")
    rs.action_review_publish(user=reviewer, review=review, verification="verified")
    review.refresh_from_db()
    assert (review.state, review.verification, review.published_by) == (
        State.PUBLISHED,
        Verification.VERIFIED,
        reviewer,
    )
    assert list(ActionReview.objects.public()) == [review]


def test_reject_returns_a_review_to_its_author_with_the_reason(action):
    editor, reviewer = staff.user("editor"), staff.user("reviewer")
    review = draft(action, editor)
    rs.action_review_submit(user=editor, review=review)
    with pytest.raises(ValidationError):
        rs.action_review_reject(user=reviewer, review=review, reason="  ")
    rs.action_review_reject(user=reviewer, review=review, reason="Cite the CFM report.")
    review.refresh_from_db()
    assert review.state == State.DRAFT and review.rejection_reason == "Cite the CFM report."


def test_viewers_may_not_draft_reviews(action):
    with pytest.raises(PermissionDenied):
        draft(action, staff.user("viewer"))


def test_a_submitted_review_is_append_only(action):
    editor = staff.user("editor")
    review = draft(action, editor)
    rs.action_review_submit(user=editor, review=review)
    review.refresh_from_db()
    review.note = "Changed afterwards."
    with pytest.raises(AppendOnlyError):
        review.save()
    with pytest.raises(AppendOnlyError):
        review.delete()
    with pytest.raises(AppendOnlyError):
        ActionReview.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        review.evidence.get().delete()


def test_the_database_refuses_a_published_review_without_publication_time(action):
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionReview.objects.create(
            action=action,
            reviewed_on=date(2024, 1, 1),
            note="x",
            author_name="A",
            state=State.PUBLISHED,
            verification="reported",
        )


def test_review_admin_pages_and_bulk_publish(client, action):
    reviewer = staff.user("reviewer")
    editor = staff.user("editor")
    review = draft(action, editor)
    rs.action_review_submit(user=editor, review=review)
    staff.client_for(client, reviewer)
    assert client.get("/admin/resolutions/actionreview/").status_code == 200
    assert client.get(f"/admin/resolutions/actionreview/{review.pk}/change/").status_code == 200
    assert client.get("/admin/resolutions/actionreview/add/").status_code == 200
    response = client.post(
        "/admin/resolutions/actionreview/",
        {
            "action": "publish_selected",
            "_selected_action": [review.pk],
            "apply": "1",
            "verification": "verified",
            "note": "Checked.",
        },
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.state == State.PUBLISHED and review.published_by == reviewer


def test_an_editor_records_a_draft_review_with_evidence_in_the_admin(client, action):
    editor = staff.user("editor")
    staff.client_for(client, editor)
    prefix = "evidence"
    response = client.post(
        "/admin/resolutions/actionreview/add/",
        {
            "action": action.pk,
            "reviewed_on": "2024-05-02",
            "note": "Checked the sources.",
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "1",
            f"{prefix}-MAX_NUM_FORMS": "1000",
            f"{prefix}-0-url": "https://example.org/report",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    review = ActionReview.objects.get()
    assert review.state == State.DRAFT and review.author == editor
    assert ReviewEvidence.objects.get().url == "https://example.org/report"


def _change_form(review, **fields):
    piece = review.evidence.get()
    return {
        "action": review.action_id,
        "reviewed_on": review.reviewed_on.isoformat(),
        "note": review.note,
        "based_on_version": str(review.version),
        "evidence-TOTAL_FORMS": "2",
        "evidence-INITIAL_FORMS": "1",
        "evidence-MIN_NUM_FORMS": "1",
        "evidence-MAX_NUM_FORMS": "1000",
        "evidence-0-id": str(piece.pk),
        "evidence-0-review": str(review.pk),
        "evidence-0-url": piece.url,
        "evidence-1-url": "https://example.org/second-source",
        "_save": "Save",
        **fields,
    }


def test_a_draft_review_is_edited_in_the_admin_through_the_service(client, action):
    """The admin writes through review_services.action_review_draft_edit: content and evidence
    change together, the version moves on, and the author's rules hold."""
    editor = staff.user("editor")
    review = draft(action, editor)
    url = f"/admin/resolutions/actionreview/{review.pk}/change/"
    stale = _change_form(review, note="Overwritten?")  # from the version before the edit
    response = staff.client_for(client, editor).post(
        url, _change_form(review, note="Checked again: still no change.")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    edited = ActionReview.objects.get(pk=review.pk)
    assert (edited.note, edited.state, edited.author) == (
        "Checked again: still no change.",
        State.DRAFT,
        editor,
    )
    assert edited.version == review.version + 1
    assert sorted(edited.evidence.values_list("url", flat=True)) == [
        "https://example.org/checked",
        "https://example.org/second-source",
    ]
    # Another editor may not change it; a stale version is refused with nothing saved.
    other = staff.user("editor")
    assert staff.client_for(client, other).post(url, stale).status_code == 403
    response = staff.client_for(client, editor).post(url, stale, follow=True)
    assert "Someone else saved this" in response.content.decode()
    assert ActionReview.objects.get(pk=review.pk).note == "Checked again: still no change."


def test_the_draft_edit_service_checks_the_author_the_version_and_the_fields(action):
    editor = staff.user("editor")
    review = draft(action, editor)
    with pytest.raises(PermissionDenied):
        rs.action_review_draft_edit(
            user=staff.user("editor"), review=review, version=review.version, note="Not mine."
        )
    with pytest.raises(ValidationError, match="Not a field of a draft review: state"):
        rs.action_review_draft_edit(
            user=editor, review=review, version=review.version, state="published"
        )
    rs.action_review_draft_edit(
        user=editor,
        review=review,
        version=review.version,
        note="Replaced evidence.",
        evidence=[{"url": "https://example.org/new"}],
    )
    assert list(review.evidence.values_list("url", flat=True)) == ["https://example.org/new"]
    with pytest.raises(ValidationError, match="Someone else saved this"):
        rs.action_review_draft_edit(user=editor, review=review, version=0, note="Stale.")
    rs.action_review_submit(user=editor, review=review)
    with pytest.raises(PermissionDenied):
        rs.action_review_draft_edit(
            user=editor, review=review, version=review.version, note="After submitting."
        )
