"""The secretariat admin: its pages show the real data in a fixed number of queries, and status
updates are recorded with evidence as drafts, published through review, and never edited or
deleted once submitted. (Roles, the workflow and conflicts: tests/test_workflow.py,
tests/test_permissions.py.)"""

from datetime import date, timedelta

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core import checks
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from resolutions.models import (
    Action,
    Actor,
    Body,
    Evidence,
    MandateType,
    Membership,
    MemberState,
    Occurrence,
    Paragraph,
    Participation,
    Resolution,
    SourceDocument,
    StatusUpdate,
    TextTranslation,
)
from resolutions.models.translations import TRANSLATABLE_FIELDS


@pytest.fixture
def real_data(seeded):
    """The real 53/45-POL data, as the data files load it (once per session: conftest)."""
    return seeded


def _action(key):
    return Action.objects.get(resolution__symbol="53/45-POL", key=key)


def _pages():
    """(name, url) of every changelist and of one real object's change page per model."""
    contact_group = _action("contact-group")
    objects = {
        "resolution": Resolution.objects.get(symbol="53/45-POL"),
        "paragraph": Paragraph.objects.get(resolution__symbol="53/45-POL", number="7"),
        "action": contact_group,
        "statusupdate": contact_group.status_updates.get(import_key="seed-2018-11-29"),
        "occurrence": contact_group.occurrences.get(key="meeting-2018-09-24"),
        "sourcedocument": SourceDocument.objects.get(key="un-19-01473"),
        "memberstate": MemberState.objects.get(iso3="TUR"),
        "actor": Actor.objects.get(name="Türkiye"),
        "memberstaterole": contact_group.member_state_roles.get(member_state__iso3="TUR"),
        "participation": Participation.objects.get(
            occurrence__key="meeting-2018-09-24", member_state__iso3="TUR"
        ),
        "sourcedfigure": contact_group.figures.get(label="Members of the Contact Group"),
        "mandatetype": MandateType.objects.get(code="recurring_event"),
        "body": Body.objects.get(key="oic"),
        "membership": Membership.objects.get(body__key="oic", state__iso3="TUR"),
    }
    pages = {}
    for model, obj in objects.items():
        pages[f"{model} list"] = reverse(f"admin:resolutions_{model}_changelist")
        pages[f"{model} change"] = reverse(f"admin:resolutions_{model}_change", args=[obj.pk])
    return pages


# --- Every page renders the real data -------------------------------------------------------

SHOWS = {
    "resolution list": ["53/45-POL", "Strengthening the Mediation Capacity of the OIC"],
    "resolution change": [
        "Council of Foreign Ministers",
        "Form a Network of OIC Mediators, Special Envoys and Experts",  # a paragraph's summary
        "Turkish Ministry of Foreign Affairs, press release No. 252",  # a selected source
    ],
    "paragraph list": ["53/45-POL", "PP1", "Paraphrase"],
    "paragraph change": ["Network of OIC Mediators", "Annex, Second Session"],
    "action list": ["Form a Network of OIC Mediators, Special Envoys and Experts", "In progress"],
    "action change": [
        "Establish the Contact Group of Friends of Mediation",
        "Completed",
        "100%",
        "First meeting of the OIC Contact Group of Friends of Mediation",  # occurrences
        "Members of the Contact Group",  # figures
        "Gambia",  # member state roles
        "The summary report counts the establishment of the Contact Group",  # history
        "Annex, concluding remarks",  # the history's evidence
        "Record a status update",
    ],
    "statusupdate list": ["Tracker data file (from the seed document)", "In progress"],
    "statusupdate change": [
        "Completed",
        "Tracker data file (from the seed document)",
        "is the second largest in the OIC with its currently 24 members",  # evidence quote
    ],
    "occurrence list": ["First meeting of the OIC Contact Group of Friends of Mediation"],
    "occurrence change": ["On the margins of the 73rd session", "Host or organiser"],
    "sourcedocument list": ["Turkish Ministry of Foreign Affairs, press release No. 252"],
    "sourcedocument change": ["19-01473 (job number; no A/73/ symbol is printed)"],
    "memberstate list": ["Türkiye", "TUR", "Côte d&#x27;Ivoire"],
    "memberstate change": ["Türkiye", "The Organization of Islamic Cooperation"],
    "actor list": ["OIC Secretary-General", "Member States collectively"],
    "actor change": ["Türkiye"],
    "memberstaterole list": ["Gambia", "Co-chair"],
    "memberstaterole change": ["co-chaired by Turkey, Saudi Arabia, Gambia"],
    "participation list": ["Pakistan", "Speaker or panellist"],
    "participation change": ["Host or organiser", "First meeting of the OIC Contact Group"],
    "sourcedfigure list": ["Members of the Contact Group"],
    # Published: read-only for every role (corrected through review, #12), the value as text.
    "sourcedfigure change": ["Members of the Contact Group", "Propose a correction"],
    "mandatetype list": ["recurring_event", "Événement récurrent", "فعالية دورية"],
    "mandatetype change": ["Never finished: on track while each interval has its occurrence."],
    "body list": ["Organisation of Islamic Cooperation", "OIC"],
    "body change": ["Organisation of Islamic Cooperation", "Türkiye"],
    "membership list": ["Türkiye", "OIC", "Member"],
    "membership change": ["Türkiye", "Member"],
}


