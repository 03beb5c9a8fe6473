"""Filtering of the public action list (/actions/). Shared with the action exports.

Contract used by other modules (exports): `filtered_actions(request)` returns
`(filterset, queryset)` — the queryset is annotated with status as of the request's as_of and
already filtered and sorted; when the filterset is invalid the queryset is empty of filtering
errors' effects (see implementation) and `filterset.errors` explains what was wrong.

Implementation notes:

- A value that makes no sense (an unknown status, a malformed date, a non-numeric id) fails that
  field's validation. django-filter then filters with the valid fields only, so the list is *not*
  narrowed by the bad value; `filterset.problems` has one sentence per bad field, naming the field
  and the value given, for the page (or an export's error response) to show.
- `filterset.as_of` is the date the statuses are computed for (?as_of=, else today), read the way
  every public page reads it (resolutions.asof.read_as_of); `filterset.as_of_error` explains a
  malformed one.
- Nothing here touches templates or the response: the queryset is ready to render or export.
"""

from django import forms
from django.db.models import Exists, F, OuterRef
from django.forms.models import ModelChoiceIterator
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import (
    CharFilter,
    ChoiceFilter,
    DateFilter,
    FilterSet,
    ModelChoiceFilter,
)
from django_filters.fields import ModelChoiceField
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from .asof import read_as_of
from .models import Action, Actor, MandateType, Paragraph, Resolution
from .status import ORDER
from .translations import actor_label, collation_key, translated, translations_prefetch
from .widgets import FastSelect

