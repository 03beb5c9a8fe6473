"""Atom feeds of what was published: status updates and reviews.

Site-wide, per resolution, per action and per Member State, in each language (the URL prefix
decides the language, as for pages). Only published updates and reviews are read, through the
same gates as the pages (StatusUpdate.objects.public(), ActionReview.objects.public()); only
listed resolutions. An entry's date is when it was published, so a reader following the feed
sees a correction when it appears, even when it describes an older as-of date.

Each page that has a feed announces it with <link rel="alternate" type="application/atom+xml">
(feed_links below, rendered by base.html).
"""

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .models import Action, MemberState, Resolution, StatusUpdate
from .page_cache import public_page
from .status import Status
from .translations import format_day, translated

FEED_ITEMS = 50

try:  # review records (issue #11); feeds list them when the model exists
    from .models import ActionReview
except ImportError:  # pragma: no cover
    ActionReview = None


def _updates():
    return (
        StatusUpdate.objects.public()
        .listed()
        .select_related("action__resolution")
        .prefetch_related("evidence__source", "evidence__occurrence")
    )


def _reviews():
    if ActionReview is None:
        return None
    return (
        ActionReview.objects.public()
        .filter(action__resolution__in=Resolution.objects.listed())
        .select_related("action__resolution")
    )


def _when(record):
    return record.published_at or record.recorded_at


def _items(scope: Q):
    """The latest published updates and reviews of the actions in `scope`, newest first."""
    updates = list(
        _updates().filter(scope).distinct().order_by("-published_at", "-id")[:FEED_ITEMS]
    )
    reviews = []
    if (queryset := _reviews()) is not None:
        reviews = list(
            queryset.filter(scope).distinct().order_by("-published_at", "-id")[:FEED_ITEMS]
        )
    items = sorted(updates + reviews, key=_when, reverse=True)[:FEED_ITEMS]
    return items


def _is_review(item) -> bool:
    return ActionReview is not None and isinstance(item, ActionReview)


class _Atom(Feed):
    feed_type = Atom1Feed

    def item_title(self, item):
        action = item.action
        context = {
            "symbol": action.resolution.symbol,
            "action": translated(action, "title").text,
        }
        if _is_review(item):
            context["day"] = format_day(item.reviewed_on)
            return _("%(symbol)s · %(action)s: sources reviewed on %(day)s, no change") % context
        context["status"] = Status(item.status).label
        context["day"] = format_day(item.as_of)
        return _("%(symbol)s · %(action)s: %(status)s (as of %(day)s)") % context

    def item_description(self, item):
        parts = [item.note]
        if not _is_review(item):
            evidence = [e.display_title for e in item.evidence.all()]
            if evidence:
                parts.append(_("Evidence: %(list)s") % {"list": "; ".join(evidence)})
        return "\n".join(p for p in parts if p)

    def item_link(self, item):
        day = item.reviewed_on if _is_review(item) else item.as_of
        return f"{reverse('action_detail', args=[item.action_id])}?as_of={day.isoformat()}"

    # A stable, language-independent identifier for each published record.
    item_guid_is_permalink = False

    def item_guid(self, item):
        kind = "review" if _is_review(item) else "status-update"
        return f"urn:resolution-tracker:{kind}:{item.pk}"

    def item_pubdate(self, item):
        return _when(item)

    def item_updateddate(self, item):
        return _when(item)

    def item_author_name(self, item):
        return item.author_name or None


class SiteFeed(_Atom):
    def title(self):
        return _("Resolution implementation tracker: published updates")

    def link(self):
        return reverse("dashboard")

    def subtitle(self):
        return _("Status updates and reviews as they are published, newest first.")

    def items(self):
        return _items(Q())


class ResolutionFeed(_Atom):
    def get_object(self, request, slug):
        return get_object_or_404(Resolution.objects.listed(), slug=slug)

    def title(self, obj):
        return _("%(symbol)s: published updates") % {"symbol": obj.symbol}

    def link(self, obj):
        return reverse("resolution_detail", args=[obj.slug])

    def items(self, obj):
        return _items(Q(action__resolution=obj))


class ActionFeed(_Atom):
    def get_object(self, request, pk):
        return get_object_or_404(Action.objects.listed().select_related("resolution"), pk=pk)

    def title(self, obj):
        return _("%(symbol)s · %(action)s: published updates") % {
            "symbol": obj.resolution.symbol,
            "action": translated(obj, "title").text,
        }

    def link(self, obj):
        return reverse("action_detail", args=[obj.pk])

    def items(self, obj):
        return _items(Q(action=obj))


class MemberStateFeed(_Atom):
    """Updates on the mandates a source gives the state: responsible for, or in a role in."""

    def get_object(self, request, iso3):
        return get_object_or_404(MemberState, iso3=iso3.upper())

    def title(self, obj):
        return _("%(state)s: published updates on its mandates") % {"state": obj.name}

    def link(self, obj):
        return reverse("member_state_detail", args=[obj.iso3])

    def items(self, obj):
        return _items(
            Q(action__responsible_actors__member_state=obj)
            | Q(action__member_state_roles__member_state=obj)
        )


site_feed = public_page(SiteFeed())
resolution_feed = public_page(ResolutionFeed())
action_feed = public_page(ActionFeed())
member_state_feed = public_page(MemberStateFeed())


def feed_links(*pairs) -> list[dict]:
    """[(title, url)] → what base.html renders as <link rel="alternate">."""
    return [{"title": str(title), "url": url} for title, url in pairs]
