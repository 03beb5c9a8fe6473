"""Server-rendered charts: the status distribution and progress over time.

Builders here return plain data plus the geometry of an SVG; the templates in
templates/includes/charts/ draw it. The SVG carries presentation attributes only (fill, stroke,
font-size), so it renders meaningfully without the site's stylesheet: in a PDF report, printed,
or pasted elsewhere. Every chart has a text alternative (<title>/<desc>) and a data table. No
JavaScript is involved.

Progress over time
------------------
The weighted percentage only changes on dates when something the roll-up reads changes: a status
update's as-of date, an occurrence's date, or the day a recurring mandate's window runs out after
an occurrence (occurrence date + 365 days for annual, + 730 for biennial). The chart takes those
dates (plus the adoption date and the as-of date of the page) and asks the database for the
roll-up on each of them, all in one query (rollup.rollup_series). Between two points the
value holds, so the line is drawn in steps. When a resolution has more than MAX_POINTS such dates,
MAX_POINTS of them are kept, evenly spaced, first and last included; the data table then says so.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial

from django.db.models import Case, OuterRef, Subquery, When
from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .bidi import isolated
from .dates import precise_label
from .models import Occurrence, StatusUpdate
from .models.actions import EVENT_COLUMNS, RECURRENCE_WINDOW_DAYS, Recurrence
from .models.translations import TextTranslation
from .rollup import KNOWN_AFTER_DAYS, Rollup, is_before_adoption, progress_points
from .status import Status
from .translations import ORIGINAL_LANGUAGE, active_language, format_day

# Kept in step with the --<status> colours of static/css/tracker.css (a test checks it). White
# text on each fill has a contrast ratio of at least 4.5:1 (WCAG AA); "not applicable" is light
# and takes dark text.
STATUS_COLOURS = {
    Status.COMPLETED: "#1f6f3f",
    Status.ONGOING: "#1f6783",
    Status.IN_PROGRESS: "#7a5f00",
    Status.DELAYED: "#a3321b",
    Status.NOT_STARTED: "#5b5f97",
    Status.NOT_YET_ASSESSED: "#5f6873",
    Status.NOT_APPLICABLE: "#c3cad1",
    Status.NOT_YET_DUE: "#5c5470",
    Status.NO_OCCURRENCE: "#6e5a4f",
}
STATUS_TEXT_COLOURS = {status: "#ffffff" for status in Status} | {Status.NOT_APPLICABLE: "#1b1f24"}

MAX_POINTS = 24  # per resolution
MAX_DAYS = 60  # across all resolutions of a page (one UNION member per day)

FONT = "Noto Sans, Segoe UI, Arial, sans-serif"


# --- Status distribution ------------------------------------------------------------------


@dataclass
class Segment:
    status: Status
    label: str
    count: int
    share: float  # % of all actions, 0–100
    start: float  # where the segment starts, % of the bar
    fill: str
    text_fill: str

    @property
    def middle(self):
        return round(self.start + self.share / 2, 3)

    @property
    def shows_count(self):
        # Below this share the count would not fit inside the segment; the legend has it.
        return self.share >= 6


def distribution_chart(rollup: Rollup, chart_id: str) -> dict:
    """A horizontal stacked bar of actions by status, with a legend and a one-line summary."""
    segments, start = [], 0.0
    for status, count in rollup.distribution:
        share = round(count / rollup.total * 100, 3) if rollup.total else 0
        segments.append(
            Segment(
                status=status,
                label=str(status.label),
                count=count,
                share=share,
                start=round(start, 3),
                fill=STATUS_COLOURS[status],
                text_fill=STATUS_TEXT_COLOURS[status],
            )
        )
        start += share
    shown = [s for s in segments if s.count]
    summary = "; ".join(f"{s.label}: {s.count}" for s in shown)
    return {
        "id": chart_id,
        "total": rollup.total,
        "segments": shown,
        "title": ngettext("%(total)s action by status", "%(total)s actions by status", rollup.total)
        % {"total": rollup.total},
        "summary": summary,
        "font": FONT,
    }


# --- Change events (shared by the progress chart and the dashboard) --------------------------


@dataclass
class ChangeEvent:
    resolution_id: int
    day: date
    kind: str  # "update" or "occurrence"
    count: int
    label: str
    action_id: int | None
    recurrence: str
    precision: str
    end: date | None
    place: str | None
    adopted_on: date | None  # the resolution's adoption date
    # The label is the project's unofficial translation (French and Arabic pages): said so.
    label_is_translation: bool = False

    @property
    def before_adoption(self) -> bool:
        """Rule 2: shown as context ("before adoption"), never credited."""
        return is_before_adoption(self.day, self.adopted_on)

    @property
    def window_ends(self) -> date | None:
        """For an occurrence of a recurring mandate: the first day it no longer keeps the
        mandate on track (the roll-up's rule 2)."""
        if self.kind != "occurrence" or not self.recurrence:
            return None
        return self.day + timedelta(days=RECURRENCE_WINDOW_DAYS[Recurrence(self.recurrence)])


def change_events(resolution_ids, as_of: date) -> list[ChangeEvent]:
    """Every date on or before `as_of` on which the given resolutions' roll-up can change: one row
    per status-update date (with the number of updates) and one per occurrence. One query."""
    ids = list(resolution_ids)
    if not ids:
        return []
    updates = (
        StatusUpdate.objects.public()
        .filter(action__resolution_id__in=ids)
        .on_or_before(as_of)
        .change_events()
    )
    occurrences = (
        Occurrence.objects.filter(action__resolution_id__in=ids).on_or_before(as_of).change_events()
    )
    rows = updates.union(occurrences, all=True)
    events = [ChangeEvent(**dict(zip(_FIELDS, row, strict=True))) for row in rows]
    events.sort(key=lambda e: (e.day, e.kind, e.label), reverse=True)
    _translate_events(events, ids)
    return events


def _translate_events(events, resolution_ids) -> None:
    """Occurrence names and places in the page's language (French and Arabic pages: one query,
    none in English). Events carry no occurrence id, so a translation is matched by the
    occurrence's action and its original text."""
    language = active_language()
    if language == ORIGINAL_LANGUAGE or not any(e.kind == "occurrence" for e in events):
        return
    occurrence = Occurrence.objects.filter(pk=OuterRef("object_id"))
    rows = (
        TextTranslation.objects.filter(
            content_type__app_label="resolutions",
            content_type__model="occurrence",
            language=language,
            field__in=("title", "place"),
            object_id__in=Occurrence.objects.filter(
                action__resolution_id__in=resolution_ids
            ).values("pk"),
        )
        .annotate(
            o_action=Subquery(occurrence.values("action_id")[:1]),
            o_original=Case(
                When(field="title", then=Subquery(occurrence.values("title")[:1])),
                default=Subquery(occurrence.values("place")[:1]),
            ),
        )
        .values_list("field", "o_action", "o_original", "text", "provenance")
    )
    found = {(field, action, original): text for field, action, original, text, _p in rows}
    made_here = {
        (field, action, original)
        for field, action, original, _text, provenance in rows
        if provenance == "translation"
    }
    for e in events:
        if e.kind != "occurrence":
            continue
        e.label_is_translation = ("title", e.action_id, e.label) in made_here
        e.label = found.get(("title", e.action_id, e.label), e.label)
        if e.place:
            e.place = found.get(("place", e.action_id, e.place), e.place)


_FIELDS = [column.removeprefix("ev_") for column in EVENT_COLUMNS]
_FIELDS = [
    {"resolution": "resolution_id", "action": "action_id", "adopted": "adopted_on"}.get(f, f)
    for f in _FIELDS
]


# --- Progress over time --------------------------------------------------------------------


@dataclass
class Point:
    day: date
    percent: float | None
    notes: list = field(default_factory=list)


@dataclass
class ProgressSeries:
    resolution_id: int
    points: list
    sampled: bool = False  # True when dates were left out (see MAX_POINTS)
    # The last date on which something was recorded (a status update or an occurrence): after
    # it the line only shows what the rules derive from older records, and is drawn dashed.
    last_record: date | None = None

    @property
    def first(self):
        return self.points[0] if self.points else None

    @property
    def last(self):
        return self.points[-1] if self.points else None

    @property
    def highest(self):
        known = [p for p in self.points if p.percent is not None]
        return max(known, key=lambda p: p.percent) if known else None


def _sample(days: list, limit: int) -> list:
    """`limit` of the sorted `days`, evenly spaced, the first and last always kept."""
    if len(days) <= limit:
        return days
    step = (len(days) - 1) / (limit - 1)
    return sorted({days[round(i * step)] for i in range(limit)})


def progress_history(
    resolutions, as_of: date, events=None, last_reviewed=None
) -> dict[int, ProgressSeries]:
    """{resolution id: ProgressSeries} of the weighted % at each date it could change.

    `events` may be passed when the caller already fetched change_events() for these
    resolutions (the dashboard reuses them); the roll-ups then cost one query for all.
    `last_reviewed`: {resolution id: the roll-up's last review on or before `as_of`}. A review
    is a record too: the line is solid up to it and dashed only after it (#11 rule 7).
    """
    resolutions = list(resolutions)
    ids = [r.pk for r in resolutions]
    if events is None:
        events = change_events(ids, as_of)
    notes_by_day, days_by_resolution, sampled, last_records = {}, {}, set(), {}
    # Each resolution's events in one pass (not one pass over all events per resolution).
    events_of: dict[int, list] = {}
    for e in events:
        events_of.setdefault(e.resolution_id, []).append(e)
    # A note's text is written only for the dates the chart keeps (see _sample): a resolution
    # may have thousands of change dates and the chart shows MAX_POINTS of them. Until then a
    # note is a callable that writes it; the sentences are translated once per call.
    held_text = _("Held: %(event)s")
    lapse_text = _("Recurrence window after “%(event)s” ends")
    updates_text: dict[int, str] = {}
    for resolution in resolutions:
        own = events_of.get(resolution.pk, [])
        start = resolution.adopted_on or min((e.day for e in own), default=as_of)
        start = min(start, as_of)
        notes = notes_by_day.setdefault(resolution.pk, {})
        notes.setdefault(start, []).append(
            _("Adopted") if resolution.adopted_on == start else _("First recorded date")
        )
        for e in own:
            if resolution.adopted_on and e.day < resolution.adopted_on:
                continue  # before adoption: context, never credit (resolutions/rollup/)
            if e.kind == "update":
                if e.count not in updates_text:
                    updates_text[e.count] = ngettext(
                        "%(count)s status update",
                        "%(count)s status updates",
                        e.count,
                    ) % {"count": e.count}
                notes.setdefault(e.day, []).append(updates_text[e.count])
            else:
                # A month or a year only counts once it has certainly passed (resolutions/rollup/).
                known = e.day + timedelta(days=KNOWN_AFTER_DAYS.get(e.precision, 0))
                if known == e.day:
                    held = partial(_sentence, held_text, event=e.label)
                    notes.setdefault(e.day, []).append(held)
                elif known <= as_of:
                    # #11 rule 4: no day the source does not give ("1 Nov 2018" for "November
                    # 2018"): listed on the day the roll-up starts counting it, with its period.
                    held = partial(_held_in_period, held_text, e.label, e.day, e.precision)
                    notes.setdefault(known, []).append(held)
                lapse = e.window_ends
                if lapse and lapse <= as_of:
                    notes.setdefault(lapse, []).append(
                        partial(_sentence, lapse_text, event=e.label)
                    )
        notes.setdefault(as_of, [])
        recorded = [e.day for e in own if start <= e.day]
        reviewed = (last_reviewed or {}).get(resolution.pk)
        if reviewed and start <= reviewed <= as_of:
            notes.setdefault(reviewed, []).append(_("Last reviewed"))
            recorded.append(reviewed)
        last_records[resolution.pk] = max(recorded, default=None)
        days = sorted(day for day in notes if start <= day <= as_of)
        kept = _sample(days, MAX_POINTS)
        if len(kept) < len(days):
            sampled.add(resolution.pk)
        days_by_resolution[resolution.pk] = kept
    all_days = sorted({day for days in days_by_resolution.values() for day in days})
    if len(all_days) > MAX_DAYS:
        all_days = _sample(all_days, MAX_DAYS)
        sampled.update(ids)
    computed = set(all_days)
    wanted_days = {
        rid: sorted(computed.intersection(days)) for rid, days in days_by_resolution.items()
    }
    # Added up from the stored steps (rollup/steps.py): one query, not the history re-derived
    # at every date (which cost ~0.8 s per dashboard at 10,000 updates).
    rows = progress_points(ids, wanted_days)
    history = {}
    for rid in ids:
        points = []
        for day in days_by_resolution[rid]:
            if day not in computed:
                continue
            rollup = Rollup.from_row(rows.get((rid, day), {}))
            points.append(
                Point(
                    day=day,
                    percent=rollup.percent,
                    notes=[
                        note() if callable(note) else note
                        for note in notes_by_day[rid].get(day, [])
                    ],
                )
            )
        history[rid] = ProgressSeries(
            rid, points, sampled=rid in sampled, last_record=last_records.get(rid)
        )
    return history


# Geometry of the progress chart, in SVG user units. The SVG scales to its container's width,
# and on a phone tracker.css enlarges its text (up to 20 units) so it stays readable: the margins
# hold "100%" and the bold end label at that size, on either side (right-to-left mirrors them).
WIDTH, HEIGHT = 560, 210
LEFT, RIGHT, TOP, BOTTOM = 60, 68, 14, 32


def _held_in_period(template: str, label: str, day: date, precision: str):
    return _sentence(template, event=f"{label} ({precise_label(day, precision)})")


def _sentence(template: str, **parts: str):
    """A translated sentence whose parts (an event's name) keep their own direction: isolated
    with markup (resolutions/bidi.py). Plain-text uses (an SVG <title>) strip the tags."""
    return mark_safe(escape(template) % {k: isolated(v) for k, v in parts.items()})  # noqa: S308


def progress_chart(series: ProgressSeries, chart_id: str, title: str) -> dict:
    """The geometry of a step chart of `series`: path, dots, axes and a text alternative."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    points = series.points
    if not points:
        return {"id": chart_id, "empty": True, "title": title}
    start, end = points[0].day, points[-1].day
    span = max((end - start).days, 1)

    def x(day):
        if start == end:
            return LEFT + plot_w / 2
        return round(LEFT + (day - start).days / span * plot_w, 2)

    def y(percent):
        return round(TOP + (100 - percent) / 100 * plot_h, 2)

    # A step line: the value holds until the next date. A point with no percentage breaks the
    # line (no percentage is not 0 %). After the last recorded event the line is dashed: from
    # there on it shows only what the rules derive from older records, not a measurement.
    if series.last_record is None:
        split = len(points)  # no boundary known: drawn as before
    else:
        split = len([p for p in points if p.day <= series.last_record])
    solid, _dots = _steps(points[:split], x, y)
    derived, dots = _steps(points[max(split - 1, 0) :], x, y)
    dots = _dots + [d for d in dots if not _dots or d["point"] is not _dots[-1]["point"]]
    path = solid
    # Labels are centred on their line with dy (in em) in the template, whatever the font size.
    y_ticks = [{"y": y(v), "label_y": y(v), "label": f"{v}%"} for v in (0, 25, 50, 75, 100)]
    years = list(range(start.year + 1, end.year + 1))
    every = max(1, -(-len(years) // 8))  # at most about eight year labels
    shown = years[::every]
    # On a phone every other year label is hidden (tracker.css), counting back from the latest.
    x_ticks = [
        {
            "x": x(date(year, 1, 1)),
            "label": str(year),
            "minor": len(shown) > 4 and (len(shown) - 1 - i) % 2 == 1,
        }
        for i, year in enumerate(shown)
    ]
    last = next((p for p in reversed(points) if p.percent is not None), None)
    description = _describe(series)
    return {
        "id": chart_id,
        "empty": False,
        "title": title,
        "description": description,
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "top": TOP,
        "bottom": HEIGHT - BOTTOM,
        "path": " ".join(path),
        "path_after": " ".join(derived) if split < len(points) else "",
        "last_record": series.last_record,
        "dots": dots,
        "y_ticks": y_ticks,
        "x_ticks": x_ticks,
        "start_label": start.strftime("%Y-%m-%d"),
        "end_label": end.strftime("%Y-%m-%d"),
        "plot_width": plot_w,
        "plot_height": plot_h,
        "x_label_y": HEIGHT - BOTTOM + 5,
        "y_label_x": LEFT - 6,
        "last": last
        and {"label_x": x(last.day) + 7, "label_y": y(last.percent), "percent": last.percent},
        "series": series,
        "line": STATUS_COLOURS[Status.COMPLETED],
        "font": FONT,
    }


def _steps(points, x, y):
    """SVG path commands and dots of a step line through `points`."""
    path, dots, drawing = [], [], False
    for i, point in enumerate(points):
        if point.percent is None:
            drawing = False
            continue
        px, py = x(point.day), y(point.percent)
        if drawing:
            path.append(f"H{px} V{py}")
        else:
            path.append(f"M{px} {py}")
            drawing = True
        nxt = points[i + 1] if i + 1 < len(points) else None
        if nxt is None:
            path.append(f"H{px}")
        elif nxt.percent is None:
            path.append(f"H{x(nxt.day)}")
        dots.append({"x": px, "y": py, "point": point})
    return path, dots


def _describe(series: ProgressSeries) -> str:
    first, last, high = series.first, series.last, series.highest
    if high is None:
        return _("No scored action on any date shown.")

    def pct(point):
        return _("no percentage") if point.percent is None else f"{number_format(point.percent)}%"

    return _(
        # A list, not a sentence: "no percentage" has to read right in each slot ("was no
        # percentage" did not, nor "était de aucun pourcentage").
        "Weighted progress: %(first)s on %(first_day)s, %(last)s on %(last_day)s; highest: "
        "%(high)s on %(high_day)s."
    ) % {
        "first": pct(first),
        "first_day": format_day(first.day),
        "last": pct(last),
        "last_day": format_day(last.day),
        "high": pct(high),
        "high_day": format_day(high.day),
    }


# --- Rendering outside page templates (e.g. PDF reports) ---------------------------------------


def render_progress_svg(series: ProgressSeries, title: str, chart_id: str = "progress") -> str:
    """A self-contained SVG of a progress history (see progress_history)."""
    return render_to_string(
        "includes/charts/progress.svg", {"chart": progress_chart(series, chart_id, title)}
    )
