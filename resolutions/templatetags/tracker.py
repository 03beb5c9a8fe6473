from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import charts
from ..dates import precise_label
from ..models.provenance import Provenance
from ..rollup import is_before_adoption, next_due
from ..status import DEFINITIONS, Status
from ..translations import format_day

register = template.Library()


@register.filter
def status_label(value):
    try:
        return Status(value).label
    except ValueError:
        return value


@register.inclusion_tag("includes/status_badge.html")
def status_badge(value):
    status = Status(value)
    return {"status": status, "label": status.label, "definition": DEFINITIONS[status]}


@register.inclusion_tag("includes/provenance_badge.html")
def provenance_badge(paragraph):
    return {"p": paragraph, "Provenance": Provenance}


@register.inclusion_tag("includes/distribution.html")
def distribution(rollup, chart_id, compact=False):
    """The status distribution of a roll-up: SVG stacked bar plus a text legend with counts."""
    return {
        "rollup": rollup,
        "chart": charts.distribution_chart(rollup, chart_id),
        "compact": compact,
    }


@register.inclusion_tag("includes/progress.html")
def progress(rollup, show_exclusions=True):
    return {"rollup": rollup, "percent": rollup.percent, "show_exclusions": show_exclusions}


@register.inclusion_tag("includes/charts/progress_figure.html")
def progress_chart(series, chart_id, title):
    return {"chart": charts.progress_chart(series, chart_id, title)}


def _day(value):
    return format_day(value)


def on_or_after(day):
    """A date a source gives only as "following" an event on `day`."""
    return _("on or after %(day)s") % {"day": day}


def _format_dates(start, end, precision):
    if precision == "month":
        return format_day(start, "month")
    if precision == "year":
        return str(start.year)
    if precision == "after":
        return on_or_after(_day(start))
    if end and end != start:
        if end.month == start.month and end.year == start.year:
            return f"{start.day}–{_day(end)}"
        return f"{_day(start)} – {_day(end)}"
    return _day(start)


@register.simple_tag
def occurrence_date(occurrence):
    """An occurrence's date as precisely as its source gives it (month-only dates stay so)."""
    return _format_dates(occurrence.start_date, occurrence.end_date, occurrence.date_precision)


@register.simple_tag
def precise_date(day, precision="day"):
    """A date as precisely as its source gives it: "November 2018" for a month (#11)."""
    return precise_label(day, precision or "day")


@register.filter
def due_on(action):
    """When a recurring action's occurrence fell (or falls) due (rollup.next_due)."""
    return next_due(action)


@register.simple_tag
def event_date(event):
    """The same, for a charts.ChangeEvent row."""
    return _format_dates(event.day, event.end, event.precision)


@register.simple_tag
def before_adoption(day, adopted_on):
    """The "before adoption" label beside an event dated before its resolution's adoption (rule
    2 of the roll-up: context, never credit); nothing otherwise."""
    if not is_before_adoption(day, adopted_on):
        return ""
    return format_html(
        '<span class="tag tag--context" title="{}">{}</span>',
        _("Shown as context: events before adoption never count towards progress."),
        _("before adoption"),
    )


@register.simple_tag
def participants(occurrence):
    parts = []
    if occurrence.participants_count is not None:
        count = occurrence.participants_count
        if occurrence.participants_count_is_minimum:
            parts.append(_("more than %(count)s participants") % {"count": count})
        else:
            parts.append(
                ngettext("%(count)s participant", "%(count)s participants", count)
                % {"count": count}
            )
    if occurrence.member_states_count is not None:
        count = occurrence.member_states_count
        parts.append(
            ngettext("%(count)s Member State", "%(count)s Member States", count) % {"count": count}
        )
    return ", ".join(parts)


@register.inclusion_tag("includes/sort_header.html", takes_context=True)
def sort_header(context, key, label, css=""):
    """A sortable column heading: a link that sorts by `key`, or reverses the current sort."""
    current = context["request"].GET.get("sort", "")
    if current == key:
        direction, target = "ascending", f"-{key}"
    elif current == f"-{key}":
        direction, target = "descending", key
    else:
        direction, target = "", key
    if not current and key == "paragraph":
        direction, target = "ascending", "-paragraph"
    params = context["request"].GET.copy()
    params["sort"] = target
    params.pop("page", None)
    return {"label": label, "direction": direction, "url": f"?{params.urlencode()}", "css": css}


@register.simple_tag
def credit(action):
    """What an action counts for in the roll-up, said so that 0 % for work under way is not
    mistaken for "nothing done"."""
    status = action.current_status
    if status == Status.NOT_APPLICABLE:
        return format_html('<span class="muted">{}</span>', _("excluded"))
    # Not yet due, or before adoption (#11 rule 1): not scored, so no percentage.
    if action.credit is None or not getattr(action, "is_scored", True):
        return format_html('<span class="muted">{}</span>', _("not scored"))
    # Said only where it explains the 0 %: work reported under way but no figure recorded (a
    # recurring mandate's delay is about its dates, not about a missing figure).
    under_way = status == Status.IN_PROGRESS or (
        status == Status.DELAYED and not action.is_recurring
    )
    # Not yet assessed counts as 0 % in a roll-up where other actions are assessed (#11 rule 3):
    # said, so that the 0 % reads as "no assessment yet", not as an assessment of nothing done.
    if action.credit == 0 and status == Status.NOT_YET_ASSESSED:
        return format_html('{}% <span class="muted">{}</span>', 0, _("(until assessed)"))
    if action.credit == 0 and under_way and action.latest_progress is None:
        return format_html(
            '{}% <span class="muted">{}</span>', 0, _("(no sourced progress figure)")
        )
    return format_html("{}%", action.credit)
