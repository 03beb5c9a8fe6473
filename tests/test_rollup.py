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
    f.update(f.action(res, p, weight=3), "completed", "2021-01-01")  # 3 × 100
    f.update(f.action(res, p, weight=1), "in_progress", "2021-01-01", 50)  # 1 × 50
    f.action(res, p, weight=1)  # not assessed: 1 × 0
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
    exhortation = f.paragraph(
        res, 2, excluded_from_rollup=True, exclusion_reason="Only exhorts Member States."
    )
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
    # #11 rule 2: an interval passing with no recorded occurrence is "no occurrence recorded"
    # (scored 0), not "delayed" (this test used to expect "delayed": missing data is not a
    # negative claim).
    res = f.resolution()
    conference = f.action(res, mandate_type="recurring_event")
    f.occurrence(conference, "2020-11-01")
    assert status_of(conference, date(2021, 10, 31)).current_status == Status.ONGOING
    lapsed = status_of(conference, date(2021, 11, 2))
    assert lapsed.current_status == Status.NO_OCCURRENCE and lapsed.credit == 0
    # Occurrences after the as-of date do not count.
    f.occurrence(conference, "2022-06-05")
    assert status_of(conference, date(2021, 11, 2)).current_status == Status.NO_OCCURRENCE
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
    # Contact Group completed and the conference held that day; 7 actions of weight 1.
    assert rollup.total == 7
    assert rollup.percent == round(200 / 7, 1) == 28.6
    assert rollup.counts[Status.COMPLETED] == 1
    assert rollup.counts[Status.ONGOING] == 1
    assert rollup.counts[Status.IN_PROGRESS] == 2
    assert rollup.counts[Status.NOT_STARTED] == 1
    assert rollup.counts[Status.NOT_YET_ASSESSED] == 2
    assert rollup.assessed == 5 and rollup.scored == 7
    assert rollup.unfigured == 2  # Network and training: in progress, no sourced figure


def test_seeded_resolution_before_anything_was_assessed(seeded):
    # #11: on 1 June 2018 nobody had assessed anything, and the first conference since
    # adoption (5 May 2018) was not yet due: no percentage at all (it used to read 14.3 %,
    # crediting the November 2017 conference, held before the resolution existed).
    rollup = resolution_rollup(seeded, date(2018, 6, 1))
    assert rollup.percent is None and rollup.assessed == 0
    assert rollup.counts[Status.NOT_YET_DUE] == 1
    assert rollup.counts[Status.NOT_YET_ASSESSED] == 6
    assert not rollup.not_yet_adopted
    # Before adoption: not yet adopted on that date, nothing scored.
    before = resolution_rollup(seeded, date(2017, 12, 1))
    assert before.not_yet_adopted and before.percent is None and before.weight_total == 0
    conference = Action.objects.get(resolution=seeded, key="annual-conference")
    assert status_of(conference, date(2017, 12, 1)).current_status == Status.NOT_YET_DUE


def test_seeded_conference_series_today_is_no_occurrence_not_delayed(seeded):
    # The 4th conference (June 2022) is the last recorded; no source says the series stalled.
    conference = status_of(
        Action.objects.get(resolution=seeded, key="annual-conference"), date(2026, 12, 1)
    )
    assert conference.current_status == Status.NO_OCCURRENCE and conference.credit == 0


# --- #11: the seven rules, one test each (rules 4-7 are also tested where they are shown) --


def test_rule1_nothing_is_scored_before_adoption():
    res = f.resolution(adopted_on=date(2021, 1, 10))
    done = f.action(res)
    f.update(done, "completed", "2021-01-15")
    conference = f.action(res, mandate_type="recurring_event")
    f.occurrence(conference, "2020-11-01")  # context only: before adoption
    before = resolution_rollup(res, date(2021, 1, 9))
    assert before.not_yet_adopted and before.percent is None
    after = resolution_rollup(res, date(2021, 2, 1))
    assert not after.not_yet_adopted
    # The pre-adoption conference is never credited: the mandate's first one is not yet due.
    assert status_of(conference, date(2021, 2, 1)).current_status == Status.NOT_YET_DUE
    assert after.percent == 100.0 and after.weight_total == 1


