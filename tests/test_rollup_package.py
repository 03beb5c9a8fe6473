"""#11 "one module": resolutions/rollup/ is the only code that derives status, staleness, last
status change and last review; the models do not import it at module level; resolutions and
paragraphs carry their last status change and last review from the roll-up."""

import ast
from datetime import date
from pathlib import Path

import pytest

from resolutions.rollup import Rollup, paragraph_rollups, resolution_rollup
from tests import factories as f

ROOT = Path(__file__).resolve().parent.parent


def _module_level_imports(path):
    tree = ast.parse(path.read_text())
    for node in tree.body:  # module level only: imports inside functions are not walked
        if isinstance(node, ast.ImportFrom):
            yield ("." * node.level) + (node.module or "")
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def test_models_do_not_import_the_rollup_at_module_level():
    for path in sorted((ROOT / "resolutions" / "models").glob("*.py")):
        for name in _module_level_imports(path):
            assert "rollup" not in name, f"{path.name} imports {name}"


def test_the_rollup_helpers_live_in_the_package_only():
    actions = (ROOT / "resolutions" / "models" / "actions.py").read_text()
    for name in ("rollup_rows", "rollup_series", "_is_sentinel_date", "_shift_date"):
        assert name not in actions
    views = (ROOT / "resolutions" / "views.py").read_text()
    assert "_attach_freshness" not in views
    assert "timedelta" not in views  # no date arithmetic (staleness, due dates) in the views


def test_lapsed_is_measured_from_the_last_update_or_review():
    day = date(2022, 6, 1)
    assert Rollup(as_of=day).lapsed  # nothing ever recorded
    assert not Rollup(as_of=day, last_update_on=date(2021, 7, 1)).lapsed
    assert Rollup(as_of=day, last_update_on=date(2021, 5, 1)).lapsed
    assert not Rollup(
        as_of=day, last_update_on=date(2019, 1, 1), last_reviewed_on=date(2022, 1, 1)
    ).lapsed


def _review(action, day):
    from workflow.review_services import action_review_create

    return action_review_create(
        action=action,
        reviewed_on=date.fromisoformat(day),
        note="Sources checked, no change.",
        evidence=[{"url": "https://example.org/checked"}],
        author_name="Officer",
    )


@pytest.mark.django_db
def test_rollups_carry_last_status_change_and_last_review(client):
    res = f.resolution(adopted_on=date(2019, 1, 1))
    p = f.paragraph(res, 1)
    a = f.action(res, p)
    f.update(a, "in_progress", "2019-06-01")
    _review(a, "2021-09-01")
    _review(a, "2023-01-01")  # after the date asked below: not known then
    day = date(2022, 6, 1)
    for rollup in (resolution_rollup(res, day), paragraph_rollups([p.pk], day)[p.pk]):
        assert rollup.last_update_on == date(2019, 6, 1)
        assert rollup.last_reviewed_on == date(2021, 9, 1)
        assert not rollup.lapsed  # reviewed within 12 months of 1 June 2022
    assert resolution_rollup(res, date(2022, 9, 1)).as_of == date(2022, 9, 1)
    assert resolution_rollup(res, date(2022, 9, 1)).lapsed is False  # 365 days after
    assert resolution_rollup(res, date(2022, 9, 2)).lapsed is True
    assert resolution_rollup(res, date(2021, 8, 31)).lapsed is True  # only the 2019 update
    html = client.get(f"/resolutions/{res.slug}/?as_of=2022-06-01").content.decode()
    assert "Last reviewed: 1 Sep 2021" in html
    dashboard = client.get("/?as_of=2022-06-01").content.decode()
    start = dashboard.index(f'aria-labelledby="res-{res.pk}"')
    card = dashboard[start : dashboard.index("</section>", start)]
    assert "Last reviewed: 1 Sep 2021" in card
    assert "No status has been recorded since" not in card


@pytest.mark.django_db
def test_today_is_read_from_the_projection_and_the_past_from_history(client, settings):
    from datetime import timedelta

    from django.utils import timezone

    from resolutions.models import Action, ActionState

    today = timezone.localdate()
    res = f.resolution(adopted_on=date(2019, 1, 1))
    a = f.action(res, f.paragraph(res, 1))
    f.update(a, "completed", "2020-01-01")
    state = ActionState.objects.get(action=a)  # written by the update's own transaction
    assert (state.current_status, state.credit, state.computed_for) == ("completed", 100, today)
    # Pages about today read the stored row (tampered here to prove it), any past date the
    # history; with the projection switched off, today comes from the history too.
    ActionState.objects.filter(action=a).update(current_status="in_progress", credit=0)
    assert Action.objects.with_status(today).get(pk=a.pk).current_status == "in_progress"
    assert resolution_rollup(res, today).percent == 0.0
    yesterday = today - timedelta(days=1)
    assert Action.objects.with_status(yesterday).get(pk=a.pk).current_status == "completed"
    settings.ROLLUP_PROJECTION = False
    assert Action.objects.with_status(today).get(pk=a.pk).current_status == "completed"
