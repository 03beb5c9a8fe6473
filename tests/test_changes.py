"""What changed between two dates: the page, its CSV, and their honesty about bad dates."""

import csv
import io
from datetime import date

from django.urls import reverse
from django.utils import timezone

from exports.changes import build_changes
from resolutions.models import Action
from resolutions.rollup import resolution_rollup
from tests import factories as f

BEFORE, AFTER = date(2018, 6, 1), date(2018, 11, 29)


def changes_url(slug, start=BEFORE, end=AFTER, csv_=False):
    name = "resolution_changes_csv" if csv_ else "resolution_changes"
    return f"{reverse(name, args=[slug])}?from={start}&to={end}"


def read_csv(response):
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_changes_between_june_and_the_second_conference_list_the_seed_developments(seeded):
    changes = build_changes(seeded, BEFORE, AFTER)
    keys = {a.pk: a.key for a in Action.objects.filter(resolution=seeded)}
    transitions = {
        keys[t["id"]]: (t["from_status"], t["to_status"]) for t in changes["transitions"]
    }
    assert transitions == {
        "contact-group": ("not_yet_assessed", "completed"),
        "network": ("not_yet_assessed", "in_progress"),
        "training": ("not_yet_assessed", "in_progress"),
        "code-of-conduct": ("not_yet_assessed", "not_started"),
        "annual-conference": ("not_yet_due", "ongoing"),
    }
    # PSC unit and partnerships. The conference goes from "not yet due" (one interval after
    # adoption had not passed) to on track; it used to be "on track" in June 2018 already,
    # credited with the 2017 conference held before adoption (#11).
    assert changes["unchanged"] == 2
    # Transitions are exactly the roll-up on each date.
    for when, side in ((BEFORE, 0), (AFTER, 1)):
        for a in Action.objects.with_status(when).filter(resolution=seeded):
            if a.key in transitions:
                assert transitions[a.key][side] == a.current_status
    assert [(u["as_of"], keys[u["action_id"]]) for u in changes["updates"]] == [
        (date(2018, 9, 24), "contact-group"),
        (AFTER, "network"),
        (AFTER, "training"),
        (AFTER, "contact-group"),
        (AFTER, "annual-conference"),
        (AFTER, "code-of-conduct"),
    ]
    assert [o["title"] for o in changes["occurrences"]] == [
        "First meeting of the OIC Contact Group of Friends of Mediation",
        "Second meeting of the OIC Contact Group of Friends of Mediation",
        "Mediation simulation session for young diplomats",
        "Second OIC Member States Conference on Mediation",
    ]
    assert [fig["label"] for fig in changes["figures"]] == ["Members of the Contact Group"]
    headline = changes["headline"]
    # Nothing was assessed on 1 June 2018: no percentage, so no change to compute (#11).
    assert headline["from_percent"] is resolution_rollup(seeded, BEFORE).percent is None
    assert headline["to_percent"] == resolution_rollup(seeded, AFTER).percent == 28.6
    assert headline["delta"] is None
    assert [(p["number"], p["from_percent"], p["to_percent"]) for p in changes["paragraphs"]] == [
        ("4", None, None),
        ("5", None, None),
        ("7", None, 0.0),
        ("8", None, 0.0),
    ]


def _text(response):
    """The page's text without its tags (a signed change is isolated in a <bdi>)."""
    import re

    return re.sub(r"<[^>]+>", "", response.content.decode())


def test_changes_page(client, seeded):
    response = client.get(changes_url(seeded.slug))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Not comparable" in _text(response)  # no percentage on 1 June 2018
    for text in (
        "What changed",
        "Establish the Contact Group of Friends of Mediation",
        "First meeting of the OIC Contact Group of Friends of Mediation",
        "24 September 2018",
        "Second OIC Member States Conference on Mediation",
        "29 November 2018",
        "Form a Network of OIC Mediators, Special Envoys and Experts",
        "Prepare a Code of Conduct for Mediators",
        "Not yet assessed",
        "Completed",
        "In progress",
        "Not started",
        "28.6%",
        "Members of the Contact Group",
        "remain to be implemented",  # an evidence quote
        "2 actions kept the same status and credit.",
    ):
        assert text in page, text
    assert "Third OIC Member States Conference" not in page  # 2019, outside the period
    assert changes_url(seeded.slug, csv_=True).replace("&", "&amp;") in page


def test_changes_later_show_the_lapsed_conference(client, seeded):
    today = timezone.localdate()
    changes = build_changes(seeded, AFTER, today)
    conference = Action.objects.get(key="annual-conference").pk
    assert [(t["id"], t["from_status"], t["to_status"]) for t in changes["transitions"]] == [
        (conference, "ongoing", "no_occurrence")
    ]
    assert changes["headline"]["delta"] == -14.3
    titles = [o["title"] for o in changes["occurrences"]]
    assert "Third OIC Member States Conference on Mediation" in titles
    assert "OIC Conference on Mediation (fourth in the series)" in titles
    assert changes["updates"] == []
    response = client.get(changes_url(seeded.slug, AFTER, today))
    assert "-14.3 points" in _text(response) and "No occurrence recorded" in _text(response)
    assert "Delayed / stalled" not in _text(response)


