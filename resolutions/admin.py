"""The secretariat's admin: where resolutions are entered and implementation is recorded.

Two rules shape it beyond Django's defaults:

- Status updates are append-only (see models/status_updates.py). The admin can add one, with its
  evidence, and show the history; it never offers to edit or delete either.
- Every page runs a fixed number of queries however much data there is. Changelists and change
  pages load the relations their rows print; inlines do the same per row (SecretariatInline).
"""

import functools

from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.db import models
from django.db.models import Prefetch
from django.forms import BaseInlineFormSet, Textarea
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join

from .models import (
    Action,
    ActionParagraph,
    Actor,
    Evidence,
    MemberState,
    MemberStateRole,
    Occurrence,
    Paragraph,
    Participation,
    Resolution,
    SourcedFigure,
    SourceDocument,
    StatusUpdate,
)
from .status import Status


class SecretariatAdmin(admin.ModelAdmin):
    """A ModelAdmin whose change page loads what its changelist rows load.

    Objects' names often print a related object (a paragraph is "53/45-POL para. 7"), and the
    change page prints the name in its title and breadcrumbs. Reusing list_select_related for
    the change page keeps the declaration in one place.
    """

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if isinstance(self.list_select_related, list | tuple) and self.list_select_related:
            queryset = queryset.select_related(*self.list_select_related)
        return queryset


class RowLabelsAutocompleteSelect(AutocompleteSelect):
    """An autocomplete select that takes its selected option's label from `row_labels`.

    Django's AutocompleteSelect queries for the selected object's label each time it renders,
    which in an inline is once per row (raw_id_fields does the same). RowLabelsFormSet gives
    every row's widget one shared lookup instead.
    """

    row_labels = None  # a callable returning {value: label}, set by RowLabelsFormSet

    def optgroups(self, name, value, attr=None):
        selected = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        labels = self.row_labels() if self.row_labels and selected else {}
        if any(v not in labels for v in selected):
            # A value the lookup has not seen, e.g. one just typed into a form with errors.
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        for v in selected:
            options.append(self.create_option(name, v, labels[v], True, len(options)))
        return [(None, options, 0)]


class RowLabelsFormSet(BaseInlineFormSet):
    """Looks up the labels of every row's autocomplete selects in one query per column."""

    @cached_property
    def forms(self):
        forms = super().forms
        for name, field in self.form.base_fields.items():
            if not isinstance(getattr(field.widget, "widget", None), RowLabelsAutocompleteSelect):
                continue
            values = {str(form[name].value()) for form in forms} - {"", "None"}
            # Lazy: a formset that is only validated, or shown read-only, never runs it.
            row_labels = functools.cache(functools.partial(_labels, field, values))
            for form in forms:
                form.fields[name].widget.widget.row_labels = row_labels
        return forms


def _labels(field, values):
    key = field.to_field_name or "pk"
    objects = field.queryset.filter(**{f"{key}__in": values})
    return {str(getattr(obj, key)): field.label_from_instance(obj) for obj in objects}


class SecretariatInline:
    """Mixin for inlines, so a change page costs the same with 3 inline rows or 300.

    - `row_select_related` / `row_prefetch_related`: what each row prints (its name in the
      tabular "original" line, read-only relations), loaded with the rows.
    - Foreign keys are autocomplete_fields whose selected labels are looked up for all rows at
      once (RowLabelsFormSet). A plain select would run its choices query, and render every
      option, once per row.
    """

    formset = RowLabelsFormSet
    row_select_related = ()
    row_prefetch_related = ()

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.row_select_related:
            queryset = queryset.select_related(*self.row_select_related)
        if self.row_prefetch_related:
            queryset = queryset.prefetch_related(*self.row_prefetch_related)
        return queryset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                RowLabelsAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using")),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# Inline tables hold several text fields per row; full-size text areas make them unreadable.
COMPACT_TEXT = {models.TextField: {"widget": Textarea(attrs={"rows": 2, "cols": 40})}}


# --- Sources, Member States, actors ---------------------------------------------------------


@admin.register(SourceDocument)
class SourceDocumentAdmin(SecretariatAdmin):
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
    list_select_related = ("member_state",)
    search_fields = ("name",)
    autocomplete_fields = ("member_state",)


# --- Resolutions and paragraphs -------------------------------------------------------------


class ParagraphInline(SecretariatInline, admin.TabularInline):
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
    autocomplete_fields = ("text_source",)
    formfield_overrides = COMPACT_TEXT
    extra = 0
    show_change_link = True
    row_select_related = ("resolution",)


@admin.register(Resolution)
class ResolutionAdmin(SecretariatAdmin):
    list_display = ("symbol", "title", "adopting_body", "session", "adopted_on", "is_synthetic")
    # Synthetic (generated) resolutions are hidden from the public site but not from here.
    list_filter = ("is_synthetic", "adopting_body")
    search_fields = ("symbol", "slug", "title")
    autocomplete_fields = ("sources",)
    fieldsets = (
        (None, {"fields": ("symbol", "slug", "title", "summary")}),
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
                    "adoption_dates_note",
                )
            },
        ),
        ("Provenance", {"fields": ("sources", "data_file", "is_synthetic")}),
    )
    inlines = (ParagraphInline,)


