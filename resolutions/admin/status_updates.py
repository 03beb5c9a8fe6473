"""The admin of status updates and their evidence: drafts written through
workflow/services.py, and the review steps (buttons on an update, bulk actions on the list).
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy

from workflow import roles, services

from ..bidi import isolated, ltr
from ..models import (
    Action,
    Evidence,
    State,
    StatusUpdate,
    Verification,
)
from ..models.status_updates import AppendOnlyError
from .actions import BULK_STEPS, STEP_DONE, BulkStepForm
from .options import (
    COMPACT_TEXT,
    DraftByServiceAdmin,
    SecretariatAdmin,
    SecretariatInline,
    VersionedAdmin,
)
from .queue import StatusUpdateQueueFilter

# --- Status updates -------------------------------------------------------------------------


# What a bulk step says once done.
UPDATES_DONE = {
    "submit": ngettext_lazy(
        "%(n)d status update submitted for review.",
        "%(n)d status updates submitted for review.",
        "n",
    ),
    "publish": ngettext_lazy(
        "%(n)d status update published.", "%(n)d status updates published.", "n"
    ),
    "reject": ngettext_lazy(
        "%(n)d status update returned to draft.", "%(n)d status updates returned to draft.", "n"
    ),
}

# The most pieces of evidence one status update can carry in the admin form.
MAX_EVIDENCE = 20


class EvidenceInline(SecretariatInline, admin.TabularInline):
    model = Evidence
    fields = ("source", "occurrence", "url", "file", "title", "locator", "quote")
    autocomplete_fields = ("source", "occurrence")
    formfield_overrides = COMPACT_TEXT
    # An update without evidence is an opinion: the form refuses to save one (get_formset).
    min_num = 1
    extra = 1
    # No real update cites more than a handful of sources. Without a ceiling, a POST claiming
    # evidence-TOTAL_FORMS=99999 made Django build 2,000 forms (its default absolute_max): 8 s
    # and a 9.7 MB page. Past MAX_EVIDENCE the form says so and builds no more rows.
    max_num = MAX_EVIDENCE
    row_select_related = ("source", "occurrence")

    def get_formset(self, request, obj=None, **kwargs):
        # InlineModelAdmin has no validate_min option, and min_num alone only sets how many
        # blank rows are shown: without this, an update with every row removed would save.
        # absolute_max caps what a POST can make Django build (it defaults to max_num + 1,000).
        return super().get_formset(
            request,
            obj,
            validate_min=True,
            validate_max=True,
            absolute_max=MAX_EVIDENCE,
            **kwargs,
        )

    def get_extra(self, request, obj=None, **kwargs):
        # Blank rows are for a new update only. (Django builds a view-only inline's rows before
        # it drops their extras, so a recorded update would otherwise show an empty input row.)
        return self.extra if obj is None else 0

    # Evidence is part of the update it supports: it changes with its draft, then never.
    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and (
            obj is None or roles.may_edit_draft(request.user, obj)
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is not None and roles.may_edit_draft(request.user, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is not None and roles.may_edit_draft(request.user, obj)
        )


def _corrected_from(request):
    """The published update named by ?corrects=<id>, or None."""
    raw = request.GET.get("corrects", "")
    if not raw.isdigit():
        return None
    return StatusUpdate.objects.public().filter(pk=int(raw)).first()


@admin.register(StatusUpdate)
class StatusUpdateAdmin(DraftByServiceAdmin, VersionedAdmin, SecretariatAdmin):
    """Drafts are edited here by their authors; submitted and published updates open read-only.
    Review steps are buttons on an update's page, or bulk actions on the list."""

    list_display = (
        "action",
        "status",
        "progress",
        "as_of",
        "state",
        "verification",
        "author_name",
        "recorded_at",
    )
    list_filter = (
        StatusUpdateQueueFilter,
        "state",
        "verification",
        "status",
        "as_of",
        "action__resolution",
    )
    list_select_related = ("action", "submitted_by", "published_by", "rejected_by")
    date_hierarchy = "as_of"
    ordering = ("-as_of", "-recorded_at", "-id")
    search_fields = ("note", "action__title")
    autocomplete_fields = ("action",)
    # author and author_name are set from the logged-in user in save_model, never typed; the
    # workflow fields are set by the services only.
    fields = ("action", "status", "progress", "as_of", "note", "corrects")
    raw_id_fields = ("corrects",)
    readonly_fields = ("workflow", "author_name", "recorded_at")
    inlines = (EvidenceInline,)
    actions = ("submit_selected", "publish_selected", "reject_selected")
    change_form_template = "workflow/statusupdate_change_form.html"

    def get_fields(self, request, obj=None):
        # Who recorded it, when, and where it stands only exist once it is saved; on the add
        # form they would be blank read-only rows.
        return (*self.fields, *(self.readonly_fields if obj else ()))

    def get_changeform_initial_data(self, request):
        # ?action=<id> (the link on an action's page) is handled by Django; today is the usual
        # as-of date for a fresh assessment.
        initial = {"as_of": timezone.localdate()}
        corrected = _corrected_from(request)
        if corrected is not None:
            # "Correct this update": a new draft, prefilled from the update it corrects.
            initial.update(
                action=corrected.action_id,
                status=corrected.status,
                progress=corrected.progress,
                as_of=corrected.as_of,
                note=corrected.note,
            )
        return {**initial, **super().get_changeform_initial_data(request)}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "action":
            kwargs["queryset"] = roles.actions_in_scope(request.user, Action.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # --- permissions: the admin half of workflow/roles.py ------------------------------------

    def has_add_permission(self, request):
        return roles.can_draft(request.user)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return roles.may_edit_draft(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        # Only a draft, one at a time (no bulk delete): submitted updates are append-only.
        return obj is not None and roles.may_delete_draft(request.user, obj)

    def has_draft_permission(self, request):
        return roles.can_draft(request.user)

    def has_review_permission(self, request):
        return roles.can_review(request.user)

    # --- saving ------------------------------------------------------------------------------

    def write_draft(self, request, obj, change, evidence):
        content = {name: getattr(obj, name) for name in services.CONTENT_FIELDS}
        if change:
            return services.status_update_draft_edit(
                user=request.user, update=obj, version=obj.version, evidence=evidence, **content
            )
        return services.status_update_draft_create(user=request.user, evidence=evidence, **content)

    def _submit_after_save(self, request, obj):
        if "_submit_for_review" not in request.POST:
            return
        services.status_update_submit(user=request.user, update=obj)
        messages.success(request, _("Submitted for review: a reviewer will publish or reject it."))

    def response_add(self, request, obj, post_url_continue=None):
        self._submit_after_save(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        self._submit_after_save(request, obj)
        return super().response_change(request, obj)

    # --- the change page: where the update stands, and the review steps ----------------------

    @admin.display(description=gettext_lazy("workflow"))
    def workflow(self, update):
        def who(user):
            return (user.get_full_name() or user.get_username()) if user else _("a data file")

        state = State(update.state)
        if state == State.PUBLISHED:
            text = format_html(
                _(
                    "<strong>Published</strong> on {when} by {who} — "
                    "<strong>{verification}</strong>: {meaning}"
                ),
                when=ltr(f"{update.published_at:%Y-%m-%d %H:%M}"),
                who=isolated(who(update.published_by)),
                verification=update.get_verification_display(),
                meaning=update.verification_definition,
            )
        elif state == State.SUBMITTED:
            text = format_html(
                _("<strong>Submitted for review</strong> on {when} by {who}. Not public."),
                when=ltr(f"{update.submitted_at:%Y-%m-%d %H:%M}"),
                who=isolated(who(update.submitted_by)),
            )
        elif update.rejected_at:
            text = format_html(
                _("<strong>Draft, returned</strong> on {when} by {who}: “{reason}”. Not public."),
                when=ltr(f"{update.rejected_at:%Y-%m-%d %H:%M}"),
                who=isolated(who(update.rejected_by)),
                reason=isolated(update.rejection_reason),
            )
        else:
            text = mark_safe(_("<strong>Draft</strong>. Not public."))  # a constant
        if update.review_note:
            text = format_html(
                _("{text}<br>Note: {note}"), text=text, note=isolated(update.review_note)
            )
        return text

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        user = request.user
        context["workflow"] = {
            "save_and_submit": roles.can_draft(user)
            and (obj is None or roles.may_edit_draft(user, obj) and roles.may_submit(user, obj)),
            "can_submit": obj is not None and roles.may_submit(user, obj),
            "can_review": obj is not None and roles.may_review(user, obj),
            "can_publish": obj is not None and roles.may_publish(user, obj),
            "can_verify": obj is not None and roles.may_verify(user, obj),
            "can_correct": obj is not None
            and obj.state == State.PUBLISHED
            and not obj.superseded_by_id
            and roles.can_draft(user)
            and roles.in_scope(user, obj.action),
            "self_review_refused": roles.SELF_REVIEW_REFUSED,
            "verification_choices": Verification.choices,
        }
        if obj is not None:
            context["workflow"]["urls"] = {
                step: reverse(
                    f"{self.admin_site.name}:resolutions_statusupdate_step", args=[obj.pk, step]
                )
                for step in (*BULK_STEPS, "verify")
            }
            context["workflow"]["correct_url"] = (
                reverse(f"{self.admin_site.name}:resolutions_statusupdate_add")
                + f"?action={obj.action_id}&corrects={obj.pk}"
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        step = path(
            "<path:object_id>/step/<str:step>/",
            self.admin_site.admin_view(self.step_view),
            name="resolutions_statusupdate_step",
        )
        return [step, *super().get_urls()]

    def step_view(self, request, object_id, step):
        """POST: submit, publish or reject one update, from the buttons on its page."""
        if request.method != "POST" or step not in (*BULK_STEPS, "verify"):
            raise PermissionDenied
        update = get_object_or_404(StatusUpdate, pk=object_id)
        change_url = reverse(
            f"{self.admin_site.name}:resolutions_statusupdate_change", args=[update.pk]
        )
        params = {"user": request.user, "update": update}
        try:
            params["version"] = int(request.POST.get("version", ""))
        except ValueError:
            params["version"] = None
        note = request.POST.get("note", "")
        try:
            if step == "submit":
                services.status_update_submit(**params, note=note)
            elif step == "publish":
                services.status_update_publish(
                    **params, note=note, verification=request.POST.get("verification", "")
                )
            elif step == "verify":
                services.status_update_verify(**params, note=note)
            else:
                services.status_update_reject(**params, reason=note)
        except (ValidationError, AppendOnlyError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        except PermissionDenied as error:
            if not roles.can_review(request.user):
                raise
            # A reviewer refused a step (their own update): say why on the update's page.
            messages.error(request, str(error))
        else:
            messages.success(request, STEP_DONE[step])
        return HttpResponseRedirect(change_url)

    # --- bulk actions: one note for several updates, all or nothing --------------------------

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
                done = services.status_updates_transition(
                    user=request.user, updates=list(queryset), transition=step, **params
                )
            except (ValidationError, PermissionDenied, AppendOnlyError) as error:
                text = " ".join(getattr(error, "messages", [str(error)]))
                messages.error(request, _("Nothing was changed. %(errors)s") % {"errors": text})
            else:
                messages.success(request, UPDATES_DONE[step] % {"n": len(done)})
            return None
        count = queryset.count()
        context = {
            **self.admin_site.each_context(request),
            "title": ngettext(
                "%(step)s: %(n)d status update", "%(step)s: %(n)d status updates", count
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

    @admin.action(
        description=gettext_lazy("Submit selected drafts for review"), permissions=["draft"]
    )
    def submit_selected(self, request, queryset):
        return self._bulk(request, queryset, "submit")

    @admin.action(
        description=gettext_lazy("Publish selected submitted updates"), permissions=["review"]
    )
    def publish_selected(self, request, queryset):
        return self._bulk(request, queryset, "publish")

    @admin.action(
        description=gettext_lazy("Reject selected submitted updates"), permissions=["review"]
    )
    def reject_selected(self, request, queryset):
        return self._bulk(request, queryset, "reject")
