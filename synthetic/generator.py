"""Synthetic resolutions for demos and benchmarks (`manage.py generate_demo_data`).

Everything generated is marked: resolutions have `is_synthetic=True`, symbols `SYN-0001/99-POL`,
titles, notes and source titles start with "[Synthetic]", source keys with "syn-", URLs point at
the reserved `example.invalid` domain and actors are named "[Synthetic] …". Real rows (53/45-POL,
the Member States) are never changed; Member States are only *referred to*, and only when asked
(`link_member_states`), never created.

Determinism: one `random.Random(seed)` drives every choice, in a fixed order, and every date
derives from the fixed BASE_DATE (not today's date), so the same parameters and seed always
produce the same rows (see `fingerprint()`); primary keys may differ between databases.

Shapes (what the benchmark is meant to stress):
- paragraphs: 2–8 preambular (PP1…), operative ones sized to the action count, ~15 % of them
  split into lettered sub-paragraphs ("5(a)", "5(b)"); a third of resolutions end with an
  exhortation excluded from the roll-up (with a reason), ~3 % of other paragraphs too; texts
  are paraphrase, verbatim or unknown;
- actions: every mandate type, ~16 % recurring (annual or biennial) with one occurrence per
  interval, a quarter of those lapsing before BASE_DATE; ~55 % have a due date (many overdue);
  weights mostly 1; most serve one paragraph, some two, ~7 % none;
- actions per resolution vary around the requested mean; status updates per action are skewed
  (exponential weights: ~10 % of actions never assessed, a long tail with dozens of updates) but
  add up exactly to resolutions × actions × updates; as-of dates span the ten years before
  BASE_DATE; ~3 % of updates are same-day corrections; progress figures only where the model
  allows them (completed → none or 100);
- every update has 1–3 pieces of evidence (a source with a locator, an occurrence, or a URL).

Rows are written in batches inside one transaction, without save() or signals: bulk_create
for most tables, executemany for status updates and evidence (see _Builder.flush).
"""

import hashlib
import random
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.db import connection, transaction

from resolutions.models import (
    Action,
    ActionParagraph,
    ActionState,
    Actor,
    Evidence,
    MandateType,
    MemberState,
    MemberStateRole,
    Occurrence,
    Paragraph,
    Participation,
    Resolution,
    SourcedFigure,
    SourceDocument,
    StatusUpdate,
)
from resolutions.models.resolution import Addressee, OperativeVerb
from resolutions.rollup import projection
from resolutions.status import Status

# Fixed reference date: generated dates fall in the ten years before it, never relative to today.
BASE_DATE = date(2025, 12, 31)
SPAN_DAYS = 3652

PREFIX = "[Synthetic] "
SOURCE_KEY_PREFIX = "syn-"
URL_BASE = "https://example.invalid/synthetic"

# resolutions, mean actions per resolution, mean updates per action
SCALES = {
    "small": (3, 8, 3),
    "medium": (50, 40, 5),
    "un": (500, 80, 10),
}

