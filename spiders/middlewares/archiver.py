"""The archiver: every exchange to WARC, every attempt (answered or not) to the capture index.

It sits closest to the downloader (``settings.DOWNLOADER_MIDDLEWARES``) so that it sees every
response exactly as received -- robots.txt, redirects, errors that are then retried -- before
HttpCompressionMiddleware decodes the body or RedirectMiddleware/RetryMiddleware consume it.
"""

from __future__ import annotations

import asyncio
import logging
import re
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn
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
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import error as tx_error
from w3lib.url import safe_url_string

from spiders.compat import is_robots_refusal, is_size_cap_refusal
from spiders.items import Capture
from spiders.middlewares.ssrfguard import SsrfBlocked
from wirearchive.archive import CrawlArchive, HttpExchange, StoredRecord
from wirearchive.datadir import describe_os_error
from wirearchive.faults import killpoint

logger = logging.getLogger(__name__)

META_KIND = "wa_kind"
META_SOURCE = "wa_source"
META_PUBLISHED = "wa_published"
# Set by the archiver on a discovery response: the capture id of its row, held until parsed.
META_CAPTURE = "wa_capture"
STATS = "wirearchive"
# Kinds whose capture row waits for the spider's verdict (see discovery_parsed).
DISCOVERY_KINDS = frozenset({"feed", "sitemap", "section"})
# Signal the spider sends once it has read (or failed to read) a discovery document, with
# ``capture_id`` (``META_CAPTURE``) and ``error`` (a reason code, or None when it was usable).
discovery_parsed = object()


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
        self._crawler = crawler
        self._write_error: OSError | None = None
        self._hosts: dict[str, str] = dict(settings.getdict("WIREARCHIVE_HOST_SOURCES"))
        self._archive = CrawlArchive(
            self._root,
            self._day,
            self._crawl_id,
            warc_max_bytes=settings.getint("WIREARCHIVE_WARC_MAX_BYTES"),
            chunk_rows=settings.getint("WIREARCHIVE_CHUNK_ROWS"),
            warcinfo={"software": "wirearchive (Scrapy, warcio)", "http-header-user-agent": settings["USER_AGENT"]},
        )
        crawler.signals.connect(self._request_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(self._discovery_parsed, signal=discovery_parsed)
        crawler.signals.connect(self._spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchiveDownloaderMiddleware:
        """Standard Scrapy constructor."""
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        """Archive the exchange and record its capture row; the response passes on unchanged."""
        fetched_at = datetime.now(UTC)
        try:
            stored = self._write(
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
        except OSError as exc:
            self._stop(exc)
        location = response.headers.get(b"Location")
        redirect_to = None
        if 300 <= response.status < 400 and location:
            redirect_to = urljoin(request.url, safe_url_string(location.decode("latin-1")))
        content_type = response.headers.get(b"Content-Type")
        hold = request.meta.get(META_KIND) in DISCOVERY_KINDS and 200 <= response.status < 300
        if hold:
            request.meta[META_CAPTURE] = stored.record_id
        self._record(
            request,
            fetched_at,
            hold=hold,
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
        killpoint("crawl.response")
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        """Record an attempt that got no HTTP response; other middlewares then handle it."""
        reason = error_reason(exception)
        self._record(request, datetime.now(UTC), capture_id=f"<urn:uuid:{uuid.uuid4()}>", status=None, error=reason)

    def _write(self, exchange: HttpExchange) -> StoredRecord:
        if self._write_error is not None:
            raise self._write_error
        return self._archive.warc.write(exchange)

    def _describe(self, exc: OSError) -> str:
        if exc.filename is None:  # a failed write names no file: name the archive folder
            exc = OSError(exc.errno, exc.strerror, str(self._root))
        return describe_os_error(exc)

    def _stop(self, exc: OSError) -> NoReturn:
        """The archive cannot be written (disk full, read-only): stop the crawl, drop the request.

        Without its archive a crawl is worthless, and every further response would fail the same
        way. The crawl ends with finish reason ``archive_error`` and the error in the stats.
        """
        if self._write_error is None:
            self._write_error = exc
            self._stats.set_value(f"{STATS}/archive_error", self._describe(exc))
            logger.error("cannot write the archive, stopping the crawl: %s", exc)
            deferred_from_coro(self._crawler.engine.close_spider_async(reason="archive_error"))
        raise IgnoreRequest(f"archive not writable: {exc}") from None

    def _record(self, request: Request, fetched_at: datetime, hold: bool = False, **fields) -> None:
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
        try:
            if hold:  # a discovery document: its row waits for the spider's parse outcome
                self._archive.hold(vars(capture))
            else:
                self._archive.add(vars(capture))
        except OSError as exc:  # a flushed part file could not be written
            self._stop(exc)
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

    def _discovery_parsed(self, capture_id: str | None, error: str | None) -> None:
        if capture_id:
            self._archive.release(capture_id, error)
            if error:
                self._stats.inc_value(f"{STATS}/error/{error}")

    def _spider_closed(self) -> None:
        try:
            index = self._archive.close()
        except OSError as exc:
            # Left as a crash leaves it: the next crawl of the day recovers what was written.
            self._stats.set_value(f"{STATS}/archive_error", self._describe(exc))
            logger.error("cannot finish the archive: %s", exc)
            return
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
        ``size_cap`` (the only cancellation in this project is the size cap; also a body that
        decompresses past it), ``data_loss``,
        ``connection_failed``, ``ignored`` or the snake-cased exception class name.
    """
    if isinstance(exception, SsrfBlocked):
        return "ssrf_blocked"
    if isinstance(exception, IgnoreRequest):
        if is_robots_refusal(exception):
            return "robots_disallowed"
        # HttpCompressionMiddleware's refusal of a body that decompresses past its size cap.
        return "size_cap" if is_size_cap_refusal(exception) else "ignored"
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
    return [(name.decode("latin-1"), value.decode("latin-1")) for name, values in headers.items() for value in values]
