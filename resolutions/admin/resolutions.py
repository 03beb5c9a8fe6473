"""The admin of resolutions and their paragraphs, source documents, Member States (and their
roles in mandates) and actors.
"""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import (
    Actor,
    MemberState,
    MemberStateRole,
    Paragraph,
    Resolution,
    SourceDocument,
)
from .correctable import CorrectableFactAdmin
from .facts import FactWorkflowAdmin
from .options import (
    COMPACT_TEXT,
    SecretariatAdmin,
    SecretariatInline,
    VersionedAdmin,
    VersionedInline,
)
from .translations import (
    TRANSLATIONS,
    MissingTranslationsMixin,
    TranslationInline,
)

# --- Sources, Member States, actors ---------------------------------------------------------


class SourceDocumentForm(forms.ModelForm):
    """Staff adding a source (often from the evidence pop-up) need not invent a key: left blank,
    it is derived from the title (and made unique)."""

    class Meta:
        model = SourceDocument
        fields = ("key", "title", "kind", "symbol", "url", "date", "publisher", "notes")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "key" in self.fields:
            self.fields["key"].required = False
            self.fields["key"].help_text = _("Leave blank to derive it from the title.")

    def clean(self):
        data = super().clean()
        if "key" in self.fields and not data.get("key") and data.get("title"):
            from django.utils.text import slugify

            base = slugify(data["title"])[:70].strip("-") or "source"
            key, n = base, 1
            while SourceDocument.objects.filter(key=key).exclude(pk=self.instance.pk).exists():
                n += 1
                key = f"{base}-{n}"
            data["key"] = key
            self.instance.key = key
        return data


@admin.register(SourceDocument)
class SourceDocumentAdmin(SecretariatAdmin):
    form = SourceDocumentForm
    list_display = ("title", "kind", "symbol", "date", "publisher", "key")
    list_filter = ("kind",)
    # Every "source" select in the admin is an autocomplete over these fields.
    search_fields = ("key", "title", "symbol", "url")
    date_hierarchy = "date"


@admin.register(MemberState)
class MemberStateAdmin(SecretariatAdmin):
    list_display = ("name", "iso3", "name_in_source")
    search_fields = ("name", "iso3", "name_in_source")
    autocomplete_fields = ("source",)


@admin.register(Actor)
class ActorAdmin(SecretariatAdmin):
    list_display = ("name", "kind", "member_state")
    list_filter = ("kind",)
    list_select_related = ("member_state", "kind")
    search_fields = ("name",)
    autocomplete_fields = ("member_state",)


# --- Resolutions and paragraphs -------------------------------------------------------------


class ParagraphInline(VersionedInline, SecretariatInline, admin.TabularInline):
    model = Paragraph
    ordering = ("order",)
    # Every field a check constraint reads is here. A field left out of a form is skipped when
    # Django validates constraints, so a partial row would fail in the database instead of
    # showing an error. The rest (locators, notes) is on the paragraph's own page.
    fields = (
        "number",
        "order",
        "kind",
        "operative_verb",
        "addressee",
        "summary",
        "text",
        "text_provenance",
        "text_source",
        "excluded_from_rollup",
        "exclusion_reason",
    )
    autocomplete_fields = ("text_source", "operative_verb", "addressee")
    formfield_overrides = COMPACT_TEXT
    extra = 0
    show_change_link = True
    row_select_related = ("resolution",)


