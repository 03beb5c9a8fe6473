"""The secretariat's admin: where resolutions are entered and implementation is recorded.

Rules that shape it beyond Django's defaults:

- Roles (workflow/roles.py): Viewers read everything, drafts included; Editors draft status
  updates and occurrences within their assignments and edit their own drafts; Reviewers also
  submit, publish and reject; Administrators do everything. Each ModelAdmin enforces this in
  its querysets, form choices and has_*_permission, and the services check it again.
- Status updates go draft → submitted → published (workflow/services.py). Only published
  ones are public. Submitted and published updates open read-only; a correction is a new update.
- Every model has a read-only History page (the audit trail: who changed what, old → new).
- Versioned records (resolutions, paragraphs, actions, occurrences, status updates) carry their
  version in a hidden field: a save based on an outdated version is refused with the
  differences listed, never silently applied over someone else's change.
- Every page runs a fixed number of queries however much data there is. Changelists and change
  pages load the relations their rows print; inlines do the same per row (SecretariatInline).
"""

import copy
import functools

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import OuterRef, Prefetch, Subquery
from django.forms import BaseInlineFormSet, Textarea
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from workflow import roles, services
from workflow.models import EditorAssignment

from .admin_facts import AllFactsInline, FactWorkflowAdmin, mark_new_facts_as_drafts
from .admin_queue import ActionQueueFilter, StatusUpdateQueueFilter
from .admin_translations import (
    MissingTranslationsMixin,
    TextTranslationFormSet,
    TextTranslationInline,
)
from .bulk_reviews import record_no_change_reviews
from .models import (
    Action,
    ActionParagraph,
    Actor,
    ConflictError,
    Evidence,
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
from .models.status_updates import AppendOnlyError
from .status import Status


class AuditedAdmin(SimpleHistoryAdmin):
    """Adds the History page: every change with who, when and field: old → new. Read-only."""

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history saves a POST to this page as a revert of the record, checking only the
        # *view* permission. A revert would also bypass the workflow: the audit trail is
        # something to read, never to write through.
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied("The history of a record cannot be changed.")
        return super().history_form_view(request, object_id, version_id, extra_context)


# The hidden form field carrying the version a form was rendered with. Not named "version":
# Django refuses a model form field named after a non-editable model field.
VERSION_FIELD = "based_on_version"


class VersionedModelForm(forms.ModelForm):
    """Carries the version the user started from, and refuses to save over a newer one."""

    based_on_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and VERSION_FIELD in self.fields:
            self.fields[VERSION_FIELD].initial = self.instance.version

    def _post_clean(self):
        super()._post_clean()
        cleaned = getattr(self, "cleaned_data", {})
        version = cleaned.get(VERSION_FIELD)
        if self.instance.pk is None or version is None:
            return
        # The model's save checks it again atomically (VersionedModel.save): this check is for
        # a clear message next to the form, the save's is the guarantee.
        self.instance.version = version
        stored = type(self.instance)._base_manager.filter(pk=self.instance.pk).first()
        if stored is not None and stored.version != version:
            self.add_error(None, ConflictError(self.instance, stored))


def _with_version(fields):
    fields = [name for name in fields if name != VERSION_FIELD]
    return [*fields, VERSION_FIELD]


class VersionedAdmin:
    """Mixin for the ModelAdmins of versioned models (see models/versioning.py)."""

    form = VersionedModelForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = copy.deepcopy(super().get_fieldsets(request, obj))
        for _, options in fieldsets:
            options["fields"] = [n for n in options["fields"] if n != VERSION_FIELD]
        # Only a form that can be saved carries the version; a view-only page has no inputs.
        editable = (
            self.has_add_permission(request)
            if obj is None
            else self.has_change_permission(request, obj)
        )
        if editable and fieldsets:
            fieldsets[0][1]["fields"] = _with_version(fieldsets[0][1]["fields"])
        return fieldsets

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ConflictError as conflict:
            # Someone saved between the form's check and the save (the transaction was rolled
            # back): say so, and show the current record.
            messages.error(request, str(conflict))
            return HttpResponseRedirect(request.get_full_path())


class DraftByServiceAdmin:
    """Mixin for the ModelAdmin of a draft with evidence (status updates, review records): the
    workflow's services write it, and hold its rules (role, assignments, author, state,
    version). The admin hands them the form's values and a callable that saves the evidence
    formset against the stored record, inside the transaction the change view opens, so a
    record is never stored without its evidence. Subclasses define write_draft()."""

    def write_draft(self, request, obj, change, evidence):
        raise NotImplementedError

    def save_model(self, request, obj, form, change):
        """Nothing yet: save_related() writes the record and its evidence together."""

    def save_related(self, request, form, formsets, change):
        obj = form.instance

        def save_evidence(record):
            for formset in formsets:
                formset.instance = record
                self.save_formset(request, form, formset, change)

        stored = self.write_draft(request, obj, change, save_evidence)
        if not change:
            # The page goes on with the stored draft: its id for the redirect and the log, its
            # version for "Save and submit".
            obj.pk = stored.pk
            obj._state.adding = False
            obj.refresh_from_db()
        form.save_m2m()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as refused:
            # A rule only the service checks (the form checked the rest): nothing was saved.
            messages.error(request, f"Nothing was saved. {' '.join(refused.messages)}")
            return HttpResponseRedirect(request.get_full_path())


class VersionedInline:
    form = VersionedModelForm

    def get_fields(self, request, obj=None):
        fields = [n for n in super().get_fields(request, obj) if n != VERSION_FIELD]
        return _with_version(fields) if self.has_change_permission(request, obj) else fields


class SecretariatAdmin(AuditedAdmin):
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

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using")),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def _storable(model_field, values):
    """The values a foreign key could hold. A form sent back with errors may carry anything
    (":", "9" * 40), and the selects look up their selected options' labels with it: querying
    an id column with text or an out-of-range number is a server error, not an empty result."""
    target = model_field.target_field
    kept = []
    for value in values:
        try:
            target.run_validators(target.to_python(value))
        except ValidationError:
            continue
        kept.append(value)
    return kept


class SafeAutocompleteSelect(AutocompleteSelect):
    """Django's AutocompleteSelect, minus the server error on a junk selected value."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, _storable(self.field, value), attr)


class RowLabelsAutocompleteSelect(SafeAutocompleteSelect):
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


class RowLabelsMixin:
    """Looks up the labels of every row's autocomplete selects in one query per column."""

    @cached_property
    def forms(self):
        forms = super().forms
        for name, field in self.form.base_fields.items():
            if not isinstance(getattr(field.widget, "widget", None), RowLabelsAutocompleteSelect):
                continue
            values = {str(form[name].value()) for form in forms} - {"", "None"}
            values = set(_storable(self.model._meta.get_field(name), values))
            # Lazy: a formset that is only validated, or shown read-only, never runs it.
            row_labels = functools.cache(functools.partial(_labels, field, values))
            for form in forms:
                form.fields[name].widget.widget.row_labels = row_labels
        return forms

    def add_fields(self, form, index):
        super().add_fields(form, index)
        # A tabular inline names its columns only in the table head: without this, a screen
        # reader announces each cell's input with no name at all. index is None for the blank
        # template row that "Add another" copies.
        noun = self.model._meta.verbose_name
        row = f"new {noun}" if index is None else f"{noun} {index + 1}"
        for name, field in form.fields.items():
            if field.widget.is_hidden:
                continue
            # Attributes on a related-field wrapper never reach the widget it renders.
            widget = getattr(field.widget, "widget", field.widget)
            label = f"{capfirst(field.label or name)}, {row}"
            widget.attrs.setdefault("aria-label", label)
            if isinstance(widget, AutocompleteSelect):
                # Select2 hides the <select> and names its own box by the selected option only
                # (nothing while empty); it copies the select's title onto that box.
                widget.attrs.setdefault("title", label)


class RowLabelsFormSet(RowLabelsMixin, BaseInlineFormSet):
    pass


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


class TranslationFormSet(RowLabelsMixin, TextTranslationFormSet):
    pass


class TranslationInline(SecretariatInline, TextTranslationInline):
    """A record's translations (admin_translations.py), with the sources of all its rows
    labelled in one query, like every other inline here."""

    formset = TranslationFormSet
    row_select_related = ("source",)


# The fieldset that says, on a translatable record's page, which languages it still lacks; the
# translations themselves are edited in the inline below it.
TRANSLATIONS = gettext_lazy("Translations")


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
            self.fields["key"].help_text = "Leave blank to derive it from the title."

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
    list_select_related = ("member_state",)
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
    autocomplete_fields = ("text_source",)
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
    autocomplete_fields = ("sources", "adopted_hijri_source")
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
                    "adopted_hijri",
                    "adopted_hijri_source",
                    "adoption_dates_note",
                )
            },
        ),
        ("Provenance", {"fields": ("sources", "data_file", "is_synthetic")}),
        (TRANSLATIONS, {"fields": ("missing_translations",)}),
    )
    readonly_fields = ("missing_translations",)
    inlines = (TranslationInline, ParagraphInline)


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
        (TRANSLATIONS, {"fields": ("missing_translations",)}),
    )
    readonly_fields = ("missing_translations",)
    inlines = (TranslationInline,)


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


