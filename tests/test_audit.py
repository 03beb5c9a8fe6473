"""The audit trail: every create, change and delete of every domain model, with who, when and
old → new per field; readable in the admin, writable by nobody."""

from datetime import date

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from resolutions.loader import load_file
from resolutions.models import (
    AUDITED_MODELS,
    VOCABULARIES,
    ActionState,
    ActionStep,
    Occurrence,
    StatusUpdate,
)
from tests import factories as f
from tests import staff
from workflow import services
from workflow.models import EditorAssignment

pytestmark = pytest.mark.django_db


def test_every_domain_model_is_audited():
    domain = {
        model
        for model in apps.get_app_config("resolutions").get_models()
        if not model.__name__.startswith("Historical")
    }
    # ActionState and ActionStep are the roll-up's stored projection (today's state and the
    # chart's steps): derived from the audited records and rebuilt from them
    # (`manage.py rebuild_rollup`), so they have no history of their own.
    projection = {ActionState, ActionStep}
    assert domain - projection == set(AUDITED_MODELS)
    assert not any(hasattr(model, "history") for model in projection)
    for model in [*AUDITED_MODELS, EditorAssignment]:
        assert hasattr(model, "history"), model


def test_no_historical_record_is_editable_in_the_admin():
    registered = {model.__name__ for model in admin.site._registry}
    assert not [name for name in registered if name.startswith("Historical")]


def _changes(record):
    previous = record.prev_record
    delta = record.diff_against(previous)
    return {change.field: (change.old, change.new) for change in delta.changes}


def test_admin_edits_record_who_when_and_old_to_new(client):
    action = f.action(f.resolution(), title="Old title", weight=1)
    administrator = staff.user("administrator")
    staff.client_for(client, administrator)
    url = reverse("admin:resolutions_action_change", args=[action.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
    data.update(title="New title", weight=3, _save="Save")
    assert client.post(url, data).status_code == 302

    record = action.history.first()
    assert (record.history_type, record.history_user) == ("~", administrator)
    assert record.history_date is not None
    assert _changes(record) == {"title": ("Old title", "New title"), "weight": (1, 3)}
    assert (record.prev_record.version, record.version) == (0, 1)
    # The History page shows it as field: old → new, with who did it.
    history = client.get(reverse("admin:resolutions_action_history", args=[action.pk])).text
    assert "Old title" in history and "New title" in history and "&rarr;" in history
    assert administrator.username in history


def test_deletes_are_recorded_with_the_user(client):
    # Only a draft is deleted (a published occurrence is corrected through review, #12).
    administrator = staff.user("administrator")
    occurrence = f.occurrence(
        f.action(f.resolution()),
        "2020-01-01",
        title="To delete",
        state="draft",
        author=administrator,
    )
    staff.client_for(client, administrator)
    url = reverse("admin:resolutions_occurrence_delete", args=[occurrence.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Occurrence.all_objects.filter(pk=occurrence.pk).exists()
    record = Occurrence.history.filter(id=occurrence.pk).first()
    assert (record.history_type, record.history_user, record.title) == (
        "-",
        administrator,
        "To delete",
    )


def test_workflow_steps_are_recorded_with_their_user_and_reason():
    action = f.action(f.resolution())
    editor, reviewer = staff.user("editor"), staff.user("reviewer")
    update = services.status_update_draft_create(
        user=editor,
        action=action,
        status="completed",
        as_of=date(2020, 1, 1),
        note="Done.",
        evidence=[{"url": "https://example.org/e"}],
    )
    services.status_update_submit(user=editor, update=update)
    services.status_update_publish(
        user=reviewer, update=update, verification="verified", note="Checked."
    )
    records = list(update.history.order_by("history_date", "history_id"))
    assert [(r.history_type, r.history_user, r.state) for r in records] == [
        ("+", editor, "draft"),
        ("~", editor, "submitted"),
        ("~", reviewer, "published"),
    ]
    assert records[-1].history_change_reason == "Published as verified. Checked."
    assert _changes(records[-1])["state"] == ("submitted", "published")
    assert update.evidence.get().history.get().history_user == editor


def test_many_to_many_changes_are_recorded():
    action = f.action(f.resolution())
    from resolutions.models import Actor

    actor = Actor.objects.create(name="Secretariat", kind="oic_organ")
    action.responsible_actors.add(actor)
    record = action.history.first()
    assert [row.actor for row in record.responsible_actors.all()] == [actor]


def test_editor_assignments_are_audited():
    editor = staff.user("editor")
    assignment = staff.assign(editor, mandate_type="training")
    assert assignment.history.get().history_type == "+"


def test_loading_a_file_records_its_rows_once_and_an_unchanged_reload_records_nothing():
    for name in ("data/oic-member-states.yaml", "data/53-45-pol.yaml"):
        load_file(name)
    counts = {model: model.history.count() for model in AUDITED_MODELS}
    # Every row has its creation on record (actions also a second entry: their responsible
    # actors, a many-to-many list, are set after the row is created).
    for model in AUDITED_MODELS:
        created = (
            model.history.filter(history_type="+").values(model._meta.pk.attname).distinct().count()
        )
        # The vocabularies' terms come from the resolutions migration, which writes no audit row (a
        # migration runs without the audit's signals); these files declare no term.
        expected = 0 if model in VOCABULARIES else model.objects.count()
        assert created == expected, model
    assert counts[StatusUpdate] == StatusUpdate.objects.count()
    for name in ("data/oic-member-states.yaml", "data/53-45-pol.yaml"):
        load_file(name)
    assert {model: model.history.count() for model in AUDITED_MODELS} == counts


def test_status_updates_stay_append_only_in_the_audit_too():
    update = f.update(f.action(f.resolution()), "in_progress", "2020-01-01")
    # Published directly by the trusted path: one entry, the creation, and nothing after.
    assert [r.history_type for r in update.history.all()] == ["+"]
    assert update.history.get().state == "published"


def test_the_history_page_is_open_to_viewers_and_cannot_revert(client):
    action = f.action(f.resolution())
    services.action_update(
        user=staff.user("administrator"), action=action, version=0, title="Renamed"
    )
    staff.client_for(client, staff.user("viewer"))
    page = client.get(reverse("admin:resolutions_action_history", args=[action.pk]))
    assert page.status_code == 200 and "Renamed" in page.text
    record = action.history.first()
    url = reverse("admin:resolutions_action_simple_history", args=[action.pk, record.pk])
    assert client.get(url).status_code == 200
    assert 'name="_save"' not in client.get(url).text
    assert client.post(url, {"title": "Reverted"}).status_code == 403
    action.refresh_from_db()
    assert action.title == "Renamed"
