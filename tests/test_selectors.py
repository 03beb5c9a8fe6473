"""One reader of a resolution's state, one shape of a roll-up (#16): the resolution page, the
exports and the API read them from resolutions/selectors.py."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.serializers import RollupSerializer
from exports.report import rollup_entry as exports_rollup_entry
from exports.report import snapshot
from resolutions import selectors
from resolutions.rollup import resolution_rollup

pytestmark = pytest.mark.django_db

DAYS = [date(2018, 6, 1), date(2018, 11, 29), date(2021, 3, 1)]


def test_the_api_documents_exactly_the_shape_every_surface_gives(seeded):
    entry = selectors.rollup_entry(resolution_rollup(seeded, date(2018, 11, 29)))
    assert tuple(entry) == selectors.ROLLUP_ENTRY_KEYS
    assert set(RollupSerializer().fields) == set(selectors.ROLLUP_ENTRY_KEYS)
    # The exports' name is the same function, not a copy.
    assert exports_rollup_entry is selectors.rollup_entry


@pytest.mark.parametrize("as_of", DAYS)
def test_the_resolution_page_and_the_exports_read_the_same_state(client, seeded, as_of):
    page = client.get(f"/resolutions/{seeded.slug}/?as_of={as_of.isoformat()}")
    snap = snapshot(seeded, as_of)
    assert page.context["rollup"].as_tuple() == snap.rollup.as_tuple()
    shown = {
        a.pk: (a.current_status, a.credit)
        for p in page.context["paragraphs"]
        for a in p.listed_actions
    }
    shown.update({a.pk: (a.current_status, a.credit) for a in page.context["unplaced_actions"]})
    assert shown == {a.pk: (a.current_status, a.credit) for a in snap.actions}
    for paragraph in page.context["paragraphs"]:
        if paragraph.is_operative:
            assert paragraph.rollup.as_tuple() == snap.paragraph_rollups[paragraph.pk].as_tuple()


@pytest.mark.parametrize("as_of", [date(2018, 11, 29), None], ids=["past", "today"])
def test_resolution_state_reads_in_a_fixed_number_of_queries(seeded, as_of, uncached):
    from django.utils import timezone

    day = as_of or timezone.localdate()
    selectors.resolution_state(seeded, day)  # today: brings the projection up to date first
    # paragraphs, actions, their actors, their paragraphs, paragraph roll-ups, resolution roll-up
    with CaptureQueriesContext(connection) as plain:
        state = selectors.resolution_state(seeded, day)
    assert len(plain) == 6, [q["sql"][:80] for q in plain]
    with CaptureQueriesContext(connection) as unplaced:
        assert state.unplaced_rollup is state.unplaced_rollup  # computed once, when asked
    assert len(unplaced) == 1
    # The exports also cite each action's description sources: one more query.
    with CaptureQueriesContext(connection) as sourced:
        selectors.resolution_state(seeded, day, with_sources=True)
    assert len(sourced) == 7
