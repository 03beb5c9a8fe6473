"""A corrected update is marked superseded in the exports too (#12 item 3): in the JSON export's
computed block (the data keeps both updates, as the pages do) and on the what-changed page
(struck through, linked to its correction)."""

import json
from datetime import date

import jsonschema
import pytest

from exports.computed import computed_state
from exports.report import build_dataset, snapshot
from exports.views import SCHEMA_FILE
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def corrected():
    """An update wrongly saying "completed" (1 Jan 2020), corrected by a published update
    dated 1 Dec 2019 that a second person published."""
    return f.corrected_update()


def test_the_json_export_names_the_superseded_update_and_its_correction(corrected):
    resolution, action, wrong, fix = corrected
    snap = snapshot(resolution, date(2021, 1, 1))
    data = build_dataset(resolution, date(2021, 1, 1), snap=snap)
    data["computed"] = computed_state(snap)
    jsonschema.validate(
        json.loads(json.dumps(data, default=str)), json.loads(SCHEMA_FILE.read_text())
    )
    [exported] = data["resolution"]["actions"]
    keys = {u["note"]: u["key"] for u in exported["status_updates"]}
    # Both stay in the data, as both stay on the pages.
    assert set(keys) == {"Wrongly completed.", "Corrected: the body was not yet constituted."}
    [entry] = data["computed"]["actions"]
    assert entry["superseded_updates"] == [
        {
            "update": keys["Wrongly completed."],
            "superseded_by": keys["Corrected: the body was not yet constituted."],
        }
    ]
    # The roll-up reads the correction.
    assert entry["status"] == "in_progress" and entry["last_change"] == "2019-12-01"


def test_before_the_correction_s_date_the_superseded_update_has_no_correction_in_the_file(
    corrected,
):
    resolution, action, wrong, fix = corrected
    snap = snapshot(resolution, date(2019, 11, 1))
    # Nothing dated on or before 1 Nov 2019: no update, nothing superseded.
    assert computed_state(snap)["actions"][0]["superseded_updates"] == []


def test_the_changes_page_strikes_the_superseded_update_through(client, corrected):
    resolution, action, wrong, fix = corrected
    url = f"/en/resolutions/{resolution.slug}/changes/?from=2019-06-01&to=2020-06-01"
    html = client.get(url).content.decode()
    assert "<del>Wrongly completed.</del>" in html
    assert "Corrected: the body was not yet constituted." in html
    assert "Superseded" in html
    assert f'href="/en/actions/{action.pk}/#update-{fix.pk}"' in html
    assert f'href="/en/actions/{action.pk}/#update-{wrong.pk}"' in html  # "corrects" link
    fr = client.get(url.replace("/en/", "/fr/")).content.decode()
    assert "Remplacée" in fr
