"""Sources, member states and actors: the records a resolution refers to by key."""

from ..models import (
    Actor,
    MemberState,
    SourceDocument,
)
from .records import _Record


class ReferencesMixin:
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
