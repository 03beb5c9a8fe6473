"""The stored projection of current state (#11): each action's status, credit, last update, last
review and next due date for today, in one row (models.ActionState).

- Written in the same transaction as every change that can move it: resolutions/signals.py calls
  refresh_actions() from post_save/post_delete of status updates, reviews, occurrences, actions,
  paragraph links, paragraphs and resolutions, so the services, the admin and the loader all keep
  it; bulk writers (the synthetic generator, restore_data) call rebuild().
- Time moves it too (an interval or the staleness period runs out, a due date passes): each row
  records the first day it can change with no new record (next_change_on), and the first read of
  a new day re-derives the rows that are due (ensure_current).
- Pages about today read it (annotate_status); any other date is computed from the history
  (rules.annotate_history). `manage.py rebuild_rollup` recomputes every row from the history.
  tests/test_rollup_property.py checks projection, history and a plain-Python reference agree.

settings.ROLLUP_PROJECTION = False turns the reading off (everything from the history).
"""

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import connections, router, transaction
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from ..models.action_state import ActionState
from ..models.actions import RECURRENCE_WINDOW_DAYS, Action, Occurrence
from . import steps
from .rules import _QS, KNOWN_AFTER_DAYS, STALE_AFTER_DAYS, annotate_history
from .sql import as_day, fill, template
from .steps import _padded

# The roll-up's columns, as rules.status_annotations names them, kept in the projection.
STORED = (
    "current_status",
    "credit",
    "latest_status",
    "latest_progress",
    "latest_as_of",
    "last_reviewed_on",
    "last_looked_on",
    "last_occurrence_on",
    "last_occurrence_precision",
    "has_paragraph",
    "has_scored_paragraph",
    "is_scored",
    "is_assessed",
    "is_unfigured",
    "is_before_adoption",
    "is_overdue",
    "is_stale",
)
CHUNK = 500
STEPS_CHUNK = 10_000

# {database alias: the day ensure_current last brought the projection up to}.
_CURRENT_ON: dict[str, date] = {}


def enabled() -> bool:
    return getattr(settings, "ROLLUP_PROJECTION", True)


def reads_projection(as_of: date) -> bool:
    """True when a roll-up on `as_of` is read from the projection: today's."""
    return enabled() and as_of == timezone.localdate()


# --- Reading ---------------------------------------------------------------------------------


def annotate_status(queryset: _QS, as_of: date, *, outer: str = "pk", prefix: str = "") -> _QS:
    """Each action row's status, credit and flags on `as_of` (the names of
    rules.status_annotations): from the projection for today, else from the history."""
    if not reads_projection(as_of):
        return annotate_history(queryset, as_of, outer=outer, prefix=prefix)
    ensure_current(as_of, using=queryset.db)
    state = prefix + "state__"
    columns = {name: F(state + name) for name in STORED}
    return queryset.annotate(
        **columns,
        latest_update_id=F(state + "latest_update_id"),
        latest_note=F(state + "latest_update__note"),
        latest_verification=F(state + "latest_update__verification"),
        adopted_on=F(prefix + "resolution__adopted_on"),
    )


# --- Writing ---------------------------------------------------------------------------------


def _pending_occurrence(today: date) -> Subquery:
    """The earliest start of an occurrence that is not yet counted on `today` only because it
    is not yet certainly past (see KNOWN_AFTER_DAYS): the day it may start to count."""
    pending = Q()
    for precision, days in KNOWN_AFTER_DAYS.items():
        pending |= Q(date_precision=precision, start_date__gt=today - timedelta(days=days))
    return Subquery(
        Occurrence.objects.filter(action=OuterRef("pk"))
        .filter(pending)
        .order_by("start_date")
        .values("start_date")[:1]
    )


def _pending_record(today: date) -> tuple[Subquery, Subquery]:
    """The earliest published status update or review dated after `today` (the services refuse
    future dates, but a state computed for a past day, or a clock moved back, meets them)."""
    from ..models.reviews import ActionReview
    from ..models.status_updates import StatusUpdate

    update = (
        StatusUpdate.objects.public()
        .filter(action=OuterRef("pk"), as_of__gt=today)
        .order_by("as_of")
        .values("as_of")[:1]
    )
    review = (
        ActionReview.objects.public()
        .filter(action=OuterRef("pk"), reviewed_on__gt=today)
        .order_by("reviewed_on")
        .values("reviewed_on")[:1]
    )
    return Subquery(update), Subquery(review)


