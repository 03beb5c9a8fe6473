"""CACHE_URL, read by django-cache-url (tracker/env.cache_from_url): the documented forms of
.env.example, and a clear start-up error for anything a multi-worker site must not use."""

import pytest

from tracker.env import ImproperlyConfiguredEnv, cache_from_url

DB = "django.core.cache.backends.db.DatabaseCache"
REDIS = "django.core.cache.backends.redis.RedisCache"


@pytest.mark.parametrize("url", ["", "  ", "db://"])
def test_empty_is_the_database_table(url):
    assert cache_from_url(url) == {
        "BACKEND": DB,
        "LOCATION": "tracker_cache",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }


def test_db_can_name_another_table_and_options():
    config = cache_from_url("db://other_cache?max_entries=50")
    assert (config["LOCATION"], config["OPTIONS"]) == ("other_cache", {"MAX_ENTRIES": 50})


def test_redis_with_a_password_and_a_database():
    assert cache_from_url("redis://:s3cret@cache.internal:6380/2") == {
        "BACKEND": REDIS,
        "LOCATION": "redis://:s3cret@cache.internal:6380/2",
        "KEY_PREFIX": "tracker",
    }


def test_redis_defaults_tls_socket_and_key_prefix():
    assert cache_from_url("redis://cache.internal")["LOCATION"] == "redis://cache.internal:6379/0"
    assert cache_from_url("rediss://cache.internal/1")["LOCATION"] == (
        "rediss://cache.internal:6379/1"
    )
    assert cache_from_url("redis:///run/redis.sock")["LOCATION"] == "unix:///run/redis.sock?db=0"
    assert cache_from_url("redis://h:6379/0?key_prefix=site2")["KEY_PREFIX"] == "site2"


def test_dummy_turns_caching_off():
    assert cache_from_url("dummy://")["BACKEND"] == "django.core.cache.backends.dummy.DummyCache"


@pytest.mark.parametrize(
    "url, says",
    [
        ("locmem://", "not supported"),  # per process: workers would disagree
        ("file:///tmp/cache", "not supported"),
        ("memcached://127.0.0.1:11211", "not supported"),  # its client is not installed
        ("mysql://x", "cannot be read"),
        ("not a url", "cannot be read"),
    ],
)
def test_anything_else_stops_the_start_with_the_variable_named(url, says):
    with pytest.raises(ImproperlyConfiguredEnv, match=f"CACHE_URL=.*{says}"):
        cache_from_url(url)
