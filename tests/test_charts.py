"""Server-side charts: numbers from the roll-up, self-contained SVG, text alternatives."""

import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resolutions import charts
from resolutions.models import Action
from resolutions.rollup import Rollup, resolution_rollups
from resolutions.status import Status
from tests import factories as f

SVG = "{http://www.w3.org/2000/svg}"


def test_distribution_chart_counts_shares_and_summary():
    rollup = Rollup(
        total=7,
        counts={
            Status.COMPLETED: 1,
            Status.IN_PROGRESS: 2,
            Status.DELAYED: 1,
            Status.NOT_STARTED: 1,
            Status.NOT_YET_ASSESSED: 2,
        },
    )
    chart = charts.distribution_chart(rollup, "d")
    assert [(s.status, s.count) for s in chart["segments"]] == [
        (Status.COMPLETED, 1),
        (Status.IN_PROGRESS, 2),
        (Status.DELAYED, 1),
        (Status.NOT_STARTED, 1),
        (Status.NOT_YET_ASSESSED, 2),
    ]
    assert sum(s.share for s in chart["segments"]) == pytest.approx(100, abs=0.01)
    assert chart["segments"][1].start == pytest.approx(14.286, abs=0.001)
    assert chart["summary"] == (
        "Completed: 1; In progress: 2; Delayed / stalled: 1; Not started: 1; Not yet assessed: 2"
    )
    assert chart["title"] == "7 actions by status"


def test_progress_history_follows_the_rollup_on_each_change_date(seeded):
    as_of = date(2024, 1, 1)
    series = charts.progress_history([seeded], as_of)[seeded.pk]
    points = {p.day: p.percent for p in series.points}
    # #11: the chart starts at adoption with nothing assessed: no percentage (it used to read
    # 14.3 %, crediting the Nov 2017 conference held before the resolution existed).
    assert points[date(2018, 5, 5)] is None
    # Contact Group completed; the conference not yet due, so not scored: 1 of 6.
    assert points[date(2018, 9, 24)] == 16.7
    assert date(2018, 11, 21) not in points  # the pre-adoption conference's window: not a step
    assert points[date(2018, 11, 29)] == 28.6  # second conference, seed assessment
    assert points[date(2022, 6, 5)] == 28.6  # fourth conference
    assert points[date(2023, 6, 5)] == 14.3  # its year ran out: no occurrence recorded, 0
    assert series.last_record == date(2022, 6, 5)
    assert series.points[-1].day == as_of and series.points[0].day == date(2018, 5, 5)
    assert date(2017, 11, 21) not in points  # before adoption: not drawn
    # Every point is exactly what resolution_rollups() says on that day.
    for point in series.points:
        assert point.percent == resolution_rollups([seeded.pk], point.day)[seeded.pk].percent


def test_progress_history_costs_two_queries_whatever_the_number_of_dates(seeded):
    res = f.resolution(adopted_on=date(2010, 1, 1))
    p = f.paragraph(res, 1)
    for year in range(2010, 2024):
        a = f.action(res, p)
        f.update(a, "completed", date(year, 3, 1))
    with CaptureQueriesContext(connection) as queries:
        history = charts.progress_history([seeded, res], date(2024, 1, 1))
    assert len(queries.captured_queries) == 2
    points = history[res.pk].points
    assert [p.percent for p in points][-1] == 100.0
    assert points[0].percent is None  # adopted, nothing assessed yet: no percentage (#11)
    assert all(p.percent == resolution_rollups([res.pk], p.day)[res.pk].percent for p in points)


def test_points_are_capped_and_sampled_evenly(seeded, monkeypatch):
    monkeypatch.setattr(charts, "MAX_POINTS", 5)
    series = charts.progress_history([seeded], date(2024, 1, 1))[seeded.pk]
    assert len(series.points) == 5 and series.sampled
    assert series.points[0].day == date(2018, 5, 5)
    assert series.points[-1].day == date(2024, 1, 1)


