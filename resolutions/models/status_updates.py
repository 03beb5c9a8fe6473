from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ..dates import format_day
from ..status import PROGRESS_ALLOWED, RECORDABLE_CHOICES, Status
from .actions import EVENT_COLUMNS, Action, Occurrence
from .resolution import Resolution
from .sources import SourceDocument
from .versioning import VersionedModel


class AppendOnlyError(Exception):
    """Raised when code tries to edit or delete a recorded status update."""


class State(models.TextChoices):
    """Where an update stands in the editorial workflow (workflow/services.py).

    draft → submitted → published, or submitted → draft again with a rejection reason. Only
    published updates are public; submitted and published updates can no longer be edited.
    """

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    PUBLISHED = "published", _("Published")


class Verification(models.TextChoices):
    """How far a published update has been checked, shown next to it on public pages."""

    REPORTED = "reported", _("Reported")
    VERIFIED = "verified", _("Verified")


VERIFICATION_DEFINITIONS = {
    Verification.REPORTED: _(
        "Self-assessed by the responsible actor and published as reported; the tracker has not "
        "confirmed it against the evidence."
    ),
    Verification.VERIFIED: _("Confirmed by a reviewer against the cited evidence."),
}

# The longest note a status update may carry (README "The domain"): a note says what the evidence
# shows, in a paragraph or two; the evidence itself carries the detail.
NOTE_MAX_LENGTH = 5000

# The fields a workflow step writes. Once an update has left the draft state, saving anything
# else is refused (see StatusUpdate.check_change_allowed).
WORKFLOW_FIELDS = frozenset(
    {
        "state",
        "verification",
        "submitted_at",
        "submitted_by",
        "published_at",
        "published_by",
        "rejected_at",
        "rejected_by",
        "rejection_reason",
        "review_note",
        "verified_at",
        "verified_by",
        "superseded_by",
        "version",
    }
)

# What a later verification writes on a PUBLISHED update (see check_change_allowed; the only
# other write is the link to the correction that superseded it). Its content never changes.
VERIFY_FIELDS = frozenset({"verification", "verified_at", "verified_by", "review_note"})


class StatusUpdateQuerySet(models.QuerySet):
    def public(self):
        # The single gate for what may be shown publicly. Every read path (pages, roll-up,
        # exports, API, as-of views) filters through it: drafts and updates awaiting review
        # never leave the admin.
        return self.filter(state=State.PUBLISHED)

    def unpublished(self):
        return self.exclude(state=State.PUBLISHED)

    def current(self):
        """Updates no published correction has superseded: what statuses and roll-ups read.
        (Superseded ones stay public, shown struck through with a link to their correction.)"""
        return self.filter(superseded_by__isnull=True)

    def on_or_before(self, as_of):
        return self.filter(as_of__lte=as_of)

    def newest_first(self):
        # "Latest" is by as-of date; ties go to the most recently recorded correction.
        return self.order_by("-as_of", "-recorded_at", "-id")

    def listed(self):
        """Updates of actions whose resolution public pages show."""
        return self.filter(action__resolution__in=Resolution.objects.listed())

    def change_events(self):
        """Distinct (resolution, as-of date) pairs with the number of updates, in the row shape
        of OccurrenceQuerySet.change_events(), so that both UNION into one query."""
        none = Value(None, output_field=models.CharField())
        return (
            self.values(
                ev_resolution=F("action__resolution_id"),
                ev_day=F("as_of"),
                ev_adopted=F("action__resolution__adopted_on"),
            )
            .annotate(
                ev_kind=Value("update"),
                ev_count=Count("pk"),
                ev_label=Value(""),
                ev_action=Value(None, output_field=models.BigIntegerField()),
                ev_recurrence=Value(""),
                ev_precision=Value("day"),
                ev_end=Value(None, output_field=models.DateField()),
                ev_place=none,
            )
            .order_by()
            .values_list(*EVENT_COLUMNS)
        )

    def timeline(self):
        return self.select_related("author").prefetch_related(
            models.Prefetch(
                "evidence",
                queryset=Evidence.objects.select_related(
                    "source", "occurrence__action__resolution"
                ),
            )
        )

    def delete(self):
        raise AppendOnlyError("Status updates are append-only; record a correction instead.")

    def update(self, **kwargs):
        raise AppendOnlyError("Status updates are append-only; record a correction instead.")


