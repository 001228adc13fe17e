"""Downloader middlewares: SSRF guard, Retry-After, and the WARC + capture index archiver.

Order (see ``settings.DOWNLOADER_MIDDLEWARES``): the SSRF guard runs first (before robots.txt is
even fetched for a host); the archiver sits closest to the downloader so that it sees every
response exactly as received -- robots.txt, redirects, errors that are then retried -- before
HttpCompressionMiddleware decodes the body or RedirectMiddleware/RetryMiddleware consume it.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import re
import uuid
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    NotConfigured,
    ResponseDataLossError,
)
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import error as tx_error
from w3lib.url import safe_url_string

from spiders.items import Capture
from spiders.ssrf import AllowList, refusal
from wirearchive.archive import CrawlArchive, HttpExchange

logger = logging.getLogger(__name__)

META_KIND = "wa_kind"
META_SOURCE = "wa_source"
META_PUBLISHED = "wa_published"
STATS = "wirearchive"


class SsrfBlocked(IgnoreRequest):
    """The request's host is (or resolves to) a non-public address that is not allow-listed."""


class SsrfGuardDownloaderMiddleware:
    """Refuses requests to private, loopback, link-local, multicast and reserved addresses.

    Host names are resolved through the reactor's resolver, Scrapy's caching resolver, which is
    also what the connection uses: the checked answer is the one connected to for the rest of the
    crawl (no re-resolution window for DNS rebinding). Redirect targets are new requests and pass
    through here again.

    Args:
        allow: Hosts/CIDRs re-admitted by the registry's ``settings.allow_hosts``.
        reactor: The running Twisted reactor (for ``resolve``).
    """

    def __init__(self, allow: AllowList, reactor) -> None:
        self._allow = allow
        self._reactor = reactor

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SsrfGuardDownloaderMiddleware:
        """Build from the ``WIREARCHIVE_ALLOW_HOSTS`` setting."""
        from twisted.internet import reactor

        return cls(AllowList.parse(crawler.settings.getlist("WIREARCHIVE_ALLOW_HOSTS")), reactor)

    async def process_request(self, request: Request) -> None:
        """Raise :class:`SsrfBlocked` when the request's address is refused."""
        host = urlparse_cached(request).hostname or ""
        try:
            ip = str(ipaddress.ip_address(host))
        except ValueError:
            try:
                ip = await maybe_deferred_to_future(self._reactor.resolve(host))
            except tx_error.DNSLookupError:
                return  # the download itself fails and is recorded as "dns"
        reason = refusal(host, ip, self._allow)
        if reason is not None:
            raise SsrfBlocked(reason)


class RetryAfterDownloaderMiddleware:
    """Honours ``Retry-After`` on 429/503 before RetryMiddleware retries the request.

    The host's download slot is slowed to the announced delay and the retry waits that long. A
    delay above ``RETRY_AFTER_MAX`` is not waited for: the request is not retried and its response
    stays recorded.

    Args:
        crawler: The running crawler.
    """

    def __init__(self, crawler: Crawler) -> None:
        self._crawler = crawler
        self._max = crawler.settings.getfloat("RETRY_AFTER_MAX")
        self._codes = {429, 503}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterDownloaderMiddleware:
        """Standard Scrapy constructor."""
        return cls(crawler)

    async def process_response(self, request: Request, response: Response) -> Response:
        """Wait for the announced delay (or disable the retry), then pass the response on."""
        if response.status not in self._codes:
            return response
        delay = retry_after_seconds(response.headers.get(b"Retry-After"), datetime.now(timezone.utc))
        if delay is None:
            return response
        if delay > self._max:
            request.meta["dont_retry"] = True
            return response
        downloader = self._crawler.engine.downloader
        slot = downloader.slots.get(downloader.get_slot_key(request))
        if slot is not None:
            slot.delay = max(slot.delay, delay)
        await asyncio.sleep(delay)
        return response


