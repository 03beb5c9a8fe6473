"""Translations of any translatable field, each with its own provenance."""

from .records import _Record


class TranslationsMixin:
    def load_translations(self, instance, record, path):
        """`translations: {ar: {title: {text, provenance, source, locator, note}}}`.

        Only the translatable fields of the record's model are accepted, and each translation
        carries its own provenance, like the original text. Provenance "translation" is an
        unofficial translation made by the project: it keeps the English original it was made
        from (the record's field as loaded) beside it.
        """
        from django.contrib.contenttypes.models import ContentType

        from ..models import Language, TextTranslation
        from ..models.translations import TranslationProvenance

        # The languages and, per record type, the translatable fields are the schema's
        # (tests/test_roundtrip.py holds them equal to TRANSLATABLE_FIELDS).
        languages = record.get("translations", {})
        content_type = ContentType.objects.get_for_model(instance)
        for language, by_field in languages.items():
            lpath = f"{path}.translations.{language}"
            for field, item in by_field.items():
                t = _Record(self, item, f"{lpath}.{field}", "translation")
                tpath = f"{lpath}.{field}"
                provenance = t.choice("provenance")
                made_here = provenance == TranslationProvenance.TRANSLATION
                # Translated from the English original, or (`from: ar`) from the text of another
                # language given in the same record, e.g. a verbatim Arabic paragraph.
                origin = t.str("from") or Language.EN
                if origin == Language.EN:
                    original = getattr(instance, field, "") or ""
                else:
                    original = ((languages.get(origin) or {}).get(field) or {}).get("text", "")
                if made_here and not original:
                    self.fail(tpath, "from", f"no {origin} text of {field} to translate from")
                translation = self.upsert(
                    TextTranslation,
                    {
                        "content_type": content_type,
                        "object_id": instance.pk,
                        "field": field,
                        "language": language,
                    },
                    {
                        "text": t.str("text"),
                        "provenance": provenance,
                        "original_language": origin if made_here else "",
                        "original_text": original if made_here else "",
                        "source": self.source(tpath, t.str("source"), required=False),
                        "locator": t.str("locator"),
                        "note": t.str("note"),
                    },
                )
                self.save(translation, tpath)
