from django.db import models


class Provenance(models.TextChoices):
    """How far a piece of text can be trusted as the words of its source."""

    VERBATIM = "verbatim", "Verbatim"
    PARAPHRASE = "paraphrase", "Paraphrase"
    UNKNOWN = "unknown", "Text not available"