@admin.register(Resolution)
class ResolutionAdmin(MissingTranslationsMixin, VersionedAdmin, SecretariatAdmin):
    list_display = (
        "symbol",
        "title",
        "adopting_body",
        "session",
        "adopted_on",
        "is_synthetic",
        "missing_translations",
    )
    # Synthetic (generated) resolutions are hidden from the public site but not from here.
    list_filter = ("is_synthetic", "adopting_body")
    search_fields = ("symbol", "slug", "title")
    autocomplete_fields = ("sources", "title_source", "adopted_hijri_source")
    fieldsets = (
        (None, {"fields": ("symbol", "slug", "title", "title_source", "title_locator", "summary")}),
        (
            "Adoption",
            {
                "fields": (
                    "adopting_body",
                    "session",
                    "session_theme",
                    "place",
                    "adopted_on",
                    "adopted_until",
                    "adopted_hijri",
                    "adopted_hijri_source",
                    "adoption_dates_note",
                )
            },
        ),
        ("Provenance", {"fields": ("sources", "data_file", "is_synthetic")}),
        (gettext_lazy("Actions"), {"fields": ("actions_list",)}),
        (TRANSLATIONS, {"fields": ("missing_translations",)}),
    )
    readonly_fields = ("missing_translations", "actions_list")
    inlines = (TranslationInline, ParagraphInline)

    @admin.display(description=gettext_lazy("actions"))
    def actions_list(self, obj):
        return actions_links(obj.actions.all(), f"resolution__id__exact={obj.pk}")


@admin.register(Paragraph)
class ParagraphAdmin(MissingTranslationsMixin, VersionedAdmin, SecretariatAdmin):
    list_display = (
        "resolution",
        "number",
        "kind",
        "text_provenance",
        "excluded_from_rollup",
        "missing_translations",
    )
    list_display_links = ("resolution", "number")
    list_filter = ("resolution", "kind", "text_provenance", "excluded_from_rollup", "addressee")
    list_select_related = ("resolution",)
    search_fields = ("number", "summary", "text", "resolution__symbol")
    autocomplete_fields = ("resolution", "text_source")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "resolution",
                    "number",
                    "number_is_positional",
                    "order",
                    "kind",
                    "summary",
                )
            },
        ),
        (
            gettext_lazy("Operative content"),
            {"fields": ("operative_verb", "operative_verb_other", "addressee", "addressee_detail")},
        ),
        (
            "Text and provenance",
            {
                "fields": (
                    "text",
                    "text_provenance",
                    "text_source",
                    "text_source_locator",
                    "provenance_note",
                )
            },
        ),
        ("Roll-up", {"fields": ("excluded_from_rollup", "exclusion_reason")}),
        (gettext_lazy("Actions"), {"fields": ("actions_list",)}),
        (TRANSLATIONS, {"fields": ("missing_translations",)}),
    )
    readonly_fields = ("missing_translations", "actions_list")
    inlines = (TranslationInline,)

    @admin.display(description=gettext_lazy("actions"))
    def actions_list(self, obj):
        return actions_links(obj.actions.all(), f"paragraphs__id__exact={obj.pk}")


# The most actions a resolution's or paragraph's page lists; the rest are one link away.
ACTIONS_LISTED = 100


def actions_links(actions, list_filter):
    """The actions of a resolution or paragraph, each linked to its admin page, and a link to
    all of them in the action list."""
    rows = list(actions.order_by("id")[: ACTIONS_LISTED + 1])
    if not rows:
        return _("No action yet.")
    items = format_html_join(
        "",
        '<li><a href="{}">{}</a></li>',
        (
            (reverse("admin:resolutions_action_change", args=[a.pk]), a.title)
            for a in rows[:ACTIONS_LISTED]
        ),
    )
    all_url = reverse("admin:resolutions_action_changelist") + "?" + list_filter
    more = _("All of them in the action list") if len(rows) > ACTIONS_LISTED else _("In the list")
    return format_html(
        '<ul class="admin-actions-list">{}</ul><a href="{}">{}</a>', items, all_url, more
    )


@admin.register(MemberStateRole)
class MemberStateRoleAdmin(CorrectableFactAdmin, FactWorkflowAdmin, SecretariatAdmin):
    """Roles a source states, reviewed like the other facts (a draft until a second person
    publishes it; published ones are corrected, never edited)."""

    list_display = ("state", "member_state", "role", "action", "as_of", "source")
    list_filter = ("state", "role")
    readonly_fields = ("fact_workflow",)
    list_select_related = ("member_state", "action", "source")
    search_fields = ("member_state__name", "member_state__iso3", "action__title")
    autocomplete_fields = ("member_state", "action", "source")