def next_change(row: dict[str, Any], today: date) -> date | None:
    """The first day after `today` on which this action's derived state can change with no new
    record, or None. Conservative: an early day costs a re-derivation, a late one a wrong page."""
    days = []
    adopted, due, looked = row["adopted_on"], row["due_date"], row["last_looked_on"]
    if adopted:
        days.append(adopted)  # scored from adoption on
    if due:
        days.append(due + timedelta(days=1))  # overdue from the day after
    if looked:
        days.append(looked + timedelta(days=STALE_AFTER_DAYS + 1))  # stale from then
    window = RECURRENCE_WINDOW_DAYS.get(row["recurrence"])
    if window:
        base = row["last_occurrence_on"] or adopted
        if base:
            days.append(base + timedelta(days=window))  # on track / not yet due until then
    if row["pending_on"]:
        days.append(max(row["pending_on"], today + timedelta(days=1)))
    days.extend(row[name] for name in ("pending_update_on", "pending_review_on") if row[name])
    later = [day for day in days if day > today]
    return min(later, default=None)


# What _rows reads for each action: the stored columns and what next_change needs.
_ROW_FIELDS = (
    "pk",
    "latest_update_id",
    "adopted_on",
    "due_date",
    "recurrence",
    "pending_on",
    "pending_update_on",
    "pending_review_on",
    *STORED,
)
# The date columns among them (SQLite returns dates as ISO strings from a raw cursor).
_DATE_FIELDS = frozenset(
    {
        "adopted_on",
        "due_date",
        "pending_on",
        "pending_update_on",
        "pending_review_on",
        "latest_as_of",
        "last_reviewed_on",
        "last_looked_on",
        "last_occurrence_on",
    }
)


def _row_query(
    action_ids: Iterable[int], today: date, using: str
) -> QuerySet[Action, dict[str, Any]]:
    pending_update, pending_review = _pending_record(today)
    return (
        annotate_history(Action.objects.using(using).filter(pk__in=action_ids), today)
        .annotate(
            pending_on=_pending_occurrence(today),
            pending_update_on=pending_update,
            pending_review_on=pending_review,
        )
        .order_by()
        .values(*_ROW_FIELDS)
    )


def _row_values(action_ids: list[int], today: date, using: str) -> list[dict[str, Any]]:
    """_row_query's rows, through a compiled template (sql.template): every write re-derives its
    action, and compiling the status expressions took most of a publish's time; the SQL depends
    on `today` only through parameters, and on the ids only through their number (padded to a
    power of two, so a few templates serve every size)."""
    ids = _padded(action_ids)
    vendor = connections[using].vendor
    compiled = template(
        ("projection", len(ids), using, vendor),
        len(ids),
        lambda sentinels, day: _row_query(sentinels, day, using).query.sql_with_params(),
    )
    if compiled is None:  # pragma: no cover (the query always carries its date)
        return list(_row_query(action_ids, today, using))
    with connections[using].cursor() as cursor:
        cursor.execute(compiled[0], fill(compiled[1], ids, today))
        names = ["pk" if c[0] == "id" else c[0] for c in cursor.description]
        fetched = cursor.fetchall()
    if sorted(names) != sorted(_ROW_FIELDS):  # pragma: no cover (a column renamed)
        raise RuntimeError(f"Unexpected projection columns: {names}")
    rows = []
    for values in fetched:
        row = dict(zip(names, values, strict=True))
        for name in _DATE_FIELDS:
            if isinstance(row[name], str):
                row[name] = as_day(row[name])
        rows.append(row)
    return rows


def _rows(action_ids: list[int], today: date, using: str) -> list[ActionState]:
    rows = _row_values(action_ids, today, using)
    states = []
    for row in rows:
        # SQLite gives the flags as 0/1.
        values = {k: bool(row[k]) if k.startswith(("is_", "has_")) else row[k] for k in STORED}
        states.append(
            ActionState(
                action_id=row["pk"],
                computed_for=today,
                next_change_on=next_change(row, today),
                latest_update_id=row["latest_update_id"],
                computed_at=timezone.now(),
                **values,
            )
        )
    return states