YES_NO = [("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))]

# ?sort= values. Each maps to the queryset ordering it stands for; ties always fall back to the
# document order, so that equal rows keep a stable, meaningful order across pages.
SORTS = {
    "paragraph": ("resolution__symbol", "first_paragraph_order"),
    "title": ("title",),
    "status": ("status_rank",),
    "progress": ("credit",),
    "due": ("due_date",),
    "updated": ("latest_as_of",),
}
SORT_LABELS = {
    "paragraph": gettext_lazy("Paragraph (document order)"),
    "title": gettext_lazy("Action title"),
    "status": gettext_lazy("Status"),
    "progress": gettext_lazy("Progress credit"),
    "due": gettext_lazy("Due date"),
    "updated": gettext_lazy("Last status update"),
}


def _reversed(label):
    return _("%(label)s, reversed") % {"label": label}


# Lazy, so the option reads in the language of the request, not the one active at import.
_reversed_lazy = lazy(_reversed, str)

SORT_CHOICES = [
    choice
    for key, label in SORT_LABELS.items()
    for choice in ((key, label), (f"-{key}", _reversed_lazy(label)))
]


class ParagraphChoiceField(ModelChoiceField):
    def label_from_instance(self, obj):
        text = f"{obj.resolution.symbol}, " + _("para. %(number)s") % {"number": obj.number}
        summary = translated(obj, "summary").text
        return f"{text} — {summary}" if summary else text


class ParagraphFilter(ModelChoiceFilter):
    field_class = ParagraphChoiceField


class ResolutionChoiceField(ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.symbol} — {translated(obj, 'title').text}"


class ResolutionFilter(ModelChoiceFilter):
    field_class = ResolutionChoiceField


class ActorChoiceField(ModelChoiceField):
    """A Member State by its name in the reader's language (CLDR), in that language's order."""

    def label_from_instance(self, obj):
        return actor_label(obj)

    class iterator(ModelChoiceIterator):
        def __iter__(self):
            choices = list(super().__iter__())
            empty = [c for c in choices if c[0] == ""]
            rest = sorted((c for c in choices if c[0] != ""), key=lambda c: collation_key(c[1]))
            yield from empty + rest


class ActorFilter(ModelChoiceFilter):
    field_class = ActorChoiceField


def mandate_type_choices():
    """The mandate types of the vocabulary (a table: an administrator can add one)."""
    return [(m.code, m.label) for m in MandateType.objects.all()]


def _invalid(message):
    return {"invalid_choice": message, "invalid": message}


class ActionFilterSet(FilterSet):
    q = CharFilter(
        label=gettext_lazy("Search titles, descriptions and status notes"),
        method="filter_search",
        max_length=200,
    )
    status = ChoiceFilter(
        widget=FastSelect,
        label=gettext_lazy("Current status"),
        field_name="current_status",
        choices=[(s.value, s.label) for s in ORDER],
        empty_label=gettext_lazy("Any status"),
        error_messages=_invalid(gettext_lazy("This is not a status the tracker uses.")),
    )
    mandate_type = ChoiceFilter(
        widget=FastSelect,
        label=gettext_lazy("Mandate type"),
        choices=mandate_type_choices,
        empty_label=gettext_lazy("Any mandate type"),
        error_messages=_invalid(gettext_lazy("This is not a mandate type the tracker uses.")),
    )
    actor = ActorFilter(
        widget=FastSelect,
        label=gettext_lazy("Responsible"),
        field_name="responsible_actors",
        queryset=Actor.objects.select_related("member_state").order_by("name"),
        empty_label=gettext_lazy("Anyone"),
        error_messages=_invalid(gettext_lazy("No responsible actor has this id.")),
    )
    resolution = ResolutionFilter(
        widget=FastSelect,
        label=gettext_lazy("Resolution"),
        queryset=Resolution.objects.listed().order_by("symbol"),
        to_field_name="slug",
        empty_label=gettext_lazy("Any resolution"),
        error_messages=_invalid(gettext_lazy("No resolution shown here has this identifier.")),
    )
    paragraph = ParagraphFilter(
        widget=FastSelect,
        label=gettext_lazy("Paragraph"),
        queryset=Paragraph.objects.operative()
        .filter(resolution__in=Resolution.objects.listed())
        .select_related("resolution")
        .order_by("resolution__symbol", "order"),
        method="filter_paragraph",
        empty_label=gettext_lazy("Any paragraph"),
        null_label=gettext_lazy("No known paragraph"),
        error_messages=_invalid(gettext_lazy("No operative paragraph has this id.")),
    )
    due_after = DateFilter(
        label=gettext_lazy("Due on or after"),
        field_name="due_date",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages=_invalid(gettext_lazy("Write the date as YYYY-MM-DD.")),
    )
    due_before = DateFilter(
        label=gettext_lazy("Due on or before"),
        field_name="due_date",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages=_invalid(gettext_lazy("Write the date as YYYY-MM-DD.")),
    )
    overdue = ChoiceFilter(
        widget=FastSelect,
        label=gettext_lazy("Overdue"),
        choices=YES_NO,
        method="filter_flag",
        empty_label=gettext_lazy("Either"),
        error_messages=_invalid(gettext_lazy("Use “yes” or “no”.")),
    )
    stale = ChoiceFilter(
        widget=FastSelect,
        label=gettext_lazy("No update for over 12 months"),
        choices=YES_NO,
        method="filter_flag",
        empty_label=gettext_lazy("Either"),
        error_messages=_invalid(gettext_lazy("Use “yes” or “no”.")),
    )
    sort = ChoiceFilter(
        widget=FastSelect,
        label=gettext_lazy("Sort by"),
        choices=SORT_CHOICES,
        method="sort_by",
        # No blank option: "Paragraph (document order)" is the first choice and the default
        # (a blank one with the same words made it appear twice).
        empty_label=None,
        error_messages=_invalid(gettext_lazy("This is not a column the list can be sorted by.")),
    )

    class Meta:
        model = Action
        fields = []  # every filter is declared above

    def __init__(self, *args, as_of=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.as_of = as_of
        self.as_of_error = None
        self._limit_paragraph_choices()

    def _limit_paragraph_choices(self):
        """Offer the paragraphs of one resolution: the chosen one, the given paragraph's, or the
        only one listed. With many resolutions listed and none chosen, the menu would hold every
        operative paragraph of every resolution (11,000 at UN scale): too long to use, and
        seconds to render. A paragraph id in the URL is still accepted on its own."""
        data = self.data or {}
        paragraphs = self.filters["paragraph"].queryset
        if data.get("resolution"):
            paragraphs = paragraphs.filter(resolution__slug=data["resolution"])
        elif str(data.get("paragraph", "")).isdigit():
            paragraphs = paragraphs.filter(resolution__paragraphs__pk=data["paragraph"])
        else:
            # The only listed resolution's paragraphs, decided in the menu's own query (none when
            # another resolution is listed): no separate count of the listed resolutions, so the
            # page makes as many queries with one resolution as with 500 (#11).
            others = Resolution.objects.listed().exclude(pk=OuterRef("resolution_id"))
            paragraphs = paragraphs.filter(~Exists(others))
            self.filters["paragraph"].extra["help_text"] = gettext_lazy(
                "Lists the paragraphs of the chosen resolution, or of the only resolution shown."
            )
        # Their names in the page's language: one query each in French and Arabic, none in English.
        prefetch = translations_prefetch()
        if prefetch is not None:
            paragraphs = paragraphs.prefetch_related(prefetch)
            resolutions = self.filters["resolution"].queryset
            self.filters["resolution"].queryset = resolutions.prefetch_related(
                translations_prefetch()
            )
            # Organisations' names ("OIC General Secretariat") in the page's language.
            actors = self.filters["actor"].queryset
            self.filters["actor"].queryset = actors.prefetch_related(translations_prefetch())
        self.filters["paragraph"].queryset = paragraphs

    def filter_search(self, queryset, name, value):
        return queryset.search(value.strip(), self.as_of) if value.strip() else queryset

    # The value is a paragraph id or the "no known paragraph" marker; saying so lets the API
    # schema (drf-spectacular) type it without a warning, which `check --deploy` would report.
    @extend_schema_field(OpenApiTypes.STR)
    def filter_paragraph(self, queryset, name, value):
        if value == self.filters["paragraph"].null_value:
            return queryset.without_paragraph()
        return queryset.filter(paragraphs=value)

    def filter_flag(self, queryset, name, value):
        field = {"overdue": "is_overdue", "stale": "is_stale"}[name]
        return queryset.filter(**{field: value == "yes"})

    def sort_by(self, queryset, name, value):
        descending = value.startswith("-")
        fields = SORTS[value.lstrip("-")]
        # Missing values (no due date, never updated) sort last in both directions, on every
        # database: SQLite and PostgreSQL disagree on where NULLs go otherwise.
        ordering = [_order(f, descending) for f in fields]
        return queryset.order_by(*ordering, "resolution__symbol", "first_paragraph_order", "pk")

    @property
    def problems(self) -> list[str]:
        """One sentence per field with a value that could not be used, naming field and value."""
        messages = []
        if self.as_of_error:
            messages.append(self.as_of_error)
        for name, errors in self.errors.items():
            label = self.form.fields[name].label if name in self.form.fields else name
            raw = self.data.get(name, "")
            messages.append(
                _(
                    "“%(field)s”: “%(value)s” cannot be used. %(reason)s "
                    "This filter was not applied."
                )
                % {"field": label, "value": raw, "reason": " ".join(errors)}
            )
        return messages

    @property
    def active(self) -> list[tuple[str, str, str]]:
        """(parameter, label, value as shown) for each filter in use: the page's summary line."""
        if not self.is_bound or not self.form.is_valid() and not self.form.cleaned_data:
            return []
        shown = []
        for name, value in self.form.cleaned_data.items():
            if value in (None, "") or name == "sort":
                continue
            field = self.form.fields[name]
            if isinstance(field, forms.ModelChoiceField):
                if value == self.filters[name].null_value:
                    text = str(field.null_label)
                else:
                    text = field.label_from_instance(value)
            elif isinstance(field, forms.ChoiceField):
                text = str(dict(field.choices).get(value, value))
            elif hasattr(value, "isoformat"):
                text = value.isoformat()
            else:
                text = value
            shown.append((name, str(field.label), text))
        return shown


def _order(field, descending):
    expression = F(field)
    return expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True)


def base_queryset(as_of):
    """Every listed action with its status on `as_of`, in document order, ready for a table."""
    return (
        Action.objects.listed()
        .with_status(as_of)
        .with_status_rank()
        .in_document_order()
        .for_listing()
    )


def filtered_actions(request):
    """(filterset, queryset) for the query string of `request`; see the module docstring."""
    as_of, _is_past, as_of_error = read_as_of(request)
    filterset = ActionFilterSet(request.GET, queryset=base_queryset(as_of), as_of=as_of)
    filterset.as_of_error = as_of_error
    return filterset, filterset.qs
