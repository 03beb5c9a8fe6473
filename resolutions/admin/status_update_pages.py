"""What the pages of a status update tell staff before and after a step (issue #12, friction):
the evidence a reviewer is about to publish, a warning when the roll-up's rules would show
another status than the update states, and the page that explains a refused edit or delete."""

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from workflow import roles

from ..bidi import isolated
from ..dates import format_day
from ..models import State, StatusUpdate
from ..rollup.preview import overridden_status
from ..status import DEFINITIONS


def evidence_of(update: StatusUpdate) -> list:
    """The update's evidence, with what each row prints loaded at once."""
    return list(update.evidence.select_related("source", "occurrence").order_by("pk"))


def may_correct(user, update: StatusUpdate) -> bool:
    """ "Correct this update" (a new draft linked to it) is offered to this user."""
    return (
        update.state == State.PUBLISHED
        and not update.superseded_by_id
        and roles.can_draft(user)
        and roles.in_scope(user, update.action)
    )


def correct_url(site_name: str, update: StatusUpdate) -> str:
    return (
        reverse(f"{site_name}:resolutions_statusupdate_add")
        + f"?action={update.action_id}&corrects={update.pk}"
    )


def override_warning(update: StatusUpdate):
    """A sentence for the reviewer when the update, once published, would not set the status
    the public sees (a recurring mandate's status comes from its occurrences); else None."""
    if update.state == State.PUBLISHED:
        return None
    overridden = overridden_status(update, timezone.localdate())
    if overridden is None:
        return None
    text = format_html(
        _(
            "Once published, this update will not set the status the public sees: the public "
            "pages will show this action as <strong>{shown}</strong>, not <strong>{stated}"
            "</strong>. {definition}"
        ),
        shown=overridden.shown.label,
        stated=update.get_status_display(),
        definition=DEFINITIONS.get(overridden.shown, ""),
    )
    if not overridden.recurring:
        return text
    if overridden.last_occurrence_on:
        facts = format_html(
            _("Last occurrence counted: {day}."),
            day=isolated(format_day(overridden.last_occurrence_on)),
        )
    else:
        facts = format_html(
            _("No occurrence is recorded since adoption ({day})."),
            day=isolated(format_day(overridden.adopted_on)) if overridden.adopted_on else "—",
        )
    if overridden.due_on:
        facts = format_html(
            _("{facts} Next one due: {day}."),
            facts=facts,
            day=isolated(format_day(overridden.due_on)),
        )
    return format_html(
        "{} {} {}",
        text,
        facts,
        _(
            "For a recurring mandate the roll-up takes the status from the recorded "
            "occurrences: record the occurrence instead, or, if it did not take place, a "
            "“Delayed / stalled” update with its evidence."
        ),
    )


def refusal(model_admin, request, update: StatusUpdate, step: str) -> TemplateResponse:
    """The 403 page of a refused edit (`step` "edit") or delete ("delete"): why, and what to do
    instead."""
    site = model_admin.admin_site.name
    named = isolated(str(update))
    state = State(update.state)
    if state == State.PUBLISHED:
        reason = format_html(
            _(
                "“{update}” is published: the public already sees it, and a published update "
                "is never changed or deleted, whatever your role. To fix it, record a "
                "correction: a new draft linked to this update. Once a second person publishes "
                "it, this update is shown as superseded and the roll-up uses the correction."
            ),
            update=named,
        )
    elif state == State.SUBMITTED:
        reason = format_html(
            _(
                "“{update}” is waiting for review: it can no longer be changed or deleted. A "
                "reviewer can return it to draft with a reason; its author can then change it."
            ),
            update=named,
        )
    else:
        author = update.author
        reason = format_html(
            _(
                "“{update}” is a draft by {author}: only its author, or an Administrator, can "
                "change or delete it (within their assignments)."
            ),
            update=named,
            author=isolated(
                (author.get_full_name() or author.get_username()) if author else update.author_name
            ),
        )
    superseded_by = update.superseded_by if update.superseded_by_id else None
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("This status update cannot be changed")
        if step == "edit"
        else _("This status update cannot be deleted"),
        "opts": model_admin.model._meta,
        "original": update,
        "reason": reason,
        "change_url": reverse(f"{site}:resolutions_statusupdate_change", args=[update.pk]),
        "correct_url": correct_url(site, update) if may_correct(request.user, update) else "",
        "superseded_by": superseded_by,
        "superseded_url": reverse(
            f"{site}:resolutions_statusupdate_change", args=[superseded_by.pk]
        )
        if superseded_by
        else "",
    }
    return TemplateResponse(request, "workflow/statusupdate_refused.html", context, status=403)
