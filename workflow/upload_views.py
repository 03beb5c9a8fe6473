"""The admin pages of spreadsheet updates (workflow/upload.py): download the template, upload
it filled in, see the preview, confirm. Mounted under /admin/ by tracker/urls.py, each wrapped
in admin_view (staff sign-in, no caching, CSRF). Changes only on POST."""

import secrets

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from resolutions.models import Resolution, StatusUpdate
from workflow import roles

from . import upload

SESSION_KEY = "status_update_upload"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Filled-in template (XLSX)"),
        help_text=gettext_lazy("At most %(mb)d MB and %(rows)d filled rows.")
        % {"mb": upload.MAX_BYTES // (1024 * 1024), "rows": upload.MAX_CHANGES},
    )


class TemplateForm(forms.Form):
    resolution = forms.ModelChoiceField(
        queryset=Resolution.objects.order_by("symbol"),
        required=False,
        label=gettext_lazy("Resolution"),
        empty_label=gettext_lazy("All the actions I may update"),
    )


def _require_drafter(request):
    roles.require(roles.can_draft(request.user), _("You may not record status updates."))


def _context(request, **extra):
    return {
        **admin.site.each_context(request),
        "opts": StatusUpdate._meta,
        "max_changes": upload.MAX_CHANGES,
        **extra,
    }


@require_GET
def upload_form(request):
    """The page: download the template, upload it filled in."""
    _require_drafter(request)
    context = _context(
        request,
        title=_("Update statuses from a spreadsheet"),
        form=UploadForm(),
        template_form=TemplateForm(request.GET or None),
        instructions=upload.instructions(),
    )
    return TemplateResponse(request, "workflow/upload_form.html", context)


@require_GET
def upload_template(request):
    """The XLSX template of the actions the user may update (of one resolution, if chosen)."""
    _require_drafter(request)
    form = TemplateForm(request.GET)
    resolution = form.cleaned_data["resolution"] if form.is_valid() else None
    try:
        content = upload.render_template(upload.template_actions(request.user, resolution))
    except upload.UploadError as error:
        messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(reverse("status_update_upload"))
    name = f"status-updates-{resolution.slug if resolution else 'all'}.xlsx"
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
def upload_preview(request):
    """Read the file, check every row, and show what confirming would do. Writes nothing but
    the rows kept in the session for the confirmation."""
    _require_drafter(request)
    form = UploadForm(request.POST, request.FILES)
    context = _context(
        request,
        title=_("Update statuses from a spreadsheet"),
        template_form=TemplateForm(),
        instructions=upload.instructions(),
    )
    if not form.is_valid():
        context["form"] = form
        return TemplateResponse(request, "workflow/upload_form.html", context, status=400)
    try:
        rows = upload.read_workbook(form.cleaned_data["file"])
    except upload.UploadError as error:
        context.update(form=UploadForm(), file_errors=error.messages)
        return TemplateResponse(request, "workflow/upload_form.html", context, status=400)
    plan = upload.preview(user=request.user, rows=rows)
    token = secrets.token_urlsafe(16)
    if plan.is_valid:
        request.session[SESSION_KEY] = {
            "token": token,
            "file": form.cleaned_data["file"].name[:200],
            "rows": [row.as_dict() for row in rows],
        }
    else:
        request.session.pop(SESSION_KEY, None)
    context.update(
        title=_("Preview: %(file)s") % {"file": form.cleaned_data["file"].name[:200]},
        plan=plan,
        token=token,
        form=UploadForm(),
    )
    return TemplateResponse(request, "workflow/upload_preview.html", context)


@require_POST
def upload_confirm(request):
    """Create the previewed rows as drafts (submitted for review if asked), all or nothing."""
    _require_drafter(request)
    pending = request.session.get(SESSION_KEY) or {}
    if not pending or request.POST.get("token") != pending.get("token"):
        messages.error(request, _("That preview is no longer current; upload the file again."))
        return HttpResponseRedirect(reverse("status_update_upload"))
    rows = [upload.RawRow.from_dict(row) for row in pending["rows"]]
    submit = request.POST.get("submit_for_review") == "1"
    try:
        drafts = upload.apply(user=request.user, rows=rows, submit=submit)
    except (upload.UploadError, PermissionDenied) as error:
        text = " ".join(getattr(error, "messages", [str(error)]))
        messages.error(request, _("Nothing was saved. %(errors)s") % {"errors": text})
        return HttpResponseRedirect(reverse("status_update_upload"))
    del request.session[SESSION_KEY]
    if submit:
        messages.success(
            request,
            ngettext(
                "%(n)d status update submitted for review: a second person publishes it.",
                "%(n)d status updates submitted for review: a second person publishes them.",
                len(drafts),
            )
            % {"n": len(drafts)},
        )
    else:
        messages.success(
            request,
            ngettext(
                "%(n)d draft status update created; submit it for review when ready.",
                "%(n)d draft status updates created; submit them for review when ready.",
                len(drafts),
            )
            % {"n": len(drafts)},
        )
    return HttpResponseRedirect(reverse("admin:index"))


def urls():
    wrap = admin.site.admin_view
    return [
        path("", wrap(upload_form), name="status_update_upload"),
        path("template.xlsx", wrap(upload_template), name="status_update_upload_template"),
        path("preview/", wrap(upload_preview), name="status_update_upload_preview"),
        path("confirm/", wrap(upload_confirm), name="status_update_upload_confirm"),
    ]