@pytest.mark.parametrize("page_name", sorted(SHOWS))
def test_page_shows_real_data(admin_client, real_data, page_name):
    response = admin_client.get(_pages()[page_name])
    assert response.status_code == 200
    for text in SHOWS[page_name]:
        assert text in response.text, text


def test_every_admin_page_is_covered(real_data):
    assert set(_pages()) == set(SHOWS) == set(BUDGETS)


def test_admin_configuration_passes_django_checks():
    # Among others: every model used in autocomplete_fields has search_fields (admin.E040).
    assert checks.run_checks(tags=[checks.Tags.admin]) == []


def test_every_tested_model_is_registered():
    registered = {model._meta.model_name for model in admin.site._registry}
    assert {page.split()[0] for page in SHOWS} <= registered


@pytest.mark.parametrize(
    ("model_name", "field_name", "term", "expected"),
    [
        ("statusupdate", "action", "network", "Form a Network of OIC Mediators, Special Envoys"),
        ("evidence", "source", "press release No. 252", "Turkish Ministry of Foreign Affairs"),
        ("evidence", "occurrence", "first meeting", "First meeting of the OIC Contact Group"),
        ("actionparagraph", "paragraph", "network of oic", "53/45-POL para. 7"),
        ("memberstaterole", "member_state", "GMB", "Gambia"),
        ("action", "responsible_actors", "secretary", "OIC Secretary-General"),
        ("paragraph", "resolution", "53/45", "53/45-POL — Strengthening"),
    ],
)
def test_autocompletes_find_real_data(
    admin_client, real_data, model_name, field_name, term, expected
):
    # The search behind every autocomplete select, inline ones included.
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "resolutions",
            "model_name": model_name,
            "field_name": field_name,
            "term": term,
        },
    )
    assert response.status_code == 200
    results = [r["text"] for r in response.json()["results"]]
    assert len(results) == 1 and results[0].startswith(expected), results


# --- Query budgets --------------------------------------------------------------------------

# Queries per page, measured with the content-type cache cleared first (its worst case). The same
# numbers must hold with ten times the data: no page may run a query per row, per inline row or per
# select. An inline's foreign-key column costs one label query when it has any value; the contact
# group has no paragraph link and no translation in the real data, so its page makes two queries
# fewer there than once the extra data gives it both (21, with the mandate types for its select).
# The "missing translations" column and read-only field cost nothing (EXISTS subqueries in the
# rows' own query); the translations inline of a resolution, paragraph, action or occurrence costs
# its rows' query, the labels of their sources and, with a cold cache, the content type it is
# attached through.
BUDGETS = {
    "action list": 8,  # + the projection's freshness check, + the mandate types for its filter
    "action change": 21,  # + the mandate types for its select (#15)
    "actor list": 6,  # + the actor kinds for the "kind" filter
    "actor change": 6,  # + the actor kinds for its select
    "memberstate list": 5,
    "memberstate change": 5,
    "memberstaterole list": 5,
    "memberstaterole change": 7,
    "occurrence list": 8,
    "occurrence change": 11,
    "paragraph list": 7,  # + the addressees for the "addressee" filter
    "paragraph change": 10,  # + its actions (one query), + the verb and addressee choices (2)
    "participation list": 5,
    "participation change": 7,
    "resolution list": 6,
    # + the Hijri date's and the title's source labels, + its actions (one query), + the labels
    # of the paragraphs' verbs and addressees (one query each, for all rows: autocomplete fields)
    "resolution change": 16,
    "sourcedfigure list": 5,
    "sourcedfigure change": 6,
    "sourcedocument list": 7,
    "sourcedocument change": 4,
    "statusupdate list": 8,
    "statusupdate change": 5,
    "mandatetype list": 5,
    "mandatetype change": 6,  # + whether an action uses it (its behaviour is then read-only)
    "body list": 5,
    "body change": 9,  # + its memberships, their States' and sources' labels, translations
    "membership list": 8,  # + the bodies for the "body" filter
    "membership change": 7,  # + the State, body and source labels (autocomplete)
}


