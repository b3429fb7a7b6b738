"""The Redis cache backend: real Redis when it is there, a logged miss when it is not."""

import logging
import socket
import time
import uuid

import pytest

from newsroom.cache import ResilientRedisCache

from .helpers import closed_port

# Redis database 14 belongs to the production tests; every test uses its own key prefix.
REDIS_DB = 14


def redis_cache(location, **options):
    return ResilientRedisCache(
        location,
        {
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25, **options},
        },
    )


@pytest.fixture
def silent_redis():
    """A server that accepts connections and never answers, like a hung Redis."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(16)
        yield server.getsockname()[1]


def test_values_are_cached_in_a_reachable_redis():
    cache = redis_cache(f"redis://127.0.0.1:6379/{REDIS_DB}")
    cache.set("bài-viết", {"tiêu đề": "Mùa lúa"}, 30)
    assert cache.get("bài-viết") == {"tiêu đề": "Mùa lúa"}
    assert cache.add("đếm", 1) is True
    assert cache.incr("đếm") == 2
    cache.clear()


def test_unreachable_redis_reads_as_a_miss_and_is_logged(caplog):
    cache = redis_cache(f"redis://127.0.0.1:{closed_port()}/0")
    with caplog.at_level(logging.WARNING, logger="newsroom.cache"):
        cache.set("key", "value", 30)
        assert cache.get("key") is None
        assert cache.get("key", "default") == "default"
        assert cache.get_many(["a", "b"]) == {}
        assert cache.add("key", "value") is False
        assert cache.has_key("key") is False
        # A rate-limit counter starts again rather than locking readers out.
        assert cache.incr("counter", 3) == 3
        assert cache.get_or_set("computed", lambda: "fresh") == "fresh"
        assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
        cache.delete("key")
    assert "Cache unavailable, set ignored" in caplog.text
    assert "Cache unavailable, get ignored" in caplog.text


def test_a_hung_redis_costs_a_fraction_of_a_second_per_call(silent_redis, caplog):
    cache = redis_cache(f"redis://127.0.0.1:{silent_redis}/0")
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="newsroom.cache"):
        assert cache.get("page") is None
        cache.set("page", "<html>", 30)
    assert time.monotonic() - started < 1.5
    assert "Timeout" in caplog.text or "timed out" in caplog.text.lower()
