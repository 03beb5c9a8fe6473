"""Loading data files: idempotent, atomic, and precise about what is wrong."""

from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from resolutions.loader import LoadError, load_data, load_file
from resolutions.models import (
    Action,
    Evidence,
    Occurrence,
    Paragraph,
    Resolution,
    SourceDocument,
    StatusUpdate,
)

pytestmark = pytest.mark.django_db
REAL = yaml.safe_load(Path("data/53-45-pol.yaml").read_text(encoding="utf-8"))
MODELS = [Resolution, Paragraph, Action, Occurrence, StatusUpdate, Evidence, SourceDocument]


def snapshot():
    return {m.__name__: list(m.objects.order_by("pk").values()) for m in MODELS}


def mutated(edit):
    data = yaml.safe_load(yaml.safe_dump(REAL, allow_unicode=True))
    edit(data)
    return data


def action_named(data, key):
    return next(a for a in data["resolution"]["actions"] if a["key"] == key)


def test_loading_twice_changes_nothing(seeded):
    before = snapshot()
    call_command("load_resolution", "data/oic-member-states.yaml", "data/53-45-pol.yaml")
    assert snapshot() == before
    assert StatusUpdate.objects.count() == 6


def test_reloading_keeps_updates_recorded_by_staff(seeded):
    from tests.factories import update

    network = Action.objects.get(key="network")
    update(network, "completed", "2020-01-01", note="Recorded in the admin.")
    load_file("data/53-45-pol.yaml")
    assert StatusUpdate.objects.filter(action=network, note="Recorded in the admin.").exists()


def test_reordered_paragraphs_reload_without_breaking_uniqueness(seeded):
    def swap(d):
        paras = d["resolution"]["paragraphs"]
        paras[3], paras[4] = paras[4], paras[3]

    load_data(mutated(swap), "edited.yaml")
    numbers = list(seeded.paragraphs.order_by("order").values_list("number", flat=True))
    assert numbers[:5] == ["PP1", "PP2", "PP3", "5", "4"]


@pytest.mark.parametrize(
    "edit, record, field, words",
    [
        (
            lambda d: action_named(d, "network")["status_updates"][0].update(status="done"),
            "resolution.actions[2] (network).status_updates[0] (seed-2018-11-29)",
            "status",
            "'done' is not one of",
        ),
        (
            lambda d: action_named(d, "network")["status_updates"][0].update(as_of="29/11/2018"),
            "resolution.actions[2] (network).status_updates[0] (seed-2018-11-29)",
            "as_of",
            "not a date",
        ),
        (
            lambda d: action_named(d, "network")["status_updates"][0].update(progress=250),
            "resolution.actions[2] (network).status_updates[0] (seed-2018-11-29)",
            "progress",
            "100",
        ),
        (
            lambda d: action_named(d, "training").update(mandate_typo="training"),
            "resolution.actions[3] (training)",
            "mandate_typo",
            "unknown field",
        ),
        (
            lambda d: action_named(d, "pscru").update(paragraphs=["99"]),
            "resolution.actions[0] (pscru)",
            "paragraphs",
            "no paragraph '99'",
        ),
        (
            lambda d: d["resolution"]["paragraphs"][3].update(source="no-such-source"),
            "resolution.paragraphs[3] (4)",
            "source",
            "no source with key 'no-such-source'",
        ),
        (
            lambda d: d["resolution"]["paragraphs"][3].update(text=""),
            "resolution.paragraphs[3] (4)",
            None,
            "unknown text must be left empty",
        ),
        (
            lambda d: action_named(d, "code-of-conduct")["status_updates"][0].update(evidence=[]),
            "resolution.actions[6] (code-of-conduct).status_updates[0] (seed-2018-11-29)",
            "evidence",
            "required",
        ),
        (
            lambda d: action_named(d, "annual-conference")["occurrences"][0].update(
                end_date="2017-01-01"
            ),
            "resolution.actions[5] (annual-conference).occurrences[0] (conference-1)",
            None,
            "cannot end before it starts",
        ),
        (
            lambda d: d["resolution"]["translations"].update(de={"title": {"text": "x"}}),
            "resolution",
            "translations",
            "'de' is not one of",
        ),
        (
            lambda d: d["resolution"]["translations"]["ar"].update(
                slug={"text": "x", "provenance": "verbatim", "source": "moqatel-53-45-ar"}
            ),
            "resolution.translations.ar",
            "slug",
            "is not translatable",
        ),
        (
            lambda d: d["resolution"]["translations"]["fr"]["title"].pop("source"),
            "resolution.translations.fr.title",
            None,
            "verbatim translation must name its source",
        ),
        (
            lambda d: d["resolution"].pop("adopted_hijri_source"),
            "resolution",
            None,
            "A Hijri date is quoted from a source",
        ),
        # Found by tests/test_fuzz.py: a list where a source key belongs was a TypeError.
        (
            lambda d: d["resolution"]["sources"].__setitem__(0, [None]),
            "resolution",
            "sources[0]",
            "expected text, got a list",
        ),
    ],
)
def test_malformed_record_names_file_record_and_field_and_changes_nothing(
    seeded, edit, record, field, words
):
    before = snapshot()
    with pytest.raises(LoadError) as info:
        load_data(mutated(edit), "broken.yaml")
    error = info.value
    assert error.file == "broken.yaml"
    assert error.record == record
    assert error.field == field
    assert words in str(error)
    assert snapshot() == before


