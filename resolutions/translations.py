"""Content in the reader's language: the TextTranslation rows of a record, with their provenance.

The originals are stored in English. For French and Arabic pages each view prefetches the
translations of the active language only (`translations_prefetch`: one query per model type per
page, none in English), and templates render a field with `{% tr obj "title" %}`
(resolutions/templatetags/content_i18n.py). A field with no translation falls back to the
English original, always marked as such: nothing is silently shown in another language.

`missing_languages(obj)` is what the admin shows: the languages in which a record still lacks a
translation of a non-empty translatable field.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models.translations import TRANSLATABLE_FIELDS, TextTranslation

ORIGINAL_LANGUAGE = "en"
TARGET_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != ORIGINAL_LANGUAGE]

# Said in the language of the page: "this text is not available in <the page's language>".
NOT_AVAILABLE = {
    "fr": _("(not available in French)"),
    "ar": _("(not available in Arabic)"),
}


def active_language():
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def translations_prefetch(lookup="translations", language=None):
    """A Prefetch of one language's translations for `lookup` (a GenericRelation, possibly
    reached through relations, e.g. "action__translations"); None in the original language."""
    language = language or active_language()
    if language == ORIGINAL_LANGUAGE:
        return None
    return Prefetch(
        lookup,
        queryset=TextTranslation.objects.filter(language=language).select_related("source"),
    )


def prefetch_translations(*groups, language=None):
    """Attach the active language's translations to every record in `groups` (lists of
    Resolutions, Paragraphs, Actions, Occurrences, mixed as needed) in ONE query per page,
    whatever the number of records and model types. Nothing is queried in English.

    Each record's `translations` then reads from the cache, as after prefetch_related()."""
    language = language or active_language()
    records = [r for group in groups for r in group if r is not None]
    if language == ORIGINAL_LANGUAGE or not records:
        return records
    by_model = {}
    for record in records:
        by_model.setdefault(record._meta.model_name, set()).add(record.pk)
    condition = Q()
    for model_name, ids in by_model.items():
        # Through the content type's natural key: no ContentType lookup, no extra query.
        condition |= Q(
            content_type__app_label="resolutions",
            content_type__model=model_name,
            object_id__in=sorted(ids),
        )
    rows = TextTranslation.objects.filter(condition, language=language).select_related(
        "source", "content_type"
    )
    found = {}
    for row in rows:
        found.setdefault((row.content_type.model, row.object_id), []).append(row)
    for record in records:
        # As prefetch_related() leaves it: a queryset whose results are already there.
        cached = TextTranslation.objects.all()
        cached._result_cache = found.get((record._meta.model_name, record.pk), [])
        cached._prefetch_done = True
        record.__dict__.setdefault("_prefetched_objects_cache", {})["translations"] = cached
    return records


@dataclass
class Rendered:
    """One field as shown to the reader."""

    text: str
    language: str  # the language the text is actually in
    translation: TextTranslation | None = None  # set when a translation is shown
    missing: bool = False  # the page's language has no translation: the original is shown

    @property
    def marker(self):
        return NOT_AVAILABLE.get(active_language(), "") if self.missing else ""


def _translations_of(obj, language):
    cache = getattr(obj, "_prefetched_objects_cache", {})
    if "translations" in cache:
        rows = cache["translations"]
    elif hasattr(obj, "translations"):
        # Not prefetched (a page that does not list this model): one query for this record.
        rows = obj.translations.filter(language=language).select_related("source")
    else:
        return []
    return [t for t in rows if t.language == language]


def translated(obj, field, language=None):
    """`obj.field` in `language` (default: the active one), falling back to the original."""
    language = language or active_language()
    original = getattr(obj, field, "") or ""
    if language == ORIGINAL_LANGUAGE or not original:
        return Rendered(text=original, language=ORIGINAL_LANGUAGE)
    for row in _translations_of(obj, language):
        if row.field == field:
            return Rendered(text=row.text, language=language, translation=row)
    return Rendered(text=original, language=ORIGINAL_LANGUAGE, missing=True)


def missing_languages(obj, translations=None):
    """The languages (codes) lacking a translation of at least one non-empty translatable field
    of `obj`. For the admin: "Missing translations: fr, ar"."""
    fields = [f for f in TRANSLATABLE_FIELDS.get(obj._meta.model_name, ()) if getattr(obj, f, "")]
    if not fields:
        return []
    if translations is None:
        cache = getattr(obj, "_prefetched_objects_cache", {})
        translations = cache.get("translations")
        if translations is None:
            translations = obj.translations.all()
    have = {(t.language, t.field) for t in translations}
    return [code for code in TARGET_LANGUAGES if any((code, f) not in have for f in fields)]