class OccurrenceInline(AllFactsInline, VersionedInline, SecretariatInline, admin.TabularInline):
    model = Occurrence
    ordering = ("start_date",)
    # The essentials only. Sources, participations and notes are on the occurrence's page.
    fields = (
        "state",
        "kind",
        "title",
        "start_date",
        "end_date",
        "date_precision",
        "place",
        "member_states_count",
    )
    readonly_fields = ("state",)
    extra = 0
    show_change_link = True


class SourcedFigureInline(AllFactsInline, SecretariatInline, admin.TabularInline):
    model = SourcedFigure
    fields = ("state", "label", "value", "is_minimum", "as_of", "source", "quote")
    readonly_fields = ("state",)
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
    """The action's status updates, newest first, drafts included (marked by their state).
    Read-only: history is append-only."""

    model = StatusUpdate
    verbose_name_plural = "status history"
    ordering = ("-as_of", "-recorded_at", "-id")
    fields = (
        "as_of",
        "status",
        "progress",
        "state",
        "verification",
        "note",
        "evidence_list",
        "author_name",
        "recorded_at",
    )
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
class ActionAdmin(MissingTranslationsMixin, VersionedAdmin, SecretariatAdmin):
    list_display = (
        "title",
        "resolution",
        "mandate_type",
        "current_status",
        "progress",
        "overdue",
        "due_date",
        "weight",
        "missing_translations",
    )
    list_filter = (ActionQueueFilter, "resolution", "mandate_type", CurrentStatusFilter)
    list_select_related = ("resolution",)
    search_fields = ("title", "key", "description", "resolution__symbol")
    autocomplete_fields = ("resolution", "responsible_actors", "mandate_source")
    readonly_fields = (
        "current_status",
        "progress",
        "unpublished",
        "record_status_update",
        "missing_translations",
    )
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
        (
            "Status today",
            {"fields": ("current_status", "progress", "unpublished", "record_status_update")},
        ),
        (TRANSLATIONS, {"fields": ("missing_translations",)}),
    )
    inlines = (
        TranslationInline,
        ActionParagraphInline,
        OccurrenceInline,
        SourcedFigureInline,
        MemberStateRoleInline,
        StatusHistoryInline,
    )

    actions = (record_no_change_reviews,)

    def has_draft_permission(self, request):
        return roles.can_draft(request.user)

    def save_formset(self, request, form, formset, change):
        # Occurrences and figures added here are drafts until a second person publishes them.
        mark_new_facts_as_drafts(request, formset)
        super().save_formset(request, form, formset, change)

    def get_queryset(self, request):
        # Status is derived by rollup.py, never stored. Annotating here gives the changelist
        # (columns, filter, sorting) and the change page the public site's numbers, computed in
        # the same query as the rows. The roll-up counts published updates only; the newest
        # unpublished one is annotated alongside, so staff can preview what is pending.
        pending = StatusUpdate.objects.unpublished().filter(action=OuterRef("pk")).newest_first()
        return (
            super()
            .get_queryset(request)
            .with_status(timezone.localdate())
            .annotate(
                pending_status=Subquery(pending.values("status")[:1]),
                pending_state=Subquery(pending.values("state")[:1]),
                pending_as_of=Subquery(pending.values("as_of")[:1]),
            )
        )

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        # The action selects of status updates and occurrences offer only the actions the
        # user is assigned to (their forms refuse the others: formfield_for_foreignkey).
        if request.GET.get("field_name") == "action" and request.GET.get("model_name") in (
            "statusupdate",
            "occurrence",
        ):
            queryset = roles.actions_in_scope(request.user, queryset)
        return queryset, may_have_duplicates

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

    @admin.display(description="not yet public")
    def unpublished(self, action):
        """A simple preview of the unpublished state: the newest draft or submitted update."""
        if action.pk is None:
            return None
        status = getattr(action, "pending_status", None)
        if not status:
            return "Nothing is waiting: every recorded update is published."
        as_of = action.pending_as_of
        would_change = action.latest_as_of is None or as_of >= action.latest_as_of
        return format_html(
            "{}: <strong>{}</strong> as of {}. {}",
            State(action.pending_state).label,
            Status(status).label,
            as_of.isoformat(),
            "If a reviewer publishes it, it becomes the current assessment."
            if would_change
            else "It is older than the published assessment, which stays current.",
        )

    @admin.display(description="new assessment")
    def record_status_update(self, action):
        if action.pk is None:
            return "Save the action first."
        url = reverse(f"{self.admin_site.name}:resolutions_statusupdate_add")
        return format_html(
            '<a class="addlink" href="{}?action={}">Record a status update</a>', url, action.pk
        )


