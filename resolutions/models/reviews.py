"""A review record: "an officer checked the sources for this action on this date".

It tells "nothing happened since 2018" apart from "nobody has looked since 2018". A review does
not change an action's status (a status change is a status update); it says that someone
checked the sources on `reviewed_on` and found no change, with the evidence they looked at.

It goes through the same editorial workflow as a status update (draft → submitted → published,
or back to draft with a reason; see resolutions/reviews.py) and only published reviews are
public. Once submitted it is append-only: a correction is a new review.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..dates import format_day
from .actions import Action, Occurrence
from .sources import SourceDocument
from .status_updates import AppendOnlyError, State, Verification
from .versioning import VersionedModel

REVIEW_WORKFLOW_FIELDS = frozenset(
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
        "version",
    }
)


class ActionReviewQuerySet(models.QuerySet):
    def public(self):
        """The single gate for reviews, like StatusUpdate.objects.public()."""
        return self.filter(state=State.PUBLISHED)

    def on_or_before(self, as_of):
        return self.filter(reviewed_on__lte=as_of)

    def newest_first(self):
        return self.order_by("-reviewed_on", "-recorded_at", "-id")

    def delete(self):
        raise AppendOnlyError("Reviews are append-only; record a new review instead.")

    def update(self, **kwargs):
        raise AppendOnlyError("Reviews are append-only; record a new review instead.")


class ActionReview(VersionedModel):
    """Someone checked the sources for `action` on `reviewed_on` and found no change."""

    State = State
    Verification = Verification

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(help_text=_("The date the sources were checked."))
    note = models.TextField(help_text=_("What was checked, and what it showed."))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="action_reviews",
    )
    author_name = models.CharField(
        max_length=200, help_text=_("Who recorded it, kept as written at the time.")
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    # --- Editorial workflow, as on StatusUpdate: written only by the services. ---------------
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.DRAFT, editable=False
    )
    verification = models.CharField(
        max_length=10, choices=Verification.choices, blank=True, editable=False
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
    review_note = models.TextField(blank=True, editable=False)

    objects = ActionReviewQuerySet.as_manager()

    class Meta:
        ordering = ["action", "-reviewed_on", "-recorded_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(note=""), name="action_review_has_note"),
            models.CheckConstraint(
                condition=~Q(author_name=""), name="action_review_has_author_name"
            ),
            models.CheckConstraint(
                condition=Q(state__in=State.values), name="action_review_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(state=State.PUBLISHED, published_at__isnull=False)
                | (~Q(state=State.PUBLISHED) & Q(published_at__isnull=True)),
                name="action_review_published_at_iff_published",
            ),
            models.CheckConstraint(
                condition=Q(state=State.PUBLISHED, verification__in=Verification.values)
                | (~Q(state=State.PUBLISHED) & Q(verification="")),
                name="action_review_verification_iff_published",
            ),
            models.CheckConstraint(
                condition=~Q(state=State.SUBMITTED) | Q(submitted_at__isnull=False),
                name="action_review_submitted_has_time",
            ),
            models.CheckConstraint(
                condition=Q(rejected_at__isnull=True, rejection_reason="")
                | (Q(rejected_at__isnull=False, state=State.DRAFT) & ~Q(rejection_reason="")),
                name="action_review_rejection_has_reason",
            ),
        ]
        indexes = [
            models.Index(
                fields=["action", "-reviewed_on", "-recorded_at", "-id"],
                name="action_review_latest",
            )
        ]

    def __str__(self):
        return _("%(action)s — reviewed on %(day)s") % {
            "action": self.action,
            "day": format_day(self.reviewed_on, "medium"),
        }

    @property
    def is_public(self):
        return self.state == State.PUBLISHED

    @classmethod
    def conflict_fields(cls):
        names = ("state", "verification", "rejection_reason")
        return cls.editable_fields() + [cls._meta.get_field(name) for name in names]

    def check_change_allowed(self, stored, update_fields):
        if stored.state == State.DRAFT:
            return
        if (
            stored.state == State.SUBMITTED
            and update_fields is not None
            and set(update_fields) <= REVIEW_WORKFLOW_FIELDS
        ):
            return
        raise AppendOnlyError("Reviews are append-only once submitted; record a new review.")

    def delete(self, *args, **kwargs):
        stored = type(self)._base_manager.filter(pk=self.pk).values_list("state", flat=True)
        if list(stored) != [State.DRAFT]:
            raise AppendOnlyError("Reviews are append-only; record a new review instead.")
        return super().delete(*args, **kwargs)


class ReviewEvidence(models.Model):
    """What a review looked at: a source document, a recorded meeting, or a URL."""

    review = models.ForeignKey(ActionReview, on_delete=models.CASCADE, related_name="evidence")
    source = models.ForeignKey(
        SourceDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    occurrence = models.ForeignKey(
        Occurrence, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    url = models.URLField(max_length=500, blank=True)
    title = models.CharField(max_length=300, blank=True)
    locator = models.CharField(max_length=200, blank=True)
    quote = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "review evidence"
        ordering = ["review", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(source__isnull=False) | Q(occurrence__isnull=False) | ~Q(url=""),
                name="review_evidence_points_somewhere",
                violation_error_message="Evidence needs a source document, a meeting or a URL.",
            )
        ]

    def __str__(self):
        return self.display_title

    def save(self, *args, **kwargs):
        if not self._state.adding and not self._review_is_draft():
            raise AppendOnlyError("Evidence of a submitted review cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if not self._review_is_draft():
            raise AppendOnlyError("Evidence of a submitted review cannot be removed.")
        return super().delete(*args, **kwargs)

    def _review_is_draft(self):
        state = ActionReview._base_manager.filter(pk=self.review_id).values_list("state", flat=True)
        return list(state) == [State.DRAFT]

    @property
    def display_title(self):
        if self.title:
            return self.title
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
