"""CPU time and Python function calls per page, in-process, page cache off: figures the shared
machine's load bends less (calls: not at all).

    DATABASE_URL=… DJANGO_SETTINGS_MODULE=benchmarks.settings PAGE_CACHE_SECONDS=0 \\
        python -m benchmarks.cpu [--n 9] [--only dashboard,resolution]   → JSON on stdout

Wall-clock latency through gunicorn (benchmarks/run.py) divides by a floor measured under the
same load, but a loaded machine slows a 1 ms floor and a 300 ms page by different factors. This
measures the Python process's own CPU time (time.process_time) per request through the Django
test client, the median of N after two warm-up requests, for the pages run.py measures
(benchmarks.probe.pick_urls; SHOW_SYNTHETIC_RESOLUTIONS decides which are listed). The database
server's CPU is not included (on PostgreSQL it is another process; on SQLite it is included).
`calls` is the number of Python function calls one request makes (cProfile's total, after the
timed requests): the same on a loaded and an idle machine, so before/after comparisons of the
Python work hold whatever else runs.
"""

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import time


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=9)
    parser.add_argument("--only", default="")
    args = parser.parse_args(argv)
    os.environ.setdefault("PAGE_CACHE_SECONDS", "0")
    import django

    django.setup()
    from django.test import Client

    from .probe import pick_urls

    urls = pick_urls()
    names = [n for n in (args.only.split(",") if args.only else urls) if n in urls]
    names = [n for n in names if not n.startswith("export")]
    client = Client()
    result = {"load_avg_at_start": os.getloadavg(), "n": args.n, "pages": {}}
    for name in ["floor", *[n for n in names if n != "floor"]]:
        path = urls[name]
        for _ in range(2):
            status = client.get(path).status_code
        cpu, wall = [], []
        for _ in range(args.n):
            c0, w0 = time.process_time(), time.perf_counter()
            client.get(path)
            cpu.append((time.process_time() - c0) * 1000)
            wall.append((time.perf_counter() - w0) * 1000)
        profile = cProfile.Profile()
        profile.enable()
        client.get(path)
        profile.disable()
        result["pages"][name] = {
            "path": path,
            "status": status,
            "cpu_ms": round(statistics.median(cpu), 2),
            "wall_ms": round(statistics.median(wall), 2),
            "calls": pstats.Stats(profile).total_calls,
        }
    floor = result["pages"]["floor"]["cpu_ms"]
    for page in result["pages"].values():
        page["cpu_ratio"] = round(page["cpu_ms"] / floor, 1)
        page["calls_ratio"] = round(page["calls"] / result["pages"]["floor"]["calls"], 1)
    result["load_avg_at_end"] = os.getloadavg()
    json.dump(result, sys.stdout, indent=1)


if __name__ == "__main__":
    main(sys.argv[1:])
