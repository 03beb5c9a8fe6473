"""Actions and what hangs from them: occurrences, participations, figures, roles."""

from workflow.import_services import action_paragraphs_import, related_import

from ..models import (
    Action,
    Actor,
    MemberStateRole,
    Occurrence,
    Participation,
    Resolution,
    SourcedFigure,
)
from ..models.vocabularies import MandateType
from .records import _Record


class ActionsMixin:
    def load_action(self, resolution, paragraphs, data, path, keys):

        r = _Record(self, data, path, "action")
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
                "mandate_type_id": self.term(
                    MandateType, path, "mandate_type", r.str("mandate_type")
                ),
                "recurrence": r.choice("recurrence", ""),
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
                **self.continuation(resolution, key, r.get("continues"), path),
            },
        )
        self.save(action, path)
        self.load_translations(action, r, path)

        linked = []
        for number in r.list("paragraphs"):
            if str(number) not in paragraphs:
                self.fail(path, "paragraphs", f"no paragraph {number!r} in this resolution")
            linked.append(paragraphs[str(number)])
        action_paragraphs_import(action=action, paragraphs=linked)

        actors = []
        for name in r.list("responsible"):
            actor = Actor.objects.filter(name=name).first()
            if actor is None:
                self.fail(path, "responsible", f"no actor named {name!r} (declare it under actors)")
            actors.append(actor)
        related_import(record=action, name="responsible_actors", targets=actors)
        related_import(
            record=action,
            name="description_sources",
            targets=[
                self.source(path, k, "description_sources") for k in r.list("description_sources")
            ],
        )

        occurrences = {}
        for i, item in enumerate(r.list("occurrences")):
            occurrence = self.load_occurrence(action, item, f"{path}.occurrences[{i}]")
            occurrences[occurrence.key] = occurrence
        for i, item in enumerate(r.list("figures")):
            self.load_figure(action, item, f"{path}.figures[{i}]")
        for i, item in enumerate(r.list("member_state_roles")):
            self.load_role(action, item, f"{path}.member_state_roles[{i}]")
        self.load_status_updates(action, occurrences, r.list("status_updates"), path)

    def continuation(self, resolution, key, data, path):
        """`continues:` the earlier resolution's action this one carries on. The earlier action
        is found when its resolution is loaded; loaded later, it is linked then
        (`link_continuations`)."""
        blank = {
            "continues": None,
            "continues_symbol": "",
            "continues_key": "",
            "continues_source": None,
            "continues_quote": "",
            "continues_note": "",
        }
        if not data:
            return blank
        path = f"{path}.continues"
        c = _Record(self, data, path, "action_continuation")
        symbol, earlier_key = c.str("resolution"), c.str("action")
        if symbol == resolution.symbol:
            self.fail(path, "resolution", "an action continues one of an earlier resolution")
        earlier_resolution = Resolution.objects.filter(symbol=symbol).first()
        earlier = None
        if earlier_resolution is not None:
            earlier = earlier_resolution.actions.filter(key=earlier_key).first()
            if earlier is None:
                self.fail(path, "action", f"{symbol} has no action with key {earlier_key!r}")
        return {
            "continues": earlier,
            "continues_symbol": symbol,
            "continues_key": earlier_key,
            "continues_source": self.source(path, c.str("source")),
            "continues_quote": c.str("quote"),
            "continues_note": c.str("note"),
        }

    def link_continuations(self, resolution, path):
        """Actions of resolutions loaded before this one that continue its actions point to
        them now; one naming an action this resolution does not have is an error."""
        waiting = Action.objects.filter(continues_symbol=resolution.symbol, continues=None)
        for later in waiting.select_related("resolution"):
            earlier = resolution.actions.filter(key=later.continues_key).first()
            if earlier is None:
                self.fail(
                    path,
                    "actions",
                    f"{later.resolution.symbol}'s action {later.key!r} continues "
                    f"{resolution.symbol}'s action {later.continues_key!r}, which this file "
                    "does not declare",
                )
            later.continues = earlier
            self.save(later, f"{later.resolution.symbol} action ({later.key})")

    def load_occurrence(self, action, data, path):

        r = _Record(self, data, path, "occurrence")
        key = r.str("key")
        path = f"{path} ({key})"
        occurrence = self.upsert(
            Occurrence,
            {"action": action, "key": key},
            {
                "kind": r.choice("kind"),
                "title": r.str("title"),
                "start_date": r.date("start_date"),
                "end_date": r.date("end_date"),
                "date_precision": r.choice("date_precision", "day"),
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
        related_import(
            record=occurrence,
            name="sources",
            targets=[self.source(path, k, "sources") for k in r.list("sources")],
        )
        for i, item in enumerate(r.list("participations")):
            p = _Record(self, item, f"{path}.participations[{i}]", "participation")
            ppath = f"{path}.participations[{i}]"
            participation = self.upsert(
                Participation,
                {
                    "occurrence": occurrence,
                    "member_state": self.member_state(ppath, p.str("member_state")),
                },
                {
                    "role": p.choice("role", "participant"),
                    "source": self.source(ppath, p.str("source")),
                    "note": p.str("note"),
                },
            )
            self.save(participation, ppath)
            self.load_translations(participation, p, ppath)
        return occurrence

    def load_figure(self, action, data, path):
        r = _Record(self, data, path, "figure")
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
        self.load_translations(figure, r, path)

    def load_role(self, action, data, path):
        r = _Record(self, data, path, "member_state_role")
        role = self.upsert(
            MemberStateRole,
            {
                "action": action,
                "member_state": self.member_state(path, r.str("member_state")),
                "role": r.choice("role"),
            },
            {
                "as_of": r.date("as_of"),
                "source": self.source(path, r.str("source")),
                "quote": r.str("quote"),
            },
        )
        self.save(role, path)
        self.load_translations(role, r, path)
