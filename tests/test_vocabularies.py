"""The vocabularies as data (#15 item 2, models/vocabularies.py): a data file or an administrator
adds a term with its texts in three languages; the roll-up keys off a mandate type's declared
behaviour, not its code; the database holds "an interval iff recurring" and "behaviour fixed
once used" (triggers, on SQLite and PostgreSQL). The data is a fictional test fixture."""

import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from exports.report.open_data import build_dataset
from resolutions.loader import LoadError, load_data
from resolutions.models import Action, MandateType, OperativeVerb, Paragraph, Resolution
from resolutions.rollup import annotate_status
from tests import factories as f
from tests import staff

pytestmark = pytest.mark.django_db

SRC = "test-record"


def term(code, **extra):
    return {
        "code": code,
        "label": {"en": f"{code} (en)", "fr": f"{code} (fr)", "ar": f"{code} (ar)"},
        "definition": {"en": "Defined.", "fr": "Défini.", "ar": "مُعرَّف."},
        **extra,
    }


def datafile(mandate_type="hold_forum", recurrence="biennial", vocabularies=None):
    return {
        "format": "resolution-tracker/1",
        "vocabularies": vocabularies
        if vocabularies is not None
        else {
            "mandate_types": [
                term("hold_forum", behaviour="recurring", default_interval="biennial")
            ],
            "operative_verbs": [term("takes_note")],
        },
        "sources": [{"key": SRC, "title": "A fictional record", "url": "https://x.test/"}],
        "resolution": {
            "symbol": "T/99/1",
            "slug": "t-99-1",
            "title": "A fictional resolution declaring its own terms",
            "adopting_body": "Test Assembly",
            "session": "99th session",
            "adopted_on": "2020-01-01",
            "paragraphs": [{"number": "OP1", "kind": "operative", "verb": "takes_note"}],
            "actions": [
                {
                    "key": "forum",
                    "title": "Hold the forum",
                    "mandate_type": mandate_type,
                    "recurrence": recurrence,
                    "paragraphs": ["OP1"],
                    "occurrences": [
                        {
                            "key": "first",
                            "kind": "meeting",
                            "title": "First forum",
                            "start_date": "2021-03-01",
                        }
                    ],
                }
            ],
        },
    }


def status_on(action, day):
    return annotate_status(Action.objects.filter(pk=action.pk), day).get().current_status


def test_a_data_file_declares_a_term_and_the_rollup_reads_its_behaviour(empty_db):
    load_data(datafile(), "forum.yaml")
    forum = MandateType.objects.get(code="hold_forum")
    assert (forum.behaviour, forum.default_recurrence) == ("recurring", "biennial")
    assert (forum.label_ar, forum.definition_fr) == ("hold_forum (ar)", "Défini.")
    assert Paragraph.objects.get(number="OP1").operative_verb_id == "takes_note"
    action = Action.objects.get(key="forum")
    # Recurring by declaration, under a code the roll-up has never heard of: not yet due in
    # the first interval, on track for one interval after the occurrence, then lapsed.
    assert status_on(action, date(2020, 6, 1)) == "not_yet_due"
    assert status_on(action, date(2022, 6, 1)) == "ongoing"
    assert status_on(action, date(2023, 6, 1)) == "no_occurrence"


def test_the_same_action_under_a_one_off_type_is_judged_by_its_status_updates(empty_db):
    load_data(datafile(mandate_type="adopt_policy", recurrence=""), "policy.yaml")
    action = Action.objects.get(key="forum")
    # The occurrence does not make it ongoing: a one-off waits for a status update.
    assert status_on(action, date(2022, 6, 1)) == "not_yet_assessed"


def test_a_code_in_no_vocabulary_is_refused_with_its_field(empty_db):
    with pytest.raises(LoadError) as error:
        load_data(datafile(mandate_type="hold_summit"), "bad.yaml")
    assert "field 'mandate_type'" in str(error.value)
    assert "'hold_summit' is not in the vocabulary" in str(error.value)
    assert not Resolution.objects.filter(slug="t-99-1").exists()


