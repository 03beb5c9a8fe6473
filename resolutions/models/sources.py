from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceDocument(models.Model):
    """A document, page or report that a fact in the tracker comes from."""

    class Kind(models.TextChoices):
        UN_DOCUMENT = "un_document", _("UN document")
        OIC_DOCUMENT = "oic_document", _("OIC document")
        PRESS_RELEASE = "press_release", _("Government press release")
        NEWS_REPORT = "news_report", _("News report")
        CONCEPT_NOTE = "concept_note", _("Concept note or programme")
        WEB_PAGE = "web_page", _("Web page")
        OTHER = "other", _("Other")

    key = models.SlugField(
        max_length=80,
        unique=True,
        help_text=_("Stable identifier used by data files to refer to this source."),
    )
    title = models.CharField(max_length=500)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    symbol = models.CharField(
        max_length=120, blank=True, help_text=_("Document symbol or job number, as printed.")
    )
    url = models.URLField(max_length=500, blank=True)
    date = models.DateField(null=True, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(symbol="") | ~models.Q(url=""),
                name="source_has_symbol_or_url",
                violation_error_message="A source needs a document symbol or a URL.",
            ),
            models.CheckConstraint(condition=~models.Q(title=""), name="source_has_title"),
        ]

    def __str__(self):
        return self.title

    @property
    def citation(self) -> str:
        bits = [self.title]
        if self.symbol:
            bits.append(self.symbol)
        if self.date:
            from ..dates import format_day  # the reader's language: "24 janv. 2019" (#13)

            bits.append(format_day(self.date, "medium"))
        return ", ".join(bits)
