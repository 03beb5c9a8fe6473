"""#12 item 3 on a round trip: the JSON export names, for a correction, the update it corrects
(`corrects`), and loading the export back links them again: the corrected update is superseded by
the correction, as before the export, and the roll-up reads the correction."""

import copy
import json
from datetime import date

import pytest

from exports.report import build_dataset
from resolutions.loader import LoadError, load_data
from resolutions.models import Action, StatusUpdate
from tests import factories as f
from tests.conftest import empty_tracker_data

pytestmark = pytest.mark.django_db
DAY = date(2021, 1, 1)


@pytest.fixture
def corrected(empty_db):
    """An update wrongly saying "completed" (1 Jan 2020), corrected by an update dated earlier
    (1 Dec 2019) that a second person published: the export lists the correction first."""
    return f.corrected_update(verification="reported")[0]


def exported(resolution):
    return json.loads(json.dumps(build_dataset(resolution, DAY)))


def links():
    """{note: (note of the update it corrects, note of the update superseding it)}."""
    return {
        u.note: (
            u.corrects.note if u.corrects_id else None,
            u.superseded_by.note if u.superseded_by_id else None,
        )
        for u in StatusUpdate.objects.select_related("corrects", "superseded_by")
    }


def test_a_correction_keeps_its_link_through_export_and_reload(corrected):
    data = exported(corrected)
    [action] = data["resolution"]["actions"]
    by_note = {u["note"]: u for u in action["status_updates"]}
    fix = by_note["Corrected: the body was not yet constituted."]
    assert [u["note"] for u in action["status_updates"]][0] == fix["note"]  # listed first
    assert fix["corrects"] == by_note["Wrongly completed."]["key"]
    assert by_note["Wrongly completed."]["corrects"] is None
    before = links()
    status = Action.objects.with_status(DAY).get().current_status
    assert status == "in_progress" and before == {
        "Wrongly completed.": (None, "Corrected: the body was not yet constituted."),
        "Corrected: the body was not yet constituted.": ("Wrongly completed.", None),
    }

    empty_tracker_data()
    load_data(data, "export.json")
    assert links() == before
    assert Action.objects.with_status(DAY).get().current_status == status
    resolution = Action.objects.get().resolution
    assert exported(resolution) == data
    # Reloading the same file changes nothing.
    count = StatusUpdate.objects.count()
    load_data(data, "export.json")
    assert StatusUpdate.objects.count() == count and links() == before


def test_a_correction_that_names_no_update_of_its_action_is_refused(corrected):
    data = exported(corrected)
    empty_tracker_data()
    broken = copy.deepcopy(data)
    [action] = broken["resolution"]["actions"]
    action["status_updates"][0]["corrects"] = "no-such-update"
    with pytest.raises(LoadError) as error:
        load_data(broken, "broken.json")
    key = action["status_updates"][0]["key"]
    assert (
        error.value.record == f"resolution.actions[0] ({action['key']}).status_updates[0] ({key})"
    )
    assert error.value.field == "corrects"
    assert "no status update 'no-such-update' in this action" in str(error.value)
    assert not StatusUpdate.objects.exists()


def test_an_export_as_of_a_day_before_the_corrected_update_loads_the_correction_alone(corrected):
    """Exported as of 15 Dec 2019 the file holds the correction (1 Dec 2019) but not the update
    it corrects (1 Jan 2020): `corrects` is null, and the file loads."""
    data = json.loads(json.dumps(build_dataset(corrected, date(2019, 12, 15))))
    [action] = data["resolution"]["actions"]
    [fix] = action["status_updates"]
    assert fix["note"].startswith("Corrected:") and fix["corrects"] is None
    empty_tracker_data()
    load_data(data, "export-2019-12-15.json")
    assert links() == {"Corrected: the body was not yet constituted.": (None, None)}
