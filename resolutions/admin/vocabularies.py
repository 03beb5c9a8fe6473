"""The vocabularies (models/vocabularies.py): mandate types, actor kinds, addressees and operative
verbs, each term with its label and definition in the three languages (all required).

Administrators add terms here (or a data file declares them). A term's code cannot change once
saved (data files and exports carry it); a term in use cannot be deleted (the foreign keys
protect it), nor can a built-in one the application's rules rely on; a mandate type's behaviour
cannot change once an action uses it, because the published numbers would change with it. A new
term changes no number until an action uses it, and actions and their status updates go through
the review described in "The domain" (README)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models.vocabularies import ActorKind, Addressee, MandateType, OperativeVerb
from .options import SecretariatAdmin

_TEXTS = ("label_en", "label_fr", "label_ar", "definition_en", "definition_fr", "definition_ar")


class VocabularyAdmin(SecretariatAdmin):
    list_display = ("code", "label_en", "label_fr", "label_ar", "order")
    list_editable = ("order",)
    search_fields = ("code", "label_en", "label_fr", "label_ar")
    fieldsets = (
        (None, {"fields": ("code", "order")}),
        (_("English"), {"fields": ("label_en", "definition_en")}),
        (_("French"), {"fields": ("label_fr", "definition_fr")}),
        (_("Arabic"), {"fields": ("label_ar", "definition_ar")}),
    )

    def get_readonly_fields(self, request, obj=None):
        return ("code",) if obj is not None else ()

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.code in obj.BUILT_IN:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(MandateType)
class MandateTypeAdmin(VocabularyAdmin):
    list_display = ("code", "label_en", "label_fr", "label_ar", "behaviour", "order")
    list_filter = ("behaviour",)
    fieldsets = (
        (None, {"fields": ("code", "behaviour", "default_recurrence", "order")}),
        *VocabularyAdmin.fieldsets[1:],
    )

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and obj.behaviour_is_locked():
            fields = (*fields, "behaviour")
        return fields


@admin.register(ActorKind)
class ActorKindAdmin(VocabularyAdmin):
    pass


@admin.register(Addressee)
class AddresseeAdmin(VocabularyAdmin):
    pass


@admin.register(OperativeVerb)
class OperativeVerbAdmin(VocabularyAdmin):
    pass
