"""``build_report``: the computed progress report behind the PDF, XLSX and CSV (and the brief),
built in the active language (the views wrap it in ``translation.override``)."""

from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from resolutions.dates import precise_iso
from resolutions.models import Resolution
from resolutions.rollup import is_before_adoption
from resolutions.status import DEFINITIONS, ORDER

from .entries import (
    action_entry,
    evidence_entry,
    occurrence_date,
    participation_text,
    rollup_entry,
    source_entry,
)
from .languages import NO_PARAGRAPH, Shown, original_entry, other_versions, translation_entry
from .snapshot import Snapshot, snapshot


def build_report(resolution: Resolution, as_of: date, *, snap: Snapshot | None = None) -> dict:
    snap = snap or snapshot(resolution, as_of)
    updates = {u.pk: u for u in snap.updates}
    actions = []
    for action in snap.actions:
        latest = updates.get(action.latest_update_id)
        actions.append(
            action_entry(
                action,
                # The note in the report's language, labelled when the project translated it.
                note=Shown(latest, "note") if latest and latest.note else "",
                verification=latest.verification if latest else "",
                evidence=[evidence_entry(e) for e in latest.evidence.all()] if latest else [],
            )
        )
    by_paragraph: dict[str, list] = {}
    for entry in actions:
        for number in entry["paragraphs"]:
            by_paragraph.setdefault(number, []).append(entry)

    paragraphs = []
    for p in snap.paragraphs:
        rollup = snap.paragraph_rollups.get(p.pk)
        text = Shown(p, "text")
        paragraphs.append(
            {
                "number": p.number,
                "number_is_positional": p.number_is_positional,
                "kind": p.kind,
                "kind_label": p.get_kind_display(),
                "is_operative": p.is_operative,
                "summary": Shown(p, "summary"),
                "verb": p.verb_display or "",
                "addressee": p.addressee_display or "",
                # In the report's language, or the original marked as not available in it.
                "text": text,
                # Where the text shown comes from: the translation's own provenance when one is
                # shown, else the original's (below).
                "text_translation": translation_entry(text.translation),
                "provenance": p.text_provenance,
                "provenance_label": p.get_text_provenance_display(),
                "text_source": p.text_source.citation if p.text_source_id else "",
                "locator": p.text_source_locator,
                "provenance_note": p.provenance_note,
                "excluded": p.excluded_from_rollup,
                "exclusion_reason": p.exclusion_reason,
                "url": reverse("paragraph_detail", args=[resolution.slug, p.number]),
                # The same text in the other languages the tracker holds it in.
                "text_translations": other_versions(
                    p,
                    "text",
                    text,
                    snap.translations.get(("paragraph", p.pk), []),
                    original_provenance=p.get_text_provenance_display(),
                ),
                # Preambular paragraphs are not scored: no roll-up at all (never 0 %).
                "rollup": rollup_entry(rollup) if rollup is not None else None,
                "percent": rollup.percent if rollup is not None else None,
                "actions": by_paragraph.get(p.number, []),
            }
        )

    titles = {a["id"]: a["title"] for a in actions}
    recurring = {a.pk for a in snap.actions if a.is_recurring}
    occurrences = [
        {
            "action_id": o.action_id,
            "action": titles.get(o.action_id, ""),
            "recurring": o.action_id in recurring,
            "kind": o.get_kind_display(),
            "title": Shown(o, "title"),
            # #11 rule 4: a month or a year stays one ("2018-11"), never a day it does not give.
            "start_date": o.start_date
            if o.date_precision in ("day", "after")
            else precise_iso(o.start_date, o.date_precision),
            "end_date": o.end_date,
            # #11 rule 1: an event before adoption is context, never credit, and says so.
            "date": f"{occurrence_date(o)} ({_('before adoption')})"
            if is_before_adoption(o.start_date, snap.resolution.adopted_on)
            else occurrence_date(o),
            "place": Shown(o, "place"),
            "theme": Shown(o, "theme"),
            "participation": participation_text(o),
            "sources": [s.title for s in o.sources.all()],
            "id": o.pk,
            "source_keys": [s.key for s in o.sources.all()],
        }
        for o in snap.occurrences
        if o.start_date <= as_of
    ]
    figures = [
        {
            "action_id": f.action_id,
            "action": titles.get(f.action_id, ""),
            "label": Shown(f, "label"),
            "value": f.value,
            "is_minimum": f.is_minimum,
            "as_of": f.as_of,
            "source": f.source.citation,
            "source_key": f.source.key,
        }
        for f in snap.figures
    ]

    # Every source the report relies on: the resolution's own first, then those cited.
    cited = {s.pk: s for s in snap.sources}
    for p in snap.paragraphs:
        if p.text_source_id:
            cited.setdefault(p.text_source_id, p.text_source)
    for a in snap.actions:
        if a.mandate_source_id:
            cited.setdefault(a.mandate_source_id, a.mandate_source)
    for u in snap.updates:
        for e in u.evidence.all():
            if e.source_id:
                cited.setdefault(e.source_id, e.source)
    for o in snap.occurrences:
        for s in o.sources.all():
            cited.setdefault(s.pk, s)
    for f in snap.figures:
        cited.setdefault(f.source_id, f.source)
    # Translations cite their own sources (the French title rests on a SESRIC page).
    for rows in snap.translations.values():
        for t in rows:
            if t.source_id:
                cited.setdefault(t.source_id, t.source)
    # The stored title is quoted from a source too (#14: the English title of 53/45-POL is
    # verbatim from a Turkish press release).
    title_source = resolution.cited_title_source(among=cited.values())
    if title_source is not None:
        cited.setdefault(title_source.pk, title_source)
    own = {s.pk for s in snap.sources}

    def source_order(s):
        return (s.pk not in own, s.date or date.max, s.title)

    sources = [
        {**source_entry(s), "of_resolution": s.pk in own}
        for s in sorted(cited.values(), key=source_order)
    ]

    # Evidence points to the numbered source list ("[3]") instead of repeating its title.
    numbers = {s["key"]: n for n, s in enumerate(sources, start=1)}
    occurrence_keys = {o.pk: [s.key for s in o.sources.all()] for o in snap.occurrences}
    for entry in actions:
        for e in entry["evidence"]:
            keys = [e["source_key"]] if e["source_key"] else []
            keys += occurrence_keys.get(e["occurrence_id"], [])
            e["refs"] = sorted({numbers[k] for k in keys if k in numbers})
    text_refs = {p.pk: numbers.get(p.text_source.key) for p in snap.paragraphs if p.text_source_id}
    for entry, p in zip(paragraphs, snap.paragraphs, strict=True):
        entry["text_source_ref"] = text_refs.get(p.pk)
        for t in [entry["text_translation"], *entry["text_translations"]]:
            if t:
                t["source_ref"] = numbers.get(t.get("source_key", ""))
    # Occurrences and sourced figures cite the list too, by number (the report's annex).
    for o in occurrences:
        o["refs"] = sorted({numbers[k] for k in o["source_keys"] if k in numbers})
    for f in figures:
        f["source_ref"] = numbers.get(f["source_key"])

    title = Shown(resolution, "title")
    title_translation = translation_entry(title.translation)
    titles = other_versions(
        resolution,
        "title",
        title,
        snap.translations.get(("resolution", resolution.pk), []),
        source=title_source,
        locator=resolution.title_locator,
    )
    # Where the title shown is the stored one: the source it is quoted from.
    stored_title = (
        original_entry(resolution, "title", title_source, resolution.title_locator)
        if title.translation is None and title_source is not None
        else None
    )
    for t in [title_translation, stored_title, *titles]:
        if t:
            t["source_ref"] = numbers.get(t.get("source_key", ""))
    return {
        "resolution": {
            "symbol": resolution.symbol,
            "slug": resolution.slug,
            # The title in the report's language (the Arabic report is headed by the Arabic
            # title), with the provenance of the translation when one is shown.
            "title": title,
            "title_translation": title_translation,
            "title_ref": title_translation["source_ref"] if title_translation else None,
            "title_source": stored_title,
            "adopting_body": Shown(resolution, "adopting_body"),
            "session": Shown(resolution, "session"),
            "session_theme": Shown(resolution, "session_theme") if resolution.session_theme else "",
            "place": Shown(resolution, "place"),
            "adopted_on": resolution.adopted_on,
            "adopted_until": resolution.adopted_until,
            "adopted_hijri": resolution.adopted_hijri,
            "adopted_hijri_source": resolution.hijri_source(among=cited.values()),
            "adoption_dates_note": (
                Shown(resolution, "adoption_dates_note") if resolution.adoption_dates_note else ""
            ),
            "summary": Shown(resolution, "summary"),
            "url": reverse("resolution_detail", args=[resolution.slug]),
            # The title in the OIC's other official languages, where a source gives it (and
            # the English original when the title shown is a translation).
            "titles": titles,
        },
        "as_of": as_of,
        "generated_at": timezone.now(),
        "headline": rollup_entry(snap.rollup),
        "paragraphs": paragraphs,
        "unplaced_actions": [a for a in actions if not a["paragraphs"]],
        "unplaced_title": str(NO_PARAGRAPH),
        "actions": actions,
        "occurrences": occurrences,
        "figures": figures,
        "sources": sources,
        "conclusions": conclusions(actions),
    }


def conclusions(actions: list[dict]) -> dict:
    """What the data says, grouped for the report's conclusions: the actions by status (the
    roll-up's), and those overdue. Nothing is inferred beyond the statuses."""
    by_status = []
    for status in ORDER:
        titles = [a["title"] for a in actions if a["status"] == status.value]
        if titles:
            by_status.append(
                {
                    "status": status.value,
                    "label": str(status.label),
                    "definition": str(DEFINITIONS[status]),
                    "titles": titles,
                }
            )
    return {
        "by_status": by_status,
        "overdue": [a["title"] for a in actions if a["is_overdue"]],
    }