# --- Occurrences, roles, figures ------------------------------------------------------------


class ParticipationInline(AllFactsInline, SecretariatInline, admin.TabularInline):
    model = Participation
    fields = ("state", "member_state", "role", "source", "note")
    readonly_fields = ("state",)
    autocomplete_fields = ("member_state", "source")
    formfield_overrides = COMPACT_TEXT
    extra = 0
    row_select_related = ("member_state", "occurrence")


@admin.register(Occurrence)
class OccurrenceAdmin(
    MissingTranslationsMixin, FactWorkflowAdmin, VersionedAdmin, SecretariatAdmin
):
    list_display = (
        "state",
        "title",
        "action",
        "kind",
        "start_date",
        "place",
        "member_states_count",
        "missing_translations",
    )
    list_filter = ("state", "kind", "action__resolution")
    list_select_related = ("action",)
    date_hierarchy = "start_date"
    search_fields = ("title", "place", "action__title")
    autocomplete_fields = ("action", "sources")
    readonly_fields = ("fact_workflow", "missing_translations")
    inlines = (TranslationInline, ParticipationInline)

    # Editors record occurrences of the actions they are assigned to.
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "action":
            kwargs["queryset"] = roles.actions_in_scope(request.user, Action.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or roles.in_scope(request.user, obj.action))

    def save_model(self, request, obj, form, change):
        roles.require(roles.in_scope(request.user, obj.action), "You are not assigned to it.")
        super().save_model(request, obj, form, change)


