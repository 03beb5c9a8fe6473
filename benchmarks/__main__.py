"""python -m benchmarks {run,report,explain}

    python -m benchmarks run                  # both databases, `un` scale, then the report
    python -m benchmarks run --db sqlite --scale small --requests 20 --seconds 5   # a smoke run
    python -m benchmarks run --reuse          # keep an already generated dataset
    python -m benchmarks explain              # EXPLAIN (ANALYZE) plans on PostgreSQL
    python -m benchmarks report               # rewrite docs/benchmarks.md from the results

It is a script, not a test: nothing here fails a build. Each request loop is bounded by a count
and a time budget; the server listens on 127.0.0.1 only; both databases are the benchmark's
own (a SQLite file under --workdir, the PostgreSQL database tracker_bench).
"""

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="generate, serve, measure (minutes per database)")
    run.add_argument("--db", action="append", choices=["sqlite", "postgresql"])
    run.add_argument("--scale", default="un", choices=["small", "medium", "tenth", "un"])
    run.add_argument("--seed", type=int, default=1)
    run.add_argument(
        "--requests",
        type=int,
        default=100,
        help="at most this many requests per page and concurrency (3× for the floor)",
    )
    run.add_argument(
        "--seconds", type=float, default=15.0, help="and at most this long per page and concurrency"
    )
    run.add_argument("--timeout", type=float, default=120.0, help="per request")
    run.add_argument("--workdir", default="/tmp/tracker-bench")
    run.add_argument(
        "--pg-name", default="tracker_bench", help="the PostgreSQL database the run may drop"
    )
    run.add_argument("--out", default=str(ROOT / "benchmarks" / "results"))
    run.add_argument("--fresh", action="store_true", help="drop the benchmark databases first")
    run.add_argument(
        "--reuse", action="store_true", help="skip generation when the dataset is already there"
    )
    run.add_argument(
        "--exports", action="store_true", help="also count the exports' queries in-process (slow)"
    )
    run.add_argument(
        "--cache",
        default="redis://127.0.0.1:6379/15",
        help="CACHE_URL for the served app: Redis (the multi-worker set-up the "
        "README recommends; this database is emptied first), or '' for the "
        "database cache table; falls back to '' when Redis does not answer",
    )
    run.add_argument("--no-report", dest="report", action="store_false")
    explain = sub.add_parser("explain", help="EXPLAIN (ANALYZE, BUFFERS) on tracker_bench")
    explain.add_argument("--out", default=str(ROOT / "benchmarks" / "results"))
    report = sub.add_parser("report", help="rewrite docs/benchmarks.md from the results")
    report.add_argument("--out", default=str(ROOT / "benchmarks" / "results"))
    args = parser.parse_args(argv)

    if args.command == "run":
        from .run import run as do_run

        args.db = args.db or ["sqlite", "postgresql"]
        do_run(args)
    elif args.command == "explain":
        from .explain import main as do_explain

        do_explain(args)
    else:
        from .report import write_report

        print(write_report(args.out, ROOT / "docs" / "benchmarks.md"))


if __name__ == "__main__":
    sys.exit(main())
