""" "Cite this": a citation string, a permalink pinned to the as-of date, and schema.org JSON-LD.

A diplomat quotes the tracker in a statement or a report annex; what they quote must still say
the same thing next year. So the permalink always carries ``?as_of=`` (today's date when the
page shows today), and the citation names the date the numbers are for. Status and percentage
are the roll-up's (resolutions/rollup/), passed in by the view; nothing is derived here.

The citation is in the page's language, the adopting body too where it has a translation
(resolutions/translations.py).
"""

import json

from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from .translations import format_day, translated

_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def permalink(request, path: str, as_of) -> str:
    return request.build_absolute_uri(f"{path}?as_of={as_of.isoformat()}")


def _title(resolution) -> str:
    return translated(resolution, "title").text


def _percent(value) -> str:
    if value is None:
        return _("no percentage (no scored action)")
    return _("%(percent)s%% weighted progress") % {"percent": number_format(value, 1)}


def _state(rollup) -> str:
    """The roll-up as the pages say it (#11 rules 1 and 3): no percentage before adoption or
    without an assessment, and a 0 % for work under way says it has no sourced figure."""
    if rollup is None:
        return ""
    if rollup.not_yet_adopted:
        return _("Not yet adopted on that date")
    if rollup.percent is None and rollup.scored:
        return _("Not assessed")
    state = _percent(rollup.percent)
    if rollup.percent is not None and rollup.unfigured:
        state = f"{state} ({unfigured_note(rollup.unfigured)})"
    return state


def unfigured_note(n: int) -> str:
    """#11 rule 3, said beside a percentage in plain text (the citation, the badge): the
    assessed actions under way that no source gives a figure for."""
    return ngettext(
        "%(n)s in progress — no sourced figure", "%(n)s in progress — no sourced figure", n
    ) % {"n": n}


def _sentence(resolution, part: str, state: str, as_of, url: str) -> str:
    """Body, symbol, title[, part]: state, as of DAY. Tracker, URL (accessed DAY)."""
    head = _("%(body)s, resolution %(symbol)s, “%(title)s”") % {
        "body": translated(resolution, "adopting_body").text,
        "symbol": resolution.symbol,
        "title": _title(resolution),
    }
    if part:
        head = f"{head}, {part}"
    if state:
        head = _("%(cited)s: %(state)s") % {"cited": head, "state": state}
    return _("%(cited)s, as of %(day)s. %(site)s, %(url)s") % {
        "cited": head,
        "day": format_day(as_of),
        "site": _("Resolution implementation tracker"),
        "url": url,
    }


def _json_ld(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=1).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def _legislation(resolution, url: str) -> dict:
    data = {
        "@type": "Legislation",
        "name": _title(resolution),
        "legislationIdentifier": resolution.symbol,
        "legislationType": "Resolution",
        "legislationPassedBy": {"@type": "Organization", "name": resolution.adopting_body},
        "url": url,
    }
    if resolution.adopted_on:
        data["legislationDate"] = resolution.adopted_on.isoformat()
    if resolution.place:
        data["spatialCoverage"] = {"@type": "Place", "name": resolution.place}
    return data


def _sources(sources) -> list[dict]:
    cited = []
    for s in sources:
        entry = {"@type": "CreativeWork", "name": s.title}
        if s.url:
            entry["url"] = s.url
        if s.symbol:
            entry["identifier"] = s.symbol
        if s.date:
            entry["datePublished"] = s.date.isoformat()
        cited.append(entry)
    return cited


def resolution_citation(request, resolution, as_of, rollup) -> dict:
    from django.urls import reverse

    url = permalink(request, reverse("resolution_detail", args=[resolution.slug]), as_of)
    state = _state(rollup)
    data = {
        "@context": "https://schema.org",
        **_legislation(resolution, url),
        "inLanguage": get_language(),
        "isBasedOn": _sources(resolution.sources.all()),
    }
    return {
        "text": _sentence(resolution, "", state, as_of, url),
        "permalink": url,
        "json_ld": _json_ld(data),
    }


def _paragraph_part(paragraph) -> str:
    if paragraph.is_operative:
        return _("operative paragraph %(number)s") % {"number": paragraph.number}
    return _("preambular paragraph %(number)s") % {"number": paragraph.number}


def paragraph_citation(request, paragraph, as_of, rollup) -> dict:
    from django.urls import reverse

    resolution = paragraph.resolution
    url = permalink(
        request, reverse("paragraph_detail", args=[resolution.slug, paragraph.number]), as_of
    )
    res_url = permalink(request, reverse("resolution_detail", args=[resolution.slug]), as_of)
    data = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": f"{resolution.symbol}, {_paragraph_part(paragraph)}",
        "legislationIdentifier": f"{resolution.symbol} para. {paragraph.number}",
        "isPartOf": _legislation(resolution, res_url),
        "inLanguage": get_language(),
        "url": url,
    }
    if paragraph.text_source_id:
        data["isBasedOn"] = _sources([paragraph.text_source])
    return {
        "text": _sentence(resolution, _paragraph_part(paragraph), _state(rollup), as_of, url),
        "permalink": url,
        "json_ld": _json_ld(data),
    }


def action_citation(request, action, as_of, status_label: str, paragraphs) -> dict:
    from django.urls import reverse

    resolution = action.resolution
    url = permalink(request, reverse("action_detail", args=[action.pk]), as_of)
    res_url = permalink(request, reverse("resolution_detail", args=[resolution.slug]), as_of)
    title = translated(action, "title").text
    if paragraphs:
        numbers = ", ".join(p.number for p in paragraphs)
        part = _("paragraph %(numbers)s, mandate “%(action)s”") % {
            "numbers": numbers,
            "action": title,
        }
    else:
        part = _("mandate “%(action)s” (no known paragraph)") % {"action": title}
    state = _("status “%(status)s”") % {"status": status_label}
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": title,
        "about": _legislation(resolution, res_url),
        "inLanguage": get_language(),
        "url": url,
        "description": state,
    }
    return {
        "text": _sentence(resolution, part, state, as_of, url),
        "permalink": url,
        "json_ld": _json_ld(data),
    }
