from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from .resolution import Paragraph, Resolution
from .sources import SourceDocument


class MandateType(models.TextChoices):
    """What kind of obligation an action is. It decides what "done" means."""

    ESTABLISH_BODY = "establish_body", "Establish a body"
    ADOPT_INSTRUMENT = "adopt_instrument", "Adopt an instrument"
    BUILD_ROSTER = "build_roster", "Build a roster or network"
    RECURRING_EVENT = "recurring_event", "Recurring event"
    TRAINING = "training", "Training programme"
    PARTNERSHIP = "partnership", "Partnership"
    INSTITUTIONAL_CAPACITY = "institutional_capacity", "Institutional capacity"


MANDATE_DONE_MEANS = {
    MandateType.ESTABLISH_BODY: "The body exists and has met.",
    MandateType.ADOPT_INSTRUMENT: "The instrument has been formally adopted.",
    MandateType.BUILD_ROSTER: "The roster or network is constituted and can be called upon.",
    MandateType.RECURRING_EVENT: "Never finished: on track while each interval has its "
    "occurrence.",
    MandateType.TRAINING: "Training opportunities are provided as mandated.",
    MandateType.PARTNERSHIP: "A working partnership is in place with the named organisations.",
    MandateType.INSTITUTIONAL_CAPACITY: "The unit or office has the capacity the resolution "
    "asks for.",
}


class Recurrence(models.TextChoices):
    NONE = "", "Not recurring"
    ANNUAL = "annual", "Annual"
    BIENNIAL = "biennial", "Every two years"


# How long an occurrence keeps a recurring action on track. Kept as day counts so that the
# roll-up can compare dates inside the database with one CASE per recurrence.
RECURRENCE_WINDOW_DAYS = {Recurrence.ANNUAL: 365, Recurrence.BIENNIAL: 730}


class Actor(models.Model):
    """Someone who can be responsible for an action: an OIC organ, a Member State, a body."""

    class Kind(models.TextChoices):
        OIC_ORGAN = "oic_organ", "OIC organ or office"
        MEMBER_STATE = "member_state", "Member State"
        MEMBER_STATES = "member_states", "Member States collectively"
        SUBSIDIARY_BODY = "subsidiary_body", "Subsidiary or affiliated body"
        EXTERNAL = "external", "External organisation"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    member_state = models.OneToOneField(
        "resolutions.MemberState",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actor",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="member_state", member_state__isnull=False)
                | (~Q(kind="member_state") & Q(member_state__isnull=True)),
                name="actor_member_state_iff_kind",
                violation_error_message="A Member State actor must point at its Member State.",
            )
        ]

    def __str__(self):
        return self.name


class ActionQuerySet(models.QuerySet):
    def with_status(self, as_of):
        """Each action's current status, credit, overdue and freshness flags on `as_of`."""
        from ..rollup import annotate_status

        return annotate_status(self, as_of)

    def for_listing(self):
        return self.select_related("resolution").prefetch_related(
            "responsible_actors",
            models.Prefetch("paragraphs", queryset=Paragraph.objects.order_by("order")),
        )


class Action(models.Model):
    """One concrete obligation that a resolution creates."""

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="actions")
    key = models.SlugField(
        max_length=80, help_text="Stable identifier within the resolution, used by data files."
    )
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    mandate_type = models.CharField(max_length=30, choices=MandateType.choices)
    recurrence = models.CharField(
        max_length=10, choices=Recurrence.choices, blank=True, default=Recurrence.NONE
    )
    paragraphs = models.ManyToManyField(
        Paragraph, through="ActionParagraph", related_name="actions", blank=True
    )
    responsible_actors = models.ManyToManyField(Actor, blank=True, related_name="actions")
    due_date = models.DateField(null=True, blank=True)
    weight = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Relative weight in the roll-up (1–100).",
    )
    mandate_source = models.ForeignKey(
        SourceDocument,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Where the attribution of this mandate to the resolution comes from.",
    )
    attribution_note = models.TextField(
        blank=True, help_text="Caveats on the attribution, e.g. conflicting sources."
    )

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["resolution", "id"]
        constraints = [
            models.UniqueConstraint(fields=["resolution", "key"], name="action_key_unique"),
            models.CheckConstraint(
                condition=Q(weight__gte=1, weight__lte=100),
                name="action_weight_range",
                violation_error_message="Weight must be between 1 and 100.",
            ),
            models.CheckConstraint(
                condition=(Q(mandate_type=MandateType.RECURRING_EVENT) & ~Q(recurrence=""))
                | (~Q(mandate_type=MandateType.RECURRING_EVENT) & Q(recurrence="")),
                name="action_recurrence_iff_recurring",
                violation_error_message="Recurring events need a recurrence; other mandate "
                "types must not have one.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("action_detail", args=[self.pk])

    @property
    def is_recurring(self):
        return self.mandate_type == MandateType.RECURRING_EVENT

    @property
    def done_means(self):
        return MANDATE_DONE_MEANS[MandateType(self.mandate_type)]


class ActionParagraph(models.Model):
    """An action serves a paragraph. Compound paragraphs hold several actions, and an action can
    serve several paragraphs."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE)
    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["action", "paragraph"], name="action_paragraph_unique")
        ]

    def __str__(self):
        return f"{self.action} → {self.paragraph}"


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


class Occurrence(models.Model):
    """One instance of something an action produces: a year's conference, a meeting of a body,
    a training session."""

    class Kind(models.TextChoices):
        CONFERENCE = "conference", "Conference"
        MEETING = "meeting", "Meeting"
        TRAINING = "training", "Training session"
        OTHER = "other", "Other"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="occurrences")
    key = models.SlugField(
        max_length=80, blank=True, help_text="Stable identifier within the action (data files)."
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    title = models.CharField(max_length=300)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="When a source gives only the month or year, the date is its first day.",
    )
    place = models.CharField(max_length=200, blank=True)
    theme = models.CharField(max_length=500, blank=True)
    participants_count = models.PositiveIntegerField(null=True, blank=True)
    participants_count_is_minimum = models.BooleanField(
        default=False, help_text="The source says 'more than' this number."
    )
    member_states_count = models.PositiveSmallIntegerField(null=True, blank=True)
    participation_note = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    sources = models.ManyToManyField(SourceDocument, related_name="occurrences", blank=True)

    class Meta:
        ordering = ["action", "start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "key"], condition=~Q(key=""), name="occurrence_key_unique"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="occurrence_dates_ordered",
                violation_error_message="An occurrence cannot end before it starts.",
            ),
            models.CheckConstraint(
                condition=Q(member_states_count__isnull=True) | Q(member_states_count__lte=57),
                name="occurrence_member_states_at_most_57",
                violation_error_message="The OIC has 57 Member States.",
            ),
        ]
        indexes = [models.Index(fields=["action", "start_date"], name="occurrence_action_date")]

    def __str__(self):
        return f"{self.title} ({self.start_date})"
