"""Load a resolution data file (YAML or JSON) into the database.

The format is documented in the README ("Data files"). Loading is:

- atomic: one transaction per file; any error rolls the whole file back;
- idempotent: records are matched on natural keys (source key, ISO3, actor name, resolution
  symbol, paragraph number, action key, occurrence key, status-update key), so loading the same
  file twice changes nothing;
- append-only for status updates: an update already loaded is never edited. If the file now says
  something different under the same key, loading stops and asks for a correction instead.

Every error names the file, the record (as a path such as `resolution.actions[2] (network)`) and
the field.
"""

import re
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from .datafile import DataFileError, read_data_file
from .models import (
    Action,
    ActionParagraph,
    Actor,
    MemberState,
    MemberStateRole,
    Occurrence,
    Paragraph,
    Participation,
    Resolution,
    SourcedFigure,
    SourceDocument,
    State,
    StatusUpdate,
    Verification,
)
from .models.status_updates import check_as_of
from .services import status_update_create

FORMAT = "resolution-tracker/1"

# PP1, OP12: numbers given by position (the default of a paragraph's `positional`).
_POSITIONAL = re.compile(r"(PP|OP)[1-9][0-9]*")


class LoadError(Exception):
    def __init__(self, file, record, field, message):
        self.file, self.record, self.field, self.message = file, record, field, message
        where = f"{record}: field '{field}'" if field else record
        super().__init__(f"{file}: {where}: {message}")


class _Record:
    """A mapping from the file plus where it sits, so every error can say where it came from."""

    def __init__(self, loader, data, path, allowed, required=()):
        self.loader, self.path = loader, path
        if not isinstance(data, dict):
            loader.fail(path, None, f"expected a mapping, got {type(data).__name__}")
        unknown = sorted(set(data) - set(allowed), key=str)  # keys may be numbers in YAML
        if unknown:
            loader.fail(path, unknown[0], "unknown field (check the spelling)")
        for name in required:
            if data.get(name) in (None, "", [], {}):
                loader.fail(path, name, "is required")
        self.data = data

    def str(self, name, default=""):
        value = self.data.get(name, default)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.loader.fail(self.path, name, f"expected text, got {type(value).__name__}")
        return str(value).strip()

    def int(self, name, default=None):
        value = self.data.get(name, default)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.loader.fail(self.path, name, f"expected a whole number, got {value!r}")
        return value

    def bool(self, name, default=False):
        value = self.data.get(name, default)
        if not isinstance(value, bool):
            self.loader.fail(self.path, name, f"expected true or false, got {value!r}")
        return value

    def date(self, name):
        value = self.data.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.loader.fail(self.path, name, f"{value!r} is not a date (use YYYY-MM-DD)")

    def list(self, name):
        value = self.data.get(name) or []
        if not isinstance(value, list):
            self.loader.fail(self.path, name, "expected a list")
        return value

    def choice(self, name, choices, default=""):
        value = self.str(name, default)
        valid = [c.value for c in choices]
        if value not in valid:
            allowed = ", ".join(v for v in valid if v) or "(blank)"
            self.loader.fail(self.path, name, f"{value!r} is not one of: {allowed}")
        return value


