"""Shared crawl frontier: several crawl processes of one day share one request queue in Redis.

Switched on by ``WIREARCHIVE_FRONTIER=redis://host:port/db`` plus ``WIREARCHIVE_FRONTIER_JOB``
(an id shared by the workers of one crawl, e.g. the Dagster run id; a rerun takes a new one).
Every worker runs ``python -m spiders.run`` as usual, with its own crawl id, so each writes its own
WARC files and capture index into the same archive partition. What the workers share in Redis,
under ``wirearchive:<job>:``:

* the request queue and the seen-request set: scrapy-redis's ``Scheduler`` and ``RFPDupeFilter``
  (a request, hence a URL, is fetched by one worker only);
* the per-source article claims (:class:`SharedNewsSpider`), so ``limits.max_pages`` caps the
  crawl, not each worker;
* robots.txt (:mod:`spiders.sharedrobots`) and per-host politeness (:mod:`spiders.hostgate`);
* the workers' busy/idle states, so a worker that runs out of work waits while another may still
  discover some, and all stop together (:class:`FrontierIdleExtension`).

Redis holds pickled requests (scrapy-redis's default serializer): it must be a private server of
the crawl cluster, never one shared with untrusted clients. Keys expire ``KEY_TTL_S`` after a
worker last touched them; nothing else cleans up.
"""

from __future__ import annotations

import logging
import os
import socket
from typing import Any, Self

import redis
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.settings import Settings
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

from spiders.compat import decode_request, wake_engine
from spiders.crawl.news import NewsSpider
from wirearchive.ids import SAFE_ID
from wirearchive.sources import Source

logger = logging.getLogger(__name__)

# Keys of a finished crawl are kept this long for inspection, then Redis drops them.
KEY_TTL_S = 2 * 24 * 3600
# How often an idle worker looks for new work while another worker is busy. 0.2 s: new requests
# are picked up well within a page's fetch time, for one ZCARD per poll.
IDLE_POLL_S = 0.2
# A worker that popped nothing for this long while marked busy is taken for dead, so a crashed
# worker cannot keep the others waiting forever. Taking a live one for dead is harmless: the
# others stop, and it drains the queue alone. 10 min: far above a page's download timeout (30 s)
# times its attempts (3).
BUSY_STALE_S = 600
_JOB = SAFE_ID  # the job name is part of Redis keys

# Pop the best request and mark this worker busy in one step: a request is never out of the
# queue while its worker looks idle (see FrontierIdleExtension).
_POP = """
local r = redis.call('ZRANGE', KEYS[1], 0, 0)
if #r == 0 then return false end
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, 0)
redis.call('HSET', KEYS[2], ARGV[1], 'busy:' .. redis.call('TIME')[1])
return r[1]
"""
# Mark this worker idle; 1 when the queue is empty and no worker is busy (the crawl is over).
# A worker busy since its last pop more than ARGV[3] s ago counts as dead (see BUSY_STALE_S).
_IDLE = """
redis.call('HSET', KEYS[2], ARGV[1], 'idle')
redis.call('EXPIRE', KEYS[2], ARGV[2])
if redis.call('ZCARD', KEYS[1]) > 0 then return 0 end
local now = tonumber(redis.call('TIME')[1])
for _, state in ipairs(redis.call('HVALS', KEYS[2])) do
  local since = string.match(state, '^busy:(%d+)$')
  if since and now - tonumber(since) < tonumber(ARGV[3]) then return 0 end
end
return 1
"""
# Claim an article URL for its source: 0 claimed, 1 claimed before (by any worker), 2 source full.
_CLAIM = """
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 1 end
if tonumber(redis.call('HGET', KEYS[2], ARGV[2]) or '0') >= tonumber(ARGV[3]) then return 2 end
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('EXPIRE', KEYS[2], ARGV[4])
return 0
"""


def key_prefix(job: str) -> str:
    """Prefix of every Redis key of one shared crawl.

    Args:
        job: The crawl's job id (``WIREARCHIVE_FRONTIER_JOB``).

    Returns:
        ``wirearchive:<job>``.
    """
    return f"wirearchive:{job}"


def enabled(settings: Settings) -> bool:
    """Whether the crawl uses a shared frontier (``WIREARCHIVE_FRONTIER`` is set)."""
    return bool(settings.get("WIREARCHIVE_FRONTIER"))


