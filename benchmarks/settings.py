"""Settings for the benchmark server: the production settings plus a framework-floor URL.

- ROOT_URLCONF adds /__hello__/ (benchmarks/urls.py), a view that renders nothing, served
  through the same middleware: the cost every page pays whatever it does.
- Every response carries X-Worker-Pid, so the benchmark knows which gunicorn worker served it
  (the cache check needs both workers; export memory is read from that worker's /proc entry).
- Static files are served from the source folders (no collectstatic into the shared tree).
"""

import os

from tracker.settings import *  # noqa: F403
from tracker.settings import MIDDLEWARE, STORAGES

ROOT_URLCONF = "benchmarks.urls"
MIDDLEWARE = [*MIDDLEWARE, "benchmarks.middleware.worker_pid"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The cache-freshness check caches the real resolution's roll-ups too (see run.freshness).
if os.environ.get("ROLLUP_CACHE_MIN_IDS"):
    ROLLUP_CACHE_MIN_IDS = int(os.environ["ROLLUP_CACHE_MIN_IDS"])
