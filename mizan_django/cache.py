"""Where cached context values and invalidation namespaces are stored.

Redis through redis-py when ``MIZAN_CACHE_REDIS_URL`` is set, Django's cache
(``MIZAN_CACHE_ALIAS``, default ``"default"``) otherwise, so a fresh project
runs with no Redis. Both store opaque bytes under keys that are HMAC digests
(``mizan_core.tokens``): a key reveals nothing about the function, the
arguments or the user.

The cache is an optimisation, never a dependency: any backend error is logged
(``mizan_django.cache`` logger) and the request is computed as if the value
were missing. After an error the backend is skipped for a second, so a dead
Redis costs one failed call per second rather than a timeout per request;
a mutation's purge is the exception, tried every time (see below).

A mutation's purge (a namespace bump) that the backend cannot take is tried
again until it is written or a deadline passes (``bump(until=...)``: the
caller holds its answer meanwhile, since the other processes that share the
Redis cannot know of the purge and serve what it holds). Past the deadline
it is kept, and written before the next read from this process's backend:
values cached before the failure are still in a Redis that was only out of
reach (a network cut or a pause), and must not be served once the link is
back. It is also retried in the background every ``RETRY_AFTER`` seconds
until written, for the other processes' sake.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar, cast

from django.core.cache import caches

from mizan_django.conf import MizanSettings, config

__all__ = ["CacheStore", "DjangoStore", "RedisStore", "backend"]

logger = logging.getLogger("mizan_django.cache")
T = TypeVar("T")

#: Seconds a failing backend is left alone before it is tried again.
RETRY_AFTER = 1.0
#: Namespace bumps kept for a backend that cannot take them (beyond: logged, dropped).
MAX_UNWRITTEN = 10_000
#: Seconds between two tries of a bump its caller waits for (a refused connection
#: fails at once; a hung one takes the socket timeout).
HOLD_RETRY = 0.1


class CacheStore(Protocol):
    def get_many(self, keys: Sequence[str]) -> list[bytes | None]: ...
    def set(self, key: str, value: bytes, timeout: int) -> None: ...
    def versions(self, keys: Sequence[str], timeout: int) -> list[bytes]: ...
    def bump(self, keys: Sequence[str], timeout: int, *, until: float = 0.0) -> bool: ...


def _new_version() -> bytes:
    # Random, not a counter: a namespace that is evicted and recreated can
    # never come back to a version that old values were stored under.
    return secrets.token_hex(8).encode("ascii")


def _mget(client: Any, keys: Sequence[str]) -> list[bytes | None]:
    # redis-py types replies as bytes or str; without decode_responses they are bytes.
    return cast("list[bytes | None]", list(client.mget(keys)))


class _Guarded:
    """Runs backend calls, turning failures into "missing" for a while, and keeps
    the namespace bumps it could not write until it can."""

    name = "cache"

    def __init__(self) -> None:
        self._down_until = 0.0
        self._lock = threading.Lock()
        #: namespace key -> (its timeout, which bump), for bumps not known to be written:
        #: an entry leaves only once a write that started after it succeeded
        self._unwritten: dict[str, tuple[int, int]] = {}
        self._bumps = 0
        self._retry: threading.Timer | None = None

    def _write_versions(self, keys: dict[str, int]) -> None:
        raise NotImplementedError

    def bump(self, keys: Sequence[str], timeout: int, *, until: float = 0.0) -> bool:
        """Give these namespaces new versions, tried until they are written or the
        ``time.monotonic()`` deadline ``until`` passes (at least once). Whether they
        were written; if not, they are written before anything is read from this
        backend again, and retried in the background."""
        with self._lock:
            for key in keys:
                self._bumps += 1
                self._unwritten[key] = (timeout, self._bumps)
        # Tried even while the backend is left alone: a purge that is not written
        # is what other processes would serve stale, and mutations are few.
        while not self._write_unwritten(always=True):
            left = until - time.monotonic()
            if left <= 0:
                return False
            time.sleep(min(HOLD_RETRY, left))
        return True

    def _write_unwritten(self, *, always: bool) -> bool:
        """Write every bump not known to be written; whether every bump made before
        this call is in the backend now (itself, or a later bump of the same key)."""
        with self._lock:
            pending = dict(self._unwritten)
        if not pending:
            return True

        def write() -> bool:
            self._write_versions({key: entry[0] for key, entry in pending.items()})
            return True

        written = self._run(write, False, always=always)
        with self._lock:
            if written:
                for key, entry in pending.items():
                    if self._unwritten.get(key) == entry:  # not bumped again meanwhile
                        del self._unwritten[key]
                return True
            if len(self._unwritten) > MAX_UNWRITTEN:
                logger.error("Mizan %s: %d invalidations could not be written and are dropped",
                             self.name, len(self._unwritten) - MAX_UNWRITTEN)
                newest = sorted(self._unwritten.items(), key=lambda item: item[1][1])
                self._unwritten = dict(newest[-MAX_UNWRITTEN:])
            if self._retry is None:
                self._retry = threading.Timer(RETRY_AFTER, self._retry_unwritten)
                self._retry.daemon = True
                self._retry.start()
        return False

    def _retry_unwritten(self) -> None:
        with self._lock:
            self._retry = None
        current: object = _backend[1] if _backend is not None else None
        if current is self:  # a store replaced by other settings serves nobody
            self._write_unwritten(always=True)  # fails again: the next try is scheduled

    def _caught_up(self) -> bool:
        """Whether the backend may be read: every bump known to this process is in it.

        A value cached before a failed bump is still there when the backend
        comes back; reading it before the bump is written would serve it again.
        That holds while another thread is writing the bump, too: until its
        write returns, the bump may not be there yet."""
        if self._unwritten:
            self._write_unwritten(always=False)
        return not self._unwritten

    def _run(self, operation: Callable[[], T], fallback: T, *, always: bool = False) -> T:
        if not always and self._down_until and time.monotonic() < self._down_until:
            return fallback
        try:
            result = operation()
        except Exception as error:  # noqa: BLE001  (any backend failure degrades to computing)
            self._down_until = time.monotonic() + RETRY_AFTER
            logger.warning("Mizan %s unavailable, computing without it: %s", self.name, error)
            return fallback
        self._down_until = 0.0
        return result


class DjangoStore(_Guarded):
    name = "Django cache"

    def __init__(self, alias: str) -> None:
        super().__init__()
        self._cache = caches[alias]

    def get_many(self, keys: Sequence[str]) -> list[bytes | None]:
        if not self._caught_up():
            return [None] * len(keys)
        found: dict[str, Any] = self._run(lambda: self._cache.get_many(keys), {})
        return [found.get(k) for k in keys]

    def set(self, key: str, value: bytes, timeout: int) -> None:
        self._run(lambda: self._cache.set(key, value, timeout), None)

    def versions(self, keys: Sequence[str], timeout: int) -> list[bytes]:
        def read() -> list[bytes]:
            found: dict[str, Any] = self._cache.get_many(keys)
            for key in keys:
                if key not in found:
                    self._cache.add(key, _new_version(), timeout)
                    found[key] = self._cache.get(key) or _new_version()
            return [found[k] for k in keys]

        if not self._caught_up():
            return [_new_version() for _ in keys]
        return self._run(read, [_new_version() for _ in keys])

    def _write_versions(self, keys: dict[str, int]) -> None:
        for timeout in set(keys.values()):
            self._cache.set_many({k: _new_version() for k, t in keys.items() if t == timeout},
                                 timeout)


class RedisStore(_Guarded):
    name = "Redis cache"

    def __init__(self, url: str) -> None:
        super().__init__()
        import redis  # the optional `redis` extra

        self._redis = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)

    def get_many(self, keys: Sequence[str]) -> list[bytes | None]:
        if not self._caught_up():
            return [None] * len(keys)
        return self._run(lambda: _mget(self._redis, keys), [None] * len(keys))

    def set(self, key: str, value: bytes, timeout: int) -> None:
        self._run(lambda: self._redis.set(key, value, ex=timeout), None)

    def versions(self, keys: Sequence[str], timeout: int) -> list[bytes]:
        def read() -> list[bytes]:
            found = _mget(self._redis, keys)
            missing = [k for k, v in zip(keys, found) if v is None]
            if missing:
                with self._redis.pipeline(transaction=False) as pipe:
                    for key in missing:
                        pipe.set(key, _new_version(), ex=timeout, nx=True)
                    pipe.mget(keys)
                    found = pipe.execute()[-1]
            return [v if v is not None else _new_version() for v in found]

        if not self._caught_up():
            return [_new_version() for _ in keys]
        return self._run(read, [_new_version() for _ in keys])

    def _write_versions(self, keys: dict[str, int]) -> None:
        with self._redis.pipeline(transaction=False) as pipe:
            for key, timeout in keys.items():
                pipe.set(key, _new_version(), ex=timeout)
            pipe.execute()


#: the store and the configuration it was built from
_backend: tuple[MizanSettings, CacheStore] | None = None


def backend() -> CacheStore:
    """The configured store, built on first use and again once the settings change
    (``config()`` is then a new object)."""
    global _backend
    cfg = config()
    if _backend is None or _backend[0] is not cfg:
        store: CacheStore = RedisStore(cfg.cache_redis_url) if cfg.cache_redis_url \
            else DjangoStore(cfg.cache_alias)
        _backend = (cfg, store)
    return _backend[1]
