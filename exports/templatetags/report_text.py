"""Text direction for the PDF report.

WeasyPrint does not implement dir="auto", so a note or a source title (English, or Arabic where
the source is Arabic) inside a right-to-left report would take the report's direction and its
punctuation would jump to the wrong end. ``text_dir`` decides the direction the way dir="auto"
does, from the first strong character, and the template writes it out.

    {% load report_text %}<bdi dir="{{ note|text_dir }}">{{ note }}</bdi>
"""

import unicodedata

from django import template

register = template.Library()


@register.filter
def text_dir(value) -> str:
    for char in str(value or ""):
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"
