"""Roll-up arithmetic: weights, exclusions, recurring actions, empty paragraphs, history order."""

from datetime import date

import pytest

from resolutions.models import Action
from resolutions.rollup import paragraph_rollups, resolution_rollup, resolution_rollups
from resolutions.status import Status
from tests import factories as f

pytestmark = pytest.mark.django_db
D = date(2021, 6, 30)


def status_of(action, as_of=D):
    return Action.objects.with_status(as_of).get(pk=action.pk)


def test_weighted_percent_uses_weights_and_recorded_progress():
    res = f.resolution()
    p = f.paragraph(res, 1)
    f.update(f.action(res, p, weight=3), "completed", "2021-01-01")        # 3 × 100
    f.update(f.action(res, p, weight=1), "in_progress", "2021-01-01", 50)  # 1 × 50
    f.action(res, p, weight=1)                                            # not assessed: 1 × 0
    rollup = resolution_rollup(res, D)
    assert rollup.weight_total == 5
    assert rollup.percent == 70.0  # (300 + 50 + 0) / 5
    assert paragraph_rollups([p.pk], D)[p.pk].percent == 70.0
    assert rollup.counts[Status.COMPLETED] == 1
    assert rollup.counts[Status.IN_PROGRESS] == 1
    assert rollup.counts[Status.NOT_YET_ASSESSED] == 1


def test_in_progress_without_a_figure_earns_nothing():
    res = f.resolution()
    f.update(f.action(res), "in_progress", "2021-01-01")
    assert resolution_rollup(res, D).percent == 0.0


def test_not_applicable_action_is_excluded_and_counted():
    res = f.resolution()
    f.update(f.action(res, weight=1), "completed", "2021-01-01")
    f.update(f.action(res, weight=9), "not_applicable", "2021-01-01")
    rollup = resolution_rollup(res, D)
    assert rollup.percent == 100.0
    assert rollup.excluded == 1 and rollup.total == 2 and rollup.scored == 1


def test_excluded_paragraph_takes_its_actions_out_of_the_resolution_total():
    res = f.resolution()
    scored = f.paragraph(res, 1)
    exhortation = f.paragraph(res, 2, excluded_from_rollup=True,
                              exclusion_reason="Only exhorts Member States.")
    f.update(f.action(res, scored), "completed", "2021-01-01")
    f.action(res, exhortation)  # would drag the total to 50% if it counted
    rollup = resolution_rollup(res, D)
    assert rollup.percent == 100.0
    assert rollup.excluded == 1
    assert paragraph_rollups([exhortation.pk], D)[exhortation.pk].percent is None


def test_action_serving_two_paragraphs_counts_once_in_the_resolution():
    res = f.resolution()
    p1, p2 = f.paragraph(res, 1), f.paragraph(res, 2)
    f.update(f.action(res, p1, p2), "completed", "2021-01-01")
    f.action(res, p1)
    rollups = paragraph_rollups([p1.pk, p2.pk], D)
    assert rollups[p1.pk].total == 2 and rollups[p2.pk].total == 1
    assert resolution_rollup(res, D).total == 2
    assert resolution_rollup(res, D).percent == 50.0


def test_empty_paragraph_has_no_percentage_not_zero():
    res = f.resolution()
    p = f.paragraph(res, 1)
    rollup = paragraph_rollups([p.pk], D)[p.pk]
    assert rollup.total == 0 and rollup.percent is None
    assert resolution_rollup(res, D).percent is None


def test_recurring_action_is_on_track_from_its_latest_occurrence():
    res = f.resolution()
    conference = f.action(res, mandate_type="recurring_event")
    f.occurrence(conference, "2020-11-01")
    assert status_of(conference, date(2021, 10, 31)).current_status == Status.ONGOING
    lapsed = status_of(conference, date(2021, 11, 2))
    assert lapsed.current_status == Status.DELAYED and lapsed.credit == 0
    # Occurrences after the as-of date do not count.
    f.occurrence(conference, "2022-06-05")
    assert status_of(conference, date(2021, 11, 2)).current_status == Status.DELAYED
    assert status_of(conference, date(2022, 6, 5)).current_status == Status.ONGOING
    assert resolution_rollup(res, date(2022, 6, 5)).percent == 100.0


def test_recurring_action_without_occurrence_falls_back_to_its_updates():
    res = f.resolution()
    conference = f.action(res, mandate_type="recurring_event")
    assert status_of(conference).current_status == Status.NOT_YET_ASSESSED
    f.update(conference, "not_started", "2021-01-01")
    assert status_of(conference).current_status == Status.NOT_STARTED
    f.update(conference, "not_applicable", "2021-02-01")
    f.occurrence(conference, "2021-03-01")
    assert status_of(conference).current_status == Status.NOT_APPLICABLE


def test_current_status_is_latest_by_as_of_not_by_recording_order():
    a = f.action(f.resolution())
    f.update(a, "completed", "2021-05-01")
    f.update(a, "in_progress", "2021-01-01", 30)  # recorded later, describes an earlier date
    assert status_of(a).current_status == Status.COMPLETED
    assert status_of(a, date(2021, 3, 1)).current_status == Status.IN_PROGRESS
    assert status_of(a, date(2021, 3, 1)).credit == 30
    assert status_of(a, date(2020, 12, 31)).current_status == Status.NOT_YET_ASSESSED


def test_a_correction_for_the_same_date_wins():
    a = f.action(f.resolution())
    f.update(a, "completed", "2021-05-01")
    f.update(a, "in_progress", "2021-05-01", 80, note="Correction: not yet adopted.")
    assert status_of(a).current_status == Status.IN_PROGRESS
    assert status_of(a).credit == 80


def test_overdue_and_stale_flags():
    res = f.resolution()
    late = f.action(res, due_date=date(2021, 1, 1))
    f.update(late, "in_progress", "2021-06-01")
    done = f.action(res, due_date=date(2021, 1, 1))
    f.update(done, "completed", "2019-01-01")
    assert status_of(late).is_overdue and not status_of(late).is_stale
    assert not status_of(done).is_overdue and status_of(done).is_stale
    rollup = resolution_rollup(res, D)
    assert rollup.overdue == 1 and rollup.stale == 1


def test_seeded_resolution_on_the_day_of_the_second_conference(seeded):
    rollup = resolution_rollup(seeded, date(2018, 11, 29))
    # Contact Group completed and the conference on track; 7 actions of weight 1.
    assert rollup.total == 7
    assert rollup.percent == round(200 / 7, 1)
    assert rollup.counts[Status.COMPLETED] == 1
    assert rollup.counts[Status.ONGOING] == 1
    assert rollup.counts[Status.IN_PROGRESS] == 2
    assert rollup.counts[Status.NOT_STARTED] == 1
    assert rollup.counts[Status.NOT_YET_ASSESSED] == 2


def test_nothing_to_roll_up_on_a_fresh_install(client):
    # An empty IN () cannot be compiled to SQL; a fresh database must still render.
    assert resolution_rollups([], D) == {}
    assert paragraph_rollups([], D) == {}
    assert client.get("/").status_code == 200
