"""The resolution and its paragraphs."""

from workflow.import_services import (
    record_fields_import,
    records_import_delete,
    related_import,
)

from ..models import (
    Paragraph,
    Resolution,
    ResolutionLink,
)
from ..models.vocabularies import Addressee, OperativeVerb
from .records import _POSITIONAL, _Record


class ResolutionMixin:
    def load_resolution(self, data, path):
        from ..models.resolution import ParagraphKind, Vote

        r = _Record(self, data, path, "resolution")
        resolution = self.upsert(
            Resolution,
            {"symbol": r.str("symbol")},
            {
                "slug": r.str("slug"),
                "title": r.str("title"),
                "title_source": self.source(
                    path, r.str("title_source"), "title_source", required=False
                ),
                "title_locator": r.str("title_locator"),
                "adopting_body": r.str("adopting_body"),
                "body": self.body(path, r.str("body")) if r.str("body") else None,
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
                "agenda_item": r.str("agenda_item"),
                "draft_symbol": r.str("draft_symbol"),
                "document_symbol": r.str("document_symbol"),
                "issued_on": r.date("issued_on"),
                "vote": r.choice("vote", Vote.NOT_STATED),
                "votes_for": r.int("votes_for"),
                "votes_against": r.int("votes_against"),
                "abstentions": r.int("abstentions"),
                "identity_source": self.source(
                    path, r.str("identity_source"), "identity_source", required=False
                ),
                "summary": r.str("summary"),
                "data_file": self.file,
            },
        )
        self.save(resolution, path)
        self.load_translations(resolution, r, path)
        related_import(
            record=resolution,
            name="sources",
            targets=[self.source(path, key, "sources") for key in r.list("sources")],
        )

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
            record_fields_import(record=paragraph, fields=["order"])

        paragraphs = {}
        position: dict[str, int] = {}  # paragraphs of each kind so far
        for i, item in enumerate(r.list("paragraphs")):
            p = _Record(self, item, f"{path}.paragraphs[{i}]", "paragraph")
            number = p.str("number")
            ppath = f"{path}.paragraphs[{i}] ({number})"
            if number in paragraphs:
                self.fail(ppath, "number", "appears twice in this file")
            kind = p.choice("kind")
            parent_number = p.str("parent")
            parent = paragraphs.get(parent_number) if parent_number else None
            if parent_number and parent is None:
                self.fail(
                    ppath,
                    "parent",
                    f"no paragraph {parent_number!r} before this one in the file (a "
                    "sub-paragraph follows its parent)",
                )
            if parent is not None and parent.kind != kind:
                self.fail(ppath, "parent", f"paragraph {parent_number!r} is not {kind}")
            if parent is None:
                # Positions count paragraphs, not sub-paragraphs: OP2(a) does not make OP3.
                position[kind] = position.get(kind, 0) + 1
            positional = p.bool("positional", bool(_POSITIONAL.fullmatch(number)))
            if positional and parent is not None:
                self.fail(
                    ppath,
                    "positional",
                    "a sub-paragraph is numbered as printed, not by position",
                )
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
                    "parent": parent,
                    "kind": kind,
                    "number_is_positional": positional,
                    "operative_verb_id": self.term(
                        OperativeVerb, ppath, "verb", p.str("verb"), blank=True
                    ),
                    "operative_verb_other": p.str("verb_other"),
                    "addressee_id": self.term(
                        Addressee, ppath, "addressee", p.str("addressee"), blank=True
                    ),
                    "addressee_detail": p.str("addressee_detail"),
                    "summary": p.str("summary"),
                    "text": p.str("text"),
                    "text_provenance": p.choice("provenance", "unknown"),
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
            record_fields_import(record=paragraph, fields=["order"])

        self.load_links(resolution, paragraphs, r, path)

        keys = set()
        for i, item in enumerate(r.list("actions")):
            self.load_action(resolution, paragraphs, item, f"{path}.actions[{i}]", keys)
        self.link_continuations(resolution, path)
        return resolution

    def load_links(self, resolution, paragraphs, r, path):
        """`references:` the resolution's typed references to other resolutions. A link names its
        target by symbol; it points to the loaded resolution of that symbol, and links other
        files made to this resolution (loaded before it) now point here too."""

        kept = []
        for i, item in enumerate(r.list("references")):
            link = _Record(self, item, f"{path}.references[{i}]", "resolution_link")
            symbol = link.str("target")
            lpath = f"{path}.references[{i}] ({symbol})"
            if symbol == resolution.symbol:
                self.fail(lpath, "target", "a resolution does not link to itself")
            number = link.str("paragraph")
            if number and number not in paragraphs:
                self.fail(lpath, "paragraph", f"no paragraph {number!r} in this resolution")
            details = [link.str("target_title"), link.date("target_adopted_on")]
            details.append(link.str("target_url"))
            target_sources = [
                self.source(lpath, key, "target_sources") for key in link.list("target_sources")
            ]
            if any(details) and not target_sources:
                self.fail(
                    lpath,
                    "target_sources",
                    "the target's title, date or address comes from a source: name it",
                )
            kind = link.choice("kind")
            instance = self.upsert(
                ResolutionLink,
                {"resolution": resolution, "kind": kind, "target_symbol": symbol},
                {
                    "order": i + 1,
                    "target": Resolution.objects.filter(symbol=symbol).first(),
                    "target_body": link.str("target_body"),
                    "target_title": link.str("target_title"),
                    "target_adopted_on": link.date("target_adopted_on"),
                    "target_url": link.str("target_url"),
                    "paragraph": paragraphs.get(number) if number else None,
                    "source": self.source(lpath, link.str("source")),
                    "locator": link.str("locator"),
                    "note": link.str("note"),
                },
            )
            self.save(instance, lpath)
            related_import(record=instance, name="target_sources", targets=target_sources)
            kept.append(instance.pk)
        records_import_delete(records=resolution.links_out.exclude(pk__in=kept))
        for earlier in ResolutionLink.objects.filter(target_symbol=resolution.symbol).exclude(
            target=resolution
        ):
            earlier.target = resolution
            record_fields_import(record=earlier, fields=["target"])
