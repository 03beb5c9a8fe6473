"""The one read of the database behind every per-resolution export.

``snapshot(resolution, as_of)`` reads everything the exports need about one resolution as it stood
on ``as_of``, in a fixed number of queries whatever the size of the resolution:

- the resolution's paragraphs, its actions with their status and its roll-ups come from
  ``resolutions.selectors.resolution_state``, the reader the resolution page uses too (#16);
  statuses, credits and flags are the roll-up's, never recomputed here;
- status updates come only through ``StatusUpdate.objects.public()``, the single publication gate.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q

from resolutions.models import (
    Evidence,
    MemberStateRole,
    Occurrence,
    Participation,
    Resolution,
    SourcedFigure,
    StatusUpdate,
    TextTranslation,
)
from resolutions.rollup import Rollup
from resolutions.selectors import resolution_state


@dataclass
class Snapshot:
    resolution: Resolution
    as_of: date
    sources: list
    paragraphs: list
    actions: list  # annotated by the roll-up (latest_update_id among them)
    updates: list  # public updates on or before as_of, oldest first, evidence prefetched
    occurrences: list
    figures: list
    roles: list
    translations: dict  # {(model name, object id): [TextTranslation, …]}
    rollup: Rollup
    paragraph_rollups: dict


def snapshot(resolution: Resolution, as_of: date) -> Snapshot:
    # The resolution's state (paragraphs, actions with status, roll-ups) is read by the same
    # selector as the resolution page (resolutions/selectors.py): one reader, one answer.
    state = resolution_state(resolution, as_of, with_sources=True)
    paragraphs, actions = state.paragraphs, state.actions
    # Oldest first: reloading the JSON export recreates updates in this order, so ties between
    # updates with the same as-of date are broken the same way ("a later correction wins").
    updates = list(
        StatusUpdate.objects.public()
        .on_or_before(as_of)
        .filter(action__resolution=resolution)
        .select_related("published_by", "verified_by")
        .prefetch_related(
            Prefetch("evidence", Evidence.objects.select_related("source", "occurrence"))
        )
        .order_by("action_id", "as_of", "recorded_at", "id")
    )
    # Occurrences up to as_of, plus any that an included update cites (so the JSON export still
    # loads); a later occurrence cannot change a status on as_of, the roll-up ignores it.
    cited = {e.occurrence_id for u in updates for e in u.evidence.all() if e.occurrence_id}
    occurrences = list(
        Occurrence.objects.filter(action__resolution=resolution)
        .filter(Q(start_date__lte=as_of) | Q(pk__in=cited))
        .prefetch_related(
            "sources",
            Prefetch(
                "participations",
                Participation.objects.select_related("member_state__source", "source"),
            ),
        )
        .order_by("action_id", "start_date", "id")
    )
    figures = list(
        SourcedFigure.objects.filter(action__resolution=resolution, as_of__lte=as_of)
        .select_related("source")
        .order_by("action_id", "as_of", "id")
    )
    roles = list(
        MemberStateRole.objects.filter(action__resolution=resolution)
        .filter(Q(as_of__isnull=True) | Q(as_of__lte=as_of))
        .select_related("member_state__source", "source")
        .order_by("action_id", "role", "member_state__iso3")
    )
    translations = _translations(
        resolution,
        paragraphs,
        actions,
        occurrences,
        # The records hanging from them (#13): notes, evidence, names, figures, roles, body.
        more={
            "statusupdate": [u.pk for u in updates],
            "evidence": [e.pk for u in updates for e in u.evidence.all()],
            "actor": sorted({x.pk for a in actions for x in a.responsible_actors.all()}),
            "participation": [p.pk for o in occurrences for p in o.participations.all()],
            "sourcedfigure": [f.pk for f in figures],
            "memberstaterole": [r.pk for r in roles],
            "body": [resolution.body_id] if resolution.body_id else [],
        },
    )
    _attach_translations(
        translations,
        [resolution],
        paragraphs,
        actions,
        occurrences,
        # Status notes, evidence quotes and locators, organisations' names, participation
        # notes, figures and roles: read in the report's language without a query each.
        updates,
        [e for u in updates for e in u.evidence.all()],
        [e.occurrence for u in updates for e in u.evidence.all() if e.occurrence_id],
        [x for a in actions for x in a.responsible_actors.all()],
        [p for o in occurrences for p in o.participations.all()],
        figures,
        roles,
    )
    return Snapshot(
        translations=translations,
        resolution=resolution,
        as_of=as_of,
        sources=list(resolution.sources.all()),
        paragraphs=paragraphs,
        actions=actions,
        updates=updates,
        occurrences=occurrences,
        figures=figures,
        roles=roles,
        rollup=state.rollup,
        paragraph_rollups=state.paragraph_rollups,
    )


def _translations(resolution, paragraphs, actions, occurrences, more=None) -> dict:
    """Every translation of the resolution's records, in one query. Content types are matched
    by name in the same query (no ContentType lookups, whose cache would make the query count
    depend on what ran before)."""
    owners = {
        "resolution": [resolution.pk],
        "paragraph": [p.pk for p in paragraphs],
        "action": [a.pk for a in actions],
        "occurrence": [o.pk for o in occurrences],
        **(more or {}),
    }
    condition = Q()
    for model, ids in owners.items():
        condition |= Q(content_type__model=model, object_id__in=ids)
    found: dict[tuple, list] = {}
    for t in (
        TextTranslation.objects.filter(condition, content_type__app_label="resolutions")
        .select_related("content_type", "source")
        .order_by("object_id", "language", "field")
    ):
        found.setdefault((t.content_type.model, t.object_id), []).append(t)
    return found


def _attach_translations(found: dict, *groups) -> None:
    """Hand each record its translations, as ``resolutions.translations.prefetch_translations``
    leaves them, so that ``translated()`` reads them without a query: the snapshot already read
    every language (the JSON export needs them all), a second query would only repeat it."""
    for group in groups:
        for record in group:
            cached = TextTranslation.objects.all()
            cached._result_cache = found.get((record._meta.model_name, record.pk), [])
            cached._prefetch_done = True
            record.__dict__.setdefault("_prefetched_objects_cache", {})["translations"] = cached
