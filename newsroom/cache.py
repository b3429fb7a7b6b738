"""A Redis cache that a dead Redis cannot take the site down with.

Django's RedisCache raises when Redis is unreachable, which would turn any
request that touches the cache into a 500. Nothing the site needs lives only
in the cache (cached pages are rendered again: newsroom.pagecache), so an
unreachable Redis is logged and read as a miss.
"""

import functools
import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger(__name__)


def _fail_soft(method, fallback):
    """Wrap a cache method so a connection error logs and returns `fallback(*args)`."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (ConnectionError, TimeoutError) as error:
            logger.warning("Cache unavailable, %s ignored: %s", method.__name__, error)
            return fallback(*args, **kwargs)

    return wrapper


def _nothing(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


class OneClientPerPool(RedisCacheClient):
    """Django's client, keeping one redis.Redis per connection pool.

    Django makes a new redis.Redis for every cache call, and redis-py 5 fills a
    table of about 170 response callbacks each time: some 0.2 ms of CPU, as much
    as serving a cached page. A redis.Redis is safe to share; its pool does the rest.
    """

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        if id(pool) not in clients:
            clients[id(pool)] = self._client(connection_pool=pool)
        return clients[id(pool)]


class ResilientRedisCache(RedisCache):
    """RedisCache whose connection errors behave like misses and no-ops."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = OneClientPerPool

    get = _fail_soft(RedisCache.get, lambda key, default=None, version=None: default)
    get_many = _fail_soft(RedisCache.get_many, lambda *args, **kwargs: {})
    has_key = _fail_soft(RedisCache.has_key, _false)
    set = _fail_soft(RedisCache.set, _nothing)
    # set_many returns the keys it failed to store: all of them.
    set_many = _fail_soft(RedisCache.set_many, lambda data, *args, **kwargs: list(data))
    add = _fail_soft(RedisCache.add, _false)
    touch = _fail_soft(RedisCache.touch, _false)
    # As if the counter had just started, so a rate limit fails open, not shut.
    incr = _fail_soft(RedisCache.incr, lambda key, delta=1, version=None: delta)
    delete = _fail_soft(RedisCache.delete, _false)
    delete_many = _fail_soft(RedisCache.delete_many, _nothing)
    clear = _fail_soft(RedisCache.clear, _false)
