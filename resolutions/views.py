"""Public, read-only pages.

Each view reads the as-of date, fetches its data through one helper (`_<page>_data`), validates
what the query string asks with a form or filterset, and renders. Every number comes from the
roll-up package (resolutions/rollup/); the helpers only put the pieces side by side. Each
page's query count is pinned by tests/test_public_pages.py and does not grow with the data.
"""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import charts
from .asof import read_as_of
from .citation import action_citation, paragraph_citation, resolution_citation
from .feeds import feed_links
from .filters import filtered_actions
from .models import (
    Action,
    Actor,
    Body,
    MemberState,
    MemberStateRole,
    Occurrence,
    Paragraph,
    Participation,
    Resolution,
    SourcedFigure,
    StatusUpdate,
)
from .models.actions import RECURRENCE_WINDOW_DAYS, Recurrence
from .models.bodies import bound_by_q
from .models.vocabularies import ActorKind, Addressee, MandateType, OperativeVerb
from .page_cache import public_page
from .rollup import (
    STALE_AFTER_DAYS,
    next_due,
    paragraph_rollups,
    resolution_rollups,
    unplaced_rollups,
)
from .selectors import history_across_resolutions, resolution_state
from .status import DEFAULT_CREDIT, DEFINITIONS, ORDER, PROGRESS_ALLOWED, Status
from .translations import collation_key, country_name, prefetch_translations, related_records

RECENT_UPDATES = 6
RESOLUTIONS_PER_PAGE = 5
RECENT_EVENTS = 5
ACTIONS_PER_PAGE = 25
PRIMARY_FILTERS = ("status", "resolution", "paragraph", "actor")


def _site_feed():
    return (_("Published updates (Atom)"), reverse("feed_site"))


def _context(request, **extra):
    as_of, is_past, error = read_as_of(request)
    as_of_qs = f"?as_of={as_of.isoformat()}" if is_past else ""
    return {
        "feeds": feed_links(_site_feed()),
        "as_of": as_of,
        "is_past": is_past,
        "as_of_error": error,
        "as_of_qs": as_of_qs,
        "today": timezone.localdate(),
        **extra,
    }


def _recent_updates(as_of):
    return (
        StatusUpdate.objects.public()
        .listed()
        .on_or_before(as_of)
        .select_related("action__resolution")
        .timeline()
        .newest_first()
    )


# --- Dashboard -----------------------------------------------------------------------------


def _dashboard_data(as_of, page_number):
    # A secretariat may load every resolution of a session (and the UN's registry holds
    # hundreds): the dashboard shows them a page at a time, real ones before synthetic ones.
    # Paged in Python: a few hundred short rows cost less than the COUNT query a lazy page
    # would add to every dashboard.
    paginator = Paginator(
        list(Resolution.objects.listed().order_by("is_synthetic", "symbol")),
        RESOLUTIONS_PER_PAGE,
    )
    page = paginator.get_page(page_number)
    resolutions = list(page.object_list)
    ids = [r.pk for r in resolutions]
    rollups = resolution_rollups(ids, as_of)
    paragraphs = list(Paragraph.objects.operative().filter(resolution_id__in=ids).in_order())
    p_rollups = paragraph_rollups([p.pk for p in paragraphs], as_of)
    in_resolutions = Action.objects.filter(resolution_id__in=ids)
    unplaced = list(in_resolutions.without_paragraph().with_status(as_of).order_by("pk"))
    unplaced_rollup = unplaced_rollups(ids, as_of)
    undated = in_resolutions.filter(due_date__isnull=True).count_by_resolution()
    events = charts.change_events(ids, as_of)
    reviewed = {pk: rollup.last_reviewed_on for pk, rollup in rollups.items()}
    history = charts.progress_history(resolutions, as_of, events, reviewed)
    occurrences_of: dict[int, list] = {}  # each resolution's newest events, in one pass
    for e in events:
        if e.kind == "occurrence":
            occurrences_of.setdefault(e.resolution_id, []).append(e)
    for resolution in resolutions:
        resolution.rollup = rollups[resolution.pk]
        resolution.operative = [p for p in paragraphs if p.resolution_id == resolution.pk]
        for paragraph in resolution.operative:
            paragraph.rollup = p_rollups[paragraph.pk]
        resolution.unplaced = [a for a in unplaced if a.resolution_id == resolution.pk]
        resolution.unplaced_rollup = unplaced_rollup.get(resolution.pk)
        resolution.undated = undated.get(resolution.pk, 0)
        resolution.history = history[resolution.pk]
        resolution.latest_events = occurrences_of.get(resolution.pk, [])[:RECENT_EVENTS]
    latest_events = [e for e in events if e.kind == "occurrence"][:RECENT_EVENTS]
    recent_updates = list(_recent_updates(as_of)[:RECENT_UPDATES])
    # French and Arabic pages: one query per model type for the content translations.
    prefetch_translations(
        resolutions,
        paragraphs,
        unplaced,
        [u.action for u in recent_updates],
        related_records(recent_updates, unplaced),
    )
    symbols = {r.pk: r.symbol for r in resolutions}
    for event in latest_events:
        event.symbol = symbols.get(event.resolution_id, "")
    return {
        "resolutions": resolutions,
        "page": page,
        "recent_updates": recent_updates,
        "latest_events": latest_events,
    }