class StatusUpdate(VersionedModel):
    """An assessment of an action at a date.

    Written as a draft, submitted for review, then published (see workflow/services.py).
    Append-only once submitted: a submitted update changes only through workflow steps, a
    published one never; corrections are new updates. Only its author edits a draft.
    """

    State = State
    Verification = Verification

    translations = GenericRelation("resolutions.TextTranslation")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="status_updates")
    status = models.CharField(max_length=20, choices=RECORDABLE_CHOICES)
    progress = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(100, _("Progress is a percentage between 0 and 100."))],
        help_text=_("0–100, only where a sourced figure exists."),
    )
    as_of = models.DateField(help_text=_("The date the assessment describes."))
    note = models.TextField(
        max_length=NOTE_MAX_LENGTH,
        validators=[MaxLengthValidator(NOTE_MAX_LENGTH)],
        help_text=format_lazy(
            _("At most {n} characters; the evidence carries the detail."), n=NOTE_MAX_LENGTH
        ),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="status_updates",
    )
    author_name = models.CharField(
        max_length=200, help_text=_("Who recorded it, kept as written at the time.")
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)
    import_key = models.CharField(
        max_length=80,
        blank=True,
        editable=False,
        help_text=_("Identifies an update that came from a data file, so reloading is idempotent."),
    )

    # --- Editorial workflow. Written only by the workflow services, never by a form. ---------
    # A new update is a draft: nothing is public until a reviewer publishes it.
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.DRAFT, editable=False
    )
    verification = models.CharField(
        max_length=10,
        choices=Verification.choices,
        blank=True,
        editable=False,
        help_text=_(
            "Set when published: reported (self-assessed by the responsible actor) or "
            "verified (confirmed against the evidence by a reviewer)."
        ),
    )
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        help_text=_("The reviewer; empty for updates loaded from a data file."),
    )
    rejected_at = models.DateTimeField(null=True, blank=True, editable=False)
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    rejection_reason = models.TextField(blank=True, editable=False)
    review_note = models.TextField(
        blank=True, editable=False, help_text=_("The note given with the last workflow step.")
    )
    # Who confirmed it against the evidence, and when: at publication ("verified"), or later,
    # as a review step on an update first published as reported. Empty for data-file updates.
    verified_at = models.DateTimeField(null=True, blank=True, editable=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    # --- Corrections. A correction is a new update that names the published one it corrects;
    # when the correction is published, the corrected one is superseded: still public, shown
    # struck through with a link, and no longer read by statuses and roll-ups.
    corrects = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
        help_text=_("The published update this one corrects (“Correct this update”)."),
    )
    superseded_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        help_text=_("The published correction that replaced this update."),
    )

    objects = StatusUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["action", "-as_of", "-recorded_at", "-id"]
        get_latest_by = ["as_of", "recorded_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "import_key"],
                condition=~Q(import_key=""),
                name="status_update_import_key_unique",
            ),
            models.CheckConstraint(
                condition=Q(progress__isnull=True) | Q(progress__gte=0, progress__lte=100),
                name="status_update_progress_range",
                violation_error_message="Progress is a percentage between 0 and 100.",
            ),
            models.CheckConstraint(
                condition=Q(progress__isnull=True)
                | Q(status__in=[s.value for s in PROGRESS_ALLOWED]),
                name="status_update_progress_only_when_meaningful",
                violation_error_message="Progress is only recorded for in progress, delayed, "
                "completed or ongoing.",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.COMPLETED) | Q(progress__isnull=True) | Q(progress=100),
                name="status_update_completed_is_100",
                violation_error_message="A completed action is at 100%% progress.",
            ),
            models.CheckConstraint(condition=~Q(note=""), name="status_update_has_note"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("note"), NOTE_MAX_LENGTH),
                name="status_update_note_length",
                violation_error_message=f"A note is at most {NOTE_MAX_LENGTH} characters.",
            ),
            models.CheckConstraint(
                condition=~Q(author_name=""), name="status_update_has_author_name"
            ),
            # Workflow invariants, kept by the database whatever code writes the row.
            models.CheckConstraint(
                condition=Q(state__in=State.values), name="status_update_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(state=State.PUBLISHED, published_at__isnull=False)
                | (~Q(state=State.PUBLISHED) & Q(published_at__isnull=True)),
                name="status_update_published_at_iff_published",
                violation_error_message="A published update has a publication time; an "
                "unpublished one has none.",
            ),
            models.CheckConstraint(
                condition=Q(state=State.PUBLISHED, verification__in=Verification.values)
                | (~Q(state=State.PUBLISHED) & Q(verification="")),
                name="status_update_verification_iff_published",
                violation_error_message="A published update is either reported or verified; "
                "an unpublished one is neither yet.",
            ),
            models.CheckConstraint(
                condition=~Q(state=State.SUBMITTED) | Q(submitted_at__isnull=False),
                name="status_update_submitted_has_time",
            ),
            models.CheckConstraint(
                condition=Q(rejected_at__isnull=True, rejection_reason="")
                | (Q(rejected_at__isnull=False, state=State.DRAFT) & ~Q(rejection_reason="")),
                name="status_update_rejection_has_reason",
                violation_error_message="A rejected update goes back to draft with the reason "
                "it was rejected.",
            ),
            models.CheckConstraint(
                condition=Q(superseded_by__isnull=True) | Q(state=State.PUBLISHED),
                name="status_update_superseded_only_when_published",
            ),
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(corrects=F("id")),
                name="status_update_does_not_correct_itself",
            ),
            models.CheckConstraint(
                condition=Q(verified_at__isnull=True) | Q(verification=Verification.VERIFIED),
                name="status_update_verified_at_only_when_verified",
            ),
        ]
        permissions = [
            ("publish_statusupdate", "Can publish or reject status updates (review)"),
            ("edit_any_draft", "Can edit and delete drafts recorded by others"),
        ]
        indexes = [
            # An action's latest update on a date: every status and roll-up query.
            models.Index(
                fields=["action", "-as_of", "-recorded_at", "-id"], name="status_update_latest"
            ),
            # The newest published updates of all actions: the dashboard's "what changed".
            models.Index(
                fields=["-as_of", "-recorded_at", "-id"],
                condition=Q(state=State.PUBLISHED),
                name="status_update_recent",
            ),
        ]

    def __str__(self):
        return _("%(action)s — %(status)s as of %(day)s") % {
            "action": self.action,
            "status": self.get_status_display(),
            "day": format_day(self.as_of, "medium"),
        }

    @property
    def is_public(self):
        return self.state == State.PUBLISHED

    @property
    def is_verified(self):
        return self.verification == Verification.VERIFIED

    @property
    def published_by_author(self):
        """Published by the person who wrote it: possible only when a one-person secretariat
        switched the second-reviewer rule off (settings.REQUIRE_SECOND_REVIEWER), and then
        shown publicly as not independently reviewed."""
        return self.published_by_id is not None and self.published_by_id == self.author_id

    @property
    def verification_definition(self):
        """One sentence for public pages: what "reported" or "verified" means."""
        return VERIFICATION_DEFINITIONS.get(self.verification, "")

    @classmethod
    def conflict_fields(cls):
        # Where it stands in the workflow matters as much as its content.
        names = ("state", "verification", "rejection_reason")
        return cls.editable_fields() + [cls._meta.get_field(name) for name in names]

    def clean(self):
        super().clean()
        check_as_of(self)
        check_corrects(self)

    def check_change_allowed(self, stored, update_fields):
        # A draft is its author's working copy. Once submitted, only a workflow step may write
        # (and only workflow fields); once published, nothing may.
        if stored.state == State.DRAFT:
            return
        if stored.state == State.PUBLISHED and update_fields is not None:
            # Two steps only: a reported update verified later, and the link to the published
            # correction that superseded it, each once.
            fields = set(update_fields) - {"version"}
            verifying = (
                stored.verification == Verification.REPORTED
                and self.verification == Verification.VERIFIED
                and fields <= VERIFY_FIELDS
            )
            superseding = (
                stored.superseded_by_id is None
                and self.superseded_by_id is not None
                and fields == {"superseded_by"}
            )
            if verifying or superseding:
                return
        if (
            stored.state == State.SUBMITTED
            and update_fields is not None
            and set(update_fields) <= WORKFLOW_FIELDS
        ):
            return
        raise AppendOnlyError(
            _("Status updates are append-only once submitted; record a correction instead.")
        )

    def delete(self, *args, **kwargs):
        # Drafts may be thrown away (the audit trail keeps them); anything submitted stays.
        stored = type(self)._base_manager.filter(pk=self.pk).values_list("state", flat=True)
        if list(stored) != [State.DRAFT]:
            raise AppendOnlyError("Status updates are append-only; record a correction instead.")
        return super().delete(*args, **kwargs)


