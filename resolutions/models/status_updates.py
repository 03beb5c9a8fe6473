from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Count, F, Q, Value
from django.utils import timezone

from ..status import PROGRESS_ALLOWED, Status
from .actions import EVENT_COLUMNS, Action, Occurrence
from .resolution import Resolution
from .sources import SourceDocument


class AppendOnlyError(Exception):
    """Raised when code tries to edit or delete a recorded status update."""


class StatusUpdateQuerySet(models.QuerySet):
    def public(self):
        # The single gate for what may be shown publicly. Every read path (pages, roll-up,
        # exports) filters through it, so a future publication workflow changes one place.
        return self

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
            self.values(ev_resolution=F("action__resolution_id"), ev_day=F("as_of"))
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
                "evidence", queryset=Evidence.objects.select_related("source", "occurrence")
            )
        )

    def delete(self):
        raise AppendOnlyError("Status updates are append-only; record a correction instead.")

    def update(self, **kwargs):
        raise AppendOnlyError("Status updates are append-only; record a correction instead.")


class StatusUpdate(models.Model):
    """An assessment of an action at a date. Append-only: corrections are new updates."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="status_updates")
    status = models.CharField(max_length=20, choices=Status.choices)
    progress = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(100, "Progress is a percentage between 0 and 100.")],
        help_text="0–100, only where a sourced figure exists.",
    )
    as_of = models.DateField(help_text="The date the assessment describes.")
    note = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="status_updates",
    )
    author_name = models.CharField(
        max_length=200, help_text="Who recorded it, kept as written at the time."
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)
    import_key = models.CharField(
        max_length=80,
        blank=True,
        editable=False,
        help_text="Identifies an update that came from a data file, so reloading is idempotent.",
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
                condition=~Q(status=Status.COMPLETED)
                | Q(progress__isnull=True)
                | Q(progress=100),
                name="status_update_completed_is_100",
                violation_error_message="A completed action is at 100%% progress.",
            ),
            models.CheckConstraint(condition=~Q(note=""), name="status_update_has_note"),
            models.CheckConstraint(
                condition=~Q(author_name=""), name="status_update_has_author_name"
            ),
        ]
        indexes = [
            models.Index(
                fields=["action", "-as_of", "-recorded_at", "-id"], name="status_update_latest"
            )
        ]

    def __str__(self):
        return f"{self.action} — {self.get_status_display()} as of {self.as_of}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("Status updates are append-only; record a correction instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Status updates are append-only; record a correction instead.")


class Evidence(models.Model):
    """What a status update rests on: a source document, a recorded meeting, or a URL."""

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
        max_length=200, blank=True, help_text="Page, paragraph or section within the source."
    )
    quote = models.TextField(blank=True, help_text="The words relied on, verbatim.")

    class Meta:
        verbose_name_plural = "evidence"
        ordering = ["status_update", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(source__isnull=False) | Q(occurrence__isnull=False) | ~Q(url=""),
                name="evidence_points_somewhere",
                violation_error_message="Evidence needs a source document, a meeting or a URL.",
            )
        ]

    def __str__(self):
        return self.display_title

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("Evidence of a recorded status update cannot be changed.")
        super().save(*args, **kwargs)

    def clean(self):
        if not self.source_id and not self.occurrence_id and not self.url:
            raise ValidationError("Evidence needs a source document, a meeting or a URL.")

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
