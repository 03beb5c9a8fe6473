"""Query-string filters of the API. Invalid values are a 400 listing what was wrong
(django-filter's DRF backend raises a ValidationError for an invalid filter form).

Actions are filtered by the action-list page's own FilterSet (resolutions.filters), so that
/api/actions/?… and /actions/?… accept the same query string and select the same rows.
"""

import django_filters
from django import forms
from django_filters.rest_framework import DjangoFilterBackend

from resolutions.models import Paragraph, StatusUpdate
from resolutions.models.resolution import ParagraphKind
from resolutions.status import Status


class FilterBackend(DjangoFilterBackend):
    """django-filter's DRF backend, handing the view's as-of date to filtersets that take one
    (the action list's search reads status notes published on or before that date)."""

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        if getattr(view, "filterset_takes_as_of", False):
            kwargs["as_of"] = view.as_of
        return kwargs


class IdFilter(django_filters.NumberFilter):
    """A row id: a whole number the database can hold (a 30-digit id is a 400, not an
    OverflowError from the SQLite driver)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


class ParagraphFilter(django_filters.FilterSet):
    resolution = django_filters.CharFilter(field_name="resolution__slug")
    kind = django_filters.ChoiceFilter(choices=ParagraphKind.choices)

    class Meta:
        model = Paragraph
        fields = []


class StatusUpdateFilter(django_filters.FilterSet):
    action = IdFilter(field_name="action_id")
    resolution = django_filters.CharFilter(field_name="action__resolution__slug")
    status = django_filters.MultipleChoiceFilter(choices=Status.choices)
    after = django_filters.DateFilter(
        field_name="as_of",
        lookup_expr="gt",
        help_text="Only updates dated after this day (with as_of: what changed in between).",
    )

    class Meta:
        model = StatusUpdate
        fields = []
