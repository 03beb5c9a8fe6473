"""JSON and CSV carry the computed state beside the data: the JSON export's "computed" block is
the roll-up's, valid against the JSON Schema in the repository (jsonschema), ignored on load; the
CSV's columns are described by a Frictionless datapackage.json."""

import csv
import io
import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from exports.formats import REPORT_COLUMNS, column_keys
from resolutions.models import Action
from resolutions.rollup import resolution_rollup
from resolutions.status import Status

SCHEMA = Path("exports/schema/resolution-export-v1.schema.json")
DATAPACKAGE = Path("exports/schema/datapackage.json")
AS_OF = "2018-11-29"


def test_the_json_export_carries_the_rollup_state_and_validates(client, seeded):
    data = json.loads(client.get(f"/en/resolutions/53-45-pol/report.json?as_of={AS_OF}").content)
    jsonschema.validate(data, json.loads(SCHEMA.read_text()))
    computed = data["computed"]
    rollup = resolution_rollup(seeded, date(2018, 11, 29))
    unassessed = rollup.counts.get(Status.NOT_YET_ASSESSED, 0)
    assert computed["as_of"] == AS_OF
    assert computed["resolution"]["percent"] == rollup.percent == 28.6
    assert computed["resolution"]["assessed"] == rollup.scored - unassessed
    statuses = dict(
        Action.objects.with_status(date(2018, 11, 29))
        .filter(resolution=seeded)
        .values_list("key", "current_status")
    )
    assert {a["key"]: a["status"] for a in computed["actions"]} == statuses
    network = next(a for a in computed["actions"] if a["key"] == "network")
    assert network["last_change"] == "2018-11-29" and network["credit"] == 0
    assert [p["number"] for p in computed["paragraphs"]] == ["4", "5", "7", "8"]


def test_the_json_stays_the_same_in_every_language(client, seeded):
    url = "/{lang}/resolutions/53-45-pol/report.json?as_of=" + AS_OF
    assert client.get(url.format(lang="fr")).content == client.get(url.format(lang="ar")).content


def test_the_datapackage_describes_every_csv_column(client, seeded):
    package = json.loads(DATAPACKAGE.read_text())
    fields = package["resources"][0]["schema"]["fields"]
    assert [f["name"] for f in fields] == column_keys(REPORT_COLUMNS)
    content = client.get(f"/en/resolutions/53-45-pol/report.csv?as_of={AS_OF}").content
    header = next(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert header == [f["name"] for f in fields]
    assert all(f["type"] in {"string", "number", "integer", "date", "boolean"} for f in fields)


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_every_csv_cell_has_the_type_the_datapackage_declares(client, seeded, lang):
    """What a Frictionless validator checks on a tabular resource, done by hand (frictionless
    is not a dependency): each cell is missing ('') or parses as its field's type, in every
    language (the CSV keeps coded values and ISO dates whatever the page language)."""
    resource = json.loads(DATAPACKAGE.read_text())["resources"][0]
    schema = resource["schema"]
    content = client.get(f"/{lang}/resolutions/53-45-pol/report.csv?as_of={AS_OF}").content
    rows = list(csv.DictReader(io.StringIO(content.decode(resource["encoding"]))))
    assert rows
    parse = {
        "string": str,
        "integer": int,
        "number": float,
        "date": date.fromisoformat,
    }
    for row in rows:
        for field in schema["fields"]:
            value = row[field["name"]]
            if value in schema["missingValues"]:
                continue
            if field["type"] == "boolean":
                assert value in field["trueValues"] + field["falseValues"], (field, value)
            else:
                parse[field["type"]](value)  # raises on a cell of the wrong type