class Loader:
    def __init__(self, file_label):
        self.file = file_label
        self.sources: dict[str, SourceDocument] = {}
        self.created = 0

    # -- errors ---------------------------------------------------------------------------
    def fail(self, record, field, message):
        raise LoadError(self.file, record, field, message)

    def save(self, instance, record, exclude=()):
        """full_clean() then save, turning Django's errors into errors that name the record."""
        try:
            instance.full_clean(exclude=list(exclude))
            instance.save()
        except ValidationError as exc:
            field, messages = next(iter(exc.message_dict.items()))
            self.fail(record, None if field == "__all__" else field, " ".join(messages))
        except IntegrityError as exc:
            self.fail(record, None, f"rejected by the database: {exc}")
        return instance

    def source(self, record, key, field="source", required=True):
        if not key:
            if required:
                self.fail(record, field, "is required")
            return None
        if not isinstance(key, str):
            self.fail(record, field, f"{key!r} is not a source key (write the key as text)")
        if key not in self.sources:
            found = SourceDocument.objects.filter(key=key).first()
            if found is None:
                self.fail(record, field, f"no source with key {key!r} (declare it under sources)")
            self.sources[key] = found
        return self.sources[key]

    def member_state(self, record, iso3, field="member_state"):
        if not isinstance(iso3, str):
            self.fail(record, field, f"{iso3!r} is not an ISO3 code (write it as text)")
        found = MemberState.objects.filter(iso3=iso3).first()
        if found is None:
            self.fail(
                record, field, f"no member state with ISO3 {iso3!r} (load member states first)"
            )
        return found

    @staticmethod
    def upsert(model, lookup, values):
        # _base_manager: every row, drafts of facts included (their `objects` are published only).
        instance = model._base_manager.filter(**lookup).first() or model(**lookup)
        for name, value in values.items():
            setattr(instance, name, value)
        return instance

    # -- sections -------------------------------------------------------------------------
    def load(self, data):
        top = _Record(
            self,
            data,
            "(top level)",
            # "computed": the export's computed state, ignored (the tracker computes its own).
            {"format", "sources", "member_states", "actors", "resolution", "computed"},
            required=["format"],
        )
        if top.str("format") != FORMAT:
            self.fail("(top level)", "format", f"expected {FORMAT!r}")
        for i, item in enumerate(top.list("sources")):
            self.load_source(item, f"sources[{i}]")
        for i, item in enumerate(top.list("member_states")):
            self.load_member_state(item, f"member_states[{i}]")
        for i, item in enumerate(top.list("actors")):
            self.load_actor(item, f"actors[{i}]")
        if top.data.get("resolution") is not None:
            self.load_resolution(top.data["resolution"], "resolution")

    def load_source(self, data, path):
        r = _Record(
            self,
            data,
            path,
            {"key", "title", "kind", "symbol", "url", "date", "publisher", "notes"},
            required=["key", "title"],
        )
        key = r.str("key")
        path = f"{path} ({key})"
        source = self.upsert(
            SourceDocument,
            {"key": key},
            {
                "title": r.str("title"),
                "kind": r.choice("kind", SourceDocument.Kind, "other"),
                "symbol": r.str("symbol"),
                "url": r.str("url"),
                "date": r.date("date"),
                "publisher": r.str("publisher"),
                "notes": r.str("notes"),
            },
        )
        self.sources[key] = self.save(source, path)

    def load_member_state(self, data, path):
        r = _Record(
            self,
            data,
            path,
            {"iso3", "name", "name_in_source", "source"},
            required=["iso3", "name"],
        )
        iso3 = r.str("iso3")
        path = f"{path} ({iso3})"
        state = self.upsert(
            MemberState,
            {"iso3": iso3},
            {
                "name": r.str("name"),
                "name_in_source": r.str("name_in_source"),
                "source": self.source(path, r.str("source"), required=False),
            },
        )
        self.save(state, path)

    def load_actor(self, data, path):
        r = _Record(self, data, path, {"name", "kind", "member_state"}, required=["name", "kind"])
        name = r.str("name")
        path = f"{path} ({name})"
        iso3 = r.str("member_state")
        actor = self.upsert(
            Actor,
            {"name": name},
            {
                "kind": r.choice("kind", Actor.Kind),
                "member_state": self.member_state(path, iso3) if iso3 else None,
            },
        )
        self.save(actor, path)

    def load_resolution(self, data, path):
        from .models.provenance import Provenance
        from .models.resolution import Addressee, OperativeVerb, ParagraphKind

        r = _Record(
            self,
            data,
            path,
            {
                "symbol",
                "slug",
                "title",
                "adopting_body",
                "session",
                "session_theme",
                "place",
                "adopted_on",
                "adopted_until",
                "adopted_hijri",
                "adopted_hijri_source",
                "adoption_dates_note",
                "summary",
                "sources",
                "paragraphs",
                "actions",
                "translations",
            },
            required=["symbol", "slug", "title", "adopting_body", "session"],
        )
        resolution = self.upsert(
            Resolution,
            {"symbol": r.str("symbol")},
            {
                "slug": r.str("slug"),
                "title": r.str("title"),
                "adopting_body": r.str("adopting_body"),
                "session": r.str("session"),
                "session_theme": r.str("session_theme"),
                "place": r.str("place"),
                "adopted_on": r.date("adopted_on"),
                "adopted_until": r.date("adopted_until"),
                "adopted_hijri": r.str("adopted_hijri"),
                "adopted_hijri_source": self.source(
                    path, r.str("adopted_hijri_source"), "adopted_hijri_source", required=False
                ),
                "adoption_dates_note": r.str("adoption_dates_note"),
                "summary": r.str("summary"),
                "data_file": self.file,
            },
        )
        self.save(resolution, path)
        self.load_translations(resolution, r, path)
        resolution.sources.set([self.source(path, key, "sources") for key in r.list("sources")])

        # Orders may be shuffled by an edited file; park the old ones out of the way first so
        # the unique (resolution, order) constraint holds at every step. Only paragraphs whose
        # order changes are parked: every save is versioned and audited, and reloading an
        # unchanged file must leave no trace.
        wanted = {
            str(item.get("number", "")).strip(): i + 1
            for i, item in enumerate(r.list("paragraphs"))
            if isinstance(item, dict)
        }
        existing = list(resolution.paragraphs.all())
        parked = [p for p in existing if wanted.get(p.number) != p.order]
        for paragraph in parked:
            paragraph.order += 1_000_000
            paragraph.save(update_fields=["order"])

        paragraphs = {}
        position: dict[str, int] = {}  # paragraphs of each kind so far
        for i, item in enumerate(r.list("paragraphs")):
            p = _Record(
                self,
                item,
                f"{path}.paragraphs[{i}]",
                {
                    "number",
                    "kind",
                    "verb",
                    "verb_other",
                    "addressee",
                    "addressee_detail",
                    "summary",
                    "text",
                    "provenance",
                    "source",
                    "locator",
                    "provenance_note",
                    "excluded",
                    "exclusion_reason",
                    "translations",
                    "positional",
                },
                required=["number", "kind"],
            )
            number = p.str("number")
            ppath = f"{path}.paragraphs[{i}] ({number})"
            if number in paragraphs:
                self.fail(ppath, "number", "appears twice in this file")
            kind = p.choice("kind", ParagraphKind)
            position[kind] = position.get(kind, 0) + 1
            positional = p.bool("positional", bool(_POSITIONAL.fullmatch(number)))
            if positional:
                expected = f"{'OP' if kind == ParagraphKind.OPERATIVE else 'PP'}{position[kind]}"
                if number != expected:
                    self.fail(
                        ppath,
                        "number",
                        f"a number by position must be {expected!r}: this is {kind} paragraph "
                        f"{position[kind]} of the file (or set positional: false and give the "
                        "number as printed)",
                    )
            paragraph = self.upsert(
                Paragraph,
                {"resolution": resolution, "number": number},
                {
                    "order": i + 1,
                    "kind": kind,
                    "number_is_positional": positional,
                    "operative_verb": p.choice("verb", OperativeVerb, "") if p.str("verb") else "",
                    "operative_verb_other": p.str("verb_other"),
                    "addressee": p.choice("addressee", Addressee) if p.str("addressee") else "",
                    "addressee_detail": p.str("addressee_detail"),
                    "summary": p.str("summary"),
                    "text": p.str("text"),
                    "text_provenance": p.choice("provenance", Provenance, "unknown"),
                    "text_source": self.source(ppath, p.str("source"), required=False),
                    "text_source_locator": p.str("locator"),
                    "provenance_note": p.str("provenance_note"),
                    "excluded_from_rollup": p.bool("excluded"),
                    "exclusion_reason": p.str("exclusion_reason"),
                },
            )
            paragraphs[number] = self.save(paragraph, ppath)
            self.load_translations(paragraph, p, ppath)
        leftover = [p for p in existing if p.number not in paragraphs]
        for offset, paragraph in enumerate(leftover, start=len(paragraphs) + 1):
            # Paragraphs no longer in the file are kept (they may carry staff work) at the end.
            paragraph.order = offset
            paragraph.save(update_fields=["order"])

        keys = set()
        for i, item in enumerate(r.list("actions")):
            self.load_action(resolution, paragraphs, item, f"{path}.actions[{i}]", keys)
        return resolution

    def load_action(self, resolution, paragraphs, data, path, keys):
        from .models.actions import MandateType, Recurrence

        r = _Record(
            self,
            data,
            path,
            {
                "key",
                "title",
                "description",
                "mandate_type",
                "recurrence",
                "paragraphs",
                "responsible",
                "responsible_source",
                "responsible_locator",
                "responsible_quote",
                "description_sources",
                "due_date",
                "weight",
                "mandate_source",
                "attribution_note",
                "occurrences",
                "figures",
                "member_state_roles",
                "status_updates",
                "translations",
            },
            required=["key", "title", "mandate_type"],
        )
        key = r.str("key")
        path = f"{path} ({key})"
        if key in keys:
            self.fail(path, "key", "appears twice in this file")
        keys.add(key)
        action = self.upsert(
            Action,
            {"resolution": resolution, "key": key},
            {
                "title": r.str("title"),
                "description": r.str("description"),
                "mandate_type": r.choice("mandate_type", MandateType),
                "recurrence": r.choice("recurrence", Recurrence, ""),
                "due_date": r.date("due_date"),
                "weight": r.int("weight", 1),
                "mandate_source": self.source(
                    path, r.str("mandate_source"), "mandate_source", required=False
                ),
                "attribution_note": r.str("attribution_note"),
                "responsible_source": self.source(
                    path, r.str("responsible_source"), "responsible_source", required=False
                ),
                "responsible_locator": r.str("responsible_locator"),
                "responsible_quote": r.str("responsible_quote"),
            },
        )
        self.save(action, path)
        self.load_translations(action, r, path)

        linked = []
        for number in r.list("paragraphs"):
            if str(number) not in paragraphs:
                self.fail(path, "paragraphs", f"no paragraph {number!r} in this resolution")
            linked.append(paragraphs[str(number)])
        ActionParagraph.objects.filter(action=action).exclude(paragraph__in=linked).delete()
        for paragraph in linked:
            ActionParagraph.objects.get_or_create(action=action, paragraph=paragraph)

        actors = []
        for name in r.list("responsible"):
            actor = Actor.objects.filter(name=name).first()
            if actor is None:
                self.fail(path, "responsible", f"no actor named {name!r} (declare it under actors)")
            actors.append(actor)
        action.responsible_actors.set(actors)
        action.description_sources.set(
            [self.source(path, k, "description_sources") for k in r.list("description_sources")]
        )

        occurrences = {}
        for i, item in enumerate(r.list("occurrences")):
            occurrence = self.load_occurrence(action, item, f"{path}.occurrences[{i}]")
            occurrences[occurrence.key] = occurrence
        for i, item in enumerate(r.list("figures")):
            self.load_figure(action, item, f"{path}.figures[{i}]")
        for i, item in enumerate(r.list("member_state_roles")):
            self.load_role(action, item, f"{path}.member_state_roles[{i}]")
        for i, item in enumerate(r.list("status_updates")):
            self.load_status_update(action, occurrences, item, f"{path}.status_updates[{i}]")

    def load_occurrence(self, action, data, path):
        from .models.actions import DatePrecision

        r = _Record(
            self,
            data,
            path,
            {
                "key",
                "kind",
                "title",
                "start_date",
                "end_date",
                "date_precision",
                "place",
                "theme",
                "participants_count",
                "participants_count_is_minimum",
                "member_states_count",
                "participation_note",
                "notes",
                "sources",
                "participations",
                "translations",
            },
            required=["key", "kind", "title", "start_date"],
        )
        key = r.str("key")
        path = f"{path} ({key})"
        occurrence = self.upsert(
            Occurrence,
            {"action": action, "key": key},
            {
                "kind": r.choice("kind", Occurrence.Kind),
                "title": r.str("title"),
                "start_date": r.date("start_date"),
                "end_date": r.date("end_date"),
                "date_precision": r.choice("date_precision", DatePrecision, "day"),
                "place": r.str("place"),
                "theme": r.str("theme"),
                "participants_count": r.int("participants_count"),
                "participants_count_is_minimum": r.bool("participants_count_is_minimum"),
                "member_states_count": r.int("member_states_count"),
                "participation_note": r.str("participation_note"),
                "notes": r.str("notes"),
            },
        )
        self.save(occurrence, path)
        self.load_translations(occurrence, r, path)
        occurrence.sources.set([self.source(path, k, "sources") for k in r.list("sources")])
        for i, item in enumerate(r.list("participations")):
            p = _Record(
                self,
                item,
                f"{path}.participations[{i}]",
                {"member_state", "role", "source", "note"},
                required=["member_state", "source"],
            )
            ppath = f"{path}.participations[{i}]"
            participation = self.upsert(
                Participation,
                {
                    "occurrence": occurrence,
                    "member_state": self.member_state(ppath, p.str("member_state")),
                },
                {
                    "role": p.choice("role", Participation.Role, "participant"),
                    "source": self.source(ppath, p.str("source")),
                    "note": p.str("note"),
                },
            )
            self.save(participation, ppath)
        return occurrence

    def load_translations(self, instance, record, path):
        """`translations: {ar: {title: {text, provenance, source, locator, note}}}`.

        Only the translatable fields of the record's model are accepted, and each translation
        carries its own provenance, like the original text.
        """
        from django.contrib.contenttypes.models import ContentType

        from .models import Language, Provenance, TextTranslation
        from .models.translations import TRANSLATABLE_FIELDS

        languages = record.data.get("translations") or {}
        if not isinstance(languages, dict):
            self.fail(path, "translations", "expected a mapping of language to fields")
        fields = TRANSLATABLE_FIELDS[instance._meta.model_name]
        content_type = ContentType.objects.get_for_model(instance)
        for language, by_field in languages.items():
            lpath = f"{path}.translations.{language}"
            if language not in (Language.FR, Language.AR, Language.EN):
                self.fail(path, "translations", f"{language!r} is not one of: fr, ar, en")
            if not isinstance(by_field, dict):
                self.fail(lpath, None, "expected a mapping of field to translation")
            for field, item in by_field.items():
                if field not in fields:
                    self.fail(
                        lpath, field, f"is not translatable (translatable: {', '.join(fields)})"
                    )
                t = _Record(
                    self,
                    item,
                    f"{lpath}.{field}",
                    {"text", "provenance", "source", "locator", "note"},
                    required=["text", "provenance"],
                )
                tpath = f"{lpath}.{field}"
                translation = self.upsert(
                    TextTranslation,
                    {
                        "content_type": content_type,
                        "object_id": instance.pk,
                        "field": field,
                        "language": language,
                    },
                    {
                        "text": t.str("text"),
                        "provenance": t.choice(
                            "provenance", [Provenance.VERBATIM, Provenance.PARAPHRASE]
                        ),
                        "source": self.source(tpath, t.str("source"), required=False),
                        "locator": t.str("locator"),
                        "note": t.str("note"),
                    },
                )
                self.save(translation, tpath)

    def load_figure(self, action, data, path):
        r = _Record(
            self,
            data,
            path,
            {"label", "value", "is_minimum", "as_of", "source", "quote"},
            required=["label", "value", "as_of", "source"],
        )
        figure = self.upsert(
            SourcedFigure,
            {
                "action": action,
                "label": r.str("label"),
                "as_of": r.date("as_of"),
            },
            {
                "value": r.int("value"),
                "is_minimum": r.bool("is_minimum"),
                "source": self.source(path, r.str("source")),
                "quote": r.str("quote"),
            },
        )
        self.save(figure, path)

    def load_role(self, action, data, path):
        r = _Record(
            self,
            data,
            path,
            {"member_state", "role", "as_of", "source", "quote"},
            required=["member_state", "role", "source"],
        )
        role = self.upsert(
            MemberStateRole,
            {
                "action": action,
                "member_state": self.member_state(path, r.str("member_state")),
                "role": r.choice("role", MemberStateRole.Role),
            },
            {
                "as_of": r.date("as_of"),
                "source": self.source(path, r.str("source")),
                "quote": r.str("quote"),
            },
        )
        self.save(role, path)

    def verification(self, r, path):
        """Data-file updates are published as "reported": nobody is known to have checked them
        against their evidence. Only a file that names who verified an update and when
        (`verified_by`, `verified_on`) publishes it as "verified"."""
        by, on = r.str("verified_by"), r.date("verified_on")
        stated = r.str("verification") and r.choice("verification", Verification)
        if stated == Verification.REPORTED:
            return Verification.REPORTED
        if by and on:
            return Verification.VERIFIED
        if stated == Verification.VERIFIED or by or on:
            missing = "verified_on" if by else "verified_by"
            self.fail(
                path,
                missing,
                "a verified update names who verified it (verified_by) and when (verified_on)",
            )
        return Verification.REPORTED

    def load_status_update(self, action, occurrences, data, path):
        from .status import Status

        r = _Record(
            self,
            data,
            path,
            {
                "key",
                "status",
                "progress",
                "as_of",
                "note",
                "recorded_by",
                "evidence",
                "verification",
                "verified_by",
                "verified_on",
            },
            required=["key", "status", "as_of", "note", "recorded_by", "evidence"],
        )
        key = r.str("key")
        path = f"{path} ({key})"
        values = {
            "status": r.choice("status", Status),
            "progress": r.int("progress"),
            "as_of": r.date("as_of"),
            "note": r.str("note"),
            "author_name": r.str("recorded_by"),
            "verification": self.verification(r, path),
        }
        verified_by, verified_on = r.str("verified_by"), r.date("verified_on")
        review_note = (
            f"Verified by {verified_by} on {verified_on.isoformat()} (data file)."
            if values["verification"] == Verification.VERIFIED
            else ""
        )
        evidence = []
        for i, item in enumerate(r.list("evidence")):
            e = _Record(
                self,
                item,
                f"{path}.evidence[{i}]",
                {"source", "occurrence", "url", "title", "locator", "quote"},
            )
            epath = f"{path}.evidence[{i}]"
            occurrence_key = e.str("occurrence")
            if occurrence_key and occurrence_key not in occurrences:
                self.fail(epath, "occurrence", f"no occurrence {occurrence_key!r} in this action")
            evidence.append(
                {
                    "source": self.source(epath, e.str("source"), required=False),
                    "occurrence": occurrences.get(occurrence_key) if occurrence_key else None,
                    "url": e.str("url"),
                    "title": e.str("title"),
                    "locator": e.str("locator"),
                    "quote": e.str("quote"),
                }
            )
        # Validate the record on its own first, so a bad value is reported as such rather
        # than as a difference from what was loaded before.
        candidate = StatusUpdate(
            action=action,
            import_key=key,
            state=State.PUBLISHED,
            published_at=timezone.now(),
            **values,
        )
        try:
            candidate.clean_fields()
            check_as_of(candidate)
            candidate.validate_constraints(exclude={"import_key"})
        except ValidationError as exc:
            field, messages = next(iter(exc.message_dict.items()))
            self.fail(path, None if field == "__all__" else field, " ".join(messages))
        existing = StatusUpdate.objects.filter(action=action, import_key=key).first()
        if existing is not None:
            changed = [name for name, value in values.items() if getattr(existing, name) != value]
            if changed:
                self.fail(
                    path,
                    changed[0],
                    "differs from the update already recorded under this "
                    "key; status updates are append-only, so add a correction with a new key",
                )
            return existing
        try:
            return status_update_create(
                action=action,
                author=None,
                evidence=evidence,
                import_key=key,
                state=State.PUBLISHED,
                review_note=review_note,
                **values,
            )
        except ValidationError as exc:
            field, messages = next(iter(exc.message_dict.items()))
            self.fail(path, None if field == "__all__" else field, " ".join(messages))


