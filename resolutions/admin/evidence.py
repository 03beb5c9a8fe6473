"""The evidence inlines of status updates and review records: at least one piece, at most
MAX_EVIDENCE, and one clear message when there is none (issue #12)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from workflow import roles

from ..models import Evidence
from .helpers import RowLabelsFormSet
from .options import COMPACT_TEXT, SecretariatInline

# The most pieces of evidence one update or review record can carry in the admin form. No real
# update cites more than a handful of sources. Without a ceiling, a POST claiming
# evidence-TOTAL_FORMS=99999 made Django build 2,000 forms (its default absolute_max): 8 s and a
# 9.7 MB page. Past MAX_EVIDENCE the form says so and builds no more rows.
MAX_EVIDENCE = 20

# The models' own messages (Evidence.clean and its check constraint, in English), marked here
# so that the admin shows them translated.
MODEL_MESSAGES = (
    gettext_noop("Evidence needs a source document, a meeting, a URL or a file."),
    gettext_noop("Evidence needs a source document, a meeting or a URL."),
)


class EvidenceForm(forms.ModelForm):
    """One row. The model says what is missing twice (its clean() and its check constraint):
    the row shows it once, in the page's language."""

    def _post_clean(self):
        super()._post_clean()
        errors = self._errors.get(NON_FIELD_ERRORS) if self._errors else None
        if not errors:
            return
        unique = list(dict.fromkeys(_(str(message)) for message in errors))
        self._errors[NON_FIELD_ERRORS] = self.error_class(unique, error_class="nonfield")


class EvidenceFormSet(RowLabelsFormSet):
    """Blank rows are ignored; with no evidence at all the form says so once. (Django's min_num
    said "Please submit at least 1 form." above the table and the model's "Evidence needs…" on
    the first blank row, twice.)"""

    def _construct_form(self, i, **kwargs):
        if i >= self.initial_form_count():
            kwargs["empty_permitted"] = True
        return super()._construct_form(i, **kwargs)

    def clean(self):
        super().clean()
        kept = [
            form
            for i, form in enumerate(self.forms)
            if (i < self.initial_form_count() or form.has_changed())
            and not (self.can_delete and self._should_delete_form(form))
        ]
        if not kept:
            raise ValidationError(
                _(
                    "Add at least one piece of evidence (a source document, a meeting or a "
                    "URL): nothing is recorded without evidence."
                ),
                code="no_evidence",
            )


class EvidenceInlineBase(SecretariatInline, admin.TabularInline):
    """Evidence is part of the record it supports: it changes with its draft, then never."""

    form = EvidenceForm
    formset = EvidenceFormSet
    formfield_overrides = COMPACT_TEXT
    autocomplete_fields = ("source", "occurrence")
    row_select_related = ("source", "occurrence")
    # One row to fill in and one spare; the formset refuses a record with none (clean above).
    min_num = 1
    extra = 1
    max_num = MAX_EVIDENCE

    def get_formset(self, request, obj=None, **kwargs):
        # absolute_max caps what a POST can make Django build (it defaults to max_num + 1,000).
        return super().get_formset(
            request, obj, validate_max=True, absolute_max=MAX_EVIDENCE, **kwargs
        )

    def get_extra(self, request, obj=None, **kwargs):
        # Blank rows are for a new record only. (Django builds a view-only inline's rows before
        # it drops their extras, so a recorded one would otherwise show an empty input row.)
        return self.extra if obj is None else 0

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


class EvidenceInline(EvidenceInlineBase):
    model = Evidence
    fields = ("source", "occurrence", "url", "file", "title", "locator", "quote")
