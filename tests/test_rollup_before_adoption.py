"""#11 rule 1: events before adoption are shown as context, labelled "before adoption", and never
credited. The seed's first conference (21 Nov 2017) precedes 53/45-POL's adoption (5 May 2018)."""

import re
from datetime import date

import pytest

from resolutions.models import Occurrence
from resolutions.rollup import is_before_adoption, resolution_rollup
from tests import factories as f

pytestmark = pytest.mark.django_db

LABEL = "before adoption"


def _first_conference():
    return Occurrence.objects.select_related("action__resolution").get(
        key="conference-1", action__resolution__symbol="53/45-POL"
    )


def _label_near(html, text):
    """The markup of the line (element) that mentions `text`."""
    index = html.index(text)
    start = html.rfind("<p", 0, index)
    start = max(start, html.rfind("<tr", 0, index), html.rfind("<li", 0, index))
    end = min(i for i in (html.find("</p>", index), html.find("</tr>", index)) if i != -1)
    return html[start:end]


def test_rule_is_strictly_before_the_adoption_day():
    adopted = date(2018, 5, 5)
    assert is_before_adoption(date(2017, 11, 21), adopted)
    assert not is_before_adoption(adopted, adopted)  # adoption day counts (rollup rule 2)
    assert not is_before_adoption(date(2018, 11, 29), adopted)
    assert not is_before_adoption(date(2017, 1, 1), None)  # no adoption date: nothing to say


def test_dashboard_labels_the_latest_event_before_adoption(client, seeded):
    html = client.get("/?as_of=2018-06-01").content.decode()
    # The resolution card's "Latest recorded event" and the "Latest recorded events" list.
    line = _label_near(html, "Latest recorded event:")
    assert "21 November 2017" in line and LABEL in line
    events = html[html.index("Latest recorded events") :]
    items = re.findall(r"<li>.*?</li>", events, re.S)
    first = next(i for i in items if "First OIC Member States Conference on Mediation" in i)
    assert LABEL in first
    # Never credited: nothing is assessed on 1 June 2018, no percentage.
    assert resolution_rollup(seeded, date(2018, 6, 1)).percent is None


def test_dashboard_does_not_label_events_after_adoption(client, seeded):
    html = client.get("/?as_of=2018-11-30").content.decode()
    line = _label_near(html, "Latest recorded event:")
    assert LABEL not in line  # the Second Conference, 29 Nov 2018


def test_action_page_labels_only_the_occurrence_before_adoption(client, seeded):
    conference = _first_conference()
    html = client.get(f"/actions/{conference.action_id}/").content.decode()
    rows = re.findall(r"<tr>.*?</tr>", html[html.index('class="occurrences"') :], re.S)
    labelled = [row for row in rows if LABEL in row]
    assert len(labelled) == 1 and "First OIC Member States Conference" in labelled[0]
    assert len(rows) > 1  # later conferences are there, unlabelled


def test_paragraph_timeline_labels_the_occurrence_before_adoption(client):
    res = f.resolution(adopted_on=date(2020, 1, 1))
    p = f.paragraph(res, 1)
    a = f.action(res, p, mandate_type="recurring_event")
    f.occurrence(a, "2019-06-01", title="Pre-adoption meeting")
    f.occurrence(a, "2020-06-01", title="First meeting since adoption")
    html = client.get(f"/resolutions/{res.slug}/paragraphs/1/?as_of=2020-07-01").content.decode()
    items = re.findall(r'<li class="timeline__item.*?</li>', html, re.S)
    labelled = [item for item in items if LABEL in item]
    assert len(items) == 2 and len(labelled) == 1 and "Pre-adoption meeting" in labelled[0]


def test_label_is_translated(client, seeded):
    conference = _first_conference()
    for prefix, word in (("fr", "avant l’adoption"), ("ar", "قبل الاعتماد")):
        html = client.get(f"/{prefix}/actions/{conference.action_id}/").content.decode()
        assert word in html, prefix


def test_an_occurrence_before_adoption_is_labelled_and_not_credited(client):
    res = f.resolution(adopted_on=date(2020, 1, 1))
    p = f.paragraph(res, 1)
    a = f.action(res, p, mandate_type="recurring_event")
    f.occurrence(a, "2019-06-01", title="Pre-adoption meeting")
    html = client.get(f"/actions/{a.pk}/?as_of=2020-03-01").content.decode()
    assert LABEL in _label_near(html, "Pre-adoption meeting")
    rollup = resolution_rollup(res, date(2020, 3, 1))
    assert rollup.percent is None  # not yet due: the 2019 meeting earns nothing