def retry_after_seconds(value: bytes | None, now: datetime) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date).

    Args:
        value: Raw header value.
        now: Current time, UTC.

    Returns:
        The non-negative delay, or ``None`` when absent or unparsable.
    """
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - now).total_seconds())


class ArchiveDownloaderMiddleware:
    """Writes every exchange to WARC and every attempt to the capture index.

    Settings: ``WIREARCHIVE_ARCHIVE_DIR``, ``WIREARCHIVE_DAY``, ``WIREARCHIVE_CRAWL_ID``,
    ``WIREARCHIVE_WARC_MAX_BYTES``, ``WIREARCHIVE_HOST_SOURCES`` (host -> source id, used for
    robots.txt requests, which carry no meta). The files are written through
    :class:`wirearchive.archive.CrawlArchive` (WARC format, index chunks, crash recovery).

    Args:
        crawler: The running crawler.
    """

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        if not settings.get("WIREARCHIVE_ARCHIVE_DIR"):
            raise NotConfigured("WIREARCHIVE_ARCHIVE_DIR is not set")
        self._root = Path(settings["WIREARCHIVE_ARCHIVE_DIR"])
        self._day = settings["WIREARCHIVE_DAY"]
        self._crawl_id = settings["WIREARCHIVE_CRAWL_ID"]
        self._stats = crawler.stats
        self._hosts: dict[str, str] = dict(settings.getdict("WIREARCHIVE_HOST_SOURCES"))
        self._archive = CrawlArchive(
            self._root,
            self._day,
            self._crawl_id,
            warc_max_bytes=settings.getint("WIREARCHIVE_WARC_MAX_BYTES"),
            warcinfo={"software": "wirearchive (Scrapy, warcio)", "http-header-user-agent": settings["USER_AGENT"]},
        )
        crawler.signals.connect(self._request_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(self._spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchiveDownloaderMiddleware:
        """Standard Scrapy constructor."""
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        """Archive the exchange and record its capture row; the response passes on unchanged."""
        fetched_at = datetime.now(timezone.utc)
        stored = self._archive.warc.write(
            HttpExchange(
                url=request.url,
                method=request.method,
                request_headers=_header_pairs(request.headers),
                request_body=request.body,
                status=response.status,
                protocol=response.protocol or "HTTP/1.1",
                response_headers=_header_pairs(response.headers),
                body=response.body,
                fetched_at=fetched_at,
            )
        )
        location = response.headers.get(b"Location")
        redirect_to = None
        if 300 <= response.status < 400 and location:
            redirect_to = urljoin(request.url, safe_url_string(location.decode("latin-1")))
        content_type = response.headers.get(b"Content-Type")
        self._record(
            request,
            fetched_at,
            capture_id=stored.record_id,
            status=response.status,
            content_type=content_type.decode("latin-1") if content_type else None,
            content_length=len(response.body),
            payload_digest=stored.payload_digest,
            warc_file=stored.warc_file,
            warc_offset=stored.offset,
            warc_length=stored.length,
            redirect_to=redirect_to,
        )
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        """Record an attempt that got no HTTP response; other middlewares then handle it."""
        reason = error_reason(exception)
        self._record(request, datetime.now(timezone.utc), capture_id=f"<urn:uuid:{uuid.uuid4()}>", status=None, error=reason)

    def _record(self, request: Request, fetched_at: datetime, **fields) -> None:
        parts = urlparse_cached(request)
        kind = request.meta.get(META_KIND, "robots")
        source = request.meta.get(META_SOURCE) or self._hosts.get(parts.netloc, "unknown")
        capture = Capture(
            crawl_id=self._crawl_id,
            source_id=source,
            url=request.url,
            kind=kind,
            fetched_at=fetched_at,
            published_hint=request.meta.get(META_PUBLISHED),
            **fields,
        )
        self._archive.add(vars(capture))
        self._stats.inc_value(f"{STATS}/captures")
        self._stats.inc_value(f"{STATS}/kind/{kind}")
        if capture.status is None:
            self._stats.inc_value(f"{STATS}/error/{capture.error}")
        else:
            self._stats.inc_value(f"{STATS}/source/{source}")
            self._stats.inc_value(f"{STATS}/status/{capture.status}")

    def _request_scheduled(self, request: Request) -> None:
        source = request.meta.get(META_SOURCE)
        if source:
            self._hosts.setdefault(urlparse_cached(request).netloc, source)

    def _spider_closed(self) -> None:
        index = self._archive.close()
        warc = self._archive.warc
        self._stats.set_value(f"{STATS}/bytes_archived", warc.bytes_written)
        self._stats.set_value(f"{STATS}/warc_files", list(warc.closed_files))
        self._stats.set_value(f"{STATS}/capture_index", str(index.relative_to(self._root)))
        logger.info("archived %d WARC files, capture index %s", len(warc.closed_files), index)


def error_reason(exception: Exception) -> str:
    """Short reason code for a request that got no HTTP response.

    Args:
        exception: What the download raised.

    Returns:
        ``ssrf_blocked``, ``robots_disallowed``, ``timeout``, ``dns``, ``connection_refused``,
        ``size_cap`` (the only cancellation in this project is the size cap), ``data_loss``,
        ``connection_failed``, ``ignored`` or the snake-cased exception class name.
    """
    if isinstance(exception, SsrfBlocked):
        return "ssrf_blocked"
    if isinstance(exception, IgnoreRequest):
        return "robots_disallowed" if "robots.txt" in str(exception) else "ignored"
    known = (
        ((DownloadTimeoutError, tx_error.TimeoutError, asyncio.TimeoutError), "timeout"),
        ((CannotResolveHostError, tx_error.DNSLookupError), "dns"),
        ((DownloadConnectionRefusedError, tx_error.ConnectionRefusedError), "connection_refused"),
        ((DownloadCancelledError,), "size_cap"),
        ((ResponseDataLossError,), "data_loss"),
        ((DownloadFailedError, tx_error.ConnectionLost, tx_error.ConnectError), "connection_failed"),
    )
    for types, reason in known:
        if isinstance(exception, types):
            return reason
    return re.sub(r"(?<!^)(?=[A-Z])", "_", type(exception).__name__).lower()


def _header_pairs(headers) -> list[tuple[str, str]]:
    return [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in headers.items()
        for value in values
    ]
