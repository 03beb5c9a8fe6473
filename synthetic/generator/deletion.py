"""Deleting generated data (and only generated data)."""

from django.db import transaction

from resolutions.models import (
    Action,
    ActionParagraph,
    ActionState,
    ActionStep,
    Actor,
    Evidence,
    MemberStateRole,
    Occurrence,
    Paragraph,
    Participation,
    Resolution,
    SourcedFigure,
    SourceDocument,
    StatusUpdate,
)

from .vocabulary import (
    PREFIX,
    SOURCE_KEY_PREFIX,
)


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
                ActionStep.objects.filter(action__resolution_id__in=ids),  # derived
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
