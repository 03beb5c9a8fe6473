"""Widgets and formsets that keep admin pages at a fixed number of queries: autocomplete
selects that never load a whole table, and inline rows whose labels are read in one query.
"""

import functools

from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet
from django.utils.functional import cached_property
from django.utils.text import capfirst


def _storable(model_field, values):
    """The values a foreign key could hold. A form sent back with errors may carry anything
    (":", "9" * 40), and the selects look up their selected options' labels with it: querying
    an id column with text or an out-of-range number is a server error, not an empty result."""
    target = model_field.target_field
    kept = []
    for value in values:
        try:
            target.run_validators(target.to_python(value))
        except ValidationError:
            continue
        kept.append(value)
    return kept


class SafeAutocompleteSelect(AutocompleteSelect):
    """Django's AutocompleteSelect, minus the server error on a junk selected value."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, _storable(self.field, value), attr)


class RowLabelsAutocompleteSelect(SafeAutocompleteSelect):
    """An autocomplete select that takes its selected option's label from `row_labels`.

    Django's AutocompleteSelect queries for the selected object's label each time it renders,
    which in an inline is once per row (raw_id_fields does the same). RowLabelsFormSet gives
    every row's widget one shared lookup instead.
    """

    row_labels = None  # a callable returning {value: label}, set by RowLabelsFormSet

    def optgroups(self, name, value, attr=None):
        selected = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        labels = self.row_labels() if self.row_labels and selected else {}
        if any(v not in labels for v in selected):
            # A value the lookup has not seen, e.g. one just typed into a form with errors.
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        for v in selected:
            options.append(self.create_option(name, v, labels[v], True, len(options)))
        return [(None, options, 0)]


class RowLabelsMixin:
    """Looks up the labels of every row's autocomplete selects in one query per column."""

    @cached_property
    def forms(self):
        forms = super().forms
        for name, field in self.form.base_fields.items():
            if not isinstance(getattr(field.widget, "widget", None), RowLabelsAutocompleteSelect):
                continue
            values = {str(form[name].value()) for form in forms} - {"", "None"}
            values = set(_storable(self.model._meta.get_field(name), values))
            # Lazy: a formset that is only validated, or shown read-only, never runs it.
            row_labels = functools.cache(functools.partial(_labels, field, values))
            for form in forms:
                form.fields[name].widget.widget.row_labels = row_labels
        return forms

    def add_fields(self, form, index):
        super().add_fields(form, index)
        # A tabular inline names its columns only in the table head: without this, a screen
        # reader announces each cell's input with no name at all. index is None for the blank
        # template row that "Add another" copies.
        noun = self.model._meta.verbose_name
        row = f"new {noun}" if index is None else f"{noun} {index + 1}"
        for name, field in form.fields.items():
            if field.widget.is_hidden:
                continue
            # Attributes on a related-field wrapper never reach the widget it renders.
            widget = getattr(field.widget, "widget", field.widget)
            label = f"{capfirst(field.label or name)}, {row}"
            widget.attrs.setdefault("aria-label", label)
            if isinstance(widget, AutocompleteSelect):
                # Select2 hides the <select> and names its own box by the selected option only
                # (nothing while empty); it copies the select's title onto that box.
                widget.attrs.setdefault("title", label)


class RowLabelsFormSet(RowLabelsMixin, BaseInlineFormSet):
    pass


def _labels(field, values):
    key = field.to_field_name or "pk"
    objects = field.queryset.filter(**{f"{key}__in": values})
    return {str(getattr(obj, key)): field.label_from_instance(obj) for obj in objects}
