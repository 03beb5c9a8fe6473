"""The JSON export is a data file: it matches the published schema, and loading it into an empty
database reproduces the same pages and roll-up numbers.

`jsonschema` is not a dependency, so the schema is checked by a small validator below that
implements exactly the keywords the schema uses (and fails on any other, so it cannot silently
skip a rule)."""

import json
import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from django.urls import reverse
from django.utils import timezone
from jsonschema.validators import validator_for

from exports.report.open_data import build_dataset
from resolutions.loader import load_data, load_file
from resolutions.models import (
    Action,
    MemberStateRole,
    Occurrence,
    Paragraph,
    Participation,
    Resolution,
    SourceDocument,
    StatusUpdate,
    TextTranslation,
)
from resolutions.models.actions import DatePrecision, Recurrence
from resolutions.models.provenance import Provenance
from resolutions.models.resolution import ParagraphKind
from resolutions.models.vocabularies import MandateType
from resolutions.rollup import paragraph_rollups, resolution_rollup
from resolutions.status import RECORDABLE
from tests import factories as f
from tests.conftest import empty_tracker_data

# Pages and numbers for today are compared before and after a reload: steady_clock keeps the
# date from changing in between (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("steady_clock")

SCHEMA_PATH = (
    Path(__file__).resolve().parent.parent / "exports/schema/resolution-export-v1.schema.json"
)
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))

# -- validation with jsonschema ----------------------------------------------------------------

SCHEMA_VALIDATOR = validator_for(SCHEMA)
SCHEMA_VALIDATOR.check_schema(SCHEMA)