@admin.register(Paragraph)
class ParagraphAdmin(SecretariatAdmin):
    list_display = ("resolution", "number", "kind", "text_provenance", "excluded_from_rollup")
    list_display_links = ("resolution", "number")
    list_filter = ("resolution", "kind", "text_provenance", "excluded_from_rollup", "addressee")
    list_select_related = ("resolution",)
    search_fields = ("number", "summary", "text", "resolution__symbol")
    autocomplete_fields = ("resolution", "text_source")
    fieldsets = (
        (None, {"fields": ("resolution", "number", "order", "kind", "summary")}),
        (
            "Operative content",
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
    )


# --- Actions --------------------------------------------------------------------------------


class CurrentStatusFilter(admin.SimpleListFilter):
    # Filters on the annotation ActionAdmin.get_queryset adds: the status is derived, not stored.
    title = "current status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Status.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(current_status=self.value())
        return queryset


class ActionParagraphInline(SecretariatInline, admin.TabularInline):
    model = ActionParagraph
    fields = ("paragraph",)
    autocomplete_fields = ("paragraph",)
    extra = 0
    verbose_name = "paragraph served"
    verbose_name_plural = "paragraphs served"
    row_select_related = ("action", "paragraph__resolution")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "paragraph":
            # A paragraph's label names its resolution.
            kwargs["queryset"] = Paragraph.objects.select_related("resolution")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class OccurrenceInline(SecretariatInline, admin.TabularInline):
    model = Occurrence
    ordering = ("start_date",)
    # The essentials only. Sources, participations and notes are on the occurrence's page.
    fields = (
        "kind",
        "title",
        "start_date",
        "end_date",
        "date_precision",
        "place",
        "member_states_count",
    )
    extra = 0
    show_change_link = True


class SourcedFigureInline(SecretariatInline, admin.TabularInline):
    model = SourcedFigure
    fields = ("label", "value", "is_minimum", "as_of", "source", "quote")
    autocomplete_fields = ("source",)
    formfield_overrides = COMPACT_TEXT
    extra = 0


class MemberStateRoleInline(SecretariatInline, admin.TabularInline):
    model = MemberStateRole
    fields = ("member_state", "role", "as_of", "source", "quote")
    autocomplete_fields = ("member_state", "source")
    formfield_overrides = COMPACT_TEXT
    extra = 0
    row_select_related = ("member_state", "action")


class StatusHistoryInline(SecretariatInline, admin.TabularInline):
    """The action's status updates, newest first. Read-only: history is append-only."""

    model = StatusUpdate
    verbose_name_plural = "status history"
    ordering = ("-as_of", "-recorded_at", "-id")
    fields = ("as_of", "status", "progress", "note", "evidence_list", "author_name", "recorded_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    row_select_related = ("action",)
    row_prefetch_related = (
        Prefetch("evidence", queryset=Evidence.objects.select_related("source", "occurrence")),
    )

    @admin.display(description="evidence")
    def evidence_list(self, update):
        # Titles and locators only; the quotes are on the update's own page.
        return format_html_join(
            "",
            "<div>{}{}</div>",
            (
                (piece.display_title, f" ({piece.locator})" if piece.locator else "")
                for piece in update.evidence.all()
            ),
        )

    # Corrections are recorded as new updates, from the "Record a status update" link.
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Action)
class ActionAdmin(SecretariatAdmin):
    list_display = (
        "title",
        "resolution",
        "mandate_type",
        "current_status",
        "progress",
        "overdue",
        "due_date",
        "weight",
    )
    list_filter = ("resolution", "mandate_type", CurrentStatusFilter)
    list_select_related = ("resolution",)
    search_fields = ("title", "key", "description", "resolution__symbol")
    autocomplete_fields = ("resolution", "responsible_actors", "mandate_source")
    readonly_fields = ("current_status", "progress", "record_status_update")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "resolution",
                    "key",
                    "title",
                    "description",
                    "mandate_type",
                    "recurrence",
                    "due_date",
                    "weight",
                )
            },
        ),
        (
            "Responsibility and attribution",
            {"fields": ("responsible_actors", "mandate_source", "attribution_note")},
        ),
        ("Status today", {"fields": ("current_status", "progress", "record_status_update")}),
    )
    inlines = (
        ActionParagraphInline,
        OccurrenceInline,
        SourcedFigureInline,
        MemberStateRoleInline,
        StatusHistoryInline,
    )

    def get_queryset(self, request):
        # Status is derived by rollup.py, never stored. Annotating here gives the changelist
        # (columns, filter, sorting) and the change page the public site's numbers, computed in
        # the same query as the rows.
        return super().get_queryset(request).with_status(timezone.localdate())

    # An action that is being added has no annotations: the change page's read-only fields
    # then show the empty value.
    @admin.display(description="current status", ordering="current_status")
    def current_status(self, action):
        value = getattr(action, "current_status", None)
        return Status(value).label if value else None

    @admin.display(description="progress", ordering="credit")
    def progress(self, action):
        # None is "not applicable": it is left out of the roll-up, which is not the same as 0%.
        credit = getattr(action, "credit", None)
        return None if credit is None else f"{credit}%"

    @admin.display(description="overdue", boolean=True, ordering="is_overdue")
    def overdue(self, action):
        return action.is_overdue

    @admin.display(description="new assessment")
    def record_status_update(self, action):
        if action.pk is None:
            return "Save the action first."
        url = reverse(f"{self.admin_site.name}:resolutions_statusupdate_add")
        return format_html(
            '<a class="addlink" href="{}?action={}">Record a status update</a>', url, action.pk
        )


