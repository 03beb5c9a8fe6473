"""The report's text in the active language.

Labels come from gettext and the TextChoices; translatable content (titles, paragraph texts,
occurrence themes) from the content translations, through the public pages' own
``resolutions.translations.translated`` -- a field without a translation is the English original
marked "(not available in Arabic)", never silently.
"""

from django.utils.html import conditional_escape
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _

from resolutions.models import TextTranslation
from resolutions.models.provenance import Provenance
from resolutions.models.sources import SourceDocument
from resolutions.models.status_updates import Verification
from resolutions.templatetags.content_i18n import tr
from resolutions.translations import ORIGINAL_LANGUAGE, translated

NO_PARAGRAPH = gettext_lazy("Mandates with no known paragraph")
NOT_STATED = gettext_lazy("Not stated by the sources")

# Labels the models keep in English (their choices are not marked for translation); the
# reports are read in French and Arabic, so they are translated here.
VERIFICATION_LABELS = {
    Verification.REPORTED: gettext_lazy("Reported"),
    Verification.VERIFIED: gettext_lazy("Verified"),
}
SOURCE_KIND_LABELS = {
    SourceDocument.Kind.UN_DOCUMENT: gettext_lazy("UN document"),
    SourceDocument.Kind.OIC_DOCUMENT: gettext_lazy("OIC document"),
    SourceDocument.Kind.PRESS_RELEASE: gettext_lazy("Government press release"),
    SourceDocument.Kind.NEWS_REPORT: gettext_lazy("News report"),
    SourceDocument.Kind.CONCEPT_NOTE: gettext_lazy("Concept note or programme"),
    SourceDocument.Kind.WEB_PAGE: gettext_lazy("Web page"),
    SourceDocument.Kind.OTHER: gettext_lazy("Other"),
}


class Shown(str):
    """A translatable field as the report shows it, in the active language.

    As text (CSV and XLSX cells) it is the translation, or the English original followed by the
    "(not available in Arabic)" marker. In a template it renders like the public pages'
    ``{% tr obj "field" %}``: the original isolated as English, the marker in its own span.
    A str, so that every renderer, the csv module and openpyxl take it as it is.
    """

    def __new__(cls, obj, field):
        shown = translated(obj, field)
        marker = str(shown.marker)
        self = super().__new__(cls, f"{shown.text} {marker}" if marker else shown.text)
        self.text, self.marker, self.translation = shown.text, marker, shown.translation
        self.language = shown.language
        self._html = tr(obj, field)
        return self

    def __html__(self):
        return conditional_escape(self._html)


def generated_text(moment) -> str:
    """When a file was made, in the reader's language: "7 déc. 2026 19:18 UTC" (#13, item 3)."""
    from django.utils import timezone

    from resolutions.dates import format_day

    moment = timezone.localtime(moment)
    return f"{format_day(moment.date(), 'medium')} {moment.strftime('%H:%M %Z')}"


def language_name(code: str) -> str:
    """ "Arabic", "arabe", "العربيّة": a language's name in the active language (Django's own
    catalogue, so no new message)."""
    return get_language_info(code)["name_translated"]


def translation_provenance(t: TextTranslation) -> str:
    """How far a translation can be trusted, worded as the public pages word it."""
    return str(
        _("Verbatim") if t.provenance == Provenance.VERBATIM else _("Unofficial translation")
    )


def translation_entry(t: TextTranslation | None) -> dict | None:
    if t is None:
        return None
    return {
        "language": t.language,
        "language_label": language_name(t.language),
        "provenance": translation_provenance(t),
        "source": t.source.citation if t.source_id else "",
        "source_key": t.source.key if t.source_id else "",
        "locator": t.locator,
        "note": t.note,
    }


def original_entry(
    obj, field: str, source=None, locator: str = "", original_provenance: str = ""
) -> dict:
    """`field` of `obj` as stored (in English), with the source it is quoted from when one is
    recorded (the title's `title_source`). Stored in English does not make English the
    original: the English title of 53/45-POL comes from a Turkish press release, and which
    text is the original is not known; without a source the report says only that."""
    return {
        "language": ORIGINAL_LANGUAGE,
        "language_label": language_name(ORIGINAL_LANGUAGE),
        "text": getattr(obj, field),
        "provenance": original_provenance
        or (
            str(_("Verbatim"))
            if source is not None
            else str(_("as recorded in the tracker; which language is original is not known"))
        ),
        "source": source.citation if source is not None else "",
        "source_key": source.key if source is not None else "",
        "locator": locator if source is not None else "",
        "note": "",
    }


def other_versions(
    obj,
    field: str,
    shown: Shown,
    rows: list,
    original_provenance: str = "",
    source=None,
    locator: str = "",
):
    """`field` of `obj` in every language the tracker holds it in, except the one shown: the
    English original when a translation is shown (with its source, see original_entry), and
    the translations in other languages."""
    versions = []
    if shown.translation is not None and getattr(obj, field, ""):
        versions.append(original_entry(obj, field, source, locator, original_provenance))
    for t in rows:
        if t.field == field and t.language != shown.language:
            versions.append({**translation_entry(t), "text": t.text})
    return versions