MANDATE_MIX = [
    (MandateType.ESTABLISH_BODY, 12),
    (MandateType.ADOPT_INSTRUMENT, 12),
    (MandateType.BUILD_ROSTER, 10),
    (MandateType.RECURRING_EVENT, 16),
    (MandateType.TRAINING, 18),
    (MandateType.PARTNERSHIP, 16),
    (MandateType.INSTITUTIONAL_CAPACITY, 16),
    (MandateType.ADOPT_POLICY, 4),
    (MandateType.APPOINT, 4),
    (MandateType.SUBMIT_REPORT, 6),
]
TOPICS = [
    "Strengthening Mediation Capacity",
    "Combating Desertification and Drought",
    "Promoting Intra-OIC Trade",
    "Cooperation in Higher Education",
    "Humanitarian Assistance Coordination",
    "Countering Extremism and Terrorism",
    "Women's Empowerment",
    "Food Security and Agricultural Development",
    "Polio Eradication",
    "Cultural Heritage Protection",
    "Science and Technology Cooperation",
    "Youth Employment",
]
PLACES = [
    "Jeddah",
    "Niamey",
    "Abu Dhabi",
    "Islamabad",
    "Istanbul",
    "Dakar",
    "Yaoundé",
    "Nouakchott",
    "Banjul",
    "Dhaka",
    "Baku",
    "Kuala Lumpur",
]
TITLE_VERBS = {
    MandateType.ESTABLISH_BODY: "Establish a committee on",
    MandateType.ADOPT_INSTRUMENT: "Adopt a framework on",
    MandateType.BUILD_ROSTER: "Build a network of experts on",
    MandateType.RECURRING_EVENT: "Hold a conference on",
    MandateType.TRAINING: "Run a training programme on",
    MandateType.PARTNERSHIP: "Partner with regional organisations on",
    MandateType.INSTITUTIONAL_CAPACITY: "Strengthen the secretariat unit for",
    MandateType.ADOPT_POLICY: "Adopt a policy on",
    MandateType.APPOINT: "Appoint a special envoy on",
    MandateType.SUBMIT_REPORT: "Submit a report on",
}
ACTORS = [
    ("Secretariat department 01", "oic_organ"),
    ("Secretariat department 02", "oic_organ"),
    ("Secretariat department 03", "oic_organ"),
    ("Secretariat department 04", "oic_organ"),
    ("Subsidiary organ 01", "subsidiary_body"),
    ("Subsidiary organ 02", "subsidiary_body"),
    ("Specialised institution 01", "subsidiary_body"),
    ("Partner organisation 01", "external"),
    ("Partner organisation 02", "external"),
    ("Member States (collectively)", "member_states"),
]
AUTHORS = [f"{PREFIX}Officer {n:02d}" for n in range(1, 9)]
SOURCE_KINDS = [k for k, _ in SourceDocument.Kind.choices if k != "other"]


@dataclass
class Params:
    resolutions: int
    actions_per_resolution: int
    updates_per_action: int
    seed: int = 1
    link_member_states: bool = False


@dataclass
class Stats:
    counts: dict = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, model, n):
        name = model._meta.object_name
        self.counts[name] = self.counts.get(name, 0) + n


class GeneratorError(Exception):
    pass


# --------------------------------------------------------------------------------------------
# Splitting totals