def check_as_of(update):
    """An assessment describes a day between its resolution's adoption and today."""
    if update.as_of is None or update.action_id is None:
        return
    today = timezone.localdate()
    if update.as_of > today:
        raise ValidationError(
            {
                "as_of": _("The as-of date %(day)s is in the future; today is %(today)s.")
                % {"day": update.as_of, "today": today}
            }
        )
    adopted = update.action.resolution.adopted_on
    if adopted and update.as_of < adopted:
        raise ValidationError(
            {
                "as_of": _(
                    "The as-of date %(day)s is before the resolution was adopted (%(adopted)s); "
                    "nothing can be implemented before adoption."
                )
                % {"day": update.as_of, "adopted": adopted}
            }
        )


def check_corrects(update):
    """A correction names a published, not yet superseded update of the same action."""
    if update.corrects_id is None:
        return
    corrected = update.corrects
    if update.pk is not None and corrected.pk == update.pk:
        raise ValidationError({"corrects": _("An update cannot correct itself.")})
    if corrected.state != State.PUBLISHED:
        raise ValidationError({"corrects": _("Only a published update can be corrected.")})
    if update.action_id is not None and corrected.action_id != update.action_id:
        raise ValidationError({"corrects": _("A correction is about the same action.")})
    if corrected.superseded_by_id is not None and corrected.superseded_by_id != update.pk:
        raise ValidationError(
            {"corrects": _("That update was already corrected; correct the correction instead.")}
        )


