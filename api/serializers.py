"""Read-only representations. Computed values (status, credit, progress) are the roll-up's
annotations and Rollup objects, attached by the views; serializers never query."""

from django.urls import reverse
from django.utils.translation import gettext
from rest_framework import serializers

from resolutions.dates import precise_iso
from resolutions.models import (
    Action,
    Evidence,
    MemberState,
    Paragraph,
    Resolution,
    ResolutionLink,
    StatusUpdate,
)
from resolutions.selectors import history_across_resolutions
from resolutions.status import Status


def _absolute(serializer, path: str) -> str:
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request else path


class DistributionItemSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices)
    label = serializers.CharField()
    count = serializers.IntegerField()


class RollupSerializer(serializers.Serializer):
    """A roll-up as resolutions.selectors.rollup_entry gives it, for the API, the JSON export and
    the reports alike (tests/test_selectors.py checks the fields are exactly its keys)."""

    percent = serializers.FloatField(
        allow_null=True, help_text="Weighted progress; null when no action is scored (never 0)."
    )
    total = serializers.IntegerField()
    scored = serializers.IntegerField()
    assessed = serializers.IntegerField(
        help_text="Actions assessed (a published update or a recorded occurrence); the "
        "percentage is null when none is."
    )
    unfigured = serializers.IntegerField(
        help_text="Actions in progress or delayed with no sourced progress figure (credit 0)."
    )
    not_yet_adopted = serializers.BooleanField(
        help_text="The resolution was not yet adopted on the date: nothing is scored."
    )
    excluded = serializers.IntegerField(help_text="Actions that are not applicable.")
    overdue = serializers.IntegerField()
    stale = serializers.IntegerField()
    weighted_credit = serializers.IntegerField()
    weight_total = serializers.IntegerField()
    distribution = DistributionItemSerializer(many=True)


class ResolutionReferenceSerializer(serializers.ModelSerializer):
    """A typed reference from one resolution to another (models.resolution.ResolutionLink)."""

    source_resolution = serializers.CharField(source="resolution.symbol")
    target = serializers.CharField(source="target_symbol")
    target_loaded = serializers.SerializerMethodField()
    paragraph = serializers.SerializerMethodField()
    source = serializers.SlugRelatedField(slug_field="key", read_only=True)
    target_sources = serializers.SlugRelatedField(slug_field="key", many=True, read_only=True)

    class Meta:
        model = ResolutionLink
        fields = [
            "source_resolution",
            "kind",
            "target",
            "target_loaded",
            "paragraph",
            "source",
            "locator",
            "note",
            "target_body",
            "target_title",
            "target_adopted_on",
            "target_url",
            "target_sources",
        ]

    def get_target_loaded(self, obj) -> str | None:
        """The slug of the target when it is a resolution in this tracker."""
        return obj.target.slug if obj.target_id else None

    def get_paragraph(self, obj) -> str | None:
        return obj.paragraph.number if obj.paragraph_id else None


class ResolutionSerializer(serializers.ModelSerializer):
    sources = serializers.SlugRelatedField(slug_field="key", many=True, read_only=True)
    as_of = serializers.SerializerMethodField()
    progress = RollupSerializer(read_only=True)
    references_made = ResolutionReferenceSerializer(many=True, read_only=True)
    references_received = ResolutionReferenceSerializer(many=True, read_only=True)
    identity_source = serializers.SlugRelatedField(slug_field="key", read_only=True)
    body = serializers.SlugRelatedField(
        slug_field="key",
        read_only=True,
        help_text="The body whose members 'Member States' means in this resolution.",
    )
    links = serializers.SerializerMethodField()

    class Meta:
        model = Resolution
        fields = [
            "symbol",
            "slug",
            "title",
            "adopting_body",
            "body",
            "session",
            "session_theme",
            "place",
            "adopted_on",
            "adopted_until",
            "adopted_hijri",
            "adoption_dates_note",
            "agenda_item",
            "draft_symbol",
            "document_symbol",
            "issued_on",
            "vote",
            "votes_for",
            "votes_against",
            "abstentions",
            "identity_source",
            "references_made",
            "references_received",
            "summary",
            "sources",
            "as_of",
            "progress",
            "links",
        ]

    def get_as_of(self, obj) -> str:
        return self.context["as_of"].isoformat()

    def get_links(self, obj) -> dict[str, str]:
        links = {
            "html": reverse("resolution_detail", args=[obj.slug]),
            "changes": reverse("resolution_changes", args=[obj.slug]),
        }
        for fmt in ("pdf", "xlsx", "csv", "json"):
            links[fmt] = reverse("resolution_report", args=[obj.slug, fmt])
        links["paragraphs"] = reverse("api:paragraph-list") + f"?resolution={obj.slug}"
        links["actions"] = reverse("api:action-list") + f"?resolution={obj.slug}"
        return {name: _absolute(self, path) for name, path in links.items()}


