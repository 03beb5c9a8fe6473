from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from ..dates import format_day
from .actions import Action
from .facts import ReviewedFact, fact_constraints, published_only
from .sources import SourceDocument


class SourcedFigureQuerySet(models.QuerySet):
    def known_on(self, as_of):
        """Figures stated as of `as_of` or earlier, on listed resolutions, each with
        `n_named_states`: how many Member States the sources name in a role on the same action
        by then (so a page can say how many of a counted membership are known by name)."""
        from .member_states import MemberStateRole
        from .resolution import Resolution

        named = (
            MemberStateRole.objects.known_on(as_of)
            .filter(action=models.OuterRef("action"))
            .order_by()
            .values("action")
            .annotate(n=models.Count("member_state", distinct=True))
            .values("n")
        )
        return (
            self.filter(as_of__lte=as_of, action__resolution__in=Resolution.objects.listed())
            .annotate(n_named_states=Coalesce(models.Subquery(named), 0))
            .select_related("action__resolution", "source")
        )


class SourcedFigure(ReviewedFact):
    """A number a source states about an action, such as a body's membership count.

    Kept apart from names on purpose: when a source gives a count but no names, the count is
    what we store, never guessed names.
    """

    translations = GenericRelation("resolutions.TextTranslation")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="figures")
    label = models.CharField(max_length=200)
    value = models.PositiveIntegerField()
    is_minimum = models.BooleanField(default=False, help_text=_("The source says 'more than'."))
    as_of = models.DateField()
    source = models.ForeignKey(SourceDocument, on_delete=models.PROTECT, related_name="+")
    quote = models.TextField(blank=True)

    # Published figures only (models/facts.py); all_objects for the admin and services.
    objects = published_only(SourcedFigureQuerySet)()
    all_objects = SourcedFigureQuerySet.as_manager()

    class Meta:
        ordering = ["action", "as_of"]
        constraints = fact_constraints("sourced_figure")

    def __str__(self):
        value = (_("more than %(n)s") if self.is_minimum else "%(n)s") % {"n": self.value}
        return _("%(label)s: %(value)s (as of %(day)s)") % {
            "label": self.label,
            "value": value,
            "day": format_day(self.as_of, "medium"),
        }
