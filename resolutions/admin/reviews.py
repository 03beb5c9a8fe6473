"""The admin of review records ("checked the sources on this date, no change").

Same workflow and roles as status updates: an Editor records a draft with its evidence and
submits it; a Reviewer publishes it (reported or verified) or rejects it with a reason. The steps
are bulk actions on the list (one note for all, all or nothing); drafts are edited by their
authors, submitted and published reviews open read-only.
"""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext_lazy

from workflow import review_services, roles

from ..models import Action
from ..models.reviews import ActionReview, ReviewEvidence
from .actions import BY_ROLE, workflow_steps
from .evidence import EvidenceInlineBase
from .options import (
    DraftByServiceAdmin,
    SecretariatAdmin,
    VersionedAdmin,
)

# What a bulk step says once done.
REVIEWS_DONE = {
    "submit": ngettext_lazy(
        "%(n)d review record submitted for review.",
        "%(n)d review records submitted for review.",
        "n",
    ),
    "publish": ngettext_lazy(
        "%(n)d review record published.", "%(n)d review records published.", "n"
    ),
    "reject": ngettext_lazy(
        "%(n)d review record returned to draft.", "%(n)d review records returned to draft.", "n"
    ),
}


class ReviewEvidenceInline(EvidenceInlineBase):
    model = ReviewEvidence
    fields = ("source", "occurrence", "url", "title", "locator", "quote")


@admin.register(ActionReview)
class ActionReviewAdmin(DraftByServiceAdmin, VersionedAdmin, SecretariatAdmin):
    list_display = ("action", "reviewed_on", "state", "verification", "author_name", "recorded_at")
    list_filter = ("state", "verification", "reviewed_on", "action__resolution")
    list_select_related = ("action",)
    date_hierarchy = "reviewed_on"
    ordering = ("-reviewed_on", "-recorded_at", "-id")
    search_fields = ("note", "action__title")
    autocomplete_fields = ("action",)
    fields = ("action", "reviewed_on", "note")
    readonly_fields = ("state", "verification", "author_name", "recorded_at", "rejection_reason")
    inlines = (ReviewEvidenceInline,)
    # The bulk steps: one note for several records, all or nothing (actions.workflow_steps).
    actions = workflow_steps(
        review_services.action_reviews_transition,
        rows="reviews",
        title=ngettext_lazy("%(step)s: %(n)d review record", "%(step)s: %(n)d review records", "n"),
        done=REVIEWS_DONE,
        descriptions={
            "submit": gettext_lazy("Submit selected draft reviews"),
            "publish": gettext_lazy("Publish selected submitted reviews"),
            "reject": gettext_lazy("Reject selected submitted reviews"),
        },
        permissions=BY_ROLE,
        related=("action",),
    )

    def get_fields(self, request, obj=None):
        return (*self.fields, *(self.readonly_fields if obj else ()))

    def get_changeform_initial_data(self, request):
        return {"reviewed_on": timezone.localdate(), **super().get_changeform_initial_data(request)}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "action":
            kwargs["queryset"] = roles.actions_in_scope(request.user, Action.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request):
        return roles.can_draft(request.user)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return roles.may_edit_draft(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return obj is not None and roles.may_delete_draft(request.user, obj)

    def has_draft_permission(self, request):
        return roles.can_draft(request.user)

    def has_review_permission(self, request):
        return roles.can_review(request.user)

    def write_draft(self, request, obj, change, evidence):
        content = {name: getattr(obj, name) for name in review_services.CONTENT_FIELDS}
        if change:
            return review_services.action_review_draft_edit(
                user=request.user, review=obj, version=obj.version, evidence=evidence, **content
            )
        return review_services.action_review_draft_create(
            user=request.user, evidence=evidence, **content
        )
