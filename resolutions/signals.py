"""Keeps the caches honest: every write to the domain invalidates them.

Connected in ResolutionsConfig.ready(). The roll-up cache needs only what can move a number (a
status update, its evidence, an occurrence, an action, a paragraph, a resolution, the
action–paragraph links); the page cache (resolutions/page_cache.py) shares its data version and
shows everything else too (texts and their translations, sources, actors, Member States and their
roles, figures), so every model of the public record invalidates, and so does a change to its
many-to-many relations (action.paragraphs.add(), resolution.sources.set(), …).

post_delete is not connected for StatusUpdate and Evidence: they cannot be deleted on their own
(append-only), only by a cascade from an action or resolution, whose own post_delete fires; a
receiver on them would also stop Django from deleting those large tables in one statement.

Writes that bypass signals (bulk_create, QuerySet.update, raw SQL, the synthetic-data generator)
must call resolutions.rollup.invalidate_cache() themselves; cached entries also expire after
ROLLUP_CACHE_TIMEOUT seconds as a backstop.
"""

from django.core.management import call_command
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from .models import (
    Action,
    ActionParagraph,
    ActionReview,
    Actor,
    Evidence,
    MemberState,
    MemberStateRole,
    Occurrence,
    Paragraph,
    Participation,
    Resolution,
    ReviewEvidence,
    SourcedFigure,
    SourceDocument,
    StatusUpdate,
    TextTranslation,
)
from .rollup import invalidate_cache, projection

PUBLIC_RECORD = (
    Resolution,
    Paragraph,
    Action,
    ActionParagraph,
    Occurrence,
    Actor,
    SourceDocument,
    SourcedFigure,
    MemberState,
    MemberStateRole,
    Participation,
    TextTranslation,
)
SAVED = (*PUBLIC_RECORD, StatusUpdate, Evidence, ActionReview, ReviewEvidence)
DELETED = PUBLIC_RECORD
# Not every many-to-many relation: the auth tables' change during migrate, before the cache
# table exists.
MANY_TO_MANY = (
    Action.paragraphs,
    Action.responsible_actors,
    Action.description_sources,
    Resolution.sources,
    Occurrence.sources,
)


def rollup_input_changed(sender, using=None, **kwargs):
    invalidate_cache(using)


def many_to_many_changed(sender, action, using=None, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        invalidate_cache(using)


# --- The stored projection of current state (resolutions/rollup/projection.py) ---------------
# Re-derived in the transaction of the write itself (post_save runs inside it), whichever code
# writes: the services, the admin, the loader.


def action_fact_saved(sender, instance, using=None, raw=False, **kwargs):
    if not raw:
        projection.refresh_actions([instance.action_id], using=using)


def action_fact_deleted(sender, instance, using=None, origin=None, **kwargs):
    # Not in a cascade from its action or resolution: the action is going too, and re-deriving
    # it would write a row for an action being deleted. (From a paragraph it stays: re-derive.)
    origin_model = (
        origin._meta.model if hasattr(origin, "_meta") else getattr(origin, "model", None)
    )
    if origin_model not in (Action, Resolution):
        projection.refresh_actions([instance.action_id], using=using)


def action_saved(sender, instance, using=None, raw=False, **kwargs):
    if not raw:
        projection.refresh_actions([instance.pk], using=using)


def paragraph_saved(sender, instance, using=None, raw=False, **kwargs):
    if not raw and not kwargs.get("created"):
        projection.refresh_for(paragraph_id=instance.pk, using=using)


def resolution_saved(sender, instance, using=None, raw=False, **kwargs):
    if not raw and not kwargs.get("created"):
        projection.refresh_for(resolution_id=instance.pk, using=using)


def action_links_changed(sender, instance, action, reverse, pk_set, using=None, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        projection.refresh_actions([instance.pk], using=using)
    elif pk_set:
        projection.refresh_actions(pk_set, using=using)
    else:  # paragraph.actions.clear(): its former actions are not known here
        projection.rebuild(using=using or "default")


def connect_projection():
    for model in (StatusUpdate, ActionReview, Occurrence, ActionParagraph):
        post_save.connect(
            action_fact_saved, sender=model, dispatch_uid=f"rollup-state-save-{model.__name__}"
        )
    for model in (Occurrence, ActionParagraph):
        post_delete.connect(
            action_fact_deleted, sender=model, dispatch_uid=f"rollup-state-delete-{model.__name__}"
        )
    post_save.connect(action_saved, sender=Action, dispatch_uid="rollup-state-action")
    post_save.connect(paragraph_saved, sender=Paragraph, dispatch_uid="rollup-state-paragraph")
    post_save.connect(resolution_saved, sender=Resolution, dispatch_uid="rollup-state-resolution")
    m2m_changed.connect(
        action_links_changed,
        sender=Action.paragraphs.through,
        dispatch_uid="rollup-state-links",
    )


def prepare_cache(sender, using, **kwargs):
    """After migrate (and flush): make sure the database cache table exists, so that a deploy
    that only runs `migrate` works, and start a new data version."""
    call_command("createcachetable", database=using, verbosity=0)
    invalidate_cache(using)


def connect(app_config):
    for model in SAVED:
        post_save.connect(
            rollup_input_changed, sender=model, dispatch_uid=f"rollup-cache-save-{model.__name__}"
        )
    for model in DELETED:
        post_delete.connect(
            rollup_input_changed, sender=model, dispatch_uid=f"rollup-cache-delete-{model.__name__}"
        )
    for relation in MANY_TO_MANY:
        m2m_changed.connect(
            many_to_many_changed,
            sender=relation.through,
            dispatch_uid=f"rollup-cache-m2m-{relation.through.__name__}",
        )
    post_migrate.connect(prepare_cache, sender=app_config, dispatch_uid="rollup-cache-migrate")
    connect_projection()
