"""A small, bounded HTTP load client (urllib, loopback only).

Every loop is bounded twice: by a number of requests and by a wall-clock budget, and each
request has a timeout. Nothing here talks to anything but 127.0.0.1.
"""

import statistics
import threading
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from urllib.parse import urlsplit


@dataclass
class Response:
    status: int
    seconds: float
    size: int
    pid: str
    body: bytes = b""
    first_byte: float = 0.0


def fetch(url, *, timeout=60.0, keep_body=False, chunk=1 << 16) -> Response:
    host = urlsplit(url).hostname
    if host not in ("127.0.0.1", "localhost"):
        raise ValueError(f"refusing to benchmark a non-loopback host: {host}")
    started = time.perf_counter()
    first = 0.0
    size, parts = 0, []
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (loopback)
            status, pid = response.status, response.headers.get("X-Worker-Pid", "")
            while True:
                data = response.read(chunk)
                if not first:
                    first = time.perf_counter() - started
                if not data:
                    break
                size += len(data)
                if keep_body:
                    parts.append(data)
    except urllib.error.HTTPError as error:
        status, pid = error.code, error.headers.get("X-Worker-Pid", "")
        size = len(error.read())
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        return Response(
            status=0,
            seconds=time.perf_counter() - started,
            size=0,
            pid="",
            body=str(error).encode(),
        )
    return Response(status, time.perf_counter() - started, size, pid, b"".join(parts), first)


@dataclass
class Measurement:
    path: str
    concurrency: int
    requests: int = 0
    errors: int = 0
    statuses: dict = field(default_factory=dict)
    p50_ms: float | None = None
    p95_ms: float | None = None
    mean_ms: float | None = None
    max_ms: float | None = None
    rps: float | None = None
    bytes: int = 0
    wall_s: float = 0.0
    stopped_by: str = ""

    def as_dict(self):
        return asdict(self)


def percentile(values, p):
    values = sorted(values)
    if not values:
        return None
    k = (len(values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def measure(
    base, path, *, concurrency=1, max_requests=200, max_seconds=20.0, timeout=60.0, warmup=2
) -> Measurement:
    """Run at most `max_requests` GETs of `path` within `max_seconds` with `concurrency`
    threads (each waits for its response before the next request)."""
    url = base + path
    for _ in range(warmup):
        fetch(url, timeout=timeout)
    lock = threading.Lock()
    times, statuses, sizes = [], {}, []
    issued = [0]
    deadline = time.monotonic() + max_seconds
    stopped = {"by": "count"}

    def worker():
        while True:
            with lock:
                if issued[0] >= max_requests:
                    return
                if time.monotonic() >= deadline:
                    stopped["by"] = "time"
                    return
                issued[0] += 1
            r = fetch(url, timeout=timeout)
            with lock:
                statuses[r.status] = statuses.get(r.status, 0) + 1
                if r.status == 200:
                    times.append(r.seconds)
                    sizes.append(r.size)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    m = Measurement(
        path=path, concurrency=concurrency, wall_s=round(wall, 3), stopped_by=stopped["by"]
    )
    m.requests = sum(statuses.values())
    m.errors = m.requests - statuses.get(200, 0)
    m.statuses = {str(k): v for k, v in statuses.items()}
    if times:
        m.p50_ms = round(statistics.median(times) * 1000, 2)
        m.p95_ms = round(percentile(times, 0.95) * 1000, 2)
        m.mean_ms = round(statistics.fmean(times) * 1000, 2)
        m.max_ms = round(max(times) * 1000, 2)
        m.rps = round(len(times) / wall, 2) if wall else None
        m.bytes = int(statistics.median(sizes))
    return m
