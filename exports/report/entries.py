"""One record as every export shows it: an action, its evidence, an occurrence's date and
participation, a source, a roll-up, the verifier of an update. Plain dicts, read from a snapshot's
annotated records; nothing here queries or derives a status."""

import re

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from resolutions.dates import precise_iso, precise_label
from resolutions.languages import ORIGINAL_LANGUAGE, active_language
from resolutions.models import Evidence
from resolutions.models.status_updates import Verification
from resolutions.selectors import rollup_entry  # noqa: F401  (one shape, shared with the API)
from resolutions.status import Status
from resolutions.translations import actor_label, country_name, format_day, translated

from .languages import NOT_STATED, SOURCE_KIND_LABELS, VERIFICATION_LABELS, Shown

_FILE_VERIFIER = re.compile(r"^Verified by (.+) on (\d{4}-\d{2}-\d{2}) \(data file\)\.$")


def verifier(update) -> dict:
    """The export's "verification", "verified_by" and "verified_on" of a published update.

    A verified update names the reviewer who published it, or the verifier a data file named
    (kept in its review note). One marked verified with neither (recorded through the trusted
    service without a name) is exported as reported: the file cannot name a verifier it does not
    know, and the loader publishes "verified" only with a verifier and a date (#11)."""
    none = {
        "verification": Verification.REPORTED.value if update.verification else None,
        "verified_by": None,
        "verified_on": None,
    }
    if update.verification != Verification.VERIFIED:
        return none
    if update.verified_by_id or update.published_by_id:
        # Verified later by a second person, or verified when a reviewer published it.
        later = bool(update.verified_by_id)
        user = update.verified_by if later else update.published_by
        when = update.verified_at if later and update.verified_at else update.published_at
        on = timezone.localtime(when).date().isoformat()
        name = user.get_full_name() or user.get_username()
        return {"verification": "verified", "verified_by": name, "verified_on": on}
    found = _FILE_VERIFIER.match(update.review_note or "")
    if found:
        return {"verification": "verified", "verified_by": found[1], "verified_on": found[2]}
    return none


def evidence_entry(evidence: Evidence) -> dict:
    occurrence = evidence.occurrence if evidence.occurrence_id else None
    source = evidence.source if evidence.source_id else None
    title = evidence.display_title
    if occurrence is not None and title == occurrence.title:
        title = Shown(occurrence, "title")  # an event's name, in the report's language
    return {
        "title": title,
        "symbol": source.symbol if source else "",
        "date": occurrence.start_date if occurrence else (source.date if source else None),
        # The locator in the report's language ("Annexe, deuxième séance"); the quote stays
        # the source's own words, with the project's unofficial translation beside it (#13).
        "locator": Shown(evidence, "locator"),
        "quote": evidence.quote,
        "quote_translation": quote_translation(evidence, "quote"),
        "link": evidence.link,
        # For numbered references to the report's one source list.
        "source_key": source.key if source else "",
        "occurrence_id": occurrence.pk if occurrence else None,
    }


def quote_translation(record, field: str) -> dict | None:
    """The unofficial translation of a verbatim quote in the active language, for the exports
    that show the quote (the PDF): {"text", "marker"}; None in English or without a quote. Where
    no translation exists the marker says so ("(non disponible en français)")."""
    original = getattr(record, field, "") or ""
    if not original or active_language() == ORIGINAL_LANGUAGE:
        return None
    shown = translated(record, field)
    if shown.translation is None:
        return {"text": "", "marker": str(shown.marker)}
    return {"text": shown.text, "marker": ""}


def evidence_text(entries: list[dict]) -> str:
    """Evidence as one line for a table cell: 'Title, locator; Title'."""
    return "; ".join(", ".join(filter(None, [e["title"], e["locator"]])) for e in entries)


def responsible_label(action) -> str:
    """The responsible actors as one line; "Not stated" when no source names them."""
    names = [actor_label(actor) for actor in action.responsible_actors.all()]
    return "; ".join(names) or str(NOT_STATED)


