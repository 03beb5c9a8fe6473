"""Issue #12: a Member State's role goes through review like the other facts, and a published
fact (occurrence, participation, figure, role) is never edited in place, not even by an
Administrator: a correction is proposed by one person and applied when a second publishes it."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from resolutions.models import FactCorrection, MemberState, MemberStateRole
from tests import factories as f
from tests import staff
from workflow import fact_services
from workflow.fact_corrections import fact_correction_propose

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    resolution = f.resolution(adopted_on=date(2018, 5, 5))
    action = f.action(resolution)
    source = f.source()
    state = MemberState.objects.create(iso3="TST", name="Testland")
    return action, source, state


def test_a_role_recorded_by_an_editor_is_public_only_once_a_second_person_publishes_it(setting):
    action, source, state = setting
    editor, reviewer = staff.user("editor"), staff.user("reviewer")
    role = MemberStateRole.all_objects.create(
        member_state=state,
        action=action,
        role="co_chair",
        source=source,
        state="draft",
        author=editor,
    )
    assert not MemberStateRole.objects.filter(pk=role.pk).exists()
    assert not state.roles.exists()
    fact_services.fact_submit(user=editor, record=role)
    with pytest.raises(PermissionDenied):
        fact_services.fact_publish(user=editor, record=role)
    fact_services.fact_publish(user=reviewer, record=role)
    assert MemberStateRole.objects.get(pk=role.pk).published_by == reviewer
    assert list(state.roles.all()) == [role]


def test_a_role_added_in_the_admin_is_a_draft(client, setting):
    action, source, state = setting
    editor = staff.user("editor")
    staff.client_for(client, editor)
    url = reverse("admin:resolutions_memberstaterole_add")
    response = client.post(
        url,
        {
            "member_state": state.pk,
            "action": action.pk,
            "role": "member",
            "source": source.pk,
            "_save": "Save",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    role = MemberStateRole.all_objects.get(member_state=state)
    assert (role.state, role.author) == ("draft", editor)
    assert not MemberStateRole.objects.filter(pk=role.pk).exists()


def test_nobody_edits_a_published_fact_in_the_admin_not_even_an_administrator(client, setting):
    action, source, state = setting
    role = MemberStateRole.objects.create(
        member_state=state, action=action, role="member", source=source
    )
    occurrence = f.occurrence(action, "2019-05-01")
    for person in (staff.user("administrator"), staff.user("reviewer")):
        staff.client_for(client, person)
        for obj in (role, occurrence):
            meta = obj._meta
            url = reverse(f"admin:resolutions_{meta.model_name}_change", args=[obj.pk])
            page = client.get(url)
            assert page.status_code == 200
            assert page.context["has_change_permission"] is False, (person, obj)
            assert page.context["has_delete_permission"] is False, (person, obj)
            # The read-only page links the correction path instead.
            assert "correct/" in page.content.decode()
            refused = client.post(url, {"role": "co_chair", "title": "Changed", "_save": "1"})
            assert refused.status_code == 403
        client.logout()
    role.refresh_from_db()
    occurrence.refresh_from_db()
    assert role.role == "member" and occurrence.title.startswith("Occurrence")


def test_a_correction_applies_only_when_a_second_person_publishes_it(setting):
    action, source, state = setting
    occurrence = f.occurrence(action, "2019-05-01", place="Jeddah")
    other_source = f.source()
    editor, reviewer = staff.user("editor"), staff.user("reviewer")
    correction = fact_correction_propose(
        user=editor,
        fact=occurrence,
        changes={"place": "Istanbul", "start_date": date(2019, 5, 2), "sources": [other_source]},
        reason="The OIC press release gives Istanbul, 2 May.",
    )
    assert correction.changes == {
        "place": "Istanbul",
        "start_date": "2019-05-02",
        "sources": [other_source.pk],
    }
    occurrence.refresh_from_db()
    assert occurrence.place == "Jeddah"  # nothing changes yet
    fact_services.fact_submit(user=editor, record=correction)
    with pytest.raises(PermissionDenied):
        fact_services.fact_publish(user=editor, record=correction)
    assert FactCorrection.all_objects.get(pk=correction.pk).state == "submitted"
    fact_services.fact_publish(user=reviewer, record=correction)
    occurrence.refresh_from_db()
    assert (occurrence.place, occurrence.start_date) == ("Istanbul", date(2019, 5, 2))
    assert list(occurrence.sources.all()) == [other_source]
    latest = occurrence.history.latest()
    assert latest.history_user == reviewer and "Correction" in latest.history_change_reason


def test_a_correction_is_checked_when_proposed_and_when_published(setting):
    action, source, state = setting
    occurrence = f.occurrence(action, "2019-05-01", place="Jeddah")
    editor, reviewer = staff.user("editor"), staff.user("reviewer")
    with pytest.raises(ValidationError):  # ends before it starts
        fact_correction_propose(
            user=editor, fact=occurrence, changes={"end_date": date(2019, 1, 1)}, reason="x"
        )
    with pytest.raises(ValidationError):
        fact_correction_propose(
            user=editor, fact=occurrence, changes={"place": "Jeddah"}, reason="x"
        )
    with pytest.raises(ValidationError):
        fact_correction_propose(
            user=editor, fact=occurrence, changes={"state": "draft"}, reason="x"
        )
    with pytest.raises(ValidationError):
        fact_correction_propose(user=editor, fact=occurrence, changes={"place": "Cairo"}, reason="")
    with pytest.raises(PermissionDenied):
        fact_correction_propose(
            user=staff.user("viewer"), fact=occurrence, changes={"place": "Cairo"}, reason="x"
        )
    first = fact_correction_propose(
        user=editor, fact=occurrence, changes={"place": "Cairo"}, reason="Source A"
    )
    second = fact_correction_propose(
        user=editor, fact=occurrence, changes={"place": "Dakar"}, reason="Source B"
    )
    for correction in (first, second):
        fact_services.fact_submit(user=editor, record=correction)
    fact_services.fact_publish(user=reviewer, record=first)
    # The second was proposed against "Jeddah": publishing it now would overwrite unseen work.
    with pytest.raises(ValidationError, match="changed after this correction"):
        fact_services.fact_publish(user=reviewer, record=second)
    occurrence.refresh_from_db()
    assert occurrence.place == "Cairo"


def test_the_admin_correction_page_creates_a_draft_correction(client, setting):
    action, source, state = setting
    role = MemberStateRole.objects.create(
        member_state=state, action=action, role="member", source=source
    )
    editor = staff.user("editor")
    staff.client_for(client, editor)
    url = reverse("admin:resolutions_memberstaterole_correct", args=[role.pk])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(
        url,
        {
            "member_state": state.pk,
            "action": action.pk,
            "role": "co_chair",
            "source": source.pk,
            "correction_reason": "The communiqué names Testland co-chair.",
        },
    )
    assert response.status_code == 302
    correction = FactCorrection.all_objects.get()
    assert (correction.state, correction.author) == ("draft", editor)
    assert correction.changes == {"role": "co_chair"}
    role.refresh_from_db()
    assert role.role == "member"
    review = client.get(reverse("admin:resolutions_factcorrection_change", args=[correction.pk]))
    body = review.content.decode()
    assert "Co-chair" in body and "Member" in body


def test_facts_and_review_records_email_reviewers_and_authors(
    setting, mailoutbox, django_capture_on_commit_callbacks
):
    from workflow import review_services as rs

    action, source, state = setting
    editor = staff.user("editor", email="editor@example.org")
    reviewer = staff.user("reviewer", email="reviewer@example.org")
    role = MemberStateRole.all_objects.create(
        member_state=state,
        action=action,
        role="member",
        source=source,
        state="draft",
        author=editor,
    )
    with django_capture_on_commit_callbacks(execute=True):
        fact_services.fact_submit(user=editor, record=role)
    [waiting] = mailoutbox
    assert waiting.to == ["reviewer@example.org"]
    assert "Waiting for your review: Member State role" in waiting.subject
    with django_capture_on_commit_callbacks(execute=True):
        fact_services.fact_reject(user=reviewer, record=role, reason="Which communiqué?")
    assert mailoutbox[-1].to == ["editor@example.org"]
    assert "Returned to you" in mailoutbox[-1].subject
    assert "Which communiqué?" in mailoutbox[-1].body
    with django_capture_on_commit_callbacks(execute=True):
        fact_services.fact_submit(user=editor, record=role)
        fact_services.fact_publish(user=reviewer, record=role)
    assert mailoutbox[-1].to == ["editor@example.org"]
    assert "Published: Member State role" in mailoutbox[-1].subject

    review = rs.action_review_draft_create(
        user=editor,
        action=action,
        reviewed_on=date(2024, 3, 1),
        note="No change.",
        evidence=[{"url": "https://example.org/checked"}],
    )
    sent = len(mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        rs.action_review_submit(user=editor, review=review)
    assert [m.to for m in mailoutbox[sent:]] == [["reviewer@example.org"]]
    assert "review record" in mailoutbox[-1].subject
    with django_capture_on_commit_callbacks(execute=True):
        rs.action_review_publish(user=reviewer, review=review, verification="verified")
    assert mailoutbox[-1].to == ["editor@example.org"]
    assert "Published: review record" in mailoutbox[-1].subject
