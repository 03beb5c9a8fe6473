from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, models
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..dates import format_day
from .facts import ReviewedFact, fact_constraints, published_only
from .resolution import Paragraph, Resolution
from .sources import SourceDocument
from .versioning import VersionedModel
from .vocabularies import ActorKind, MandateType, TermForeignKey


class Recurrence(models.TextChoices):
    NONE = "", _("Not recurring")
    ANNUAL = "annual", _("Annual")
    BIENNIAL = "biennial", _("Every two years")


# How long an occurrence keeps a recurring action on track. Kept as day counts so that the
# roll-up can compare dates inside the database with one CASE per recurrence.
RECURRENCE_WINDOW_DAYS = {Recurrence.ANNUAL: 365, Recurrence.BIENNIAL: 730}


class Actor(models.Model):
    """Someone who can be responsible for an action: an OIC organ, a Member State, a body."""

    # Codes the application's rules rely on (models/vocabularies.py, ActorKind.BUILT_IN).
    MEMBER_STATE = "member_state"
    MEMBER_STATES = "member_states"

    translations = GenericRelation("resolutions.TextTranslation")
    name = models.CharField(max_length=200, unique=True)
    kind = TermForeignKey(
        ActorKind, on_delete=models.PROTECT, related_name="actors", db_column="kind"
    )
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
        """Each action's current status, credit, overdue and freshness flags on `as_of`, as
        the roll-up package (resolutions/rollup/) derives them. Imported here, at call time:
        the roll-up reads the models, the models never import it at module level."""
        from ..rollup import annotate_status

        return annotate_status(self, as_of)

    def for_listing(self):
        return (
            self.select_related("resolution", "mandate_type")
            .with_actors()
            .prefetch_related(
                models.Prefetch("paragraphs", queryset=Paragraph.objects.order_by("order")),
            )
        )

    def with_actors(self):
        """Prefetch responsible actors with their Member State (pages link to it)."""
        return self.prefetch_related(
            models.Prefetch(
                "responsible_actors", queryset=Actor.objects.select_related("member_state")
            )
        )

    def listed(self):
        """Actions of the resolutions public pages show (see ResolutionQuerySet.listed)."""
        return self.filter(resolution__in=Resolution.objects.listed())

    def without_paragraph(self):
        """Mandates the sources attribute to a resolution without giving a paragraph number."""
        return self.filter(~Exists(ActionParagraph.objects.filter(action=OuterRef("pk"))))

    def in_document_order(self):
        """The order a reader of the resolution meets them: by the first paragraph an action
        serves, mandates with no known paragraph last. `first_paragraph_order` also sorts the
        action list's paragraph column without joining (and duplicating) rows."""
        first = (
            ActionParagraph.objects.filter(action=OuterRef("pk"))
            .order_by("paragraph__order")
            .values("paragraph__order")[:1]
        )
        return self.annotate(first_paragraph_order=Subquery(first)).order_by(
            "resolution__symbol", F("first_paragraph_order").asc(nulls_last=True), "pk"
        )

    def with_status_rank(self):
        """`status_rank`: position of the current status in the published display order (done
        first), so that sorting by status is meaningful. Needs with_status() before it."""
        from ..status import ORDER

        return self.annotate(
            status_rank=Case(
                *[When(current_status=s.value, then=Value(i)) for i, s in enumerate(ORDER)],
                default=Value(len(ORDER)),
                output_field=IntegerField(),
            )
        )

    def search(self, text, as_of):
        """Actions whose title, description or a status-update note (published, dated on or
        before `as_of`), or a translation of one of them, match `text`.

        PostgreSQL uses full-text search (English stemming, web-search syntax: words are ANDed,
        "quoted phrases", -excluded) on the English originals, and full-text search on the
        folded translations (models/search.py: hamza, alef, taa marbuta, alef maqsura and
        diacritics do not matter in Arabic). Other databases get a plain fallback: every word
        must occur, case-insensitively, in one of the texts, translations compared folded by
        the same rule.
        """
        from .search import FoldSearch, fold_search, folded_matches
        from .status_updates import StatusUpdate
        from .translations import TextTranslation

        notes = StatusUpdate.objects.public().on_or_before(as_of).filter(action=OuterRef("pk"))
        words = [fold_search(word) for word in text.replace('"', " ").split()]
        if connections[self.db].vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchVector

            query = SearchQuery(text, search_type="websearch", config="english")
            # The translations that match (search.folded_matches, through its two indexes),
            # found first and uncorrelated, then mapped to their actions: no translation is
            # folded row by row.
            matching = folded_matches(TextTranslation.objects.all(), text)
            of_actions = matching.filter(
                content_type__app_label="resolutions", content_type__model="action"
            ).values("object_id")
            of_notes = (
                StatusUpdate.objects.public()
                .on_or_before(as_of)
                .filter(
                    pk__in=matching.filter(
                        content_type__app_label="resolutions", content_type__model="statusupdate"
                    ).values("object_id")
                )
                .values("action_id")
            )
            return self.annotate(
                document=SearchVector("title", "description", config="english")
            ).filter(
                Q(document=query)
                | Exists(
                    notes.annotate(document=SearchVector("note", config="english")).filter(
                        document=query
                    )
                )
                | Q(pk__in=of_actions)
                | Q(pk__in=of_notes)
            )
        # The translations of the action and of its public notes (by the content type's
        # natural key: no ContentType query).
        translations = TextTranslation.objects.filter(
            Q(content_type__app_label="resolutions", content_type__model="action")
            & Q(object_id=OuterRef("pk"))
            | Q(content_type__app_label="resolutions", content_type__model="statusupdate")
            & Q(
                object_id__in=StatusUpdate.objects.public()
                .on_or_before(as_of)
                .filter(action=OuterRef(OuterRef("pk")))
                .values("pk")
            )
        ).annotate(folded=FoldSearch("text"))
        condition = Q()
        for word, folded in zip(text.replace('"', " ").split(), words, strict=True):
            condition &= (
                Q(title__icontains=word)
                | Q(description__icontains=word)
                | Exists(notes.filter(note__icontains=word))
                | Exists(translations.filter(folded__contains=folded))
            )
        return self.filter(condition)

    def for_member_state(self, member_state):
        """Actions a Member State answers for: by name, or collectively as one of the Member
        States (an actor of kind "member_states") of a resolution whose body it was a member of
        on the adoption date (models.bodies.bound_by_q)."""
        from .bodies import bound_by_q

        by_name = Exists(Actor.objects.filter(actions=OuterRef("pk"), member_state=member_state))
        collectively = Exists(
            Actor.objects.filter(actions=OuterRef("pk"), kind=Actor.MEMBER_STATES)
        )
        return self.filter(by_name | (collectively & bound_by_q(member_state, "resolution__")))

    def count_by_resolution(self):
        """{resolution id: number of these actions}, in one query."""
        rows = self.order_by().values("resolution_id").annotate(n=models.Count("pk"))
        return {row["resolution_id"]: row["n"] for row in rows}


