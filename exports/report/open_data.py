"""``build_dataset``: the open-data JSON, which is exactly the loader's own file format
("resolution-tracker/1"), so that an export can be loaded back with ``load_resolution``. The JSON
dataset is language-neutral data."""

from datetime import date

from resolutions.loader import FORMAT
from resolutions.loader.vocabularies import SECTION_OF
from resolutions.models import Resolution
from resolutions.models.vocabularies import (
    LANGUAGES,
    ActorKind,
    Addressee,
    MandateType,
    OperativeVerb,
)

from .entries import verifier
from .snapshot import Snapshot, snapshot


def update_keys(snap: Snapshot) -> dict[int, str]:
    """{update id: its key in the file}: the key it was imported with, else "update-<id>"
    (with the id appended again when that collides with an imported key of the same action).
    The computed block names superseded updates by these keys (exports.computed)."""
    keys: dict[int, str] = {}
    taken: dict[int, set] = {}
    for u in snap.updates:
        key = u.import_key or f"update-{u.pk}"
        if key in taken.setdefault(u.action_id, set()):
            key = f"{key}-{u.pk}"
        taken[u.action_id].add(key)
        keys[u.pk] = key
    return keys


def vocabularies(used: dict) -> dict:
    """The terms the file uses, with their labels and definitions, so that a database where a
    term was added (in the admin or by another file) loads the export back as it is."""
    out = {}
    for model, codes in used.items():
        section = SECTION_OF[model]
        out[section] = []
        for term in model.objects.filter(pk__in=codes).order_by("order", "code"):
            item = {
                "code": term.code,
                "label": {lang: getattr(term, f"label_{lang}") for lang in LANGUAGES},
                "definition": {lang: getattr(term, f"definition_{lang}") for lang in LANGUAGES},
                "order": term.order,
            }
            if model is MandateType:
                item["behaviour"] = term.behaviour
                item["default_interval"] = term.default_recurrence
            out[section].append(item)
    return out


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
                        "translations": translations("participation", p.pk),
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
                "translations": translations("sourcedfigure", f.pk),
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
                "translations": translations("memberstaterole", r.pk),
            }
        )
    updates_of: dict[int, list] = {}
    keys = update_keys(snap)
    for u in snap.updates:
        key = keys[u.pk]
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
                # A correction names the update it corrects by its key in this file (null when
                # that one is not in it), so the link survives a reload.
                "corrects": keys.get(u.corrects_id) if u.corrects_id else None,
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
                        "translations": translations("evidence", e.pk),
                    }
                    for e in u.evidence.all()
                ],
                "translations": translations("statusupdate", u.pk),
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
                "mandate_type": a.mandate_type_id,
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
                "continues": {
                    "resolution": a.continues_symbol,
                    "action": a.continues_key,
                    "source": cite(a.continues_source),
                    "quote": a.continues_quote,
                    "note": a.continues_note,
                }
                if a.continues_symbol
                else None,
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
            "verb": p.operative_verb_id or "",
            "verb_other": p.operative_verb_other,
            "addressee": p.addressee_id or "",
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
        "title_source": cite(res.cited_title_source(among=snap.sources)),
        "title_locator": res.title_locator,
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
        "body": res.body.key if res.body_id else None,
        "summary": res.summary,
        "translations": translations("resolution", res.pk),
        "sources": [cite(s) for s in snap.sources],
        "paragraphs": paragraphs,
        "actions": actions,
    }
    # The resolution's body and its memberships: what "Member States" means in it.
    bodies, memberships = [], []
    if res.body_id:
        body = res.body
        bodies.append(
            {
                "key": body.key,
                "name": body.name,
                "short_name": body.short_name,
                "source": cite(body.source) if body.source_id else None,
                "translations": translations("body", body.pk),
            }
        )
        for m in body.memberships.select_related("state__source", "source").order_by(
            "state__iso3", "standing", "start_date"
        ):
            memberships.append(
                {
                    "state": state(m.state),
                    "body": body.key,
                    "standing": m.standing,
                    "start_date": iso(m.start_date),
                    "end_date": iso(m.end_date),
                    "source": cite(m.source),
                    "note": m.note,
                }
            )
    used = {
        MandateType: {a["mandate_type"] for a in actions},
        ActorKind: {actor.kind_id for actor in actors.values()},
        Addressee: {p["addressee"] for p in paragraphs} - {""},
        OperativeVerb: {p["verb"] for p in paragraphs} - {""},
    }
    return {
        "format": FORMAT,
        "vocabularies": vocabularies(used),
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
        "bodies": bodies,
        "memberships": memberships,
        "actors": [
            {
                "name": actor.name,
                "kind": actor.kind_id,
                "member_state": actor.member_state.iso3 if actor.member_state_id else None,
                "translations": translations("actor", actor.pk),
            }
            for actor in sorted(actors.values(), key=lambda actor: actor.name)
        ],
        "resolution": resolution_data,
    }