def connect(settings: Settings) -> redis.Redis:
    """A client of the frontier's Redis (``WIREARCHIVE_FRONTIER`` URL)."""
    return redis.Redis.from_url(settings["WIREARCHIVE_FRONTIER"], socket_timeout=30, socket_connect_timeout=10)


def worker_settings(settings: Settings, crawl_id: str) -> dict[str, Any]:
    """Scrapy settings that turn one crawl process into a worker of the shared frontier.

    The registry's per-host limits (``DOWNLOAD_SLOTS``) move from the process's download slots
    to :mod:`spiders.hostgate`, which enforces them across workers; AutoThrottle, which adapts one
    process's delay, is off.

    Args:
        settings: The crawl's settings so far (with ``WIREARCHIVE_FRONTIER``,
            ``WIREARCHIVE_FRONTIER_JOB`` and ``DOWNLOAD_SLOTS``).
        crawl_id: This worker's crawl id (names its files; also its worker id in Redis).

    Returns:
        Settings to apply on top, at command-line priority.

    Raises:
        ValueError: The job id is missing or malformed.
    """
    job = settings.get("WIREARCHIVE_FRONTIER_JOB") or ""
    if not _JOB.match(job):
        raise ValueError(
            f"WIREARCHIVE_FRONTIER_JOB must match {_JOB.pattern} when WIREARCHIVE_FRONTIER is set, got {job!r}"
        )
    prefix = key_prefix(job)
    slots = settings.getdict("DOWNLOAD_SLOTS")
    middlewares = dict(settings.getdict("DOWNLOADER_MIDDLEWARES"))
    middlewares.update(
        {
            "spiders.middlewares.robots.RobotsTxtRfcDownloaderMiddleware": None,
            "spiders.sharedrobots.SharedRobotsTxtDownloaderMiddleware": 100,
            # Last before the download handler: a lease is held only while a request is on the wire.
            "spiders.hostgate.HostGateDownloaderMiddleware": 990,
        }
    )
    return {
        "SCHEDULER": "spiders.frontier.FrontierScheduler",
        "SCHEDULER_QUEUE_CLASS": "spiders.frontier.FrontierQueue",
        "SCHEDULER_QUEUE_KEY": f"{prefix}:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:seen",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        # Never flush on close: the other workers still use the queue and the seen set.
        "SCHEDULER_PERSIST": True,
        "REDIS_URL": settings["WIREARCHIVE_FRONTIER"],
        "EXTENSIONS": {**settings.getdict("EXTENSIONS"), "spiders.frontier.FrontierIdleExtension": 0},
        "DOWNLOADER_MIDDLEWARES": middlewares,
        "WIREARCHIVE_FRONTIER_PREFIX": prefix,
        "WIREARCHIVE_FRONTIER_WORKER": f"{socket.gethostname()}:{os.getpid()}:{crawl_id}",
        "WIREARCHIVE_HOST_LIMITS": {host: dict(slot) for host, slot in slots.items()},
        "DOWNLOAD_SLOTS": {host: {"concurrency": slot["concurrency"], "delay": 0.0} for host, slot in slots.items()},
        "DOWNLOAD_DELAY": 0.0,
        "DOWNLOAD_DELAY_JITTER": 0.0,
        "AUTOTHROTTLE_ENABLED": False,
    }


class FrontierQueue(PriorityQueue):
    """scrapy-redis's priority queue whose pop also marks the popping worker busy (atomically)."""

    def __init__(self, server: redis.Redis, spider: Any, key: str, serializer: Any = None) -> None:
        super().__init__(server, spider, key, serializer)
        self._worker = spider.settings["WIREARCHIVE_FRONTIER_WORKER"]
        self._workers_key = f"{spider.settings['WIREARCHIVE_FRONTIER_PREFIX']}:workers"
        self._pop = server.register_script(_POP)

    def pop(self, timeout: int = 0) -> Any:
        """The highest-priority request, or ``None`` when the queue is empty (never blocks)."""
        data = self._pop(keys=[self.key, self._workers_key], args=[self._worker])
        return decode_request(self, data) if data else None


