"""Issue #12 item 8, friction seen when trying the admin: real requests through the admin as
Editor, Reviewer and Administrator accounts. (The 1280 px check of the status-update list in a
browser: tests/browser/test_admin_friction.py.)"""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from resolutions.admin.evidence import MAX_EVIDENCE
from resolutions.models import SourceDocument, StatusUpdate
from resolutions.models.reviews import ActionReview
from resolutions.models.status_updates import NOTE_MAX_LENGTH
from tests import factories as f
from tests import staff
from workflow import services

ADD = "admin:resolutions_statusupdate_add"
CHANGE = "admin:resolutions_statusupdate_change"
DELETE = "admin:resolutions_statusupdate_delete"
CHANGELIST = "admin:resolutions_statusupdate_changelist"


@pytest.fixture
def world(db, empty_db):
    resolution = f.resolution(adopted_on=date(2018, 5, 5))
    paragraph = f.paragraph(resolution, "1")
    action = f.action(resolution, paragraph, title="Form the network")
    editor = staff.user("editor", username="edith")
    reviewer = staff.user("reviewer", username="rafael")
    source = f.source(title="Final communiqué", url="https://example.org/communique")
    published = f.update(action, "in_progress", "2019-01-01", progress=40, note="Half done.")
    submitted = services.status_update_draft_create(
        user=editor,
        action=action,
        status="completed",
        as_of=date(2020, 1, 1),
        note="The network met and adopted its rules.",
        evidence=[
            {"url": "https://example.org/minutes-2020", "title": "Minutes"},
            {"source": source, "locator": "para. 12"},
        ],
    )
    services.status_update_submit(user=editor, update=submitted)
    return {
        "resolution": resolution,
        "paragraph": paragraph,
        "action": action,
        "editor": editor,
        "reviewer": reviewer,
        "source": source,
        "published": published,
        "submitted": StatusUpdate.objects.get(pk=submitted.pk),
    }


def _as(client, account):
    return staff.client_for(client, account)


def _add_form(action, *, evidence=({"url": "https://example.org/evidence"},), **fields):
    data = {
        "action": action.pk,
        "status": "completed",
        "as_of": "2019-06-01",
        "note": "The Network was constituted.",
        "evidence-TOTAL_FORMS": str(len(evidence)),
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "1",
        "evidence-MAX_NUM_FORMS": str(MAX_EVIDENCE),
        "_save": "Save",
        **fields,
    }
    for i, piece in enumerate(evidence):
        for name, value in piece.items():
            data[f"evidence-{i}-{name}"] = value
    return data


def _text(response):
    return re.sub(r"\s+", " ", response.content.decode())


# --- 1. The list shows where each update stands ----------------------------------------------


def test_the_list_shows_state_as_of_verification_and_author_in_six_columns(client, world):
    page = _as(client, world["reviewer"]).get(reverse(CHANGELIST))
    assert page.status_code == 200
    html = _text(page)
    headers = re.findall(r'<th scope="col" class="([^"]*)"', html)
    columns = [re.search(r"column-(\w+)", h).group(1) for h in headers if "column-" in h]
    assert columns == [
        "action",
        "status_and_progress",
        "as_of",
        "state",
        "verification",
        "author_name",
    ]
    # The progress figure is read with its status; the app menu gives the list its width.
    assert 'In progress (<bdi dir="ltr">40%</bdi>)' in html
    assert 'id="nav-sidebar"' not in html
    assert "Submitted for review" in html and "Test officer" in html


# --- 2. A source added from the evidence pop-up needs no key ---------------------------------


