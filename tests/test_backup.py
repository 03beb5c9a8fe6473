"""Backup and restore: `backup_data` then `restore_data` into an empty database gives back the
same tracker: every public page identical, every row (drafts, audit trail, users, roles) back."""

import re
from datetime import date

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import NoReverseMatch, reverse

from resolutions.models import Action, ActionStep, Resolution, StatusUpdate
from tests import staff
from tests.conftest import EnglishByDefaultClient
from workflow import services

# Transactional: flushing the database (as a restore into an emptied database does) cannot run
# inside the transaction a normal test is wrapped in on PostgreSQL.
pytestmark = pytest.mark.django_db(transaction=True)

# Differences that are not data: the CSRF token of a form, generation times in exports.
NOISE = [
    (re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"'), b"csrf"),
    (re.compile(rb"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:?\d\d|Z)?"), b"<time>"),
]


def public_urls():
    network = Action.objects.get(key="network").pk
    urls = [
        "/",
        "/resolutions/53-45-pol/",
        "/resolutions/53-45-pol/paragraphs/7/",
        f"/actions/{network}/",
        "/actions/",
        "/member-states/",
        "/member-states/TUR/",
        "/statuses/",
        "/?as_of=2019-06-30",
        f"/actions/{network}/?as_of=2019-06-30",
    ]
    for name, kwargs, query in [
        ("resolution_report", {"slug": "53-45-pol", "fmt": "csv"}, ""),
        ("resolution_report", {"slug": "53-45-pol", "fmt": "json"}, ""),
        ("resolution_changes", {"slug": "53-45-pol"}, "?from=2018-01-01&to=2020-12-31"),
        ("action_export", {"fmt": "csv"}, ""),
        ("api:action-list", {}, ""),
        ("api:status-update-list", {}, ""),
    ]:
        try:
            urls.append(reverse(name, kwargs=kwargs) + query)
        except NoReverseMatch:
            pass  # not in this version
    return urls


def pages():
    client = EnglishByDefaultClient()
    result = {}
    for url in public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response) if response.streaming else response.content
        for pattern, replacement in NOISE:
            body = pattern.sub(replacement, body)
        result[url] = body
    return result


def rows():
    """Every row of the tracker's tables, audit trail included, and who holds which role."""
    snapshot = {
        model._meta.label: sorted(model._base_manager.values_list("pk", flat=True))
        for label in ("resolutions", "workflow")
        for model in apps.get_app_config(label).get_models()
    }
    # The chart's steps are derived (rebuilt on restore, with new row ids): compared by content.
    snapshot["resolutions.ActionStep"] = sorted(
        ActionStep.objects.values_list("action_id", "day", "weighted_credit", "weight_scored")
    )
    snapshot["versions"] = sorted(Action.objects.values_list("pk", "version"))
    snapshot["states"] = sorted(StatusUpdate.objects.values_list("pk", "state", "verification"))
    # Times to the microsecond: Django's JSON cut them to milliseconds (issue #17).
    snapshot["recorded"] = sorted(StatusUpdate.objects.values_list("pk", "recorded_at"))
    snapshot["history"] = sorted(
        StatusUpdate.history.model.objects.values_list("history_id", "history_date")
    )
    snapshot["roles"] = sorted(
        get_user_model().objects.values_list("username", "groups__name", "is_staff")
    )
    return snapshot


def test_backup_then_restore_into_an_empty_database_gives_back_the_same_tracker(seeded, tmp_path):
    # Some of everything: staff, an assignment, a published, a rejected and a draft update,
    # an edited (versioned, audited) action.
    editor, reviewer = staff.user("editor", username="e"), staff.user("reviewer", username="r")
    staff.assign(editor, resolution=seeded)
    network = Action.objects.get(key="network")
    evidence = [{"url": "https://example.org/e"}]
    published = services.status_update_draft_create(
        user=editor,
        action=network,
        status="completed",
        as_of=date(2019, 6, 1),
        note="Constituted.",
        evidence=evidence,
    )
    services.status_update_submit(user=editor, update=published)
    services.status_update_publish(user=reviewer, update=published, verification="reported")
    services.status_update_draft_create(
        user=editor,
        action=network,
        status="delayed",
        as_of=date(2020, 1, 1),
        note="Draft, not public.",
        evidence=evidence,
    )
    services.action_update(
        user=staff.user("administrator", username="a"),
        action=network,
        version=network.version,
        weight=3,
    )
    before_pages, before_rows = pages(), rows()
    assert any(recorded.microsecond % 1000 for _pk, recorded in before_rows["recorded"])
    backup = tmp_path / "tracker-backup.json"

    call_command("backup_data", "-o", str(backup))
    call_command("flush", interactive=False, verbosity=0)
    assert not Resolution.objects.exists() and not get_user_model().objects.exists()
    call_command("restore_data", str(backup))

    assert rows() == before_rows
    after_pages = pages()
    assert list(after_pages) == list(before_pages)
    for url, body in before_pages.items():
        assert after_pages[url] == body, url
    assert (
        Group.objects.get(name="Reviewer")
        .permissions.filter(codename="publish_statusupdate")
        .exists()
    )


def test_restore_refuses_a_database_that_holds_data(seeded, tmp_path):
    backup = tmp_path / "b.json"
    call_command("backup_data", "-o", str(backup))
    with pytest.raises(CommandError, match="already holds tracker data"):
        call_command("restore_data", str(backup))
    # --flush empties it first, and the restore then gives the same rows back.
    before = rows()
    call_command("restore_data", str(backup), "--flush")
    assert rows() == before