def test_progress_chart_geometry_and_text_alternative(seeded):
    series = charts.progress_history([seeded], date(2024, 1, 1))[seeded.pk]
    chart = charts.progress_chart(series, "p", "Weighted progress over time")
    assert chart["path"].startswith("M") and " H" in chart["path"] and " V" in chart["path"]
    assert len(chart["dots"]) == len([p for p in series.points if p.percent is not None])
    assert [t["label"] for t in chart["x_ticks"]][:2] == ["2019", "2020"]
    assert chart["description"] == (
        "Weighted progress: no percentage on 5 May 2018, 14.3% on 1 January 2024; highest: "
        "28.6% on 29 November 2018."
    )
    # After the last record (June 2022) the line is dashed: derived, not measured (#11).
    assert chart["path_after"].startswith("M") and chart["last_record"] == date(2022, 6, 5)
    dashed = [p for p in root_paths(series) if p.get("stroke-dasharray")]
    assert len(dashed) == 1
    svg = charts.render_progress_svg(series, "Weighted progress over time")
    root = ET.fromstring(svg)
    assert root.get("viewBox") == f"0 0 {charts.WIDTH} {charts.HEIGHT}"
    assert root.find(f"{SVG}title").text == "Weighted progress over time"
    path = next(root.iter(f"{SVG}path"))
    assert path.get("stroke") and path.get("fill") == "none"


def root_paths(series):
    svg = charts.render_progress_svg(series, "t")
    return list(ET.fromstring(svg).iter(f"{SVG}path"))


def test_a_gap_where_no_action_is_scored():
    series = charts.ProgressSeries(
        1,
        [
            charts.Point(date(2020, 1, 1), None),
            charts.Point(date(2021, 1, 1), 50.0),
            charts.Point(date(2022, 1, 1), None),
            charts.Point(date(2023, 1, 1), 100.0),
        ],
    )
    chart = charts.progress_chart(series, "g", "t")
    assert chart["path"].count("M") == 2  # two separate runs: no line through "no percentage"
    assert len(chart["dots"]) == 2


def test_change_events_give_dates_counts_and_latest_events(seeded):
    events = charts.change_events([seeded.pk], date(2024, 1, 1))
    updates = {e.day: e.count for e in events if e.kind == "update"}
    assert updates == {date(2018, 9, 24): 1, date(2018, 11, 29): 5}
    latest = [e for e in events if e.kind == "occurrence"][0]
    assert latest.label == "OIC Conference on Mediation (fourth in the series)"
    assert latest.end == date(2022, 6, 6) and latest.window_ends == date(2023, 6, 5)
    month_only = next(e for e in events if e.day == date(2018, 11, 1))
    assert month_only.precision == "month"


def test_css_status_colours_match_the_chart_palette_and_pass_contrast():
    css = Path(settings.BASE_DIR, "static/css/tracker.css").read_text()
    for status, colour in charts.STATUS_COLOURS.items():
        assert re.search(rf"--{status.value}:\s*{colour};", css), status
        text = charts.STATUS_TEXT_COLOURS[status]
        assert contrast(colour, text) >= 4.5, (status, colour, text)


def contrast(a, b):
    def luminance(hex_colour):
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted([luminance(a), luminance(b)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_series_survives_many_resolutions_in_one_query(seeded):
    others = [f.resolution() for _ in range(3)]
    for res in others:
        a = f.action(res, f.paragraph(res, 1))
        f.update(a, "completed", "2019-01-01")
    resolutions = [seeded, *others]
    with CaptureQueriesContext(connection) as queries:
        history = charts.progress_history(resolutions, date(2020, 1, 1))
    assert len(queries.captured_queries) == 2
    for res in others:
        # No adoption date: the series starts at the first recorded date.
        assert [(p.day, p.percent) for p in history[res.pk].points] == [
            (date(2019, 1, 1), 100.0),
            (date(2020, 1, 1), 100.0),
        ]
    assert Action.objects.filter(resolution__in=others).count() == 3