def test_a_source_added_from_the_evidence_popup_gets_a_derived_unique_key(client, world):
    _as(client, world["editor"])
    url = reverse("admin:resolutions_sourcedocument_add") + "?_to_field=id&_popup=1"
    form = client.get(url)
    assert form.status_code == 200
    key_input = re.search(r"<input[^>]*name=\"key\"[^>]*>", form.content.decode()).group(0)
    assert "required" not in key_input
    assert "Leave blank to derive it from the title." in form.content.decode()
    for _ in range(2):
        response = client.post(
            url,
            {
                "title": "Final communiqué",
                "kind": "oic_document",
                "url": "https://example.org/final",
                "_popup": "1",
                "_to_field": "id",
            },
        )
        # The pop-up's answer hands the new source back to the evidence row.
        assert response.status_code == 200, response.content.decode()[:1500]
        assert "popup_response" in " ".join(t.name for t in response.templates)
    keys = sorted(
        SourceDocument.objects.filter(title="Final communiqué").values_list("key", flat=True)
    )
    # The fixture's own source keeps its key; the two new ones derive theirs, unique.
    assert "final-communique" in keys and "final-communique-2" in keys


# --- 3. The review page and the bulk-publish confirmation show what is published ------------


def test_the_review_page_links_every_piece_of_evidence(client, world):
    page = _as(client, world["reviewer"]).get(reverse(CHANGE, args=[world["submitted"].pk]))
    assert page.status_code == 200
    html = _text(page)
    summary = html[html.index('id="review-summary"') : html.index('name="verification"')]
    assert '<a href="https://example.org/minutes-2020"' in summary
    assert '<a href="https://example.org/communique"' in summary  # the source's address
    assert "Final communiqué" in summary and "para. 12" in summary
    assert "The network met and adopted its rules." in summary


def test_the_bulk_publish_confirmation_shows_each_note_and_its_evidence(client, world):
    second = services.status_update_draft_create(
        user=world["editor"],
        action=world["action"],
        status="completed",
        as_of=date(2020, 2, 1),
        note="Second update, its own note.",
        evidence=[{"url": "https://example.org/second"}],
    )
    services.status_update_submit(user=world["editor"], update=second)
    page = _as(client, world["reviewer"]).post(
        reverse(CHANGELIST),
        {"action": "publish_selected", "_selected_action": [world["submitted"].pk, second.pk]},
    )
    assert page.status_code == 200
    html = _text(page)
    details = html[html.index('id="bulk-details"') :]
    for piece in (
        "The network met and adopted its rules.",
        '<a href="https://example.org/minutes-2020"',
        '<a href="https://example.org/communique"',
        "Second update, its own note.",
        '<a href="https://example.org/second"',
    ):
        assert piece in details, piece
    # Only a confirmation: nothing is published yet.
    assert not StatusUpdate.objects.filter(pk__in=[world["submitted"].pk, second.pk]).public()


# --- 4. A refused edit or delete says why, and how to correct ---------------------------------


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_a_refused_edit_or_delete_of_a_published_update_explains_and_links_a_correction(
    client, world, role
):
    published = world["published"]
    _as(client, world[role])
    edit = client.post(
        reverse(CHANGE, args=[published.pk]), _add_form(world["action"], status="completed")
    )
    delete = client.get(reverse(DELETE, args=[published.pk]))
    confirm = client.post(reverse(DELETE, args=[published.pk]), {"post": "yes"})
    correct = reverse(ADD) + f"?action={world['action'].pk}&amp;corrects={published.pk}"
    for response, heading in (
        (edit, "This status update cannot be changed"),
        (delete, "This status update cannot be deleted"),
        (confirm, "This status update cannot be deleted"),
    ):
        assert response.status_code == 403
        assert "workflow/statusupdate_refused.html" in [t.name for t in response.templates]
        html = _text(response)
        assert heading in html
        assert "Form the network — In progress as of 1 Jan 2019" in html  # the update named
        assert "is published" in html and "never changed or deleted" in html
        assert f'href="{correct}"' in html and "Correct this update" in html
    published.refresh_from_db()
    assert (published.status, published.state) == ("in_progress", "published")


