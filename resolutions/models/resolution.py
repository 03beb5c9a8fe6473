from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .provenance import Provenance
from .sources import SourceDocument
from .versioning import VersionedModel
from .vocabularies import Addressee, OperativeVerb, TermForeignKey


class ResolutionQuerySet(models.QuerySet):
    def listed(self):
        """Resolutions shown on public pages. Synthetic (generated) resolutions stay out unless
        the SHOW_SYNTHETIC_RESOLUTIONS setting allows them, so demo data never mixes silently
        with real mandates."""
        from django.conf import settings

        if settings.SHOW_SYNTHETIC_RESOLUTIONS:
            return self
        return self.filter(is_synthetic=False)


class Vote(models.TextChoices):
    """How the resolution was adopted, as a source states it."""

    NOT_STATED = "not_stated", _("Not stated by the sources")
    RECORDED = "recorded_vote", _("Recorded vote")
    WITHOUT_VOTE = "without_vote", _("Adopted without a vote")
    CONSENSUS = "consensus", _("Adopted by consensus")


class Resolution(VersionedModel):
    symbol = models.CharField(
        max_length=60, unique=True, help_text=_("As printed, e.g. 53/45-POL.")
    )
    slug = models.SlugField(
        max_length=80, unique=True, help_text=_("Used in URLs, e.g. 53-45-pol.")
    )
    title = models.CharField(max_length=500)
    # The stored (English) title is quoted from a source like any other fact: for 53/45-POL it
    # comes from a Turkish press release, and which language's text is the original is unknown.
    title_source = models.ForeignKey(
        SourceDocument,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The source the title above is quoted from (verbatim)."),
    )
    title_locator = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("Where in that source the title is printed, e.g. the sentence quoting it."),
    )
    adopting_body = models.CharField(
        max_length=200, help_text=_("e.g. Council of Foreign Ministers")
    )
    body = models.ForeignKey(
        "resolutions.Body",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resolutions",
        help_text=_(
            "The body whose members 'Member States' means in this resolution (e.g. the "
            "OIC for a resolution of its Council of Foreign Ministers)."
        ),
    )
    session = models.CharField(max_length=200, help_text=_("e.g. 45th session"))
    session_theme = models.CharField(max_length=300, blank=True)
    place = models.CharField(max_length=200, blank=True)
    adopted_on = models.DateField(null=True, blank=True, help_text=_("First day of adoption."))
    adopted_until = models.DateField(
        null=True, blank=True, help_text=_("Last day, when the session spans several days.")
    )
    # Shown beside the Gregorian dates, as the source writes them (never converted: conversions
    # disagree by a day, and the sources already disagree with each other).
    adopted_hijri = models.CharField(
        max_length=120,
        blank=True,
        help_text=_(
            "The adoption date(s) in the Hijri calendar, verbatim from a source, e.g. "
            "يومي 19 و20 شعبان 1439ه."
        ),
    )
    adopted_hijri_source = models.ForeignKey(
        SourceDocument,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The source the Hijri date is quoted from."),
    )
    adoption_dates_note = models.TextField(
        blank=True, help_text=_("Other calendars or conflicting dates, with their sources.")
    )
    # Identity as UN and OIC documents print it. Blank (or "not stated") wherever no source
    # states it: nothing here is inferred from a numbering pattern or a neighbouring session.
    agenda_item = models.CharField(
        max_length=200, blank=True, help_text=_("As printed, e.g. 34 or 34 (a). Blank: not stated.")
    )
    draft_symbol = models.CharField(
        max_length=100,
        blank=True,
        help_text=_("The draft's symbol, as printed. Blank: not stated."),
    )
    document_symbol = models.CharField(
        max_length=100,
        blank=True,
        help_text=_("The adopted text's document symbol, as printed. Blank: not stated."),
    )
    issued_on = models.DateField(
        null=True, blank=True, help_text=_("The date the document was issued. Blank: not stated.")
    )
    vote = models.CharField(max_length=14, choices=Vote.choices, default=Vote.NOT_STATED)
    votes_for = models.PositiveIntegerField(null=True, blank=True)
    votes_against = models.PositiveIntegerField(null=True, blank=True)
    abstentions = models.PositiveIntegerField(null=True, blank=True)
    identity_source = models.ForeignKey(
        SourceDocument,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The source of the agenda item, symbols, issuing date and vote."),
    )
    summary = models.TextField(blank=True)
    sources = models.ManyToManyField(SourceDocument, blank=True, related_name="resolutions")
    data_file = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("The data file this resolution was last loaded from."),
    )
    is_synthetic = models.BooleanField(
        default=False,
        help_text=_("Generated demo or benchmark data, not a real resolution."),
    )

    objects = ResolutionQuerySet.as_manager()

    translations = GenericRelation("resolutions.TextTranslation")

    class Meta:
        ordering = ["symbol"]
        constraints = [
            models.CheckConstraint(
                condition=Q(adopted_until__isnull=True)
                | Q(adopted_on__isnull=False, adopted_until__gte=models.F("adopted_on")),
                name="resolution_adoption_dates_ordered",
                violation_error_message="The last adoption day cannot precede the first.",
            ),
            models.CheckConstraint(condition=~Q(slug=""), name="resolution_slug_not_empty"),
            models.CheckConstraint(
                condition=Q(title_locator="") | Q(title_source__isnull=False),
                name="resolution_title_locator_has_source",
                violation_error_message="A locator points into a source: give the title's "
                "source (title_source).",
            ),
            models.CheckConstraint(
                condition=Q(adopted_hijri="") | Q(adopted_hijri_source__isnull=False),
                name="resolution_hijri_date_has_source",
                violation_error_message="A Hijri date is quoted from a source: give the source.",
            ),
            # Every identity fact rests on a source; none is filled in by analogy.
            models.CheckConstraint(
                condition=(
                    Q(agenda_item="")
                    & Q(draft_symbol="")
                    & Q(document_symbol="")
                    & Q(issued_on__isnull=True)
                    & Q(vote=Vote.NOT_STATED)
                )
                | Q(identity_source__isnull=False),
                name="resolution_identity_has_source",
                violation_error_message="An agenda item, symbol, issuing date or vote is "
                "stated by a source: give the source (identity_source).",
            ),
            models.CheckConstraint(
                condition=Q(vote=Vote.RECORDED)
                | (
                    Q(votes_for__isnull=True)
                    & Q(votes_against__isnull=True)
                    & Q(abstentions__isnull=True)
                ),
                name="resolution_vote_counts_only_when_recorded",
                violation_error_message="Vote counts belong to a recorded vote.",
            ),
        ]

    def __str__(self):
        return f"{self.symbol} — {self.title}"

    def get_absolute_url(self):
        return reverse("resolution_detail", args=[self.slug])

    def member_states(self):
        """Its body's members on the adoption date (today when the date is not known); none
        when no body is recorded."""
        from .member_states import MemberState

        if self.body_id is None:
            return MemberState.objects.none()
        return self.body.members_on(self.adopted_on)

    def references(self):
        """(made, received): the links this resolution makes, and those that listed
        resolutions make to it, with what the pages show of each, in ONE query: the target's
        sources come through a join (one row per link and target source, grouped here) rather
        than a second query, so the page stays within its query budget."""
        from django.conf import settings

        rows = (
            ResolutionLink.objects.filter(
                Q(resolution=self) | Q(target=self, resolution__in=Resolution.objects.listed())
            )
            .select_related("resolution", "target", "paragraph", "source")
            .annotate(
                ts_title=models.F("target_sources__title"),
                ts_url=models.F("target_sources__url"),
            )
            .order_by("resolution__symbol", "order", "pk", "target_sources__key")
        )
        found: dict[int, ResolutionLink] = {}
        for row in rows:
            link = found.setdefault(row.pk, row)
            if not hasattr(link, "target_source_list"):
                link.target_source_list = []
                # The page links only to a target it may show (as ResolutionQuerySet.listed()).
                shown = link.target is not None and (
                    settings.SHOW_SYNTHETIC_RESOLUTIONS or not link.target.is_synthetic
                )
                link.shown_target = link.target if shown else None
            if row.ts_title:
                link.target_source_list.append({"title": row.ts_title, "url": row.ts_url})
        made = [link for link in found.values() if link.resolution_id == self.pk]
        received = [link for link in found.values() if link.resolution_id != self.pk]
        return made, received

    def cited_title_source(self, among=None):
        """The source the stored title is quoted from, looked up like hijri_source (no query
        when it is among the sources already fetched)."""
        if not self.title_source_id:
            return None
        among = self.sources.all() if among is None else among
        found = next((s for s in among if s.pk == self.title_source_id), None)
        return found or self.title_source

    def hijri_source(self, among=None):
        """The source of the Hijri date. It is nearly always one of the resolution's own sources,
        which pages and reports have fetched already (`among`, else the prefetched sources)."""
        if not self.adopted_hijri_source_id:
            return None
        among = self.sources.all() if among is None else among
        found = next((s for s in among if s.pk == self.adopted_hijri_source_id), None)
        return found or self.adopted_hijri_source


