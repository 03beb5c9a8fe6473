"""The ModelAdmin and inline bases every admin page here builds on: the audit trail's History
(AuditedAdmin), optimistic locking (VersionedAdmin, VersionedInline), drafts written by the
workflow's services (DraftByServiceAdmin), and fixed-query changelists and inlines
(SecretariatAdmin, SecretariatInline).
"""

import copy

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.forms import Textarea
from django.http import HttpResponseRedirect
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from simple_history.admin import SimpleHistoryAdmin

from workflow.record_services import record_delete, record_save

from ..bidi import mark_runs
from ..models import (
    ConflictError,
)
from .helpers import RowLabelsAutocompleteSelect, RowLabelsFormSet, SafeAutocompleteSelect
from .history import ReadableChanges, readable_datetime, readable_reason

# django-simple-history's history list heads a column {% trans 'Changes' %}, and its own French
# and Arabic catalogues lack it: marked here so that ours carry it.
gettext_noop("Changes")
# ... and titles the page "View history: …", which its French catalogue gives as "Historique de
# vue" (a literal "history of view"): ours says it plainly.
gettext_noop("View history: %s")


class AuditedAdmin(SimpleHistoryAdmin):
    """Adds the History page: every change with who, when and field: old → new. Read-only.
    Values, reasons and times are shown as a reader expects them (admin/history.py).

    Every save and delete, of the page's record and of its inline rows, goes through the
    workflow's services (workflow/record_services.py), which hold the rules: drafts, roles,
    assignments, versions, the audit trail's user."""

    object_history_list_template = "admin/history_list.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChanges(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs)
        for record in historical_records:
            record.readable_reason = readable_reason(record.history_change_reason)
            record.readable_date = readable_datetime(record.history_date)

    def save_model(self, request, obj, form, change):
        record_save(user=request.user, record=obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ConflictError:
            raise  # VersionedAdmin says who saved meanwhile
        except ValidationError as refused:
            # A rule only the service checks (the form checked the rest): nothing was saved
            # (the change view's transaction was rolled back).
            messages.error(
                request, _("Nothing was saved. %(errors)s") % {"errors": " ".join(refused.messages)}
            )
            return HttpResponseRedirect(request.get_full_path())

    def delete_model(self, request, obj):
        record_delete(user=request.user, record=obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                record_delete(user=request.user, record=obj)

    def save_formset(self, request, form, formset, change):
        for obj in formset.save(commit=False):
            record_save(user=request.user, record=obj)
        for obj in formset.deleted_objects:
            record_delete(user=request.user, record=obj)
        formset.save_m2m()

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history saves a POST to this page as a revert of the record, checking only the
        # *view* permission. A revert would also bypass the workflow: the audit trail is
        # something to read, never to write through.
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied(_("The history of a record cannot be changed."))
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
        for _name, options in fieldsets:
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


class VersionedInline:
    form = VersionedModelForm

    def get_fields(self, request, obj=None):
        fields = [n for n in super().get_fields(request, obj) if n != VERSION_FIELD]
        return _with_version(fields) if self.has_change_permission(request, obj) else fields


def _isolated_help(formfield):
    """A help text that names a symbol or a code (53/45-POL, PP1, 5(a), SHA-256) keeps its
    reading order in Arabic: each left-to-right run is isolated with markup
    (resolutions/bidi.mark_runs; a left-to-right help text is only escaped). The admin prints
    help texts unescaped."""
    if formfield is not None and formfield.help_text:
        formfield.help_text = mark_runs(formfield.help_text)
    return formfield


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

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return _isolated_help(super().formfield_for_dbfield(db_field, request, **kwargs))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            # Select2 names its box by the selected option only, so an empty one has no name
            # for a screen reader (axe: aria-input-field-name); it copies the select's title
            # onto the box.
            kwargs.setdefault(
                "widget",
                SafeAutocompleteSelect(
                    db_field,
                    self.admin_site,
                    attrs={"title": capfirst(db_field.verbose_name)},
                    using=kwargs.get("using"),
                ),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


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

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return _isolated_help(super().formfield_for_dbfield(db_field, request, **kwargs))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                RowLabelsAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using")),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# Inline tables hold several text fields per row; full-size text areas make them unreadable.
COMPACT_TEXT = {models.TextField: {"widget": Textarea(attrs={"rows": 2, "cols": 40})}}
