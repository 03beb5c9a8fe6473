from django import template
from django.utils.html import format_html

from ..models.provenance import Provenance
from ..status import Status

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
    return {"status": status, "label": status.label}


@register.inclusion_tag("includes/provenance_badge.html")
def provenance_badge(paragraph):
    return {"p": paragraph, "Provenance": Provenance}


@register.inclusion_tag("includes/distribution.html")
def distribution(rollup, caption=""):
    segments = [
        {"status": status, "label": status.label, "count": count,
         "share": round(count / rollup.total * 100, 2) if rollup.total else 0}
        for status, count in rollup.distribution
    ]
    return {"rollup": rollup, "segments": segments, "caption": caption}


@register.inclusion_tag("includes/progress.html")
def progress(rollup):
    return {"rollup": rollup, "percent": rollup.percent}


@register.simple_tag
def occurrence_date(occurrence):
    start, end = occurrence.start_date, occurrence.end_date
    if occurrence.date_precision == "month":
        return start.strftime("%B %Y")
    if occurrence.date_precision == "year":
        return str(start.year)
    if end and end != start:
        if end.month == start.month and end.year == start.year:
            return f"{start.day}–{end.day} {end.strftime('%B %Y')}"
        return f"{start.strftime('%-d %B %Y')} – {end.strftime('%-d %B %Y')}"
    return start.strftime("%-d %B %Y")


@register.simple_tag
def participants(occurrence):
    parts = []
    if occurrence.participants_count is not None:
        prefix = "more than " if occurrence.participants_count_is_minimum else ""
        parts.append(f"{prefix}{occurrence.participants_count} participants")
    if occurrence.member_states_count is not None:
        parts.append(f"{occurrence.member_states_count} Member States")
    return format_html("{}", ", ".join(parts)) if parts else ""
