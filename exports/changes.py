"""What changed for a resolution between two dates.

Everything is read from the roll-up evaluated on each date (so a transition shown here is exactly
the difference between the dashboard on `from` and on `to`), plus the public status updates,
occurrences and sourced figures dated in (from, to].

Titles and summaries are in the active language where a translation exists (marked as not
available otherwise, as on the public pages); the CSV keeps its column keys and its "change"
codes (progress, status, status_update, occurrence, figure) in every language.
"""

from datetime import date, timedelta

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from resolutions.dates import precise_iso
from resolutions.models import (
    Action,
    Evidence,
    Occurrence,
    Paragraph,
    SourcedFigure,
    StatusUpdate,
)
from resolutions.rollup import paragraph_rollups, resolution_rollups
from resolutions.status import Status
from resolutions.translations import prefetch_translations

from .report import Shown, evidence_entry, evidence_text, occurrence_date, participation_text


def _delta(before, after):
    if before is None or after is None:
        return None
    return round(after - before, 1)


def default_range_start(resolution, today: date) -> tuple[date, str]:
    """Where the what-changed page opens: (from, why).

    From the previous published update's date, so that the latest update (and whatever is dated
    after it) is in the range; with only one dated update, from the day before it; with none,
    from the adoption (the CFM session); failing that, a year back.
    """
    days = list(
        StatusUpdate.objects.public()
        .filter(action__resolution=resolution, as_of__lte=today)
        .order_by("-as_of")
        .values_list("as_of", flat=True)
        .distinct()[:2]
    )
    if len(days) == 2:
        return days[1], "previous_update"
    if days:
        return days[0] - timedelta(days=1), "only_update"
    if resolution.adopted_on and resolution.adopted_on <= today:
        return resolution.adopted_on, "adoption"
    return today - timedelta(days=365), "year"


def nothing_changed(changes: dict) -> bool:
    """True when the period holds no transition, update, occurrence, figure or progress change."""
    moved = any(p["delta"] for p in changes["paragraphs"])
    return not (
        changes["transitions"]
        or changes["updates"]
        or changes["occurrences"]
        or changes["figures"]
        or changes["headline"]["delta"]
        or moved
    )


def build_changes(resolution, date_from: date, date_to: date) -> dict:
    before = {a.pk: a for a in Action.objects.with_status(date_from).filter(resolution=resolution)}
    after = list(
        Action.objects.with_status(date_to)
        .filter(resolution=resolution)
        .prefetch_related(Prefetch("paragraphs", Paragraph.objects.order_by("order")))
        .order_by("pk")
    )
    public_updates = list(
        StatusUpdate.objects.public()
        .filter(action__resolution=resolution, as_of__gt=date_from, as_of__lte=date_to)
        .select_related("action")
        .prefetch_related(
            Prefetch("evidence", Evidence.objects.select_related("source", "occurrence"))
        )
        .order_by("as_of", "recorded_at", "id")
    )
    new_occurrences = list(
        Occurrence.objects.filter(
            action__resolution=resolution, start_date__gt=date_from, start_date__lte=date_to
        )
        .select_related("action")
        .prefetch_related("participations__member_state")
        .order_by("start_date", "id")
    )
    new_figures = list(
        SourcedFigure.objects.filter(
            action__resolution=resolution, as_of__gt=date_from, as_of__lte=date_to
        )
        .select_related("action", "source")
        .order_by("as_of", "id")
    )
    paragraphs = list(resolution.paragraphs.operative().in_order())
    # Titles and summaries in the active language: one query for all of them, none in English.
    prefetch_translations(
        after,
        [u.action for u in public_updates],
        new_occurrences,
        [o.action for o in new_occurrences],
        [f.action for f in new_figures],
        paragraphs,
        # Status notes, evidence quotes and locators, event names, figure labels (#13).
        public_updates,
        [e for u in public_updates for e in u.evidence.all()],
        [e.occurrence for u in public_updates for e in u.evidence.all() if e.occurrence_id],
        new_figures,
    )

    transitions, unchanged = [], 0
    for a in after:
        b = before[a.pk]
        if (b.current_status, b.credit) == (a.current_status, a.credit):
            unchanged += 1
            continue
        transitions.append(
            {
                "id": a.pk,
                "title": Shown(a, "title"),
                "url": reverse("action_detail", args=[a.pk]),
                "paragraphs": [p.number for p in a.paragraphs.all()],
                "from_status": b.current_status,
                "from_label": str(Status(b.current_status).label),
                "to_status": a.current_status,
                "to_label": str(Status(a.current_status).label),
                "from_credit": b.credit,
                "to_credit": a.credit,
            }
        )

    updates = [
        {
            "as_of": u.as_of,
            "action_id": u.action_id,
            "action": Shown(u.action, "title"),
            "url": reverse("action_detail", args=[u.action_id]),
            "status": u.status,
            "status_label": u.get_status_display(),
            "progress": u.progress,
            "note": Shown(u, "note") if u.note else "",
            "recorded_by": u.author_name,
            "evidence": (evidence := [evidence_entry(e) for e in u.evidence.all()]),
            "evidence_text": evidence_text(evidence),
            # A correction (#12): the corrected update stays listed, marked superseded, with a
            # link to its correction; the roll-up (and so the transitions) read the correction.
            "id": u.pk,
            "superseded_by_id": u.superseded_by_id,
            "corrects_id": u.corrects_id,
        }
        for u in public_updates
    ]
    occurrences = [
        {
            "start_date": o.start_date,
            "precision": o.date_precision,
            "date": occurrence_date(o),
            "action_id": o.action_id,
            "action": Shown(o.action, "title"),
            "url": reverse("action_detail", args=[o.action_id]),
            "title": Shown(o, "title"),
            "kind": o.get_kind_display(),
            "place": Shown(o, "place"),
            "participation": participation_text(o),
        }
        for o in new_occurrences
    ]
    figures = [
        {
            "as_of": f.as_of,
            "action": Shown(f.action, "title"),
            "label": Shown(f, "label"),
            "value": f.value,
            "is_minimum": f.is_minimum,
            "source": f.source.citation,
        }
        for f in new_figures
    ]

    ids = [p.pk for p in paragraphs]
    # (No query at all for a resolution without operative paragraphs.)
    p_from = paragraph_rollups(ids, date_from) if ids else {}
    p_to = paragraph_rollups(ids, date_to) if ids else {}
    paragraph_progress = [
        {
            "number": p.number,
            "summary": Shown(p, "summary"),
            "url": reverse("paragraph_detail", args=[resolution.slug, p.number]),
            "from_percent": p_from[p.pk].percent,
            "to_percent": p_to[p.pk].percent,
            "delta": _delta(p_from[p.pk].percent, p_to[p.pk].percent),
            # Why there is no percentage (#11 rules 1 and 3): exports/_no_percent.html.
            "from_rollup": p_from[p.pk],
            "to_rollup": p_to[p.pk],
        }
        for p in paragraphs
    ]
    r_from = resolution_rollups([resolution.pk], date_from)[resolution.pk]
    r_to = resolution_rollups([resolution.pk], date_to)[resolution.pk]
    return {
        "resolution": resolution,
        "from": date_from,
        "to": date_to,
        "headline": {
            "from_percent": r_from.percent,
            "to_percent": r_to.percent,
            "delta": _delta(r_from.percent, r_to.percent),
            "from_rollup": r_from,
            "to_rollup": r_to,
            "from_distribution": r_from.distribution,
            "to_distribution": r_to.distribution,
        },
        "transitions": transitions,
        "unchanged": unchanged,
        "updates": updates,
        "occurrences": occurrences,
        "figures": figures,
        "paragraphs": paragraph_progress,
    }


