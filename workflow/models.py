"""Which resolutions or mandate types an Editor may work on (see workflow/roles.py)."""

import simple_history
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from resolutions.models import MandateType, Resolution
from resolutions.models.audit import AuditedRecords


class EditorAssignment(models.Model):
    """Limits a user to some resolutions and/or mandate types.

    A user with no assignment is not limited. With one or more, the user may draft only on
    actions that match at least one of them; a row matches an action when its resolution (if
    set) and its mandate type (if set) both match. A row with neither set allows everything.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="editor_assignments"
    )
    resolution = models.ForeignKey(
        Resolution,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="editor_assignments",
        help_text=_("Leave empty for every resolution."),
    )
    # A mandate type's code, or blank for every type. Not a foreign key: blank means "any",
    # and a NULL would make the unique constraints below let "any" be assigned twice. The code
    # is checked against the vocabulary in clean() (and the admin offers only its codes).
    mandate_type = models.CharField(
        max_length=40,
        blank=True,
        help_text=_("Leave empty for every mandate type."),
    )
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["user", "resolution", "mandate_type"]
        constraints = [
            # Two conditional constraints, because NULLs are distinct in a unique index.
            models.UniqueConstraint(
                fields=["user", "resolution", "mandate_type"],
                condition=Q(resolution__isnull=False),
                name="editor_assignment_unique",
            ),
            models.UniqueConstraint(
                fields=["user", "mandate_type"],
                condition=Q(resolution__isnull=True),
                name="editor_assignment_unique_any_resolution",
            ),
        ]

    def __str__(self):
        scope = " / ".join(
            part
            for part in (
                self.resolution.symbol if self.resolution_id else "",
                self.mandate_type_label if self.mandate_type else "",
            )
            if part
        )
        return f"{self.user} — {scope or 'everything'}"

    @property
    def mandate_type_label(self):
        term = MandateType.objects.filter(pk=self.mandate_type).first()
        return term.label if term else self.mandate_type

    def clean(self):
        super().clean()
        if self.mandate_type and not MandateType.objects.filter(pk=self.mandate_type).exists():
            raise ValidationError(
                {"mandate_type": _("No mandate type has this code in the vocabulary.")}
            )

    def as_q(self, prefix=""):
        """The actions this row allows, as a filter on Action (or on `prefix`action)."""
        condition = Q()
        if self.resolution_id:
            condition &= Q(**{f"{prefix}resolution_id": self.resolution_id})
        if self.mandate_type:
            condition &= Q(**{f"{prefix}mandate_type": self.mandate_type})
        return condition


# Who was given which scope, and when, is part of the audit trail too.
simple_history.register(EditorAssignment, records_class=AuditedRecords)


class NotificationPreference(models.Model):
    """A user's email settings: whether the tracker emails them at all (workflow notices and
    reminders), and in which language. A user without a row gets emails in English."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email_enabled = models.BooleanField(
        default=True, help_text=_("Untick to receive no email from the tracker.")
    )
    language = models.CharField(
        max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    def __str__(self):
        return f"{self.user}: {'emails on' if self.email_enabled else 'emails off'}"
