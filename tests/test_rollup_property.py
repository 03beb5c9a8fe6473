"""Property test (#11): the database roll-up agrees with a plain-Python reference implementation
of the published rules, on random histories, occurrences, reviews and dates.

The reference below is written from the rules in the README ("Progress roll-up"), not from
resolutions/rollup/, so a disagreement is a bug in one of them. The stored projection of current
state (resolutions/rollup/projection.py) joins the comparison: kept by the writes themselves, and
brought forward in time only where its next_change_on says it may have changed. So do the stored
progress-chart steps (resolutions/rollup/steps.py): added up on any date, they give the history's
roll-up and the reference's percentage on that date.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resolutions.models import Action, ActionState, ActionStep, Occurrence
from resolutions.rollup import (
    Rollup,
    annotate_history,
    progress_points,
    projection,
    resolution_rollup,
    rollup_series,
)
from resolutions.status import Status
from tests import factories as f
from workflow.review_services import action_review_create

pytestmark = pytest.mark.django_db

WINDOW = {"annual": 365, "biennial": 730}
KNOWN_AFTER = {"day": 0, "month": 31, "year": 366, "after": 0}
DAYS = st.dates(min_value=date(2016, 1, 1), max_value=date(2024, 12, 31))
RECORDED = [
    Status.NOT_STARTED,
    Status.IN_PROGRESS,
    Status.COMPLETED,
    Status.ONGOING,
    Status.DELAYED,
    Status.NOT_APPLICABLE,
]


@dataclass
class Spec:
    recurrence: str  # "" for a one-off mandate
    weight: int
    updates: list = field(default_factory=list)  # (as_of, status, progress), in recording order
    occurrences: list = field(default_factory=list)  # (start, precision)
    reviews: list = field(default_factory=list)  # (day, published)


@st.composite
def period_start(draw):
    precision = draw(st.sampled_from(["day", "day", "month", "year"]))
    day = draw(DAYS)
    if precision == "month":
        day = day.replace(day=1)
    elif precision == "year":
        day = day.replace(month=1, day=1)
    return day, precision


@st.composite
def update(draw):
    status = draw(st.sampled_from(RECORDED))
    progress = None
    if status in (Status.IN_PROGRESS, Status.DELAYED, Status.ONGOING):
        progress = draw(st.one_of(st.none(), st.integers(0, 100)))
    elif status == Status.COMPLETED:
        progress = draw(st.sampled_from([None, 100]))
    return draw(DAYS), status, progress


@st.composite
def specs(draw):
    return Spec(
        recurrence=draw(st.sampled_from(["", "", "annual", "biennial"])),
        weight=draw(st.integers(1, 5)),
        updates=draw(st.lists(update(), max_size=3)),
        occurrences=draw(st.lists(period_start(), max_size=3)),
        reviews=draw(st.lists(st.tuples(DAYS, st.booleans()), max_size=2)),
    )


# --- The reference: the README's rules, in plain Python ---------------------------------------


def reference(spec, adopted, as_of):
    """(status, credit, stale, scored, assessed) of one action on `as_of`."""
    seen = [(i, u) for i, u in enumerate(spec.updates) if u[0] <= as_of]
    # Latest by as-of date; a later-recorded update for the same date wins.
    latest = max(seen, key=lambda iu: (iu[1][0], iu[0]))[1] if seen else None
    latest_status = latest[1] if latest else None
    status = None
    if latest_status == Status.NOT_APPLICABLE:
        status = Status.NOT_APPLICABLE
    elif spec.recurrence:
        window = timedelta(days=WINDOW[spec.recurrence])
        counted = [
            start
            for start, precision in spec.occurrences
            if (adopted is None or start >= adopted)
            and start + timedelta(days=KNOWN_AFTER[precision]) <= as_of
        ]
        last = max(counted, default=None)
        if latest_status == Status.DELAYED and (last is None or latest[0] >= last):
            status = Status.DELAYED
        elif last is not None and last > as_of - window:
            status = Status.ONGOING
        elif last is None and adopted is not None and adopted > as_of - window:
            status = Status.NOT_YET_DUE
        elif adopted is not None or last is not None:
            status = Status.NO_OCCURRENCE
    if status is None:
        status = latest_status or Status.NOT_YET_ASSESSED
    if status in (Status.NOT_APPLICABLE, Status.NOT_YET_DUE):
        credit = None
    elif latest and latest[2] is not None and status == latest_status:
        credit = latest[2]
    else:
        credit = 100 if status in (Status.COMPLETED, Status.ONGOING) else 0
    reviewed = [day for day, published in spec.reviews if published and day <= as_of]
    looked = max([*reviewed, *([latest[0]] if latest else [])], default=None)
    before_adoption = adopted is not None and as_of < adopted
    stale = (
        not before_adoption
        and status != Status.NOT_APPLICABLE
        and (looked is None or looked < as_of - timedelta(days=365))
    )
    scored = not before_adoption and credit is not None
    assessed = not before_adoption and status in (
        Status.NOT_STARTED,
        Status.IN_PROGRESS,
        Status.COMPLETED,
        Status.ONGOING,
        Status.DELAYED,
    )
    return status, credit, stale, scored, assessed


def reference_percent(rows, weights):
    scored = [(r, w) for r, w in zip(rows, weights, strict=True) if r[3]]
    if not scored or not any(r[4] for r, _w in scored):
        return None
    total = sum(w for _r, w in scored)
    return round(sum(w * r[1] for r, w in scored) / total, 1)


# --- Building the same history in the database -------------------------------------------------


def build(adopted, spec_list):
    res = f.resolution(adopted_on=adopted)
    actions = []
    for spec in spec_list:
        kw = {"weight": spec.weight}
        if spec.recurrence:
            kw.update(mandate_type="recurring_event", recurrence=spec.recurrence)
        action = f.action(res, **kw)
        for as_of, status, progress in spec.updates:
            f.update(action, status, as_of, progress)
        for i, (start, precision) in enumerate(spec.occurrences):
            Occurrence.objects.create(
                action=action,
                key=f"o{i}",
                kind="conference",
                title=f"Occurrence {i}",
                start_date=start,
                date_precision=precision,
            )
        for day, published in spec.reviews:
            action_review_create(
                action=action,
                reviewed_on=day,
                note="Checked.",
                author_name="Officer",
                evidence=[{"url": "https://example.org/review"}],
                state="published" if published else "draft",
            )
        actions.append(action)
    return res, actions


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    adopted=st.one_of(st.none(), DAYS),
    spec_list=st.lists(specs(), min_size=1, max_size=4),
    days=st.lists(DAYS, min_size=1, max_size=3),
)
def test_the_database_rollup_agrees_with_the_reference(adopted, spec_list, days):
    # Nothing can be assessed before adoption (the services refuse such an update).
    for spec in spec_list:
        spec.updates = [u for u in spec.updates if adopted is None or u[0] >= adopted]
    with transaction.atomic():
        # Past dates only (DAYS end in 2024): computed from the history, the projection is not
        # read, so it is re-derived once after the build, not after each write.
        with projection.deferred():
            res, actions = build(adopted, spec_list)
        for as_of in days:
            expected = [reference(spec, adopted, as_of) for spec in spec_list]
            rows = {a.pk: a for a in Action.objects.filter(resolution=res).with_status(as_of)}
            for action, spec, want in zip(actions, spec_list, expected, strict=True):
                got = rows[action.pk]
                assert (got.current_status, got.credit, bool(got.is_stale)) == want[:3], (
                    spec,
                    adopted,
                    as_of,
                )
            rollup = resolution_rollup(res, as_of)
            assert rollup.percent == reference_percent(expected, [s.weight for s in spec_list]), (
                spec_list,
                adopted,
                as_of,
            )
            assert rollup.assessed == sum(1 for e in expected if e[4])
            assert rollup.not_yet_adopted == (adopted is not None and as_of < adopted)
        transaction.set_rollback(True)


def _stored(actions):
    states = {s.action_id: s for s in ActionState.objects.filter(action__in=actions)}
    return {a.pk: states.get(a.pk) for a in actions}


def _history(res, as_of):
    return {a.pk: a for a in annotate_history(Action.objects.filter(resolution=res), as_of)}


FIELDS = ("current_status", "credit", "is_stale", "is_scored", "is_assessed", "is_overdue")


def _same(stored, computed):
    return tuple(getattr(stored, n) for n in FIELDS) == tuple(
        bool(getattr(computed, n)) if n.startswith("is_") else getattr(computed, n) for n in FIELDS
    ) and (stored.latest_as_of, stored.last_reviewed_on, stored.last_occurrence_on) == (
        computed.latest_as_of,
        computed.last_reviewed_on,
        computed.last_occurrence_on,
    )


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    adopted=st.one_of(st.none(), DAYS),
    spec_list=st.lists(specs(), min_size=1, max_size=3),
    days=st.lists(DAYS, min_size=1, max_size=3, unique=True).map(sorted),
    due=st.lists(st.dates(date(2016, 1, 1), date(2024, 12, 31)), min_size=0, max_size=3),
)
def test_the_stored_projection_agrees_with_history_and_reference(adopted, spec_list, days, due):
    for spec in spec_list:
        spec.updates = [u for u in spec.updates if adopted is None or u[0] >= adopted]
    with transaction.atomic():
        res, actions = build(adopted, spec_list)
        for action, day in zip(actions, due, strict=False):  # some due dates
            if adopted is None or day >= adopted:
                action.due_date = day
                action.save()
        # Kept by the writes themselves: today's stored state is today's history and reference.
        today = timezone.localdate()
        stored, history = _stored(actions), _history(res, today)
        read = {a.pk: a for a in Action.objects.filter(resolution=res).with_status(today)}
        for action, spec in zip(actions, spec_list, strict=True):
            state = stored[action.pk]
            assert state is not None and state.computed_for == today
            assert _same(state, history[action.pk]), (spec, adopted)
            assert _same(state, read[action.pk])  # what pages read for today
            want = reference(spec, adopted, today)
            assert (state.current_status, state.credit, state.is_stale) == want[:3]
        # Moved through time: derived on the first day, then only the rows whose next_change_on
        # has come are re-derived on each later day; every row must then match that day.
        ids = [a.pk for a in actions]
        projection.refresh_actions(ids, today=days[0])
        for day in days:
            projection.refresh_actions(projection.due_ids(day), today=day)
            stored, history = _stored(actions), _history(res, day)
            for action, spec in zip(actions, spec_list, strict=True):
                state = stored[action.pk]
                assert _same(state, history[action.pk]), (spec, adopted, days, day)
                want = reference(spec, adopted, day)
                assert (state.current_status, state.credit, state.is_stale) == want[:3], (
                    spec,
                    adopted,
                    day,
                )
        transaction.set_rollback(True)


STEP_COLUMNS = ("weighted_credit", "weight_total", "n_assessed")


def _numbers(row):
    return tuple(int(row.get(name) or 0) for name in STEP_COLUMNS)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    adopted=st.one_of(st.none(), DAYS),
    spec_list=st.lists(specs(), min_size=1, max_size=4),
    days=st.lists(
        st.dates(min_value=date(2015, 1, 1), max_value=date(2026, 12, 31)),
        min_size=1,
        max_size=6,
        unique=True,
    ),
    probe_edges=st.booleans(),
)
def test_the_stored_steps_add_up_to_the_history_on_every_date(
    adopted, spec_list, days, probe_edges
):
    for spec in spec_list:
        spec.updates = [u for u in spec.updates if adopted is None or u[0] >= adopted]
    with transaction.atomic():
        # The steps are re-derived once after the build (projection.deferred): the same rows the
        # last of the per-write re-derivations would store. That every write re-derives its
        # action is test_the_stored_projection_agrees_with_history_and_reference's subject.
        with projection.deferred():
            res, actions = build(adopted, spec_list)
        if probe_edges:
            # The dates where steps begin, and the days either side: where an off-by-one shows.
            edges = {s.day for s in ActionStep.objects.filter(action__in=actions)}
            days = sorted({d + timedelta(days=k) for d in edges for k in (-1, 0, 1)} | set(days))
        days = sorted(set(days))
        stored = progress_points([res.pk], {res.pk: days})
        history = rollup_series(Action.objects.filter(resolution=res), days, only=STEP_COLUMNS)
        weights = [s.weight for s in spec_list]
        for day in days:
            got, want = stored[(res.pk, day)], history.get((res.pk, day), {})
            assert _numbers(got) == _numbers(want), (spec_list, adopted, day)
            expected = [reference(spec, adopted, day) for spec in spec_list]
            assert Rollup.from_row(got).percent == reference_percent(expected, weights), (
                spec_list,
                adopted,
                day,
            )
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_rebuild_rollup_recomputes_every_row_from_history(seeded):
    from django.core.management import call_command

    today = timezone.localdate()
    history = {a.pk: a for a in annotate_history(Action.objects.all(), today)}
    # The loader (load_resolution, as `make run` loads the seed) left it consistent.
    states = {s.action_id: s for s in ActionState.objects.all()}
    assert set(states) == set(history)
    assert all(_same(states[pk], history[pk]) for pk in history)
    steps = sorted(ActionStep.objects.values_list("action_id", "day", "weighted_credit"))
    assert {pk for pk, *_rest in steps} == set(history)  # every action has its steps
    ActionState.objects.all().delete()
    ActionStep.objects.all().delete()
    call_command("rebuild_rollup", verbosity=0)
    states = {s.action_id: s for s in ActionState.objects.all()}
    assert set(states) == set(history)
    assert all(_same(states[pk], history[pk]) for pk in history)
    assert sorted(ActionStep.objects.values_list("action_id", "day", "weighted_credit")) == steps


@pytest.mark.django_db
def test_the_projection_reads_the_same_rows_through_its_compiled_template(seeded):
    """projection._row_values runs a template compiled once and re-dated (sql.template) instead
    of the ORM query: the two give the same rows, converted the same way, on any date."""
    ids = sorted(Action.objects.values_list("pk", flat=True))
    using = "default"
    for today in (date(2017, 11, 20), date(2018, 5, 5), date(2018, 11, 29), date(2026, 1, 1)):
        for chosen in (ids[:1], ids[:3], ids):
            orm = {r["pk"]: r for r in projection._row_query(chosen, today, using)}
            compiled = {r["pk"]: r for r in projection._row_values(chosen, today, using)}
            assert set(compiled) == set(chosen)
            for pk, row in orm.items():
                assert compiled[pk].keys() == row.keys()
                for name, value in row.items():
                    got = compiled[pk][name]
                    if name.startswith(("is_", "has_")):
                        got, value = bool(got), bool(value)
                    assert (got, type(got)) == (value, type(value)), (pk, name, today)