@admin.register(MemberStateRole)
class MemberStateRoleAdmin(SecretariatAdmin):
    list_display = ("member_state", "role", "action", "as_of", "source")
    list_filter = ("role",)
    list_select_related = ("member_state", "action", "source")
    search_fields = ("member_state__name", "member_state__iso3", "action__title")
    autocomplete_fields = ("member_state", "action", "source")


@admin.register(Participation)
class ParticipationAdmin(FactWorkflowAdmin, SecretariatAdmin):
    list_display = ("state", "member_state", "role", "occurrence", "source")
    list_filter = ("state", "role")
    readonly_fields = ("fact_workflow",)
    list_select_related = ("member_state", "occurrence", "source")
    search_fields = ("member_state__name", "member_state__iso3", "occurrence__title")
    autocomplete_fields = ("occurrence", "member_state", "source")


@admin.register(SourcedFigure)
class SourcedFigureAdmin(FactWorkflowAdmin, SecretariatAdmin):
    list_display = ("state", "label", "value", "is_minimum", "as_of", "action", "source")
    list_filter = ("state",)
    readonly_fields = ("fact_workflow",)
    list_select_related = ("action", "source")
    search_fields = ("label", "action__title")
    autocomplete_fields = ("action", "source")


# --- Status updates -------------------------------------------------------------------------


