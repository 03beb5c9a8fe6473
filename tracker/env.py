"""Typed access to environment variables.

Every setting that comes from the environment goes through here so that a malformed value stops
the process at start-up with the variable's name, instead of surfacing later as odd behaviour.
"""

import os
import secrets
from pathlib import Path
from urllib.parse import urlparse

import dj_database_url
import django_cache_url


class ImproperlyConfiguredEnv(Exception):
    pass


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfiguredEnv(f"{name}={raw!r} is not a boolean (use true or false).")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfiguredEnv(f"{name}={raw!r} is not an integer.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def local_secret_key(path: Path) -> str:
    """This installation's own secret key, generated once into `path` (mode 0600).

    `make run` then needs no configuration and sessions survive restarts. Several machines
    serving one site must share a key: set DJANGO_SECRET_KEY (or point DJANGO_SECRET_KEY_FILE at
    a shared file) instead."""
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        pass
    key = secrets.token_urlsafe(64)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(key + "\n")
        # A hard link appears whole or not at all, and fails if the file exists: two processes
        # starting at once cannot both write, and the loser reads the winner's key.
        os.link(temporary, path)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    except OSError as error:
        raise ImproperlyConfiguredEnv(
            f"DJANGO_SECRET_KEY is not set and {path} cannot be written ({error.strerror}): "
            "set DJANGO_SECRET_KEY or DJANGO_SECRET_KEY_FILE."
        ) from None
    finally:
        temporary.unlink(missing_ok=True)
    return key


# SQLite with several editors at once (issue #17: 6 of 20 simultaneous saves failed with
# "database is locked"):
# - WAL: readers never wait for the writer and the writer never waits for readers;
# - a busy timeout: a writer waits up to 30 s (gunicorn's default worker timeout) for the one
#   write lock instead of failing at once;
# - IMMEDIATE transactions (Django 5.1+): a transaction takes the write lock when it begins, so
#   two transactions never both read and then both try to upgrade to writing (SQLite fails that
#   upgrade at once, whatever the timeout).
# synchronous=NORMAL is what SQLite recommends with WAL (a commit is durable at the next
# checkpoint; the database is never corrupted).
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 30,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}


def database_from_url(url: str, base_dir: Path) -> dict:
    """DATABASE_URL as a Django DATABASES entry, parsed by dj-database-url.

    Empty: the SQLite file db.sqlite3 in the project folder. `sqlite:////absolute/path` (four
    slashes) or `sqlite:///relative/path`, and `postgresql://user:password@host:port/name`, as
    dj-database-url reads them. Only the two engines we test on are accepted; anything else is a
    configuration error rather than a silent fallback to SQLite.
    """
    url = url or f"sqlite:///{Path(base_dir).resolve() / 'db.sqlite3'}"
    scheme = urlparse(url).scheme
    if scheme not in ("postgres", "postgresql", "sqlite"):
        raise ImproperlyConfiguredEnv(
            f"DATABASE_URL scheme {scheme!r} is not supported (use postgresql:// or sqlite://)."
        )
    if scheme == "sqlite":
        return {**dj_database_url.parse(url), "CONN_MAX_AGE": 0, "OPTIONS": dict(SQLITE_OPTIONS)}
    config = dict(dj_database_url.parse(url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60)))
    if not config["NAME"]:
        raise ImproperlyConfiguredEnv("DATABASE_URL must name a database, e.g. .../postgres")
    return config


# The cache must be shared by every gunicorn worker and every machine (see settings.py), so of
# the backends django-cache-url knows, only these are accepted.
CACHE_BACKENDS = {
    "django.core.cache.backends.db.DatabaseCache": "db://",
    "django.core.cache.backends.redis.RedisCache": "redis:// or rediss://",
    "django.core.cache.backends.dummy.DummyCache": "dummy://",
}
DEFAULT_CACHE_TABLE = "tracker_cache"


def cache_from_url(url: str) -> dict:
    """CACHE_URL as a Django CACHES entry, parsed by django-cache-url.

    Empty (or `db://`): the database table tracker_cache (`db://othertable` names another).
    `redis://[:password@]host:6379/0`, `rediss://…` (TLS) or `redis:///path/to/socket`: Redis.
    `dummy://`: no caching. Query arguments set options, e.g. `?key_prefix=site2`. Per-process
    caches (locmem://, file://) and backends this project does not install are refused.
    """
    url = url.strip() or "db://"
    try:
        config = django_cache_url.parse(url)
    except Exception as error:  # the library raises a bare Exception for an unknown scheme
        raise ImproperlyConfiguredEnv(f"CACHE_URL={url!r} cannot be read: {error}.") from None
    if config["BACKEND"] not in CACHE_BACKENDS:
        raise ImproperlyConfiguredEnv(
            f"CACHE_URL={url!r} is not supported: leave it empty for the database cache, or use "
            f"{', '.join(CACHE_BACKENDS.values())}."
        )
    if config["BACKEND"].endswith("DatabaseCache"):
        config["LOCATION"] = config.get("LOCATION") or DEFAULT_CACHE_TABLE
        config.setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 2000)
    if config["BACKEND"].endswith("RedisCache"):
        config.setdefault("KEY_PREFIX", "tracker")
    return config
