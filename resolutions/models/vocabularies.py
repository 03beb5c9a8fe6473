"""The vocabularies as data (#15): mandate types, actor kinds, addressees and operative verbs.

Each term is a row keyed by its code — the value data files, exports and the API carry — with
a label and a definition in English, French and Arabic (all three required: a term no reader
can understand in their language is not added). The models that use a term point at it with a
foreign key on that code, in the column they had when the vocabularies were TextChoices, so the
stored values and the data format did not change.

What a mandate type means for the roll-up is its declared **behaviour**, never its code:
- one-off: done once ("the instrument has been adopted"); judged by status updates;
- continuous: kept up without an end ("training is provided"); judged by status updates;
- recurring: held once per interval (annual, every two years); judged by its occurrences
  (resolutions/rollup/rules.py), and an action of a recurring type must state its interval.
A type's behaviour cannot change once an action uses it: the numbers already published would
change with it (`MandateType.clean`, the admin makes it read-only, the database refuses it).

A few codes have a meaning the code relies on, and are seeded and never deleted: actor kinds
`member_state` (the actor is one State) and `member_states` (the body's members on the adoption
date), verb and addressee `other` (the free-text field says which).
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.fields.related_descriptors import ForwardManyToOneDescriptor
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

LANGUAGES = ("en", "fr", "ar")


class VocabularyTerm(models.Model):
    code = models.CharField(
        max_length=40,
        primary_key=True,
        validators=[
            RegexValidator(
                r"^[a-z0-9]+(_[a-z0-9]+)*\Z",
                _("Lower-case letters and digits, words joined by underscores (submit_report)."),
            )
        ],
        help_text=_("The value data files, exports and the API use. Cannot change once saved."),
    )
    label_en = models.CharField(max_length=120)
    label_fr = models.CharField(max_length=120)
    label_ar = models.CharField(max_length=120)
    definition_en = models.TextField()
    definition_fr = models.TextField()
    definition_ar = models.TextField()
    order = models.PositiveSmallIntegerField(default=0, help_text=_("Position in lists."))

    # Codes the application's rules rely on (see the module docstring): never deleted.
    BUILT_IN: frozenset[str] = frozenset()

    class Meta:
        abstract = True
        ordering = ["order", "code"]

    def __str__(self):
        return str(self.label)

    # A term equals its code, so that code written when the vocabularies were TextChoices
    # (`action.mandate_type == "recurring_event"`) keeps its meaning; the hash is the code's
    # (Model.__hash__ hashes the primary key, which is the code).
    def __eq__(self, other):
        if isinstance(other, str):
            return self.code == other
        return super().__eq__(other)

    __hash__ = models.Model.__hash__

    def _in_language(self, field):
        language = (get_language() or "en").split("-")[0]
        if language not in LANGUAGES:
            language = "en"
        return getattr(self, f"{field}_{language}") or getattr(self, f"{field}_en")

    @property
    def label(self):
        """The label in the reader's language (the active one)."""
        return self._in_language("label")

    @property
    def definition(self):
        return self._in_language("definition")

    @classmethod
    def codes(cls):
        return list(cls.objects.values_list("code", flat=True))


class MandateType(VocabularyTerm):
    """What kind of obligation an action is; its definition says what "done" means."""

    class Behaviour(models.TextChoices):
        ONE_OFF = "one_off", _("One-off")
        RECURRING = "recurring", _("Recurring, with an interval")
        CONTINUOUS = "continuous", _("Continuous")

    behaviour = models.CharField(max_length=12, choices=Behaviour.choices)
    default_recurrence = models.CharField(
        max_length=10,
        blank=True,
        choices=[("annual", _("Annual")), ("biennial", _("Every two years"))],
        help_text=_("Recurring types: the interval a new action of this type starts with."),
    )

    class Meta(VocabularyTerm.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(behaviour="recurring") | Q(default_recurrence=""),
                name="mandatetype_interval_only_if_recurring",
                violation_error_message="Only a recurring mandate type has an interval.",
            )
        ]

    @property
    def is_recurring(self):
        return self.behaviour == self.Behaviour.RECURRING

    def clean(self):
        super().clean()
        if self.behaviour != self.Behaviour.RECURRING and self.default_recurrence:
            raise ValidationError(
                {"default_recurrence": _("Only a recurring mandate type has an interval.")}
            )
        if self.pk and self.behaviour_is_locked():
            stored = type(self).objects.filter(pk=self.pk).values_list("behaviour", flat=True)
            if stored and stored[0] != self.behaviour:
                raise ValidationError(
                    {
                        "behaviour": _(
                            "Actions of this type exist: changing its behaviour would change "
                            "published numbers. Add a new type instead."
                        )
                    }
                )

    def behaviour_is_locked(self):
        from .actions import Action

        return Action.objects.filter(mandate_type_id=self.pk).exists()


class ActorKind(VocabularyTerm):
    """What kind of actor someone responsible for an action is."""

    BUILT_IN = frozenset({"member_state", "member_states"})


class Addressee(VocabularyTerm):
    """Whom an operative paragraph addresses."""

    BUILT_IN = frozenset({"other"})


class OperativeVerb(VocabularyTerm):
    """The verb that opens a paragraph, as the source gives it."""

    BUILT_IN = frozenset({"other"})


VOCABULARIES = (MandateType, ActorKind, Addressee, OperativeVerb)


class _CodeDescriptor(ForwardManyToOneDescriptor):
    def __set__(self, instance, value):
        if isinstance(value, str):  # a code: set the column, forget any cached term
            instance.__dict__[self.field.attname] = value or None
            if self.field.is_cached(instance):
                self.field.delete_cached_value(instance)
            return
        super().__set__(instance, value)


class TermForeignKey(models.ForeignKey):
    """A foreign key to a vocabulary term that may also be given the term's code, as data files
    and the code written for the TextChoices do: `Action(mandate_type="training")`. In the
    migrations it is a plain ForeignKey (deconstruct)."""

    forward_related_accessor_class = _CodeDescriptor

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ForeignKey", args, kwargs