# The most pieces of evidence one status update can carry in the admin form.
MAX_EVIDENCE = 20


class EvidenceInline(SecretariatInline, admin.TabularInline):
    model = Evidence
    fields = ("source", "occurrence", "url", "file", "title", "locator", "quote")
    autocomplete_fields = ("source", "occurrence")
    formfield_overrides = COMPACT_TEXT
    # An update without evidence is an opinion: the form refuses to save one (get_formset).
    min_num = 1
    extra = 1
    # No real update cites more than a handful of sources. Without a ceiling, a POST claiming
    # evidence-TOTAL_FORMS=99999 made Django build 2,000 forms (its default absolute_max): 8 s
    # and a 9.7 MB page. Past MAX_EVIDENCE the form says so and builds no more rows.
    max_num = MAX_EVIDENCE
    row_select_related = ("source", "occurrence")

    def get_formset(self, request, obj=None, **kwargs):
        # InlineModelAdmin has no validate_min option, and min_num alone only sets how many
        # blank rows are shown: without this, an update with every row removed would save.
        # absolute_max caps what a POST can make Django build (it defaults to max_num + 1,000).
        return super().get_formset(
            request,
            obj,
            validate_min=True,
            validate_max=True,
            absolute_max=MAX_EVIDENCE,
            **kwargs,
        )

    def get_extra(self, request, obj=None, **kwargs):
        # Blank rows are for a new update only. (Django builds a view-only inline's rows before
        # it drops their extras, so a recorded update would otherwise show an empty input row.)
        return self.extra if obj is None else 0

    # Evidence is part of the update it supports: it changes with its draft, then never.
    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and (
            obj is None or roles.may_edit_draft(request.user, obj)
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is not None and roles.may_edit_draft(request.user, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is not None and roles.may_edit_draft(request.user, obj)
        )


class BulkStepForm(forms.Form):
    """The one note (and, to publish, the verification) applied to every selected update."""

    note = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3, "cols": 60}), label="Note"
    )
    verification = forms.ChoiceField(
        choices=Verification.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text="Reported: self-assessed by the responsible actor. Verified: you checked it "
        "against the cited evidence.",
    )

    def __init__(self, *args, step, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        if step == "publish":
            self.fields["verification"].required = True
        else:
            del self.fields["verification"]
        if step == "reject":
            self.fields["note"].required = True
            self.fields["note"].label = "Reason for rejecting"


BULK_STEPS = {
    "submit": ("Submit for review", "submitted for review"),
    "publish": ("Publish", "published"),
    "reject": ("Reject and return to draft", "returned to draft"),
}


def _corrected_from(request):
    """The published update named by ?corrects=<id>, or None."""
    raw = request.GET.get("corrects", "")
    if not raw.isdigit():
        return None
    return StatusUpdate.objects.public().filter(pk=int(raw)).first()


@admin.register(StatusUpdate)
class StatusUpdateAdmin(DraftByServiceAdmin, VersionedAdmin, SecretariatAdmin):
    """Drafts are edited here by their authors; submitted and published updates open read-only.
    Review steps are buttons on an update's page, or bulk actions on the list."""

    list_display = (
        "action",
        "status",
        "progress",
        "as_of",
        "state",
        "verification",
        "author_name",
        "recorded_at",
    )
    list_filter = (
        StatusUpdateQueueFilter,
        "state",
        "verification",
        "status",
        "as_of",
        "action__resolution",
    )
    list_select_related = ("action", "submitted_by", "published_by", "rejected_by")
    date_hierarchy = "as_of"
    ordering = ("-as_of", "-recorded_at", "-id")
    search_fields = ("note", "action__title")
    autocomplete_fields = ("action",)
    # author and author_name are set from the logged-in user in save_model, never typed; the
    # workflow fields are set by the services only.
    fields = ("action", "status", "progress", "as_of", "note", "corrects")
    raw_id_fields = ("corrects",)
    readonly_fields = ("workflow", "author_name", "recorded_at")
    inlines = (EvidenceInline,)
    actions = ("submit_selected", "publish_selected", "reject_selected")
    change_form_template = "workflow/statusupdate_change_form.html"

    def get_fields(self, request, obj=None):
        # Who recorded it, when, and where it stands only exist once it is saved; on the add
        # form they would be blank read-only rows.
        return (*self.fields, *(self.readonly_fields if obj else ()))

    def get_changeform_initial_data(self, request):
        # ?action=<id> (the link on an action's page) is handled by Django; today is the usual
        # as-of date for a fresh assessment.
        initial = {"as_of": timezone.localdate()}
        corrected = _corrected_from(request)
        if corrected is not None:
            # "Correct this update": a new draft, prefilled from the update it corrects.
            initial.update(
                action=corrected.action_id,
                status=corrected.status,
                progress=corrected.progress,
                as_of=corrected.as_of,
                note=corrected.note,
            )
        return {**initial, **super().get_changeform_initial_data(request)}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "action":
            kwargs["queryset"] = roles.actions_in_scope(request.user, Action.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # --- permissions: the admin half of workflow/roles.py ------------------------------------

    def has_add_permission(self, request):
        return roles.can_draft(request.user)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return roles.may_edit_draft(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        # Only a draft, one at a time (no bulk delete): submitted updates are append-only.
        return obj is not None and roles.may_delete_draft(request.user, obj)

    def has_draft_permission(self, request):
        return roles.can_draft(request.user)

    def has_review_permission(self, request):
        return roles.can_review(request.user)

    # --- saving ------------------------------------------------------------------------------

    def write_draft(self, request, obj, change, evidence):
        content = {name: getattr(obj, name) for name in services.CONTENT_FIELDS}
        if change:
            return services.status_update_draft_edit(
                user=request.user, update=obj, version=obj.version, evidence=evidence, **content
            )
        return services.status_update_draft_create(user=request.user, evidence=evidence, **content)

    def _submit_after_save(self, request, obj):
        if "_submit_for_review" not in request.POST:
            return
        services.status_update_submit(user=request.user, update=obj)
        messages.success(request, "Submitted for review: a reviewer will publish or reject it.")

    def response_add(self, request, obj, post_url_continue=None):
        self._submit_after_save(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        self._submit_after_save(request, obj)
        return super().response_change(request, obj)

    # --- the change page: where the update stands, and the review steps ----------------------

    @admin.display(description="workflow")
    def workflow(self, update):
        def who(user):
            return (user.get_full_name() or user.get_username()) if user else "a data file"

        state = State(update.state)
        if state == State.PUBLISHED:
            text = format_html(
                "<strong>Published</strong> on {} by {} — <strong>{}</strong>: {}",
                f"{update.published_at:%Y-%m-%d %H:%M}",
                who(update.published_by),
                update.get_verification_display(),
                update.verification_definition,
            )
        elif state == State.SUBMITTED:
            text = format_html(
                "<strong>Submitted for review</strong> on {} by {}. Not public.",
                f"{update.submitted_at:%Y-%m-%d %H:%M}",
                who(update.submitted_by),
            )
        elif update.rejected_at:
            text = format_html(
                "<strong>Draft, returned</strong> on {} by {}: “{}”. Not public.",
                f"{update.rejected_at:%Y-%m-%d %H:%M}",
                who(update.rejected_by),
                update.rejection_reason,
            )
        else:
            text = mark_safe("<strong>Draft</strong>. Not public.")  # a constant
        if update.review_note:
            text = format_html("{}<br>Note: {}", text, update.review_note)
        return text

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        user = request.user
        context["workflow"] = {
            "save_and_submit": roles.can_draft(user)
            and (obj is None or roles.may_edit_draft(user, obj) and roles.may_submit(user, obj)),
            "can_submit": obj is not None and roles.may_submit(user, obj),
            "can_review": obj is not None and roles.may_review(user, obj),
            "can_publish": obj is not None and roles.may_publish(user, obj),
            "can_verify": obj is not None and roles.may_verify(user, obj),
            "can_correct": obj is not None
            and obj.state == State.PUBLISHED
            and not obj.superseded_by_id
            and roles.can_draft(user)
            and roles.in_scope(user, obj.action),
            "self_review_refused": roles.SELF_REVIEW_REFUSED,
            "verification_choices": Verification.choices,
        }
        if obj is not None:
            context["workflow"]["urls"] = {
                step: reverse(
                    f"{self.admin_site.name}:resolutions_statusupdate_step", args=[obj.pk, step]
                )
                for step in (*BULK_STEPS, "verify")
            }
            context["workflow"]["correct_url"] = (
                reverse(f"{self.admin_site.name}:resolutions_statusupdate_add")
                + f"?action={obj.action_id}&corrects={obj.pk}"
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        step = path(
            "<path:object_id>/step/<str:step>/",
            self.admin_site.admin_view(self.step_view),
            name="resolutions_statusupdate_step",
        )
        return [step, *super().get_urls()]

    def step_view(self, request, object_id, step):
        """POST: submit, publish or reject one update, from the buttons on its page."""
        if request.method != "POST" or step not in (*BULK_STEPS, "verify"):
            raise PermissionDenied
        update = get_object_or_404(StatusUpdate, pk=object_id)
        change_url = reverse(
            f"{self.admin_site.name}:resolutions_statusupdate_change", args=[update.pk]
        )
        params = {"user": request.user, "update": update}
        try:
            params["version"] = int(request.POST.get("version", ""))
        except ValueError:
            params["version"] = None
        note = request.POST.get("note", "")
        try:
            if step == "submit":
                services.status_update_submit(**params, note=note)
            elif step == "publish":
                services.status_update_publish(
                    **params, note=note, verification=request.POST.get("verification", "")
                )
            elif step == "verify":
                services.status_update_verify(**params, note=note)
            else:
                services.status_update_reject(**params, reason=note)
        except (ValidationError, AppendOnlyError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        except PermissionDenied as error:
            if not roles.can_review(request.user):
                raise
            # A reviewer refused a step (their own update): say why on the update's page.
            messages.error(request, str(error))
        else:
            done = "verified" if step == "verify" else BULK_STEPS[step][1]
            messages.success(request, f"The update was {done}.")
        return HttpResponseRedirect(change_url)

    # --- bulk actions: one note for several updates, all or nothing --------------------------

    def _bulk(self, request, queryset, step):
        form = BulkStepForm(request.POST if "apply" in request.POST else None, step=step)
        if form.is_bound and form.is_valid():
            params = {}
            if step == "publish":
                params["verification"] = form.cleaned_data["verification"]
            if step == "reject":
                params["reason"] = form.cleaned_data["note"]
            else:
                params["note"] = form.cleaned_data["note"]
            try:
                done = services.status_updates_transition(
                    user=request.user, updates=list(queryset), transition=step, **params
                )
            except (ValidationError, PermissionDenied, AppendOnlyError) as error:
                text = " ".join(getattr(error, "messages", [str(error)]))
                messages.error(request, f"Nothing was changed. {text}")
            else:
                messages.success(request, f"{len(done)} update(s) {BULK_STEPS[step][1]}.")
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": f"{BULK_STEPS[step][0]}: {queryset.count()} status update(s)",
            "opts": self.model._meta,
            "updates": queryset.select_related("action"),
            "form": form,
            "action_name": f"{step}_selected",
            "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
            "button": BULK_STEPS[step][0],
        }
        return TemplateResponse(request, "workflow/bulk_step.html", context)

    @admin.action(description="Submit selected drafts for review", permissions=["draft"])
    def submit_selected(self, request, queryset):
        return self._bulk(request, queryset, "submit")

    @admin.action(description="Publish selected submitted updates", permissions=["review"])
    def publish_selected(self, request, queryset):
        return self._bulk(request, queryset, "publish")

    @admin.action(description="Reject selected submitted updates", permissions=["review"])
    def reject_selected(self, request, queryset):
        return self._bulk(request, queryset, "reject")


@admin.register(EditorAssignment)
class EditorAssignmentAdmin(AuditedAdmin):
    """Which resolutions or mandate types a user may draft on (Administrators only)."""

    list_display = ("user", "resolution", "mandate_type", "note")
    list_filter = ("mandate_type", "resolution")
    list_select_related = ("user", "resolution")
    search_fields = ("user__username", "user__first_name", "user__last_name", "note")
    autocomplete_fields = ("user", "resolution")


# Review records have their own module; importing it registers their admin.
from . import admin_reviews  # noqa: E402, F401