def test_changes_csv(client, seeded):
    response = client.get(changes_url(seeded.slug, csv_=True))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="53-45-POL-changes-2018-06-01-to-2018-11-29.csv"'
    )
    rows = read_csv(response)
    assert {(r["from"], r["to"]) for r in rows} == {("2018-06-01", "2018-11-29")}
    head = rows[0]
    # No percentage on 1 June 2018 (nothing assessed, #11): nothing to subtract.
    assert (head["change"], head["paragraph"], head["before"], head["after"]) == (
        "progress",
        "(resolution)",
        "",
        "28.6",
    )
    status = {r["action"]: (r["before"], r["after"]) for r in rows if r["change"] == "status"}
    assert status["Establish the Contact Group of Friends of Mediation"] == (
        "Not yet assessed",
        "Completed",
    )
    assert status["Form a Network of OIC Mediators, Special Envoys and Experts"] == (
        "Not yet assessed",
        "In progress",
    )
    updates = [r for r in rows if r["change"] == "status_update"]
    assert len(updates) == 6 and updates[0]["date"] == "2018-09-24"
    assert "press release No. 252" in updates[0]["evidence"]
    occurrences = [r["detail"] for r in rows if r["change"] == "occurrence"]
    assert any(
        d.startswith("Second OIC Member States Conference on Mediation, Istanbul")
        for d in occurrences
    )


def test_changes_csv_keeps_a_month_precise_date_a_month(client, seeded):
    """The Contact Group's meeting of "November 2018" is 2018-11, not 2018-11-01 (#11 rule 4)."""
    rows = read_csv(client.get(changes_url(seeded.slug, end=date(2019, 3, 1), csv_=True)))
    dates = {r["date"] for r in rows if r["change"] == "occurrence"}
    assert "2018-11" in dates and "2018-11-01" not in dates, dates
    assert "2018-11-29" in dates  # the Second Conference keeps its day


def test_changes_csv_neutralises_formulas(client, seeded):
    network = Action.objects.get(key="network")
    f.update(network, "in_progress", "2018-10-01", note='=HYPERLINK("http://evil","x")')
    rows = read_csv(client.get(changes_url(seeded.slug, csv_=True)))
    note = next(
        r["detail"] for r in rows if r["change"] == "status_update" and r["date"] == "2018-10-01"
    )
    assert note == '\'=HYPERLINK("http://evil","x")'


def test_bad_or_missing_dates_are_explained(client, seeded):
    url = reverse("resolution_changes", args=[seeded.slug])
    prompt = client.get(url)
    assert prompt.status_code == 200 and "Choose two dates" in prompt.content.decode()
    # It opens on a range, not on an empty form (tests/test_changes.py::test_opens_on_*).
    cases = [
        ("?from=2018-06-01", "“to” is required"),
        ("?to=2018-06-01", "“from” is required"),
        ("?from=2018-6-1x&to=2018-11-29", "“from” must be a date written YYYY-MM-DD"),
        ("?from=2018-06-01&to=2999-01-01", "“to” cannot be in the future"),
        ("?from=2018-11-29&to=2018-06-01", "“from” must be on or before “to”"),
        ("?from=&to=", "“from” is required"),
    ]
    for query, message in cases:
        for name in ("resolution_changes", "resolution_changes_csv"):
            response = client.get(reverse(name, args=[seeded.slug]) + query)
            assert response.status_code == 400, (name, query)
            assert message in response.content.decode(), (name, query)
    same_day = client.get(changes_url(seeded.slug, AFTER, AFTER))
    assert same_day.status_code == 200 and "No action changed status." in (
        same_day.content.decode()
    )
    assert client.get(changes_url("nope")).status_code == 404


BUDGET = 20


# The budget is checked at 1x and 10x in tests/test_query_budget_at_scale.py.


def test_opens_since_the_previous_published_update(client, seeded):
    page = client.get(reverse("resolution_changes", args=[seeded.slug])).content.decode()
    # The seed's two update dates: 24 Sep 2018 (Contact Group) and 29 Nov 2018.
    assert "Showing what changed since the previous published update, 24 September 2018" in page
    assert 'value="2018-09-24"' in page
    # The latest update is in the range, so the page is not empty.
    assert "No status update dated in this period." not in page
    assert "Nothing changed between" not in page


def test_opens_since_adoption_when_nothing_was_ever_published(client, db):
    res = f.resolution(adopted_on=date(2018, 5, 5))
    page = client.get(reverse("resolution_changes", args=[res.slug])).content.decode()
    assert "since the adoption of the resolution, 5 May 2018" in page
    assert "Nothing changed between 5 May 2018 and" in page


def test_says_plainly_when_nothing_changed(client, seeded):
    page = client.get(changes_url(seeded.slug, "2023-01-01", "2023-06-01")).content.decode()
    assert "Nothing changed between 1 January 2023 and 1 June 2023:" in page
    assert "not that nothing was done" in page
    busy = client.get(changes_url(seeded.slug, "2018-06-01", "2018-11-29")).content.decode()
    assert "Nothing changed between" not in busy