class VocabularyCodeField(serializers.CharField):
    """A vocabulary term's code (models/vocabularies.py), "" when none is recorded: the value the
    field had when the vocabularies were fixed lists."""

    def get_attribute(self, instance):
        return super().get_attribute(instance) or ""


class ParagraphSerializer(serializers.ModelSerializer):
    resolution = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    verb = VocabularyCodeField(source="operative_verb_id", read_only=True)
    addressee = VocabularyCodeField(source="addressee_id", read_only=True)
    verb_other = serializers.CharField(source="operative_verb_other")
    provenance = serializers.CharField(source="text_provenance")
    text_source = serializers.SlugRelatedField(slug_field="key", read_only=True)
    locator = serializers.CharField(source="text_source_locator")
    excluded = serializers.BooleanField(source="excluded_from_rollup")
    parent = serializers.SlugRelatedField(
        slug_field="number",
        read_only=True,
        help_text="The number of the paragraph this one is a sub-paragraph of (5 for 5(a)).",
    )
    actions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    progress = RollupSerializer(
        read_only=True,
        allow_null=True,
        help_text="Null for preambular paragraphs, which are not scored.",
    )
    url = serializers.SerializerMethodField()

    class Meta:
        model = Paragraph
        fields = [
            "id",
            "resolution",
            "number",
            "number_is_positional",
            "order",
            "parent",
            "kind",
            "verb",
            "verb_other",
            "addressee",
            "addressee_detail",
            "summary",
            "text",
            "provenance",
            "text_source",
            "locator",
            "provenance_note",
            "excluded",
            "exclusion_reason",
            "actions",
            "progress",
            "url",
        ]

    def get_url(self, obj) -> str:
        return _absolute(self, reverse("paragraph_detail", args=[obj.resolution.slug, obj.number]))


class ActionSerializer(serializers.ModelSerializer):
    resolution = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    paragraphs = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    mandate_type = serializers.CharField(
        source="mandate_type_id",
        read_only=True,
        help_text="A code of the mandate-type vocabulary (/statuses/ defines each).",
    )
    responsible = serializers.SlugRelatedField(
        source="responsible_actors", slug_field="name", many=True, read_only=True
    )
    responsible_label = serializers.SerializerMethodField(
        help_text='The responsible actors as one line; "Not stated by the sources" when no '
        "source names them."
    )
    status = serializers.ChoiceField(source="current_status", choices=Status.choices)
    status_label = serializers.SerializerMethodField()
    credit = serializers.SerializerMethodField(
        help_text="0–100; null when not scored: not applicable (excluded from the roll-up), "
        "not yet due, or before the resolution's adoption."
    )
    recorded_progress = serializers.IntegerField(source="latest_progress", allow_null=True)
    latest_update_as_of = serializers.DateField(source="latest_as_of", allow_null=True)
    last_occurrence_on = serializers.SerializerMethodField(
        help_text="As precisely as the source gives it: YYYY-MM-DD, YYYY-MM or YYYY."
    )
    last_occurrence_precision = serializers.CharField(allow_null=True)
    last_reviewed_on = serializers.DateField(
        allow_null=True, help_text="The last published review (sources checked, no change)."
    )
    is_overdue = serializers.BooleanField()
    is_stale = serializers.BooleanField()
    as_of = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    continues = serializers.SerializerMethodField(
        help_text="The action of an earlier resolution this one carries on, with the source that "
        "ties them; null when it continues none. `url` is null while that resolution is not "
        "loaded."
    )

    class Meta:
        model = Action
        fields = [
            "id",
            "resolution",
            "key",
            "title",
            "description",
            "mandate_type",
            "recurrence",
            "paragraphs",
            "responsible",
            "responsible_label",
            "due_date",
            "weight",
            "attribution_note",
            "as_of",
            "status",
            "status_label",
            "credit",
            "recorded_progress",
            "latest_update_as_of",
            "last_occurrence_on",
            "last_occurrence_precision",
            "last_reviewed_on",
            "is_overdue",
            "is_stale",
            "continues",
            "url",
        ]

    def get_continues(self, obj) -> dict | None:
        if not obj.continues_symbol:
            return None
        url = reverse("action_detail", args=[obj.continues_id]) if obj.continues_id else None
        return {
            "resolution": obj.continues_symbol,
            "action": obj.continues_key,
            "source": obj.continues_source.key,
            "quote": obj.continues_quote,
            "note": obj.continues_note,
            "url": _absolute(self, url) if url else None,
        }

    def get_last_occurrence_on(self, obj) -> str | None:
        return precise_iso(obj.last_occurrence_on, obj.last_occurrence_precision)

    def get_responsible_label(self, obj) -> str:
        names = [actor.name for actor in obj.responsible_actors.all()]
        return "; ".join(names) or gettext("Not stated by the sources")

    def get_credit(self, obj) -> int | None:
        # #11 rule 1: nothing is scored before adoption, so no percentage (the roll-up's flag).
        return obj.credit if getattr(obj, "is_scored", True) else None

    def get_status_label(self, obj) -> str:
        return str(Status(obj.current_status).label)

    def get_as_of(self, obj) -> str:
        return self.context["as_of"].isoformat()

    def get_url(self, obj) -> str:
        return _absolute(self, reverse("action_detail", args=[obj.pk]))