def split_total(total, parts, weights):
    """Integers proportional to `weights` that add up exactly to `total` (largest remainder)."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    counts = [int(x) for x in raw]
    short = total - sum(counts)
    by_remainder = sorted(range(parts), key=lambda i: (-(raw[i] - counts[i]), i))
    for i in by_remainder[:short]:
        counts[i] += 1
    return counts


# --------------------------------------------------------------------------------------------
# Deleting


def synthetic_resolution_ids():
    return list(Resolution.objects.filter(is_synthetic=True).values_list("pk", flat=True))


def delete_synthetic(using="default"):
    """Delete every synthetic resolution and everything hanging off it; return rows deleted.

    Why raw deletes: Resolution.delete() cannot remove generated data. The Collector refuses
    (Evidence → Occurrence is PROTECT, and protected rows are refused even when they are being
    deleted in the same operation), and at 400,000 updates it would load every row into memory.
    Status updates are append-only — StatusUpdate.delete() and its QuerySet.delete() raise — and
    that guard is about the record of real assessments. Generated rows were never an assessment
    of anything, so they are removed table by table with `_raw_delete`, children first, and only
    rows that belong to a resolution flagged `is_synthetic` (plus the "syn-" sources and the
    "[Synthetic]" actors the generator created). The guard stays in force for everything else.
    No signals are sent; callers invalidate the roll-up cache (see generate_demo_data).
    """
    ids = synthetic_resolution_ids()
    deleted = 0
    with transaction.atomic(using=using):
        if ids:
            action_ids = Action.objects.filter(resolution_id__in=ids).values("pk")
            occurrence_ids = Occurrence.all_objects.filter(action__resolution_id__in=ids).values(
                "pk"
            )
            querysets = [
                ActionState.objects.filter(action__resolution_id__in=ids),  # derived
                Evidence.objects.filter(status_update__action__resolution_id__in=ids),
                StatusUpdate.objects.filter(action__resolution_id__in=ids),
                Participation.all_objects.filter(occurrence_id__in=occurrence_ids),
                Occurrence.sources.through.objects.filter(occurrence_id__in=occurrence_ids),
                Occurrence.all_objects.filter(action__resolution_id__in=ids),
                MemberStateRole.objects.filter(action__resolution_id__in=ids),
                SourcedFigure.all_objects.filter(action__resolution_id__in=ids),
                Action.responsible_actors.through.objects.filter(action_id__in=action_ids),
                ActionParagraph.objects.filter(action_id__in=action_ids),
                Action.objects.filter(resolution_id__in=ids),
                Paragraph.objects.filter(resolution_id__in=ids),
                Resolution.sources.through.objects.filter(resolution_id__in=ids),
                Resolution.objects.filter(pk__in=ids, is_synthetic=True),
            ]
            for qs in querysets:
                deleted += qs._raw_delete(using)
        # Generated sources and actors, once nothing generated refers to them any more. A real
        # row that (wrongly) cites one makes the transaction fail on its foreign key.
        deleted += SourceDocument.objects.filter(key__startswith=SOURCE_KEY_PREFIX)._raw_delete(
            using
        )
        actors = Actor.objects.filter(name__startswith=PREFIX, actions__isnull=True)
        deleted += actors.delete()[0]
    return deleted


# --------------------------------------------------------------------------------------------
# Generating


class _Builder:
    """Builds model instances for a batch of resolutions, then writes them in dependency order."""

    def __init__(self, params, rng, actors, member_states, stats, batch_size):
        self.p = params
        self.rng = rng
        self.actors = actors
        self.member_states = member_states
        self.stats = stats
        self.batch_size = batch_size
        self.reset()

    def reset(self):
        self.resolutions, self.sources, self.resolution_sources = [], [], []
        self.paragraphs, self.actions, self.links, self.responsible = [], [], [], []
        self.occurrences, self.updates, self.evidence = [], [], []
        self.figures, self.roles, self.participations = [], [], []

    # -- one resolution -----------------------------------------------------------------------

    def resolution(self, n, n_actions, update_counts):
        rng = self.rng
        adopted_on = BASE_DATE - timedelta(days=rng.randint(365, SPAN_DAYS))
        topic = rng.choice(TOPICS)
        symbol = f"SYN-{n:04d}/99-POL"
        res = Resolution(
            symbol=symbol,
            slug=f"syn-{n:04d}-99-pol",
            title=f"{PREFIX}{topic} ({n})",
            adopting_body=f"{PREFIX}Council of Foreign Ministers",
            session=f"{rng.randint(40, 52)}th session",
            place=rng.choice(PLACES),
            adopted_on=adopted_on,
            adopted_until=adopted_on + timedelta(days=1) if rng.random() < 0.6 else None,
            summary=f"{PREFIX}Generated by manage.py generate_demo_data (seed {self.p.seed}). "
            "Not a real resolution; every figure on it is invented.",
            is_synthetic=True,
        )
        self.resolutions.append(res)

        sources = []
        for j in range(1, rng.randint(2, 4) + 1):
            src = SourceDocument(
                key=f"{SOURCE_KEY_PREFIX}{n:04d}-{j}",
                title=f"{PREFIX}Progress report {j} on {symbol}",
                kind=rng.choice(SOURCE_KINDS),
                url=f"{URL_BASE}/{res.slug}/report-{j}",
                date=adopted_on + timedelta(days=rng.randint(30, 900)),
                publisher=f"{PREFIX}Publisher",
            )
            sources.append(src)
            self.resolution_sources.append(
                Resolution.sources.through(resolution=res, sourcedocument=src)
            )
        self.sources.extend(sources)

        operative = self._paragraphs(res, n_actions, sources)
        for j in range(n_actions):
            self._action(res, j + 1, operative, sources, update_counts[j])

    def _paragraphs(self, res, n_actions, sources):
        rng = self.rng
        order = 0
        for k in range(1, rng.randint(2, 8) + 1):
            order += 1
            self.paragraphs.append(self._paragraph(res, f"PP{k}", order, "preambular", sources))
        operative = []
        n_numbers = max(2, round(n_actions / rng.uniform(4, 8)))
        for k in range(1, n_numbers + 1):
            letters = "abcd"[: rng.randint(2, 4)] if rng.random() < 0.15 else [""]
            for letter in letters:
                order += 1
                number = f"{k}({letter})" if letter else str(k)
                p = self._paragraph(res, number, order, "operative", sources)
                self.paragraphs.append(p)
                operative.append(p)
        # About a third of resolutions end with an exhortation that is excluded from the
        # roll-up, and a few other paragraphs are excluded too.
        excluded = [p for p in operative[1:] if rng.random() < 0.03]
        if rng.random() < 0.35:
            excluded.append(operative[-1])
        for p in excluded:
            p.excluded_from_rollup = True
            p.exclusion_reason = f"{PREFIX}Only exhorts Member States."
        return operative

    def _paragraph(self, res, number, order, kind, sources):
        rng = self.rng
        provenance = rng.choices(["paraphrase", "verbatim", "unknown"], [70, 15, 15])[0]
        p = Paragraph(
            resolution=res, number=number, order=order, kind=kind, text_provenance=provenance
        )
        if provenance != "unknown":
            p.text = (
                f"{PREFIX}Text of paragraph {number} of {res.symbol}, invented by the "
                "demo-data generator."
            )
            p.text_source = rng.choice(sources)
            p.text_source_locator = f"p. {rng.randint(1, 40)}"
        if kind == "operative":
            verb = rng.choice([v for v, _ in OperativeVerb.choices])
            p.operative_verb = verb
            if verb == OperativeVerb.OTHER:
                p.operative_verb_other = "takes note"
            p.addressee = rng.choice([a for a, _ in Addressee.choices] + [""])
            if p.addressee == Addressee.OTHER:
                p.addressee_detail = f"{PREFIX}Standing committee"
            p.summary = f"{PREFIX}Operative paragraph {number}"
        return p

    def _action(self, res, j, operative, sources, n_updates):
        rng = self.rng
        mandate = rng.choices([m for m, _ in MANDATE_MIX], [w for _, w in MANDATE_MIX])[0]
        recurring = mandate == MandateType.RECURRING_EVENT
        recurrence = rng.choices(["annual", "biennial"], [70, 30])[0] if recurring else ""
        weight = rng.choices([1, rng.randint(2, 5), rng.randint(6, 20)], [80, 15, 5])[0]
        adopted = res.adopted_on
        due = adopted + timedelta(days=rng.randint(180, 2000)) if rng.random() < 0.55 else None
        action = Action(
            resolution=res,
            key=f"a{j:03d}",
            title=f"{PREFIX}{TITLE_VERBS[mandate]} {res.title[len(PREFIX) :]} — {j}",
            description=f"{PREFIX}Generated mandate {j} of {res.symbol}.",
            mandate_type=mandate,
            recurrence=recurrence,
            due_date=due,
            weight=weight,
            mandate_source=sources[0],
        )
        self.actions.append(action)

        shape = rng.random()
        served = [] if shape < 0.07 else rng.sample(operative, 2 if shape > 0.95 else 1)
        for p in served:
            self.links.append(ActionParagraph(action=action, paragraph=p))
        for actor in rng.sample(self.actors, rng.randint(1, 2)):
            self.responsible.append(Action.responsible_actors.through(action=action, actor=actor))

        occurrences = self._occurrences(action, mandate, recurrence, adopted)
        self._updates(action, mandate, adopted, n_updates, occurrences, sources)

        if mandate == MandateType.ESTABLISH_BODY and rng.random() < 0.3:
            self.figures.append(
                SourcedFigure(
                    action=action,
                    label=f"{PREFIX}Members of the body",
                    value=rng.randint(5, 57),
                    as_of=min(BASE_DATE, adopted + timedelta(days=rng.randint(60, 700))),
                    source=rng.choice(sources),
                )
            )
        if self.p.link_member_states and self.member_states:
            if mandate == MandateType.ESTABLISH_BODY:
                for i, state in enumerate(rng.sample(self.member_states, 4)):
                    self.roles.append(
                        MemberStateRole(
                            member_state=state,
                            action=action,
                            role="co_chair" if i < 2 else "member",
                            as_of=adopted + timedelta(days=90),
                            source=sources[0],
                        )
                    )
            for occurrence in occurrences:
                if rng.random() < 0.3:
                    for state in rng.sample(self.member_states, rng.randint(1, 5)):
                        self.participations.append(
                            Participation(
                                occurrence=occurrence,
                                member_state=state,
                                source=sources[0],
                                role=rng.choice(["host", "speaker", "participant"]),
                            )
                        )

    def _occurrences(self, action, mandate, recurrence, adopted):
        rng = self.rng
        out = []
        if mandate == MandateType.RECURRING_EVENT:
            interval = 365 if recurrence == "annual" else 730
            lapses = rng.random() < 0.25
            last = BASE_DATE - timedelta(days=rng.randint(400, 1500)) if lapses else BASE_DATE
            day = adopted + timedelta(days=rng.randint(60, 300))
            k = 0
            while day <= last:
                k += 1
                out.append(("conference", f"Conference {k}", day))
                day += timedelta(days=interval + rng.randint(-40, 20))
        elif mandate in (MandateType.TRAINING, MandateType.ESTABLISH_BODY):
            kind = "training" if mandate == MandateType.TRAINING else "meeting"
            for k in range(1, rng.randint(0, 4) + 1):
                day = adopted + timedelta(days=rng.randint(30, SPAN_DAYS))
                if day <= BASE_DATE:
                    out.append((kind, f"{kind.capitalize()} {k}", day))
        objs = []
        for k, (kind, title, day) in enumerate(sorted(out, key=lambda o: o[2]), start=1):
            o = Occurrence(
                action=action,
                key=f"occ-{k:03d}",
                kind=kind,
                title=f"{PREFIX}{title} of {action.key}",
                start_date=day,
                end_date=day + timedelta(days=1) if rng.random() < 0.5 else None,
                place=rng.choice(PLACES),
                participants_count=rng.randint(20, 400) if rng.random() < 0.5 else None,
                member_states_count=rng.randint(5, 57) if rng.random() < 0.3 else None,
            )
            objs.append(o)
        self.occurrences.extend(objs)
        return objs

    def _updates(self, action, mandate, adopted, n, occurrences, sources):
        if not n:
            return
        rng = self.rng
        span = (BASE_DATE - adopted).days
        days = sorted(rng.randint(14, span) for _ in range(n))
        recurring = mandate == MandateType.RECURRING_EVENT
        ends_na = rng.random() < 0.02
        progress = 0
        status = Status.NOT_STARTED
        previous = None
        for i, offset in enumerate(days):
            as_of = adopted + timedelta(days=offset)
            correction = previous is not None and rng.random() < 0.03
            if correction:
                as_of = previous[3]
            if ends_na and i == n - 1:
                status = Status.NOT_APPLICABLE
            elif recurring:
                status = rng.choices(
                    [Status.ONGOING, Status.DELAYED, Status.IN_PROGRESS, Status.NOT_STARTED],
                    [60, 25, 10, 5],
                )[0]
            elif status == Status.COMPLETED:
                status = Status.COMPLETED if rng.random() < 0.9 else Status.IN_PROGRESS
            else:
                # Drift forward: not started → in progress (sometimes delayed) → completed.
                step = (i + 1) / n
                status = rng.choices(
                    [Status.NOT_STARTED, Status.IN_PROGRESS, Status.DELAYED, Status.COMPLETED],
                    [max(0.0, 0.5 - step), 0.5, 0.12, 0.4 * step],
                )[0]
            figure = None
            if status in (Status.IN_PROGRESS, Status.DELAYED) and rng.random() < 0.35:
                progress = min(95, progress + rng.randint(5, 30))
                figure = progress
            elif status == Status.COMPLETED and rng.random() < 0.3:
                figure = 100
            elif status == Status.ONGOING and rng.random() < 0.05:
                figure = 100
            recorded = datetime.combine(
                min(BASE_DATE, as_of + timedelta(days=rng.randint(0, 20))),
                datetime.min.time(),
                tzinfo=UTC,
            ) + timedelta(minutes=rng.randint(8 * 60, 18 * 60))
            note = f"{PREFIX}{status.label}"
            if correction:  # recorded after the update it corrects, so it wins the tie
                recorded = previous[6] + timedelta(days=rng.randint(1, 30))
                note += f" (correction of the assessment as of {as_of.isoformat()})"
            # (action, status, progress, as_of, note, author_name, recorded_at, import_key)
            update = (
                action,
                status.value,
                figure,
                as_of,
                note + ", according to the cited report.",
                rng.choice(AUTHORS),
                recorded,
                f"syn-{i + 1:04d}",
            )
            self.updates.append(update)
            self._evidence(len(self.updates) - 1, occurrences, sources, as_of, action)
            previous = update

    def _evidence(self, update, occurrences, sources, as_of, action):
        # (update index, source, occurrence, url, title, locator, quote)
        rng = self.rng
        for k in range(rng.choices([1, 2, 3], [80, 17, 3])[0]):
            kind = rng.choices(["source", "occurrence", "url"], [70, 15, 15])[0]
            past = [o for o in occurrences if o.start_date <= as_of]
            if kind == "occurrence" and past:
                self.evidence.append((update, None, past[-1], "", "", "", ""))
            elif kind == "url":
                url = f"{URL_BASE}/{action.resolution.slug}/{action.key}/{self.updates[-1][7]}"
                self.evidence.append((update, None, None, url, f"{PREFIX}Web page {k + 1}", "", ""))
            else:
                self.evidence.append(
                    (
                        update,
                        rng.choice(sources),
                        None,
                        "",
                        "",
                        f"para. {rng.randint(1, 120)}",
                        f"{PREFIX}Quoted passage {rng.randint(1, 999)}.",
                    )
                )

    # -- writing -------------------------------------------------------------------------------

    def flush(self):
        bs = self.batch_size
        for model, rows in [
            (Resolution, self.resolutions),
            (SourceDocument, self.sources),
            (Resolution.sources.through, self.resolution_sources),
            (Paragraph, self.paragraphs),
            (Action, self.actions),
            (ActionParagraph, self.links),
            (Action.responsible_actors.through, self.responsible),
            (Occurrence, self.occurrences),
            (SourcedFigure, self.figures),
            (MemberStateRole, self.roles),
            (Participation, self.participations),
        ]:
            if rows:
                model.objects.bulk_create(rows, batch_size=bs)
                self.stats.add(model, len(rows))
        # The two tables that hold ~90 % of the rows are written from plain tuples (COPY on
        # PostgreSQL, executemany elsewhere): bulk_create's per-object work (model instances,
        # per-field preparation) tripled the run time at the `un` scale. Values go through
        # Django's own adapters.
        ops = connection.ops
        ids = _reserve_ids(StatusUpdate, len(self.updates))
        columns = [
            "id",
            "action_id",
            "status",
            "progress",
            "as_of",
            "note",
            "author_name",
            "recorded_at",
            "import_key",
        ]
        rows = [
            (
                pk,
                a.pk,
                st,
                pr,
                ops.adapt_datefield_value(d),
                note,
                author,
                ops.adapt_datetimefield_value(rec),
                key,
            )
            for pk, (a, st, pr, d, note, author, rec, key) in zip(ids, self.updates, strict=True)
        ]
        if _has_field(StatusUpdate, "state"):
            # Published (public), as a reviewer would leave them: an hour after recording,
            # every third one verified against its evidence, the others as reported.
            columns += ["state", "published_at", "verification"]
            rows = [
                row
                + (
                    "published",
                    ops.adapt_datetimefield_value(rec + timedelta(hours=1)),
                    "verified" if int(key[4:]) % 3 == 0 else "reported",
                )
                for row, (*_, rec, key) in zip(rows, self.updates, strict=True)
            ]
        _insert(StatusUpdate, columns, rows, bs)
        self.stats.add(StatusUpdate, len(self.updates))
        _insert(
            Evidence,
            ["status_update_id", "source_id", "occurrence_id", "url", "title", "locator", "quote"],
            [
                (ids[u], src.pk if src else None, occ.pk if occ else None, url, title, loc, quote)
                for u, src, occ, url, title, loc, quote in self.evidence
            ],
            bs,
        )
        self.stats.add(Evidence, len(self.evidence))
        self.reset()


def _has_field(model, name):
    return any(f.name == name for f in model._meta.concrete_fields)


def _reserve_ids(model, n):
    """n fresh primary keys for `model`, taken from its sequence (PostgreSQL) or above the
    current maximum (SQLite, where this transaction already holds the write lock)."""
    if not n:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, n],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")
        start = cursor.fetchone()[0] + 1
        return list(range(start, start + n))


def _insert(model, columns, rows, batch_size):
    """INSERT rows (tuples in `columns` order): COPY on PostgreSQL, executemany elsewhere.
    Columns not given get the field's default, prepared by the field, so a field added later
    does not break this; the primary key, when not given, comes from the database."""
    if not rows:
        return
    given = set(columns)
    extra = [f for f in model._meta.concrete_fields if f.column not in given and not f.primary_key]
    extra_values = tuple(f.get_db_prep_save(f.get_default(), connection) for f in extra)
    qn = connection.ops.quote_name
    names = [*columns, *(f.column for f in extra)]
    sql = (
        f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(qn(c) for c in names)}) "
        f"VALUES ({', '.join(['%s'] * len(names))})"
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # COPY: several times faster than INSERTs
            columns_sql = ", ".join(qn(c) for c in names)
            with cursor.cursor.copy(
                f"COPY {qn(model._meta.db_table)} ({columns_sql}) FROM STDIN"
            ) as copy:
                for row in rows:
                    copy.write_row(row + extra_values)
            return
        for i in range(0, len(rows), batch_size):
            cursor.executemany(sql, [row + extra_values for row in rows[i : i + batch_size]])


def _actors():
    actors = []
    for name, kind in ACTORS:
        actor, _ = Actor.objects.get_or_create(name=PREFIX + name, defaults={"kind": kind})
        actors.append(actor)
    return actors


def generate(params: Params, *, batch_resolutions=20, batch_size=2000, progress=None) -> Stats:
    """Generate synthetic data. Refuses if synthetic resolutions already exist (delete first)."""
    p = params
    if min(p.resolutions, p.actions_per_resolution) < 1 or p.updates_per_action < 0:
        raise GeneratorError("Need at least one resolution and one action per resolution.")
    if p.resolutions > 9999:
        raise GeneratorError("At most 9999 synthetic resolutions (symbols are SYN-0001…9999).")
    stats = Stats()
    started = time.monotonic()
    rng = random.Random(p.seed)
    n_actions = p.resolutions * p.actions_per_resolution
    per_resolution = split_total(
        n_actions, p.resolutions, [rng.uniform(0.4, 1.6) for _ in range(p.resolutions)]
    )
    per_resolution = [max(1, c) for c in per_resolution]
    n_actions = sum(per_resolution)
    per_action = split_total(
        p.resolutions * p.actions_per_resolution * p.updates_per_action,
        n_actions,
        [rng.expovariate(1.0) for _ in range(n_actions)],
    )

    with transaction.atomic():
        if Resolution.objects.filter(is_synthetic=True).exists():
            raise GeneratorError(
                "Synthetic resolutions already exist; run with --replace to regenerate them."
            )
        taken = Resolution.objects.filter(symbol__startswith="SYN-").exists()
        if taken:
            raise GeneratorError("A non-synthetic resolution uses a SYN- symbol; refusing.")
        actors = _actors()
        states = list(MemberState.objects.order_by("iso3")) if p.link_member_states else []
        builder = _Builder(p, rng, actors, states, stats, batch_size)
        offset = 0
        for i, count in enumerate(per_resolution):
            builder.resolution(i + 1, count, per_action[offset : offset + count])
            offset += count
            if (i + 1) % batch_resolutions == 0:
                builder.flush()
                if progress:
                    progress(i + 1, p.resolutions, time.monotonic() - started)
        builder.flush()
        # Written without signals: derive the stored current state in the same transaction.
        projection.rebuild()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (StatusUpdate, Evidence, Action, ActionParagraph, Occurrence, Paragraph):
                cursor.execute(f"ANALYZE {model._meta.db_table}")
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    stats.seconds = time.monotonic() - started
    return stats


# --------------------------------------------------------------------------------------------
# Fingerprint


def fingerprint() -> str:
    """A hash of the synthetic data's content, by natural keys (not primary keys)."""
    h = hashlib.sha256()
    syn = {"is_synthetic": True}

    def feed(qs, *fields, order=None):
        rows = qs.values_list(*fields)
        for row in sorted(rows, key=repr) if order is None else rows.order_by(*order):
            h.update(repr(row).encode())
        h.update(b"|")

    feed(
        Resolution.objects.filter(**syn),
        "symbol",
        "slug",
        "title",
        "adopting_body",
        "session",
        "place",
        "adopted_on",
        "adopted_until",
        "summary",
        order=["symbol"],
    )
    feed(
        SourceDocument.objects.filter(key__startswith=SOURCE_KEY_PREFIX),
        "key",
        "title",
        "kind",
        "url",
        "date",
        order=["key"],
    )
    r = "resolution__symbol"
    feed(
        Paragraph.objects.filter(resolution__is_synthetic=True),
        r,
        "order",
        "number",
        "kind",
        "operative_verb",
        "addressee",
        "text",
        "text_provenance",
        "text_source__key",
        "excluded_from_rollup",
        order=[r, "order"],
    )
    feed(
        Action.objects.filter(resolution__is_synthetic=True),
        r,
        "key",
        "title",
        "mandate_type",
        "recurrence",
        "due_date",
        "weight",
        "mandate_source__key",
        order=[r, "key"],
    )
    a = "action__resolution__symbol"
    feed(
        ActionParagraph.objects.filter(action__resolution__is_synthetic=True),
        a,
        "action__key",
        "paragraph__number",
    )
    feed(
        Action.responsible_actors.through.objects.filter(action__resolution__is_synthetic=True),
        a,
        "action__key",
        "actor__name",
    )
    feed(
        Occurrence.objects.filter(action__resolution__is_synthetic=True),
        a,
        "action__key",
        "key",
        "kind",
        "title",
        "start_date",
        "end_date",
        "participants_count",
        "member_states_count",
        order=[a, "action__key", "key"],
    )
    feed(
        StatusUpdate.objects.filter(action__resolution__is_synthetic=True),
        a,
        "action__key",
        "import_key",
        "status",
        "progress",
        "as_of",
        "note",
        "author_name",
        "recorded_at",
        order=[a, "action__key", "import_key"],
    )
    s = "status_update__"
    feed(
        Evidence.objects.filter(status_update__action__resolution__is_synthetic=True),
        s + a,
        s + "action__key",
        s + "import_key",
        "source__key",
        "occurrence__key",
        "url",
        "title",
        "locator",
        "quote",
    )
    feed(
        SourcedFigure.objects.filter(action__resolution__is_synthetic=True),
        a,
        "action__key",
        "label",
        "value",
        "as_of",
    )
    feed(
        MemberStateRole.objects.filter(action__resolution__is_synthetic=True),
        a,
        "action__key",
        "member_state__iso3",
        "role",
    )
    feed(
        Participation.objects.filter(occurrence__action__resolution__is_synthetic=True),
        "occurrence__" + a,
        "occurrence__action__key",
        "occurrence__key",
        "member_state__iso3",
        "role",
    )
    return h.hexdigest()
