"""Per-host politeness shared by the workers of a shared frontier (see :mod:`spiders.frontier`).

Scrapy enforces a host's concurrency and delay inside one process (its download slots); several
workers would each take the full allowance. This middleware makes every request lease a place at
its host in Redis before it goes on the wire: at most ``concurrency`` leases per host at a time,
and lease starts at least ``delay`` seconds apart, across all workers. Times come from the Redis
server's clock, so workers on different machines agree. A lease expires after
``DOWNLOAD_TIMEOUT`` plus a margin, so a worker that dies holding one cannot block a host.

Limits per host come from ``WIREARCHIVE_HOST_LIMITS`` (the registry's, as built by
``spiders.run``); other hosts get ``CONCURRENT_REQUESTS_PER_DOMAIN`` and the registry default
delay of 0 s.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.utils.httpobj import urlparse_cached

from spiders.frontier import connect, enabled

META_LEASE = "wa_host_lease"
# Wait between attempts while a host has all its leases out. 50 ms: a tenth of a typical page
# fetch, and at most 20 Redis calls a second per waiting request.
FULL_POLL_S = 0.05
# A lease outlives the download timeout by this much before Redis reclaims it.
LEASE_MARGIN_S = 30

# KEYS: leases zset, next-start key. ARGV: concurrency, delay ms, token, lease ttl ms.
# Returns 0 when leased, else milliseconds to wait (-1: host full, poll).
_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local next_start = tonumber(redis.call('GET', KEYS[2]) or '0')
if next_start > now then return next_start - now end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return -1 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
if tonumber(ARGV[2]) > 0 then redis.call('SET', KEYS[2], now + tonumber(ARGV[2]), 'PX', ARGV[2]) end
return 0
"""


class HostGateDownloaderMiddleware:
    """Leases a place at the request's host in Redis before the download; returns it after.

    Args:
        crawler: The running crawler (settings ``WIREARCHIVE_FRONTIER_PREFIX``,
            ``WIREARCHIVE_HOST_LIMITS``, ``CONCURRENT_REQUESTS_PER_DOMAIN``, ``DOWNLOAD_TIMEOUT``).
    """

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self._redis = connect(settings)
        self._prefix = f"{settings['WIREARCHIVE_FRONTIER_PREFIX']}:host"
        self._limits: dict[str, dict[str, Any]] = settings.getdict("WIREARCHIVE_HOST_LIMITS")
        self._default = {"concurrency": settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN"), "delay": 0.0}
        self._lease_ms = (settings.getint("DOWNLOAD_TIMEOUT") + LEASE_MARGIN_S) * 1000
        self._acquire = self._redis.register_script(_ACQUIRE)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HostGateDownloaderMiddleware:
        """Standard Scrapy constructor; not configured without a shared frontier."""
        if not enabled(crawler.settings):
            raise NotConfigured("no shared frontier")
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        """Wait until the host has a free place and its delay has passed, then take the place."""
        host = urlparse_cached(request).hostname or ""
        limits = self._limits.get(host, self._default)
        token = uuid.uuid4().hex
        keys = [f"{self._prefix}:{host}:leases", f"{self._prefix}:{host}:next"]
        args: list[int | str] = [int(limits["concurrency"]), int(float(limits["delay"]) * 1000), token, self._lease_ms]
        while (wait_ms := int(self._acquire(keys=keys, args=args))) != 0:
            await asyncio.sleep(wait_ms / 1000 if wait_ms > 0 else FULL_POLL_S)
        request.meta[META_LEASE] = (keys[0], token)

    def process_response(self, request: Request, response: Response) -> Response:
        """Return the lease; the response passes on unchanged."""
        self._release(request)
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        """Return the lease of a download that failed; other middlewares handle the failure."""
        self._release(request)

    def _release(self, request: Request) -> None:
        lease = request.meta.pop(META_LEASE, None)
        if lease is not None:
            self._redis.zrem(*lease)
