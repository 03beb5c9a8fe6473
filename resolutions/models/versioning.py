"""Optimistic locking: no lost updates when two people edit the same record at once.

Each versioned row carries a `version`, the number of changes saved since it was created. Whoever
saves must present the version they started from; if someone else saved in the meantime the save
is refused with a ConflictError that lists the differences, and nothing is written. The check is
made by the database, so it holds across gunicorn workers and machines:

- the row is read with SELECT … FOR UPDATE (PostgreSQL: a second writer waits for the first to
  commit, then sees the new version), and
- the version is claimed with a conditional UPDATE … WHERE version = <expected>, which is what
  makes the check atomic on SQLite, where FOR UPDATE does nothing.

Saving a record whose values did not change writes nothing (and so bumps no version and records
no audit entry): reloading a data file that has not changed leaves the database as it was.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, router, transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


def _shown(value, limit=80):
    text = "(empty)" if value in (None, "") else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _field_value(instance, field):
    """What a person would recognise: the related object's name, a choice's label."""
    if field.is_relation:
        return getattr(instance, field.name) if getattr(instance, field.attname) else None
    if field.choices:
        return getattr(instance, f"get_{field.name}_display")()
    return getattr(instance, field.attname)


class ConflictError(ValidationError):
    """The record changed since the caller read it. Nothing was saved.

    `changes` lists (field label, your value, saved value) for every field where what you tried
    to save differs from what is now stored; the message says the same in words.
    """

    def __init__(self, attempted, stored):
        self.attempted, self.stored = attempted, stored
        self.changes = []
        for field in attempted.conflict_fields():
            mine, theirs = _field_value(attempted, field), _field_value(stored, field)
            if mine != theirs:
                self.changes.append((str(field.verbose_name), mine, theirs))
        who = ""
        history = getattr(stored, "history", None)
        last = history.order_by("-history_date", "-history_id").first() if history else None
        if last is not None:
            by = last.history_user.get_username() if last.history_user_id else _("a data load")
            who = _(" by %(user)s at %(when)s") % {
                "user": by,
                "when": f"{last.history_date:%Y-%m-%d %H:%M:%S %Z}",
            }
        listed = "; ".join(
            _("%(field)s: your value “%(mine)s” → saved value “%(theirs)s”")
            % {"field": label, "mine": _shown(mine), "theirs": _shown(theirs)}
            for label, mine, theirs in self.changes
        )
        message = (
            _(
                "Someone else saved this %(record)s while you were editing it (version "
                "%(version)s%(who)s; you started from version %(start)s). Nothing was saved."
            )
            % {
                "record": stored._meta.verbose_name,
                "version": stored.version,
                "who": who,
                "start": attempted.version,
            }
            + " "
            + (_("Differences — %(list)s.") % {"list": listed} + " " if listed else "")
            + _("Reload the page to see the current values, then make your change again.")
        )
        self.text = message
        # A non-field error in dict form, so that forms show it above the fields and code that
        # reads `message_dict` (the data-file loader) handles it like any other refusal.
        super().__init__({NON_FIELD_ERRORS: [ValidationError(message, code="conflict")]})

    def __str__(self):
        return self.text


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text=gettext_lazy(
            "Number of changes saved since the record was created (optimistic locking)."
        ),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding or self.pk is None:
            return super().save(*args, **kwargs)
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        update_fields = kwargs.get("update_fields")
        model = type(self)
        with transaction.atomic(using=using):
            stored = model._base_manager.using(using).select_for_update().filter(pk=self.pk).first()
            if stored is None:  # deleted meanwhile: let Django decide (it inserts)
                return super().save(*args, **kwargs)
            self.check_change_allowed(stored, update_fields)
            if stored.version != self.version:
                raise ConflictError(self, stored)
            if not self.differs_from(stored, update_fields):
                return None
            # A plain QuerySet: some managers (status updates) refuse update() on principle.
            claimed = (
                models.QuerySet(model, using=using)
                .filter(pk=self.pk, version=self.version)
                .update(version=F("version") + 1)
            )
            if not claimed:
                raise ConflictError(self, model._base_manager.using(using).get(pk=self.pk))
            self.version += 1
            try:
                return super().save(*args, **kwargs)
            except BaseException:
                self.version -= 1
                raise

    @classmethod
    def editable_fields(cls):
        return [
            f
            for f in cls._meta.concrete_fields
            if f.editable and not f.primary_key and f.name != "version"
        ]

    @classmethod
    def conflict_fields(cls):
        """The fields a conflict message compares."""
        return cls.editable_fields()

    def check_change_allowed(self, stored, update_fields):
        """Hook for models with rules about what may change (status updates are append-only)."""

    def differs_from(self, stored, update_fields=None):
        fields = self._meta.concrete_fields
        if update_fields is not None:
            fields = [f for f in fields if f.name in update_fields or f.attname in update_fields]
        return any(
            getattr(self, f.attname) != getattr(stored, f.attname)
            for f in fields
            if f.name != "version"
        )