@public_page
def dashboard(request):
    ctx = _context(request)
    ctx.update(_dashboard_data(ctx["as_of"], request.GET.get("page", "")))
    return render(request, "resolutions/dashboard.html", ctx)


# --- Resolution ----------------------------------------------------------------------------


def _nest(paragraphs):
    """Give each paragraph (in document order) its `depth` (0, or 1 for 5(a) under 5, …) and
    its `parent_number`, from the parents already in the list: no query."""
    by_pk = {p.pk: p for p in paragraphs}
    for paragraph in paragraphs:
        parent = by_pk.get(paragraph.parent_id)
        paragraph.depth = parent.depth + 1 if parent is not None else 0
        paragraph.parent_number = parent.number if parent is not None else ""


def _resolution_data(slug, as_of):
    resolution = get_object_or_404(
        Resolution.objects.listed().select_related("body").prefetch_related("sources"),
        slug=slug,
    )
    state = resolution_state(resolution, as_of)  # the one reader, shared with the exports
    _nest(state.paragraphs)
    events = charts.change_events([resolution.pk], as_of)
    prefetch_translations(
        [resolution],
        state.paragraphs,
        state.actions,
        related_records(actions=state.actions),
    )
    return {
        "resolution": resolution,
        "rollup": state.rollup,
        "paragraphs": state.paragraphs,
        "n_operative": len(state.operative),
        "n_preambular": len(state.paragraphs) - len(state.operative),
        "unplaced_actions": state.unplaced_actions,
        "unplaced_rollup": state.unplaced_rollup,
        "history": charts.progress_history(
            [resolution], as_of, events, {resolution.pk: state.rollup.last_reviewed_on}
        )[resolution.pk],
    }


@public_page
def resolution_detail(request, slug):
    ctx = _context(request)
    ctx.update(_resolution_data(slug, ctx["as_of"]))
    ctx["citation"] = resolution_citation(request, ctx["resolution"], ctx["as_of"], ctx["rollup"])
    resolution = ctx["resolution"]
    ctx["references_made"], ctx["references_received"] = resolution.references()
    ctx["badge_url"] = request.build_absolute_uri(
        reverse("resolution_badge", args=[resolution.slug])
    )
    page_url = request.build_absolute_uri(reverse("resolution_detail", args=[resolution.slug]))
    ctx["badge_embed"] = (
        f'<a href="{page_url}"><img src="{ctx["badge_url"]}" alt="{resolution.symbol}" '
        'height="20"></a>'
    )
    ctx["feeds"] = feed_links(
        (
            _("%(symbol)s: published updates (Atom)") % {"symbol": resolution.symbol},
            reverse("feed_resolution", args=[resolution.slug]),
        ),
        _site_feed(),
    )
    return render(request, "resolutions/resolution_detail.html", ctx)


