"""Writing a built batch in dependency order: bulk_create for most tables, COPY (PostgreSQL) or
executemany for status updates and evidence, with primary keys reserved up front."""

from datetime import timedelta

from django.db import connection

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


class _Writer:
    """The writing half of _Builder (builder.py): its lists of rows, flushed to the database."""

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
