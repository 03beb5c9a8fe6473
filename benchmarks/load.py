"""Load test (issue #17): many readers on gunicorn + PostgreSQL, many editors on SQLite.

    python -m benchmarks.load                       # both parts, then docs/benchmarks.md
    python -m benchmarks.load --seconds 10 --editor-seconds 10 --no-report   # a smoke run

1. **Readers.** `--connections` (32) clients for `--seconds` (60) against gunicorn on
   PostgreSQL (its own database, tracker_load): a mix of pages served from the page cache
   (dashboard, resolution, paragraph, action pages, the action list, in three languages, some
   with an unknown ?cb=<random> parameter that must not bypass the cache) and requests that are
   computed every time (pages as of a random past date, the API, CSV reports).
2. **Editors.** `--editors` (20) Editors, each signed in to the admin of gunicorn on a SQLite
   file, saving draft status updates (with evidence) through the admin form at the same time,
   for `--editor-seconds` (30).

An error is any answer other than the one expected (200, or the admin's 302 after a save), or
no answer within the timeout. Requests, errors, p50 and p99 go to benchmarks/results/load.json
and between the `<!-- load:… -->` markers of docs/benchmarks.md.

Bounded and local: every loop stops at its time budget, each request has a timeout, the servers
listen on 127.0.0.1 only and are started and stopped by this process; the databases are its own
(tracker_load on PostgreSQL, a file under --workdir).
"""

import argparse
import http.client
import json
import random
import re
import secrets
import statistics
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

from .client import fetch
from .run import BIN, DATA, PG_ADMIN, ROOT, env_for, free_port, log, machine

PG_NAME = "tracker_load"
MARK_START, MARK_END = "<!-- load:start -->", "<!-- load:end -->"


# --- HTTP ------------------------------------------------------------------------------------


class Client:
    """One connection's worth of HTTP/1.1 to 127.0.0.1, with its own cookies (the app's cookies
    are Secure in production settings, which a cookie jar would not send over plain HTTP)."""

    def __init__(self, port, timeout):
        self.port, self.timeout, self.cookies = port, timeout, {}

    def request(self, method, path, body=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            body = urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as error:
            return 0, {}, str(error).encode(), time.perf_counter() - started
        finally:
            conn.close()
        elapsed = time.perf_counter() - started
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, dict(response.getheaders()), data, elapsed


def summary(times, errors, requests, wall):
    ms = sorted(t * 1000 for t in times)
    pick = lambda p: round(ms[min(len(ms) - 1, int(p * len(ms)))], 1) if ms else None  # noqa
    return {
        "requests": requests,
        "errors": errors,
        "p50_ms": round(statistics.median(ms), 1) if ms else None,
        "p99_ms": pick(0.99),
        "max_ms": round(ms[-1], 1) if ms else None,
        "rps": round(requests / wall, 1) if wall else None,
        "wall_s": round(wall, 1),
    }


# --- Servers ---------------------------------------------------------------------------------


class Gunicorn:
    def __init__(self, env, logfile, workers, threads, timeout=60):
        self.port = free_port()
        self.log = open(logfile, "a")  # noqa: SIM115 (closed in stop)
        self.proc = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "tracker.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--threads",
                str(threads),
                "--timeout",
                str(timeout),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=self.log,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited early, see {logfile}")
            if fetch(f"http://127.0.0.1:{self.port}/__hello__/", timeout=5).status == 200:
                return
            time.sleep(0.5)
        self.stop()
        raise RuntimeError("gunicorn did not answer within 60 s")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()  # this master only; it stops its own workers
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.log.close()


def manage(env, *args, timeout=600):
    out = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        text=True,
        capture_output=True,
        timeout=timeout,
    )
    if out.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{out.stdout}\n{out.stderr}")
    return out.stdout


def prepare(env):
    manage(env, "migrate", "--noinput")
    manage(env, "createcachetable")
    manage(env, "load_resolution", *DATA)


