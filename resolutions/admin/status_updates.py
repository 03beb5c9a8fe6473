"""The admin of status updates and their evidence: drafts written through
workflow/services.py, and the review steps (buttons on an update, bulk actions on the list).
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from workflow import roles, services

from ..bidi import isolated, ltr
from ..models import (
    Action,
    State,
    StatusUpdate,
    Verification,
)
from ..models.status_updates import AppendOnlyError
from . import status_update_pages as pages
from .actions import BY_ROLE, STEP_DONE, STEP_LABELS, workflow_steps
from .evidence import MAX_EVIDENCE, EvidenceInline
from .options import DraftByServiceAdmin, SecretariatAdmin, VersionedAdmin
from .queue import StatusUpdateQueueFilter

__all__ = ["MAX_EVIDENCE", "StatusUpdateAdmin"]

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


def _corrected_from(request):
    """The published update named by ?corrects=<id>, or None."""
    raw = request.GET.get("corrects", "")
    if not raw.isdigit():
        return None
    return StatusUpdate.objects.public().filter(pk=int(raw)).first()


def _publish_details(update):
    """What a reviewer checks before publishing: the note, the evidence, and a warning where
    the roll-up's rules would show another status."""
    return {
        "update": update,
        "evidence": pages.evidence_of(update),
        "override": pages.override_warning(update),
    }


@admin.register(StatusUpdate)
class StatusUpdateAdmin(DraftByServiceAdmin, VersionedAdmin, SecretariatAdmin):
    """Drafts are edited here by their authors; submitted and published updates open read-only.
    Review steps are buttons on an update's page, or bulk actions on the list."""

    # Where each update stands, readable at 1280 px without a sideways scroll (issue #12): the
    # progress figure is printed with the status, the time it was recorded is on its page, and
    # the list has no navigation sidebar (the breadcrumbs lead back; changelist_view).
    list_display = (
        "action",
        "status_and_progress",
        "as_of",
        "state",
        "verification",
        "author_name",
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
    # The bulk steps: one note for several updates, all or nothing (actions.workflow_steps).
    actions = workflow_steps(
        services.status_updates_transition,
        rows="updates",
        title=ngettext_lazy("%(step)s: %(n)d status update", "%(step)s: %(n)d status updates", "n"),
        done=UPDATES_DONE,
        descriptions={
            "submit": gettext_lazy("Submit selected drafts for review"),
            "publish": gettext_lazy("Publish selected submitted updates"),
            "reject": gettext_lazy("Reject selected submitted updates"),
        },
        permissions=BY_ROLE,
        related=("action",),
        details={"publish": _publish_details},
    )
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

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_and_progress(self, update):
        if update.progress is None:
            return update.get_status_display()
        return format_html("{} ({})", update.get_status_display(), ltr(f"{update.progress}%"))

    def changelist_view(self, request, extra_context=None):
        # Six columns and the filters fit 1280 px beside each other, not beside the app menu
        # as well (it pushed state, verification and author out of the screen).
        extra_context = {"is_nav_sidebar_enabled": False, **(extra_context or {})}
        return super().changelist_view(request, extra_context)

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
            "can_correct": obj is not None and pages.may_correct(user, obj),
            "self_review_refused": roles.SELF_REVIEW_REFUSED,
            "verification_choices": Verification.choices,
        }
        if obj is not None:
            context["workflow"]["urls"] = {
                step: reverse(
                    f"{self.admin_site.name}:resolutions_statusupdate_step", args=[obj.pk, step]
                )
                for step in (*STEP_LABELS, "verify")
            }
            context["workflow"]["correct_url"] = pages.correct_url(self.admin_site.name, obj)
            if context["workflow"]["can_submit"] or context["workflow"]["can_review"]:
                # What the reviewer is about to publish, and what the public would see.
                context["workflow"]["evidence"] = pages.evidence_of(obj)
                context["workflow"]["override"] = pages.override_warning(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- a refused edit or delete says why (a 403 all the same) ------------------------------

    def _refused(self, request, object_id, step):
        update = self.get_object(request, unquote(object_id))
        if update is None or not self.has_view_permission(request, update):
            return None  # Django's own answer: not found, or a bare 403
        allowed = self.has_change_permission if step == "edit" else self.has_delete_permission
        return None if allowed(request, update) else pages.refusal(self, request, update, step)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id is not None and request.method == "POST":
            refused = self._refused(request, object_id, "edit")
            if refused is not None:
                return refused
        return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        refused = self._refused(request, object_id, "delete")
        return refused or super().delete_view(request, object_id, extra_context)

    def get_urls(self):
        step = path(
            "<path:object_id>/step/<str:step>/",
            self.admin_site.admin_view(self.step_view),
            name="resolutions_statusupdate_step",
        )
        return [step, *super().get_urls()]

    def step_view(self, request, object_id, step):
        """POST: submit, publish or reject one update, from the buttons on its page."""
        if request.method != "POST" or step not in (*STEP_LABELS, "verify"):
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
