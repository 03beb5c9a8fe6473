"""Issue #12, the holes: nobody publishes what they wrote (unless a one-person secretariat
switches the rule off, and then the public page says so), dates that make sense, and a length
limit on notes."""

from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from resolutions.loader import LoadError, load_data
from resolutions.models import Action, State, StatusUpdate
from resolutions.models.status_updates import NOTE_MAX_LENGTH
from tests import factories as f
from tests import staff
from workflow import services

pytestmark = pytest.mark.django_db

REAL = yaml.safe_load(Path("data/53-45-pol.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def action():
    return f.action(f.resolution(adopted_on=date(2018, 5, 5)))


def draft(action, user, as_of="2020-01-01", note="Drafted."):
    return services.status_update_draft_create(
        user=user,
        action=action,
        status="completed",
        as_of=date.fromisoformat(as_of),
        note=note,
        evidence=[{"url": "https://example.org/evidence"}],
    )


def public_status(action):
    return Action.objects.with_status(timezone.localdate()).get(pk=action.pk).current_status


def step_url(update, step):
    return reverse("admin:resolutions_statusupdate_step", args=[update.pk, step])


# --- Four eyes ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["reviewer", "administrator"])
def test_nobody_publishes_their_own_update(action, role):
    author = staff.user(role)
    update = draft(action, author)
    services.status_update_submit(user=author, update=update)
    for verification in ("reported", "verified"):
        with pytest.raises(PermissionDenied, match="second person"):
            services.status_update_publish(user=author, update=update, verification=verification)
    update.refresh_from_db()
    assert update.state == State.SUBMITTED
    assert public_status(action) == "not_yet_assessed"
    # A second person publishes it.
    services.status_update_publish(
        user=staff.user("reviewer"), update=update, verification="verified"
    )
    assert public_status(action) == "completed"


def test_the_bulk_publish_refuses_an_own_update_and_publishes_nothing(action):
    reviewer, editor = staff.user("reviewer"), staff.user("editor")
    theirs, mine = draft(action, editor), draft(action, reviewer, as_of="2020-02-01")
    for update in (theirs, mine):
        services.status_update_submit(user=update.author, update=update)
    with pytest.raises(PermissionDenied):
        services.status_updates_transition(
            user=reviewer, updates=[theirs, mine], transition="publish", verification="verified"
        )
    assert not StatusUpdate.objects.public().filter(action=action).exists()


def test_the_admin_page_offers_no_publish_button_on_ones_own_update(client, action):
    reviewer = staff.user("reviewer")
    update = draft(action, reviewer)
    services.status_update_submit(user=reviewer, update=update)
    staff.client_for(client, reviewer)
    page = client.get(reverse("admin:resolutions_statusupdate_change", args=[update.pk]))
    html = page.content.decode()
    assert 'id="self-review-refused"' in html
    assert step_url(update, "publish") not in html
    assert step_url(update, "reject") in html  # withdrawing one's own is fine
    response = client.post(
        step_url(update, "publish"), {"verification": "verified", "version": update.version}
    )
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.state == State.SUBMITTED
    page = client.get(response.url)
    assert "a second person must review it" in page.content.decode()


def test_a_one_person_secretariat_can_switch_four_eyes_off_and_the_public_sees_it(
    client, action, settings
):
    settings.REQUIRE_SECOND_REVIEWER = False
    reviewer = staff.user("reviewer")
    update = draft(action, reviewer)
    services.status_update_submit(user=reviewer, update=update)
    services.status_update_publish(user=reviewer, update=update, verification="verified")
    update.refresh_from_db()
    assert update.published_by_author
    page = client.get(f"/actions/{action.pk}/")
    assert "Not independently reviewed" in page.content.decode()
    # A reviewed one says nothing of the kind.
    other = draft(action, staff.user("editor"), as_of="2020-02-01")
    services.status_update_submit(user=other.author, update=other)
    services.status_update_publish(user=reviewer, update=other, verification="verified")
    assert not StatusUpdate.objects.get(pk=other.pk).published_by_author


# --- Dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize("as_of", ["1900-01-01", "2018-05-04"])
def test_an_as_of_date_before_adoption_is_refused(action, as_of):
    with pytest.raises(ValidationError, match="before the resolution was adopted"):
        draft(action, staff.user("editor"), as_of=as_of)
    with pytest.raises(ValidationError, match="before the resolution was adopted"):
        f.update(action, "in_progress", as_of)
    assert not StatusUpdate.objects.filter(action=action).exists()


def test_an_as_of_date_in_the_future_is_refused(action):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    for as_of in (tomorrow, "2099-01-01"):
        with pytest.raises(ValidationError, match="in the future"):
            draft(action, staff.user("editor"), as_of=as_of)
    draft(action, staff.user("editor"), as_of=timezone.localdate().isoformat())
    draft(action, staff.user("editor"), as_of="2018-05-05")  # the adoption day itself


def test_the_admin_form_refuses_an_impossible_as_of_with_a_clear_error(client, action):
    editor = staff.user("editor")
    staff.client_for(client, editor)
    response = client.post(
        reverse("admin:resolutions_statusupdate_add"),
        {
            "action": action.pk,
            "status": "in_progress",
            "as_of": "2099-01-01",
            "note": "From the future.",
            "evidence-TOTAL_FORMS": "1",
            "evidence-INITIAL_FORMS": "0",
            "evidence-MIN_NUM_FORMS": "1",
            "evidence-MAX_NUM_FORMS": "1000",
            "evidence-0-url": "https://example.org/x",
        },
    )
    assert response.status_code == 200
    assert "is in the future" in response.content.decode()
    assert not StatusUpdate.objects.filter(action=action).exists()


def test_a_due_date_before_adoption_is_refused(action):
    action.due_date = date(2017, 1, 1)
    with pytest.raises(ValidationError, match="before the resolution was adopted"):
        action.full_clean()
    action.due_date = date(2018, 5, 5)
    action.full_clean()


def _mutated(edit):
    data = yaml.safe_load(yaml.safe_dump(REAL, allow_unicode=True))
    edit(data)
    return data


def _network(data):
    return next(a for a in data["resolution"]["actions"] if a["key"] == "network")


def test_the_loader_refuses_impossible_dates_and_names_the_field(seeded):
    def future_update(data):
        _network(data)["status_updates"].append(
            {**_network(data)["status_updates"][0], "key": "future", "as_of": date(2099, 1, 1)}
        )

    def early_update(data):
        _network(data)["status_updates"].append(
            {**_network(data)["status_updates"][0], "key": "early", "as_of": date(1900, 1, 1)}
        )

    def early_due(data):
        _network(data)["due_date"] = date(2017, 1, 1)

    before = StatusUpdate.objects.count()
    for edit, text in (
        (future_update, "'as_of': The as-of date 2099-01-01 is in the future"),
        (early_update, "'as_of': The as-of date 1900-01-01 is before the resolution"),
        (early_due, "'due_date': The due date 2017-01-01 is before the resolution"),
    ):
        with pytest.raises(LoadError) as error:
            load_data(_mutated(edit), "edited.yaml")
        assert text in str(error.value)
        assert "(network)" in str(error.value)
    assert StatusUpdate.objects.count() == before
    assert Action.objects.get(key="network").due_date is None


# --- Limits -------------------------------------------------------------------------------------


def test_a_note_longer_than_the_limit_is_refused_by_form_service_and_database(action):
    with pytest.raises(ValidationError, match=f"at most {NOTE_MAX_LENGTH}"):
        draft(action, staff.user("editor"), note="x" * (NOTE_MAX_LENGTH + 1))
    draft(action, staff.user("editor"), note="x" * NOTE_MAX_LENGTH)
    update = StatusUpdate.objects.get(action=action)
    table = StatusUpdate._meta.db_table
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET note = %s WHERE id = %s", ["y" * (NOTE_MAX_LENGTH + 1), update.pk]
        )


def test_nobody_publishes_their_own_review_record(action, settings):
    from resolutions.models import ActionReview
    from workflow import review_services as rs

    reviewer = staff.user("reviewer")
    review = rs.action_review_draft_create(
        user=reviewer,
        action=action,
        reviewed_on=date(2024, 3, 1),
        note="Checked: no change.",
        evidence=[{"url": "https://example.org/checked"}],
    )
    rs.action_review_submit(user=reviewer, review=review)
    with pytest.raises(PermissionDenied, match="second person"):
        rs.action_review_publish(user=reviewer, review=review, verification="verified")
    assert not ActionReview.objects.public().filter(action=action).exists()
    rs.action_review_publish(user=staff.user("reviewer"), review=review, verification="verified")
    assert ActionReview.objects.public().filter(action=action).exists()
