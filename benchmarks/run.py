"""The benchmark run: build the dataset, serve it with gunicorn (2 workers), measure.

Databases: SQLite in a file under --workdir, PostgreSQL in its own database (tracker_bench on
127.0.0.1:5432, user postgres). Nothing else is created or dropped.
"""

import json
import os
import platform
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from .client import fetch, measure

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DATA = ["data/oic-member-states.yaml", "data/53-45-pol.yaml"]
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_NAME = "tracker_bench"
SCALE_SIZES = {
    "small": (3, 24, 72),
    "medium": (50, 2000, 10000),
    # A tenth of UN scale in each dimension but resolutions x actions: 50 resolutions of 80
    # actions (the UN mean) with 10 updates each (the UN mean), for a run that fits a shorter slot.
    "tenth": (50, 4000, 40000),
    "un": (500, 40000, 400000),
}
# generate_demo_data's presets; other scales pass the sizes per resolution and action.
PRESETS = ("small", "medium", "un")

# Pages measured with every resolution listed (SHOW_SYNTHETIC_RESOLUTIONS=true: the UN
# scenario) and, for comparison, with only the real resolution listed.
LISTED_ALL = [
    "floor",
    "dashboard",
    "resolution",
    "resolution_real",
    "paragraph",
    "action",
    "actions_status",
    "actions_resolution",
    "api_actions",
]
REAL_ONLY = ["floor", "dashboard", "resolution_real"]
# #11: with only 53/45-POL listed and the page cache off, every public page ≤ 5× the floor.
REAL_ONLY_UNCACHED = [
    "floor",
    "dashboard",
    "resolution_real",
    "paragraph_real",
    "action_real",
    "actions_real",
]
# The same pages rendered on every request (PAGE_CACHE_SECONDS=0): what the first reader after
# a publish waits for, and every reader of a page nobody asked for since.
UNCACHED = [
    "floor",
    "dashboard",
    "resolution",
    "resolution_real",
    "paragraph",
    "action",
    "actions_status",
    "actions_resolution",
    "api_actions",
    # #11: a date in the past (computed from the history), target ≤ 25× the floor.
    "dashboard_asof",
    "resolution_asof",
    "paragraph_asof",
    "actions_resolution_asof",
    "api_actions_asof",
]


def cache_url(requested):
    """`requested` if it is Redis and answers (emptied, so that no earlier run's pages are
    served), else the database cache ("")."""
    if not requested.startswith("redis://"):
        return requested
    try:
        import redis

        redis.Redis.from_url(requested, socket_connect_timeout=2).flushdb()
    except Exception as error:  # any failure means: not usable here
        log(f"cache: {requested} not usable ({error}); using the database cache")
        return ""
    return requested


def log(*args):
    print(time.strftime("%H:%M:%S"), *args, file=sys.stderr, flush=True)


# --- Environment -------------------------------------------------------------------------------


def machine():
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    pg = subprocess.run(
        ["psql", PG_ADMIN, "-Atc", "select version()"], capture_output=True, text=True
    ).stdout.strip()
    import sqlite3

    import django

    return {
        "nproc": os.cpu_count(),
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "cpu": cpu,
        "python": platform.python_version(),
        "django": django.get_version(),
        "sqlite": sqlite3.sqlite_version,
        "postgresql": pg.split(" on ")[0],
        "load_avg_at_start": os.getloadavg(),
    }


CACHE_URL = ""  # set by run() from --cache


def env_for(db_url, *, show_synthetic, extra=None):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=db_url,
        DJANGO_SETTINGS_MODULE="benchmarks.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_LOG_LEVEL="ERROR",
        SHOW_SYNTHETIC_RESOLUTIONS="true" if show_synthetic else "false",
        CACHE_URL=CACHE_URL,
        PYTHONPATH=str(ROOT),
    )
    env.update(extra or {})
    return env


def manage(env, *args, timeout=900):
    started = time.monotonic()
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
    return out.stdout, time.monotonic() - started


def python_module(env, module, *args, timeout=1800):
    out = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=env,
        text=True,
        capture_output=True,
        timeout=timeout,
    )
    if out.returncode:
        raise RuntimeError(f"{module} failed:\n{out.stdout}\n{out.stderr}")
    return out.stdout


def prepare_database(kind, workdir, fresh):
    if kind == "sqlite":
        path = Path(workdir) / "bench.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        if fresh:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(str(path) + suffix).unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    if not re.fullmatch(r"[a-z_][a-z0-9_]*", PG_NAME):
        raise ValueError(f"--pg-name {PG_NAME!r}: letters, digits and _ only")
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [PG_NAME]).fetchone()
        if exists and fresh:
            conn.execute(f"DROP DATABASE {PG_NAME} WITH (FORCE)")
            exists = None
        if not exists:
            conn.execute(f"CREATE DATABASE {PG_NAME}")
    return f"postgresql://postgres@127.0.0.1:5432/{PG_NAME}"


