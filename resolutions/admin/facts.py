"""The admin half of the fact workflow (models/facts.py, fact_services.py): occurrences,
participations and sourced figures recorded in the admin are drafts until a second person
publishes them; their lists show where each stands and carry submit / publish / reject."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from workflow import fact_services, roles

from ..bidi import isolated
from ..models import (
    Action,
    Occurrence,
    Participation,
    SourcedFigure,
)
from ..models.facts import FactState
from ..rollup import is_before_adoption
from .actions import workflow_steps
from .correctable import CorrectableFactAdmin, PublishedRowsUnchanged
from .options import COMPACT_TEXT, SecretariatAdmin, SecretariatInline, VersionedAdmin
from .translations import (
    MissingTranslationsMixin,
    TranslationInline,
)


def _all_rows(model_admin, request):
    """The admin sees drafts too: all_objects instead of the published-only default manager,
    with the ordering and row joins the admin classes declare."""
    queryset = model_admin.model.all_objects.get_queryset()
    ordering = model_admin.get_ordering(request)
    if ordering:
        queryset = queryset.order_by(*ordering)
    for name in ("list_select_related", "row_select_related"):
        related = getattr(model_admin, name, None)
        if isinstance(related, list | tuple) and related:
            queryset = queryset.select_related(*related)
    return queryset


def adoption_context(occurrence):
    """The label of an occurrence dated before its resolution's adoption (#12 rule 2, the
    roll-up's is_before_adoption): shown as context, never credited."""
    if occurrence.pk is None or occurrence.start_date is None:
        return ""
    if is_before_adoption(occurrence.start_date, occurrence.action.resolution.adopted_on):
        return format_html(
            '<strong class="before-adoption">{}</strong>',
            _("before adoption — context, not credited"),
        )
    return ""


class AllFactsInline:
    """Inline over a fact model: shows drafts too (marked), new rows are drafts, and published
    rows cannot be changed or deleted here (they are corrected through their own page)."""

    def get_queryset(self, request):
        return _all_rows(self, request)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (PublishedRowsUnchanged, formset), {})


# What a bulk step says once done.
FACTS_DONE = {
    "submit": ngettext_lazy(
        "%(n)d record submitted for review.", "%(n)d records submitted for review.", "n"
    ),
    "publish": ngettext_lazy("%(n)d record published.", "%(n)d records published.", "n"),
    "reject": ngettext_lazy(
        "%(n)d record returned to draft.", "%(n)d records returned to draft.", "n"
    ),
}


class FactWorkflowAdmin:
    """Mixin for the ModelAdmin of a fact model."""

    # The bulk steps, all or nothing (actions.workflow_steps): submitting and publishing take no
    # note; a rejection asks for its reason first. Who may take each step, the service checks.
    actions = workflow_steps(
        fact_services.facts_transition,
        rows="records",
        names="{}_selected_facts",
        title=ngettext_lazy("Reject: %(n)d record", "Reject: %(n)d records", "n"),
        done=FACTS_DONE,
        descriptions={
            "submit": gettext_lazy("Submit selected drafts for review"),
            "publish": gettext_lazy("Publish selected submitted records"),
            "reject": gettext_lazy("Reject selected submitted records"),
        },
        at_once=("submit", "publish"),
    )

    def get_queryset(self, request):
        return _all_rows(self, request)

    @admin.display(description=gettext_lazy("workflow"))
    def fact_workflow(self, obj):
        if obj.state == FactState.PUBLISHED:
            return mark_safe(_("<strong>Published</strong>. Public."))  # a constant
        if obj.state == FactState.SUBMITTED:
            return mark_safe(_("<strong>Submitted for review</strong>. Not public."))  # a constant
        if obj.rejected_at:
            return format_html(
                _("<strong>Draft, returned</strong>: “{reason}”. Not public."),
                reason=isolated(obj.rejection_reason),
            )
        return mark_safe(  # a constant
            _(
                "<strong>Draft</strong>. Not public until you submit it and a second person "
                "publishes it (use the actions of the list)."
            )
        )

    # Saving and deleting: AuditedAdmin, through workflow/fact_services.fact_draft_*.

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or fact_services.may_edit_fact(request.user, obj))


# --- Occurrences, roles, figures ------------------------------------------------------------


class ParticipationInline(AllFactsInline, SecretariatInline, admin.TabularInline):
    model = Participation
    fields = ("state", "member_state", "role", "source", "note")
    readonly_fields = ("state",)
    autocomplete_fields = ("member_state", "source")
    formfield_overrides = COMPACT_TEXT
    extra = 0
    row_select_related = ("member_state", "occurrence", "source")


@admin.register(Occurrence)
class OccurrenceAdmin(
    MissingTranslationsMixin,
    CorrectableFactAdmin,
    FactWorkflowAdmin,
    VersionedAdmin,
    SecretariatAdmin,
):
    list_display = (
        "state",
        "title",
        "action",
        "kind",
        "start_date",
        "adoption_context",
        "place",
        "member_states_count",
        "missing_translations",
    )
    list_filter = ("state", "kind", "action__resolution")
    list_select_related = ("action__resolution",)
    date_hierarchy = "start_date"
    search_fields = ("title", "place", "action__title")
    autocomplete_fields = ("action", "sources")
    readonly_fields = ("fact_workflow", "adoption_context", "missing_translations")

    @admin.display(description=gettext_lazy("counts from adoption?"))
    def adoption_context(self, obj):
        return adoption_context(obj)

    inlines = (TranslationInline, ParticipationInline)

    # Editors record occurrences of the actions they are assigned to.
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "action":
            kwargs["queryset"] = roles.actions_in_scope(request.user, Action.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or roles.in_scope(request.user, obj.action))


@admin.register(Participation)
class ParticipationAdmin(CorrectableFactAdmin, FactWorkflowAdmin, SecretariatAdmin):
    list_display = ("state", "member_state", "role", "occurrence", "source")
    list_filter = ("state", "role")
    readonly_fields = ("fact_workflow",)
    list_select_related = ("member_state", "occurrence", "source")
    search_fields = ("member_state__name", "member_state__iso3", "occurrence__title")
    autocomplete_fields = ("occurrence", "member_state", "source")


@admin.register(SourcedFigure)
class SourcedFigureAdmin(CorrectableFactAdmin, FactWorkflowAdmin, SecretariatAdmin):
    list_display = ("state", "label", "value", "is_minimum", "as_of", "action", "source")
    list_filter = ("state",)
    readonly_fields = ("fact_workflow",)
    list_select_related = ("action", "source")
    search_fields = ("label", "action__title")
    autocomplete_fields = ("action", "source")
