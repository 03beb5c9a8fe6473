"""Content in the reader's language: the TextTranslation rows of a record, with their provenance.

The originals are stored in English. For French and Arabic pages each view prefetches the
translations of the active language only (`translations_prefetch`: one query per model type per
page, none in English), and templates render a field with `{% tr obj "title" %}`
(resolutions/templatetags/content_i18n.py). A field with no translation falls back to the
English original, always marked as such: nothing is silently shown in another language.

`missing_languages(obj)` is what the admin shows: the languages in which a record still lacks a
translation of a non-empty translatable field.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from .dates import format_day  # noqa: F401  (re-exported for templates and exports)
from .languages import ORIGINAL_LANGUAGE, active_language
from .models.search import fold_search
from .models.translations import TRANSLATABLE_FIELDS, TextTranslation

TARGET_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != ORIGINAL_LANGUAGE]

# Said in the language of the page: "this text is not available in <the page's language>".
NOT_AVAILABLE = {
    "fr": _("(not available in French)"),
    "ar": _("(not available in Arabic)"),
}


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


def related_records(updates=(), actions=()):
    """The records hanging from status updates (their evidence) and actions (their responsible
    actors) that are already loaded (prefetched), for prefetch_translations: translating them
    then costs no query of its own."""
    records = []
    for update in updates:
        records.append(update)
        if "evidence" in getattr(update, "_prefetched_objects_cache", {}):
            records.extend(update.evidence.all())
    for action in actions:
        if "responsible_actors" in getattr(action, "_prefetched_objects_cache", {}):
            records.extend(action.responsible_actors.all())
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


# --- Names from CLDR (Babel) and the reader's alphabetical order ---------------------------------

# CLDR names the territory PS "Palestinian Territories"; the OIC Member State is the State of
# Palestine, which the OIC's own lists call "Palestine" / "فلسطين". Only this name differs.
COUNTRY_NAME_OVERRIDES = {"PSE": {"en": "Palestine", "fr": "Palestine", "ar": "فلسطين"}}


def country_name(iso3: str, fallback: str = "", language: str | None = None) -> str:
    """A country's name in `language` (default: the page's) from CLDR through Babel; English
    keeps the name stored with the Member State (`fallback`), the usual English short name."""
    language = language or active_language()
    iso3 = (iso3 or "").upper()
    override = COUNTRY_NAME_OVERRIDES.get(iso3, {}).get(language)
    if override:
        return override
    if language == ORIGINAL_LANGUAGE and fallback:
        return fallback
    from babel import Locale
    from babel.core import get_global

    alpha2 = (get_global("territory_aliases").get(iso3) or [iso3])[0]
    return Locale.parse(language).territories.get(alpha2) or fallback or iso3


def fold_arabic(text: str) -> str:
    """Arabic text as readers (and search) compare it: the one folding rule,
    models/search.fold_search (diacritics and tatweel removed, hamza forms, alef variants, alef
    maqsura and taa marbuta folded)."""
    return fold_search(text)


def collation_key(text: str, language: str | None = None):
    """A sort key giving the reader's alphabetical order without ICU.

    Arabic: the Arabic letters in the order of the alphabet (the Unicode block follows it once
    hamza forms, alef maqsura and taa marbuta are folded as CLDR's Arabic collation treats them);
    French (and English): accents and case are secondary ("Égypte" among the E). The original
    text breaks ties, so the order is total and stable."""
    language = language or active_language()
    text = str(text or "")
    if language == "ar":
        primary = fold_arabic(text)
    else:
        primary = "".join(
            c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
        )
    primary = re.sub(r"[\s'’\-]+", " ", primary).casefold().strip()
    return (primary, text)


def actor_label(actor, language: str | None = None) -> str:
    """A responsible actor's name for a reader: a Member State's from CLDR, an organisation's
    from its translation (TextTranslation), in `language`."""
    if actor.member_state_id:
        return country_name(actor.member_state.iso3, actor.name, language)
    return translated(actor, "name", language).text


# --- What is still untranslated: `manage.py translation_status` --------------------------------


@dataclass
class FieldStatus:
    """One translatable field of one model, in one resolution (or of records shared by all)."""

    resolution: str  # the resolution's symbol; "" for records no resolution owns (actors)
    model: str
    field: str
    total: int  # records with a non-empty original
    missing: dict  # {language: records without a translation of the field}


def _records_by_resolution():
    """{model name: queryset of (pk, resolution symbol) for its records}; what each
    translatable model belongs to. Public status updates and their evidence only: drafts are
    not shown to readers."""
    from .models import (
        Action,
        Actor,
        Evidence,
        MemberStateRole,
        Occurrence,
        Paragraph,
        Participation,
        Resolution,
        SourcedFigure,
        StatusUpdate,
    )

    updates = StatusUpdate.objects.public()
    return {
        "resolution": (Resolution.objects.all(), "symbol"),
        "paragraph": (Paragraph.objects.all(), "resolution__symbol"),
        "action": (Action.objects.all(), "resolution__symbol"),
        "occurrence": (Occurrence.objects.all(), "action__resolution__symbol"),
        "statusupdate": (updates, "action__resolution__symbol"),
        "evidence": (
            Evidence.objects.filter(status_update__in=updates),
            "status_update__action__resolution__symbol",
        ),
        # A Member State's name comes from CLDR (country_name), never from a translation.
        "actor": (Actor.objects.filter(member_state__isnull=True), None),
        "participation": (Participation.objects.all(), "occurrence__action__resolution__symbol"),
        "sourcedfigure": (SourcedFigure.objects.all(), "action__resolution__symbol"),
        "memberstaterole": (MemberStateRole.objects.all(), "action__resolution__symbol"),
    }


def translation_status(resolution_symbol: str | None = None) -> list[FieldStatus]:
    """Per resolution, model and translatable field: how many records have an original text
    and how many of them lack a French or an Arabic translation. A handful of queries per
    model (a staff report, not a page)."""
    from django.contrib.contenttypes.models import ContentType

    rows = []
    for model_name, (queryset, owner) in _records_by_resolution().items():
        fields = TRANSLATABLE_FIELDS[model_name]
        content_type = ContentType.objects.get_for_model(queryset.model)
        values = ["pk", *fields] + ([owner] if owner else [])
        records = list(queryset.values(*values))
        if resolution_symbol is not None and owner:
            records = [r for r in records if r[owner] == resolution_symbol]
        have = set(
            TextTranslation.objects.filter(
                content_type=content_type, language__in=TARGET_LANGUAGES
            ).values_list("object_id", "field", "language")
        )
        groups: dict = {}
        for record in records:
            groups.setdefault(record[owner] if owner else "", []).append(record)
        for symbol in sorted(groups):
            for field in fields:
                with_text = [r["pk"] for r in groups[symbol] if (r[field] or "").strip()]
                if not with_text:
                    continue
                missing = {
                    language: sum((pk, field, language) not in have for pk in with_text)
                    for language in TARGET_LANGUAGES
                }
                rows.append(FieldStatus(symbol, model_name, field, len(with_text), missing))
    return rows


# --- Locators: where in a source a text is ------------------------------------------------------

# The phrases the data files use to say where a text is in its source ("resolution heading",
# "Annex, Second Session"), in the reader's language. A locator is the tracker's description,
# not the source's words, so it is translated like a label; one not listed here is shown as
# written, isolated and tagged as English (locator_html). A locator may end with a quoted
# sentence of the source ("the sentence on …: “…”"): the quote stays in its own words.
LOCATORS = {
    "resolution heading": _("resolution heading"),
    "first preambular paragraph": _("first preambular paragraph"),
    "second preambular paragraph": _("second preambular paragraph"),
    "third preambular paragraph": _("third preambular paragraph"),
    "third preambular paragraph (incomplete)": _("third preambular paragraph (incomplete)"),
    "third preambular paragraph (the available text ends here)": _(
        "third preambular paragraph (the available text ends here)"
    ),
    "Annex, Second Session": _("Annex, Second Session"),
    "Annex, concluding remarks": _("Annex, concluding remarks"),
    "the sentence on the Contact Group of Friends of Mediation": _(
        "the sentence on the Contact Group of Friends of Mediation"
    ),
    "the resolution's title, quoted in Arabic between guillemets": _(
        "the resolution's title, quoted in Arabic between guillemets"
    ),
}
# The comma that comes before a locator, after the source it locates ("source, Annex"): the
# Arabic comma in Arabic ("المصدر، المرفق"), the Latin one in French and English.
COMMAS = {"ar": "\u060c"}


def comma(language: str | None = None) -> str:
    """The comma of `language` (default: the page's) between a citation's parts."""
    return COMMAS.get(language or active_language(), ",")


QUOTED = re.compile(r"^(?P<where>[^“]+?): (?P<quote>“.*”)$", re.S)


def locator_parts(text: str, language: str | None = None) -> tuple[str, str, bool]:
    """(where, quote, translated): the locator's description in `language` (default: the
    page's) and the source's quoted words after it, if any ("" when none); `translated` is
    False when the description has no translation and is shown as written."""
    text = str(text or "")
    language = language or active_language()
    match = QUOTED.match(text)
    where, quote = (match["where"], match["quote"]) if match else (text, "")
    if language == ORIGINAL_LANGUAGE or where not in LOCATORS:
        return where, quote, language == ORIGINAL_LANGUAGE
    from django.utils import translation

    with translation.override(language):
        return str(LOCATORS[where]), quote, True


def locator_label(text: str, language: str | None = None) -> str:
    """A locator as plain text in `language`: "المرفق، الجلسة الثانية"."""
    where, quote, _translated = locator_parts(text, language)
    if not quote:
        return where
    from django.utils import translation

    with translation.override(language or active_language()):
        return str(_("%(where)s: %(quote)s") % {"where": where, "quote": quote})


def comma_locator_html(text: str, language: str | None = None):
    """ ", <locator>" after a source, the comma in the reader's language ("، " in Arabic);
    nothing without a locator."""
    from django.utils.html import format_html

    if not text:
        return ""
    return format_html("{} {}", comma(language), locator_html(text, language))


def locator_html(text: str, language: str | None = None):
    """A locator as markup: the description in the reader's language (or as written, tagged
    lang="en" and isolated), the quoted words of the source isolated and tagged as English, so
    each reads in its own order inside Arabic text (WeasyPrint too: the direction is written
    out)."""
    from django.utils.html import format_html

    from . import bidi

    if not text:
        return ""
    where, quote, is_translated = locator_parts(text, language)
    if is_translated:
        shown = bidi.isolated(where)
    else:
        shown = format_html('<bdi lang="en" dir="ltr">{}</bdi>', where)
    if not quote:
        return shown
    return format_html(
        str(_("%(where)s: %(quote)s")).replace("%(where)s", "{}").replace("%(quote)s", "{}"),
        shown,
        format_html('<bdi lang="en" dir="ltr">{}</bdi>', quote),
    )
