"""The work queue on the admin home page (issue #12): for the signed-in user, what waits for
their review, their drafts, what was returned to them (with the reviewer's reason), and the
actions they answer for (their editor assignments; everything when they have none) that are
overdue, due within 30 days, or not reviewed for 12 months. Each count links to the filtered
list. A few aggregate queries, whatever the amount of data."""

from datetime import timedelta

from django.contrib import admin
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflow import roles

from ..models import (
    ActionReview,
    FactCorrection,
    MemberStateRole,
    Occurrence,
    Participation,
    SourcedFigure,
    State,
    StatusUpdate,
)

DUE_SOON_DAYS = 30


class StatusUpdateQueueFilter(admin.SimpleListFilter):
    """?queue=review|drafts|returned on the status-update list: the work queue's links."""

    title = gettext_lazy("my work")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return (
            ("review", _("Waiting for my review")),
            ("drafts", _("My drafts")),
            ("returned", _("Returned to me")),
        )

    def queryset(self, request, queryset):
        return filter_updates(queryset, request.user, self.value())


class ActionQueueFilter(admin.SimpleListFilter):
    """?queue=overdue|due_soon|stale on the action list (its rows carry the roll-up's
    is_overdue and is_stale for today), limited to the user's assignments."""

    title = gettext_lazy("my actions")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return (
            ("overdue", _("Overdue")),
            ("due_soon", _("Due within %(n)d days") % {"n": DUE_SOON_DAYS}),
            ("stale", _("Not reviewed for 12 months")),
        )

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        return filter_actions(roles.actions_in_scope(request.user, queryset), self.value())


def filter_updates(queryset, user, queue):
    if queue == "review":
        queryset = queryset.filter(state=State.SUBMITTED)
        if roles.second_reviewer_required():
            queryset = queryset.exclude(author=user)
        scope = roles.scope_q(user, "action__")
        return queryset if scope is None else queryset.filter(scope)
    if queue == "drafts":
        return queryset.filter(state=State.DRAFT, author=user)
    if queue == "returned":
        return queryset.filter(state=State.DRAFT, author=user, rejected_at__isnull=False)
    return queryset


def filter_actions(queryset, queue):
    today = timezone.localdate()
    if queue == "overdue":
        return queryset.filter(is_overdue=True)
    if queue == "due_soon":
        return queryset.filter(
            due_date__gte=today, due_date__lte=today + timedelta(days=DUE_SOON_DAYS)
        ).exclude(current_status__in=["completed", "ongoing", "not_applicable"])
    if queue == "stale":
        return queryset.filter(is_stale=True)
    return queryset


def work_queue(user):
    """[(label, count, url)] and the updates returned to `user`, for the admin home page."""
    rows = []
    updates_url = reverse("admin:resolutions_statusupdate_changelist")
    if roles.can_review(user):
        count = filter_updates(StatusUpdate.objects.all(), user, "review").count()
        rows.append(
            (_("Status updates waiting for my review"), count, f"{updates_url}?queue=review")
        )
        for model, label in (
            (Occurrence, _("Occurrences waiting for review")),
            (Participation, _("Participations waiting for review")),
            (SourcedFigure, _("Sourced figures waiting for review")),
            (MemberStateRole, _("Member State roles waiting for review")),
            (FactCorrection, _("Corrections of published records waiting for review")),
            (ActionReview, _("Review records waiting for review")),
        ):
            manager = getattr(model, "all_objects", model.objects)
            waiting = manager.filter(state=State.SUBMITTED)
            if roles.second_reviewer_required():
                waiting = waiting.exclude(author=user)
            meta = model._meta
            url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
            rows.append((label, waiting.count(), f"{url}?state__exact=submitted"))
    if roles.can_draft(user):
        mine = StatusUpdate.objects.filter(author=user, state=State.DRAFT).aggregate(
            drafts=Count("pk"), returned=Count("pk", filter=Q(rejected_at__isnull=False))
        )
        rows.append((_("My drafts"), mine["drafts"], f"{updates_url}?queue=drafts"))
        rows.append((_("Returned to me"), mine["returned"], f"{updates_url}?queue=returned"))
    returned = list(
        filter_updates(StatusUpdate.objects.all(), user, "returned")
        .select_related("action", "rejected_by")
        .order_by("-rejected_at")[:5]
    )
    from ..models import Action

    actions_url = reverse("admin:resolutions_action_changelist")
    actions = roles.actions_in_scope(user, Action.objects.with_status(timezone.localdate()))
    for queue, label in (
        ("overdue", _("My actions overdue")),
        ("due_soon", _("My actions due within %(n)d days") % {"n": DUE_SOON_DAYS}),
        ("stale", _("My actions not reviewed for 12 months")),
    ):
        rows.append((label, filter_actions(actions, queue).count(), f"{actions_url}?queue={queue}"))
    return rows, returned