def test_rule2_recurring_mandate_is_judged_from_adoption():
    res = f.resolution(adopted_on=date(2020, 3, 1))
    conference = f.action(res, mandate_type="recurring_event")
    other = f.action(res)
    f.update(other, "in_progress", "2020-04-01")
    due = status_of(conference, date(2021, 2, 28))
    assert due.current_status == Status.NOT_YET_DUE and due.credit is None
    assert resolution_rollup(res, date(2021, 2, 28)).weight_total == 1  # not scored
    missed = status_of(conference, date(2021, 3, 2))
    assert missed.current_status == Status.NO_OCCURRENCE and missed.credit == 0
    assert resolution_rollup(res, date(2021, 3, 2)).weight_total == 2  # scored 0
    # "Delayed" only from a published update saying so, and only until the next occurrence.
    f.update(conference, "delayed", "2021-04-01", note="The host withdrew.")
    assert status_of(conference, date(2021, 5, 1)).current_status == Status.DELAYED
    f.occurrence(conference, "2021-06-01")
    assert status_of(conference, date(2021, 6, 2)).current_status == Status.ONGOING


def test_rule3_no_percentage_without_an_assessment():
    res = f.resolution()
    p1, p2 = f.paragraph(res, 1), f.paragraph(res, 2)
    f.action(res, p1)  # nobody assessed it
    f.update(f.action(res, p2), "in_progress", "2021-01-01")  # no sourced figure
    rollups = paragraph_rollups([p1.pk, p2.pk], D)
    assert rollups[p1.pk].percent is None and rollups[p1.pk].assessed == 0
    assert rollups[p2.pk].percent == 0.0 and rollups[p2.pk].unfigured == 1
    headline = resolution_rollup(res, D)
    assert (headline.assessed, headline.scored, headline.percent) == (1, 2, 0.0)


def test_rule4_month_precision_never_overstates_the_window():
    res = f.resolution()
    conference = f.action(res, mandate_type="recurring_event")
    f.occurrence(conference, "2020-11-01", date_precision="month")  # "November 2020"
    # Not counted before November has certainly passed…
    assert status_of(conference, date(2020, 11, 20)).current_status != Status.ONGOING
    assert status_of(conference, date(2020, 12, 2)).current_status == Status.ONGOING
    # …and its window runs from 1 November (the earliest it can have been).
    assert status_of(conference, date(2021, 10, 31)).current_status == Status.ONGOING
    assert status_of(conference, date(2021, 11, 1)).current_status == Status.NO_OCCURRENCE


def test_rule6_staleness_counts_from_the_last_published_review():
    from workflow.review_services import action_review_create

    a = f.action(f.resolution())
    f.update(a, "in_progress", "2019-01-01")
    assert status_of(a).is_stale
    review = dict(
        action=a,
        note="Checked: no change.",
        evidence=[{"url": "https://e.org/x"}],
        author_name="Officer",
    )
    action_review_create(reviewed_on=date(2021, 3, 1), state="draft", **review)
    assert status_of(a).is_stale  # a draft review is not public
    action_review_create(reviewed_on=date(2021, 3, 1), **review)
    fresh = status_of(a)
    assert not fresh.is_stale and fresh.last_reviewed_on == date(2021, 3, 1)
    assert fresh.latest_as_of == date(2019, 1, 1)  # the last status change is unchanged
    assert status_of(a, date(2021, 2, 1)).is_stale  # as of before the review


def test_nothing_to_roll_up_on_a_fresh_install(client):
    # An empty IN () cannot be compiled to SQL; a fresh database must still render.
    assert resolution_rollups([], D) == {}
    assert paragraph_rollups([], D) == {}
    assert client.get("/").status_code == 200
