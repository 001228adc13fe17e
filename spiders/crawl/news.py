"""The one spider: discovers a partition day's articles of every enabled source and fetches them.

Discovery reads each source's feeds, sitemaps (indexes, news sitemaps) and section pages, keeps
URLs matching the source's article patterns that belong to the partition day
(:mod:`spiders.discover.entries` has the date rule), skips URLs already archived as articles
(unless refetching) and caps each source at ``limits.max_pages`` articles. Archiving happens in
``ArchiveDownloaderMiddleware``; the spider itself yields only requests.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Self

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from spiders.discover.entries import Entry, may_hold_day, on_day
from spiders.discover.feeds import parse_feed
from spiders.discover.links import section_links
from spiders.discover.sitemaps import parse_sitemap
from spiders.discover.xmlparse import MAX_XML_BYTES, DiscoveryError
from spiders.middlewares import (
    META_CAPTURE,
    META_KIND,
    META_PUBLISHED,
    META_SOURCE,
    STATS,
    discovery_parsed,
    error_reason,
)
from wirearchive.archive import captured_article_urls
from wirearchive.sources import Registry, Source, load_sources

logger = logging.getLogger(__name__)


class NewsSpider(Spider):
    """Crawls all enabled sources of the registry for one partition day.

    Reads the settings ``WIREARCHIVE_SOURCES``, ``WIREARCHIVE_DAY``, ``WIREARCHIVE_TODAY``
    (defaults to the current UTC day), ``WIREARCHIVE_ARCHIVE_DIR`` and ``WIREARCHIVE_REFETCH``.
    """

    name = "news"

    registry: Registry
    day: date
    today: date
    already_captured: set[str]
    _queued: dict[str, Request]
    _per_source: Counter[str]

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        """Build the spider and load the registry and the incremental state."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.registry = load_sources(settings["WIREARCHIVE_SOURCES"])
        spider.day = date.fromisoformat(settings["WIREARCHIVE_DAY"])
        today = settings.get("WIREARCHIVE_TODAY") or datetime.now(UTC).date().isoformat()
        spider.today = date.fromisoformat(today)
        archive = Path(settings["WIREARCHIVE_ARCHIVE_DIR"])
        spider.already_captured = set() if settings.getbool("WIREARCHIVE_REFETCH") else captured_article_urls(archive)
        spider._queued = {}
        spider._per_source = Counter()
        return spider

    async def start(self) -> AsyncIterator[Request]:
        """Feeds, sitemaps and section pages of every enabled source."""
        for source in self.registry.sources:
            for url in source.feeds:
                yield self._request(source, str(url), "feed", self.parse_feed)
            for url in source.sitemaps:
                yield self._request(source, str(url), "sitemap", self.parse_sitemap)
            for url in source.sections:
                yield self._request(source, str(url), "section", self.parse_section)

    def parse_feed(self, response: Response) -> Iterator[Request]:
        """Article requests for the day's feed items."""
        source = self._source(response)
        try:
            entries = parse_feed(response.body, response.url, MAX_XML_BYTES)
        except DiscoveryError as exc:
            self._discovery_error(response, exc)
            return
        self._discovered(response)
        yield from self._articles(source, entries)

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        """Child sitemaps that may hold the day, or article requests for the day's pages."""
        source = self._source(response)
        try:
            sitemap = parse_sitemap(response.body, response.url, MAX_XML_BYTES)
        except DiscoveryError as exc:
            self._discovery_error(response, exc)
            return
        self._discovered(response)
        if not sitemap.is_index:
            yield from self._articles(source, sitemap.entries)
            return
        for child in sitemap.entries:
            if may_hold_day(child, self.day):
                yield self._request(source, child.url, "sitemap", self.parse_sitemap)

    def parse_section(self, response: Response) -> Iterator[Request]:
        """Article requests for the article links of a section page (dates unknown)."""
        if not isinstance(response, TextResponse):
            self._discovery_error(response, DiscoveryError("not_text", "section page is not text"))
            return
        self._discovered(response)
        source = self._source(response)
        yield from self._articles(source, (Entry(url) for url in section_links(response, source)))

    def parse_article(self, response: Response) -> None:
        """Nothing to do: the page is archived by the downloader middleware, extracted later."""

    def _articles(self, source: Source, entries: Iterable[Entry]) -> Iterator[Request]:
        for entry in entries:
            queued = self._queued.get(entry.url)
            if queued is not None:
                # Found undated first (a section link), dated now (feed, sitemap): the date reaches
                # the capture row unless the page was already fetched. Discovery order is a race.
                if entry.published is not None and entry.published.hint is not None:
                    queued.meta.setdefault(META_PUBLISHED, entry.published.hint)
                continue
            skip: str | None
            if not source.is_article_url(entry.url):
                skip = "not_article"
            elif not on_day(entry, self.day, self.today):
                skip = "off_day"
            elif entry.url in self.already_captured:
                skip = "already_captured"
            elif (skip := self._claim(source, entry.url)) is None:
                self._queued[entry.url] = self._request(
                    source, entry.url, "article", self.parse_article, entry.published.hint if entry.published else None
                )
                yield self._queued[entry.url]
                continue
            self.crawler.stats.inc_value(f"{STATS}/skipped/{skip}")

    def _claim(self, source: Source, url: str) -> str | None:
        """Take one of the source's ``max_pages`` for ``url`` (spiders.frontier shares them).

        Returns:
            ``None`` when taken, else the skip reason ``"max_pages"``.
        """
        if self._per_source[source.id] >= source.limits.max_pages:
            return "max_pages"
        self._per_source[source.id] += 1
        return None

    def _request(
        self,
        source: Source,
        url: str,
        kind: str,
        callback: Callable[[Response], Any],
        published: datetime | None = None,
    ) -> Request:
        meta: dict[str, Any] = {META_KIND: kind, META_SOURCE: source.id}
        if kind in ("article", "section"):
            meta["download_maxsize"] = source.limits.max_bytes
            meta["download_warnsize"] = source.limits.max_bytes // 2
        if published is not None:
            meta[META_PUBLISHED] = published
        if source.limits.delay:
            meta["autothrottle_dont_adjust_delay"] = True  # keep the source's fixed minimum delay
        return Request(url, callback=callback, errback=self.request_failed, meta=meta)

    def _source(self, response: Response) -> Source:
        return self.registry.get(response.meta[META_SOURCE])

    def request_failed(self, failure: Failure) -> None:
        """Errback of every request: one log line, no traceback (the archiver has the row).

        A feed, sitemap or section page refused after it was received and archived
        (HttpCompressionMiddleware's size cap on the decompressed body) gets that reason on its
        capture row; failures without a response are recorded by the archiver already, and
        HTTP error statuses are their own capture rows.
        """
        request = failure.request  # type: ignore[attr-defined]  # Scrapy sets it on the Failure of an errback
        capture_id = request.meta.get(META_CAPTURE)
        kind = request.meta[META_KIND]
        if capture_id:
            self.crawler.stats.inc_value(f"{STATS}/discovery_error/{kind}")
            self.crawler.signals.send_catch_log(
                discovery_parsed,
                capture_id=capture_id,
                error=error_reason(failure.value),  # type: ignore[arg-type]  # a Failure always holds its exception
            )
        level = logging.INFO if failure.check(HttpError) else logging.WARNING  # a status is no surprise
        logger.log(
            level,
            "cannot fetch %s %s: %s: %s",
            kind,
            request.url,
            type(failure.value).__name__,
            failure.getErrorMessage(),
        )

    def _discovered(self, response: Response) -> None:
        self.crawler.signals.send_catch_log(discovery_parsed, capture_id=response.meta.get(META_CAPTURE), error=None)

    def _discovery_error(self, response: Response, exc: DiscoveryError) -> None:
        kind = response.meta[META_KIND]
        self.crawler.stats.inc_value(f"{STATS}/discovery_error/{kind}")
        self.crawler.signals.send_catch_log(
            discovery_parsed, capture_id=response.meta.get(META_CAPTURE), error=exc.reason
        )
        logger.warning("cannot read %s %s: %s", kind, response.url, exc)
