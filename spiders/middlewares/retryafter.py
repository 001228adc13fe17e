"""Retry-After: waiting out a 429/503's announced delay before Scrapy retries the request."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response


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
        delay = retry_after_seconds(response.headers.get(b"Retry-After"), datetime.now(UTC))
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
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())
