"""The vocabularies #15 asked for (mandate types "submit a report", "adopt a policy",
"appoint"; actor kinds Secretary-General, UN organ, regional organisation; addressees UN organs,
regional and international organisations; verbs recalls, recommends, stresses) load from a data
file and show with their labels and definitions. The data is a fictional test fixture."""

import pytest

from resolutions.loader import load_data
from resolutions.models import Action, Actor, MandateType, Paragraph

pytestmark = pytest.mark.django_db

SRC = "test-record"
FILE = {
    "format": "resolution-tracker/1",
    "sources": [{"key": SRC, "title": "A fictional record", "url": "https://x.test/"}],
    "actors": [
        {"name": "Test Secretary-General", "kind": "secretary_general"},
        {"name": "Test Mediation Support Unit", "kind": "un_organ"},
        {"name": "Test Regional Organisation", "kind": "regional_organisation"},
    ],
    "resolution": {
        "symbol": "A/RES/99/9",
        "slug": "a-res-99-9",
        "title": "A fictional resolution using the new vocabularies",
        "adopting_body": "Test Assembly",
        "session": "99th session",
        "adopted_on": "2024-01-01",
        "paragraphs": [
            {"number": "PP1", "kind": "preambular"},
            {"number": "OP1", "kind": "operative", "verb": "recalls"},
            {
                "number": "OP2",
                "kind": "operative",
                "verb": "recommends",
                "addressee": "regional_organisations",
            },
            {"number": "OP3", "kind": "operative", "verb": "stresses", "addressee": "un_organs"},
            {
                "number": "OP4",
                "kind": "operative",
                "verb": "requests",
                "addressee": "international_organisations",
            },
        ],
        "actions": [
            {
                "key": "report",
                "title": "Report to the Assembly",
                "mandate_type": "submit_report",
                "paragraphs": ["OP4"],
                "responsible": ["Test Secretary-General"],
                "responsible_source": SRC,
            },
            {
                "key": "policy",
                "title": "Adopt a mediation policy",
                "mandate_type": "adopt_policy",
                "paragraphs": ["OP2"],
                "responsible": ["Test Regional Organisation"],
                "responsible_source": SRC,
            },
            {
                "key": "envoy",
                "title": "Appoint an envoy",
                "mandate_type": "appoint",
                "paragraphs": ["OP3"],
                "responsible": ["Test Mediation Support Unit"],
                "responsible_source": SRC,
            },
        ],
    },
}


def test_the_new_vocabularies_load_and_show(seeded, client):
    load_data(FILE, "vocab.yaml")
    verbs = dict(
        Paragraph.objects.filter(resolution__symbol="A/RES/99/9").values_list(
            "number", "operative_verb"
        )
    )
    assert verbs == {
        "PP1": None,
        "OP1": "recalls",
        "OP2": "recommends",
        "OP3": "stresses",
        "OP4": "requests",
    }
    assert {a.kind for a in Actor.objects.filter(name__startswith="Test ")} == {
        "secretary_general",
        "un_organ",
        "regional_organisation",
    }
    assert sorted(
        Action.objects.filter(key__in=["report", "policy", "envoy"]).values_list(
            "mandate_type", flat=True
        )
    ) == ["adopt_policy", "appoint", "submit_report"]
    page = client.get("/en/resolutions/a-res-99-9/").content.decode()
    for label in (
        "recommends",
        "stresses",
        "Regional organisations",
        "UN organs or offices",
        "International organisations",
    ):
        assert label in page, label
    statuses = client.get("/en/statuses/").content.decode()
    for code in ("submit_report", "adopt_policy", "appoint"):
        mandate_type = MandateType.objects.get(code=code)
        assert mandate_type.label_en in statuses
        assert mandate_type.definition_en in statuses
    french = client.get("/fr/statuses/").content.decode()
    assert "Présenter un rapport" in french and "Nommer une personne ou un organe" in french
