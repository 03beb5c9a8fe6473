"""fingerprint(): a hash of the generated data's content, to check determinism."""

import hashlib

from resolutions.models import (
    Action,
    ActionParagraph,
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
    SOURCE_KEY_PREFIX,
)


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
