"""Email: workflow notices (an update submitted → its reviewers; published or returned → its
author) and the reminder digest of `manage.py send_reminders`. Django's email framework
(settings.EMAIL_*; the console backend by default). Each message is written in its recipient's
language (workflow.NotificationPreference); a user who turned emails off gets none, nor does a
user without an email address. Workflow notices are sent once the step is committed."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resolutions.dates import format_day
from resolutions.translations import country_name, translated

from . import roles

DUE_SOON_DAYS = 30


def preference(user):
    from .models import NotificationPreference

    try:
        return user.notification_preference
    except NotificationPreference.DoesNotExist:
        return NotificationPreference(user=user)


def wants_email(user):
    return bool(user.is_active and user.email and preference(user).email_enabled)


def _link(name, *args, language):
    with translation.override(language):
        return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


def send(user, subject, body):
    """`subject` and `body` are callables run in the user's language. Returns 1 if sent."""
    if not wants_email(user):
        return 0
    language = preference(user).language or settings.LANGUAGE_CODE
    with translation.override(language):
        settings_url = _link("notification_settings", language=language)
        text = (
            body(language)
            + "\n\n-- \n"
            + _("Turn these emails off: %(url)s") % {"url": settings_url}
        )
        return send_mail(
            subject(language), text, settings.DEFAULT_FROM_EMAIL, [user.email], fail_silently=True
        )


def _reviewers(update):
    action = _action_of(update)
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__codename="publish_statusupdate")
            | Q(user_permissions__codename="publish_statusupdate")
        )
        .distinct()
    )
    return [
        user
        for user in users
        if roles.in_scope(user, action)
        and not (roles.second_reviewer_required() and roles.is_own(user, update))
    ]


def describe(record) -> str:
    """A record as an email names it, in the recipient's language (the active one when the
    message is written): the action's title translated, the date written the reader's way
    ("29 nov. 2018", "29 نوفمبر 2018"), not the models' English and ISO strings (#13)."""
    name = record._meta.model_name
    if name == "statusupdate":
        return _("%(action)s — %(status)s as of %(day)s") % {
            "action": translated(record.action, "title").text,
            "status": record.get_status_display(),
            "day": format_day(record.as_of),
        }
    if name == "actionreview":
        return _("%(action)s — reviewed on %(day)s") % {
            "action": translated(record.action, "title").text,
            "day": format_day(record.reviewed_on),
        }
    if name == "occurrence":
        return f"{translated(record, 'title').text} ({format_day(record.start_date)})"
    if name == "participation":
        return _("%(state)s at %(occurrence)s") % {
            "state": _state_name(record.member_state),
            "occurrence": describe(record.occurrence),
        }
    if name == "memberstaterole":
        state, role = _state_name(record.member_state), record.get_role_display()
        return f"{state} — {role} — {translated(record.action, 'title').text}"
    if name == "sourcedfigure":
        value = (_("more than %(n)s") if record.is_minimum else "%(n)s") % {"n": record.value}
        return _("%(label)s: %(value)s (as of %(day)s)") % {
            "label": translated(record, "label").text,
            "value": value,
            "day": format_day(record.as_of),
        }
    if name == "factcorrection" and record.fact is not None:
        return _("Correction of %(record)s") % {"record": describe(record.fact)}
    return str(record)


def _state_name(state) -> str:
    return country_name(state.iso3, fallback=state.name)


def _update_link(update, language):
    return _link("admin:resolutions_statusupdate_change", update.pk, language=language)


def update_submitted(update):
    def run():
        for reviewer in _reviewers(update):
            send(
                reviewer,
                lambda lang: (
                    _("[Tracker] Waiting for your review: %(update)s")
                    % {"update": describe(update)}
                ),
                lambda lang: (
                    _(
                        "%(author)s submitted a status update for review:\n\n%(update)s\n\n"
                        "Review it: %(url)s"
                    )
                    % {
                        "author": update.author_name,
                        "update": describe(update),
                        "url": _update_link(update, lang),
                    }
                ),
            )

    transaction.on_commit(run)


def update_published(update):
    def run():
        if update.author is None:
            return
        send(
            update.author,
            lambda lang: _("[Tracker] Published: %(update)s") % {"update": describe(update)},
            lambda lang: (
                _("Your status update was published:\n\n%(update)s\n\n%(url)s")
                % {
                    "update": describe(update),
                    "url": settings.SITE_URL.rstrip("/")
                    + _with_language(update.action.get_absolute_url, lang),
                }
            ),
        )

    transaction.on_commit(run)


def update_returned(update):
    def run():
        if update.author is None:
            return
        send(
            update.author,
            lambda lang: _("[Tracker] Returned to you: %(update)s") % {"update": describe(update)},
            lambda lang: (
                _(
                    "Your status update was returned to draft.\n\nReason: %(reason)s\n\n"
                    "%(update)s\n\nCorrect it: %(url)s"
                )
                % {
                    "reason": update.rejection_reason,
                    "update": describe(update),
                    "url": _update_link(update, lang),
                }
            ),
        )

    transaction.on_commit(run)


# --- Review records and facts (occurrences, participations, figures, roles, corrections) -------

RECORD_KINDS = {
    "actionreview": gettext_lazy("review record"),
    "occurrence": gettext_lazy("occurrence"),
    "participation": gettext_lazy("participation"),
    "sourcedfigure": gettext_lazy("sourced figure"),
    "memberstaterole": gettext_lazy("Member State role"),
    "factcorrection": gettext_lazy("correction of a published record"),
}


