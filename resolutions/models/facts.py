"""The editorial workflow for sourced facts that staff record: occurrences, participations and
sourced figures (issue #12, four eyes on everything public).

Like status updates they go draft → submitted → published (or back to draft with a reason),
and nobody publishes what they recorded themselves (workflow/fact_services.py). Facts from
data files and the trusted paths are published as they are loaded (the field's default); the
admin and the services create drafts.

Their default manager (`objects`) returns **published** facts only, so every public read path
(pages, roll-up, exports, API, related managers such as `action.occurrences`) sees only what a
second person published; `all_objects` sees drafts too, for the admin, the services and the
loader.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PUBLISHED = "published"


class FactState(models.TextChoices):
    # The same values as the status updates' State (status_updates.py).
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted for review"
    PUBLISHED = "published", "Published"


def published_only(queryset_class, condition=None):
    """A manager class over `queryset_class` that returns published facts only (and, with
    `condition`, only those also meeting it, e.g. a published occurrence)."""

    class PublishedManager(models.Manager.from_queryset(queryset_class)):
        def get_queryset(self):
            queryset = super().get_queryset().filter(state=PUBLISHED)
            return queryset.filter(condition) if condition is not None else queryset

    PublishedManager.__name__ = f"Published{queryset_class.__name__}Manager"
    return PublishedManager


class ReviewedFact(models.Model):
    """Workflow fields shared by occurrences, participations and sourced figures."""

    state = models.CharField(
        max_length=10, choices=FactState.choices, default=FactState.PUBLISHED, editable=False
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        help_text=_("Who recorded it in the admin; empty for data-file records."),
    )
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
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

    class Meta:
        abstract = True

    @property
    def is_public(self):
        return self.state == PUBLISHED


def fact_constraints(prefix):
    return [
        models.CheckConstraint(
            condition=Q(state__in=FactState.values), name=f"{prefix}_state_valid"
        ),
        models.CheckConstraint(
            condition=Q(rejected_at__isnull=True, rejection_reason="")
            | (Q(rejected_at__isnull=False, state=FactState.DRAFT) & ~Q(rejection_reason="")),
            name=f"{prefix}_rejection_has_reason",
            violation_error_message="A rejected record goes back to draft with the reason.",
        ),
    ]


WORKFLOW_FIELDS = (
    "state",
    "submitted_at",
    "published_at",
    "published_by",
    "rejected_at",
    "rejected_by",
    "rejection_reason",
)


class FactCorrection(ReviewedFact):
    """A correction of a published fact (an occurrence, a participation, a sourced figure or a
    Member State's role). Published facts are never edited in place, whatever the role: one
    person proposes the changes with the reason, a second publishes them
    (workflow/fact_corrections.py), and only then are they written onto the fact, in its audit
    trail. Until then the public sees the fact as it was. Never public itself."""

    state = models.CharField(
        max_length=10, choices=FactState.choices, default=FactState.DRAFT, editable=False
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+", editable=False
    )
    object_id = models.PositiveBigIntegerField(editable=False)
    fact = GenericForeignKey("content_type", "object_id")
    changes = models.JSONField(
        editable=False, help_text=_("The fields the correction changes and their new values.")
    )
    previous = models.JSONField(
        default=dict, editable=False, help_text=_("Their values when it was proposed.")
    )
    reason = models.TextField(help_text=_("Why the published record is wrong, and the source."))
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    # Never public: both see every correction (all_objects as for the other facts).
    objects = models.Manager()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            *fact_constraints("fact_correction"),
            models.CheckConstraint(condition=~Q(reason=""), name="fact_correction_has_reason"),
        ]

    def __str__(self):
        return f"Correction of {self.content_type.name} “{self.fact}”"

    @property
    def action(self):
        """The action the corrected fact belongs to (editor assignments are by action)."""
        fact = self.fact
        return fact.occurrence.action if hasattr(fact, "occurrence") else fact.action
