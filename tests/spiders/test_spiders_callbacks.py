"""NewsSpider callbacks on saved fixtures: which article requests it yields, with which meta."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse, XmlResponse
from scrapy.utils.test import get_crawler

from spiders.crawl.news import NewsSpider
from spiders.middlewares import META_KIND, META_PUBLISHED, META_SOURCE
from wirearchive.archive import write_captures

SITE = Path(__file__).resolve().parents[1] / "fixtures" / "sites" / "wire"
BASE = "http://127.0.0.1:8000"


def make_spider(
    tmp_path: Path,
    max_pages: int = 100,
    refetch: bool = False,
    today: str = "2026-11-25",
    patterns: str = "'/20\\d\\d/'",
) -> NewsSpider:
    registry = tmp_path / "sources.toml"
    registry.write_text(
        f'[[source]]\nid = "wire"\nname = "W"\nkind = "wire"\nhome = "{BASE}/"\n'
        f"article_patterns = [{patterns}]\n"
        f"[source.limits]\nmax_pages = {max_pages}\nmax_bytes = 4096\n"
    )
    settings = {
        "WIREARCHIVE_SOURCES": str(registry),
        "WIREARCHIVE_DAY": "2026-11-20",
        "WIREARCHIVE_TODAY": today,
        "WIREARCHIVE_ARCHIVE_DIR": str(tmp_path / "archive"),
        "WIREARCHIVE_REFETCH": refetch,
    }
    crawler = get_crawler(NewsSpider, settings)
    crawler.spider = NewsSpider.from_crawler(crawler)
    crawler.stats.open_spider()
    return crawler.spider


def response(cls, path: str, kind: str):
    body = (SITE / path.lstrip("/")).read_bytes().replace(b"{{base}}", BASE.encode())
    request = Request(BASE + path, meta={META_KIND: kind, META_SOURCE: "wire"})
    return cls(BASE + path, body=body, request=request)


def test_feed_yields_the_days_article_urls(tmp_path: Path) -> None:
    spider = make_spider(tmp_path)
    requests = list(spider.parse_feed(response(XmlResponse, "/feed.xml", "feed")))
    assert [r.url for r in requests] == [
        BASE + "/2026/11/20/talks-resume.html",
        BASE + "/private/2026/11/20/secret.html",
        BASE + "/2026/11/20/missing.html",
        BASE + "/2026/11/20/broken.html",
        BASE + "/2026/11/20/huge.html",
    ]


def test_article_request_meta(tmp_path: Path) -> None:
    spider = make_spider(tmp_path)
    first = next(iter(spider.parse_feed(response(XmlResponse, "/feed.xml", "feed"))))
    assert (
        first.meta[META_KIND],
        first.meta[META_SOURCE],
        first.meta[META_PUBLISHED],
        first.meta["download_maxsize"],
    ) == (
        "article",
        "wire",
        datetime(2026, 11, 20, 9, tzinfo=UTC),
        4096,
    )


def test_skips_are_counted_by_reason(tmp_path: Path) -> None:
    spider = make_spider(tmp_path)
    list(spider.parse_feed(response(XmlResponse, "/feed.xml", "feed")))
    stats = spider.crawler.stats
    assert (stats.get_value("wirearchive/skipped/off_day"), stats.get_value("wirearchive/skipped/not_article")) == (
        2,
        1,
    )


def test_sitemap_index_yields_only_child_sitemaps_of_the_day(tmp_path: Path) -> None:
    spider = make_spider(tmp_path)
    requests = list(spider.parse_sitemap(response(XmlResponse, "/sitemap_index.xml", "sitemap")))
    assert [(r.url, r.meta[META_KIND]) for r in requests] == [(BASE + "/sitemap-news.xml", "sitemap")]


def test_section_yields_dated_links_once(tmp_path: Path) -> None:
    spider = make_spider(tmp_path)
    list(spider.parse_feed(response(XmlResponse, "/feed.xml", "feed")))  # queues talks-resume
    requests = list(spider.parse_section(response(HtmlResponse, "/section/world.html", "section")))
    assert [r.url for r in requests] == [BASE + "/2026/11/20/section-story.html"]


def test_undated_section_links_are_followed_when_the_day_is_recent(tmp_path: Path) -> None:
    spider = make_spider(tmp_path, today="2026-11-21", patterns="'/20\\d\\d/', '^/world/'")
    requests = list(spider.parse_section(response(HtmlResponse, "/section/world.html", "section")))
    assert [r.url for r in requests] == [
        BASE + "/2026/11/20/section-story.html",
        BASE + "/2026/11/20/talks-resume.html",
        BASE + "/world/undated-story.html",
    ]


def test_max_pages_caps_articles_per_source(tmp_path: Path) -> None:
    spider = make_spider(tmp_path, max_pages=2)
    requests = list(spider.parse_feed(response(XmlResponse, "/feed.xml", "feed")))
    assert (len(requests), spider.crawler.stats.get_value("wirearchive/skipped/max_pages")) == (2, 3)


@pytest.mark.parametrize(("refetch", "expected"), [(False, 4), (True, 5)])
def test_archived_articles_are_skipped_unless_refetching(tmp_path: Path, refetch: bool, expected: int) -> None:
    row = {
        "capture_id": "<urn:uuid:1>",
        "crawl_id": "old",
        "source_id": "wire",
        "url": BASE + "/2026/11/20/talks-resume.html",
        "kind": "article",
        "status": 200,
        "fetched_at": datetime(2026, 11, 20, 12, tzinfo=UTC),
    }
    write_captures(tmp_path / "archive", "2026-11-20", "old", [row])
    spider = make_spider(tmp_path, refetch=refetch)
    assert len(list(spider.parse_feed(response(XmlResponse, "/feed.xml", "feed")))) == expected
