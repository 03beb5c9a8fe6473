"""Content fields in the page's language, and the language switcher.

{% load content_i18n %}
{% tr action "title" %}                 the title in the page's language, or the English
                                         original marked "(not available in Arabic)"
{% tr action "title" plain=True %}      the text alone (for <title>, attributes): no markup
{% tr_provenance resolution "title" %}  where the translation shown comes from
{% language_links %}                     the same page in each language (keeps ?as_of=)
"""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from .. import bidi
from ..models.provenance import Provenance
from ..models.translations import TranslationProvenance
from ..translations import (
    active_language,
    actor_label,
    comma_locator_html,
    country_name,
    format_day,
    locator_html,
    missing_languages,
    translated,
)
from ..translations import (
    comma as reader_comma,
)

register = template.Library()


@register.simple_tag
def tr(obj, field, plain=False):
    shown = translated(obj, field)
    if plain or not shown.text:
        return shown.text
    if shown.missing:
        # The English original inside a right-to-left page: isolate it and say what it is.
        return format_html(
            '<span lang="en" dir="ltr">{}</span> <span class="untranslated">{}</span>',
            bidi.mark_runs(shown.text),
            shown.marker,
        )
    # Symbols and other-direction runs keep their own order (resolutions/bidi.py).
    text = bidi.mark_runs(shown.text)
    t = shown.translation
    if t is not None and t.provenance == TranslationProvenance.TRANSLATION:
        # Made by the project: said so, the original in a title for a pointer's hover. Where
        # the title is a page's heading, {% tr_original %} after it shows the original without
        # hovering (keyboard, touch, screen reader); a link leads to that page.
        return format_html(
            '{} <span class="tr-label" title="{}">{}</span>',
            text,
            t.original_text,
            _("(unofficial translation)"),
        )
    return text


@register.simple_tag
def tr_original(obj, field):
    """After a block shown with {% tr %} (a summary, a description, a status note): when the
    page shows the project's unofficial translation, the text it was made from, one tap away
    and visible without hovering (#13 item 1): <details class="tr-original"> with the original
    tagged with its language and direction. Nothing otherwise."""
    shown = translated(obj, field)
    t = shown.translation
    if t is None or t.provenance != TranslationProvenance.TRANSLATION or not t.original_text:
        return ""
    language = t.original_language or "en"
    from django.utils.translation import get_language_info

    return format_html(
        '<details class="tr-original"><summary>{}</summary><p lang="{}" dir="{}">{}</p></details>',
        _("Original (%(language)s)") % {"language": get_language_info(language)["name_translated"]},
        language,
        bidi.direction(t.original_text),
        t.original_text,
    )


@register.simple_tag
def tr_quote(obj, field="quote", inline=False):
    """A verbatim quote: always the words of its source, in the source's language (isolated,
    tagged lang="en"); on a French or Arabic page the project's unofficial translation follows
    it, labelled so. The original is never replaced. `inline=True`: inside a sentence."""
    original = getattr(obj, field, "") or ""
    if not original:
        return ""
    language = active_language()
    if language == "en":
        if inline:
            return format_html("“<bdi>{}</bdi>”", bidi.mark_runs(original))
        return format_html("<blockquote><bdi>“{}”</bdi></blockquote>", bidi.mark_runs(original))
    shown = translated(obj, field)
    if inline:
        quote = format_html('<bdi lang="en" dir="ltr">“{}”</bdi>', bidi.mark_runs(original))
    else:
        quote = format_html(
            '<blockquote lang="en" dir="ltr"><bdi>“{}”</bdi></blockquote>',
            bidi.mark_runs(original),
        )
    if shown.translation is None:
        return format_html('{} <span class="untranslated">{}</span>', quote, shown.marker)
    return format_html(
        '{}<{} class="quote-tr">«{}» <span class="tr-label">{}</span></{}>',
        quote,
        "span" if inline else "p",
        bidi.mark_runs(shown.text),
        _("(unofficial translation)"),
        "span" if inline else "p",
    )


@register.filter
def trf(obj, field):
    """Filter form of {% tr obj "field" plain=True %}, for use inside other tags."""
    return translated(obj, field).text


@register.inclusion_tag("includes/translation_provenance.html")
def tr_provenance(obj, field):
    shown = translated(obj, field)
    t = shown.translation
    return {
        "t": t,
        "verbatim": t is not None and t.provenance == Provenance.VERBATIM,
    }


