"""The one-page brief: what a diplomat sends a minister about one resolution.

Built from the progress report (exports.report.build_report), so every status, credit and
percentage is the roll-up's (resolutions/rollup.py); nothing here derives a status. The brief
only selects and orders: the headline, one line per operative paragraph (and one for the
mandates with no known paragraph), what is overdue or not yet assessed, and one numbered list
of the sources its lines cite.

Rendered as HTML (exports/brief.html, with a print stylesheet) and as an A4 portrait PDF by
WeasyPrint from the same template.
"""

from datetime import date

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from resolutions.status import Status

from .report import build_report
from .report.languages import generated_text


def assessed_count(headline: dict) -> tuple[int, int]:
    """(n, N): how many of the N actions that count (not "not applicable") have been assessed,
    read from the roll-up's own distribution (or its own count, where the roll-up gives one)."""
    if headline.get("assessed") is not None:
        return headline["assessed"], headline["scored"]
    unassessed = sum(
        item["count"]
        for item in headline["distribution"]
        if item["status"] == Status.NOT_YET_ASSESSED.value
    )
    return headline["scored"] - unassessed, headline["scored"]


class SourceList:
    """One numbered list of sources: the first citation of a source gives it its number."""

    def __init__(self, sources: list[dict]):
        self._by_key = {s["key"]: s for s in sources}
        self.entries: list[dict] = []
        self._numbers: dict[str, int] = {}

    def number(self, key: str) -> int | None:
        if not key or key not in self._by_key:
            return None
        if key not in self._numbers:
            self.entries.append(self._by_key[key])
            self._numbers[key] = len(self.entries)
        return self._numbers[key]

    def numbers(self, keys) -> list[int]:
        return sorted({n for n in (self.number(k) for k in keys) if n is not None})


def _evidence_keys(action: dict, occurrence_sources: dict) -> list[str]:
    keys = []
    for e in action["evidence"]:
        if e.get("source_key"):
            keys.append(e["source_key"])
        if e.get("occurrence_id"):
            keys.extend(occurrence_sources.get(e["occurrence_id"], []))
    return keys


def _latest(values):
    values = [v for v in values if v]
    return max(values) if values else None


def _is_an_action(summary, actions) -> bool:
    """The line's subject is one of its actions' titles, the same translation of the same
    original: the original is printed once on the line, under the action (#13 item 1)."""
    t = getattr(summary, "translation", None)
    if t is None:
        return False
    for a in actions:
        other = getattr(a["title"], "translation", None)
        if other is not None and str(a["title"]) == str(summary):
            if other.original_text == t.original_text:
                return True
    return False


def _line(number, summary, percent, actions, source_keys, sources: SourceList) -> dict:
    return {
        "number": number,
        "summary": summary,
        "subject_is_an_action": _is_an_action(summary, actions),
        "percent": percent,
        "actions": actions,
        # The latest published assessment of any of the line's actions.
        "last_change": _latest(a["latest_as_of"] for a in actions),
        # The latest published review record of any of them (#11 rule 6): someone checked the
        # sources and found no change. Read from the roll-up's annotation (last_reviewed_on).
        "last_review": _latest(a["last_reviewed_on"] for a in actions),
        "refs": sources.numbers(source_keys),
        # #11 rule 3: said beside the line's figure (a 0 % that means "no sourced figure").
        "unfigured": sum(1 for a in actions if a.get("is_unfigured")),
    }


def build_brief(resolution, as_of: date, *, report: dict | None = None) -> dict:
    report = report or build_report(resolution, as_of)
    sources = SourceList(report["sources"])
    occurrence_sources = {o["id"]: o["source_keys"] for o in report["occurrences"]}
    # The resolution's own sources come first in the list (its identity rests on them).
    for s in report["sources"]:
        if s["of_resolution"]:
            sources.number(s["key"])
    title_ref = None
    if report["resolution"]["title_translation"]:
        title_ref = sources.number(report["resolution"]["title_translation"]["source_key"])
    # The stored (English) title's own source: the title shown on an English brief, the
    # English version beside a translated one.
    english_title = report["resolution"]["title_source"] or next(
        (t for t in report["resolution"]["titles"] if t["language"] == "en" and t["source_key"]),
        None,
    )
    english_title_ref = sources.number(english_title["source_key"]) if english_title else None
    lines = []
    for p in report["paragraphs"]:
        if not p["is_operative"]:
            continue
        keys = [k for a in p["actions"] for k in _evidence_keys(a, occurrence_sources)]
        lines.append(_line(p["number"], p["summary"], p["percent"], p["actions"], keys, sources))
    unplaced = report["unplaced_actions"]
    if unplaced:
        keys = [k for a in unplaced for k in _evidence_keys(a, occurrence_sources)]
        line = _line("", report["unplaced_title"], None, unplaced, keys, sources)
        line["unplaced"] = True
        lines.append(line)
    headline = report["headline"]
    assessed, countable = assessed_count(headline)
    return {
        "report": report,
        "r": report["resolution"],
        "title_ref": title_ref,
        "english_title": english_title,
        "english_title_ref": english_title_ref,
        "as_of": report["as_of"],
        "headline": headline,
        "distribution": [item for item in headline["distribution"] if item["count"]],
        "assessed": assessed,
        "countable": countable,
        "lines": lines,
        "overdue": [a for a in report["actions"] if a["is_overdue"]],
        "unassessed": [
            a for a in report["actions"] if a["status"] == Status.NOT_YET_ASSESSED.value
        ],
        "sources": sources.entries,
        "generated": generated_text(report["generated_at"]),
    }


def render_brief_html(brief: dict, *, pdf: bool, links: dict | None = None) -> str:
    return render_to_string("exports/brief.html", {**brief, "pdf": pdf, "links": links or {}})


def render_brief_pdf(brief: dict, links: dict | None = None) -> bytes:
    from . import formats

    return formats.html_to_pdf(render_brief_html(brief, pdf=True, links=links))


def brief_title(brief: dict) -> str:
    return _("%(symbol)s — one-page brief as of %(day)s") % {
        "symbol": brief["r"]["symbol"],
        "day": brief["as_of"].isoformat(),
    }
