"""The synthetic-data generator's output is realistically shaped, respects the models' rules,
is clearly marked, and its roll-ups agree with each action's own status. Small scales only.

Generating is the costly part and these tests only read what was generated: it is generated
once for this module, in a transaction rolled back after its last test; each test still runs in
its own savepoint. A module of its own because every test in it sees the generated data
(tests/conftest.py: ONE_WORKER_MODULES sends it whole to one worker). The generator's other
behaviour (same seed, same data; replacing; hidden pages): tests/test_generator.py.
"""

import re
from collections import Counter
from datetime import timedelta

import pytest
from django.db import transaction
from django.db.models import Count, Max, Min

from resolutions.models import (
    Action,
    ActionParagraph,
    Evidence,
    MandateType,
    Occurrence,
    Paragraph,
    Resolution,
    SourceDocument,
    StatusUpdate,
)
from resolutions.status import PROGRESS_ALLOWED
from synthetic.generator import BASE_DATE, Params, generate

pytestmark = pytest.mark.django_db

SHAPE = Params(resolutions=8, actions_per_resolution=12, updates_per_action=4, seed=11)


@pytest.fixture(scope="module")
def _generated(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        generate(SHAPE)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def shaped(_generated, db):
    return Resolution.objects.filter(is_synthetic=True)


def test_totals_are_exact_and_update_counts_are_skewed(shaped):
    actions = Action.objects.filter(resolution__is_synthetic=True)
    assert shaped.count() == 8
    assert actions.count() == 8 * 12
    per_resolution = Counter(actions.values_list("resolution_id", flat=True))
    assert len(set(per_resolution.values())) > 1  # resolutions differ in size
    updates = StatusUpdate.objects.filter(action__in=actions)
    assert updates.count() == 8 * 12 * 4
    per_action = [a.n for a in actions.annotate(n=Count("status_updates"))]
    assert 0 in per_action  # some actions were never assessed
    assert max(per_action) >= 3 * 4  # and a long tail


def test_shapes_cover_paragraph_kinds_mandate_types_and_occurrences(shaped):
    paragraphs = Paragraph.objects.filter(resolution__in=shaped)
    numbers = list(paragraphs.values_list("number", flat=True))
    assert any(re.fullmatch(r"PP\d+", n) for n in numbers)
    assert any(re.fullmatch(r"\d+", n) for n in numbers)
    assert any(re.fullmatch(r"\d+\([a-d]\)", n) for n in numbers)  # 5(b)-style
    assert paragraphs.filter(kind="preambular").exists()
    assert paragraphs.filter(excluded_from_rollup=True).exclude(exclusion_reason="").exists()
    assert {p for p in paragraphs.values_list("text_provenance", flat=True)} == {
        "verbatim",
        "paraphrase",
        "unknown",
    }

    actions = Action.objects.filter(resolution__in=shaped)
    assert set(actions.values_list("mandate_type", flat=True)) == set(MandateType.codes())
    recurring = actions.filter(mandate_type__behaviour=MandateType.Behaviour.RECURRING)
    assert set(recurring.values_list("recurrence", flat=True)) <= {"annual", "biennial"}
    assert Occurrence.objects.filter(action__in=recurring).count() > recurring.count()
    assert actions.filter(due_date__isnull=False).exists()
    assert actions.filter(due_date__isnull=True).exists()
    assert actions.filter(due_date__lt=BASE_DATE).exists()  # overdue candidates
    assert actions.filter(paragraphs__isnull=True).exists()  # mandates with no paragraph
    links = Counter(
        ActionParagraph.objects.filter(action__in=actions).values_list("action_id", flat=True)
    )
    assert max(links.values()) == 2  # some actions serve two paragraphs
    assert actions.filter(weight__gt=1).exists()


def test_dates_span_ten_years_before_the_fixed_base_date(shaped):
    updates = StatusUpdate.objects.filter(action__resolution__in=shaped)
    span = updates.aggregate(first=Min("as_of"), last=Max("as_of"), rec=Max("recorded_at"))
    assert span["last"] <= BASE_DATE
    assert span["first"] >= BASE_DATE - timedelta(days=3653)
    assert span["rec"].date() <= BASE_DATE
    assert (span["last"] - span["first"]).days > 3 * 365
    adopted = shaped.aggregate(first=Min("adopted_on"), last=Max("adopted_on"))
    assert adopted["first"] >= BASE_DATE - timedelta(days=3653)


def test_every_row_respects_the_models_rules(shaped):
    updates = StatusUpdate.objects.filter(action__resolution__in=shaped)
    for update in updates:
        update.full_clean()  # field validators and every CheckConstraint
        assert update.author_name and update.note.startswith("[Synthetic] ")
        if update.progress is not None:
            assert update.status in PROGRESS_ALLOWED
        if update.status == "completed":
            assert update.progress in (None, 100)
    assert not updates.annotate(n=Count("evidence")).filter(n=0).exists()
    assert updates.filter(progress__isnull=False).exists()
    for piece in Evidence.objects.filter(status_update__in=updates):
        piece.full_clean()
    for model in (Paragraph, Action, Occurrence):
        for obj in model.objects.filter(
            **{
                Paragraph: {"resolution__in": shaped},
                Action: {"resolution__in": shaped},
                Occurrence: {"action__resolution__in": shaped},
            }[model]
        ):
            obj.full_clean()


def test_everything_generated_is_marked_synthetic(shaped):
    for res in shaped:
        assert re.fullmatch(r"SYN-\d{4}/99-POL", res.symbol)
        assert res.title.startswith("[Synthetic] ")
    assert not Resolution.objects.filter(symbol__startswith="SYN-", is_synthetic=False).exists()
    sources = SourceDocument.objects.filter(key__startswith="syn-")
    assert sources.exists()
    assert all(s.title.startswith("[Synthetic] ") and "example.invalid" in s.url for s in sources)
    urls = Evidence.objects.exclude(url="").values_list("url", flat=True)
    assert urls and all("example.invalid" in u for u in urls)


def test_rollups_agree_with_each_actions_own_status(shaped):
    """The grouped roll-up query (rollup.grouped_rollups) adds up exactly what each action's own
    status, credit and flags say, on generated data with every shape, at several dates."""
    from datetime import date

    from resolutions.rollup import paragraph_rollups, resolution_rollups

    ids = list(shaped.values_list("pk", flat=True))
    pids = list(Paragraph.objects.filter(resolution__in=shaped).values_list("pk", flat=True))
    for as_of in (date(2017, 1, 1), date(2021, 6, 30), BASE_DATE + timedelta(days=200)):
        expected = {}
        rows = (
            Action.objects.filter(resolution__in=shaped)
            .with_status(as_of)
            .values_list(
                "resolution_id",
                "weight",
                "current_status",
                "credit",
                "is_overdue",
                "is_stale",
                "is_scored",
            )
        )
        links = dict.fromkeys(pids)
        # Scored: everything but "not applicable", "not yet due" and, before adoption, all
        # (#11 rules 1 and 2); an unscored action has no credit.
        for rid, weight, status, credit, overdue, stale, scored in rows:
            e = expected.setdefault(rid, Counter())
            e["total"] += 1
            e[status] += 1
            e["overdue"] += bool(overdue)
            e["stale"] += bool(stale)
            if scored:
                e["weight"] += weight
                e["credit"] += weight * credit
        for rid, rollup in resolution_rollups(ids, as_of).items():
            e = expected[rid]
            assert (
                rollup.total,
                rollup.overdue,
                rollup.stale,
                rollup.weight_total,
                rollup.weighted_credit,
            ) == (e["total"], e["overdue"], e["stale"], e["weight"], e["credit"])
            assert {s: n for s, n in rollup.counts.items() if n} == {
                s: n for s, n in e.items() if s in rollup.counts and n
            }
        per_action = {
            a.pk: a for a in Action.objects.filter(resolution__in=shaped).with_status(as_of)
        }
        for pid, rollup in paragraph_rollups(pids, as_of).items():
            served = [
                per_action[a]
                for a in ActionParagraph.objects.filter(paragraph_id=pid).values_list(
                    "action_id", flat=True
                )
            ]
            links[pid] = rollup
            assert rollup.total == len(served)
            scored = [a for a in served if a.is_scored]
            assert rollup.weight_total == sum(a.weight for a in scored)
            assert rollup.weighted_credit == sum(a.weight * a.credit for a in scored)