@register.filter
def ldate(value, style="long"):
    """A date in the page's language through CLDR (translations.format_day):
    {{ day|ldate }} 29 novembre 2018 · {{ day|ldate:"medium" }} 29 nov. 2018 ·
    {{ day|ldate:"month" }} novembre 2018. Every page, PDF and feed writes dates with it."""
    return format_day(value, style)


@register.filter
def country(member_state):
    """A Member State's name in the page's language, from CLDR (translations.country_name)."""
    if member_state is None:
        return ""
    return country_name(member_state.iso3, member_state.name)


@register.filter
def source_lang(source):
    """The language attributes of a source's citation (title, symbol, locator): lang="ar"
    dir="rtl" for a title in Arabic script, else lang="en" dir="ltr" (the sources' titles are
    recorded in their own language, English for all others)."""
    title = getattr(source, "title", "") or ""
    if any("\u0600" <= c <= "\u06ff" for c in title):
        return mark_safe('lang="ar" dir="rtl"')
    return mark_safe('lang="en" dir="ltr"')


@register.filter
def body_label(body):
    """A body's short name (or name) in the page's language: "OIC", "OCI"…"""
    if body is None:
        return ""
    field = "short_name" if body.short_name else "name"
    return translated(body, field).text


@register.filter
def actor_name(actor):
    """A responsible actor's name in the page's language (translations.actor_label)."""
    return actor_label(actor)


@register.simple_tag
def missing_translations(obj):
    return ", ".join(missing_languages(obj))


@register.simple_tag
def text_dir():
    return "rtl" if get_language_bidi() else "ltr"


@register.inclusion_tag("includes/language_links.html", takes_context=True)
def language_links(context):
    """A plain link per language to the same page (query string kept); works without JS."""
    request = context.get("request")
    current = active_language()
    links = []
    for code, name in settings.LANGUAGES:
        url = f"/{code}/"
        if request is not None:
            url = translate_url(request.path, code)
            if url == request.path and code != current:
                # Not resolvable (e.g. an error page): fall back to the home page.
                url = f"/{code}/"
            query = request.META.get("QUERY_STRING", "")
            if query:
                url = f"{url}?{query}"
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return {"links": links, "label": _("Language")}


@register.simple_tag
def has_translation(obj, field):
    """True when the page's language has its own text for this field (not the original)."""
    return translated(obj, field).translation is not None


# --- Right-to-left charts -----------------------------------------------------------------------
# The chart templates (templates/includes/charts/*.svg) draw left to right; on a right-to-left
# page they start from the right instead. Shapes are mirrored; text is placed at the mirrored
# position but never mirrored itself.


@register.filter
def seg_x(segment, rtl):
    """Where a stacked-bar segment starts, in % of the bar, measured from the left."""
    if rtl:
        return round(100 - segment.start - segment.share, 3)
    return segment.start


@register.filter
def seg_mid(segment, rtl):
    return round(100 - segment.middle, 3) if rtl else segment.middle


@register.filter
def mirror(x, width):
    """x measured from the other side of a drawing `width` wide."""
    return round(float(width) - float(x), 2)


@register.filter
def ltr(value):
    """A symbol, job number or URL that reads left to right in any page: <span dir="ltr">.
    For translated sentences too: {% blocktranslate with symbol=r.symbol|ltr %}. Never in a
    plain-text context (<title>, attributes): there the plain value is used."""
    return bidi.ltr(value)


@register.filter
def bidi_isolate(value):
    """Text in its own direction, isolated: <bdi dir="ltr|rtl"> (the direction written out, as
    WeasyPrint does not implement dir="auto")."""
    return bidi.isolated(value)


@register.filter
def marked(value):
    """Text with its symbols and other-direction runs marked up (bidi.mark_runs)."""
    return bidi.mark_runs(value)


@register.simple_tag
def original(value):
    """Language-neutral or not-yet-translatable English data (adopting body, session, place) on a
    French or Arabic page: marked as English and isolated so it keeps its own direction."""
    if not value:
        return ""
    if active_language() == "en":
        return value
    return format_html('<bdi lang="en" dir="ltr">{}</bdi>', bidi.mark_runs(value))


@register.filter
def locator(value):
    """Where in its source a text is, in the page's language (translations.locator_html): the
    description translated, a quoted sentence of the source kept in its words, isolated."""
    return locator_html(value)


@register.filter
def comma_locator(value):
    """ ", <locator>" after a source, the comma in the page's language: "، " in Arabic
    (translations.comma_locator_html); nothing without a locator."""
    return comma_locator_html(value)


@register.simple_tag
def comma():
    """The page's comma between a citation's parts: "،" in Arabic, "," otherwise."""
    return reader_comma()
