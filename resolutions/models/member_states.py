from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .actions import Action, Occurrence
from .facts import PUBLISHED, ReviewedFact, fact_constraints, published_only
from .sources import SourceDocument


class MemberStateQuerySet(models.QuerySet):
    def with_involvement(self, as_of):
        """Each state's named participations (events on or before `as_of`) and the actions it
        answers for by name, counted in subqueries so that rows never multiply."""
        from .resolution import Resolution

        participations = (
            Participation.objects.filter(
                member_state=models.OuterRef("pk"),
                occurrence__start_date__lte=as_of,
                occurrence__action__resolution__in=Resolution.objects.listed(),
            )
            .order_by()
            .values("member_state")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        responsible = (
            Action.objects.listed()
            .filter(responsible_actors__member_state=models.OuterRef("pk"))
            .order_by()
            .values("responsible_actors__member_state")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(
            n_participations=Coalesce(models.Subquery(participations), 0),
            n_responsible=Coalesce(models.Subquery(responsible), 0),
        )

    def with_roles(self, as_of):
        """Prefetch `current_roles`: roles a source states on or before `as_of` (or undated)."""
        return self.prefetch_related(
            models.Prefetch(
                "roles",
                queryset=MemberStateRole.objects.known_on(as_of).select_related("action"),
                to_attr="current_roles",
            )
        )


class MemberState(models.Model):
    iso3 = models.CharField(max_length=3, unique=True, help_text=_("ISO 3166-1 alpha-3"))
    name = models.CharField(max_length=120, unique=True)
    name_in_source = models.CharField(
        max_length=120, blank=True, help_text=_("The spelling of the membership source.")
    )
    source = models.ForeignKey(
        SourceDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = MemberStateQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(iso3__regex=r"^[A-Z]{3}$"),
                name="member_state_iso3_format",
                violation_error_message="ISO 3166-1 alpha-3 codes are three capital letters.",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("member_state_detail", args=[self.iso3])


class MemberStateRoleQuerySet(models.QuerySet):
    def known_on(self, as_of):
        """Roles a source states as of `as_of` or earlier (undated ones too), on listed
        resolutions: a past-state page shows no role the sources only reported later."""
        from .resolution import Resolution

        return self.filter(
            Q(as_of__isnull=True) | Q(as_of__lte=as_of),
            action__resolution__in=Resolution.objects.listed(),
        )


class MemberStateRole(ReviewedFact):
    """A Member State's role in a mandate, e.g. member or co-chair of a body an action set up.
    Recorded in the admin as a draft, public once a second person publishes it, like the other
    sourced facts (models/facts.py); `objects` sees published roles only, `all_objects` all."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        CO_CHAIR = "co_chair", _("Co-chair")
        PROPOSER = "proposer", _("Proposer")

    translations = GenericRelation("resolutions.TextTranslation")
    member_state = models.ForeignKey(MemberState, on_delete=models.CASCADE, related_name="roles")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="member_state_roles")
    role = models.CharField(max_length=10, choices=Role.choices)
    as_of = models.DateField(null=True, blank=True)
    source = models.ForeignKey(SourceDocument, on_delete=models.PROTECT, related_name="+")
    quote = models.TextField(blank=True)

    objects = published_only(MemberStateRoleQuerySet)()
    all_objects = MemberStateRoleQuerySet.as_manager()

    class Meta:
        ordering = ["action", "role", "member_state"]
        constraints = [
            models.UniqueConstraint(
                fields=["member_state", "action", "role"], name="member_state_role_unique"
            ),
            *fact_constraints("member_state_role"),
        ]

    def __str__(self):
        return f"{self.member_state} — {self.get_role_display()} — {self.action}"


class Participation(ReviewedFact):
    """A Member State took part in an occurrence, where a source says so by name. Public once
    published, and only while its occurrence is (models/facts.py)."""

    class Role(models.TextChoices):
        HOST = "host", _("Host or organiser")
        SPEAKER = "speaker", _("Speaker or panellist")
        PARTICIPANT = "participant", _("Participant")

    translations = GenericRelation("resolutions.TextTranslation")
    occurrence = models.ForeignKey(
        Occurrence, on_delete=models.CASCADE, related_name="participations"
    )
    member_state = models.ForeignKey(
        MemberState, on_delete=models.CASCADE, related_name="participations"
    )
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.PARTICIPANT)
    source = models.ForeignKey(SourceDocument, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)

    objects = published_only(models.QuerySet, Q(occurrence__state=PUBLISHED))()
    all_objects = models.Manager()

    class Meta:
        ordering = ["occurrence", "member_state"]
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence", "member_state"], name="participation_unique"
            ),
            *fact_constraints("participation"),
        ]

    def __str__(self):
        return f"{self.member_state} at {self.occurrence}"
