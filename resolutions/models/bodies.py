"""Bodies (the OIC, the UN General Assembly, …) and States' memberships of them (#15).

A State (models.member_states.MemberState: any ISO 3166-1 entry) belongs to a body through
memberships: periods with a standing (member, observer, suspended), start and end dates where a
source gives them, and the source. "Member States" in a resolution means its body's members on
the adoption date: `Body.members_on(day)`. Nothing here is inferred: a body whose membership no
source lists has no members recorded, and the pages say so.
"""

from datetime import date

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .sources import SourceDocument


class Body(models.Model):
    key = models.SlugField(max_length=40, unique=True, help_text=_("Used in data files and URLs."))
    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=60, blank=True, help_text=_("e.g. OIC"))
    translations = GenericRelation("resolutions.TextTranslation")
    source = models.ForeignKey(
        SourceDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "bodies"
        constraints = [models.CheckConstraint(condition=~Q(key=""), name="body_key_not_empty")]

    def __str__(self):
        return self.short_name or self.name

    @property
    def label(self):
        return self.short_name or self.name

    def members_on(self, day: date | None = None):
        """The States that were members on `day` (today by default): a membership covering the
        day, and no suspension covering it. Observers are not members."""
        from .member_states import MemberState

        day = day or timezone.localdate()
        covering = Membership.objects.covering(day).filter(body=self, state=OuterRef("pk"))
        return MemberState.objects.filter(
            Exists(covering.filter(standing=Membership.Standing.MEMBER)),
            ~Exists(covering.filter(standing=Membership.Standing.SUSPENDED)),
        )


class MembershipQuerySet(models.QuerySet):
    def covering(self, day: date):
        """Memberships whose period includes `day` (an open start or end is unbounded)."""
        return self.filter(Q(start_date__isnull=True) | Q(start_date__lte=day)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )


class Membership(models.Model):
    """A State's standing in a body over a period, as a source states it. A suspension is a
    period of its own (standing "suspended") during which the State does not count as a
    member, whatever its membership row says."""

    class Standing(models.TextChoices):
        MEMBER = "member", _("Member")
        OBSERVER = "observer", _("Observer")
        SUSPENDED = "suspended", _("Suspended")

    state = models.ForeignKey(
        "resolutions.MemberState", on_delete=models.CASCADE, related_name="memberships"
    )
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    standing = models.CharField(max_length=10, choices=Standing.choices, default=Standing.MEMBER)
    start_date = models.DateField(null=True, blank=True, help_text=_("Blank: not stated."))
    end_date = models.DateField(
        null=True, blank=True, help_text=_("The last day of this standing. Blank: still so.")
    )
    source = models.ForeignKey(SourceDocument, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["body", "state", "start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["state", "body", "standing", "start_date"],
                name="membership_unique",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="membership_dates_ordered",
                violation_error_message="A membership cannot end before it starts.",
            ),
        ]

    def __str__(self):
        return f"{self.state} — {self.get_standing_display()} — {self.body}"


def bound_by_q(state, prefix: str = "") -> Q:
    """A Q over resolutions (prefix "") or over rows with a resolution (prefix "resolution__"):
    those whose body had `state` as a member, not suspended, on the adoption date. A resolution
    with no body recorded binds every State, as before bodies existed (synthetic data has
    none)."""

    def covering(standing):
        adopted = OuterRef(f"{prefix}adopted_on")
        return Membership.objects.filter(
            state=state, body=OuterRef(f"{prefix}body"), standing=standing
        ).filter(
            Q(start_date__isnull=True) | Q(start_date__lte=adopted),
            Q(end_date__isnull=True) | Q(end_date__gte=adopted),
        )

    member = Exists(covering(Membership.Standing.MEMBER)) & ~Exists(
        covering(Membership.Standing.SUSPENDED)
    )
    return Q(**{f"{prefix}body__isnull": True}) | member