class LinkKind(models.TextChoices):
    """How a resolution refers to another one (read: "this resolution <kind> the target")."""

    RECALLS = "recalls", _("recalls")
    REAFFIRMS = "reaffirms", _("reaffirms")
    FOLLOWS_UP = "follows_up", _("follows up")
    SUPERSEDES = "supersedes", _("supersedes")


# How the target of a link reads it, on the target's own page ("recalled by" …).
LINK_KIND_INVERSE = {
    LinkKind.RECALLS: _("recalled by"),
    LinkKind.REAFFIRMS: _("reaffirmed by"),
    LinkKind.FOLLOWS_UP: _("followed up by"),
    LinkKind.SUPERSEDES: _("superseded by"),
}


class ResolutionLink(models.Model):
    """A typed, sourced reference from one resolution to another.

    The target is named by its symbol as the source prints it. When a resolution with that
    symbol is loaded in the tracker, `target` points to it (the loader sets it whichever of the
    two is loaded first); otherwise the link is an external reference, with only the details a
    source gives (body, title, adoption date, address), each resting on `target_sources`."""

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="links_out")
    kind = models.CharField(max_length=12, choices=LinkKind.choices)
    order = models.PositiveIntegerField(default=0)
    target_symbol = models.CharField(
        max_length=100, help_text=_("The target's symbol, as the source names it.")
    )
    target = models.ForeignKey(
        Resolution,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="links_in",
        help_text=_("The target, when it is a resolution loaded in the tracker."),
    )
    target_body = models.CharField(max_length=200, blank=True)
    target_title = models.CharField(max_length=500, blank=True)
    target_adopted_on = models.DateField(null=True, blank=True)
    target_url = models.URLField(max_length=500, blank=True)
    target_sources = models.ManyToManyField(
        SourceDocument,
        blank=True,
        related_name="+",
        help_text=_("Where the external target's title, date and address come from."),
    )
    paragraph = models.ForeignKey(
        "Paragraph",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="links",
        help_text=_("The paragraph that makes the reference, where known (e.g. PP3)."),
    )
    source = models.ForeignKey(
        SourceDocument,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The source that states the reference."),
    )
    locator = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["resolution", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "kind", "target_symbol"], name="resolution_link_unique"
            ),
            models.CheckConstraint(
                condition=~Q(target_symbol=""), name="resolution_link_names_its_target"
            ),
            models.CheckConstraint(
                condition=~Q(target=models.F("resolution")),
                name="resolution_link_not_to_itself",
                violation_error_message="A resolution does not link to itself.",
            ),
        ]

    def __str__(self):
        return f"{self.resolution.symbol} {self.get_kind_display()} {self.target_symbol}"

    @property
    def inverse_display(self):
        return LINK_KIND_INVERSE[LinkKind(self.kind)]


