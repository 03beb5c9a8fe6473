"""Keeps the roll-up cache honest: every write that can move a roll-up invalidates it.

Connected in ResolutionsConfig.ready(). What can move a number: a status update (created; a
future publication step saves it again), its evidence, an occurrence (recurring mandates), an
action (weight, due date, mandate type, paragraphs), a paragraph (exclusion), a resolution, and
the action–paragraph links (saved directly or through action.paragraphs.add/remove/clear).

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
    Evidence,
    Occurrence,
    Paragraph,
    Resolution,
    StatusUpdate,
)
from .rollup import invalidate_cache

SAVED = (Resolution, Paragraph, Action, ActionParagraph, Occurrence, StatusUpdate, Evidence)
DELETED = (Resolution, Paragraph, Action, ActionParagraph, Occurrence)


def rollup_input_changed(sender, using=None, **kwargs):
    invalidate_cache(using)


def action_paragraphs_changed(sender, action, using=None, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        invalidate_cache(using)


def prepare_cache(sender, using, **kwargs):
    """After migrate (and flush): make sure the database cache table exists, so that a deploy
    that only runs `migrate` works, and start a new data version."""
    call_command("createcachetable", database=using, verbosity=0)
    invalidate_cache(using)


def connect(app_config):
    for model in SAVED:
        post_save.connect(rollup_input_changed, sender=model,
                          dispatch_uid=f"rollup-cache-save-{model.__name__}")
    for model in DELETED:
        post_delete.connect(rollup_input_changed, sender=model,
                            dispatch_uid=f"rollup-cache-delete-{model.__name__}")
    m2m_changed.connect(action_paragraphs_changed, sender=Action.paragraphs.through,
                        dispatch_uid="rollup-cache-action-paragraphs")
    post_migrate.connect(prepare_cache, sender=app_config, dispatch_uid="rollup-cache-migrate")