class Action(VersionedModel):
    """One concrete obligation that a resolution creates."""

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="actions")
    key = models.SlugField(
        max_length=80, help_text=_("Stable identifier within the resolution, used by data files.")
    )
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    description_sources = models.ManyToManyField(
        SourceDocument,
        blank=True,
        related_name="described_actions",
        help_text=_("The sources of the facts the description states."),
    )
    mandate_type = TermForeignKey(
        MandateType, on_delete=models.PROTECT, related_name="actions", db_column="mandate_type"
    )
    recurrence = models.CharField(
        max_length=10, choices=Recurrence.choices, blank=True, default=Recurrence.NONE
    )
    paragraphs = models.ManyToManyField(
        Paragraph, through="ActionParagraph", related_name="actions", blank=True
    )
    responsible_actors = models.ManyToManyField(Actor, blank=True, related_name="actions")
    # Where the responsible actors come from. No source: the responsibility is "not stated".
    responsible_source = models.ForeignKey(
        SourceDocument,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The source that names the responsible actors."),
    )
    responsible_locator = models.CharField(max_length=200, blank=True)
    responsible_quote = models.TextField(
        blank=True, help_text=_("The source's words that name the responsible actors.")
    )
    due_date = models.DateField(null=True, blank=True)
    weight = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Relative weight in the roll-up (1–100)."),
    )
    mandate_source = models.ForeignKey(
        SourceDocument,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Where the attribution of this mandate to the resolution comes from."),
    )
    attribution_note = models.TextField(
        blank=True, help_text=_("Caveats on the attribution, e.g. conflicting sources.")
    )
    # The same mandate carried on by a later resolution (56/46-POL's Code of Conduct continues
    # 53/45-POL's). The earlier action is named by its resolution's symbol and its key, so the
    # files load in either order; `continues` points to it once both are loaded. A continuation
    # is a claim like any other: it rests on a source, never on two titles looking alike.
    continues = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="continued_by",
        help_text=_("The action of an earlier resolution that this one carries on, when loaded."),
    )
    continues_symbol = models.CharField(
        max_length=100,
        blank=True,
        help_text=_("The earlier resolution's symbol. Blank: this action continues none."),
    )
    continues_key = models.SlugField(
        max_length=80, blank=True, help_text=_("The earlier action's key in its resolution.")
    )
    continues_source = models.ForeignKey(
        SourceDocument,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The source that ties this action to the earlier one."),
    )
    continues_quote = models.TextField(
        blank=True, help_text=_("The source's words that tie the two actions together.")
    )
    continues_note = models.TextField(
        blank=True, help_text=_("Caveats on the continuation, e.g. what the source does not say.")
    )

    objects = ActionQuerySet.as_manager()

    translations = GenericRelation("resolutions.TextTranslation")

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
                condition=(Q(continues_symbol="") & Q(continues_key="") & Q(continues__isnull=True))
                | (
                    ~Q(continues_symbol="")
                    & ~Q(continues_key="")
                    & Q(continues_source__isnull=False)
                ),
                name="action_continuation_named_and_sourced",
                violation_error_message="A continuation names the earlier resolution and action "
                "and the source that ties them.",
            ),
            models.CheckConstraint(
                condition=~Q(continues=F("id")),
                name="action_does_not_continue_itself",
                violation_error_message="An action does not continue itself.",
            ),
            # "A recurrence iff the mandate type is recurring" reads the type's behaviour in
            # another table, which a CHECK cannot: a trigger (resolutions migration) enforces it in
            # the database, Action.clean() in forms and the loader.
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.mandate_type_id:
            recurring = self.mandate_type.is_recurring
            if recurring and not self.recurrence:
                raise ValidationError(
                    {"recurrence": _("A recurring mandate type needs its interval.")}
                )
            if self.recurrence and not recurring:
                raise ValidationError(
                    {"recurrence": _("Only an action of a recurring mandate type has an interval.")}
                )
        adopted = self.resolution.adopted_on if self.resolution_id else None
        if self.due_date and adopted and self.due_date < adopted:
            raise ValidationError(
                {
                    "due_date": _(
                        "The due date %(due)s is before the resolution was adopted "
                        "(%(adopted)s); a mandate cannot fall due before it exists."
                    )
                    % {"due": self.due_date, "adopted": adopted}
                }
            )
        self._clean_continuation()

    def _clean_continuation(self):
        earlier = self.continues
        if earlier is None:
            return
        if self.resolution_id and earlier.resolution_id == self.resolution_id:
            raise ValidationError(
                {
                    "continues": _(
                        "An action continues an action of an earlier resolution, not one of "
                        "its own resolution."
                    )
                }
            )
        then = earlier.resolution.adopted_on
        now = self.resolution.adopted_on if self.resolution_id else None
        if then and now and then > now:
            raise ValidationError(
                {
                    "continues": _(
                        "%(earlier)s was adopted on %(then)s, after %(later)s (%(now)s): an "
                        "action continues one of an earlier resolution."
                    )
                    % {
                        "earlier": earlier.resolution.symbol,
                        "then": then,
                        "later": self.resolution.symbol,
                        "now": now,
                    }
                }
            )

    def get_absolute_url(self):
        return reverse("action_detail", args=[self.pk])

    def lineage(self) -> list["Action"]:
        """The mandate across resolutions, earliest first: the actions this one continues, this
        one, and those that continue it (one line; a fork follows its first continuation)."""
        line: list[Action] = [self]
        seen = {self.pk}
        earlier = self.continues
        while earlier is not None and earlier.pk not in seen:
            line.insert(0, earlier)
            seen.add(earlier.pk)
            earlier = earlier.continues
        later = self.continued_by.order_by("pk").first()
        while later is not None and later.pk not in seen:
            line.append(later)
            seen.add(later.pk)
            later = later.continued_by.order_by("pk").first()
        return line

    @property
    def is_recurring(self):
        # An interval is set exactly when the mandate type is recurring (the database's trigger
        # and clean() hold it), so this needs no query for the type.
        return bool(self.recurrence)

    @property
    def done_means(self):
        return self.mandate_type.definition

    def get_mandate_type_display(self):
        return self.mandate_type.label


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
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")
    # The source dates it only relative to another event ("following the Conference"): the
    # stored date is the earliest it can be, and it is shown as "on or after" that day.
    AFTER = "after", _("On or after this day")


