"""The resolution and its paragraphs."""

from ..models import (
    Paragraph,
    Resolution,
)
from .records import _POSITIONAL, _Record


class ResolutionMixin:
    def load_resolution(self, data, path):
        from ..models.provenance import Provenance
        from ..models.resolution import Addressee, OperativeVerb, ParagraphKind

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
