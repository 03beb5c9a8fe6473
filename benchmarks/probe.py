"""Run inside Django (benchmark settings, the benchmark database): pick the pages to measure,
count each page's SQL queries with the cache cold and warm, and report the data sizes.

    python -m benchmarks.probe [--exports] [--only a,b] [--sizes-only]   → JSON on stdout
"""

import json
import os
import signal
import sys
import time

AS_OF_PAST = "2020-06-01"  # inside every generated history (synthetic updates run 2015-2026)


def pick_urls():
    """Addresses as visitors get them (the /en/ language prefix; the API has none)."""
    from django.db.models import Count
    from django.urls import reverse
    from django.utils import translation

    from resolutions.models import Action, Paragraph, Resolution

    translation.activate("en")
    urls = {"floor": "/__hello__/", "dashboard": reverse("dashboard")}
    real = Resolution.objects.filter(is_synthetic=False).order_by("pk").first()
    synthetic = Resolution.objects.filter(is_synthetic=True).annotate(n=Count("actions"))
    sizes = sorted(synthetic.values_list("n", "slug"))
    actions_url = reverse("action_list")
    if sizes:
        n, slug = sizes[len(sizes) // 2]  # the median-sized resolution
        res = Resolution.objects.get(slug=slug)
        urls["resolution"] = reverse("resolution_detail", args=[slug])
        para = (
            Paragraph.objects.filter(resolution=res, kind="operative")
            .annotate(n=Count("actions"))
            .order_by("-n", "order")
            .first()
        )
        urls["paragraph"] = reverse("paragraph_detail", args=[slug, para.number])
        actions = sorted(
            Action.objects.filter(resolution=res)
            .annotate(n=Count("status_updates"))
            .values_list("n", "pk")
        )
        pk = actions[len(actions) * 9 // 10][1]  # 90th percentile of history length
        urls["action"] = reverse("action_detail", args=[pk])
        urls["actions_status"] = f"{actions_url}?status=delayed&mandate_type=training"
        urls["actions_resolution"] = f"{actions_url}?resolution={slug}&status=in_progress"
        urls["api_actions"] = "/api/actions/?status=delayed"
    if real:
        urls["resolution_real"] = reverse("resolution_detail", args=[real.slug])
        real_para = (
            Paragraph.objects.filter(resolution=real, kind="operative")
            .annotate(n=Count("actions"))
            .order_by("-n", "order")
            .first()
        )
        if real_para:
            urls["paragraph_real"] = reverse("paragraph_detail", args=[real.slug, real_para.number])
        real_action = Action.objects.filter(resolution=real).order_by("pk").first()
        if real_action:
            urls["action_real"] = reverse("action_detail", args=[real_action.pk])
        urls["actions_real"] = actions_url
    # #11: pages about a date in the past are computed from the history, not the projection.
    for name in ("dashboard", "resolution", "paragraph", "actions_resolution", "api_actions"):
        if name in urls:
            joiner = "&" if "?" in urls[name] else "?"
            urls[f"{name}_asof"] = f"{urls[name]}{joiner}as_of={AS_OF_PAST}"
    urls["export_csv"] = reverse("action_export", args=["csv"])
    urls["export_xlsx"] = reverse("action_export", args=["xlsx"])
    return urls


def sizes():
    from resolutions.models import (
        Action,
        Evidence,
        Occurrence,
        Paragraph,
        Resolution,
        StatusUpdate,
    )

    return {
        "resolutions": Resolution.objects.count(),
        "synthetic_resolutions": Resolution.objects.filter(is_synthetic=True).count(),
        "listed_resolutions": Resolution.objects.listed().count(),
        "paragraphs": Paragraph.objects.count(),
        "actions": Action.objects.count(),
        "occurrences": Occurrence.objects.count(),
        "status_updates": StatusUpdate.objects.count(),
        "evidence": Evidence.objects.count(),
    }


class PageTimeout(Exception):
    pass


def _alarm(signum, frame):
    raise PageTimeout


def count_queries(client, path, limit=180):
    """Queries one request runs. Gives up after `limit` seconds (checked between queries)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(limit)
    try:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
            if response.streaming:
                size = sum(len(chunk) for chunk in response.streaming_content)
            else:
                size = len(response.content)
    except PageTimeout:
        return {
            "status": "timeout",
            "queries": len(queries.captured_queries),
            "seconds": round(time.perf_counter() - started, 1),
        }
    finally:
        signal.alarm(0)
    return {
        "status": response.status_code,
        "queries": len(queries.captured_queries),
        "bytes": size,
        "seconds": round(time.perf_counter() - started, 3),
    }


def main(argv):
    import django

    django.setup()
    from django.test import Client

    from resolutions.rollup import invalidate_cache

    if "--sizes-only" in argv:
        json.dump(sizes(), sys.stdout)
        return
    only = argv[argv.index("--only") + 1].split(",") if "--only" in argv else None
    urls = pick_urls()
    client = Client()
    result = {"urls": urls, "sizes": sizes(), "queries": {}}
    for name, path in urls.items():
        if name.startswith("export") and "--exports" not in argv:
            continue
        if only and name not in only:
            continue
        invalidate_cache()
        cold = count_queries(client, path)
        slow = cold["status"] != 200 or cold["seconds"] > 60
        warm = None if slow else count_queries(client, path)
        result["queries"][name] = {"cold": cold, "warm": warm}
        print(f"probe {name} {cold}", file=sys.stderr)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
    main(sys.argv[1:])
