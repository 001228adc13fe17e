"""Scrapy settings: polite, bounded and quiet defaults (startproject layout).

Knobs an operator tunes per machine are read from ``WIREARCHIVE_*`` environment variables, as in
city-scrapers' env-selected settings; per-run values (day, registry, archive folder, crawl id, user
agent, per-host slots) are set by ``spiders.run`` on top of these.
"""

from __future__ import annotations

import os

from wirearchive.archive import CHUNK_ROWS, DEFAULT_WARC_MAX_BYTES
from wirearchive.sources import Settings as RegistrySettings


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def _env_float(name: str, default: float) -> float:
    return float(os.environ.get(name, default))


def _env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in ("1", "true", "yes", "on")


BOT_NAME = "wirearchive"
SPIDER_MODULES = ["spiders.crawl"]
NEWSPIDER_MODULE = "spiders.crawl"

# The registry's settings.user_agent replaces this in spiders.run.
USER_AGENT = RegistrySettings().user_agent
ROBOTSTXT_OBEY = True
COOKIES_ENABLED = False  # archive what an anonymous reader gets; no session state in the WARCs
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = os.environ.get("WIREARCHIVE_LOG_LEVEL", "INFO")
# The Scrapy 2.19 default, spelled out: the crawl runs one asyncio reactor in its own process.
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"

# Concurrency: the whole process, and per host unless the source sets limits.concurrency
# (spiders.run turns each source's limits into DOWNLOAD_SLOTS entries for its hosts).
CONCURRENT_REQUESTS = _env_int("WIREARCHIVE_CONCURRENT_REQUESTS", 32)
CONCURRENT_REQUESTS_PER_DOMAIN = _env_int("WIREARCHIVE_CONCURRENT_PER_HOST", 4)
DOWNLOAD_DELAY = _env_float("WIREARCHIVE_DOWNLOAD_DELAY", 0.0)

# AutoThrottle adapts each host's delay to its latency. Start delay applies to hosts not in the
# registry (e.g. a CDN an article redirects to). Values: Scrapy's docs suggest target 1-2 for
# politeness; 2.0 keeps a nightly crawl of a few thousand pages within minutes.
AUTOTHROTTLE_ENABLED = _env_bool("WIREARCHIVE_AUTOTHROTTLE", True)
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = _env_float("WIREARCHIVE_AUTOTHROTTLE_TARGET", 2.0)

DOWNLOAD_TIMEOUT = _env_int("WIREARCHIVE_DOWNLOAD_TIMEOUT", 30)
# Global cap (robots.txt, feeds, sitemaps: 50 MB is the sitemap protocol's file limit); article and
# section requests carry their source's limits.max_bytes as download_maxsize in meta.
DOWNLOAD_MAXSIZE = 50 * 1024 * 1024
DOWNLOAD_WARNSIZE = 10 * 1024 * 1024
REDIRECT_MAX_TIMES = 5
RETRY_ENABLED = True
RETRY_TIMES = _env_int("WIREARCHIVE_RETRY_TIMES", 2)
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
# Longest Retry-After (seconds) we wait for before retrying; longer ones are not retried.
RETRY_AFTER_MAX = _env_float("WIREARCHIVE_RETRY_AFTER_MAX", 120.0)
# This many exceptions in spider callbacks means a parser bug, not a bad page: stop the crawl.
CLOSESPIDER_ERRORCOUNT = _env_int("WIREARCHIVE_CLOSESPIDER_ERRORCOUNT", 500)

DOWNLOADER_MIDDLEWARES = {
    # Before robots.txt (100): a refused host is never contacted, not even for robots.txt.
    "spiders.middlewares.ssrfguard.SsrfGuardDownloaderMiddleware": 60,
    # Scrapy's robots.txt middleware, but a robots.txt answering 5xx disallows the host (RFC 9309).
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "spiders.middlewares.robots.RobotsTxtRfcDownloaderMiddleware": 100,
    # Before RetryMiddleware (550) sees the response: wait out Retry-After first.
    "spiders.middlewares.retryafter.RetryAfterDownloaderMiddleware": 560,
    # Closest to the downloader: sees raw bodies and every attempt, before decompression (590),
    # redirects (600) and retries (550) consume them.
    "spiders.middlewares.archiver.ArchiveDownloaderMiddleware": 950,
}

# Archive knobs (the per-run WIREARCHIVE_* values are set by spiders.run).
WIREARCHIVE_WARC_MAX_BYTES = _env_int("WIREARCHIVE_WARC_MAX_BYTES", DEFAULT_WARC_MAX_BYTES)
WIREARCHIVE_CHUNK_ROWS = _env_int("WIREARCHIVE_CHUNK_ROWS", CHUNK_ROWS)  # capture rows per crash-safety part
# The crawl's "today" (UTC, YYYY-MM-DD) for the undated-link rule (spiders.discover.entries);
# empty means the real current day. Set it to replay a past day reproducibly (frozen time).
WIREARCHIVE_TODAY = os.environ.get("WIREARCHIVE_TODAY", "")
# Shared frontier (spiders.frontier): a Redis URL makes this crawl one worker among several sharing
# one request queue; the job id names the shared crawl (the same for all its workers). Empty: off.
WIREARCHIVE_FRONTIER = os.environ.get("WIREARCHIVE_FRONTIER", "")
WIREARCHIVE_FRONTIER_JOB = os.environ.get("WIREARCHIVE_FRONTIER_JOB", "")