@public_page
def resolution_akn(request, slug):
    """The resolution as Akoma Ntoso XML (resolutions/akn.py): verbatim text only, provenance in
    the metadata."""
    from django.http import HttpResponse

    from .akn import build_akn

    resolution = get_object_or_404(Resolution.objects.listed().select_related("body"), slug=slug)
    response = HttpResponse(
        build_akn(resolution), content_type="application/akn+xml; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{resolution.slug}.akn.xml"'
    return response


# --- Paragraph -----------------------------------------------------------------------------


def _paragraph_data(slug, number, as_of):
    paragraph = get_object_or_404(
        Paragraph.objects.filter(resolution__in=Resolution.objects.listed()).select_related(
            "resolution", "text_source", "operative_verb", "addressee"
        ),
        resolution__slug=slug,
        number=number,
    )
    siblings = list(paragraph.resolution.paragraphs.in_order())
    position = next(i for i, p in enumerate(siblings) if p.pk == paragraph.pk)
    actions = list(
        Action.objects.filter(paragraphs=paragraph)
        .with_status(as_of)
        .with_actors()
        .select_related("mandate_type")
        .order_by("pk")
    )
    updates = (
        StatusUpdate.objects.public()
        .on_or_before(as_of)
        .filter(action__in=actions)
        .select_related("action")
        .timeline()
        .newest_first()
    )
    occurrences = (
        Occurrence.objects.filter(action__in=actions)
        .on_or_before(as_of)
        .select_related("action")
        .prefetch_related("sources")
    )
    updates, occurrences = list(updates), list(occurrences)
    prefetch_translations(
        [paragraph.resolution, paragraph],
        actions,
        [u.action for u in updates],
        occurrences,
        [o.action for o in occurrences],
        related_records(updates, actions),
    )
    # One chronological story of the paragraph: assessments and the events they rest on.
    timeline = sorted(
        [("update", u.as_of, u) for u in updates]
        + [("occurrence", o.start_date, o) for o in occurrences],
        key=lambda item: (item[1], item[0] == "update"),
        reverse=True,
    )
    return {
        "paragraph": paragraph,
        "resolution": paragraph.resolution,
        # Its place in the structure, from the paragraphs already read (no query).
        "parent": next((p for p in siblings if p.pk == paragraph.parent_id), None),
        "children": [p for p in siblings if p.parent_id == paragraph.pk],
        "previous": siblings[position - 1] if position > 0 else None,
        "next": siblings[position + 1] if position + 1 < len(siblings) else None,
        "actions": actions,
        "rollup": paragraph_rollups([paragraph.pk], as_of)[paragraph.pk]
        if paragraph.is_operative
        else None,
        "timeline": timeline,
    }


@public_page
def paragraph_detail(request, slug, number):
    ctx = _context(request)
    ctx.update(_paragraph_data(slug, number, ctx["as_of"]))
    ctx["citation"] = paragraph_citation(request, ctx["paragraph"], ctx["as_of"], ctx["rollup"])
    return render(request, "resolutions/paragraph_detail.html", ctx)


# --- Action --------------------------------------------------------------------------------


def _action_data(pk, as_of):
    action = get_object_or_404(
        Action.objects.listed()
        .with_status(as_of)
        .select_related("resolution", "mandate_type", "mandate_source", "responsible_source")
        .with_actors()
        .prefetch_related("description_sources"),
        pk=pk,
    )
    status = Status(action.current_status)
    window_days = window_ends = None
    if action.is_recurring:
        window_days = RECURRENCE_WINDOW_DAYS[Recurrence(action.recurrence)]
        if action.last_occurrence_on:
            window_ends = next_due(action)  # its latest occurrence keeps it on track until then
    occurrences = list(
        action.occurrences.on_or_before(as_of)
        .order_by("-start_date")
        .prefetch_related(
            "sources",
            Prefetch(
                "participations",
                Participation.objects.select_related("member_state", "source"),
            ),
        )
    )
    paragraphs = list(action.paragraphs.in_order().select_related("text_source"))
    history = list(
        StatusUpdate.objects.public()
        .on_or_before(as_of)
        .filter(action=action)
        .timeline()
        .newest_first()
    )
    across = history_across_resolutions(action, as_of)
    figures = list(action.figures.filter(as_of__lte=as_of).select_related("source"))
    roles = list(action.member_state_roles.known_on(as_of).select_related("member_state", "source"))
    prefetch_translations(
        [action, action.resolution],
        paragraphs,
        occurrences,
        figures,
        roles,
        [p for o in occurrences for p in o.participations.all()],
        related_records(history, [action]),
        *_history_across_records(across),
    )
    return {
        "action": action,
        "resolution": action.resolution,
        "status": status,
        "status_definition": DEFINITIONS[status],
        "window_days": window_days,
        "window_ends": window_ends,
        "history": history,
        "occurrences": occurrences,
        "paragraphs": paragraphs,
        "figures": figures,
        "roles": roles,
        "across": across,
    }


def _history_across_records(across):
    """The records the "History across resolutions" section shows in the page's language."""
    if across is None:
        return []
    events = [e.update or e.occurrence for e in across.events]
    return [across.actions, [a.resolution for a in across.actions], events]


@public_page
def action_detail(request, pk):
    ctx = _context(request)
    ctx.update(_action_data(pk, ctx["as_of"]))
    ctx["citation"] = action_citation(
        request, ctx["action"], ctx["as_of"], str(ctx["status"].label), ctx["paragraphs"]
    )
    ctx["feeds"] = feed_links(
        (_("This action: published updates (Atom)"), reverse("feed_action", args=[pk])),
        (
            _("%(symbol)s: published updates (Atom)") % {"symbol": ctx["resolution"].symbol},
            reverse("feed_resolution", args=[ctx["resolution"].slug]),
        ),
        _site_feed(),
    )
    return render(request, "resolutions/action_detail.html", ctx)


# --- Action list ---------------------------------------------------------------------------


def _with_translations(actions):
    """The listed actions with their translations and their actors' (one query)."""
    prefetch_translations(actions, related_records(actions=actions))
    return actions


def _page_of(request, queryset):
    """The requested page, and a message when ?page= could not be used as given."""
    paginator = Paginator(queryset, ACTIONS_PER_PAGE)
    raw = request.GET.get("page", "").strip()
    page = paginator.get_page(raw)
    problem = None
    if raw and (not raw.isdigit() or int(raw) != page.number):
        problem = _(
            "“Page”: “%(value)s” is not a page of this list (pages 1 to %(last)s). "
            "Showing page %(shown)s."
        ) % {"value": raw, "last": paginator.num_pages, "shown": page.number}
    return page, problem


@public_page
def action_list(request):
    ctx = _context(request)
    filterset, queryset = filtered_actions(request)
    page, page_problem = _page_of(request, queryset)
    problems = [p for p in filterset.problems if p != ctx["as_of_error"]]
    # The less used filters fold away (the form stays usable on a phone) unless one is in use.
    more = [name for name in filterset.filters if name not in PRIMARY_FILTERS and name != "q"]
    ctx.update(
        primary_filters=PRIMARY_FILTERS,
        more_open=any(request.GET.get(name) for name in [*more, "as_of"])
        or any(name in filterset.errors for name in more),
        filterset=filterset,
        page=page,
        actions=_with_translations(list(page.object_list)),
        problems=problems + ([page_problem] if page_problem else []),
        active=filterset.active,
        search=filterset.form.cleaned_data.get("q", "") if filterset.form.is_bound else "",
    )
    return render(request, "resolutions/action_list.html", ctx)


# --- Member States -------------------------------------------------------------------------


class MemberStateChoiceForm(forms.Form):
    """The "go to a Member State" picker of the list page; works without JavaScript."""

    state = forms.ChoiceField(
        label=gettext_lazy("Go to a Member State"),
        error_messages={"invalid_choice": gettext_lazy("“%(value)s” is not an OIC Member State.")},
    )

    def __init__(self, *args, states=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", "—")] + [
            (s.iso3, country_name(s.iso3, s.name)) for s in states
        ]


def _body_of_list(key):
    """(body, bodies, is_default): the body whose members /member-states/ lists: ?body=KEY,
    else the default (key "oic", the body the installation's branding names, else the first
    body with members); None when no membership is recorded (then every stored State is
    listed, as before bodies existed)."""
    bodies = list(Body.objects.filter(memberships__isnull=False).distinct().order_by("pk"))
    default = next((b for b in bodies if b.key == "oic"), bodies[0] if bodies else None)
    chosen = next((b for b in bodies if b.key == key), None) if key else None
    return chosen or default, bodies, chosen in (None, default)


def _member_state_list_data(as_of, body_key=None):
    body, bodies, is_default = _body_of_list(body_key)
    states = MemberState.objects.all() if body is None else body.members_on(as_of)
    states = list(states.with_involvement(as_of).with_roles(as_of).order_by("name"))
    # In the reader's language and alphabetical order (CLDR names; translations.collation_key).
    states.sort(key=lambda s: collation_key(country_name(s.iso3, s.name)))
    return {
        "body": body,
        "bodies": bodies,
        # The installation's own body is named by its branding (SITE_BODY…, in 3 languages).
        "body_is_default": is_default,
        "member_states": states,
        "collective_actions": list(
            Action.objects.listed()
            .filter(responsible_actors__kind=Actor.MEMBER_STATES)
            .distinct()
            .select_related("resolution")
        ),
        "figures": list(SourcedFigure.objects.known_on(as_of)),
        "counted_events": list(
            Occurrence.objects.filter(
                member_states_count__isnull=False,
                action__resolution__in=Resolution.objects.listed(),
            )
            .on_or_before(as_of)
            .select_related("action__resolution")
            .order_by("start_date")
        ),
    }


@public_page
def member_state_list(request):
    ctx = _context(request)
    ctx.update(_member_state_list_data(ctx["as_of"], request.GET.get("body")))
    prefetch_translations(
        ctx["collective_actions"],
        [f.action for f in ctx["figures"]],
        ctx["figures"],
        [r.action for s in ctx["member_states"] for r in getattr(s, "current_roles", ())],
        ctx["counted_events"],
    )
    form = MemberStateChoiceForm(
        request.GET if "state" in request.GET else None, states=ctx["member_states"]
    )
    if form.is_bound and form.is_valid() and form.cleaned_data["state"]:
        url = reverse("member_state_detail", args=[form.cleaned_data["state"]])
        return redirect(url + ctx["as_of_qs"])
    ctx["form"] = form
    return render(request, "resolutions/member_state_list.html", ctx)


def _bound_by(state, as_of):
    """The resolutions tracked here that bind this State (of a body it was a member of on the
    adoption date, models.bodies.bound_by_q), with their headline
    (one roll-up query for all of them) and whether the session that adopted each met in this
    state (its place, as the sources give it, names the state)."""
    resolutions = list(
        Resolution.objects.listed()
        .filter(bound_by_q(state))
        .order_by("is_synthetic", "symbol")[:20]
    )
    rollups = resolution_rollups([r.pk for r in resolutions], as_of)
    names = {n.lower() for n in (state.name, state.name_in_source) if n}
    for resolution in resolutions:
        resolution.rollup = rollups.get(resolution.pk)
        place = (resolution.place or "").lower()
        resolution.met_here = any(name in place for name in names)
    return resolutions


def _member_state_data(iso3, as_of):
    state = get_object_or_404(MemberState, iso3=iso3.upper())
    participations = list(
        state.participations.filter(
            occurrence__start_date__lte=as_of,
            occurrence__action__resolution__in=Resolution.objects.listed(),
        ).select_related("occurrence__action__resolution", "source")
    )
    named_at = {p.occurrence_id for p in participations}
    counted = [
        o
        for o in Occurrence.objects.filter(
            member_states_count__isnull=False,
            action__resolution__in=Resolution.objects.listed(),
        )
        .on_or_before(as_of)
        .select_related("action__resolution")
        .order_by("start_date")
        if o.pk not in named_at
    ]
    actions = list(
        Action.objects.listed()
        .for_member_state(state)
        .with_status(as_of)
        .for_listing()
        .in_document_order()
    )
    roles = list(
        MemberStateRole.objects.known_on(as_of)
        .filter(member_state=state)
        .select_related("action__resolution", "source")
    )
    by_name = [
        a for a in actions if any(x.member_state_id == state.pk for x in a.responsible_actors.all())
    ]
    return {
        "member_state": state,
        "bound_by": _bound_by(state, as_of),
        "roles": roles,
        "role_action_ids": {r.action_id for r in roles},
        "participations": participations,
        "responsible_for": by_name,
        "collectively": [a for a in actions if a not in by_name],
        "counted_events": counted,
        "figures": list(SourcedFigure.objects.known_on(as_of)),
    }


@public_page
def member_state_detail(request, iso3):
    ctx = _context(request)
    ctx.update(_member_state_data(iso3, ctx["as_of"]))
    prefetch_translations(
        ctx["responsible_for"],
        ctx["collectively"],
        [r.action for r in ctx["roles"]],
        [f.action for f in ctx["figures"]],
        [p.occurrence for p in ctx["participations"]],
        ctx["participations"],
        related_records(actions=[*ctx["responsible_for"], *ctx["collectively"]]),
        ctx["figures"],
        ctx["roles"],
        ctx["counted_events"],
        ctx["bound_by"],
    )
    state = ctx["member_state"]
    ctx["feeds"] = feed_links(
        (
            _("%(state)s: published updates on its mandates (Atom)") % {"state": state.name},
            reverse("feed_member_state", args=[state.iso3]),
        ),
        _site_feed(),
    )
    return render(request, "resolutions/member_state_detail.html", ctx)


# --- Status definitions --------------------------------------------------------------------


@public_page
def status_definitions(request):
    ctx = _context(request)
    ctx.update(
        statuses=[(s, DEFINITIONS[s], DEFAULT_CREDIT.get(s), s in PROGRESS_ALLOWED) for s in ORDER],
        # The vocabularies' definitions, from their tables, in the reader's language.
        mandate_types=list(MandateType.objects.all()),
        actor_kinds=list(ActorKind.objects.all()),
        addressees=list(Addressee.objects.all()),
        operative_verbs=list(OperativeVerb.objects.all()),
        stale_after_days=STALE_AFTER_DAYS,
        windows=[(Recurrence(r).label.lower(), days) for r, days in RECURRENCE_WINDOW_DAYS.items()],
    )
    return render(request, "resolutions/status_definitions.html", ctx)