def test_the_refusal_is_in_the_page_language(client, world):
    _as(client, world["editor"])
    french = client.get("/fr" + reverse(DELETE, args=[world["published"].pk])[3:])
    arabic = client.get("/ar" + reverse(DELETE, args=[world["published"].pk])[3:])
    assert french.status_code == arabic.status_code == 403
    assert "Cette mise à jour de statut ne peut pas être supprimée" in _text(french)
    assert "Corriger cette mise à jour" in _text(french)
    assert "لا يمكن حذف تحديث الحالة هذا" in _text(arabic)
    assert "cannot be" not in _text(french) + _text(arabic)


def test_a_refused_edit_of_a_submitted_update_says_it_awaits_review(client, world):
    submitted = world["submitted"]
    response = _as(client, world["editor"]).post(
        reverse(CHANGE, args=[submitted.pk]), _add_form(world["action"])
    )
    assert response.status_code == 403
    html = _text(response)
    assert "is waiting for review" in html and "Correct this update" not in html
    assert StatusUpdate.objects.get(pk=submitted.pk).note == submitted.note


# --- 5. No evidence: one clear message -------------------------------------------------------


def test_no_evidence_gives_one_message(client, world):
    before = StatusUpdate.objects.count()
    blank_rows = _as(client, world["editor"]).post(
        reverse(ADD), _add_form(world["action"], evidence=({}, {}))
    )
    no_rows = client.post(reverse(ADD), _add_form(world["action"], evidence=()))
    for response in (blank_rows, no_rows):
        assert response.status_code == 200
        html = _text(response)
        assert html.count("Add at least one piece of evidence") == 1
        assert "Please submit at least" not in html
        assert "Evidence needs" not in html
    # A row with words but nothing to point at says so once, on its row.
    quote_only = client.post(reverse(ADD), _add_form(world["action"], evidence=({"quote": "W"},)))
    assert _text(quote_only).count("Evidence needs a source document, a meeting, a URL or a") == 1
    assert StatusUpdate.objects.count() == before


# --- 6. A resolution's and a paragraph's pages link their actions ------------------------------


def test_resolution_and_paragraph_pages_list_and_link_their_actions(client, world):
    other = f.action(world["resolution"], title="Hold the annual conference")
    _as(client, staff.user("administrator"))
    action_url = reverse("admin:resolutions_action_change", args=[world["action"].pk])
    other_url = reverse("admin:resolutions_action_change", args=[other.pk])
    resolution_page = _text(
        client.get(reverse("admin:resolutions_resolution_change", args=[world["resolution"].pk]))
    )
    paragraph_page = _text(
        client.get(reverse("admin:resolutions_paragraph_change", args=[world["paragraph"].pk]))
    )
    assert f'<a href="{action_url}">Form the network</a>' in resolution_page
    assert f'<a href="{other_url}">Hold the annual conference</a>' in resolution_page
    assert f'<a href="{action_url}">Form the network</a>' in paragraph_page
    assert other_url not in paragraph_page  # it serves no paragraph
    changelist = reverse("admin:resolutions_action_changelist")
    assert f"{changelist}?resolution__id__exact={world['resolution'].pk}" in resolution_page
    assert f"{changelist}?paragraphs__id__exact={world['paragraph'].pk}" in paragraph_page


# --- 7. Limits: the note's length, the evidence rows -----------------------------------------


