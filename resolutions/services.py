"""Writes that touch several models. Each is a keyword-only function under one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Evidence, StatusUpdate


@transaction.atomic
def status_update_create(
    *,
    action,
    status,
    as_of,
    note,
    author,
    evidence,
    progress=None,
    author_name="",
    import_key="",
):
    """Record an assessment of `action`, with at least one piece of evidence.

    `evidence` is a list of dicts with any of: source, occurrence, url, title, locator, quote.
    Nothing is written unless the update and every piece of evidence are valid.
    """
    if not evidence:
        raise ValidationError({"evidence": "A status update needs at least one piece of evidence."})
    if not author_name:
        author_name = (author.get_full_name() or author.get_username()) if author else ""
    update = StatusUpdate(
        action=action,
        status=status,
        progress=progress,
        as_of=as_of,
        note=note,
        author=author,
        author_name=author_name,
        import_key=import_key,
    )
    update.full_clean()
    update.save()
    for item in evidence:
        piece = Evidence(status_update=update, **item)
        piece.full_clean()
        piece.save()
    return update
