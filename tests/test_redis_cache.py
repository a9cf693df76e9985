"""The Redis cache shares one client per connection pool, and works as Django's does."""

import os
import uuid

import pytest
import redis

from annotations.redis_cache import RedisCache

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


def _cache() -> RedisCache:
    return RedisCache(REDIS_URL, {"KEY_PREFIX": f"factcheck-test-{uuid.uuid4().hex}"})


def test_each_pool_keeps_one_client():
    cache = _cache()
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client
    assert cache._cache.get_client("any key") is client


def test_it_stores_reads_and_counts_in_redis():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {REDIS_URL}: the round trip is proved where one runs (CI)")
    cache = _cache()
    cache.set("answer", {"claims": [1, 2]}, timeout=30)
    assert cache.get("answer") == {"claims": [1, 2]}
    assert cache.incr(cache.add("count", 1) and "count") == 2
    cache.delete_many(["answer", "count"])
    assert cache.get("answer") is None