class ParagraphKind(models.TextChoices):
    PREAMBULAR = "preambular", _("Preambular")
    OPERATIVE = "operative", _("Operative")


class ParagraphQuerySet(models.QuerySet):
    def in_order(self):
        return self.order_by("order")

    def operative(self):
        return self.filter(kind=ParagraphKind.OPERATIVE)


class Paragraph(VersionedModel):
    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="paragraphs")
    number = models.CharField(
        max_length=20,
        help_text=_(
            "As printed: 4, 7, 5(b). Paragraphs the source does not number use their "
            "position: PP1, PP2… (preambular), OP1, OP2… (operative)."
        ),
    )
    number_is_positional = models.BooleanField(
        default=False,
        help_text=_(
            "The number is the paragraph's position among paragraphs of its kind (PP1, "
            "OP1…), not a number printed in the source."
        ),
    )
    order = models.PositiveIntegerField(help_text=_("Position in the resolution, for sorting."))
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_(
            "The paragraph this one is a sub-paragraph of (5 for 5(a)): same resolution, "
            "same kind, earlier in the order."
        ),
    )
    kind = models.CharField(max_length=12, choices=ParagraphKind.choices)
    operative_verb = TermForeignKey(
        OperativeVerb,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_column="operative_verb",
        help_text=_("Blank when unknown."),
    )
    operative_verb_other = models.CharField(max_length=60, blank=True)
    addressee = TermForeignKey(
        Addressee,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_column="addressee",
        help_text=_("Blank when unknown."),
    )
    addressee_detail = models.CharField(max_length=200, blank=True)
    summary = models.CharField(
        max_length=200, blank=True, help_text=_("A short description for tables.")
    )
    text = models.TextField(blank=True)
    text_provenance = models.CharField(
        max_length=12, choices=Provenance.choices, default=Provenance.UNKNOWN
    )
    text_source = models.ForeignKey(
        SourceDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text_source_locator = models.CharField(
        max_length=200, blank=True, help_text=_("Where in the source: page, section or session.")
    )
    provenance_note = models.TextField(
        blank=True, help_text=_("Why the text has this provenance, e.g. 'unofficial translation'.")
    )
    excluded_from_rollup = models.BooleanField(
        default=False,
        help_text=_(
            "Not applicable for the roll-up, e.g. a paragraph that only exhorts Member "
            "States. Shown publicly with the reason."
        ),
    )
    exclusion_reason = models.TextField(blank=True)

    objects = ParagraphQuerySet.as_manager()

    translations = GenericRelation("resolutions.TextTranslation")

    class Meta:
        ordering = ["resolution", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "number"], name="paragraph_number_unique_in_resolution"
            ),
            models.UniqueConstraint(
                fields=["resolution", "order"], name="paragraph_order_unique_in_resolution"
            ),
            # Text and provenance must agree: known text always names its source, and
            # "unknown" never carries text that a reader could mistake for the resolution's.
            models.CheckConstraint(
                condition=(Q(text_provenance=Provenance.UNKNOWN) & Q(text=""))
                | (
                    ~Q(text_provenance=Provenance.UNKNOWN)
                    & ~Q(text="")
                    & Q(text_source__isnull=False)
                ),
                name="paragraph_text_matches_provenance",
                violation_error_message="Text needs a source and a verbatim/paraphrase "
                "provenance; unknown text must be left empty.",
            ),
            models.CheckConstraint(
                condition=Q(excluded_from_rollup=False) | ~Q(exclusion_reason=""),
                name="paragraph_exclusion_has_reason",
                violation_error_message="Say why the paragraph is excluded from the roll-up.",
            ),
            models.CheckConstraint(
                condition=Q(kind=ParagraphKind.OPERATIVE)
                | (Q(operative_verb="") & Q(addressee="") & Q(excluded_from_rollup=False)),
                name="paragraph_preambular_has_no_operative_fields",
                violation_error_message="Only operative paragraphs have a verb, an addressee "
                "or a roll-up exclusion.",
            ),
            models.CheckConstraint(condition=~Q(number=""), name="paragraph_number_not_empty"),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")),
                name="paragraph_not_its_own_parent",
                violation_error_message="A paragraph is not a sub-paragraph of itself.",
            ),
            # A positional number says so by its form (PP… preambular, OP… operative), and an
            # OP… number is never taken for a printed one.
            models.CheckConstraint(
                condition=(
                    Q(number_is_positional=False)
                    | (Q(kind=ParagraphKind.OPERATIVE) & Q(number__startswith="OP"))
                    | (Q(kind=ParagraphKind.PREAMBULAR) & Q(number__startswith="PP"))
                )
                & (Q(number_is_positional=True) | ~Q(number__startswith="OP")),
                name="paragraph_positional_number_form",
                violation_error_message="A number by position is OP1, OP2… for operative and "
                "PP1, PP2… for preambular paragraphs, and an OP… number is always positional.",
            ),
        ]

    def clean(self):
        super().clean()
        parent = self.parent
        if parent is None:
            return
        if parent.resolution_id != self.resolution_id:
            raise ValidationError(
                {"parent": _("A sub-paragraph's parent is in the same resolution.")}
            )
        if parent.kind != self.kind:
            raise ValidationError({"parent": _("A sub-paragraph has its parent's kind.")})
        if self.order is not None and parent.order >= self.order:
            raise ValidationError({"parent": _("A sub-paragraph comes after its parent.")})

    def __str__(self):
        return f"{self.resolution.symbol} para. {self.number}"

    def get_absolute_url(self):
        return reverse("paragraph_detail", args=[self.resolution.slug, self.number])

    @property
    def is_operative(self):
        return self.kind == ParagraphKind.OPERATIVE

    @property
    def verb_display(self):
        if self.operative_verb_id == "other":
            return self.operative_verb_other
        return self.operative_verb.label if self.operative_verb_id else ""

    @property
    def addressee_display(self):
        label = self.addressee.label if self.addressee_id else ""
        if self.addressee_detail:
            return f"{label}: {self.addressee_detail}" if label else self.addressee_detail
        return label
