"""Published facts are read-only in the admin, for every role (Administrators included): the
mixin for the fact admins (a published record's page links "Propose a correction", a form of
its fields plus the reason, which records a FactCorrection draft; bulk delete is gone; only
drafts are deleted), and the inline check that keeps published rows unchanged. See
workflow/fact_corrections.py and resolutions/admin/corrections.py."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflow import roles
from workflow.fact_corrections import correctable_fields, fact_correction_propose

from ..models.facts import FactState


def may_propose(user, fact):
    action = fact.occurrence.action if hasattr(fact, "occurrence_id") else fact.action
    return (
        fact.state == FactState.PUBLISHED
        and user.is_active
        and user.has_perm("resolutions.add_factcorrection")
        and roles.in_scope(user, action)
    )


class PublishedRowsUnchanged:
    """Formset mixin: inline rows of published facts cannot be changed or deleted (whatever the
    role); they are corrected through their own page."""

    def clean(self):
        super().clean()
        for form in self.forms:
            instance = form.instance
            if instance._state.adding or getattr(instance, "state", None) != FactState.PUBLISHED:
                continue
            if form.has_changed() or (self.can_delete and self._should_delete_form(form)):
                raise ValidationError(
                    _(
                        "“%(fact)s” is published: it cannot be changed or deleted here. Open it "
                        "and propose a correction; a second person publishes it."
                    )
                    % {"fact": instance}
                )


class CorrectableFactAdmin:
    """Mixin (before FactWorkflowAdmin) for the admin of a fact model: published facts are
    read-only and never deleted; their page links the correction form."""

    def get_urls(self):
        meta = self.model._meta
        correct = path(
            "<path:object_id>/correct/",
            self.admin_site.admin_view(self.correct_view),
            name=f"{meta.app_label}_{meta.model_name}_correct",
        )
        return [correct, *super().get_urls()]

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.state == FactState.DRAFT)

    def get_actions(self, request):
        # Bulk delete would reach published facts; drafts are deleted one at a time.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description=gettext_lazy("workflow"))
    def fact_workflow(self, obj):
        text = super().fact_workflow(obj)
        if obj.pk and obj.state == FactState.PUBLISHED:
            meta = obj._meta
            url = reverse(
                f"{self.admin_site.name}:{meta.app_label}_{meta.model_name}_correct",
                args=[obj.pk],
            )
            text = format_html(
                '{} {} <a href="{}" class="correct-link">{}</a>',
                text,
                _("Published records are not edited in place."),
                url,
                _("Propose a correction"),
            )
        return text

    def correct_view(self, request, object_id):
        fact = self.model.all_objects.filter(pk=object_id).first()
        if fact is None:
            raise Http404
        meta = self.model._meta
        change_url = reverse(
            f"{self.admin_site.name}:{meta.app_label}_{meta.model_name}_change", args=[fact.pk]
        )
        if fact.state != FactState.PUBLISHED:
            messages.info(request, _("A draft is edited on its own page."))
            return HttpResponseRedirect(change_url)
        if not may_propose(request.user, fact):
            raise PermissionDenied(_("You may not propose corrections of this record."))
        names = [f.name for f in correctable_fields(self.model)]
        form_class = self.get_form(request, fact, change=False, fields=names)

        class CorrectionForm(form_class):
            correction_reason = forms.CharField(
                label=_("Why is the published record wrong? (cite the source)"),
                widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
            )

        original = self.model.all_objects.get(pk=fact.pk)
        form = CorrectionForm(request.POST or None, instance=original)
        if request.method == "POST" and form.is_valid():
            changes = {name: form.cleaned_data[name] for name in form.changed_data if name in names}
            try:
                correction = fact_correction_propose(
                    user=request.user,
                    fact=fact,
                    changes=changes,
                    reason=form.cleaned_data["correction_reason"],
                )
            except ValidationError as error:
                form.add_error(None, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _(
                        "Correction recorded as a draft. Submit it for review; the record "
                        "changes when a second person publishes it."
                    ),
                )
                return HttpResponseRedirect(
                    reverse(
                        f"{self.admin_site.name}:resolutions_factcorrection_change",
                        args=[correction.pk],
                    )
                )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Propose a correction: %(fact)s") % {"fact": fact},
            "opts": meta,
            "original": fact,
            "form": form,
            "media": self.media + form.media,
            "change_url": change_url,
        }
        return TemplateResponse(request, "workflow/fact_correct.html", context)
