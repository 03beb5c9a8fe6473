from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .provenance import Provenance
from .sources import SourceDocument


class Language(models.TextChoices):
    """The OIC's three official languages. The originals are stored in English."""

    EN = "en", "English"
    FR = "fr", "French"
    AR = "ar", "Arabic"


class TranslationProvenance(models.TextChoices):
    """Where a translation comes from. "translation": made by the project (unofficial), from the
    original text it keeps beside it; never presented as the words of a source."""

    VERBATIM = "verbatim", "Verbatim"
    PARAPHRASE = "paraphrase", "Paraphrase"
    TRANSLATION = "translation", "Unofficial translation by the project"


# The fields that have translations, per model. Everything else is language-neutral data.
TRANSLATABLE_FIELDS = {
    "resolution": (
        "title",
        "adopting_body",
        "session",
        "session_theme",
        "place",
        "summary",
        "adoption_dates_note",
    ),
    "body": ("name", "short_name"),
    "paragraph": ("text", "summary"),
    "action": ("title", "description", "attribution_note", "responsible_quote"),
    "occurrence": ("theme", "title", "place", "notes", "participation_note"),
    # A status note, and the evidence it rests on: the quote stays verbatim in its language
    # (a translation of it is an unofficial translation shown beside it) and its locator.
    "statusupdate": ("note",),
    "evidence": ("quote", "locator"),
    # Organisations ("OIC General Secretariat"); a Member State is named from CLDR instead.
    "actor": ("name",),
    "participation": ("note",),
    "sourcedfigure": ("label", "quote"),
    "memberstaterole": ("quote",),
}


class TextTranslation(models.Model):
    """One field of one record in another language, with its own provenance.

    A separate table rather than per-language columns because each translation must say where
    it comes from: the Arabic title of 53/45-POL is verbatim from an Arabic source, while an
    unofficial rendering is a paraphrase. Per-language columns cannot carry that.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    field = models.CharField(max_length=40)
    language = models.CharField(max_length=2, choices=Language.choices)
    text = models.TextField()
    provenance = models.CharField(max_length=12, choices=TranslationProvenance.choices)
    source = models.ForeignKey(
        SourceDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    locator = models.CharField(max_length=200, blank=True)
    note = models.TextField(
        blank=True, help_text=_("e.g. 'unofficial translation by the secretariat'.")
    )
    # For a "translation": the text it was made from and its language, kept beside it.
    original_language = models.CharField(max_length=2, blank=True, choices=Language.choices)
    original_text = models.TextField(blank=True)

    class Meta:
        ordering = ["content_type", "object_id", "field", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="translation_unique_per_field_and_language",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="translation_not_empty"),
            models.CheckConstraint(
                condition=~Q(provenance=Provenance.VERBATIM) | Q(source__isnull=False),
                name="translation_verbatim_needs_source",
                violation_error_message="A verbatim translation must name its source.",
            ),
            models.CheckConstraint(
                condition=~Q(provenance=TranslationProvenance.TRANSLATION)
                | (~Q(original_text="") & ~Q(original_language="")),
                name="translation_keeps_its_original",
                violation_error_message=(
                    "An unofficial translation keeps the text it was made from and its language."
                ),
            ),
        ]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "language"], name="translation_lookup"
            )
        ]

    def __str__(self):
        return f"{self.field} [{self.language}]"
