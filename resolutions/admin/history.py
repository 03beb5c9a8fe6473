"""What the History pages print: readable values and reasons.

django-simple-history prints each change as field: old → new with the raw stored value: a
choice's code ("submitted"), a date-time in ISO form, True/False, "None". A secretariat officer
reading it in French or Arabic wants the labels the forms show. The workflow's services store
each step's reason in English ("Published as verified. <the reviewer's note>"), the same for
every reader; `readable_reason` translates the fixed part when the page is shown and leaves the
person's words as they wrote them.
"""

import datetime
import re

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from simple_history.template_utils import HistoricalRecordContextHelper

from ..dates import format_day

# The fixed phrases the workflow's services write as a step's change reason
# (workflow/services.py, review_services.py, fact_services.py, fact_corrections.py), each with
# how to say it in the reader's language. A reason is cut at 100 characters when stored, so
# the free text after a phrase may be cut too.
_REASONS = (
    (
        re.compile(r"^Submitted for review\.(?P<rest>.*)$", re.S),
        lambda m: _("Submitted for review."),
    ),
    (
        re.compile(r"^Published as reported\.(?P<rest>.*)$", re.S),
        lambda m: _("Published as reported."),
    ),
    (
        re.compile(r"^Published as verified\.(?P<rest>.*)$", re.S),
        lambda m: _("Published as verified."),
    ),
    (
        re.compile(r"^Verified against the cited evidence\.(?P<rest>.*)$", re.S),
        lambda m: _("Verified against the cited evidence."),
    ),
    (re.compile(r"^Rejected:(?P<rest>.*)$", re.S), lambda m: _("Rejected:")),
    (
        re.compile(r"^Superseded by a published correction\.(?P<rest>.*)$", re.S),
        lambda m: _("Superseded by a published correction."),
    ),
    (
        re.compile(r"^Published with its occurrence\.(?P<rest>.*)$", re.S),
        lambda m: _("Published with its occurrence."),
    ),
    (
        re.compile(r"^Published\.(?P<rest>.*)$", re.S),
        lambda m: pgettext("workflow step", "Published."),
    ),
    (
        re.compile(r"^Correction #(?P<number>\d+):(?P<rest>.*)$", re.S),
        lambda m: _("Correction #%(number)s:") % {"number": m["number"]},
    ),
)


def readable_reason(reason):
    """A stored change reason in the active language: its fixed phrase translated, the note
    or reason a person wrote kept as written; "" when there is none."""
    reason = (reason or "").strip()
    for pattern, phrase in _REASONS:
        match = pattern.match(reason)
        if match:
            return f"{phrase(match)} {match['rest'].strip()}".strip()
    return reason


def readable_value(field, value):
    """One side of a change as the forms would show it: a choice's label, Yes/No, a local
    date-time, a name rather than a code; "—" for nothing."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if field.choices and not isinstance(field, models.ForeignKey):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        return readable_datetime(value)
    if isinstance(value, datetime.date):
        return format_day(value, "medium")
    return str(value)


def readable_datetime(value):
    """A moment in the tracker's time zone, its day as the reader writes it (CLDR, like every
    date of the site: "7 déc. 2026", "7 ديسمبر 2026") and a 24-hour time."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return _("%(day)s, %(time)s") % {
        "day": format_day(value.date(), "medium"),
        "time": f"{value:%H:%M}",
    }


class ReadableChanges(HistoricalRecordContextHelper):
    """simple-history's formatting of a change (field verbose names, names of related
    records, long texts shortened), with values as the forms show them (readable_value)."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        return readable_value(self.model._meta.get_field(change.field), value)
