"""Django's Redis cache, keeping one Redis client per connection pool.

Django's Redis backend builds a new `redis.Redis` for every cache call; building one fills a
table of about 160 reply handlers, which on an API request (two throttle calls, the session)
cost more than the Redis round trips themselves. A client with a connection pool is safe to
share between threads, so each pool's client is built once.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    """Django's Redis cache client, reusing each pool's `redis.Redis`."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write: bool = False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    """Django's `RedisCache` with a client per connection pool instead of per call."""

    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