class ActionDetailSerializer(ActionSerializer):
    """One action, with its mandate's history across resolutions (the action page's section)."""

    history_across_resolutions = serializers.SerializerMethodField(
        help_text="Null when no other resolution carries this mandate. Otherwise `actions`: the "
        "actions that carry it, earliest resolution first; `events`: their published status "
        "updates and occurrences up to the as-of date as one line, oldest first."
    )

    class Meta(ActionSerializer.Meta):
        fields = [*ActionSerializer.Meta.fields, "history_across_resolutions"]

    def get_history_across_resolutions(self, obj) -> dict | None:
        across = history_across_resolutions(obj, self.context["as_of"])
        if across is None:
            return None

        def url(action):
            return _absolute(self, reverse("action_detail", args=[action.pk]))

        return {
            "actions": [
                {
                    "resolution": a.resolution.symbol,
                    "key": a.key,
                    "title": a.title,
                    "continues_source": a.continues_source.key if a.continues_source_id else None,
                    "url": url(a),
                }
                for a in across.actions
            ],
            "events": [
                {
                    "date": e.day.isoformat(),
                    "resolution": e.action.resolution.symbol,
                    "action": e.action.key,
                    "kind": "status_update" if e.update else "occurrence",
                    "status": e.update.status if e.update else None,
                    "text": e.update.note if e.update else e.occurrence.title,
                }
                for e in across.events
            ],
        }


class EvidenceSerializer(serializers.ModelSerializer):
    source = serializers.SlugRelatedField(slug_field="key", read_only=True)
    occurrence = serializers.SerializerMethodField()
    display_title = serializers.CharField()
    link = serializers.CharField()

    class Meta:
        model = Evidence
        fields = [
            "source",
            "occurrence",
            "url",
            "title",
            "locator",
            "quote",
            "display_title",
            "link",
        ]

    def get_occurrence(self, obj) -> dict | None:
        if not obj.occurrence_id:
            return None
        o = obj.occurrence
        return {"id": o.pk, "key": o.key, "title": o.title, "start_date": o.start_date.isoformat()}


class StatusUpdateSerializer(serializers.ModelSerializer):
    resolution = serializers.SerializerMethodField()
    status_label = serializers.CharField(source="get_status_display")
    recorded_by = serializers.CharField(source="author_name")
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = StatusUpdate
        fields = [
            "id",
            "action",
            "resolution",
            "status",
            "status_label",
            "progress",
            "as_of",
            "note",
            "recorded_by",
            "recorded_at",
            # #11 rule 5: "reported" (self-assessed, or imported) unless a reviewer confirmed
            # it against the evidence ("verified", with when).
            "verification",
            "verified_at",
            "evidence",
        ]

    def get_resolution(self, obj) -> str:
        return obj.action.resolution.slug


class MemberStateSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = MemberState
        fields = ["iso3", "name", "name_in_source", "url"]

    def get_url(self, obj) -> str:
        return _absolute(self, reverse("member_state_detail", args=[obj.iso3]))
