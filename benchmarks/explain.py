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


def inner(out_path):
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from benchmarks.probe import pick_urls
    from resolutions.rollup import invalidate_cache

    urls = pick_urls()
    client = Client()
    plans = []
    for name, top in [("dashboard", 3), ("resolution", 2), ("actions_status", 2),
                      ("actions_resolution", 1), ("action", 2), ("paragraph", 1)]:
        invalidate_cache()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(urls[name])
        if response.status_code != 200:
            plans.append({"title": f"{name}: HTTP {response.status_code}", "plan": ""})
            continue
        slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:top]
        for rank, query in enumerate(slowest, 1):
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                lines = [row[0] for row in cursor.fetchall()]
            body = lines if len(lines) <= MAX_LINES else (
                lines[:MAX_LINES - 4] + [f"… {len(lines) - MAX_LINES + 2} plan lines omitted …"]
                + lines[-2:])
            plans.append({
                "title": f"{name} (`{urls[name]}`), query {rank} of {len(queries)}: "
                f"{float(query['time']) * 1000:.0f} ms when the page ran it",
                "note": "SQL starts: `" + query["sql"][:160].replace("`", "'") + "…`",
                "plan": "\n".join(body),
            })
            print(f"explained {name} #{rank}", file=sys.stderr)
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