def test_the_note_limit_is_stated_and_enforced_and_evidence_rows_are_capped(client, world):
    _as(client, world["editor"])
    form = _text(client.get(reverse(ADD)))
    assert f'maxlength="{NOTE_MAX_LENGTH}"' in form
    assert f"At most {NOTE_MAX_LENGTH} characters; the evidence carries the detail." in form
    before = StatusUpdate.objects.count()
    long_note = client.post(
        reverse(ADD), _add_form(world["action"], note="x" * (NOTE_MAX_LENGTH + 1))
    )
    assert long_note.status_code == 200
    assert "note" in long_note.context["adminform"].form.errors
    forged = client.post(
        reverse(ADD), {**_add_form(world["action"]), "evidence-TOTAL_FORMS": "9999"}
    )
    assert forged.status_code == 200
    assert len(forged.context["inline_admin_formsets"][0].formset.forms) <= MAX_EVIDENCE
    # Review records have the same ceiling.
    review = client.post(
        reverse("admin:resolutions_actionreview_add"),
        {
            "action": world["action"].pk,
            "reviewed_on": "2020-01-01",
            "note": "Checked.",
            "evidence-TOTAL_FORMS": "9999",
            "evidence-INITIAL_FORMS": "0",
            "evidence-0-url": "https://example.org/checked",
        },
    )
    assert review.status_code == 200
    assert f"Please submit at most {MAX_EVIDENCE} forms." in review.content.decode()
    assert all(
        len(inline.formset.forms) <= MAX_EVIDENCE
        for inline in review.context["inline_admin_formsets"]
    )
    assert StatusUpdate.objects.count() == before
    assert not ActionReview.objects.exists()
    assert MAX_EVIDENCE == 20


# --- 8. The occurrence rule, shown before publishing ------------------------------------------


def _recurring(world):
    return f.action(
        world["resolution"],
        world["paragraph"],
        title="Hold the conference annually",
        mandate_type="recurring_event",
        recurrence="annual",
    )


def _submitted(world, action, status, as_of):
    update = services.status_update_draft_create(
        user=world["editor"],
        action=action,
        status=status,
        as_of=as_of,
        note="The conference is being prepared.",
        evidence=[{"url": "https://example.org/prep"}],
    )
    services.status_update_submit(user=world["editor"], update=update)
    return StatusUpdate.objects.get(pk=update.pk)


def test_an_in_progress_update_the_occurrence_rule_overrides_is_shown_before_publishing(
    client, world
):
    conference = _recurring(world)  # adopted 2018-05-05, no occurrence recorded since
    today = timezone.localdate()
    update = _submitted(world, conference, "in_progress", today - timedelta(days=3))
    _as(client, world["reviewer"])
    page = _text(client.get(reverse(CHANGE, args=[update.pk])))
    warning = re.search(r'id="override-warning"[^>]*>(.*?)</p>', page).group(1)
    assert "<strong>No occurrence recorded</strong>, not <strong>In progress</strong>" in warning
    assert 'No occurrence is recorded since adoption (<bdi dir="ltr">5 May 2018</bdi>)' in (warning)
    assert "record the occurrence instead" in warning
    bulk = _text(
        client.post(
            reverse(CHANGELIST), {"action": "publish_selected", "_selected_action": [update.pk]}
        )
    )
    assert "<strong>No occurrence recorded</strong>, not <strong>In progress</strong>" in bulk

    # The warning told the truth: published, the public page shows the derived status.
    services.status_update_publish(user=world["reviewer"], update=update, verification="verified")
    public = client.get(f"/en/actions/{conference.pk}/")
    assert "No occurrence recorded" in public.content.decode()


def test_a_recent_occurrence_is_named_and_a_plain_action_gets_no_warning(client, world):
    conference = _recurring(world)
    today = timezone.localdate()
    f.occurrence(conference, today - timedelta(days=40))
    update = _submitted(world, conference, "in_progress", today - timedelta(days=3))
    _as(client, world["reviewer"])
    page = _text(client.get(reverse(CHANGE, args=[update.pk])))
    warning = re.search(r'id="override-warning"[^>]*>(.*?)</p>', page).group(1)
    assert "<strong>Ongoing (on track)</strong>, not <strong>In progress</strong>" in warning
    assert "Last occurrence counted" in warning and "Next one due" in warning
    # A "delayed" update on the same action, or any update on a one-off action, sets the status.
    delayed = _submitted(world, _recurring(world), "delayed", today - timedelta(days=3))
    for plain in (delayed, world["submitted"]):
        assert 'id="override-warning"' not in _text(client.get(reverse(CHANGE, args=[plain.pk])))
