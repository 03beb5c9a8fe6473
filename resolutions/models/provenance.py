from django.db import models
from django.utils.translation import gettext_lazy as _


class Provenance(models.TextChoices):
    """How far a piece of text can be trusted as the words of its source."""

    VERBATIM = "verbatim", _("Verbatim")
    PARAPHRASE = "paraphrase", _("Paraphrase")
    UNKNOWN = "unknown", _("Text not available")
