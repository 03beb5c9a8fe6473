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
        lines = (
            lines[: MAX_LINES - 4]
            + [f"… {len(lines) - MAX_LINES + 2} plan lines omitted …"]
            + lines[-2:]
        )
    return "\n".join(lines)


def _captured(call):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        call()
    return sorted(queries.captured_queries, key=lambda q: -float(q["time"]))


def _entry(title, query, note=""):
    ms = float(query["time"]) * 1000
    return {
        "title": f"{title}: {ms:,.0f} ms when run",
        "plan": _plan(query["sql"]),
        "note": note or "SQL starts: `" + query["sql"][:160].replace("`", "'") + "…`",
    }


def inner(out_path):
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.utils import timezone

    from benchmarks.probe import pick_urls
    from resolutions import views

    settings.ROLLUP_CACHE_TIMEOUT = 0  # always run the roll-up queries
    settings.PAGE_CACHE_SECONDS = 0  # and render every page (no whole-page cache)
    today = timezone.localdate()
    urls = pick_urls()
    client = Client()
    plans = []
    recent = _captured(lambda: list(views._recent_updates(today)[:8]))[0]
    plans.append(_entry("dashboard 'Latest status updates' (index status_update_recent)", recent))
    for name, top in [
        ("dashboard", 2),
        ("resolution", 2),
        ("action", 2),
        ("paragraph", 1),
        ("actions_resolution", 1),
        ("actions_status", 1),
    ]:
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
    subprocess.run(
        [sys.executable, "-m", "benchmarks.explain", str(out)],
        cwd=ROOT,
        env=env_for(url, show_synthetic=True),
        check=True,
        timeout=1800,
    )
    from .report import write_report

    print(write_report(args.out, ROOT / "docs" / "benchmarks.md"))


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
    inner(sys.argv[1])