def _every_property_required(schema):
    """The schema with every record (an object schema with a `required` list) requiring all the
    properties it lists: the export's promise of a stable shape. Translation maps
    ({language: {field: …}}) have no `required` list and stay sparse."""
    if isinstance(schema, list):
        return [_every_property_required(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    stricter = {key: _every_property_required(value) for key, value in schema.items()}
    if "required" in schema and isinstance(schema.get("properties"), dict):
        stricter["required"] = list(schema["properties"])
    return stricter


COMPLETE_SCHEMA = _every_property_required(SCHEMA)


def validate(value, complete=False) -> list[str]:
    """Errors of `value` against the export's JSON Schema, each with its JSON path. With
    complete=True, records must also carry every property their schema lists."""
    validator = SCHEMA_VALIDATOR(COMPLETE_SCHEMA if complete else SCHEMA)
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(value)]


def test_the_validator_is_not_vacuous(seeded, client):
    data = export(client, seeded)
    assert validate(data) == []
    broken = json.loads(json.dumps(data))
    action = broken["resolution"]["actions"][2]
    action["status_updates"][0]["status"] = "done"
    action["status_updates"][0]["evidence"] = []
    action["colour"] = "red"
    del broken["resolution"]["title"]
    broken["sources"][0]["date"] = "24/01/2019"
    broken["resolution"]["actions"][0]["weight"] = 0
    broken["format"] = "resolution-tracker/2"
    errors = "\n".join(validate(broken))
    for expected in (
        "'done' is not one of",
        "evidence: [] should be non-empty",
        "('colour' was unexpected)",
        "'title' is a required property",
        "'24/01/2019' does not match",
        "0 is less than the minimum of 1",
        "'resolution-tracker/1' was expected",
    ):
        assert expected in errors, expected
    del broken["resolution"]["actions"][1]["attribution_note"]
    assert "'attribution_note' is a required property" in "\n".join(validate(broken, complete=True))
    assert "attribution_note" not in errors


# -- the schema describes the loader's format --------------------------------------------------


def _jsonable(value):
    """YAML parses dates into date objects; JSON has only strings."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


@pytest.mark.parametrize(
    "path", ["data/53-45-pol.yaml", "data/56-46-pol.yaml", "data/oic-member-states.yaml"]
)
def test_the_hand_written_data_files_match_the_schema(path):
    data = _jsonable(yaml.safe_load(Path(path).read_text(encoding="utf-8")))
    assert validate(data) == []


def test_the_loader_reads_exactly_the_schemas_fields(empty_db, monkeypatch):
    """The schema is the loader's only list of fields: a record reads only fields its schema type
    defines (any other read is a KeyError), and loading the data files reads every field of every
    record type, so no field of the format is silently dropped on a load or a round trip."""
    from resolutions.loader.records import _Record
    from resolutions.loader.schema import fields

    with pytest.raises(KeyError, match="not a field of status_update"):
        _Record(None, {}, "x", "status_update").get("colour")
    read: dict = {}
    original = _Record.get

    def spy(record, name, default=None):
        read.setdefault(record.kind, set()).add(name)
        return original(record, name, default)

    monkeypatch.setattr(_Record, "get", spy)
    for path in ("data/oic-member-states.yaml", "data/53-45-pol.yaml", "data/56-46-pol.yaml"):
        load_file(path)
    # The data files use seeded vocabulary terms only; an export declares the terms it uses.
    exported = build_dataset(Resolution.objects.get(slug="53-45-pol"), timezone.localdate())
    load_data(json.loads(json.dumps(exported)), "export.json")
    records = [None] + [name for name, d in SCHEMA["$defs"].items() if "properties" in d]
    for kind in records:
        expected = set(fields(kind)) - ({"computed"} if kind is None else set())
        assert read.get(kind) == expected, kind


def test_the_schemas_translatable_fields_are_the_models():
    """Records of the file that carry translations accept exactly the model's translatable
    fields, and every model with translatable fields has its record carry them."""
    from resolutions.models.translations import TRANSLATABLE_FIELDS

    model_of = {
        "status_update": "statusupdate",
        "figure": "sourcedfigure",
        "member_state_role": "memberstaterole",
    }
    carrying = {k for k, d in SCHEMA["$defs"].items() if "translations" in d.get("properties", {})}
    assert {model_of.get(k, k) for k in carrying} == set(TRANSLATABLE_FIELDS)
    for record in carrying:
        model = model_of.get(record, record)
        languages = SCHEMA["$defs"][record]["properties"]["translations"]
        assert languages["propertyNames"] == {"enum": ["en", "fr", "ar"]}
        for language in ("en", "fr", "ar"):
            fields = languages["properties"][language]["properties"]
            assert tuple(fields) == TRANSLATABLE_FIELDS[model], (model, language)


def test_schema_enums_are_the_models_choices():
    defs = SCHEMA["$defs"]

    def values(choices, blank=False):
        found = [c.value for c in choices]
        return ([""] if blank and "" not in found else []) + found

    assert defs["source"]["properties"]["kind"]["enum"] == values(SourceDocument.Kind)
    paragraph = defs["paragraph"]["properties"]
    assert paragraph["kind"]["enum"] == values(ParagraphKind)
    assert paragraph["provenance"]["enum"] == values(Provenance)
    action = defs["action"]["properties"]
    assert action["recurrence"]["enum"] == values(Recurrence) + [None]
    occurrence = defs["occurrence"]["properties"]
    assert occurrence["kind"]["enum"] == values(Occurrence.Kind)
    assert occurrence["date_precision"]["enum"] == values(DatePrecision)
    assert defs["participation"]["properties"]["role"]["enum"] == values(Participation.Role)
    assert defs["member_state_role"]["properties"]["role"]["enum"] == values(MemberStateRole.Role)
    # What a status update may record; "not yet due" and "no occurrence recorded" are derived
    # by the roll-up, never recorded (#11).
    assert defs["status_update"]["properties"]["status"]["enum"] == [s.value for s in RECORDABLE]
    assert defs["status_update"]["properties"]["verification"]["enum"] == values(
        StatusUpdate.Verification
    ) + [None]


@pytest.mark.django_db
def test_vocabulary_fields_take_any_code_of_their_vocabulary():
    """Mandate type, actor kind, verb and addressee are codes of vocabularies kept as data
    (models/vocabularies.py), not enums: the schema checks a code's form, the loader that it is
    in the vocabulary. Every seeded code has that form, every seeded term is named and defined
    in the three languages, and the schema's `vocabularies` sections are the vocabulary models."""
    import re

    from resolutions.loader.vocabularies import SECTIONS
    from resolutions.models import VOCABULARIES

    defs = SCHEMA["$defs"]
    code = re.compile(defs["vocabulary_code"]["pattern"])
    blank_or_code = re.compile(defs["paragraph"]["properties"]["verb"]["pattern"])
    assert defs["action"]["properties"]["mandate_type"]["$ref"] == "#/$defs/vocabulary_code"
    assert defs["actor"]["properties"]["kind"]["$ref"] == "#/$defs/vocabulary_code"
    assert defs["paragraph"]["properties"]["addressee"]["pattern"] == blank_or_code.pattern
    assert blank_or_code.fullmatch("") and not code.fullmatch("")
    assert set(SCHEMA["properties"]["vocabularies"]["properties"]) == set(SECTIONS)
    assert {model for model, _kind in SECTIONS.values()} == set(VOCABULARIES)
    for model in VOCABULARIES:
        terms = list(model.objects.all())
        assert terms, model
        for term in terms:
            assert code.fullmatch(term.code), term.code
            for field in ("label", "definition"):
                for language in ("en", "fr", "ar"):
                    assert getattr(term, f"{field}_{language}").strip(), (term.code, field)
    mandate = defs["mandate_type_term"]["properties"]
    assert mandate["behaviour"]["enum"] == [b.value for b in MandateType.Behaviour]


# -- round trip --------------------------------------------------------------------------------


def export(client, resolution, as_of=None):
    url = reverse("resolution_report", args=[resolution.slug, "json"])
    response = client.get(f"{url}?as_of={as_of}" if as_of else url)
    assert response.status_code == 200
    return json.loads(response.content)


DATES = [date(2018, 6, 1), date(2018, 11, 29), None]  # None: today


def numbers(slug):
    """Every roll-up number of the resolution, keyed by natural keys (ids change on reload)."""
    resolution = Resolution.objects.get(slug=slug)
    paragraphs = {p.pk: p.number for p in resolution.paragraphs.all()}
    result = {}
    for when in DATES:
        as_of = when or timezone.localdate()
        rollup = resolution_rollup(resolution, as_of)
        result[when] = {
            "resolution": (rollup.percent, rollup.distribution, rollup.overdue, rollup.stale),
            "paragraphs": {
                paragraphs[pk]: (r.percent, r.distribution)
                for pk, r in paragraph_rollups(list(paragraphs), as_of).items()
            },
            "actions": {
                a.key: (
                    a.current_status,
                    a.credit,
                    a.latest_as_of,
                    a.last_occurrence_on,
                    a.is_overdue,
                    a.is_stale,
                )
                for a in Action.objects.with_status(as_of).filter(resolution=resolution)
            },
        }
    return result


# Action ids may differ after a reload (flush happens to reset sequences, a real empty
# database need not) and recording times do; nothing else may.
IDS = [
    (re.compile(r"/actions/\d+/"), "/actions/#/"),
    (re.compile(r'((?:id|for|headers|aria-[a-z]+|href)="#?[a-z_-]*?)\d+"'), r'\1#"'),
    (re.compile(r"\d{1,2} \w{3} \d{4}, \d{2}:\d{2}"), "<recorded at>"),
]


def pages(client, slug):
    resolution = Resolution.objects.get(slug=slug)
    urls = ["/", reverse("resolution_detail", args=[slug])]
    urls += [
        reverse("paragraph_detail", args=[slug, p.number])
        for p in resolution.paragraphs.order_by("order")
    ]
    urls += [
        reverse("action_detail", args=[a.pk])
        for a in Action.objects.filter(resolution=resolution).order_by("key")
    ]
    captured = {}
    for when in ("2018-06-01", "2018-11-29", None):
        for url in urls:
            full = f"{url}?as_of={when}" if when else url
            response = client.get(full)
            assert response.status_code == 200, full
            text = response.content.decode()
            for pattern, replacement in IDS:
                text = pattern.sub(replacement, text)
            captured[(re.sub(r"/actions/\d+/", "/actions/#/", url), when)] = text
    return captured


def _all_translations(data):
    res = data["resolution"]
    actions = res["actions"]
    updates = [u for a in actions for u in a["status_updates"]]
    occurrences = [o for a in actions for o in a["occurrences"]]
    records = [
        res,
        *res["paragraphs"],
        *actions,
        *occurrences,
        *updates,
        *[e for u in updates for e in u["evidence"]],
        *[p for o in occurrences for p in o["participations"]],
        *[f for a in actions for f in a["figures"]],
        *[r for a in actions for r in a["member_state_roles"]],
        *data["actors"],
        *data["bodies"],
    ]
    return [fields for r in records for fields in r["translations"].values()]


def empty_database():
    empty_tracker_data()
    assert not Resolution.objects.exists() and not StatusUpdate.objects.exists()


def test_json_export_round_trips_to_the_same_pages_and_numbers(client, seeded):
    # Something staff might add in the admin, without an import key, on a day the seed also
    # has an update: it must come back with a generated key and still win the tie. (It goes to
    # the last action: updates are reloaded action by action, so only the order within an
    # action is kept, which is what decides a status; see the README.)
    # Reported: a "verified" update with no named verifier exports (and reloads) as reported
    # (#11), so only a reported one comes back unchanged.
    f.update(
        Action.objects.get(key="code-of-conduct"),
        "in_progress",
        "2018-11-29",
        progress=30,
        note="Correction recorded later the same day.",
        verification="reported",
    )
    data = export(client, seeded)
    assert validate(data, complete=True) == []
    before_numbers, before_pages = numbers("53-45-pol"), pages(client, "53-45-pol")
    assert before_numbers[date(2018, 11, 29)]["actions"]["code-of-conduct"][:2] == (
        "in_progress",
        30,
    )

    empty_database()
    load_file("data/oic-member-states.yaml")
    load_data(data, "export.json")

    assert numbers("53-45-pol") == before_numbers
    after_pages = pages(client, "53-45-pol")
    assert after_pages.keys() == before_pages.keys()
    for key, page in before_pages.items():
        assert after_pages[key] == page, key
    assert (
        TextTranslation.objects.count()
        == sum(len(fields) for fields in _all_translations(data))
        > 0
    )
    # A second export of the reloaded data is the same file (translations included).
    reloaded = Resolution.objects.get(slug="53-45-pol")
    assert export(client, reloaded) == data
    # And reloading it once more changes nothing (the loader is idempotent on the export too).
    count = StatusUpdate.objects.count()
    load_data(data, "export.json")
    assert StatusUpdate.objects.count() == count


def test_the_export_is_self_contained(client, seeded):
    """Loaded into a database without the member-states file, the export still loads: it
    carries the Member States, actors and sources it refers to, and the resolution's body with
    its memberships (what "Member States" means in it)."""
    data = export(client, seeded)
    named = {"GMB", "JOR", "PAK", "SAU", "TUR"}  # in roles and participations
    members = {m["state"] for m in data["memberships"]}
    assert [b["key"] for b in data["bodies"]] == ["oic"] and len(members) == 57
    assert named <= members
    assert {m["iso3"] for m in data["member_states"]} == named | members
    before = numbers("53-45-pol")
    empty_database()
    load_data(data, "export.json")
    assert numbers("53-45-pol") == before
    assert Resolution.objects.get(slug="53-45-pol").member_states().count() == 57


def test_an_export_as_of_a_date_reloads_to_that_dates_numbers(client, seeded):
    as_of = date(2018, 11, 29)
    data = export(client, seeded, as_of.isoformat())
    assert validate(data, complete=True) == []
    before = numbers("53-45-pol")[as_of]
    empty_database()
    load_file("data/oic-member-states.yaml")
    load_data(data, "export-2018-11-29.json")
    assert numbers("53-45-pol")[as_of] == before
    assert not StatusUpdate.objects.filter(as_of__gt=as_of).exists()
    assert not Occurrence.objects.filter(start_date__gt=as_of).exists()


def test_admin_records_without_keys_export_with_generated_keys(client, seeded):
    network = Action.objects.get(key="network")
    occurrence = f.occurrence(network, "2018-10-10", key="")
    update = f.update(network, "in_progress", "2018-10-10")
    data = export(client, seeded)
    exported = next(a for a in data["resolution"]["actions"] if a["key"] == "network")
    assert f"occurrence-{occurrence.pk}" in [o["key"] for o in exported["occurrences"]]
    assert f"update-{update.pk}" in [u["key"] for u in exported["status_updates"]]
    assert validate(data, complete=True) == []
    assert Paragraph.objects.filter(resolution=seeded).count() == len(
        data["resolution"]["paragraphs"]
    )