# --- Server ----------------------------------------------------------------------------------


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn on 127.0.0.1 with 2 sync workers, started and stopped by this process only."""

    def __init__(self, env, logfile, workers=2, timeout=120):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(logfile, "a")  # noqa: SIM115 (closed in stop)
        self.proc = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "tracker.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
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
            if fetch(self.base + "/__hello__/", timeout=5).status == 200:
                break
            time.sleep(0.5)
        else:
            self.stop()
            raise RuntimeError("gunicorn did not answer within 60 s")

    def workers(self):
        path = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        return [int(p) for p in path.read_text().split()] if path.exists() else []

    @staticmethod
    def memory(pid):
        status = Path(f"/proc/{pid}/status").read_text()
        get = lambda key: int(re.search(rf"{key}:\s+(\d+) kB", status).group(1)) // 1024  # noqa
        return {"rss_mb": get("VmRSS"), "peak_rss_mb": get("VmHWM")}

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # graceful stop of this master only
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.log.close()


# --- Measurements ----------------------------------------------------------------------------


def measure_pages(server, urls, names, args):
    pages = {}
    for name in names:
        path = urls.get(name)
        if not path:
            pages[name] = {"available": False}
            continue
        probe = fetch(server.base + path, timeout=args.timeout)
        if probe.status in (404, 0) or probe.status >= 500:
            pages[name] = {
                "available": False,
                "status": probe.status,
                "seconds": round(probe.seconds, 3),
            }
            log(f"  {name}: not available (HTTP {probe.status})")
            continue
        budget = 3 * args.requests if name == "floor" else args.requests
        one = measure(
            server.base,
            path,
            concurrency=1,
            max_requests=budget,
            max_seconds=args.seconds,
            timeout=args.timeout,
            warmup=1,
        )
        two = measure(
            server.base,
            path,
            concurrency=2,
            max_requests=budget,
            max_seconds=args.seconds,
            timeout=args.timeout,
            warmup=0,
        )
        pages[name] = {"available": True, "path": path, "c1": one.as_dict(), "c2": two.as_dict()}
        log(
            f"  {name}: p50 {one.p50_ms} ms, p95 {one.p95_ms} ms, {two.rps} req/s at c=2, "
            f"{one.requests}+{two.requests} requests"
        )
    return pages


def headline(body: bytes, symbol="53/45-POL"):
    text = body.decode("utf-8", "replace")
    marker = text.find(f"<bdi>{symbol}</bdi>")
    if marker < 0:
        return None
    found = re.search(r"(\d+(?:\.\d)?)\s*%", text[marker : marker + 20000])
    return found.group(1) if found else None


def freshness(server, env, args, dashboard):
    """Both workers serve the dashboard's cached roll-up; a draft changes nothing; once it is
    published both serve the new roll-up at once."""

    def by_worker(rounds=200):
        """The 53/45-POL headline each worker serves (until each answered 3 times)."""
        seen, answers = {}, {}
        for _ in range(rounds):
            r = fetch(server.base + dashboard, timeout=args.timeout, keep_body=True)
            if r.status != 200:
                return {"error": f"HTTP {r.status}"}
            seen.setdefault(r.pid, set()).add(headline(r.body))
            answers[r.pid] = answers.get(r.pid, 0) + 1
            if len(answers) >= 2 and min(answers.values()) >= 3:
                break
        return {pid: sorted(v) for pid, v in seen.items()}

    def values(state):
        return {v for vs in state.values() if isinstance(vs, list) for v in vs}

    before = by_worker()
    draft = python_module(env, "benchmarks.publish", "draft").strip()
    with_draft = by_worker()
    started = time.monotonic()
    python_module(env, "benchmarks.publish", "publish", draft)
    published_in = time.monotonic() - started
    after = by_worker()
    ok = (
        len(after) >= 2
        and len(values(before)) == 1
        and values(with_draft) == values(before)
        and len(values(after)) == 1
        and values(after) != values(before)
    )
    return {
        "workers": server.workers(),
        "before": before,
        "with_draft": with_draft,
        "after": after,
        "update": draft,
        "publish_s": round(published_in, 2),
        "both_workers_fresh": ok,
    }


def export(env, logfile, path, args):
    """A fresh server per export, so a worker's peak RSS is the export's."""
    server = Server(env, logfile, timeout=300)
    try:
        for _ in range(6):
            fetch(server.base + "/__hello__/", timeout=10)
        baseline = {pid: server.memory(pid) for pid in server.workers()}
        r = fetch(server.base + path, timeout=300)
        result = {
            "path": path,
            "status": r.status,
            "seconds": round(r.seconds, 2),
            "first_byte_s": round(r.first_byte, 2),
            "bytes": r.size,
            "baseline": {str(k): v for k, v in baseline.items()},
        }
        if r.pid:
            result["worker"] = server.memory(int(r.pid))
        return result
    finally:
        server.stop()


# --- One database ------------------------------------------------------------------------------


def bench_database(kind, args):
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    logfile = workdir / f"gunicorn-{kind}.log"
    result = {
        "db": kind,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "scale": args.scale,
        "seed": args.seed,
    }
    url = prepare_database(kind, workdir, args.fresh)
    env_all = env_for(url, show_synthetic=True)
    env_real = env_for(url, show_synthetic=False)

    log(f"{kind}: migrate, load 53/45-POL")
    manage(env_all, "migrate", "--noinput")
    manage(env_all, "createcachetable")
    manage(env_all, "load_resolution", *DATA)
    n_res, n_actions, n_updates = SCALE_SIZES[args.scale]
    have = json.loads(python_module(env_all, "benchmarks.probe", "--sizes-only"))
    if (
        args.reuse
        and have["synthetic_resolutions"] == n_res
        and have["status_updates"] >= n_updates
    ):
        log(f"{kind}: reusing the generated dataset")
        result["generation"] = {"reused": True}
    else:
        log(f"{kind}: generate_demo_data --scale {args.scale} (this takes minutes)")
        if args.scale in PRESETS:
            sizes = ["--scale", args.scale]
        else:
            sizes = [
                "--resolutions",
                str(n_res),
                "--actions-per-resolution",
                str(n_actions // n_res),
                "--updates-per-action",
                str(n_updates // n_actions),
            ]
        out, seconds = manage(
            env_all,
            "generate_demo_data",
            *sizes,
            "--seed",
            str(args.seed),
            "--replace",
            "--link-member-states",
            timeout=3600,
        )
        inner = re.search(r"in ([\d.]+) s", out)
        result["generation"] = {
            "wall_s": round(seconds, 1),
            "generator_s": float(inner.group(1)) if inner else None,
            "output": out.strip().splitlines()[-1],
            "load_avg_after": os.getloadavg(),
        }
        log(f"{kind}: generated in {seconds:.0f} s")

    log(f"{kind}: counting queries per page")
    probe = json.loads(
        python_module(env_all, "benchmarks.probe", *(["--exports"] if args.exports else []))
    )
    result["sizes"], result["urls"], result["queries"] = (
        probe["sizes"],
        probe["urls"],
        probe["queries"],
    )
    real_probe = json.loads(
        python_module(
            env_real,
            "benchmarks.probe",
            "--only",
            ",".join(sorted(set(REAL_ONLY) | set(REAL_ONLY_UNCACHED))),
        )
    )
    result["queries_real_only"] = real_probe["queries"]

    result["cache"] = CACHE_URL or "database table"
    result["pages"] = {}
    env_uncached = env_for(url, show_synthetic=True, extra={"PAGE_CACHE_SECONDS": "0"})
    env_real_uncached = env_for(url, show_synthetic=False, extra={"PAGE_CACHE_SECONDS": "0"})
    for config, env, names in [
        ("all_listed", env_all, LISTED_ALL),
        ("all_listed_uncached", env_uncached, UNCACHED),
        ("real_only", env_real, REAL_ONLY),
        ("real_only_uncached", env_real_uncached, REAL_ONLY_UNCACHED),
    ]:
        log(f"{kind}: serving ({config}) and measuring")
        # The machine is shared: the load of each pass, beside its figures (and after it).
        result.setdefault("load_by_pass", {})[config] = {"before": os.getloadavg()}
        server = Server(env, logfile)
        try:
            result["workers"] = server.workers()
            urls = real_probe["urls"] if config.startswith("real_only") else probe["urls"]
            result["pages"][config] = measure_pages(server, urls, names, args)
        finally:
            server.stop()
        result["load_by_pass"][config]["after"] = os.getloadavg()

    result["exports"] = {}
    for name in ("export_csv", "export_xlsx"):
        path = probe["urls"][name]
        log(f"{kind}: {name}")
        result["exports"][name] = export(env_all, logfile, path, args)
        log(f"  {result['exports'][name]}")

    # Last, because it changes the data: both workers must serve the new roll-up at once.
    # Real resolution only, with the roll-up cache used for it, so each check takes seconds.
    log(f"{kind}: cache freshness across 2 workers")
    env_fresh = env_for(url, show_synthetic=False, extra={"ROLLUP_CACHE_MIN_IDS": "1"})
    server = Server(env_fresh, logfile)
    try:
        result["freshness"] = freshness(server, env_fresh, args, probe["urls"]["dashboard"])
    finally:
        server.stop()
    log(f"  {result['freshness']}")
    return result


def run(args):
    global CACHE_URL, PG_NAME
    CACHE_URL = cache_url(args.cache)
    PG_NAME = args.pg_name
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for kind in args.db:
        result = bench_database(kind, args)
        path = out / f"{kind}.json"
        path.write_text(json.dumps(result, indent=1, default=str))
        log(f"{kind}: results in {path}")
    if args.report:
        from .report import write_report

        write_report(out, ROOT / "docs" / "benchmarks.md")
