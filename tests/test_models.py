"""Invariants held by the database itself, and the append-only rule."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from resolutions.models import Evidence, MemberState, Paragraph, StatusUpdate
from resolutions.models.status_updates import AppendOnlyError
from tests import factories as f

pytestmark = pytest.mark.django_db


def violates(fn):
    with pytest.raises(IntegrityError), transaction.atomic():
        fn()


def test_paragraph_text_needs_a_source_and_known_provenance():
    res = f.resolution()
    violates(
        lambda: Paragraph.objects.create(
            resolution=res,
            number="1",
            order=1,
            kind="operative",
            text="Requests…",
            text_provenance="verbatim",
        )
    )  # no source
    violates(
        lambda: Paragraph.objects.create(
            resolution=res,
            number="2",
            order=2,
            kind="operative",
            text="Requests…",
            text_provenance="unknown",
            text_source=f.source(),
        )
    )  # "unknown" yet has text
    ok = Paragraph.objects.create(resolution=res, number="3", order=3, kind="operative")
    assert ok.text_provenance == "unknown" and ok.text == ""


def test_paragraph_exclusion_needs_a_reason_and_an_operative_paragraph():
    res = f.resolution()
    violates(lambda: f.paragraph(res, 1, excluded_from_rollup=True))
    violates(lambda: f.paragraph(res, "PP1", kind="preambular", operative_verb="requests"))
    assert f.paragraph(res, 2, excluded_from_rollup=True, exclusion_reason="Exhorts States.")


def test_paragraph_number_and_order_unique_within_a_resolution():
    res = f.resolution()
    f.paragraph(res, 4, order=1)
    violates(lambda: f.paragraph(res, 4, order=2))
    violates(lambda: f.paragraph(res, 5, order=1))
    f.paragraph(f.resolution(), 4, order=1)  # another resolution may reuse both


def test_action_weight_and_recurrence_constraints():
    res = f.resolution()
    violates(lambda: f.action(res, weight=0))
    violates(lambda: f.action(res, weight=101))
    violates(lambda: f.action(res, mandate_type="establish_body", recurrence="annual"))
    violates(lambda: f.action(res, mandate_type="recurring_event", recurrence=""))


def test_status_update_progress_constraints():
    a = f.action(f.resolution())

    def make(**kw):
        kw.setdefault("note", "n")
        StatusUpdate.objects.create(action=a, as_of=date(2020, 1, 1), author_name="x", **kw)

    violates(lambda: make(status="in_progress", progress=101))
    violates(lambda: make(status="not_yet_assessed", progress=10))
    violates(lambda: make(status="completed", progress=60))
    violates(lambda: make(status="in_progress", progress=10, note=""))
    make(status="in_progress", progress=40)


def test_resolution_dates_and_occurrence_dates_ordered():
    violates(lambda: f.resolution(adopted_on=date(2018, 5, 6), adopted_until=date(2018, 5, 5)))
    a = f.action(f.resolution(), mandate_type="recurring_event")
    violates(lambda: f.occurrence(a, "2018-05-06", end_date=date(2018, 5, 5)))
    violates(lambda: f.occurrence(a, "2018-05-06", member_states_count=58))


def test_member_state_iso3_must_be_three_capitals():
    violates(lambda: MemberState.objects.create(iso3="tu", name="Bad"))
    MemberState.objects.create(iso3="TST", name="Testland")


def test_evidence_must_point_somewhere():
    u = f.update(f.action(f.resolution()), "in_progress", "2020-01-01")
    violates(lambda: Evidence.objects.create(status_update=u))


def test_status_updates_are_append_only():
    u = f.update(f.action(f.resolution()), "in_progress", "2020-01-01")
    u.note = "rewritten history"
    with pytest.raises(AppendOnlyError):
        u.save()
    with pytest.raises(AppendOnlyError):
        u.delete()
    with pytest.raises(AppendOnlyError):
        StatusUpdate.objects.filter(pk=u.pk).update(note="x")
    with pytest.raises(AppendOnlyError):
        StatusUpdate.objects.filter(pk=u.pk).delete()
    assert StatusUpdate.objects.get(pk=u.pk).note == "Assessed."


def test_status_update_service_requires_evidence_and_writes_nothing_otherwise():
    from django.core.exceptions import ValidationError

    from workflow.services import status_update_create

    a = f.action(f.resolution())
    with pytest.raises(ValidationError):
        status_update_create(
            action=a,
            status="completed",
            as_of=date(2020, 1, 1),
            note="Done",
            author=None,
            author_name="x",
            evidence=[],
        )
    with pytest.raises(ValidationError):
        status_update_create(
            action=a,
            status="completed",
            as_of=date(2020, 1, 1),
            note="Done",
            author=None,
            author_name="x",
            evidence=[{"title": "nowhere"}],
        )
    assert not StatusUpdate.objects.filter(action=a).exists()
