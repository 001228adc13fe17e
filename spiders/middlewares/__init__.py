"""Downloader middlewares, one module each: SSRF guard, RFC 9309 robots.txt, Retry-After, archiver.

Order (see ``settings.DOWNLOADER_MIDDLEWARES``): the SSRF guard runs first (before robots.txt is
even fetched for a host); the archiver sits closest to the downloader so that it sees every
response exactly as received -- robots.txt, redirects, errors that are then retried -- before
HttpCompressionMiddleware decodes the body or RedirectMiddleware/RetryMiddleware consume it.
"""

from __future__ import annotations

from spiders.middlewares.archiver import (
    DISCOVERY_KINDS,
    META_CAPTURE,
    META_KIND,
    META_PUBLISHED,
    META_SOURCE,
    STATS,
    ArchiveDownloaderMiddleware,
    discovery_parsed,
    error_reason,
)
from spiders.middlewares.retryafter import RetryAfterDownloaderMiddleware, retry_after_seconds
from spiders.middlewares.robots import DISALLOW_ALL, RobotsTxtRfcDownloaderMiddleware
from spiders.middlewares.ssrfguard import SsrfBlocked, SsrfGuardDownloaderMiddleware

__all__ = [
    "DISALLOW_ALL",
    "DISCOVERY_KINDS",
    "META_CAPTURE",
    "META_KIND",
    "META_PUBLISHED",
    "META_SOURCE",
    "STATS",
    "ArchiveDownloaderMiddleware",
    "RetryAfterDownloaderMiddleware",
    "RobotsTxtRfcDownloaderMiddleware",
    "SsrfBlocked",
    "SsrfGuardDownloaderMiddleware",
    "discovery_parsed",
    "error_reason",
    "retry_after_seconds",
]