# --- 1. Readers on PostgreSQL ----------------------------------------------------------------

CACHED = [
    "/en/",
    "/fr/",
    "/ar/",
    "/en/resolutions/53-45-pol/",
    "/ar/resolutions/53-45-pol/",
    "/en/resolutions/53-45-pol/paragraphs/7/",
    "/en/actions/",
    "/en/actions/?status=ongoing",
    "/en/member-states/",
    "/en/member-states/TUR/",
    "/en/statuses/",
    "/en/actions/{action}/",
]
# Must be served from the cache of the same page without ?cb= (issue #17).
CACHE_BUSTERS = ["/en/?cb={random}", "/en/resolutions/53-45-pol/?cb={random}"]
COMPUTED = [
    "/en/?as_of={day}",
    "/en/resolutions/53-45-pol/?as_of={day}",
    "/en/actions/?as_of={day}",
    "/api/actions/?as_of={day}",
    "/api/resolutions/",
    "/api/status-updates/?page_size=100",
    "/en/resolutions/53-45-pol/report.csv?as_of={day}",
]


def _pick(rng, action):
    roll = rng.random()
    if roll < 0.5:
        kind, template = "cached", rng.choice(CACHED)
    elif roll < 0.6:
        kind, template = "cache_buster", rng.choice(CACHE_BUSTERS)
    else:
        kind, template = "computed", rng.choice(COMPUTED)
    day = date(2018, 1, 1) + timedelta(days=rng.randrange(7 * 365))
    return kind, template.format(
        action=action, random=secrets.token_hex(8), day=min(day, date.today()).isoformat()
    )


def readers(args, workdir):
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {PG_NAME}")
    env = env_for(
        f"postgresql://postgres@127.0.0.1:5432/{PG_NAME}",
        show_synthetic=False,
        extra={"CACHE_URL": ""},
    )
    log("readers: preparing PostgreSQL database", PG_NAME)
    prepare(env)
    action = manage(
        env,
        "shell",
        "-c",
        "from resolutions.models import Action; print(Action.objects.get(key='network').pk)",
    ).split()[-1]
    server = Gunicorn(env, workdir / "gunicorn-load-pg.log", args.workers, args.threads)
    try:
        deadline = time.monotonic() + args.seconds
        lock = threading.Lock()
        times = {"cached": [], "cache_buster": [], "computed": []}
        counts = {k: [0, 0] for k in times}  # requests, errors
        cache_hits = {k: 0 for k in times}
        failures = []

        def worker(seed):
            rng, client = random.Random(seed), Client(server.port, args.timeout)
            while time.monotonic() < deadline:
                kind, path = _pick(rng, action)
                status, headers, _body, elapsed = client.request("GET", path)
                with lock:
                    counts[kind][0] += 1
                    if status != 200:
                        counts[kind][1] += 1
                        failures.append((status, path))
                    else:
                        times[kind].append(elapsed)
                        if headers.get("X-Page-Cache") == "hit":
                            cache_hits[kind] += 1

        log(f"readers: {args.connections} connections for {args.seconds:.0f} s")
        started = time.perf_counter()
        threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.connections)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
    finally:
        server.stop()
    result = {
        "connections": args.connections,
        "seconds": args.seconds,
        "gunicorn": f"{args.workers} workers × {args.threads} threads",
        "all": summary(
            [t for ts in times.values() for t in ts],
            sum(c[1] for c in counts.values()),
            sum(c[0] for c in counts.values()),
            wall,
        ),
        "by_kind": {
            kind: {
                **summary(times[kind], counts[kind][1], counts[kind][0], wall),
                "cache_hits": cache_hits[kind],
            }
            for kind in times
        },
        "failures": failures[:20],
    }
    log("readers:", json.dumps(result["all"]))
    return result


# --- 2. Editors on SQLite --------------------------------------------------------------------