def _assert_within_budgets(client, django_assert_max_num_queries):
    for page, url in _pages().items():
        ContentType.objects.clear_cache()
        with django_assert_max_num_queries(BUDGETS[page], info=page):
            response = client.get(url)
        assert response.status_code == 200, page


def test_pages_stay_within_query_budget(admin_client, real_data, django_assert_max_num_queries):
    _assert_within_budgets(admin_client, django_assert_max_num_queries)


# --- Recording a status update --------------------------------------------------------------

ADD_URL = "admin:resolutions_statusupdate_add"


def _add_form(action, *, evidence=({"url": "https://example.org/evidence"},), **fields):
    """POST data for the add form, with the evidence inline's management form."""
    data = {
        "action": action.pk,
        "status": "completed",
        "progress": "100",
        "as_of": "2019-06-01",
        "note": "The Network was constituted.",
        "evidence-TOTAL_FORMS": str(len(evidence)),
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "1",
        "evidence-MAX_NUM_FORMS": "1000",
        "_save": "Save",
        **fields,
    }
    for i, piece in enumerate(evidence):
        for name, value in piece.items():
            data[f"evidence-{i}-{name}"] = value
    return data


@pytest.fixture
def source(real_data):
    return SourceDocument.objects.get(key="urdupoint-2019-07-01")


def _counts():
    return StatusUpdate.objects.count(), Evidence.objects.count()


def test_evidence_rows_are_capped_and_a_forged_row_count_builds_no_more_forms(
    admin_client, real_data
):
    """An update carries at most MAX_EVIDENCE pieces of evidence; a POST claiming 99,999 rows is
    refused with a message and Django builds no more than the cap (it used to build 2,000)."""
    from resolutions.admin.status_updates import MAX_EVIDENCE

    network = _action("network")
    before = _counts()
    rows = [{"url": f"https://example.org/{i}"} for i in range(MAX_EVIDENCE + 1)]
    too_many = admin_client.post(reverse(ADD_URL), _add_form(network, evidence=rows))
    forged = admin_client.post(
        reverse(ADD_URL), {**_add_form(network), "evidence-TOTAL_FORMS": "99999"}
    )
    for response in (too_many, forged):
        assert response.status_code == 200
        assert f"Please submit at most {MAX_EVIDENCE} forms." in response.text
        formset = response.context["inline_admin_formsets"][0].formset
        assert len(formset.forms) <= MAX_EVIDENCE
    assert _counts() == before

    at_the_cap = admin_client.post(reverse(ADD_URL), _add_form(network, evidence=rows[:-1]))
    assert at_the_cap.status_code == 302
    assert StatusUpdate.objects.latest("recorded_at", "id").evidence.count() == MAX_EVIDENCE