class Evidence(models.Model):
    """What a status update rests on: a source document, a recorded meeting, or a URL."""

    translations = GenericRelation("resolutions.TextTranslation")
    status_update = models.ForeignKey(
        StatusUpdate, on_delete=models.CASCADE, related_name="evidence"
    )
    source = models.ForeignKey(
        SourceDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="evidence"
    )
    occurrence = models.ForeignKey(
        Occurrence, null=True, blank=True, on_delete=models.PROTECT, related_name="evidence"
    )
    url = models.URLField(max_length=500, blank=True)
    title = models.CharField(max_length=300, blank=True)
    locator = models.CharField(
        max_length=200, blank=True, help_text=_("Page, paragraph or section within the source.")
    )
    quote = models.TextField(blank=True, help_text=_("The words relied on, verbatim."))
    file = models.FileField(
        upload_to="evidence/%Y/%m/",
        max_length=300,
        blank=True,
        help_text=_(
            "A PDF, DOCX, XLSX or image (see README for the size limit). Its SHA-256 is "
            "stored and shown so the citation can be checked later."
        ),
    )
    file_type = models.CharField(max_length=5, blank=True, editable=False)
    file_sha256 = models.CharField(
        "SHA-256", max_length=64, blank=True, editable=False, help_text=_("Of the file's bytes.")
    )

    class Meta:
        verbose_name_plural = "evidence"
        ordering = ["status_update", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(source__isnull=False)
                | Q(occurrence__isnull=False)
                | ~Q(url="")
                | ~Q(file=""),
                name="evidence_points_somewhere",
                violation_error_message="Evidence needs a source document, a meeting, a URL or "
                "a file.",
            ),
            models.CheckConstraint(
                condition=Q(file="", file_sha256="") | (~Q(file="") & ~Q(file_sha256="")),
                name="evidence_file_has_checksum",
            ),
        ]

    def __str__(self):
        return self.display_title

    def save(self, *args, **kwargs):
        # Append-only like its update: more evidence may be added, but a recorded piece changes
        # only while its update is still a draft.
        if not self._state.adding and not self._update_is_draft():
            raise AppendOnlyError("Evidence of a submitted status update cannot be changed.")
        if self.file and not self.file._committed:
            # A new upload: what it is and its checksum come from its bytes.
            from ..evidence_files import check

            self.file_type, self.file_sha256 = check(self.file)
        elif not self.file:
            self.file_type, self.file_sha256 = "", ""
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if not self._update_is_draft():
            raise AppendOnlyError("Evidence of a submitted status update cannot be removed.")
        return super().delete(*args, **kwargs)

    def _update_is_draft(self):
        state = StatusUpdate._base_manager.filter(pk=self.status_update_id).values_list(
            "state", flat=True
        )
        return list(state) == [State.DRAFT]

    def clean(self):
        if not self.source_id and not self.occurrence_id and not self.url and not self.file:
            raise ValidationError("Evidence needs a source document, a meeting, a URL or a file.")
        if self.file and not self.file._committed:
            from ..evidence_files import check

            self.file_type, self.file_sha256 = check(self.file)

    @property
    def file_name(self):
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""

    @property
    def display_title(self):
        if self.title:
            return self.title
        if self.file:
            return self.file_name
        if self.source_id:
            return self.source.title
        if self.occurrence_id:
            return self.occurrence.title
        return self.url

    @property
    def link(self):
        if self.url:
            return self.url
        if self.source_id and self.source.url:
            return self.source.url
        return ""