def refresh_actions(
    action_ids: Iterable[int | None],
    *,
    today: date | None = None,
    using: str | None = None,
    with_steps: bool = True,
) -> int:
    """Re-derive the stored state of these actions, and their progress-chart steps (steps.py),
    from the history (in the caller's transaction). Returns the number of rows written.
    `with_steps=False` when only the passing of time moved them: steps do not depend on today."""
    ids = sorted({i for i in action_ids if i is not None})
    if not ids:
        return 0
    using = using or router.db_for_write(ActionState)
    pending = getattr(_deferral, "pending", None)
    if pending is not None and today is None and with_steps:
        pending.setdefault(using, set()).update(ids)  # re-derived at the end of deferred()
        return 0
    today = today or timezone.localdate()
    written = 0
    with transaction.atomic(using=using):
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            states = _rows(chunk, today, using)
            ActionState.objects.using(using).bulk_create(
                states,
                update_conflicts=True,
                unique_fields=["action"],
                update_fields=[
                    "computed_for",
                    "next_change_on",
                    "computed_at",
                    "latest_update",
                    *STORED,
                ],
            )
            # The progress chart's steps of the same actions, in the same transaction.
            if with_steps:
                steps.write(chunk, using=using, today=today)
            written += len(states)
    return written


# --- One re-derivation for many writes ---------------------------------------------------------
# {alias: action ids} noted by refresh_actions inside deferred(), per thread.
_deferral = threading.local()


@contextmanager
def deferred() -> Iterator[None]:
    """Many writes, one re-derivation: inside this block the writes' refresh_actions (called by
    the signals on every save of an update, occurrence, review, link, ...) only note their
    actions; at the end of the outermost block each noted action's state and steps are re-derived
    once, in the caller's transaction (call it inside that transaction). refresh_actions derives
    an action from its whole history, so this stores exactly what the last of the per-write calls
    would have; loading the seed data made ~450 such calls, most of its time. Calls for another
    day or without steps (ensure_current, rebuild) still run at once. Nothing inside the block
    may read the projection of the actions it writes (the loader does not). On an exception
    nothing is re-derived: the caller's transaction is rolled back."""
    if getattr(_deferral, "pending", None) is not None:  # an outer block re-derives
        yield
        return
    pending: dict[str, set[int]] = {}
    _deferral.pending = pending
    try:
        yield
    finally:
        _deferral.pending = None
    for using, ids in pending.items():
        refresh_actions(ids, using=using)


def refresh_for(
    *, resolution_id: int | None = None, paragraph_id: int | None = None, using: str | None = None
) -> int:
    """Re-derive every action of a resolution (its adoption date changed) or of a paragraph
    (its exclusion from the roll-up changed)."""
    actions = Action.objects.using(using or "default")
    if resolution_id is not None:
        actions = actions.filter(resolution_id=resolution_id)
    elif paragraph_id is not None:
        actions = actions.filter(paragraphs=paragraph_id)
    else:
        return 0
    return refresh_actions(list(actions.values_list("pk", flat=True)), using=using)


def due_ids(today: date, using: str = "default") -> list[int]:
    """Actions whose stored state is missing, or describes another day and may have changed
    since (its next_change_on has come)."""
    return list(
        Action.objects.using(using)
        .filter(
            Q(state__isnull=True)
            | Q(state__computed_for__gt=today)
            | Q(state__computed_for__lt=today, state__next_change_on__lte=today)
        )
        .values_list("pk", flat=True)
    )


def ensure_current(today: date, *, using: str = "default") -> int:
    """Bring the projection up to `today`: once per day per process (every write keeps it
    current in between). Returns the number of rows re-derived."""
    if _CURRENT_ON.get(using) == today:
        return 0
    written = refresh_actions(due_ids(today, using), today=today, using=using, with_steps=False)
    if written:
        from . import invalidate_cache

        invalidate_cache(using)
    _CURRENT_ON[using] = today
    return written


def rebuild(*, today: date | None = None, using: str = "default") -> int:
    """Recompute the whole projection from the history (manage.py rebuild_rollup)."""
    today = today or timezone.localdate()
    with transaction.atomic(using=using):
        ActionState.objects.using(using).exclude(
            action__in=Action.objects.using(using).values("pk")
        ).delete()
        ids = list(Action.objects.using(using).values_list("pk", flat=True))
        written = refresh_actions(ids, today=today, using=using, with_steps=False)
        # Steps in large groups: the actions that change on the same day share one evaluation.
        for start in range(0, len(ids), STEPS_CHUNK):
            steps.write(ids[start : start + STEPS_CHUNK], using=using, today=today)
    _CURRENT_ON[using] = today
    return written
