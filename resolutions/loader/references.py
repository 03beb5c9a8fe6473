"""Sources, member states and actors: the records a resolution refers to by key."""

from workflow.import_services import records_import_delete

from ..models import (
    Actor,
    MemberState,
    SourceDocument,
)
from ..models.vocabularies import ActorKind
from .records import _Record


class ReferencesMixin:
    def _load_keyed(self, model, data, path, kind, key_name, values):
        """One `kind` record upserted by its `key_name` field; `values(r, path)` gives its other
        fields. Returns the record reader, the saved object and the path errors name."""
        r = _Record(self, data, path, kind)
        key = r.str(key_name)
        path = f"{path} ({key})"
        saved = self.save(self.upsert(model, {key_name: key}, values(r, path)), path)
        return r, saved, path

    def load_source(self, data, path):
        def values(r, path):
            return {
                "title": r.str("title"),
                "kind": r.choice("kind", "other"),
                "symbol": r.str("symbol"),
                "url": r.str("url"),
                "date": r.date("date"),
                "publisher": r.str("publisher"),
                "notes": r.str("notes"),
            }

        r, source, path = self._load_keyed(SourceDocument, data, path, "source", "key", values)
        self.sources[source.key] = source

    def load_member_state(self, data, path):
        def values(r, path):
            return {
                "name": r.str("name"),
                "name_in_source": r.str("name_in_source"),
                "source": self.source(path, r.str("source"), required=False),
            }

        self._load_keyed(MemberState, data, path, "member_state", "iso3", values)

    def load_actor(self, data, path):
        def values(r, path):
            iso3 = r.str("member_state")
            return {
                "kind_id": self.term(ActorKind, path, "kind", r.str("kind")),
                "member_state": self.member_state(path, iso3) if iso3 else None,
            }

        r, actor, path = self._load_keyed(Actor, data, path, "actor", "name", values)
        self.load_translations(actor, r, path)

    def body(self, record, key, field="body"):
        from ..models import Body

        found = Body.objects.filter(key=key).first()
        if found is None:
            self.fail(record, field, f"no body with key {key!r} (declare it under bodies)")
        return found

    def load_body(self, data, path):
        from ..models import Body

        def values(r, path):
            return {
                "name": r.str("name"),
                "short_name": r.str("short_name"),
                "source": self.source(path, r.str("source"), required=False),
            }

        r, body, path = self._load_keyed(Body, data, path, "body", "key", values)
        self.load_translations(body, r, path)

    def load_memberships(self, items):
        """`memberships:` a State's standing in a body over a period. A file that lists
        memberships of a body lists all of them: rows of that body it no longer lists go."""
        from ..models import Membership

        kept: dict[int, list[int]] = {}
        for i, item in enumerate(items):
            path = f"memberships[{i}]"
            r = _Record(self, item, path, "membership")
            path = f"{path} ({r.str('state')} in {r.str('body')})"
            body = self.body(path, r.str("body"))
            membership = self.upsert(
                Membership,
                {
                    "state": self.member_state(path, r.str("state"), "state"),
                    "body": body,
                    "standing": r.choice("standing", "member"),
                    "start_date": r.date("start_date"),
                },
                {
                    "end_date": r.date("end_date"),
                    "source": self.source(path, r.str("source")),
                    "note": r.str("note"),
                },
            )
            self.save(membership, path)
            kept.setdefault(body.pk, []).append(membership.pk)
        for body_id, pks in kept.items():
            records_import_delete(
                records=Membership.objects.filter(body_id=body_id).exclude(pk__in=pks)
            )