# The CSV's headings: stable keys in every language (a data file; tests read them by name).
CHANGE_COLUMNS = [
    "resolution",
    "from",
    "to",
    "change",
    "date",
    "paragraph",
    "action_id",
    "action",
    "before",
    "after",
    "detail",
    "evidence",
]
# "progress" rows: before/after are weighted percentages, detail the change in points.


def change_rows(changes: dict):
    """The changes as one flat table (CSV): progress, transitions, updates, occurrences."""
    symbol = changes["resolution"].symbol
    base = [symbol, changes["from"], changes["to"]]
    h = changes["headline"]
    yield base + [
        "progress",
        "",
        _("(resolution)"),
        "",
        "",
        h["from_percent"],
        h["to_percent"],
        _points(h["delta"]),
        "",
    ]
    for p in changes["paragraphs"]:
        yield base + [
            "progress",
            "",
            p["number"],
            "",
            p["summary"],
            p["from_percent"],
            p["to_percent"],
            _points(p["delta"]),
            "",
        ]
    for t in changes["transitions"]:
        credit = _("credit %(before)s → %(after)s") % {
            "before": _pct(t["from_credit"]),
            "after": _pct(t["to_credit"]),
        }
        yield base + [
            "status",
            "",
            "; ".join(t["paragraphs"]),
            t["id"],
            t["title"],
            t["from_label"],
            t["to_label"],
            credit,
            "",
        ]
    for u in changes["updates"]:
        yield base + [
            "status_update",
            u["as_of"],
            "",
            u["action_id"],
            u["action"],
            "",
            u["status_label"],
            u["note"],
            u["evidence_text"],
        ]
    for o in changes["occurrences"]:
        detail = ", ".join(filter(None, [o["title"], o["place"], o["participation"]]))
        yield base + [
            "occurrence",
            precise_iso(o["start_date"], o["precision"]),  # "2018-11" for a month (rule 4)
            "",
            o["action_id"],
            o["action"],
            "",
            "",
            detail,
            "",
        ]
    for f in changes["figures"]:
        value = _("more than %(value)s") % {"value": f["value"]} if f["is_minimum"] else f["value"]
        yield base + ["figure", f["as_of"], "", "", f["action"], "", value, f["label"], f["source"]]


def _pct(value):
    return _("excluded") if value is None else f"{value}%"


def _points(delta):
    # A number, not "+14.3 points": text starting with + would be neutralised as a formula.
    return _("not scored on both dates") if delta is None else delta
