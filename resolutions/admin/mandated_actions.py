"""The admin of mandated actions: their paragraphs, occurrences, figures, roles and status
history inline, with the current status computed by the roll-up.
"""

from django.contrib import admin
from django.db.models import OuterRef, Prefetch, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflow import roles

from ..models import (
    Action,
    ActionParagraph,
    Evidence,
    MemberStateRole,
    Occurrence,
    Paragraph,
    SourcedFigure,
    State,
    StatusUpdate,
)
from ..status import Status
from .actions import record_no_change_reviews
from .facts import AllFactsInline, adoption_context
from .options import (
    COMPACT_TEXT,
    SecretariatAdmin,
    SecretariatInline,
    VersionedAdmin,
    VersionedInline,
    VersionedModelForm,
)
from .queue import ActionQueueFilter
from .translations import (
    TRANSLATIONS,
    MissingTranslationsMixin,
    TranslationInline,
)

# --- Actions --------------------------------------------------------------------------------


class CurrentStatusFilter(admin.SimpleListFilter):
    # Filters on the annotation ActionAdmin.get_queryset adds: the status is derived, not stored.
    title = gettext_lazy("current status")
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
    verbose_name = gettext_lazy("paragraph served")
    verbose_name_plural = gettext_lazy("paragraphs served")
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
        "adoption_context",
    )
    readonly_fields = ("state", "adoption_context")
    extra = 0
    show_change_link = True
    row_select_related = ("action__resolution",)

    @admin.display(description=gettext_lazy("counts from adoption?"))
    def adoption_context(self, obj):
        return adoption_context(obj)


class SourcedFigureInline(AllFactsInline, SecretariatInline, admin.TabularInline):
    model = SourcedFigure
    fields = ("state", "label", "value", "is_minimum", "as_of", "source", "quote")
    readonly_fields = ("state",)
    autocomplete_fields = ("source",)
    formfield_overrides = COMPACT_TEXT
    extra = 0


class MemberStateRoleInline(AllFactsInline, SecretariatInline, admin.TabularInline):
    model = MemberStateRole
    fields = ("state", "member_state", "role", "as_of", "source", "quote")
    readonly_fields = ("state",)
    autocomplete_fields = ("member_state", "source")
    formfield_overrides = COMPACT_TEXT
    extra = 0
    show_change_link = True
    row_select_related = ("member_state", "action")


class StatusHistoryInline(SecretariatInline, admin.TabularInline):
    """The action's status updates, newest first, drafts included (marked by their state).
    Read-only: history is append-only."""

    model = StatusUpdate
    verbose_name_plural = gettext_lazy("status history")
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

    @admin.display(description=gettext_lazy("evidence"))
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


class ActionForm(VersionedModelForm):
    """The continuation (#15): the editor chooses the earlier action; the symbol and key that
    name it in data files follow from it. A continuation rests on a source, and only a
    continuation has a source, quote or note (the constraint
    action_continuation_named_and_sourced, said next to the field). A continuation a data file
    named whose earlier resolution is not loaded yet (symbol and key, no action) is kept."""

    def clean(self):
        cleaned = super().clean()
        action = self.instance
        earlier = cleaned.get("continues")
        if earlier is not None:
            action.continues_symbol, action.continues_key = earlier.resolution.symbol, earlier.key
            if not cleaned.get("continues_source"):
                self.add_error(
                    "continues_source",
                    _("Name the source that ties this action to the earlier one."),
                )
        elif "continues" in self.changed_data:  # removed
            action.continues_symbol = action.continues_key = ""
        if not action.continues_symbol:
            for name in ("continues_source", "continues_quote", "continues_note"):
                if cleaned.get(name):
                    self.add_error(
                        name,
                        _(
                            "Only a continuation has this: choose the earlier action this one "
                            "continues, or leave it blank."
                        ),
                    )
        return cleaned


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
    list_select_related = ("resolution", "mandate_type")
    search_fields = ("title", "key", "description", "resolution__symbol")
    autocomplete_fields = (
        "resolution",
        "responsible_actors",
        "mandate_source",
        "continues",
        "continues_source",
    )
    form = ActionForm
    readonly_fields = (
        "continues_symbol",
        "continues_key",
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
            gettext_lazy("Responsibility and attribution"),
            {"fields": ("responsible_actors", "mandate_source", "attribution_note")},
        ),
        (
            gettext_lazy("Continues an earlier mandate"),
            {
                "fields": (
                    "continues",
                    "continues_symbol",
                    "continues_key",
                    "continues_source",
                    "continues_quote",
                    "continues_note",
                )
            },
        ),
        (
            gettext_lazy("Status today"),
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
    @admin.display(description=gettext_lazy("current status"), ordering="current_status")
    def current_status(self, action):
        value = getattr(action, "current_status", None)
        return Status(value).label if value else None

    @admin.display(description=gettext_lazy("progress"), ordering="credit")
    def progress(self, action):
        # None is "not applicable": it is left out of the roll-up, which is not the same as 0%.
        credit = getattr(action, "credit", None)
        return None if credit is None else f"{credit}%"

    @admin.display(description=gettext_lazy("overdue"), boolean=True, ordering="is_overdue")
    def overdue(self, action):
        return action.is_overdue

    @admin.display(description=gettext_lazy("not yet public"))
    def unpublished(self, action):
        """A simple preview of the unpublished state: the newest draft or submitted update."""
        if action.pk is None:
            return None
        status = getattr(action, "pending_status", None)
        if not status:
            return _("Nothing is waiting: every recorded update is published.")
        as_of = action.pending_as_of
        would_change = action.latest_as_of is None or as_of >= action.latest_as_of
        return format_html(
            _("{state}: <strong>{status}</strong> as of {day}. {effect}"),
            state=State(action.pending_state).label,
            status=Status(status).label,
            day=as_of.isoformat(),
            effect=_("If a reviewer publishes it, it becomes the current assessment.")
            if would_change
            else _("It is older than the published assessment, which stays current."),
        )

    @admin.display(description=gettext_lazy("new assessment"))
    def record_status_update(self, action):
        if action.pk is None:
            return _("Save the action first.")
        url = reverse(f"{self.admin_site.name}:resolutions_statusupdate_add")
        return format_html(
            '<a class="addlink" href="{}?action={}">{}</a>',
            url,
            action.pk,
            _("Record a status update"),
        )