class OccurrenceQuerySet(models.QuerySet):
    def on_or_before(self, as_of):
        return self.filter(start_date__lte=as_of)

    def newest_first(self):
        return self.order_by("-start_date", "-id")

    def with_sources(self):
        return self.select_related("action__resolution").prefetch_related("sources")

    def change_events(self):
        """One row per occurrence in the shape StatusUpdateQuerySet.change_events() uses, so the
        two can be UNIONed into one query: the dates on which a roll-up can change."""
        return (
            self.annotate(
                ev_resolution=F("action__resolution_id"),
                ev_day=F("start_date"),
                ev_kind=Value("occurrence"),
                ev_count=Value(1),
                ev_label=F("title"),
                ev_action=F("action_id"),
                ev_recurrence=F("action__recurrence"),
                ev_precision=F("date_precision"),
                ev_end=F("end_date"),
                ev_place=F("place"),
                ev_adopted=F("action__resolution__adopted_on"),
            )
            .order_by()
            .values_list(*EVENT_COLUMNS)
        )


# Column order of change-event rows (see change_events()).
EVENT_COLUMNS = (
    "ev_resolution",
    "ev_day",
    "ev_kind",
    "ev_count",
    "ev_label",
    "ev_action",
    "ev_recurrence",
    "ev_precision",
    "ev_end",
    "ev_place",
    "ev_adopted",
)


