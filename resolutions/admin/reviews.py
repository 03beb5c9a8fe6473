"""The admin of review records ("checked the sources on this date, no change").

Same workflow and roles as status updates: an Editor records a draft with its evidence and
submits it; a Reviewer publishes it (reported or verified) or rejects it with a reason. The steps
are bulk actions on the list (one note for all, all or nothing); drafts are edited by their
authors, submitted and published reviews open read-only.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy

from workflow import review_services, roles

from ..models import Action, AppendOnlyError
from ..models.reviews import ActionReview, ReviewEvidence
from .actions import BULK_STEPS, BulkStepForm
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
    actions = ("submit_selected", "publish_selected", "reject_selected")

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

    def _bulk(self, request, queryset, step):
        form = BulkStepForm(request.POST if "apply" in request.POST else None, step=step)
        if form.is_bound and form.is_valid():
            params = {}
            if step == "publish":
                params["verification"] = form.cleaned_data["verification"]
            if step == "reject":
                params["reason"] = form.cleaned_data["note"]
            else:
                params["note"] = form.cleaned_data["note"]
            try:
                done = review_services.action_reviews_transition(
                    user=request.user, reviews=list(queryset), transition=step, **params
                )
            except (ValidationError, PermissionDenied, AppendOnlyError) as error:
                text = " ".join(getattr(error, "messages", [str(error)]))
                messages.error(request, _("Nothing was changed. %(errors)s") % {"errors": text})
            else:
                messages.success(request, REVIEWS_DONE[step] % {"n": len(done)})
            return None
        count = queryset.count()
        context = {
            **self.admin_site.each_context(request),
            "title": ngettext(
                "%(step)s: %(n)d review record", "%(step)s: %(n)d review records", count
            )
            % {"step": BULK_STEPS[step][0], "n": count},
            "opts": self.model._meta,
            "updates": queryset.select_related("action"),
            "form": form,
            "action_name": f"{step}_selected",
            "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
            "button": BULK_STEPS[step][0],
        }
        return TemplateResponse(request, "workflow/bulk_step.html", context)

    @admin.action(description=gettext_lazy("Submit selected draft reviews"), permissions=["draft"])
    def submit_selected(self, request, queryset):
        return self._bulk(request, queryset, "submit")

    @admin.action(
        description=gettext_lazy("Publish selected submitted reviews"), permissions=["review"]
    )
    def publish_selected(self, request, queryset):
        return self._bulk(request, queryset, "publish")

    @admin.action(
        description=gettext_lazy("Reject selected submitted reviews"), permissions=["review"]
    )
    def reject_selected(self, request, queryset):
        return self._bulk(request, queryset, "reject")
