"""Where kept pages are kept, read from the environment: each worker's own memory,
bounded in bytes, or one Redis shared by every app server.

- CACHE_URL (or REDIS_URL), a redis:// or rediss:// URL: Django's RedisCache, so
  a page rendered by one app server is served by all. Redis bounds its own memory
  (`maxmemory` with `allkeys-lru`, as deploy/redis.conf sets).
- unset: ByteBoundedLocMemCache, at most READER_CACHE_MAX_BYTES (default 32 MiB)
  per worker, the least recently used dropped first.
"""

from collections.abc import Mapping
from urllib.parse import urlsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import ImproperlyConfigured

DEFAULT_MAX_BYTES = 32 * 1024 * 1024
# Each cache's entry sizes, shared like LocMemCache's own dicts by every instance of one name.
_sizes: dict[str, dict[str, int]] = {}
REDIS_SCHEMES = ("redis", "rediss", "unix")


class ByteBoundedLocMemCache(LocMemCache):
    """Django's local-memory cache, bounded by the bytes it holds (OPTIONS MAX_BYTES)
    rather than by its number of entries: a network page is 500 kB and a junk query
    string's page 30 kB, so a count says little about memory. A value larger than
    an eighth of the bound is not kept at all."""

    def __init__(self, name, params):
        super().__init__(name, params)
        self._max_bytes = int(params.get("OPTIONS", {}).get("MAX_BYTES", DEFAULT_MAX_BYTES))
        self._sizes = _sizes.setdefault(name, {})

    @property
    def bytes_held(self) -> int:
        with self._lock:
            return sum(self._sizes.values())

    def _set(self, key, value, timeout=DEFAULT_TIMEOUT):
        self._delete(key)
        size = len(key) + len(value)
        if size > self._max_bytes // 8:
            return
        held = sum(self._sizes.values())
        while self._cache and held + size > self._max_bytes:
            # The least recently used is last: get() and _set() move an entry to the front.
            oldest, _ = self._cache.popitem()
            self._expire_info.pop(oldest, None)
            held -= self._sizes.pop(oldest, 0)
        super()._set(key, value, timeout)
        self._sizes[key] = size

    def _cull(self):
        super()._cull()
        for key in [key for key in self._sizes if key not in self._cache]:
            del self._sizes[key]

    def _delete(self, key):
        self._sizes.pop(key, None)
        return super()._delete(key)

    def clear(self):
        with self._lock:
            self._cache.clear()
            self._expire_info.clear()
            self._sizes.clear()


def caches_from_env(environ: Mapping[str, str]) -> dict:
    """Django's CACHES for this environment (see the module's docstring)."""
    url = (environ.get("CACHE_URL") or environ.get("REDIS_URL") or "").strip()
    if url:
        scheme = urlsplit(url).scheme
        if scheme not in REDIS_SCHEMES:
            raise ImproperlyConfigured(
                f"CACHE_URL must be a redis://, rediss:// or unix:// URL, not {scheme or url!r}"
            )
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                # Short timeouts: a slow or dead Redis costs a render, never a hung worker.
                "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
            }
        }
    value = environ.get("READER_CACHE_MAX_BYTES", "").strip()
    if value and not value.isdigit():
        raise ImproperlyConfigured(f"READER_CACHE_MAX_BYTES={value!r} must be a number of bytes")
    return {
        "default": {
            "BACKEND": "archive.deployment.caches.ByteBoundedLocMemCache",
            "OPTIONS": {
                "MAX_BYTES": int(value) if value else DEFAULT_MAX_BYTES,
                # The byte bound decides; the count only stops a flood of tiny entries.
                "MAX_ENTRIES": 100_000,
            },
        }
    }
