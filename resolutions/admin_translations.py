"""Translations in the secretariat admin: which languages a record still lacks, and an inline to
add them. Registers nothing itself; resolutions/admin.py opts in (see the hook below).

Hook, for the Resolution, Paragraph, Action and Occurrence admins::

    from .admin_translations import MissingTranslationsMixin, TextTranslationInline

    class ActionAdmin(MissingTranslationsMixin, …, admin.ModelAdmin):
        list_display = [..., "missing_translations"]
        readonly_fields = [..., "missing_translations"]   # on the change form
        inlines = [..., TextTranslationInline]
"""

from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.utils.translation import gettext_lazy as _

from .models.translations import TextTranslation
from .translations import missing_languages


class TextTranslationInline(GenericTabularInline):
    model = TextTranslation
    ct_field = "content_type"
    ct_fk_field = "object_id"
    extra = 0
    fields = ["field", "language", "text", "provenance", "source", "locator", "note"]
    autocomplete_fields = []
    verbose_name = _("translation")
    verbose_name_plural = _("translations (each with its own provenance)")


class MissingTranslationsMixin:
    """A "Missing translations: fr, ar" column and read-only field, without an N+1: the
    changelist prefetches every row's translations in one query."""

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("translations")

    @admin.display(description=_("Missing translations"))
    def missing_translations(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        return ", ".join(missing_languages(obj)) or "—"
