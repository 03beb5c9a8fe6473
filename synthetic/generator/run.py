"""generate(): the whole run, in one transaction, then the stored roll-up and the planner's
statistics."""

import random
import time

from django.db import connection, transaction

from resolutions.models import (
    Action,
    ActionParagraph,
    Actor,
    Evidence,
    MemberState,
    Occurrence,
    Paragraph,
    Resolution,
    StatusUpdate,
)
from resolutions.rollup import projection

from .builder import _Builder
from .params import GeneratorError, Params, Stats, split_total
from .vocabulary import (
    ACTORS,
    PREFIX,
)


def _actors():
    actors = []
    for name, kind in ACTORS:
        actor, _ = Actor.objects.get_or_create(name=PREFIX + name, defaults={"kind_id": kind})
        actors.append(actor)
    return actors


def _analyze() -> None:
    """Fresh planner statistics for the tables the generator fills."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            tables = (StatusUpdate, Evidence, Action, ActionParagraph, Occurrence, Paragraph)
            for model in (*tables, Resolution):
                cursor.execute(f"ANALYZE {model._meta.db_table}")
        elif connection.vendor == "sqlite":
            cursor.execute("ANALYZE")


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
        # The planner's statistics first (ANALYZE sees this transaction's rows): the rebuild
        # below queries what was just written, and without statistics PostgreSQL finds each
        # action's latest update by ANDing a bitmap of every row with `superseded_by_id IS NULL`
        # (it assumes that is rare), one whole-table bitmap per candidate row: 13-17 s per 500
        # actions at 40,000 updates instead of <1 s (auto_explain, docs/benchmarks.md).
        _analyze()
        # Written without signals: derive the stored current state in the same transaction.
        projection.rebuild()
    _analyze()
    stats.seconds = time.monotonic() - started
    return stats
