"""Translations in the secretariat admin: which languages a record still lacks, and an inline to
add them. Registers nothing itself; the Resolution, Paragraph, Action and Occurrence admins (the
models with TRANSLATABLE_FIELDS) opt in::

    class ActionAdmin(MissingTranslationsMixin, …, admin.ModelAdmin):
        list_display = [..., "missing_translations"]
        readonly_fields = [..., "missing_translations"]   # on the change form
        inlines = [..., TranslationInline]                 # TextTranslationInline
                                                           # with one label query per page

Status definitions are not a model (resolutions/status.py): they are translated with gettext.
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.forms import BaseGenericInlineFormSet
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef
from django.forms import Textarea
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from ..models.translations import TRANSLATABLE_FIELDS, TextTranslation
from ..translations import TARGET_LANGUAGES, missing_languages
from .helpers import RowLabelsMixin
from .options import SecretariatInline


class TextTranslationFormSet(BaseGenericInlineFormSet):
    """Refuses two translations of the same field into the same language.

    The database has that unique constraint, but a generic inline's forms do not carry the
    content type and object id it includes, so Django's own unique check skips it: without this
    a duplicate row would reach the database and fail there (a server error) instead of being
    shown next to the form."""

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("field") or not data.get("language"):
                continue
            key = (data["field"], data["language"])
            if key in seen:
                raise ValidationError(
                    _(
                        "“%(field)s” already has a translation into this language; correct that "
                        "row instead of adding another."
                    ),
                    code="duplicate_translation",
                    params={"field": data["field"]},
                )
            seen.add(key)


class TextTranslationInline(GenericTabularInline):
    """The record's translations, each with its own provenance, source and locator."""

    model = TextTranslation
    formset = TextTranslationFormSet
    ct_field = "content_type"
    ct_fk_field = "object_id"
    extra = 0
    fields = [
        "field",
        "language",
        "text",
        "provenance",
        "source",
        "locator",
        "note",
        "original_language",
        "original_text",
    ]
    autocomplete_fields = ["source"]
    formfield_overrides = {models.TextField: {"widget": Textarea(attrs={"rows": 3, "cols": 48})}}
    verbose_name = _("translation")
    verbose_name_plural = _("translations (each with its own provenance)")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Only the fields of this model that have translations, and only the languages that
        # translate the English originals: a free-text field name or an "en" row would be
        # stored and never shown.
        if db_field.name == "field":
            verbose = {
                f.name: f.verbose_name
                for f in self.parent_model._meta.get_fields()
                if hasattr(f, "verbose_name")
            }
            names = TRANSLATABLE_FIELDS.get(self.parent_model._meta.model_name, ())
            return forms.ChoiceField(
                label=db_field.verbose_name,
                choices=[("", "---------")]
                + [(name, str(verbose.get(name, name)).capitalize()) for name in names],
            )
        if db_field.name == "language":
            names = dict(settings.LANGUAGES)
            return forms.ChoiceField(
                label=db_field.verbose_name,
                choices=[("", "---------")]
                + [(code, names.get(code, code)) for code in TARGET_LANGUAGES],
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class MissingTranslationsMixin:
    """A "Missing translations: fr, ar" column and read-only field that cost no query at all:
    whether each (language, field) translation exists is annotated on the rows, as EXISTS
    subqueries in the changelist's (or the change page's) own query. The content type is
    matched by its natural key inside the subquery, so not even a ContentType lookup is run."""

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(**_presence(self.model))

    @admin.display(description=_("Missing translations"))
    def missing_translations(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        names = _presence_names(obj._meta.model_name)
        present = None  # not annotated (an object loaded elsewhere): one query for it
        if all(hasattr(obj, name) for name in names.values()):
            present = [_Present(*key) for key, name in names.items() if getattr(obj, name)]
        return ", ".join(missing_languages(obj, translations=present)) or "—"


@dataclass(frozen=True)
class _Present:
    language: str
    field: str


def _presence_names(model_name: str) -> dict:
    return {
        (language, field): f"has_{language}_{field}_translation"
        for language in TARGET_LANGUAGES
        for field in TRANSLATABLE_FIELDS.get(model_name, ())
    }


def _presence(model) -> dict:
    meta = model._meta
    return {
        name: Exists(
            TextTranslation.objects.filter(
                content_type__app_label=meta.app_label,
                content_type__model=meta.model_name,
                object_id=OuterRef("pk"),
                language=language,
                field=field,
            )
        )
        for (language, field), name in _presence_names(meta.model_name).items()
    }


class TranslationFormSet(RowLabelsMixin, TextTranslationFormSet):
    pass


class TranslationInline(SecretariatInline, TextTranslationInline):
    """A record's translations (TextTranslationInline above), with the sources of all its rows
    labelled in one query, like every other inline here."""

    formset = TranslationFormSet
    row_select_related = ("source",)


# The fieldset that says, on a translatable record's page, which languages it still lacks; the
# translations themselves are edited in the inline below it.
TRANSLATIONS = gettext_lazy("Translations")