# --- Occurrences, roles, figures ------------------------------------------------------------


class ParticipationInline(SecretariatInline, admin.TabularInline):
    model = Participation
    fields = ("member_state", "role", "source", "note")
    autocomplete_fields = ("member_state", "source")
    formfield_overrides = COMPACT_TEXT
    extra = 0
    row_select_related = ("member_state", "occurrence")


@admin.register(Occurrence)
class OccurrenceAdmin(SecretariatAdmin):
    list_display = ("title", "action", "kind", "start_date", "place", "member_states_count")
    list_filter = ("kind", "action__resolution")
    list_select_related = ("action",)
    date_hierarchy = "start_date"
    search_fields = ("title", "place", "action__title")
    autocomplete_fields = ("action", "sources")
    inlines = (ParticipationInline,)


@admin.register(MemberStateRole)
class MemberStateRoleAdmin(SecretariatAdmin):
    list_display = ("member_state", "role", "action", "as_of", "source")
    list_filter = ("role",)
    list_select_related = ("member_state", "action", "source")
    search_fields = ("member_state__name", "member_state__iso3", "action__title")
    autocomplete_fields = ("member_state", "action", "source")


@admin.register(Participation)
class ParticipationAdmin(SecretariatAdmin):
    list_display = ("member_state", "role", "occurrence", "source")
    list_filter = ("role",)
    list_select_related = ("member_state", "occurrence", "source")
    search_fields = ("member_state__name", "member_state__iso3", "occurrence__title")
    autocomplete_fields = ("occurrence", "member_state", "source")


@admin.register(SourcedFigure)
class SourcedFigureAdmin(SecretariatAdmin):
    list_display = ("label", "value", "is_minimum", "as_of", "action", "source")
    list_select_related = ("action", "source")
    search_fields = ("label", "action__title")
    autocomplete_fields = ("action", "source")


# --- Status updates -------------------------------------------------------------------------


class EvidenceInline(SecretariatInline, admin.TabularInline):
    model = Evidence
    fields = ("source", "occurrence", "url", "title", "locator", "quote")
    autocomplete_fields = ("source", "occurrence")
    formfield_overrides = COMPACT_TEXT
    # An update without evidence is an opinion: the form refuses to save one (get_formset).
    min_num = 1
    extra = 1
    can_delete = False
    row_select_related = ("source", "occurrence")

    def get_formset(self, request, obj=None, **kwargs):
        # InlineModelAdmin has no validate_min option, and min_num alone only sets how many
        # blank rows are shown: without this, an update with every row removed would save.
        return super().get_formset(request, obj, validate_min=True, **kwargs)

    def get_extra(self, request, obj=None, **kwargs):
        # Blank rows are for a new update only. (Django builds a view-only inline's rows before
        # it drops their extras, so a recorded update would otherwise show an empty input row.)
        return self.extra if obj is None else 0

    # Evidence is part of the record it supports: added with the update, then never edited.
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StatusUpdate)
class StatusUpdateAdmin(SecretariatAdmin):
    """Add-only. Existing updates open as a read-only page; a correction is a new update."""

    list_display = ("action", "status", "progress", "as_of", "author_name", "recorded_at")
    list_filter = ("status", "as_of", "action__resolution")
    list_select_related = ("action",)
    date_hierarchy = "as_of"
    ordering = ("-as_of", "-recorded_at", "-id")
    search_fields = ("note", "action__title")
    autocomplete_fields = ("action",)
    # author and author_name are set from the logged-in user in save_model, never typed.
    fields = ("action", "status", "progress", "as_of", "note")
    readonly_fields = ("author_name", "recorded_at")
    inlines = (EvidenceInline,)

    def get_fields(self, request, obj=None):
        # Who recorded it and when only exist once it is saved; on the add form they would be
        # blank read-only rows.
        return self.fields + (self.readonly_fields if obj else ())

    def get_changeform_initial_data(self, request):
        # ?action=<id> (the link on an action's page) is handled by Django; today is the usual
        # as-of date for a fresh assessment.
        return {"as_of": timezone.localdate(), **super().get_changeform_initial_data(request)}

    def save_model(self, request, obj, form, change):
        # Only reached when adding: without change permission Django refuses a POST to an
        # existing update. The evidence formset is validated before this runs and saved after
        # it, inside the transaction ModelAdmin.changeform_view opens, so an update is never
        # stored without its evidence. This mirrors services.status_update_create.
        obj.author = request.user
        obj.author_name = request.user.get_full_name() or request.user.get_username()
        super().save_model(request, obj, form, change)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