def test_error_late_in_a_fresh_file_leaves_the_database_empty(empty_db):
    load_file("data/oic-member-states.yaml")
    broken = mutated(lambda d: action_named(d, "code-of-conduct").update(weight="heavy"))
    with pytest.raises(LoadError, match="weight"):
        load_data(broken, "broken.yaml")
    assert not Resolution.objects.exists()
    assert not SourceDocument.objects.filter(key="un-19-01473").exists()


def test_changed_update_under_the_same_key_is_refused_not_rewritten(seeded):
    edit = lambda d: action_named(d, "network")["status_updates"][0].update(  # noqa: E731
        status="completed"
    )
    with pytest.raises(LoadError, match="append-only"):
        load_data(mutated(edit), "edited.yaml")
    assert StatusUpdate.objects.get(action__key="network").status == "in_progress"


def test_command_reports_unparseable_and_missing_files(empty_db, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: [unclosed", encoding="utf-8")
    with pytest.raises(CommandError, match="bad.yaml.*cannot be parsed"):
        call_command("load_resolution", str(bad))
    with pytest.raises(CommandError, match="does not exist"):
        call_command("load_resolution", str(tmp_path / "missing.yaml"))
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"format": "something-else/9"}', encoding="utf-8")
    with pytest.raises(CommandError, match=r"wrong.json: \(top level\): field 'format'"):
        call_command("load_resolution", str(wrong))
    assert not Resolution.objects.exists()


def test_json_files_load_too(db, tmp_path):
    import json

    load_file("data/oic-member-states.yaml")
    path = tmp_path / "res.json"
    path.write_text(json.dumps(REAL, default=str, ensure_ascii=False), encoding="utf-8")
    load_file(path)
    assert Resolution.objects.get().symbol == "53/45-POL"
    assert StatusUpdate.objects.count() == 6


UN_GA = {
    "format": "resolution-tracker/1",
    "sources": [{"key": "ga-record", "title": "Official record", "url": "https://example.org/r"}],
    "resolution": {
        "symbol": "A/RES/99/1",
        "slug": "a-res-99-1",
        "title": "A General Assembly resolution whose operative paragraphs are not numbered",
        "adopting_body": "United Nations General Assembly",
        "session": "99th session",
        "adopted_on": "2024-01-01",
        "paragraphs": [
            {"number": "PP1", "kind": "preambular"},
            {"number": "OP1", "kind": "operative", "summary": "First operative paragraph"},
            {"number": "OP2", "kind": "operative"},
        ],
    },
}


def test_operative_paragraphs_can_be_numbered_by_position(client, seeded):
    load_data(UN_GA, "un-ga.yaml")
    paragraphs = Paragraph.objects.filter(resolution__symbol="A/RES/99/1").order_by("order")
    assert [(p.number, p.kind, p.number_is_positional) for p in paragraphs] == [
        ("PP1", "preambular", True),
        ("OP1", "operative", True),
        ("OP2", "operative", True),
    ]
    assert all(p.text_provenance == "unknown" and p.text == "" for p in paragraphs)
    # The real data's PP1–PP3 are numbers by position too; Para. 4 is printed.
    assert Paragraph.objects.get(resolution=seeded, number="PP1").number_is_positional
    assert not Paragraph.objects.get(resolution=seeded, number="4").number_is_positional
    page = client.get("/en/resolutions/a-res-99-1/").content.decode()
    assert "Operative paragraph OP1</a> <small" in page and "(numbered by position)" in page
    assert "No operative paragraph is recorded" not in page
    detail = client.get("/en/resolutions/a-res-99-1/paragraphs/OP2/").content.decode()
    assert "The source prints no number: the paragraph is numbered by its position." in detail


def test_a_number_by_position_must_match_the_position(seeded):
    import copy

    data = copy.deepcopy(UN_GA)
    data["resolution"]["paragraphs"][2]["number"] = "OP3"  # the second operative paragraph
    with pytest.raises(
        LoadError,
        match=r"paragraphs\[2\] \(OP3\): field 'number': a number by "
        r"position must be 'OP2'",
    ):
        load_data(data, "un-ga.yaml")
    data["resolution"]["paragraphs"][2].update(number="12", positional=True)
    with pytest.raises(LoadError, match="must be 'OP2'"):
        load_data(data, "un-ga.yaml")
    assert not Resolution.objects.filter(symbol="A/RES/99/1").exists()


# --- Rule 5 of #11: imported updates are "reported" unless the file names verifier and date ----


def test_imported_updates_are_reported_unless_the_file_names_who_verified_them(empty_db):
    load_file("data/oic-member-states.yaml")

    def edit(data):
        update = action_named(data, "network")["status_updates"][0]
        update.update(verified_by="A. Reviewer, OIC Secretariat", verified_on="2019-01-30")

    load_data(mutated(edit), "verified.yaml")
    network = StatusUpdate.objects.get(action__key="network")
    assert network.verification == "verified"
    assert network.review_note == (
        "Verified by A. Reviewer, OIC Secretariat on 2019-01-30 (data file)."
    )
    others = StatusUpdate.objects.exclude(action__key="network")
    assert set(others.values_list("verification", flat=True)) == {"reported"}


@pytest.mark.parametrize(
    "fields, missing",
    [
        ({"verification": "verified"}, "verified_by"),
        ({"verified_by": "A. Reviewer"}, "verified_on"),
        ({"verified_on": "2019-01-30"}, "verified_by"),
    ],
)
def test_a_verified_update_without_verifier_and_date_is_refused(empty_db, fields, missing):
    load_file("data/oic-member-states.yaml")
    edit = lambda d: action_named(d, "network")["status_updates"][0].update(fields)  # noqa: E731
    with pytest.raises(LoadError) as info:
        load_data(mutated(edit), "unverified.yaml")
    assert info.value.field == missing and "verified_by" in str(info.value)
    assert not StatusUpdate.objects.exists()


def test_the_loader_writes_only_through_the_services():
    """#16: admin, loader and spreadsheet upload write through the services. The loader reads
    and checks; its writes go through workflow/import_services.py and
    services.status_update_create, never a model's own save, delete or relation setters."""
    import ast
    from pathlib import Path

    import resolutions.loader

    writes = {"save", "delete", "set", "add", "remove", "clear", "create", "get_or_create"}
    writes |= {"update", "update_or_create", "bulk_create", "bulk_update"}
    found = []
    for path in sorted(Path(resolutions.loader.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            receiver = node.func.value
            # self.save() is the loader's own: it hands the record to import_services.
            # A bare name's add() is a Python set of keys seen; a relation is obj.rel.add().
            own = isinstance(receiver, ast.Name) and (
                receiver.id == "self" or node.func.attr == "add"
            )
            if node.func.attr in writes and not own:
                found.append(f"{path.name}:{node.lineno} .{node.func.attr}()")
    assert not found
