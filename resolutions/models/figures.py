from django.db import models

from .actions import Action
from .sources import SourceDocument


class SourcedFigure(models.Model):
    """A number a source states about an action, such as a body's membership count.

    Kept apart from names on purpose: when a source gives a count but no names, the count is
    what we store, never guessed names.
    """

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="figures")
    label = models.CharField(max_length=200)
    value = models.PositiveIntegerField()
    is_minimum = models.BooleanField(default=False, help_text="The source says 'more than'.")
    as_of = models.DateField()
    source = models.ForeignKey(SourceDocument, on_delete=models.PROTECT, related_name="+")
    quote = models.TextField(blank=True)

    class Meta:
        ordering = ["action", "as_of"]

    def __str__(self):
        prefix = "more than " if self.is_minimum else ""
        return f"{self.label}: {prefix}{self.value} (as of {self.as_of})"
