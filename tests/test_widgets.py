"""FastSelect (resolutions/widgets.py) writes the filter form's <select>s in Python: the HTML must
be the one Django's select.html / select_option.html / attrs.html templates give, byte for byte,
in every language and with selected, blank, "no known paragraph" and invalid values."""

import pytest
from django import forms
from django.utils import translation

from resolutions.filters import ActionFilterSet
from resolutions.models import Action, Actor, Paragraph, Resolution
from resolutions.widgets import FastSelect


def _template_html(bound_field) -> str:
    widget = bound_field.field.widget
    widget.__class__ = forms.Select
    try:
        return str(bound_field)
    finally:
        widget.__class__ = FastSelect


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_fast_select_writes_the_templates_html(seeded, language):
    paragraph = Paragraph.objects.operative().first()
    actor = Actor.objects.first()
    resolution = Resolution.objects.first()
    states = [
        None,
        {"status": "completed", "overdue": "yes", "stale": "no", "sort": "-updated"},
        {"paragraph": str(paragraph.pk), "actor": str(actor.pk), "resolution": resolution.slug},
        {"paragraph": "none", "status": 'bogus<&>"', "mandate_type": "x'y"},
    ]
    compared = set()
    with translation.override(language):
        for data in states:
            form = ActionFilterSet(data, queryset=Action.objects.all()).form
            for bound_field in form:
                if isinstance(bound_field.field.widget, FastSelect):
                    assert str(bound_field) == _template_html(bound_field), bound_field.name
                    compared.add(bound_field.name)
    assert compared == {
        "status",
        "mandate_type",
        "actor",
        "resolution",
        "paragraph",
        "overdue",
        "stale",
        "sort",
    }


def test_fast_select_falls_back_to_the_templates_for_option_groups():
    widget = FastSelect(choices=[("Group <1>", [("a", "A & B")]), ("b", "B")])
    assert widget.render("x", "a") == forms.Select(choices=widget.choices).render("x", "a")
    numbers = FastSelect(choices=[(1, 1000), (2, 2.5)])
    assert numbers.render("n", 1) == forms.Select(choices=numbers.choices).render("n", 1)
