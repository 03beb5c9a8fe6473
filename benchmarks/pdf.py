"""Report PDFs of 53/45-POL: first render and cached request, in en, fr and ar.

    .venv/bin/python -m benchmarks.pdf            # print the table
    .venv/bin/python -m benchmarks.pdf --write    # and replace the block in docs/benchmarks.md

Part of `make bench`. Against the database the settings point to, with 53/45-POL loaded
(`make setup`), in-process through Django's test client (the application's own time: no
network, no web server). For each file and language: the process's very first render (Python
imports, WeasyPrint's C bindings and fontconfig set up once per worker), then ROUNDS renders
each after a new data version (what the first reader after a publish waits for), each followed
by HITS requests served from the shared cache. Wall-clock and CPU time are both given: on a
shared machine the wall-clock time of a render grows with the load, its CPU time much less.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

from pypdf import PdfReader

ROUNDS, HITS = 3, 5
AS_OF = "2018-11-29"
FILES = [
    (f"report.pdf ({lang})", f"/{lang}/resolutions/53-45-pol/report.pdf?as_of={AS_OF}")
    for lang in ("en", "fr", "ar")
] + [
    (f"brief.pdf ({lang})", f"/{lang}/resolutions/53-45-pol/brief.pdf?as_of={AS_OF}")
    for lang in ("en", "fr", "ar")
]
DOC = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
START, END = "<!-- pdf:start -->", "<!-- pdf:end -->"


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    os.environ.setdefault("DJANGO_HTTPS", "false")  # the test client speaks plain HTTP
    import django

    django.setup()


def _timed(client, url):
    wall, cpu = time.perf_counter(), time.process_time()
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, response


def measure() -> dict:
    _setup()
    from django.core.cache import cache
    from django.test import Client

    from resolutions.rollup import CACHE_VERSION_KEY

    client = Client()
    loads = [os.getloadavg()[0]]
    cache.set(CACHE_VERSION_KEY, f"bench-cold-{time.time_ns()}", None)
    cold_wall, cold_cpu, _ = _timed(client, FILES[0][1])
    rows = []
    for label, url in FILES:
        firsts, cpus, hits = [], [], []
        for i in range(ROUNDS):
            cache.set(CACHE_VERSION_KEY, f"bench-{i}-{time.time_ns()}", None)
            wall, cpu, response = _timed(client, url)
            assert response["X-Page-Cache"] == "miss", url
            firsts.append(wall)
            cpus.append(cpu)
            for _ in range(HITS):
                wall, _cpu, response = _timed(client, url)
                assert response["X-Page-Cache"] == "hit", url
                hits.append(wall)
        pages = len(PdfReader(io.BytesIO(response.content)).pages)
        rows.append((label, pages, firsts, cpus, hits))
        loads.append(os.getloadavg()[0])
    return {"cold": (cold_wall, cold_cpu), "rows": rows, "loads": loads}


def table(result: dict) -> str:
    from django.conf import settings

    cold_wall, cold_cpu = result["cold"]
    loads = result["loads"]
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    lines = [
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} by "
        f"`python -m benchmarks.pdf` ({engine}, "
        f"{os.cpu_count()} CPUs, load average {min(loads):.1f}–{max(loads):.1f} during the run). "
        f"Median of {ROUNDS} renders after a new data version (range in brackets); cached: "
        f"{ROUNDS * HITS} requests.",
        "",
        "| file | pages | first render, wall | first render, CPU | cached, wall |",
        "|---|---:|---|---|---|",
    ]
    for label, pages, firsts, cpus, hits in result["rows"]:
        lines.append(
            f"| {label} | {pages} | {statistics.median(firsts):.0f} ms "
            f"({min(firsts):.0f}–{max(firsts):.0f}) | {statistics.median(cpus):.0f} ms "
            f"({min(cpus):.0f}–{max(cpus):.0f}) | {statistics.median(hits):.1f} ms "
            f"(max {max(hits):.1f}) |"
        )
    lines += [
        "",
        f"The process's very first render (report.pdf, en: imports, WeasyPrint's C bindings and "
        f"fonts set up once per worker): {cold_wall:.0f} ms wall, {cold_cpu:.0f} ms CPU.",
    ]
    return "\n".join(lines)


def write(text: str) -> None:
    doc = DOC.read_text(encoding="utf-8")
    if START not in doc:
        sys.exit(f"{DOC} has no {START} … {END} block")
    head, rest = doc.split(START, 1)
    _, tail = rest.split(END, 1)
    DOC.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pdf")
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args(argv)
    text = table(measure())
    print(text)
    if args.write:
        write(text)


if __name__ == "__main__":
    main()
