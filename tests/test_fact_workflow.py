"""Issue #12: occurrences, participations and sourced figures recorded by staff are drafts until
a second person publishes them; only published ones reach pages, roll-ups and the API; a source
is required; data-file records stay published and editors cannot change them."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from resolutions.models import (
    Action,
    MemberState,
    Occurrence,
    Participation,
    SourcedFigure,
    SourceDocument,
)
from tests import staff
from workflow import fact_services, services

pytestmark = pytest.mark.django_db


def status_today(action):
    return Action.objects.with_status(timezone.localdate()).get(pk=action.pk).current_status


def _add_page_data(page, **fields):
    data = {"_save": "Save", **fields}
    for inline in page.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return data


@pytest.fixture
def conference(seeded):
    return Action.objects.get(key="annual-conference")


def test_an_occurrence_added_in_the_admin_is_a_draft_until_a_second_person_publishes_it(
    client, conference
):
    editor, reviewer = staff.user("editor"), staff.user("reviewer")
    before = status_today(conference)
    assert before != "ongoing"  # no conference in the last year (#11 names the status)
    staff.client_for(client, editor)
    url = reverse("admin:resolutions_occurrence_add")
    page = client.get(url)
    response = client.post(
        url,
        _add_page_data(
            page,
            action=conference.pk,
            kind="conference",
            title="Fifth OIC Member States Conference on Mediation",
            start_date=date(timezone.localdate().year, 1, 2).isoformat(),
            date_precision="day",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    occurrence = Occurrence.all_objects.get(title__startswith="Fifth")
    assert (occurrence.state, occurrence.author) == ("draft", editor)
    # Not public: not on the page, not in the roll-up, not in the API.
    assert status_today(conference) == before
    assert not Occurrence.objects.filter(pk=occurrence.pk).exists()
    assert "Fifth OIC" not in client.get(f"/actions/{conference.pk}/").content.decode()
    client.logout()
    assert "Fifth OIC" not in client.get(f"/actions/{conference.pk}/").content.decode()
    # No source: it cannot be submitted.
    with pytest.raises(ValidationError, match="at least one source"):
        fact_services.fact_submit(user=editor, record=occurrence)
    occurrence.sources.add(SourceDocument.objects.first())
    fact_services.fact_submit(user=editor, record=occurrence)
    # An editor does not publish.
    with pytest.raises(PermissionDenied, match="for reviewers"):
        fact_services.fact_publish(user=editor, record=occurrence)
    assert status_today(conference) == before
    fact_services.fact_publish(user=reviewer, record=occurrence)
    assert status_today(conference) == "ongoing"
    assert "Fifth OIC" in client.get(f"/actions/{conference.pk}/").content.decode()


def test_a_reviewer_cannot_publish_an_occurrence_they_recorded(conference):
    reviewer = staff.user("reviewer")
    occurrence = services.occurrence_create(
        user=reviewer,
        action=conference,
        kind="conference",
        title="Self-recorded",
        start_date=date(2024, 1, 2),
    )
    occurrence.sources.add(SourceDocument.objects.first())
    fact_services.fact_submit(user=reviewer, record=occurrence)
    with pytest.raises(PermissionDenied, match="second person"):
        fact_services.fact_publish(user=reviewer, record=occurrence)
    fact_services.fact_reject(user=reviewer, record=occurrence, reason="Withdrawn.")
    occurrence.refresh_from_db()
    assert (occurrence.state, occurrence.rejection_reason) == ("draft", "Withdrawn.")


def test_editors_cannot_change_data_file_occurrences_or_participations(client, conference):
    editor = staff.user("editor")
    staff.client_for(client, editor)
    occurrence = conference.occurrences.first()
    url = reverse("admin:resolutions_occurrence_change", args=[occurrence.pk])
    page = client.get(url)
    assert 'name="_save"' not in page.content.decode()
    response = client.post(url, {"title": "Renamed", "_save": "Save"})
    assert response.status_code == 403
    assert Occurrence.objects.get(pk=occurrence.pk).title == occurrence.title
    participation = Participation.objects.first()
    url = reverse("admin:resolutions_participation_change", args=[participation.pk])
    assert client.post(url, {"note": "x"}).status_code == 403


def test_participations_and_figures_are_public_only_once_published(client, conference):
    editor, reviewer = staff.user("editor"), staff.user("reviewer")
    administrator = staff.user("administrator")  # only Administrators record figures
    state = MemberState.objects.get(iso3="SEN")
    source = SourceDocument.objects.first()
    occurrence = conference.occurrences.order_by("-start_date").first()
    participation = Participation.all_objects.create(
        occurrence=occurrence,
        member_state=state,
        source=source,
        state="draft",
        author=editor,
    )
    figure = SourcedFigure.all_objects.create(
        action=conference,
        label="Participating States (draft)",
        value=99,
        as_of=date(2022, 6, 5),
        source=source,
        state="draft",
        author=administrator,
    )
    assert not Participation.objects.filter(pk=participation.pk).exists()
    assert not SourcedFigure.objects.filter(pk=figure.pk).exists()
    assert not occurrence.participations.filter(pk=participation.pk).exists()
    html = client.get(f"/actions/{conference.pk}/").content.decode()
    assert "Participating States (draft)" not in html
    for record in (participation, figure):
        fact_services.fact_submit(user=record.author, record=record)
        fact_services.fact_publish(user=reviewer, record=record)
    assert Participation.objects.filter(pk=participation.pk).exists()
    html = client.get(f"/actions/{conference.pk}/").content.decode()
    assert "Participating States (draft)" in html


def test_participations_of_a_draft_occurrence_are_published_with_it(conference):
    editor, reviewer = staff.user("editor"), staff.user("reviewer")
    source = SourceDocument.objects.first()
    occurrence = services.occurrence_create(
        user=editor,
        action=conference,
        kind="conference",
        title="Draft",
        start_date=date(2024, 1, 2),
    )
    occurrence.sources.add(source)
    # Even a participation stored as published is hidden while its occurrence is a draft.
    Participation.all_objects.create(
        occurrence=occurrence, member_state=MemberState.objects.get(iso3="SEN"), source=source
    )
    Participation.all_objects.create(
        occurrence=occurrence,
        member_state=MemberState.objects.get(iso3="TUR"),
        source=source,
        state="draft",
        author=editor,
    )
    assert not Participation.objects.filter(occurrence=occurrence).exists()
    fact_services.fact_submit(user=editor, record=occurrence)
    fact_services.fact_publish(user=reviewer, record=occurrence)
    assert Participation.objects.filter(occurrence=occurrence).count() == 2


def test_data_file_facts_are_published(seeded):
    assert Occurrence.all_objects.exclude(state="published").count() == 0
    assert Participation.all_objects.exclude(state="published").count() == 0
    assert SourcedFigure.all_objects.exclude(state="published").count() == 0
    assert Occurrence.objects.count() == Occurrence.all_objects.count() > 0
