"""The one read path behind every per-resolution export.

``snapshot(resolution, as_of)`` reads everything the exports need about one resolution as it stood
on ``as_of``, in a fixed number of queries whatever the size of the resolution:

- statuses, credits and flags come from the roll-up (``Action.objects.with_status`` and
  ``resolution_rollup``/``paragraph_rollups``), never recomputed here;
- status updates come only through ``StatusUpdate.objects.public()``, the single publication gate.

Two plain structures are built from a snapshot:

- ``build_report``: the computed progress report behind the PDF, XLSX and CSV;
- ``build_dataset``: the open-data JSON, which is exactly the loader's own file format
  ("resolution-tracker/1"), so that an export can be loaded back with ``load_resolution``.

The report is built in the active language (the views wrap it in ``translation.override``):
labels come from gettext and the TextChoices, and translatable content (titles, paragraph texts,
occurrence themes) from the content translations, through the public pages' own
``resolutions.translations.translated`` -- a field without a translation is the English original
marked "(not available in Arabic)", never silently. The JSON dataset is language-neutral data.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.translation import get_language_info, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from resolutions.dates import precise_iso, precise_label
from resolutions.loader import FORMAT
from resolutions.models import (
    Action,
    Actor,
    Evidence,
    MemberStateRole,
    Occurrence,
    Paragraph,
    Participation,
    Resolution,
    SourcedFigure,
    StatusUpdate,
    TextTranslation,
)
from resolutions.models.provenance import Provenance
from resolutions.models.sources import SourceDocument
from resolutions.models.status_updates import Verification
from resolutions.rollup import Rollup, paragraph_rollups, resolution_rollup
from resolutions.status import DEFINITIONS, ORDER, Status
from resolutions.templatetags.content_i18n import tr
from resolutions.translations import (
    ORIGINAL_LANGUAGE,
    actor_label,
    country_name,
    format_day,
    translated,
)

NO_PARAGRAPH = gettext_lazy("Mandates with no known paragraph")
NOT_STATED = gettext_lazy("Not stated by the sources")

# Labels the models keep in English (their choices are not marked for translation); the
# reports are read in French and Arabic, so they are translated here.
VERIFICATION_LABELS = {
    Verification.REPORTED: gettext_lazy("Reported"),
    Verification.VERIFIED: gettext_lazy("Verified"),
}
SOURCE_KIND_LABELS = {
    SourceDocument.Kind.UN_DOCUMENT: gettext_lazy("UN document"),
    SourceDocument.Kind.OIC_DOCUMENT: gettext_lazy("OIC document"),
    SourceDocument.Kind.PRESS_RELEASE: gettext_lazy("Government press release"),
    SourceDocument.Kind.NEWS_REPORT: gettext_lazy("News report"),
    SourceDocument.Kind.CONCEPT_NOTE: gettext_lazy("Concept note or programme"),
    SourceDocument.Kind.WEB_PAGE: gettext_lazy("Web page"),
    SourceDocument.Kind.OTHER: gettext_lazy("Other"),
}


class Shown(str):
    """A translatable field as the report shows it, in the active language.

    As text (CSV and XLSX cells) it is the translation, or the English original followed by the
    "(not available in Arabic)" marker. In a template it renders like the public pages'
    ``{% tr obj "field" %}``: the original isolated as English, the marker in its own span.
    A str, so that every renderer, the csv module and openpyxl take it as it is.
    """

    def __new__(cls, obj, field):
        shown = translated(obj, field)
        marker = str(shown.marker)
        self = super().__new__(cls, f"{shown.text} {marker}" if marker else shown.text)
        self.text, self.marker, self.translation = shown.text, marker, shown.translation
        self.language = shown.language
        self._html = tr(obj, field)
        return self

    def __html__(self):
        return conditional_escape(self._html)


def language_name(code: str) -> str:
    """ "Arabic", "arabe", "العربيّة": a language's name in the active language (Django's own
    catalogue, so no new message)."""
    return get_language_info(code)["name_translated"]


def translation_provenance(t: TextTranslation) -> str:
    """How far a translation can be trusted, worded as the public pages word it."""
    return str(
        _("Verbatim") if t.provenance == Provenance.VERBATIM else _("Unofficial translation")
    )


@dataclass
class Snapshot:
    resolution: Resolution
    as_of: date
    sources: list
    paragraphs: list
    actions: list  # annotated by the roll-up (latest_update_id among them)
    updates: list  # public updates on or before as_of, oldest first, evidence prefetched
    occurrences: list
    figures: list
    roles: list
    translations: dict  # {(model name, object id): [TextTranslation, …]}
    rollup: Rollup
    paragraph_rollups: dict


def snapshot(resolution: Resolution, as_of: date) -> Snapshot:
    paragraphs = list(resolution.paragraphs.in_order().select_related("text_source"))
    actions = list(
        Action.objects.with_status(as_of)
        .filter(resolution=resolution)
        .select_related("mandate_source", "responsible_source")
        .prefetch_related(
            Prefetch("responsible_actors", Actor.objects.select_related("member_state__source")),
            "description_sources",
            Prefetch("paragraphs", Paragraph.objects.order_by("order")),
        )
        .order_by("pk")
    )
    # Oldest first: reloading the JSON export recreates updates in this order, so ties between
    # updates with the same as-of date are broken the same way ("a later correction wins").
    updates = list(
        StatusUpdate.objects.public()
        .on_or_before(as_of)
        .filter(action__resolution=resolution)
        .select_related("published_by", "verified_by")
        .prefetch_related(
            Prefetch("evidence", Evidence.objects.select_related("source", "occurrence"))
        )
        .order_by("action_id", "as_of", "recorded_at", "id")
    )
    # Occurrences up to as_of, plus any that an included update cites (so the JSON export still
    # loads); a later occurrence cannot change a status on as_of, the roll-up ignores it.
    cited = {e.occurrence_id for u in updates for e in u.evidence.all() if e.occurrence_id}
    occurrences = list(
        Occurrence.objects.filter(action__resolution=resolution)
        .filter(Q(start_date__lte=as_of) | Q(pk__in=cited))
        .prefetch_related(
            "sources",
            Prefetch(
                "participations",
                Participation.objects.select_related("member_state__source", "source"),
            ),
        )
        .order_by("action_id", "start_date", "id")
    )
    figures = list(
        SourcedFigure.objects.filter(action__resolution=resolution, as_of__lte=as_of)
        .select_related("source")
        .order_by("action_id", "as_of", "id")
    )
    roles = list(
        MemberStateRole.objects.filter(action__resolution=resolution)
        .filter(Q(as_of__isnull=True) | Q(as_of__lte=as_of))
        .select_related("member_state__source", "source")
        .order_by("action_id", "role", "member_state__iso3")
    )
    operative = [p.pk for p in paragraphs if p.is_operative]
    translations = _translations(resolution, paragraphs, actions, occurrences)
    _attach_translations(translations, [resolution], paragraphs, actions, occurrences)
    return Snapshot(
        translations=translations,
        resolution=resolution,
        as_of=as_of,
        sources=list(resolution.sources.all()),
        paragraphs=paragraphs,
        actions=actions,
        updates=updates,
        occurrences=occurrences,
        figures=figures,
        roles=roles,
        rollup=resolution_rollup(resolution, as_of),
        paragraph_rollups=paragraph_rollups(operative, as_of) if operative else {},
    )


def _translations(resolution, paragraphs, actions, occurrences) -> dict:
    """Every translation of the resolution's records, in one query. Content types are matched
    by name in the same query (no ContentType lookups, whose cache would make the query count
    depend on what ran before)."""
    owners = {
        "resolution": [resolution.pk],
        "paragraph": [p.pk for p in paragraphs],
        "action": [a.pk for a in actions],
        "occurrence": [o.pk for o in occurrences],
    }
    condition = Q()
    for model, ids in owners.items():
        condition |= Q(content_type__model=model, object_id__in=ids)
    found: dict[tuple, list] = {}
    for t in (
        TextTranslation.objects.filter(condition, content_type__app_label="resolutions")
        .select_related("content_type", "source")
        .order_by("object_id", "language", "field")
    ):
        found.setdefault((t.content_type.model, t.object_id), []).append(t)
    return found


def _attach_translations(found: dict, *groups) -> None:
    """Hand each record its translations, as ``resolutions.translations.prefetch_translations``
    leaves them, so that ``translated()`` reads them without a query: the snapshot already read
    every language (the JSON export needs them all), a second query would only repeat it."""
    for group in groups:
        for record in group:
            cached = TextTranslation.objects.all()
            cached._result_cache = found.get((record._meta.model_name, record.pk), [])
            cached._prefetch_done = True
            record.__dict__.setdefault("_prefetched_objects_cache", {})["translations"] = cached


# -- the computed report (PDF, XLSX, CSV) ---------------------------------------------------


def _translation_entry(t: TextTranslation | None) -> dict | None:
    if t is None:
        return None
    return {
        "language": t.language,
        "language_label": language_name(t.language),
        "provenance": translation_provenance(t),
        "source": t.source.citation if t.source_id else "",
        "source_key": t.source.key if t.source_id else "",
        "locator": t.locator,
        "note": t.note,
    }


def _other_versions(obj, field: str, shown: Shown, rows: list, original_provenance: str = ""):
    """`field` of `obj` in every language the tracker holds it in, except the one shown: the
    English original when a translation is shown, and the translations in other languages."""
    versions = []
    if shown.translation is not None and getattr(obj, field, ""):
        versions.append(
            {
                "language": ORIGINAL_LANGUAGE,
                "language_label": language_name(ORIGINAL_LANGUAGE),
                "text": getattr(obj, field),
                # Stored in English does not make English the original: the English title of
                # 53/45-POL comes from a Turkish press release, and which text is the original is
                # not known.
                "provenance": original_provenance
                or str(_("as recorded in the tracker; which language is original is not known")),
                "source": "",
                "locator": "",
                "note": "",
            }
        )
    for t in rows:
        if t.field == field and t.language != shown.language:
            versions.append({**_translation_entry(t), "text": t.text})
    return versions


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


def rollup_entry(rollup: Rollup) -> dict:
    return {
        "percent": rollup.percent,
        "total": rollup.total,
        "scored": rollup.scored,
        # #11: "n of N actions assessed", work under way with no sourced figure, and whether
        # the resolution was adopted yet on the date (no percentage before).
        "assessed": rollup.assessed,
        "unfigured": rollup.unfigured,
        "not_yet_adopted": rollup.not_yet_adopted,
        "excluded": rollup.excluded,
        "overdue": rollup.overdue,
        "stale": rollup.stale,
        "weighted_credit": rollup.weighted_credit,
        "weight_total": rollup.weight_total,
        "distribution": [
            {"status": status.value, "label": str(status.label), "count": count}
            for status, count in rollup.distribution
        ],
    }


def evidence_entry(evidence: Evidence) -> dict:
    occurrence = evidence.occurrence if evidence.occurrence_id else None
    source = evidence.source if evidence.source_id else None
    return {
        "title": evidence.display_title,
        "symbol": source.symbol if source else "",
        "date": occurrence.start_date if occurrence else (source.date if source else None),
        "locator": evidence.locator,
        "quote": evidence.quote,
        "link": evidence.link,
        # For numbered references to the report's one source list.
        "source_key": source.key if source else "",
        "occurrence_id": occurrence.pk if occurrence else None,
    }


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
        "mandate_type": action.mandate_type,
        "mandate_type_label": action.get_mandate_type_display(),
        "recurrence": action.recurrence,
        "paragraphs": [p.number for p in action.paragraphs.all()],
        "responsible": [actor.name for actor in action.responsible_actors.all()],
        # Where people read it: no source names who is responsible, so "Not stated".
        "responsible_label": responsible_label(action),
        "due_date": action.due_date,
        "weight": action.weight,
        "status": status.value,
        "status_label": str(status.label),
        # None for "not applicable": excluded actions earn no credit and count in no total.
        "credit": action.credit,
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


def build_report(resolution: Resolution, as_of: date, *, snap: Snapshot | None = None) -> dict:
    snap = snap or snapshot(resolution, as_of)
    updates = {u.pk: u for u in snap.updates}
    actions = []
    for action in snap.actions:
        latest = updates.get(action.latest_update_id)
        actions.append(
            action_entry(
                action,
                note=latest.note if latest else "",
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
                "text_translation": _translation_entry(text.translation),
                "provenance": p.text_provenance,
                "provenance_label": p.get_text_provenance_display(),
                "text_source": p.text_source.citation if p.text_source_id else "",
                "locator": p.text_source_locator,
                "provenance_note": p.provenance_note,
                "excluded": p.excluded_from_rollup,
                "exclusion_reason": p.exclusion_reason,
                "url": reverse("paragraph_detail", args=[resolution.slug, p.number]),
                # The same text in the other languages the tracker holds it in.
                "text_translations": _other_versions(
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
            "start_date": o.start_date,
            "end_date": o.end_date,
            "date": occurrence_date(o),
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
            "label": f.label,
            "value": f.value,
            "is_minimum": f.is_minimum,
            "as_of": f.as_of,
            "source": f.source.citation,
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

    title = Shown(resolution, "title")
    return {
        "resolution": {
            "symbol": resolution.symbol,
            "slug": resolution.slug,
            # The title in the report's language (the Arabic report is headed by the Arabic
            # title), with the provenance of the translation when one is shown.
            "title": title,
            "title_translation": _translation_entry(title.translation),
            "adopting_body": Shown(resolution, "adopting_body"),
            "session": Shown(resolution, "session"),
            "session_theme": resolution.session_theme,
            "place": Shown(resolution, "place"),
            "adopted_on": resolution.adopted_on,
            "adopted_until": resolution.adopted_until,
            "adopted_hijri": resolution.adopted_hijri,
            "adopted_hijri_source": resolution.hijri_source(among=cited.values()),
            "adoption_dates_note": resolution.adoption_dates_note,
            "summary": Shown(resolution, "summary"),
            "url": reverse("resolution_detail", args=[resolution.slug]),
            # The title in the OIC's other official languages, where a source gives it (and
            # the English original when the title shown is a translation).
            "titles": _other_versions(
                resolution,
                "title",
                title,
                snap.translations.get(("resolution", resolution.pk), []),
            ),
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


# -- the open-data JSON (the loader's file format) ------------------------------------------


def build_dataset(resolution: Resolution, as_of: date, *, snap: Snapshot | None = None) -> dict:
    """The resolution as a "resolution-tracker/1" data file, as it stood on `as_of`.

    Every key the loader knows is written, always (null or "" when empty), so consumers see a
    stable shape; see exports/schema/resolution-export-v1.schema.json. Loading this file into an
    empty database (after the member states) reproduces the same pages and roll-up numbers.
    """
    snap = snap or snapshot(resolution, as_of)
    sources: dict[str, object] = {}
    member_states: dict[str, object] = {}

    def cite(source):
        if source is None:
            return None
        sources[source.key] = source
        return source.key

    def state(member_state):
        member_states[member_state.iso3] = member_state
        if member_state.source_id:
            cite(member_state.source)
        return member_state.iso3

    def iso(value):
        return value.isoformat() if value else None

    def translations(model, pk):
        """{language: {field: {text, provenance, source, locator, note}}}, as the loader reads."""
        result: dict[str, dict] = {}
        for t in snap.translations.get((model, pk), []):
            result.setdefault(t.language, {})[t.field] = {
                "text": t.text,
                "provenance": t.provenance,
                "source": cite(t.source) if t.source_id else None,
                "locator": t.locator,
                "note": t.note,
                # An unofficial translation: the language of the text it was made from.
                "from": t.original_language or None,
            }
        return result

    occurrence_keys = {o.pk: o.key or f"occurrence-{o.pk}" for o in snap.occurrences}
    occurrences_of: dict[int, list] = {}
    for o in snap.occurrences:
        occurrences_of.setdefault(o.action_id, []).append(
            {
                "key": occurrence_keys[o.pk],
                "kind": o.kind,
                "title": o.title,
                "start_date": iso(o.start_date),
                "end_date": iso(o.end_date),
                "date_precision": o.date_precision,
                "place": o.place,
                "theme": o.theme,
                "participants_count": o.participants_count,
                "participants_count_is_minimum": o.participants_count_is_minimum,
                "member_states_count": o.member_states_count,
                "participation_note": o.participation_note,
                "notes": o.notes,
                "translations": translations("occurrence", o.pk),
                "sources": [cite(s) for s in o.sources.all()],
                "participations": [
                    {
                        "member_state": state(p.member_state),
                        "role": p.role,
                        "source": cite(p.source),
                        "note": p.note,
                    }
                    for p in o.participations.all()
                ],
            }
        )
    figures_of: dict[int, list] = {}
    for f in snap.figures:
        figures_of.setdefault(f.action_id, []).append(
            {
                "label": f.label,
                "value": f.value,
                "is_minimum": f.is_minimum,
                "as_of": iso(f.as_of),
                "source": cite(f.source),
                "quote": f.quote,
            }
        )
    roles_of: dict[int, list] = {}
    for r in snap.roles:
        roles_of.setdefault(r.action_id, []).append(
            {
                "member_state": state(r.member_state),
                "role": r.role,
                "as_of": iso(r.as_of),
                "source": cite(r.source),
                "quote": r.quote,
            }
        )
    updates_of: dict[int, list] = {}
    for u in snap.updates:
        taken = {item["key"] for item in updates_of.get(u.action_id, [])}
        key = u.import_key or f"update-{u.pk}"
        if key in taken:  # an admin update whose generated key collides with an imported one
            key = f"{key}-{u.pk}"
        updates_of.setdefault(u.action_id, []).append(
            {
                "key": key,
                "status": u.status,
                "progress": u.progress,
                "as_of": iso(u.as_of),
                "note": u.note,
                "recorded_by": u.author_name,
                # Only published updates are exported (public()); each says how far it was checked,
                # and a verified one by whom and when (the loader requires both, #11).
                **verifier(u),
                "evidence": [
                    {
                        "source": cite(e.source) if e.source_id else None,
                        # The loader resolves occurrence keys within the update's own action.
                        "occurrence": occurrence_keys.get(e.occurrence_id)
                        if e.occurrence_id
                        else None,
                        "url": e.url,
                        "title": e.title,
                        "locator": e.locator,
                        "quote": e.quote,
                    }
                    for e in u.evidence.all()
                ],
            }
        )

    actors: dict[str, object] = {}
    actions = []
    for a in snap.actions:
        responsible = list(a.responsible_actors.all())
        for actor in responsible:
            actors[actor.name] = actor
            if actor.member_state_id:
                state(actor.member_state)
        actions.append(
            {
                "key": a.key,
                "title": a.title,
                "description": a.description,
                "mandate_type": a.mandate_type,
                "recurrence": a.recurrence,
                "paragraphs": [p.number for p in a.paragraphs.all()],
                "responsible": [actor.name for actor in responsible],
                "responsible_source": cite(a.responsible_source)
                if a.responsible_source_id
                else None,
                "responsible_locator": a.responsible_locator,
                "responsible_quote": a.responsible_quote,
                "description_sources": [cite(s) for s in a.description_sources.all()],
                "due_date": iso(a.due_date),
                "weight": a.weight,
                "mandate_source": cite(a.mandate_source) if a.mandate_source_id else None,
                "attribution_note": a.attribution_note,
                "translations": translations("action", a.pk),
                "occurrences": occurrences_of.get(a.pk, []),
                "figures": figures_of.get(a.pk, []),
                "member_state_roles": roles_of.get(a.pk, []),
                "status_updates": updates_of.get(a.pk, []),
            }
        )

    numbers_by_pk = {p.pk: p.number for p in snap.paragraphs}
    paragraphs = [
        {
            "number": p.number,
            "positional": p.number_is_positional,
            "parent": numbers_by_pk.get(p.parent_id),
            "kind": p.kind,
            "verb": p.operative_verb,
            "verb_other": p.operative_verb_other,
            "addressee": p.addressee,
            "addressee_detail": p.addressee_detail,
            "summary": p.summary,
            "text": p.text,
            "provenance": p.text_provenance,
            "source": cite(p.text_source) if p.text_source_id else None,
            "locator": p.text_source_locator,
            "provenance_note": p.provenance_note,
            "excluded": p.excluded_from_rollup,
            "exclusion_reason": p.exclusion_reason,
            "translations": translations("paragraph", p.pk),
        }
        for p in snap.paragraphs
    ]
    res = snap.resolution
    resolution_data = {
        "symbol": res.symbol,
        "slug": res.slug,
        "title": res.title,
        "adopting_body": res.adopting_body,
        "session": res.session,
        "session_theme": res.session_theme,
        "place": res.place,
        "adopted_on": iso(res.adopted_on),
        "adopted_until": iso(res.adopted_until),
        "adopted_hijri": res.adopted_hijri,
        "adopted_hijri_source": cite(res.hijri_source(among=snap.sources)),
        "adoption_dates_note": res.adoption_dates_note,
        "agenda_item": res.agenda_item,
        "draft_symbol": res.draft_symbol,
        "document_symbol": res.document_symbol,
        "issued_on": iso(res.issued_on),
        "vote": res.vote,
        "votes_for": res.votes_for,
        "votes_against": res.votes_against,
        "abstentions": res.abstentions,
        "identity_source": cite(res.identity_source) if res.identity_source_id else None,
        "references": [
            {
                "kind": link.kind,
                "target": link.target_symbol,
                "paragraph": link.paragraph.number if link.paragraph_id else None,
                "source": cite(link.source),
                "locator": link.locator,
                "note": link.note,
                "target_body": link.target_body,
                "target_title": link.target_title,
                "target_adopted_on": iso(link.target_adopted_on),
                "target_url": link.target_url,
                "target_sources": [cite(s) for s in link.target_sources.all()],
            }
            for link in res.links_out.select_related("paragraph", "source").prefetch_related(
                "target_sources"
            )
        ],
        "summary": res.summary,
        "translations": translations("resolution", res.pk),
        "sources": [cite(s) for s in snap.sources],
        "paragraphs": paragraphs,
        "actions": actions,
    }
    return {
        "format": FORMAT,
        "sources": [
            {
                "key": s.key,
                "title": s.title,
                "kind": s.kind,
                "symbol": s.symbol,
                "url": s.url,
                "date": iso(s.date),
                "publisher": s.publisher,
                "notes": s.notes,
            }
            for s in sorted(sources.values(), key=lambda s: s.key)
        ],
        "member_states": [
            {
                "iso3": m.iso3,
                "name": m.name,
                "name_in_source": m.name_in_source,
                "source": m.source.key if m.source_id else None,
            }
            for m in sorted(member_states.values(), key=lambda m: m.iso3)
        ],
        "actors": [
            {
                "name": actor.name,
                "kind": actor.kind,
                "member_state": actor.member_state.iso3 if actor.member_state_id else None,
            }
            for actor in sorted(actors.values(), key=lambda actor: actor.name)
        ],
        "resolution": resolution_data,
    }
