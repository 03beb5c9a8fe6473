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


# A sentence ends with one of these, followed by a space (or the end of the text).
_SENTENCE_ENDS = (".", "!", "?", "؟", "…", "”", "»")


@register.filter
def sentences_upto(value, limit=260) -> str:
    """The text if it fits in `limit` characters; otherwise its whole sentences that fit,
    followed by "…". A quote is never cut inside a sentence: when even the first sentence is
    longer than the limit, the whole text is kept."""
    text = str(value or "")
    limit = int(limit)
    if len(text) <= limit:
        return text
    cut = -1
    for index in range(min(len(text) - 1, limit), 0, -1):
        if text[index] == " " and text[index - 1] in _SENTENCE_ENDS:
            cut = index
            break
    if cut <= 0:
        return text
    return text[:cut].rstrip() + " …"


@register.filter
def source_refs(evidence) -> list:
    """The source-list numbers an action's evidence cites, each once, in order: the annex's
    evidence column ("[2][3]", not "[3][3]" for two quotes from one source)."""
    seen: list = []
    for item in evidence or ():
        for number in item.get("refs") or ():
            if number not in seen:
                seen.append(number)
    return seen


@register.simple_tag
def status_colours() -> str:
    """The CSS of every status's badge and legend swatch (``.status--<code>``), in the web
    pages' colours (resolutions.charts), for every status the roll-up can name: the derived
    "not yet due" and "no occurrence recorded" too, so no legend square is left blank."""
    from django.utils.safestring import mark_safe

    from resolutions.charts import STATUS_COLOURS, STATUS_TEXT_COLOURS

    rules = [
        f".status--{status.value} {{ background: {colour}; color: {STATUS_TEXT_COLOURS[status]}; }}"
        for status, colour in STATUS_COLOURS.items()
    ]
    # Colours are the module's own constants (hex values), never user input.
    return mark_safe("\n  ".join(rules))  # noqa: S308


def _made_from(value):
    """The translation behind a report field as shown (exports.report.languages.Shown) when the
    project made it (an unofficial translation with its original); None otherwise."""
    from resolutions.models.translations import TranslationProvenance

    t = getattr(value, "translation", None)
    if t is None or t.provenance != TranslationProvenance.TRANSLATION or not t.original_text:
        return None
    return t


def _original_html(translations, inline):
    """The one way the PDFs print originals: "Original (anglais) :" and the texts, isolated in
    their language and direction; several texts of one language (a line's adopting body,
    session and place) follow one label, separated by commas."""
    from django.utils.html import format_html, format_html_join
    from django.utils.translation import gettext as _

    from exports.report.languages import language_name
    from resolutions import bidi
    from resolutions.languages import active_language

    language = translations[0].original_language or "en"
    name = language_name(language)
    if active_language() == "fr":
        name = name.lower()  # "Original (anglais) :"
    texts = [t.original_text for t in translations]
    tag = "span" if inline else "p"
    return format_html(
        '<{} class="tr-original"><span class="tr-original__label">{}</span> '
        '<bdi lang="{}" dir="{}">{}</bdi></{}>',
        tag,
        _("Original (%(language)s):") % {"language": name},
        language,
        bidi.direction(texts[0]),
        format_html_join(", ", "{}", ((text,) for text in texts)),
        tag,
    )


@register.filter
def original_of(value, inline=False):
    """Beside a translation the project made (an unofficial translation, #13 item 1), the text
    it was made from, labelled "Original (English):" and isolated in its own language and
    direction (lang, dir: WeasyPrint isolates a <bdi> with an explicit dir). `value` is a
    report field as shown (exports.report.languages.Shown); nothing for an original, a verbatim
    text or a missing translation. A paragraph (<p>), or a <span> with `inline`."""
    t = _made_from(value)
    return _original_html([t], inline) if t is not None else ""


@register.simple_tag
def originals_of(*values):
    """original_of for the parts of one line (the brief's "adopting body, session, place"):
    the originals of those shown as unofficial translations under one label, in one line (a
    part in another original language gets a line of its own)."""
    return _originals(values, inline=False)


@register.filter
def originals_inline(values):
    """originals_of for a list, inline (<span>s): the responsible organisations of an action
    in the report ("Secrétariat général de l'OCI" is a translation the project made)."""
    return _originals(values, inline=True)


def _originals(values, inline):
    from django.utils.html import format_html_join

    made = [t for t in map(_made_from, values) if t is not None]
    groups: dict = {}
    for t in made:
        groups.setdefault(t.original_language or "en", []).append(t)
    return format_html_join("", "{}", ((_original_html(ts, inline),) for ts in groups.values()))
