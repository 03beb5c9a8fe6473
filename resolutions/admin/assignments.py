"""Editor assignments (workflow.EditorAssignment): which resolutions or mandate types a user
may draft on.
"""

from django.contrib import admin

from workflow.models import EditorAssignment

from .options import AuditedAdmin


@admin.register(EditorAssignment)
class EditorAssignmentAdmin(AuditedAdmin):
    """Which resolutions or mandate types a user may draft on (Administrators only)."""

    list_display = ("user", "resolution", "mandate_type", "note")
    list_filter = ("mandate_type", "resolution")
    list_select_related = ("user", "resolution")
    search_fields = ("user__username", "user__first_name", "user__last_name", "note")
    autocomplete_fields = ("user", "resolution")
