"""Editor assignments (workflow.EditorAssignment): which resolutions or mandate types a user
may draft on.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from workflow.models import EditorAssignment

from ..models import MandateType
from .options import AuditedAdmin


def _mandate_type_choices():
    return [("", _("Every mandate type"))] + [(m.code, m.label) for m in MandateType.objects.all()]


class EditorAssignmentForm(forms.ModelForm):
    # The assignment stores a mandate type's code (blank: every type); offer the vocabulary's.
    mandate_type = forms.ChoiceField(
        label=_("mandate type"), choices=_mandate_type_choices, required=False
    )

    class Meta:
        model = EditorAssignment
        fields = ("user", "resolution", "mandate_type", "note")


@admin.register(EditorAssignment)
class EditorAssignmentAdmin(AuditedAdmin):
    """Which resolutions or mandate types a user may draft on (Administrators only)."""

    form = EditorAssignmentForm
    list_display = ("user", "resolution", "mandate_type", "note")
    list_filter = ("mandate_type", "resolution")
    list_select_related = ("user", "resolution")
    search_fields = ("user__username", "user__first_name", "user__last_name", "note")
    autocomplete_fields = ("user", "resolution")