class FrontierScheduler(Scheduler):
    """scrapy-redis's scheduler, for Scrapy 2.19: shared keys kept alive ``KEY_TTL_S`` after each
    enqueue, and stats counted without the ``spider`` argument Scrapy 2.19 deprecates."""

    def enqueue_request(self, request: Any) -> bool:
        """Push the request unless any worker has seen it before."""
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        self.queue.push(request)
        self.server.pipeline(transaction=False).expire(self.queue.key, KEY_TTL_S).expire(
            self.df.key, KEY_TTL_S
        ).execute()
        self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Any:
        """The next shared request, or ``None`` (never blocks)."""
        request = self.queue.pop()
        if request is not None:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request


class FrontierIdleExtension:
    """Keeps an idle worker open while the shared crawl may still produce work; ends it after.

    A worker is idle when its own engine is (nothing queued, downloading or being parsed). It then
    records itself idle in Redis; the crawl is over when the queue is empty and every worker is
    idle. Until then it polls every ``IDLE_POLL_S`` and wakes its engine when requests appear.

    Args:
        crawler: The running crawler.
    """

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self._crawler = crawler
        self._redis = connect(settings)
        self._worker = settings["WIREARCHIVE_FRONTIER_WORKER"]
        self._queue_key = settings["SCHEDULER_QUEUE_KEY"]
        self._workers_key = f"{settings['WIREARCHIVE_FRONTIER_PREFIX']}:workers"
        self._idle = self._redis.register_script(_IDLE)
        self._polling = False
        from twisted.internet import reactor  # the running one (importing it earlier would install one)

        self._reactor = reactor
        crawler.signals.connect(self._spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self._spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(self._spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FrontierIdleExtension:
        """Standard Scrapy constructor; not configured without a frontier."""
        if not enabled(crawler.settings):
            raise NotConfigured("no shared frontier")
        return cls(crawler)

    def _spider_opened(self) -> None:
        # Busy from the start: this worker's start requests are on their way into the queue.
        self._redis.hset(self._workers_key, self._worker, f"busy:{self._redis.time()[0]}")
        self._redis.expire(self._workers_key, KEY_TTL_S)

    def _spider_idle(self) -> None:
        if self._crawl_over():
            logger.info("shared frontier: queue empty and every worker idle, closing")
            return
        if not self._polling:
            self._polling = True
            self._reactor.callLater(IDLE_POLL_S, self._poll)  # type: ignore[arg-type]  # zope.interface method, no self: mypy (no mypy-zope) binds delay as self
        raise DontCloseSpider("other workers may still add requests")

    def _crawl_over(self) -> bool:
        return bool(self._idle(keys=[self._queue_key, self._workers_key], args=[self._worker, KEY_TTL_S, BUSY_STALE_S]))

    def _poll(self) -> None:
        engine = self._crawler.engine
        if engine is None or engine.spider is None or not engine.running:
            self._polling = False
            return
        if self._redis.zcard(self._queue_key):
            self._wake(engine)
        elif not engine.spider_is_idle():
            self._polling = False  # busy again (its heartbeat found work): spider_idle restarts polling
        elif self._crawl_over():
            self._wake(engine)  # the engine goes idle again, and spider_idle lets it close
        else:
            self._reactor.callLater(IDLE_POLL_S, self._poll)  # type: ignore[arg-type]  # zope.interface method, no self: mypy (no mypy-zope) binds delay as self

    def _wake(self, engine: Any) -> None:
        self._polling = False
        # Scrapy 2.19 re-checks the scheduler only on its 5 s heartbeat once the engine is idle;
        # this schedules that check now (the engine's own "next call" hook, private in 2.19).
        wake_engine(engine)

    def _spider_closed(self) -> None:
        self._redis.hset(self._workers_key, self._worker, "done")


class SharedNewsSpider(NewsSpider):
    """The news spider whose article claims (dedupe + ``max_pages``) are shared through Redis."""

    _claims: Any
    _prefix: str

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        """Build the spider and its Redis claim script."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider._claims = connect(crawler.settings).register_script(_CLAIM)
        spider._prefix = crawler.settings["WIREARCHIVE_FRONTIER_PREFIX"]
        return spider

    def _claim(self, source: Source, url: str) -> str | None:
        outcome = self._claims(
            keys=[f"{self._prefix}:claimed", f"{self._prefix}:per_source"],
            args=[url, source.id, source.limits.max_pages, KEY_TTL_S],
        )
        # 1: claimed by another worker before; the request is yielded and the shared seen set drops it.
        return "max_pages" if outcome == 2 else None
