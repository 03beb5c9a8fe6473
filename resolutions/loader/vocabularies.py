"""The `vocabularies:` section, and the check that a code a record uses is in a vocabulary."""

from ..models.vocabularies import ActorKind, Addressee, MandateType, OperativeVerb
from .records import _Record

# section of `vocabularies:` -> (model, record type in the schema)
SECTIONS = {
    "mandate_types": (MandateType, "mandate_type_term"),
    "actor_kinds": (ActorKind, "vocabulary_term"),
    "addressees": (Addressee, "vocabulary_term"),
    "operative_verbs": (OperativeVerb, "vocabulary_term"),
}
SECTION_OF = {model: section for section, (model, _kind) in SECTIONS.items()}


class VocabulariesMixin:
    def load_vocabularies(self, data):
        """Declared terms: a new code is added; a known one takes the file's labels and
        definitions (its behaviour cannot change once actions use it: MandateType.clean)."""
        for section, (model, kind) in SECTIONS.items():
            for i, item in enumerate(data.get(section) or []):
                r = _Record(self, item, f"vocabularies.{section}[{i}]", kind)
                code = r.str("code")
                path = f"vocabularies.{section}[{i}] ({code})"
                values = {"order": r.int("order", 0)}
                for field in ("label", "definition"):
                    for language, text in r.get(field).items():
                        values[f"{field}_{language}"] = text.strip()
                if model is MandateType:
                    values["behaviour"] = r.choice("behaviour")
                    values["default_recurrence"] = r.choice("default_interval", "")
                self.save(self.upsert(model, {"code": code}, values), path)

    def term(self, model, record, field, code, *, blank=False):
        """The code of a term of `model`'s vocabulary (None for a blank one where allowed)."""
        if not code:
            if blank:
                return None
            self.fail(record, field, "is required")
        if not model.objects.filter(pk=code).exists():
            self.fail(
                record,
                field,
                f"{code!r} is not in the vocabulary (declare it under "
                f"vocabularies.{SECTION_OF[model]}, with its definitions, or see README "
                '"Vocabularies")',
            )
        return code
