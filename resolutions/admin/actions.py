"""The admin's bulk steps, declared once (in the style of django.contrib.admin's actions).

A `BulkStep` applies one service to every selected row of a list, all or nothing: if the step
takes a form (a note, a reason, a verification), Django's action first shows one confirmation
page (workflow/bulk_step.html) whose form applies to every row; a step without a form is applied
at once. Either way, the service's refusal ("Nothing was changed. …", naming the row) or its
count is the message on the list. `workflow_steps()` declares the submit / publish / reject
of one kind of reviewed record (status updates, review records, facts) through the service of
its kind; `record_no_change_reviews` is "reviewed, no change" (issue #12): one draft review
record per selected action, sharing one note, date and piece of evidence
(workflow/review_services.action_reviews_bulk_draft), each still submitted and published by a
second person.
"""

from collections.abc import Callable, Sized
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from workflow.review_services import action_reviews_bulk_draft

from ..models import AppendOnlyError, Verification

# The workflow's steps, as the buttons and the actions' pages name them.
STEP_LABELS = {
    "submit": gettext_lazy("Submit for review"),
    "publish": gettext_lazy("Publish"),
    "reject": gettext_lazy("Reject and return to draft"),
}

# What one step says once done, on the update's page.
STEP_DONE = {
    "submit": gettext_lazy("The update was submitted for review."),
    "publish": gettext_lazy("The update was published."),
    "reject": gettext_lazy("The update was returned to draft."),
    "verify": gettext_lazy("The update was verified."),
}


@dataclass(frozen=True)
class BulkStep:
    """One bulk action: which service it applies, what it asks first, what it says."""

    name: str  # the action's name (the list's POST `action`)
    description: Any  # its line in the list's action menu
    button: Any  # the confirmation page's button, and %(step)s in its title
    title: Any  # ngettext_lazy(…, "n"): the confirmation page's title
    done: Any  # ngettext_lazy(…, "n"): the message once applied
    # (user, the selected rows, the form's cleaned data) -> the rows done; raises to refuse.
    apply: Callable[[Any, list[Any], dict[str, Any]], Sized]
    form: Callable[..., forms.Form] | None = None  # None: applied at once, no page
    permissions: tuple[str, ...] = ()  # the ModelAdmin's has_<name>_permission checks
    related: tuple[str, ...] = ()  # joined when the page lists the rows
    details: Callable[[Any], dict[str, Any]] | None = None  # each row's details on the page
    refused: Any = gettext_lazy("Nothing was changed. %(errors)s")

    def action(self) -> Callable[..., Any]:
        """The admin action function, named `self.name` (ModelAdmin.actions lists it)."""

        def run(model_admin, request, queryset):
            return run_step(self, model_admin, request, queryset)

        run.__name__ = run.__qualname__ = self.name
        return admin.action(
            description=self.description, permissions=list(self.permissions) or None
        )(run)


def run_step(step: BulkStep, model_admin, request, queryset):
    """The confirmation page until its form is valid, then the step on every row."""
    data: dict[str, Any] = {}
    if step.form is not None:
        form = step.form(request.POST if "apply" in request.POST else None)
        if not (form.is_bound and form.is_valid()):
            return _confirmation(step, model_admin, request, queryset, form)
        data = form.cleaned_data
    try:
        done = step.apply(request.user, list(queryset), data)
    except (ValidationError, PermissionDenied, AppendOnlyError) as error:
        text = " ".join(getattr(error, "messages", [str(error)]))
        messages.error(request, step.refused % {"errors": text})
    else:
        messages.success(request, step.done % {"n": len(done)})
    return None


def _confirmation(step: BulkStep, model_admin, request, queryset, form):
    rows = queryset.select_related(*step.related) if step.related else queryset
    count = queryset.count()
    context = {
        **model_admin.admin_site.each_context(request),
        "title": step.title % {"step": step.button, "n": count},
        "opts": model_admin.model._meta,
        "updates": rows,
        # Publishing status updates shows what is being published (each note, its evidence,
        # and a warning where the roll-up's rules would show another status).
        "details": [step.details(row) for row in rows] if step.details else None,
        "form": form,
        "action_name": step.name,
        "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
        "button": step.button,
    }
    return TemplateResponse(request, "workflow/bulk_step.html", context)


# --- submit, publish, reject -----------------------------------------------------------------


class BulkStepForm(forms.Form):
    """The one note (and, to publish, the verification) applied to every selected record."""

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


def transition_params(step: str, data: dict[str, Any]) -> dict[str, Any]:
    """The service's parameters from the page's form: a rejection's note is its reason."""
    if step == "reject":
        return {"reason": data["note"]}
    return {name: data[name] for name in ("note", "verification") if name in data}


# Who sees each step in the action menu (ModelAdmin.has_draft_permission, has_review_permission);
# the service checks again, record by record.
BY_ROLE = {"submit": ("draft",), "publish": ("review",), "reject": ("review",)}


def workflow_steps(
    service: Callable[..., Sized],
    *,
    rows: str,
    names: str = "{}_selected",
    title: Any,
    done: dict[str, Any],
    descriptions: dict[str, Any],
    permissions: dict[str, tuple[str, ...]] | None = None,
    at_once: tuple[str, ...] = (),
    related: tuple[str, ...] = (),
    details: dict[str, Callable[[Any], dict[str, Any]]] | None = None,
) -> tuple[Callable[..., Any], ...]:
    """Submit, publish and reject of one kind of record as three bulk actions.

    `service(user=…, <rows>=[…], transition=step, **params)` applies a step to every row, all or
    nothing; `names` is the actions' name pattern ("{}_selected"); a step in `at_once` takes no
    note and has no confirmation page."""

    def apply(step):
        def call(user, selected, data):
            return service(
                user=user, transition=step, **{rows: selected}, **transition_params(step, data)
            )

        return call

    def form(step):
        return lambda data: BulkStepForm(data, step=step)

    return tuple(
        BulkStep(
            name=names.format(step),
            description=descriptions[step],
            button=STEP_LABELS[step],
            title=title,
            done=done[step],
            apply=apply(step),
            form=None if step in at_once else form(step),
            permissions=(permissions or {}).get(step, ()),
            related=related,
            details=(details or {}).get(step),
        ).action()
        for step in STEP_LABELS
    )


# --- "reviewed, no change" ---------------------------------------------------------------------


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


def _no_change_drafts(user, actions, data):
    return action_reviews_bulk_draft(
        user=user,
        actions=actions,
        reviewed_on=data["reviewed_on"],
        note=data["note"],
        evidence=[{"url": data["url"]}],
    )


record_no_change_reviews = BulkStep(
    name="record_no_change_reviews",
    description=gettext_lazy("Record “reviewed, no change” for selected actions (drafts)"),
    button=gettext_lazy("Record draft reviews"),
    title=ngettext_lazy(
        "Reviewed, no change: %(n)d action", "Reviewed, no change: %(n)d actions", "n"
    ),
    done=ngettext_lazy(
        "%(n)d draft review record: submit it for a second person to publish.",
        "%(n)d draft review records: submit them for a second person to publish.",
        "n",
    ),
    apply=_no_change_drafts,
    form=NoChangeForm,
    permissions=("draft",),
    refused=gettext_lazy("Nothing was recorded. %(errors)s"),
).action()
