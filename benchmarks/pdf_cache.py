"""PDF first-render and cached times for 53/45-POL (docs/benchmarks.md, "Reports").

    .venv/bin/python manage.py shell < benchmarks/pdf_cache.py

Against the database the settings point to, with 53/45-POL loaded (`make setup`). Each round
starts a new data version (as a publish does), then requests the file once (a render) and five
times more (served from the shared cache). In-process, through Django's test client, so the
times are the application's own, without a network or a web server.
"""

import statistics
import time

from django.core.cache import cache
from django.test import Client

from resolutions import rollup

ROUNDS, HITS = 3, 5
URLS = [
    ("report.pdf (en)", "/en/resolutions/53-45-pol/report.pdf?as_of=2018-11-29"),
    ("report.pdf (ar)", "/ar/resolutions/53-45-pol/report.pdf?as_of=2018-11-29"),
    ("brief.pdf (en)", "/en/resolutions/53-45-pol/brief.pdf?as_of=2018-11-29"),
]
client = Client()


def timed(url):
    start = time.perf_counter()
    response = client.get(url)
    return (time.perf_counter() - start) * 1000, response


for label, url in URLS:
    firsts, hits = [], []
    for i in range(ROUNDS):
        cache.set(rollup.CACHE_VERSION_KEY, f"bench-{i}-{time.time_ns()}", None)
        ms, response = timed(url)
        assert response["X-Page-Cache"] == "miss"
        firsts.append(ms)
        for _ in range(HITS):
            ms, response = timed(url)
            assert response["X-Page-Cache"] == "hit"
            hits.append(ms)
    print(
        f"| {label} | {statistics.median(firsts):.0f} ms ({min(firsts):.0f}–{max(firsts):.0f}) "
        f"| {statistics.median(hits):.1f} ms (max {max(hits):.1f}) |"
    )