def action_entry(
    action, *, note: str = "", evidence: list | None = None, verification: str = ""
) -> dict:
    """One action as every export shows it. `action` carries the roll-up's annotations and its
    translations (prefetched: ``translated`` would otherwise query once per action)."""
    status = Status(action.current_status)
    return {
        "id": action.pk,
        "key": action.key,
        "title": Shown(action, "title"),
        "url": reverse("action_detail", args=[action.pk]),
        "mandate_type": action.mandate_type_id,
        "mandate_type_label": action.get_mandate_type_display(),
        "recurrence": action.recurrence,
        "paragraphs": [p.number for p in action.paragraphs.all()],
        "responsible": [actor.name for actor in action.responsible_actors.all()],
        # The same names in the report's language (the CSV's cells; "Secrétariat général de
        # l'OCI", a Member State's name from CLDR).
        "responsible_names": [actor_label(actor) for actor in action.responsible_actors.all()],
        # Where people read it: no source names who is responsible, so "Not stated".
        "responsible_label": responsible_label(action),
        # The organisations' names as shown, so the PDFs can print the original beside a
        # translation the project made (#13 item 1); a Member State's name is CLDR's.
        "responsible_shown": [
            Shown(actor, "name")
            for actor in action.responsible_actors.all()
            if not actor.member_state_id
        ],
        "due_date": action.due_date,
        "weight": action.weight,
        "status": status.value,
        "status_label": str(status.label),
        # None for "not applicable": excluded actions earn no credit and count in no total.
        # None too before adoption (#11 rule 1): nothing is scored, so no percentage.
        "credit": action.credit if getattr(action, "is_scored", True) else None,
        # #11 rule 3: assessed as under way, with no sourced figure (its 0 is "no figure").
        "is_unfigured": bool(getattr(action, "is_unfigured", False)),
        "recorded_progress": action.latest_progress,
        "latest_as_of": action.latest_as_of,
        # As precisely as the source gives it: "2018-11" for a month (#11 rule 4).
        "last_occurrence_on": precise_iso(
            action.last_occurrence_on, action.last_occurrence_precision
        ),
        "last_occurrence_label": precise_label(
            action.last_occurrence_on, action.last_occurrence_precision, "medium"
        ),
        "last_reviewed_on": action.last_reviewed_on,
        "is_overdue": bool(action.is_overdue),
        "is_stale": bool(action.is_stale),
        "note": note,
        # How far the latest published update was checked: "verified" or "reported".
        "verification": verification,
        "verification_label": str(VERIFICATION_LABELS.get(verification, "")),
        "evidence": evidence or [],
        "evidence_text": evidence_text(evidence or []),
        "attribution_note": action.attribution_note,
        # #15: the earlier resolution's action this one carries on, named as data files name it
        # (the earlier resolution need not be loaded), and the source that ties the two.
        "continues": {
            "symbol": action.continues_symbol,
            "key": action.continues_key,
            "source": action.continues_source.title if action.continues_source else "",
        }
        if action.continues_symbol
        else None,
    }


def occurrence_date(occurrence) -> str:
    """The date as precisely as the source gives it, with the active language's month names."""
    start, end = occurrence.start_date, occurrence.end_date
    if occurrence.date_precision == "month":
        return format_day(start, "month")
    if occurrence.date_precision == "year":
        return str(start.year)
    if occurrence.date_precision == "after":
        from resolutions.templatetags.tracker import on_or_after

        return on_or_after(format_day(start))
    if end and end != start:
        return f"{format_day(start)} – {format_day(end)}"
    return format_day(start)


def participation_text(occurrence) -> str:
    parts = []
    count = occurrence.participants_count
    if count is not None:
        if occurrence.participants_count_is_minimum:
            text = ngettext("more than %(n)s participant", "more than %(n)s participants", count)
        else:
            text = ngettext("%(n)s participant", "%(n)s participants", count)
        parts.append(text % {"n": count})
    states = occurrence.member_states_count
    if states is not None:
        parts.append(ngettext("%(n)s Member State", "%(n)s Member States", states) % {"n": states})
    named = [
        country_name(p.member_state.iso3, p.member_state.name)
        for p in occurrence.participations.all()
    ]
    if named:
        parts.append(_("named: %(names)s") % {"names": ", ".join(named)})
    return "; ".join(parts)


def source_entry(source) -> dict:
    return {
        "key": source.key,
        "title": source.title,
        "kind": str(SOURCE_KIND_LABELS.get(source.kind, source.get_kind_display())),
        "symbol": source.symbol,
        "url": source.url,
        "date": source.date,
        "publisher": source.publisher,
        "citation": source.citation,
    }
