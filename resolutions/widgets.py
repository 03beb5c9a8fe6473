"""Form widgets of the public pages, rendered without a template per option.

Django renders a <select> through select.html, which includes select_option.html and attrs.html
once per option: the filter form of /actions/ lists every listed resolution, paragraph and
responsible actor, so most of that page's rendering went into the options. `FastSelect` writes
the same HTML in Python (tests/test_widgets.py compares it with Django's templates) and falls
back to them for anything it does not reproduce (option groups, non-text labels, other templates).
"""

from django import forms
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe


def _formatted(value) -> str:
    """{{ value|stringformat:'s' }}: "%s" formatting, escaped unless the value was safe."""
    if isinstance(value, tuple):
        value = str(value)
    text = str(value)  # "%s" % value, the tuple case handled above
    return text if isinstance(value, SafeData) else conditional_escape(text)


def _attrs(attrs) -> str:
    """django/forms/widgets/attrs.html."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(f" {conditional_escape(name)}")
        if value is not True:
            out.append(f'="{_formatted(value)}"')
    return "".join(out)


class FastSelect(forms.Select):
    """forms.Select with the HTML of select.html and select_option.html, written in Python."""

    def render(self, name, value, attrs=None, renderer=None):
        if (
            self.template_name != forms.Select.template_name
            or self.option_template_name != forms.Select.option_template_name
        ):
            return super().render(name, value, attrs, renderer)
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                return super().render(name, value, attrs, renderer)
            for option in options:
                label = option["label"]
                if not isinstance(label, str | Promise):
                    return super().render(name, value, attrs, renderer)  # localized numbers
                parts.append(
                    f'\n  <option value="{_formatted(option["value"])}"'
                    f"{_attrs(option['attrs'])}>{conditional_escape(str(label))}</option>\n"
                )
        parts.append("\n</select>")
        return mark_safe("".join(parts))