def _action_of(record):
    occurrence = getattr(record, "occurrence", None)
    if occurrence is not None and record._meta.model_name == "participation":
        return occurrence.action
    return record.action


def _kind(record):
    name = record._meta.model_name
    return str(RECORD_KINDS.get(name, record._meta.verbose_name))


def _record_link(record, language):
    meta = record._meta
    return _link(f"admin:{meta.app_label}_{meta.model_name}_change", record.pk, language=language)


def fact_submitted(record):
    """A review record or fact submitted for review: its reviewers (not its author) are told."""

    def run():
        for reviewer in _reviewers(record):
            send(
                reviewer,
                lambda lang: (
                    _("[Tracker] Waiting for your review: %(kind)s %(record)s")
                    % {"kind": _kind(record), "record": describe(record)}
                ),
                lambda lang: (
                    _(
                        "%(author)s submitted a %(kind)s for review:\n\n%(record)s\n\n"
                        "Review it: %(url)s"
                    )
                    % {
                        "author": _name(record.author),
                        "kind": _kind(record),
                        "record": describe(record),
                        "url": _record_link(record, lang),
                    }
                ),
            )

    transaction.on_commit(run)


def fact_published(record):
    """Its author is told that it is public (a correction: that it was applied)."""

    def run():
        if record.author is None:
            return
        action = _action_of(record)
        send(
            record.author,
            lambda lang: (
                _("[Tracker] Published: %(kind)s %(record)s")
                % {"kind": _kind(record), "record": describe(record)}
            ),
            lambda lang: (
                _("Your %(kind)s was published:\n\n%(record)s\n\n%(url)s")
                % {
                    "kind": _kind(record),
                    "record": describe(record),
                    "url": settings.SITE_URL.rstrip("/")
                    + _with_language(action.get_absolute_url, lang),
                }
            ),
        )

    transaction.on_commit(run)


def fact_returned(record):
    """Its author is told why it went back to draft."""

    def run():
        if record.author is None:
            return
        send(
            record.author,
            lambda lang: (
                _("[Tracker] Returned to you: %(kind)s %(record)s")
                % {"kind": _kind(record), "record": describe(record)}
            ),
            lambda lang: (
                _(
                    "Your %(kind)s was returned to draft.\n\nReason: %(reason)s\n\n"
                    "%(record)s\n\nCorrect it: %(url)s"
                )
                % {
                    "kind": _kind(record),
                    "reason": record.rejection_reason,
                    "record": describe(record),
                    "url": _record_link(record, lang),
                }
            ),
        )

    transaction.on_commit(run)


def _name(user):
    return (user.get_full_name() or user.get_username()) if user else ""


def _with_language(func, language):
    with translation.override(language):
        return func()


# --- Reminders ---------------------------------------------------------------------------------


def focal_points():
    """Active users with an email address and at least one editor assignment: the people
    responsible for a set of actions."""
    return (
        get_user_model()
        .objects.filter(is_active=True, editor_assignments__isnull=False)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def digest_for(user, today):
    """{"overdue": [...], "due_soon": [...], "stale": [...]} actions in the user's scope."""
    from resolutions.models import Action

    actions = roles.actions_in_scope(user, Action.objects.with_status(today)).select_related(
        "resolution"
    )
    done = ("completed", "ongoing", "not_applicable")
    return {
        "overdue": list(actions.filter(is_overdue=True).order_by("due_date", "pk")),
        "due_soon": list(
            actions.filter(due_date__gte=today, due_date__lte=today + timedelta(DUE_SOON_DAYS))
            .exclude(current_status__in=done)
            .order_by("due_date", "pk")
        ),
        "stale": list(actions.filter(is_stale=True).order_by("pk")),
    }


def send_reminder(user, today=None):
    """Email `user` their digest; 0 when there is nothing to say or they want no email."""
    today = today or timezone.localdate()
    if not wants_email(user):
        return 0
    digest = digest_for(user, today)
    if not any(digest.values()):
        return 0

    def subject(lang):
        return _(
            "[Tracker] Your actions: %(overdue)s overdue, %(due)s due within 30 days, "
            "%(stale)s not reviewed for 12 months"
        ) % {
            "overdue": len(digest["overdue"]),
            "due": len(digest["due_soon"]),
            "stale": len(digest["stale"]),
        }

    def body(lang):
        sections = (
            ("overdue", _("Overdue")),
            ("due_soon", _("Due within 30 days")),
            ("stale", _("Not reviewed for 12 months")),
        )
        lines = [_("Actions you are responsible for that need attention:")]
        for key, heading in sections:
            if not digest[key]:
                continue
            lines += ["", f"{heading} ({len(digest[key])})"]
            for action in digest[key]:
                # The due date as the reader writes it ("24 février 2026"), not ISO.
                due = (
                    " — " + _("due %(day)s") % {"day": format_day(action.due_date, "long", lang)}
                    if action.due_date
                    else ""
                )
                url = _link("admin:resolutions_action_change", action.pk, language=lang)
                title = translated(action, "title", lang).text  # the reader's language
                lines.append(f"- {action.resolution.symbol}: {title}{due}\n  {url}")
        return "\n".join(lines)

    return send(user, subject, body)