def parse_file(path: Path):
    """The file's data, read within the limits of resolutions.datafile (size, UTF-8, YAML
    aliases, nesting): anything else is a LoadError naming the file."""
    try:
        return read_data_file(path)
    except DataFileError as exc:
        raise LoadError(str(path), "(file)", None, str(exc)) from None


def _refuse_nul(loader, node, path="(top level)"):
    """No text may hold a NUL character: PostgreSQL cannot store one (nor look one up), so it
    would fail as a database error instead of an error that names the record."""
    if isinstance(node, str) and "\x00" in node:
        loader.fail(path, None, "contains a NUL character (\\0), which text cannot hold")
    elif isinstance(node, dict):
        for key, value in node.items():
            _refuse_nul(loader, key, path)
            _refuse_nul(loader, value, f"{path}.{key}" if path != "(top level)" else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            _refuse_nul(loader, value, f"{path}[{index}]")


def load_data(data, file_label: str) -> Loader:
    """Load already-parsed data; the whole file is one transaction."""
    loader = Loader(file_label)
    _refuse_nul(loader, data)
    with transaction.atomic():
        loader.load(data)
    return loader


def load_file(path) -> Loader:
    path = Path(path)
    if not path.is_file():
        raise LoadError(str(path), "(file)", None, "does not exist")
    return load_data(parse_file(path), str(path))
