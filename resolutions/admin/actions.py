"""Bulk "reviewed, no change" (issue #12), the admin action: one review record per selected
action, sharing one note, date and piece of evidence, each a DRAFT by the user
(workflow/review_services.action_reviews_bulk_draft), so each still goes through submit → a
second person publishes. All or nothing."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from workflow.review_services import action_reviews_bulk_draft

from ..models import (
    Verification,
)


class NoChangeForm(forms.Form):
    reviewed_on = forms.DateField(label=gettext_lazy("Reviewed on"), initial=timezone.localdate)
    note = forms.CharField(
        label=gettext_lazy("Note"),
        initial=gettext_lazy("Checked the sources on this date: no change."),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )
    url = forms.URLField(
        label=gettext_lazy("Evidence URL (shared by every review)"), assume_scheme="https"
    )


@admin.action(
    description=gettext_lazy("Record “reviewed, no change” for selected actions (drafts)"),
    permissions=["draft"],
)
def record_no_change_reviews(model_admin, request, queryset):
    form = NoChangeForm(request.POST if "apply" in request.POST else None)
    if form.is_bound and form.is_valid():
        try:
            drafts = action_reviews_bulk_draft(
                user=request.user,
                actions=list(queryset),
                reviewed_on=form.cleaned_data["reviewed_on"],
                note=form.cleaned_data["note"],
                evidence=[{"url": form.cleaned_data["url"]}],
            )
        except (ValidationError, PermissionDenied) as error:
            text = " ".join(getattr(error, "messages", [str(error)]))
            messages.error(request, _("Nothing was recorded. %(errors)s") % {"errors": text})
        else:
            messages.success(
                request,
                ngettext(
                    "%(n)d draft review record: submit it for a second person to publish.",
                    "%(n)d draft review records: submit them for a second person to publish.",
                    len(drafts),
                )
                % {"n": len(drafts)},
            )
        return None
    count = queryset.count()
    context = {
        **model_admin.admin_site.each_context(request),
        "title": ngettext(
            "Reviewed, no change: %(n)d action", "Reviewed, no change: %(n)d actions", count
        )
        % {"n": count},
        "opts": model_admin.model._meta,
        "updates": queryset,
        "form": form,
        "action_name": "record_no_change_reviews",
        "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
        "button": _("Record draft reviews"),
    }
    return TemplateResponse(request, "workflow/bulk_step.html", context)


class BulkStepForm(forms.Form):
    """The one note (and, to publish, the verification) applied to every selected update."""

    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        label=gettext_lazy("Note"),
    )
    verification = forms.ChoiceField(
        label=gettext_lazy("Publish as"),
        choices=Verification.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "Reported: self-assessed by the responsible actor. Verified: you checked it against "
            "the cited evidence."
        ),
    )

    def __init__(self, *args, step, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        if step == "publish":
            self.fields["verification"].required = True
        else:
            del self.fields["verification"]
        if step == "reject":
            self.fields["note"].required = True
            self.fields["note"].label = _("Reason for rejecting")


BULK_STEPS = {
    "submit": (gettext_lazy("Submit for review"),),
    "publish": (gettext_lazy("Publish"),),
    "reject": (gettext_lazy("Reject and return to draft"),),
}

# What one step says once done, on the update's page.
STEP_DONE = {
    "submit": gettext_lazy("The update was submitted for review."),
    "publish": gettext_lazy("The update was published."),
    "reject": gettext_lazy("The update was returned to draft."),
    "verify": gettext_lazy("The update was verified."),
}
