"""The read-only JSON API.

Same read path as the pages: statuses and credits are ``Action.objects.with_status(as_of)``,
progress is ``resolution_rollups``/``paragraph_rollups`` (computed for the page being returned,
one query each), status updates pass through ``StatusUpdate.objects.public()``.

Cacheable: every response carries an ETag of its body (Django's ConditionalGetMiddleware applied
to these views only), and a client sending If-None-Match gets a 304 without the body.
"""

from django.db.models import Prefetch, Q
from django.utils.decorators import method_decorator
from django.views.decorators.http import conditional_page
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from resolutions.asof import BadParameter, as_of_from
from resolutions.models import (
    Action,
    Evidence,
    MemberState,
    Paragraph,
    Resolution,
    ResolutionLink,
    StatusUpdate,
)
from resolutions.rollup import paragraph_rollups, resolution_rollups
from resolutions.selectors import rollup_entry

from . import serializers
from .filters import FilterBackend, ParagraphFilter, StatusUpdateFilter

AS_OF = OpenApiParameter(
    "as_of",
    OpenApiTypes.DATE,
    description="YYYY-MM-DD: the tracker as it stood that day (default today). Statuses, "
    "credits and progress are computed for that day; later updates are left out.",
)


def _as_of_schema(viewset):
    return extend_schema_view(
        list=extend_schema(parameters=[AS_OF]), retrieve=extend_schema(parameters=[AS_OF])
    )(viewset)


@method_decorator(conditional_page, name="dispatch")
class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """GET, HEAD and OPTIONS only; public data, so no authentication."""

    authentication_classes = []
    permission_classes = [AllowAny]
    filter_backends = [FilterBackend]

    @property
    def as_of(self):
        if not hasattr(self, "_as_of"):
            try:
                self._as_of = as_of_from(self.request)
            except BadParameter as exc:
                raise ValidationError({"as_of": [str(exc)]}) from None
        return self._as_of

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "as_of": self.as_of}

    def decorate(self, objects):
        """Attach computed values to the objects about to be serialized (one query per kind)."""

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        objects = list(page if page is not None else queryset)
        self.decorate(objects)
        data = self.get_serializer(objects, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        self.decorate([instance])
        return Response(self.get_serializer(instance).data)


@_as_of_schema
class ResolutionViewSet(ReadOnlyViewSet):
    """Resolutions with their weighted progress and status distribution on the as-of date."""

    serializer_class = serializers.ResolutionSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return (
            Resolution.objects.listed()
            .select_related("body")
            .prefetch_related("sources")
            .order_by("symbol")
        )

    def decorate(self, objects):
        ids = [r.pk for r in objects]
        rollups = resolution_rollups(ids, self.as_of) if ids else {}
        links = list(
            ResolutionLink.objects.filter(Q(resolution__in=ids) | Q(target__in=ids))
            .filter(resolution__in=Resolution.objects.listed())
            .select_related("resolution", "target", "paragraph", "source")
            .prefetch_related("target_sources")
            .order_by("resolution__symbol", "order", "pk")
        )
        for resolution in objects:
            resolution.progress = rollup_entry(rollups[resolution.pk])
            resolution.references_made = [k for k in links if k.resolution_id == resolution.pk]
            resolution.references_received = [k for k in links if k.target_id == resolution.pk]


@_as_of_schema
class ParagraphViewSet(ReadOnlyViewSet):
    """Paragraphs in document order, with provenance, actions and (operative ones) progress."""

    serializer_class = serializers.ParagraphSerializer
    filterset_class = ParagraphFilter

    def get_queryset(self):
        return (
            Paragraph.objects.filter(resolution__in=Resolution.objects.listed())
            .select_related("resolution", "text_source", "parent")
            .prefetch_related(Prefetch("actions", Action.objects.only("pk").order_by("pk")))
            .order_by("resolution__symbol", "order")
        )

    def decorate(self, objects):
        # Preambular paragraphs are not scored; a page of them needs no roll-up query.
        ids = [p.pk for p in objects if p.is_operative]
        rollups = paragraph_rollups(ids, self.as_of) if ids else {}
        for paragraph in objects:
            rollup = rollups.get(paragraph.pk)
            paragraph.progress = rollup_entry(rollup) if rollup is not None else None


@_as_of_schema
class ActionViewSet(ReadOnlyViewSet):
    """Mandated actions with their status, credit and flags on the as-of date."""

    serializer_class = serializers.ActionSerializer
    filterset_takes_as_of = True

    # Imported when used: resolutions.filters belongs to the action-list page. Its queryset and
    # FilterSet give the API the page's rows, filters (status, resolution, paragraph, mandate
    # type, actor, due dates, overdue, stale, q) and sort orders.
    @property
    def filterset_class(self):
        from resolutions.filters import ActionFilterSet

        return ActionFilterSet

    def get_queryset(self):
        from resolutions.filters import base_queryset

        if getattr(self, "swagger_fake_view", False):
            # The schema generator (also run by `check --deploy`) only needs the model: today's
            # queryset would first bring the roll-up's stored projection up to date, a query
            # against a database that may not exist yet.
            return Action.objects.none()
        return base_queryset(self.as_of).select_related("continues_source")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.ActionDetailSerializer
        return serializers.ActionSerializer


@_as_of_schema
class StatusUpdateViewSet(ReadOnlyViewSet):
    """Published status updates dated on or before the as-of date, newest first, with evidence."""

    serializer_class = serializers.StatusUpdateSerializer
    filterset_class = StatusUpdateFilter

    def get_queryset(self):
        return (
            StatusUpdate.objects.public()
            .on_or_before(self.as_of)
            .filter(action__resolution__in=Resolution.objects.listed())
            .select_related("action__resolution")
            .prefetch_related(
                Prefetch("evidence", Evidence.objects.select_related("source", "occurrence"))
            )
            .newest_first()
        )


class MemberStateViewSet(ReadOnlyViewSet):
    """Every State the tracker holds (ISO 3166-1 alpha-3), whichever bodies it belongs to."""

    serializer_class = serializers.MemberStateSerializer
    lookup_field = "iso3"

    def get_queryset(self):
        return MemberState.objects.order_by("name")

    def get_object(self):
        self.kwargs[self.lookup_field] = self.kwargs[self.lookup_field].upper()
        return super().get_object()