MAKE_EDITORS = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from resolutions.models import Action, SourceDocument
User = get_user_model()
group = Group.objects.get(name="Editor")
for i in range({n}):
    user, _ = User.objects.get_or_create(
        username=f"load-editor-{{i}}", defaults={{"is_staff": True}}
    )
    user.set_password("{password}")
    user.save()
    user.groups.set([group])
print(Action.objects.get(key="network").pk, SourceDocument.objects.get(key="un-19-01473").pk)
"""

TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def editors(args, workdir):
    path = workdir / "load-editors.sqlite3"
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    env = env_for(f"sqlite:///{path}", show_synthetic=False, extra={"CACHE_URL": ""})
    log("editors: preparing SQLite database", path)
    prepare(env)
    password = secrets.token_urlsafe(16)
    action, source = manage(
        env, "shell", "-c", MAKE_EDITORS.format(n=args.editors, password=password)
    ).split()[-2:]
    server = Gunicorn(
        env, workdir / "gunicorn-load-sqlite.log", args.editor_workers, args.editor_threads
    )
    lock = threading.Lock()
    times, counts, failures = [], [0, 0], []
    logged_in = threading.Barrier(args.editors)

    def editor(i):
        client = Client(server.port, args.timeout)
        status, _h, body, _t = client.request("GET", "/en/admin/login/")
        token = TOKEN.search(body)
        status, headers, body, _t = client.request(
            "POST",
            "/en/admin/login/?next=/en/admin/",
            {
                "csrfmiddlewaretoken": token.group(1).decode() if token else "",
                "username": f"load-editor-{i}",
                "password": password,
                "next": "/en/admin/",
            },
        )
        ok = status == 302
        try:
            logged_in.wait(timeout=120)  # everyone starts saving at once
        except threading.BrokenBarrierError:
            pass
        if not ok:
            with lock:
                counts[0] += 1
                counts[1] += 1
                failures.append((status, "login"))
            return
        deadline = time.monotonic() + args.editor_seconds
        n = 0
        while time.monotonic() < deadline:
            n += 1
            status, _h, body, _t = client.request("GET", "/en/admin/resolutions/statusupdate/add/")
            token = TOKEN.search(body)
            form = {
                "csrfmiddlewaretoken": token.group(1).decode() if token else "",
                "action": action,
                "status": "in_progress",
                "as_of": date.today().isoformat(),
                "progress": "",
                "note": f"Load test: editor {i}, save {n}.",
                "evidence-TOTAL_FORMS": "1",
                "evidence-INITIAL_FORMS": "0",
                "evidence-MIN_NUM_FORMS": "1",
                "evidence-MAX_NUM_FORMS": "1000",
                "evidence-0-source": source,
                "evidence-0-locator": f"load {i}.{n}",
                "_save": "Save",
            }
            status, _h, body, elapsed = client.request(
                "POST", "/en/admin/resolutions/statusupdate/add/", form
            )
            with lock:
                counts[0] += 1
                if status == 302:
                    times.append(elapsed)
                else:
                    counts[1] += 1
                    failures.append((status, body[:300].decode(errors="replace")))

    log(f"editors: {args.editors} editors saving for {args.editor_seconds:.0f} s")
    started = time.perf_counter()
    try:
        threads = [threading.Thread(target=editor, args=(i,)) for i in range(args.editors)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        wall = time.perf_counter() - started
        server.stop()
    saved = manage(
        env,
        "shell",
        "-c",
        "from resolutions.models import StatusUpdate; "
        "print(StatusUpdate.objects.filter(note__startswith='Load test').count())",
    )
    result = {
        "editors": args.editors,
        "seconds": args.editor_seconds,
        "gunicorn": f"{args.editor_workers} workers × {args.editor_threads} threads",
        "saves": summary(times, counts[1], counts[0], wall),
        "drafts_in_database": int(saved.split()[-1]),
        "failures": failures[:20],
    }
    log("editors:", json.dumps(result["saves"]), "stored:", result["drafts_in_database"])
    return result


# --- Report ----------------------------------------------------------------------------------


def _row(label, s, extra=""):
    return (
        f"| {label} | {s['requests']:,} | {s['errors']} | {s['p50_ms']} | {s['p99_ms']} | "
        f"{s['rps']} |{extra}"
    )


def markdown(result):
    r, e, m = result["readers"], result["editors"], result["machine"]
    lines = [
        MARK_START,
        f"Run {result['when']} on {m['nproc']} CPUs ({m['cpu']}), {m['ram_gb']} GB, load "
        f"average {m['load_avg_at_start'][0]:.1f} at the start; {m['postgresql']}, SQLite "
        f"{m['sqlite']}. `python -m benchmarks.load`; data: 53/45-POL as loaded by `make run`.",
        "",
        f"**Readers**: {r['connections']} concurrent connections for {r['seconds']:.0f} s, "
        f"gunicorn ({r['gunicorn']}) on PostgreSQL, database cache. Half the requests ask "
        "for pages served from the page cache, a tenth for the same pages with an unknown "
        "`?cb=<random>` (served from the cache too), the rest for what is computed every time "
        "(pages and CSV reports as of a random past date, the API).",
        "",
        "| requests | count | errors | p50 ms | p99 ms | req/s | cache hits |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for kind, label in [
        ("cached", "cached pages"),
        ("cache_buster", "with `?cb=<random>`"),
        ("computed", "computed (as-of dates, API, CSV)"),
    ]:
        s = r["by_kind"][kind]
        lines.append(_row(label, s, f" {s['cache_hits']:,} |"))
    lines.append(_row("**all**", r["all"], " |"))
    lines += [
        "",
        f"**Editors**: {e['editors']} Editors signed in to the admin, saving draft status "
        f"updates with evidence through the admin form at the same time for "
        f"{e['seconds']:.0f} s, gunicorn ({e['gunicorn']}) on a SQLite file (WAL, busy "
        f"timeout, immediate transactions). {e['drafts_in_database']:,} drafts were in the "
        "database afterwards.",
        "",
        "| requests | count | errors | p50 ms | p99 ms | req/s |",
        "|---|---:|---:|---:|---:|---:|",
        _row("saves (admin form POST → 302)", e["saves"]),
        MARK_END,
    ]
    return "\n".join(lines)


def write_report(result, doc):
    text = doc.read_text(encoding="utf-8")
    block = markdown(result)
    if MARK_START in text:
        text = re.sub(
            re.escape(MARK_START) + r".*?" + re.escape(MARK_END), lambda _m: block, text, flags=re.S
        )
    else:
        text = (
            text.rstrip("\n") + "\n\n## Load test: readers on PostgreSQL, editors on SQLite"
            "\n\n" + block + "\n"
        )
    doc.write_text(text, encoding="utf-8")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--editors", type=int, default=20)
    parser.add_argument("--editor-seconds", type=float, default=30.0)
    parser.add_argument("--editor-workers", type=int, default=4)
    parser.add_argument("--editor-threads", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=60.0, help="per request")
    parser.add_argument("--workdir", default="/tmp/tracker-load")
    parser.add_argument("--only", choices=["readers", "editors"])
    parser.add_argument("--no-report", dest="report", action="store_false")
    args = parser.parse_args(argv)
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    result = {"when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "machine": machine()}
    if args.only != "editors":
        result["readers"] = readers(args, workdir)
    if args.only != "readers":
        result["editors"] = editors(args, workdir)
    out = ROOT / "benchmarks" / "results" / "load.json"
    if args.report and not args.only:
        out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
        write_report(result, ROOT / "docs" / "benchmarks.md")
        log("wrote", out, "and docs/benchmarks.md")
    else:
        print(json.dumps(result, indent=1))
    errors = result.get("readers", {}).get("all", {}).get("errors", 0) + result.get(
        "editors", {}
    ).get("saves", {}).get("errors", 0)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
