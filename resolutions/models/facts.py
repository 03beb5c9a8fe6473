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
from django.db import models
from django.db.models import Q

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
        help_text="Who recorded it in the admin; empty for data-file records.",
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