def test_recording_a_status_update(admin_client, admin_user, real_data, source):
    admin_user.first_name, admin_user.last_name = "Amina", "Diallo"
    admin_user.save()
    network = _action("network")
    updates, evidence = _counts()

    response = admin_client.post(
        reverse(ADD_URL),
        _add_form(
            network,
            evidence=[
                {"source": source.pk, "locator": "para. 3", "quote": "evolve an OIC network"}
            ],
            # Not form fields: the author is whoever is logged in.
            author_name="Somebody else",
            author="",
        ),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert _counts() == (updates + 1, evidence + 1)
    update = StatusUpdate.objects.latest("recorded_at", "id")
    assert (update.action, update.status, update.progress) == (network, "completed", 100)
    assert update.as_of == date(2019, 6, 1)
    assert (update.author, update.author_name) == (admin_user, "Amina Diallo")
    assert update.import_key == ""
    piece = update.evidence.get()
    assert (piece.source, piece.locator, piece.quote) == (
        source,
        "para. 3",
        "evolve an OIC network",
    )

    # It is a draft: nothing public moves, and the action's page says what is pending.
    assert (update.state, update.verification, update.published_at) == ("draft", "", None)
    assert _status_on(network, date(2019, 6, 1)) == ("in_progress", 0)
    page = admin_client.get(reverse("admin:resolutions_action_change", args=[network.pk]))
    assert "The Network was constituted." in page.text
    assert "Draft: <strong>Completed</strong> as of 2019-06-01" in page.text

    reviewer = _publish(admin_client, update)

    # Published, the derived status moves on the update's as-of date, not before.
    assert _status_on(network, date(2019, 5, 31))[0] == "in_progress"
    assert _status_on(network, date(2019, 6, 1)) == ("completed", 100)
    update.refresh_from_db()
    assert (update.state, update.verification, update.published_by) == (
        "published",
        "verified",
        reviewer,
    )


def _status_on(action, day):
    action = Action.objects.with_status(day).get(pk=action.pk)
    return action.current_status, action.credit


def _publish(client, update, verification="verified"):
    """Submit (as the author, with `client`), then publish as a second person (four eyes), with
    the buttons on the update's admin page. Returns the reviewer who published it."""
    from tests import staff
    from tests.conftest import EnglishByDefaultClient

    reviewer = staff.user("reviewer")
    second = staff.client_for(EnglishByDefaultClient(), reviewer)
    for who, step, data in (
        (client, "submit", {}),
        (second, "publish", {"verification": verification}),
    ):
        update.refresh_from_db()
        url = reverse("admin:resolutions_statusupdate_step", args=[update.pk, step])
        response = who.post(url, {"version": update.version, "note": "Checked.", **data})
        assert response.status_code == 302
    update.refresh_from_db()
    assert update.state == "published"
    return reviewer


def test_author_name_falls_back_to_the_username(admin_client, admin_user, real_data, source):
    admin_client.post(
        reverse(ADD_URL), _add_form(_action("network"), evidence=[{"url": "https://example.org/r"}])
    )
    assert StatusUpdate.objects.latest("recorded_at", "id").author_name == admin_user.username


def test_action_page_links_to_a_prefilled_add_form(admin_client, real_data):
    network = _action("network")
    link = reverse(ADD_URL) + f"?action={network.pk}"
    page = admin_client.get(reverse("admin:resolutions_action_change", args=[network.pk]))
    assert f'href="{link}"' in page.text

    form_page = admin_client.get(link)
    assert form_page.status_code == 200
    assert f'<option value="{network.pk}" selected>{network.title}</option>' in form_page.text
    # One required evidence row and one optional one.
    assert 'name="evidence-TOTAL_FORMS" value="2"' in form_page.text


def _refused(response, field=None):
    """The add form came back with errors and the given field among them."""
    assert response.status_code == 200
    assert "Please correct the error" in response.text
    if field:
        assert field in response.context["adminform"].form.errors


def test_an_update_without_evidence_is_refused(admin_client, real_data):
    before = _counts()
    response = admin_client.post(reverse(ADD_URL), _add_form(_action("network"), evidence=[]))
    _refused(response)
    assert "Add at least one piece of evidence" in response.text
    assert "Please submit at least" not in response.text
    assert _counts() == before


def test_an_empty_evidence_row_is_refused(admin_client, real_data):
    before = _counts()
    response = admin_client.post(
        reverse(ADD_URL), _add_form(_action("network"), evidence=[{"quote": "Words, no source"}])
    )
    _refused(response)
    assert "Evidence needs a source document, a meeting, a URL or a file." in response.text
    assert _counts() == before


def test_a_progress_over_100_is_refused_on_its_field(admin_client, real_data, source):
    before = _counts()
    response = admin_client.post(
        reverse(ADD_URL),
        _add_form(
            _action("network"),
            status="in_progress",
            progress="150",
            evidence=[{"source": source.pk}],
        ),
    )
    _refused(response, field="progress")
    assert response.context["adminform"].form.errors["progress"] == [
        "Progress is a percentage between 0 and 100."
    ]
    assert _counts() == before
    # The evidence typed so far is shown again.
    assert f'<option value="{source.pk}" selected>{source.title}</option>' in response.text


def test_a_status_that_contradicts_its_progress_is_refused(admin_client, real_data, source):
    before = _counts()
    response = admin_client.post(
        reverse(ADD_URL),
        _add_form(
            _action("network"), status="completed", progress="40", evidence=[{"source": source.pk}]
        ),
    )
    _refused(response)
    assert "A completed action is at 100% progress." in response.text
    assert _counts() == before


def test_a_failure_while_saving_evidence_writes_nothing(
    admin_client, real_data, source, monkeypatch
):
    def fail(*args, **kwargs):
        raise IntegrityError("simulated failure while saving evidence")

    before = _counts()
    monkeypatch.setattr(Evidence, "save", fail)
    with pytest.raises(IntegrityError):
        admin_client.post(
            reverse(ADD_URL), _add_form(_action("network"), evidence=[{"source": source.pk}])
        )
    assert _counts() == before


# --- Recorded updates are append-only -------------------------------------------------------


@pytest.fixture
def recorded(real_data):
    return _action("contact-group").status_updates.get(import_key="seed-2018-11-29")


def test_a_recorded_update_opens_read_only(admin_client, recorded):
    page = admin_client.get(reverse("admin:resolutions_statusupdate_change", args=[recorded.pk]))
    assert page.status_code == 200
    assert 'name="_save"' not in page.text
    assert 'name="_continue"' not in page.text
    assert 'id="id_note"' not in page.text  # (the Verify step has its own note input)
    assert 'class="deletelink"' not in page.text
    # Its evidence is shown, not editable, and no row can be added.
    assert 'name="evidence-0-quote"' not in page.text
    assert 'name="evidence-TOTAL_FORMS" value="2"' in page.text


def test_posting_a_change_to_a_recorded_update_is_forbidden(admin_client, recorded):
    data = _add_form(recorded.action, status="not_started", progress="", note="Rewritten")
    response = admin_client.post(
        reverse("admin:resolutions_statusupdate_change", args=[recorded.pk]), data
    )
    assert response.status_code == 403
    recorded.refresh_from_db()
    assert (recorded.status, recorded.note[:30]) == ("completed", "The summary report counts the ")


def test_a_recorded_update_cannot_be_deleted(admin_client, recorded):
    url = reverse("admin:resolutions_statusupdate_delete", args=[recorded.pk])
    assert admin_client.get(url).status_code == 403
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert StatusUpdate.objects.filter(pk=recorded.pk).exists()

    changelist = admin_client.get(reverse("admin:resolutions_statusupdate_changelist"))
    assert "delete_selected" not in changelist.text


def test_the_action_page_shows_history_without_inputs(admin_client, recorded):
    page = admin_client.get(reverse("admin:resolutions_action_change", args=[recorded.action_id]))
    assert "status_updates-TOTAL_FORMS" in page.text
    assert 'name="status_updates-0-note"' not in page.text
    assert 'name="status_updates-0-DELETE"' not in page.text


# --- The action changelist ------------------------------------------------------------------


def _listed(admin_client, **params):
    response = admin_client.get(reverse("admin:resolutions_action_changelist"), params)
    assert response.status_code == 200
    return response, {action.key: action for action in response.context["cl"].result_list}


def test_action_changelist_shows_current_status_and_progress(admin_client, real_data):
    response, actions = _listed(admin_client)
    assert "Current status" in response.text and "Progress" in response.text
    statuses = {key: action.current_status for key, action in actions.items()}
    assert statuses["network"] == "in_progress"
    assert statuses["contact-group"] == "completed"
    assert statuses["pscru"] == "not_yet_assessed"
    assert statuses["code-of-conduct"] == "not_started"
    assert actions["contact-group"].credit == 100
    assert actions["network"].credit == 0
    for cell in (
        '<td class="field-current_status">In progress</td>',
        '<td class="field-current_status">Completed</td>',
        '<td class="field-current_status">Not yet assessed</td>',
        '<td class="field-progress">100%</td>',
        '<td class="field-progress">0%</td>',
    ):
        assert cell in response.text, cell


@pytest.mark.parametrize(
    ("status", "keys"),
    [
        ("completed", {"contact-group"}),
        ("in_progress", {"network", "training"}),
        ("not_yet_assessed", {"pscru", "partnerships"}),
        ("not_started", {"code-of-conduct"}),
        ("not_applicable", set()),
    ],
)
def test_action_changelist_filters_on_current_status(admin_client, real_data, status, keys):
    response, actions = _listed(admin_client, status=status)
    assert set(actions) == keys


def test_the_status_filter_follows_new_updates(admin_client, real_data, source):
    admin_client.post(
        reverse(ADD_URL),
        _add_form(
            _action("network"),
            as_of=str(timezone.localdate() - timedelta(days=1)),
            evidence=[{"source": source.pk}],
        ),
    )
    # A draft does not count, in the admin's columns and filters either (they are the public
    # numbers); once published it does.
    _, completed = _listed(admin_client, status="completed")
    assert set(completed) == {"contact-group"}
    _publish(admin_client, StatusUpdate.objects.latest("recorded_at", "id"))
    _, completed = _listed(admin_client, status="completed")
    assert set(completed) == {"contact-group", "network"}


# --- Editing an action ----------------------------------------------------------------------


def _resubmit(response, **changes):
    """POST data that saves a rendered change form as it is, plus `changes`."""
    forms = [response.context["adminform"].form]
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms.extend(formset.forms)
        for name in formset.management_form.fields:
            data[formset.management_form.add_prefix(name)] = formset.management_form[name].value()
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = (
                [str(v) for v in value] if isinstance(value, list) else str(value)
            )
    data.update(changes)
    return data


def test_saving_an_action_keeps_its_history(admin_client, real_data):
    contact_group = _action("contact-group")
    url = reverse("admin:resolutions_action_change", args=[contact_group.pk])
    history = list(contact_group.status_updates.values_list("pk", "status", "note"))
    evidence = Evidence.objects.filter(status_update__action=contact_group).count()

    data = _resubmit(admin_client.get(url), title="Establish the OIC Contact Group", _save="Save")
    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    contact_group.refresh_from_db()
    assert contact_group.title == "Establish the OIC Contact Group"
    assert set(contact_group.responsible_actors.values_list("name", flat=True)) == {"Türkiye"}
    assert contact_group.member_state_roles.count() == 3
    assert contact_group.occurrences.count() == 3
    assert list(contact_group.status_updates.values_list("pk", "status", "note")) == history
    assert Evidence.objects.filter(status_update__action=contact_group).count() == evidence


# --- Translations: which languages a record lacks, and the inline to add them ---------------


def _missing_cells(response):
    """{row object: text of its "missing translations" cell} of a changelist."""
    import re

    cells = re.findall(r'<td class="field-missing_translations">(.*?)</td>', response.text)
    return dict(zip(response.context["cl"].result_list, cells, strict=True))


@pytest.mark.parametrize("model", ["resolution", "paragraph", "action", "occurrence"])
def test_changelists_say_which_languages_each_record_lacks(admin_client, real_data, model):
    from resolutions.translations import missing_languages

    response = admin_client.get(reverse(f"admin:resolutions_{model}_changelist"))
    assert "Missing translations" in response.text
    cells = _missing_cells(response)
    assert cells, model
    for obj, cell in cells.items():
        fresh = type(obj).objects.get(pk=obj.pk)  # computed the slow way, from the table
        assert cell == (", ".join(missing_languages(fresh)) or "—"), obj


def test_missing_languages_follow_the_translations(admin_client, real_data):
    # The data file translates the network's title; start from an action with none.
    _action("network").translations.all().delete()
    cells = {
        a.key: c
        for a, c in _missing_cells(
            admin_client.get(reverse("admin:resolutions_action_changelist"))
        ).items()
    }
    assert cells["network"] == "fr, ar"
    # The resolution's title exists in French and in Arabic (the sources give both).
    cells = _missing_cells(admin_client.get(reverse("admin:resolutions_resolution_changelist")))
    assert list(cells.values()) == ["—"]

    network = _action("network")
    for field in TRANSLATABLE_FIELDS["action"]:
        TextTranslation.objects.create(
            record=network, field=field, language="fr", text="Réseau", provenance="paraphrase"
        )
    cells = {
        a.key: c
        for a, c in _missing_cells(
            admin_client.get(reverse("admin:resolutions_action_changelist"))
        ).items()
    }
    assert cells["network"] == "ar"
    page = admin_client.get(reverse("admin:resolutions_action_change", args=[network.pk]))
    assert '<div class="readonly">ar</div>' in page.text  # the change page says it too
    # A field left empty needs no translation: the network has a title and no description.
    assert not network.description
    for field in TRANSLATABLE_FIELDS["action"]:
        if getattr(network, field):
            TextTranslation.objects.create(
                record=network, field=field, language="ar", text="شبكة", provenance="paraphrase"
            )
    page = admin_client.get(reverse("admin:resolutions_action_change", args=[network.pk]))
    assert '<div class="readonly">—</div>' in page.text


def test_change_pages_show_and_edit_translations_inline(admin_client, real_data):
    resolution = real_data
    page = admin_client.get(reverse("admin:resolutions_resolution_change", args=[resolution.pk]))
    assert "Translations (each with its own provenance)" in page.text
    assert "تعزيز قدرات منظمة التعاون الإسلامي في مجال الوساطة" in page.text  # the Arabic title
    assert "Renforcement des capacités de médiation de l&#x27;OCI" in page.text
    for model, obj in (
        ("paragraph", Paragraph.objects.get(resolution=resolution, number="7")),
        ("action", _action("network")),
        ("occurrence", Occurrence.objects.get(key="meeting-2018-09-24")),
    ):
        page = admin_client.get(reverse(f"admin:resolutions_{model}_change", args=[obj.pk]))
        assert page.status_code == 200, model
        assert "Missing translations" in page.text and "Translations" in page.text, model
        formset = _translation_formset(page)
        # Only the model's translatable fields, only the languages that translate English.
        field_choices = [v for v, _label in formset.empty_form.fields["field"].choices if v]
        assert field_choices == list(TRANSLATABLE_FIELDS[model]), model
        language_choices = [v for v, _label in formset.empty_form.fields["language"].choices if v]
        assert language_choices == ["fr", "ar"]


def _translation_formset(page):
    [inline] = [
        i for i in page.context["inline_admin_formsets"] if i.formset.model is TextTranslation
    ]
    return inline.formset


def _with_new_translation(page, **row):
    formset = _translation_formset(page)
    prefix = formset.prefix
    data = _resubmit(page, _save="Save")
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    for name, value in row.items():
        data[f"{prefix}-{index}-{name}"] = value
    return data


def test_adding_a_translation_in_the_admin(admin_client, real_data, source):
    paragraph = Paragraph.objects.get(resolution=real_data, number="7")
    paragraph.translations.all().delete()  # the data file translates it; start from none
    url = reverse("admin:resolutions_paragraph_change", args=[paragraph.pk])
    data = _with_new_translation(
        admin_client.get(url),
        field="text",
        language="fr",
        text="Prie le Secrétaire général…",
        provenance="verbatim",
        source=str(source.pk),
        locator="p. 2",
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    saved = paragraph.translations.get()
    assert (saved.field, saved.language, saved.source, saved.locator) == (
        "text",
        "fr",
        source,
        "p. 2",
    )
    page = admin_client.get(url)
    assert "Prie le Secrétaire général…" in page.text


@pytest.mark.parametrize(
    ("row", "says"),
    [
        ({"field": "text", "language": "en"}, "Select a valid choice"),
        ({"field": "operative_verb", "language": "fr"}, "Select a valid choice"),
        (
            {"field": "text", "language": "fr", "provenance": "verbatim", "source": ""},
            "A verbatim translation must name its source.",
        ),
    ],
)
def test_a_bad_translation_is_refused_on_the_form(admin_client, real_data, row, says):
    paragraph = Paragraph.objects.get(resolution=real_data, number="7")
    paragraph.translations.all().delete()  # the data file translates it; start from none
    url = reverse("admin:resolutions_paragraph_change", args=[paragraph.pk])
    data = _with_new_translation(
        admin_client.get(url), **{"text": "Texte", "provenance": "paraphrase", **row}
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200  # the form again, with the error; never a 500
    assert says in response.text
    assert not paragraph.translations.exists()


def test_a_second_translation_of_the_same_field_is_refused(admin_client, real_data):
    resolution = real_data
    url = reverse("admin:resolutions_resolution_change", args=[resolution.pk])
    before = resolution.translations.count()
    data = _with_new_translation(
        admin_client.get(url),
        field="title",
        language="ar",
        text="عنوان آخر",
        provenance="paraphrase",
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "already has a translation into this language" in response.text
    assert resolution.translations.count() == before
