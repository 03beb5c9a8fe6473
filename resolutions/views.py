"""Public, read-only pages. Each view fetches through one read path, then renders."""


from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render

from .asof import read_as_of
from .models import (
    Action,
    MemberState,
    MemberStateRole,
    Occurrence,
    Paragraph,
    Participation,
    Resolution,
    StatusUpdate,
)
from .models.actions import MANDATE_DONE_MEANS, MandateType
from .rollup import STALE_AFTER_DAYS, paragraph_rollups, resolution_rollup, resolution_rollups
from .status import DEFAULT_CREDIT, DEFINITIONS, ORDER, Status


def _context(request, **extra):
    as_of, is_past, error = read_as_of(request)
    as_of_qs = f"?as_of={as_of.isoformat()}" if is_past else ""
    return {"as_of": as_of, "is_past": is_past, "as_of_error": error, "as_of_qs": as_of_qs, **extra}


def _actions_with_status(as_of):
    return Action.objects.with_status(as_of).prefetch_related("responsible_actors")


def _recent_updates(as_of, **filters):
    return (
        StatusUpdate.objects.public()
        .on_or_before(as_of)
        .filter(**filters)
        .select_related("action__resolution")
        .timeline()
        .newest_first()
    )


def dashboard(request):
    ctx = _context(request)
    as_of = ctx["as_of"]
    resolutions = list(Resolution.objects.listed().prefetch_related("sources"))
    rollups = resolution_rollups([r.pk for r in resolutions], as_of)
    paragraphs = list(
        Paragraph.objects.operative()
        .filter(resolution__in=resolutions)
        .select_related("resolution")
        .order_by("resolution__symbol", "order")
    )
    p_rollups = paragraph_rollups([p.pk for p in paragraphs], as_of)
    for resolution in resolutions:
        resolution.rollup = rollups[resolution.pk]
        resolution.operative = [p for p in paragraphs if p.resolution_id == resolution.pk]
        for paragraph in resolution.operative:
            paragraph.rollup = p_rollups[paragraph.pk]
    ctx.update(resolutions=resolutions, recent_updates=_recent_updates(as_of)[:8])
    return render(request, "resolutions/dashboard.html", ctx)


def resolution_detail(request, slug):
    ctx = _context(request)
    as_of = ctx["as_of"]
    resolution = get_object_or_404(
        Resolution.objects.listed().prefetch_related("sources"), slug=slug
    )
    paragraphs = list(
        resolution.paragraphs.in_order()
        .select_related("text_source")
        .prefetch_related(Prefetch("actions", queryset=_actions_with_status(as_of)))
    )
    p_rollups = paragraph_rollups([p.pk for p in paragraphs if p.is_operative], as_of)
    for paragraph in paragraphs:
        paragraph.rollup = p_rollups.get(paragraph.pk)
    unplaced = _actions_with_status(as_of).filter(resolution=resolution, paragraphs__isnull=True)
    ctx.update(
        resolution=resolution,
        rollup=resolution_rollup(resolution, as_of),
        paragraphs=paragraphs,
        unplaced_actions=unplaced,
    )
    return render(request, "resolutions/resolution_detail.html", ctx)


def paragraph_detail(request, slug, number):
    ctx = _context(request)
    as_of = ctx["as_of"]
    paragraph = get_object_or_404(
        Paragraph.objects.select_related("resolution", "text_source"),
        resolution__slug=slug,
        number=number,
    )
    actions = list(_actions_with_status(as_of).filter(paragraphs=paragraph))
    updates = _recent_updates(as_of, action__in=actions)
    occurrences = Occurrence.objects.filter(
        action__in=actions, start_date__lte=as_of
    ).select_related("action")
    # One chronological story of the paragraph: assessments and the events they rest on.
    timeline = sorted(
        [("update", u.as_of, u) for u in updates]
        + [("occurrence", o.start_date, o) for o in occurrences],
        key=lambda item: item[1],
        reverse=True,
    )
    ctx.update(
        paragraph=paragraph,
        resolution=paragraph.resolution,
        actions=actions,
        rollup=paragraph_rollups([paragraph.pk], as_of)[paragraph.pk]
        if paragraph.is_operative
        else None,
        timeline=timeline,
    )
    return render(request, "resolutions/paragraph_detail.html", ctx)


def action_detail(request, pk):
    ctx = _context(request)
    as_of = ctx["as_of"]
    action = get_object_or_404(
        _actions_with_status(as_of).select_related("resolution", "mandate_source"), pk=pk
    )
    ctx.update(
        action=action,
        resolution=action.resolution,
        status=Status(action.current_status),
        status_definition=DEFINITIONS[Status(action.current_status)],
        history=_recent_updates(as_of, action=action),
        occurrences=action.occurrences.filter(start_date__lte=as_of).prefetch_related(
            "sources", Prefetch("participations", Participation.objects.select_related("member_state"))
        ),
        paragraphs=action.paragraphs.order_by("order"),
        figures=action.figures.filter(as_of__lte=as_of).select_related("source"),
        roles=action.member_state_roles.select_related("member_state", "source"),
    )
    return render(request, "resolutions/action_detail.html", ctx)


def member_state_list(request):
    ctx = _context(request)
    states = MemberState.objects.annotate(
        n_co_chair=Count("roles", filter=Q(roles__role=MemberStateRole.Role.CO_CHAIR), distinct=True),
        n_member=Count("roles", filter=Q(roles__role=MemberStateRole.Role.MEMBER), distinct=True),
        n_participations=Count("participations", distinct=True),
    ).order_by("name")
    ctx.update(member_states=states)
    return render(request, "resolutions/member_state_list.html", ctx)


def member_state_detail(request, iso3):
    ctx = _context(request)
    as_of = ctx["as_of"]
    state = get_object_or_404(MemberState, iso3=iso3.upper())
    ctx.update(
        member_state=state,
        roles=state.roles.select_related("action__resolution", "source"),
        participations=state.participations.filter(
            occurrence__start_date__lte=as_of
        ).select_related("occurrence__action__resolution", "source"),
        responsible_for=_actions_with_status(as_of)
        .filter(responsible_actors__member_state=state)
        .select_related("resolution"),
    )
    return render(request, "resolutions/member_state_detail.html", ctx)


def status_definitions(request):
    ctx = _context(request)
    ctx.update(
        statuses=[(s, DEFINITIONS[s], DEFAULT_CREDIT.get(s)) for s in ORDER],
        mandate_types=[(m, MANDATE_DONE_MEANS[m]) for m in MandateType],
        stale_after_days=STALE_AFTER_DAYS,
    )
    return render(request, "resolutions/status_definitions.html", ctx)