def test_a_term_without_its_arabic_texts_is_refused(empty_db):
    incomplete = term("hold_forum", behaviour="recurring")
    del incomplete["label"]["ar"]
    with pytest.raises(LoadError) as error:
        load_data(datafile(vocabularies={"mandate_types": [incomplete]}), "bad.yaml")
    assert "label" in str(error.value) and "'ar'" in str(error.value)
    assert not MandateType.objects.filter(code="hold_forum").exists()


def test_the_export_declares_the_terms_it_uses_and_loads_back(empty_db):
    load_data(datafile(), "forum.yaml")
    resolution = Resolution.objects.get(slug="t-99-1")
    exported = json.loads(json.dumps(build_dataset(resolution, date(2022, 6, 1))))
    assert [t["code"] for t in exported["vocabularies"]["mandate_types"]] == ["hold_forum"]
    assert [t["code"] for t in exported["vocabularies"]["operative_verbs"]] == ["takes_note"]
    resolution.delete()
    MandateType.objects.filter(code="hold_forum").delete()
    OperativeVerb.objects.filter(code="takes_note").delete()
    load_data(exported, "export.json")
    assert MandateType.objects.get(code="hold_forum").behaviour == "recurring"
    assert status_on(Action.objects.get(key="forum"), date(2022, 6, 1)) == "ongoing"


# -- the database's rules ----------------------------------------------------------------------


def test_the_database_refuses_an_interval_on_a_type_that_is_not_recurring():
    res = f.resolution()
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.create(
            resolution=res, key="x", title="X", mandate_type="appoint", recurrence="annual"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.create(resolution=res, key="y", title="Y", mandate_type="recurring_event")
    action = f.action(res, mandate_type="recurring_event")
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=action.pk).update(mandate_type="training")
    with pytest.raises(ValidationError) as error:
        Action(
            resolution=res, key="z", title="Z", mandate_type="appoint", recurrence="annual"
        ).full_clean()
    assert "recurrence" in error.value.message_dict


def test_a_used_types_behaviour_cannot_change():
    f.action(f.resolution(), mandate_type="training")
    with pytest.raises(IntegrityError), transaction.atomic():
        MandateType.objects.filter(code="training").update(behaviour="one_off")
    training = MandateType.objects.get(code="training")
    training.behaviour = "one_off"
    with pytest.raises(ValidationError) as error:
        training.full_clean()
    assert "behaviour" in error.value.message_dict
    # An unused type may still be corrected.
    MandateType.objects.filter(code="appoint").update(behaviour="continuous")


# -- the admin and the definitions page --------------------------------------------------------


def test_an_administrator_adds_a_term_with_its_three_languages(client):
    admin = staff.client_for(client, staff.user("administrator"))
    url = "/en/admin/resolutions/operativeverb/add/"
    data = {
        "code": "takes_note",
        "order": 20,
        "label_en": "takes note",
        "label_fr": "prend note",
        "label_ar": "يحيط علما",
        "definition_en": "Acknowledges a text without endorsing it.",
        "definition_fr": "Prend acte d’un texte sans l’approuver.",
        "definition_ar": "",
    }
    response = admin.post(url, data)
    assert response.status_code == 200  # the form again, with its error
    assert not OperativeVerb.objects.filter(code="takes_note").exists()
    data["definition_ar"] = "يقر بنص دون أن يؤيده."
    response = admin.post(url, data)
    assert response.status_code == 302
    page = client.get("/ar/statuses/").content.decode()
    assert "يحيط علما" in page and "يقر بنص دون أن يؤيده." in page


def test_an_editor_cannot_change_a_vocabulary(client):
    editor = staff.client_for(client, staff.user("editor"))
    assert editor.get("/en/admin/resolutions/mandatetype/add/").status_code == 403
    assert editor.get("/en/admin/resolutions/mandatetype/").status_code == 200  # may read


def test_a_built_in_term_cannot_be_deleted(client):
    admin = staff.client_for(client, staff.user("administrator"))
    assert admin.get("/en/admin/resolutions/actorkind/member_states/delete/").status_code == 403
    assert admin.get("/en/admin/resolutions/actorkind/external/delete/").status_code == 200


def test_statuses_define_every_term_in_the_readers_language(client):
    french = client.get("/fr/statuses/").content.decode()
    for model_term in MandateType.objects.all():
        assert model_term.label_fr in french and model_term.definition_fr in french
    assert "continu" in french.lower()
