"""The synthetic-data generator: deterministic, realistically shaped, clearly marked, and
invisible on public pages unless SHOW_SYNTHETIC_RESOLUTIONS allows it. Small scales only."""

import re
from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Max, Min

from resolutions.models import (
    Action,
    ActionParagraph,
    Evidence,
    MandateType,
    MemberStateRole,
    Occurrence,
    Paragraph,
    Participation,
    Resolution,
    SourceDocument,
    StatusUpdate,
)
from resolutions.status import PROGRESS_ALLOWED
from synthetic.generator import BASE_DATE, Params, delete_synthetic, fingerprint, generate

pytestmark = pytest.mark.django_db

SHAPE = Params(resolutions=8, actions_per_resolution=12, updates_per_action=4, seed=11)


@pytest.fixture
def shaped(db):
    generate(SHAPE)
    return Resolution.objects.filter(is_synthetic=True)


def test_same_seed_gives_the_same_data_and_another_seed_does_not():
    generate(Params(3, 6, 3, seed=5))
    first = fingerprint()
    delete_synthetic()
    assert fingerprint() != first  # nothing left
    generate(Params(3, 6, 3, seed=5))
    assert fingerprint() == first
    delete_synthetic()
    generate(Params(3, 6, 3, seed=6))
    assert fingerprint() != first


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
    assert set(actions.values_list("mandate_type", flat=True)) == set(MandateType.values)
    recurring = actions.filter(mandate_type=MandateType.RECURRING_EVENT)
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


def _card(page, symbol):
    """The dashboard section of one resolution."""
    chunks = re.split(r'(?=<section class="card)', page)[1:]
    sections = [c.split('<section class="recent"')[0] for c in chunks]
    return [s for s in sections if f"<bdi>{symbol}</bdi> — " in s]


def test_real_pages_are_unaffected_and_synthetic_data_is_hidden(client, seeded, settings):
    real_actions = Action.objects.filter(resolution=seeded).count()
    real_updates = StatusUpdate.objects.filter(action__resolution=seeded).count()
    before = client.get("/en/").content.decode()
    past_before = client.get("/en/?as_of=2018-11-29").content.decode()
    page_before = client.get(f"/en/resolutions/{seeded.slug}/").content.decode()

    generate(Params(4, 10, 3, seed=2))
    after = client.get("/en/").content.decode()
    assert _card(after, "53/45-POL") == _card(before, "53/45-POL")
    assert "14.3%" in _card(after, "53/45-POL")[0]
    past_after = client.get("/en/?as_of=2018-11-29").content.decode()
    assert _card(past_after, "53/45-POL") == _card(past_before, "53/45-POL")
    assert "28.6%" in _card(past_after, "53/45-POL")[0]
    assert client.get(f"/en/resolutions/{seeded.slug}/").content.decode() == page_before
    assert not _card(after, "SYN-0001/99-POL")
    assert client.get("/en/resolutions/syn-0001-99-pol/").status_code == 404
    assert Action.objects.filter(resolution=seeded).count() == real_actions
    assert StatusUpdate.objects.filter(action__resolution=seeded).count() == real_updates

    settings.SHOW_SYNTHETIC_RESOLUTIONS = True
    shown = client.get("/en/").content.decode()
    assert _card(shown, "SYN-0001/99-POL") and _card(shown, "53/45-POL")
    assert client.get("/en/resolutions/syn-0001-99-pol/").status_code == 200


def test_no_public_page_shows_synthetic_rows_unless_allowed(client, seeded, settings):
    generate(Params(2, 4, 3, seed=2))
    action = Action.objects.filter(resolution__symbol="SYN-0001/99-POL").first()
    paragraph = Paragraph.objects.filter(resolution__symbol="SYN-0001/99-POL").first()
    urls = [
        f"/en/actions/{action.pk}/",
        f"/en/resolutions/syn-0001-99-pol/paragraphs/{paragraph.number}/",
    ]
    assert "[Synthetic]" not in client.get("/en/").content.decode()  # incl. latest updates
    for url in urls:
        assert client.get(url).status_code == 404
    settings.SHOW_SYNTHETIC_RESOLUTIONS = True
    for url in urls:
        assert client.get(url).status_code == 200


def test_replace_deletes_only_synthetic_rows_and_reruns_are_refused(seeded):
    out = StringIO()
    call_command(
        "generate_demo_data", "--scale", "small", "--seed", "3", "--fingerprint", stdout=out
    )
    assert "Generated 3 synthetic resolutions (seed 3)" in out.getvalue()
    printed = re.search(r"Fingerprint: (\w+)", out.getvalue()).group(1)
    assert printed == fingerprint()
    with pytest.raises(CommandError, match="--replace"):
        call_command("generate_demo_data", "--scale", "small", stdout=StringIO())
    real = {
        model: model.objects.count() - model.objects.filter(**{lookup: True}).count()
        for model, lookup in [
            (Action, "resolution__is_synthetic"),
            (StatusUpdate, "action__resolution__is_synthetic"),
            (Evidence, "status_update__action__resolution__is_synthetic"),
            (Occurrence, "action__resolution__is_synthetic"),
            (Paragraph, "resolution__is_synthetic"),
        ]
    }
    call_command(
        "generate_demo_data",
        "--scale",
        "small",
        "--seed",
        "3",
        "--replace",
        "--fingerprint",
        stdout=(out := StringIO()),
    )
    assert re.search(r"Fingerprint: (\w+)", out.getvalue()).group(1) == printed
    call_command("generate_demo_data", "--delete", stdout=StringIO())
    assert not Resolution.objects.filter(is_synthetic=True).exists()
    assert not SourceDocument.objects.filter(key__startswith="syn-").exists()
    for model, count in real.items():
        assert model.objects.count() == count, model
    assert Resolution.objects.get(symbol="53/45-POL") == seeded


def test_member_states_are_reused_never_created(seeded):
    from resolutions.models import MemberState

    states = MemberState.objects.count()
    generate(Params(4, 20, 2, seed=4, link_member_states=True))
    assert MemberState.objects.count() == states == 57
    assert MemberStateRole.objects.filter(action__resolution__is_synthetic=True).exists()
    assert Participation.objects.filter(occurrence__action__resolution__is_synthetic=True).exists()
    delete_synthetic()
    assert MemberState.objects.count() == 57
    assert MemberStateRole.objects.filter(action__resolution=seeded).exists()


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
