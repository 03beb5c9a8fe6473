"""The computed state carried beside the data in the JSON export ("computed").

Statuses, credits and percentages are the roll-up's (resolutions/rollup.py), read from the
report snapshot (exports.report.snapshot); nothing is derived here. The loader ignores this
block on import: a data file's own numbers are never trusted, the tracker computes them.
"""

from resolutions.status import Status

from .report import Snapshot
from .report.open_data import update_keys


def _iso(value):
    return value.isoformat() if value else None


def _rollup(rollup) -> dict | None:
    if rollup is None:
        return None
    return {
        "percent": rollup.percent,
        "actions": rollup.total,
        "scored": rollup.scored,
        # The roll-up's own count (#11 rules 1 and 3): "not yet due" is not an assessment,
        # and nothing is assessed before adoption.
        "assessed": rollup.assessed,
        "excluded": rollup.excluded,
        "overdue": rollup.overdue,
        "stale": rollup.stale,
        "by_status": {status.value: count for status, count in rollup.distribution},
    }


def _superseded(snap: Snapshot) -> dict[int, list]:
    """{action id: [{update, superseded_by}]}: the published updates a published correction
    has superseded (#12). They stay in the file's status_updates, as they stay on the pages
    (struck through); the roll-up reads the correction. ``superseded_by`` is the correction's
    key, or null when the correction is dated after the as-of date (so not in this file)."""
    keys = update_keys(snap)
    found: dict[int, list] = {}
    for u in snap.updates:
        if u.superseded_by_id:
            found.setdefault(u.action_id, []).append(
                {"update": keys[u.pk], "superseded_by": keys.get(u.superseded_by_id)}
            )
    return found


def computed_state(snap: Snapshot) -> dict:
    superseded = _superseded(snap)
    return {
        "as_of": snap.as_of.isoformat(),
        "resolution": _rollup(snap.rollup),
        "paragraphs": [
            {"number": p.number, **(_rollup(snap.paragraph_rollups.get(p.pk)) or {"percent": None})}
            for p in snap.paragraphs
            if p.is_operative
        ],
        "actions": [
            {
                "key": a.key,
                "status": Status(a.current_status).value,
                # No credit before adoption (#11 rule 1): nothing is scored.
                "credit": a.credit if getattr(a, "is_scored", True) else None,
                "recorded_progress": a.latest_progress,
                "last_change": _iso(a.latest_as_of),
                "last_occurrence": _iso(a.last_occurrence_on),
                # #11 rule 4: 2018-11-01 with "month" is November 2018, not its first day.
                "last_occurrence_precision": getattr(a, "last_occurrence_precision", None)
                if a.last_occurrence_on
                else None,
                "last_reviewed": _iso(getattr(a, "last_reviewed_on", None)),
                "overdue": bool(a.is_overdue),
                "stale": bool(a.is_stale),
                "superseded_updates": superseded.get(a.pk, []),
            }
            for a in snap.actions
        ],
    }
