"""The admin of corrections of published facts (workflow/fact_corrections.py): what each
changes (before → after) and why. Recorded from a published record's page ("Propose a
correction", resolutions/admin/correctable.py); submitted, published or rejected with the list's
actions like any other fact, and applied when a second person publishes it."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflow import roles
from workflow.fact_corrections import describe

from ..models import FactCorrection
from ..models.facts import FactState
from .facts import FactWorkflowAdmin
from .options import SecretariatAdmin


@admin.register(FactCorrection)
class FactCorrectionAdmin(FactWorkflowAdmin, SecretariatAdmin):
    """Proposed corrections: what changes (before → after) and why. Reviewed with the list's
    submit / publish / reject actions; applied on publication."""

    list_display = ("state", "__str__", "author", "created_at")
    list_filter = ("state",)
    list_select_related = ("author", "content_type")
    fields = ("fact_workflow", "corrected_record", "changes_table", "reason", "author")
    readonly_fields = ("fact_workflow", "corrected_record", "changes_table", "author")

    def has_add_permission(self, request):
        return False  # from a published record's page ("Propose a correction")

    def has_delete_permission(self, request, obj=None):
        return obj is not None and obj.state == FactState.DRAFT and roles.is_own(request.user, obj)

    @admin.display(description=gettext_lazy("corrected record"))
    def corrected_record(self, obj):
        fact = obj.fact
        if fact is None:
            return "—"
        meta = fact._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[fact.pk])
        return format_html('<a href="{}">{}</a>', url, fact)

    @admin.display(description=gettext_lazy("changes"))
    def changes_table(self, obj):
        rows = format_html_join(
            "",
            "<tr><th scope='row'>{}</th><td>{}</td><td>{}</td></tr>",
            describe(obj),
        )
        return format_html(
            "<table class='correction-changes'><thead><tr><th></th><th>{}</th><th>{}</th>"
            "</tr></thead><tbody>{}</tbody></table>",
            _("before"),
            _("after"),
            rows,
        )