class Occurrence(ReviewedFact, VersionedModel):
    """One instance of something an action produces: a year's conference, a meeting of a body,
    a training session. Staff record it as a draft; it is public once a second person publishes
    it (models/facts.py). `objects` sees published occurrences only, `all_objects` all."""

    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Conference")
        MEETING = "meeting", _("Meeting")
        TRAINING = "training", _("Training session")
        OTHER = "other", _("Other")

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="occurrences")
    key = models.SlugField(
        max_length=80, blank=True, help_text=_("Stable identifier within the action (data files).")
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    title = models.CharField(max_length=300)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_(
            "When a source gives only the month or year, the date is its first day; "
            "'on or after' when it gives only the event it followed (the date is that event's)."
        ),
    )
    place = models.CharField(max_length=200, blank=True)
    theme = models.CharField(max_length=500, blank=True)
    participants_count = models.PositiveIntegerField(null=True, blank=True)
    participants_count_is_minimum = models.BooleanField(
        default=False, help_text=_("The source says 'more than' this number.")
    )
    member_states_count = models.PositiveSmallIntegerField(null=True, blank=True)
    participation_note = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    sources = models.ManyToManyField(SourceDocument, related_name="occurrences", blank=True)

    objects = published_only(OccurrenceQuerySet)()
    all_objects = OccurrenceQuerySet.as_manager()

    translations = GenericRelation("resolutions.TextTranslation")

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
            *fact_constraints("occurrence"),
        ]
        indexes = [models.Index(fields=["action", "start_date"], name="occurrence_action_date")]

    def __str__(self):
        # The day as the reader writes it (admin titles, history, "All recent changes").
        return f"{self.title} ({format_day(self.start_date, 'medium')})"
