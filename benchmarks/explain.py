"""EXPLAIN (ANALYZE, BUFFERS) of the slowest queries of the key pages, on tracker_bench.

`python -m benchmarks explain` runs this module in a subprocess with the benchmark settings
(every resolution listed), requests each page once with the roll-up cache cold, and explains
its slowest queries. Plans go to benchmarks/results/plans.json and into docs/benchmarks.md.
"""

import json
import os
import sys
from pathlib import Path

MAX_LINES = 70


def _plan(sql, params=None):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        lines = [row[0] for row in cursor.fetchall()]
    if len(lines) > MAX_LINES:
        lines = (lines[:MAX_LINES - 4] + [f"… {len(lines) - MAX_LINES + 2} plan lines omitted …"]
                 + lines[-2:])
    return "\n".join(lines)


def _captured(call):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        call()
    return sorted(queries.captured_queries, key=lambda q: -float(q["time"]))


def _entry(title, query, note=""):
    ms = float(query["time"]) * 1000
    return {"title": f"{title}: {ms:,.0f} ms when run", "plan": _plan(query["sql"]),
            "note": note or "SQL starts: `" + query["sql"][:160].replace("`", "'") + "…`"}


# Index candidates, created inside a transaction that is rolled back: nothing is left behind.
CANDIDATES = [
    ("status_update_recent",
     "CREATE INDEX status_update_recent ON resolutions_statusupdate "
     "(as_of DESC, recorded_at DESC, id DESC) WHERE state = 'published'"),
]


def inner(out_path):
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, transaction
    from django.test import Client
    from django.utils import timezone

    from benchmarks.probe import pick_urls
    from resolutions import rollup, views
    from resolutions.models import Paragraph, Resolution

    settings.ROLLUP_CACHE_TIMEOUT = 0  # always run the roll-up queries
    today = timezone.localdate()
    urls = pick_urls()
    client = Client()
    plans = []
    ids = [r.pk for r in Resolution.objects.listed()]
    pids = list(Paragraph.objects.operative().filter(resolution_id__in=ids)
                .values_list("pk", flat=True))
    plans.append(_entry(f"dashboard headline: resolution_rollups() of all {len(ids)} listed "
                        "resolutions",
                        _captured(lambda: rollup.resolution_rollups(ids, today))[0]))
    plans.append(_entry(f"dashboard paragraph table: paragraph_rollups() of {len(pids)} "
                        "operative paragraphs",
                        _captured(lambda: rollup.paragraph_rollups(pids, today))[0]))
    recent = _captured(lambda: list(views._recent_updates(today)[:8]))[0]
    plans.append(_entry("dashboard 'Latest status updates' (existing indexes)", recent))
    for name, ddl in CANDIDATES:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(ddl)
                cursor.execute("ANALYZE resolutions_statusupdate")
            plans.append({"title": f"the same with the candidate index {name} (rolled back)",
                          "note": f"`{ddl}`", "plan": _plan(recent["sql"])})
            transaction.set_rollback(True)
    for name, top in [("resolution", 2), ("action", 2), ("paragraph", 1),
                      ("actions_resolution", 1), ("actions_status", 1)]:
        slowest = _captured(lambda name=name: client.get(urls[name]))[:top]
        for rank, query in enumerate(slowest, 1):
            plans.append(_entry(f"{name} (`{urls[name]}`), slowest query #{rank}", query))
        print(f"explained {name}", file=sys.stderr)
    Path(out_path).write_text(json.dumps(plans, indent=1))


def main(args):
    import subprocess

    from .run import ROOT, env_for, prepare_database

    url = prepare_database("postgresql", "/tmp/tracker-bench", fresh=False)
    out = Path(args.out) / "plans.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "benchmarks.explain", str(out)], cwd=ROOT,
                   env=env_for(url, show_synthetic=True), check=True, timeout=1800)
    from .report import write_report

    print(write_report(args.out, ROOT / "docs" / "benchmarks.md"))


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
    inner(sys.argv[1])
