"""The roll-up's correlated subqueries are served by their indexes (PostgreSQL only).

Each action's current status is `… WHERE action_id = ? AND as_of <= ? ORDER BY as_of DESC,
recorded_at DESC, id DESC LIMIT 1`; status_update_latest (action, -as_of, -recorded_at, -id)
answers it with one index probe and no sort. The latest occurrence uses occurrence_action_date.
The chosen row is then joined by primary key (rollup.status_annotations). The plans are read
from EXPLAIN (FORMAT JSON) of the SQL the roll-up really runs.
"""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from resolutions.models import Action, Resolution
from resolutions.rollup import paragraph_rollups, resolution_rollups
from synthetic.generator import Params, generate

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="EXPLAIN plans are checked on PostgreSQL only"
    ),
]


@pytest.fixture
def dataset(settings):
    settings.ROLLUP_CACHE_TIMEOUT = 0  # always run the query
    generate(Params(resolutions=30, actions_per_resolution=20, updates_per_action=6, seed=3))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return list(Resolution.objects.filter(is_synthetic=True).values_list("pk", flat=True))


def rollup_sql(call):
    with CaptureQueriesContext(connection) as queries:
        call()
    [sql] = [q["sql"] for q in queries.captured_queries if "GROUP BY" in q["sql"]]
    return sql


def plan_nodes(sql, *settings):
    with connection.cursor() as cursor:
        for setting in settings:
            cursor.execute(f"SET LOCAL {setting}")
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0]
        cursor.execute("RESET ALL")
    if isinstance(plan, str):
        plan = json.loads(plan)
    nodes = []

    def walk(node, parents):
        nodes.append((node, parents))
        for child in node.get("Plans", []):
            walk(child, parents + [node])

    walk(plan[0]["Plan"], [])
    return nodes


def limit_one_scans(nodes, table):
    """Scans of `table` inside a subquery with a LIMIT: the "latest row" lookups. (The table is
    also joined to fetch the chosen row by primary key; those scans are not these.)"""
    found = []
    for node, parents in nodes:
        if node.get("Relation Name") != table:
            continue
        chain = []
        for parent in reversed(parents):
            chain.append(parent)
            if parent.get("Parent Relationship") in ("SubPlan", "InitPlan"):
                break
        if any(p["Node Type"] == "Limit" for p in chain):
            found.append((node, chain))
    return found


def assert_served_by(nodes, table, index):
    scans = limit_one_scans(nodes, table)
    assert scans, f"no LIMIT 1 lookup of {table} in the plan"
    for node, chain in scans:
        assert node["Node Type"] in ("Index Scan", "Index Only Scan"), (table, node["Node Type"])
        assert node["Index Name"] == index, (table, node["Index Name"])
        # No Sort between the index and the LIMIT: the index order is the wanted order.
        assert not [p for p in chain if p["Node Type"] == "Sort"], (table, "sorted")


def assert_no_seq_scan(nodes, table):
    assert not [
        n for n, _ in nodes if n.get("Relation Name") == table and n["Node Type"] == "Seq Scan"
    ], table


def test_current_status_subquery_uses_status_update_latest(dataset, settings):
    # The history computation (as-of pages, rebuild_rollup): today's pages read the stored
    # projection instead (resolutions/rollup/projection.py), which needs no such subquery.
    settings.ROLLUP_PROJECTION = False
    today = timezone.localdate()
    sql = rollup_sql(lambda: resolution_rollups(dataset, today))
    # Whatever the statistics say, the index can serve the subquery…
    forced = plan_nodes(sql, "enable_seqscan = off", "enable_bitmapscan = off")
    assert_served_by(forced, "resolutions_statusupdate", "status_update_latest")
    assert_served_by(forced, "resolutions_occurrence", "occurrence_action_date")
    assert_no_seq_scan(forced, "resolutions_statusupdate")
    # …and with realistic statistics (after ANALYZE) the planner chooses it.
    natural = plan_nodes(sql)
    assert_served_by(natural, "resolutions_statusupdate", "status_update_latest")


def test_paragraph_rollup_and_action_page_use_the_index(dataset, settings):
    settings.ROLLUP_PROJECTION = False  # the history computation, as above
    today = timezone.localdate()
    from resolutions.models import Paragraph

    ids = list(
        Paragraph.objects.filter(resolution_id__in=dataset, kind="operative").values_list(
            "pk", flat=True
        )
    )
    sql = rollup_sql(lambda: paragraph_rollups(ids, today))
    assert_served_by(
        plan_nodes(sql, "enable_seqscan = off", "enable_bitmapscan = off"),
        "resolutions_statusupdate",
        "status_update_latest",
    )

    action = Action.objects.filter(resolution_id__in=dataset).first()
    with CaptureQueriesContext(connection) as queries:
        list(Action.objects.with_status(today).filter(pk=action.pk))
    [sql] = [q["sql"] for q in queries.captured_queries]
    assert_served_by(plan_nodes(sql), "resolutions_statusupdate", "status_update_latest")
