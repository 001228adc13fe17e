"""Discovery parsers on the saved fixture site (no network): feeds, sitemaps, sections, date rule."""

from __future__ import annotations

import gzip
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse

from spiders.discover.dates import StatedDate
from spiders.discover.entries import Entry, may_hold_day, on_day, url_day
from spiders.discover.feeds import parse_feed
from spiders.discover.links import section_links
from spiders.discover.sitemaps import parse_sitemap
from spiders.discover.xmlparse import DiscoveryError, parse_xml
from wirearchive.sources import parse_sources

SITE = Path(__file__).resolve().parents[1] / "fixtures" / "sites" / "wire"
BASE = "http://127.0.0.1:8000"
DAY = date(2026, 11, 20)
TODAY = date(2026, 11, 25)


def fixture(name: str) -> bytes:
    """A fixture file with ``{{base}}`` filled in, as the mock server would send it."""
    return (SITE / name).read_bytes().replace(b"{{base}}", BASE.encode())


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def at(*parts: int) -> StatedDate:
    """A stated instant (a feed date with a time of day)."""
    moment = utc(*parts)
    return StatedDate(moment.date(), moment.date(), moment)


def test_rss_feed_urls() -> None:
    entries = parse_feed(fixture("feed.xml"), BASE + "/feed.xml")
    assert [e.url for e in entries][:3] == [
        BASE + "/2026/11/20/talks-resume.html",
        BASE + "/2026/11/19/old-story.html",
        BASE + "/2026/11/20/late-story.html",
    ]


def test_rss_feed_pubdates_in_utc() -> None:
    entries = parse_feed(fixture("feed.xml"), BASE + "/feed.xml")
    assert [e.published.hint for e in entries if e.published][:3] == [
        utc(2026, 11, 20, 9),
        utc(2026, 11, 19, 22, 30),
        utc(2026, 11, 21, 0, 15),
    ]


def test_atom_feed_takes_alternate_link_and_converts_offset() -> None:
    entries = parse_feed(fixture("atom.xml"), BASE + "/atom.xml")
    assert entries == [
        Entry(BASE + "/2026/11/20/gzipped.html", at(2026, 11, 20, 13)),
        Entry(BASE + "/2026/11/21/tz-story.html", at(2026, 11, 20, 23)),
    ]


def test_sitemap_index_children_that_may_hold_the_day() -> None:
    sitemap = parse_sitemap(fixture("sitemap_index.xml"), BASE + "/sitemap_index.xml")
    assert sitemap.is_index
    assert [c.url for c in sitemap.entries if may_hold_day(c, DAY)] == [BASE + "/sitemap-news.xml"]


def test_news_sitemap_prefers_publication_date_over_lastmod() -> None:
    sitemap = parse_sitemap(fixture("sitemap-news.xml"), BASE + "/sitemap-news.xml")
    assert [e.published.hint if e.published else None for e in sitemap.entries] == [
        utc(2026, 11, 20, 10),
        utc(2026, 11, 20, 11),
        utc(2026, 11, 20),
        utc(2026, 11, 19, 23, 59, 59),
    ]


def test_gzipped_sitemap_is_unpacked() -> None:
    sitemap = parse_sitemap(gzip.compress(fixture("sitemap-news.xml")), BASE + "/sitemap-news.xml.gz")
    assert len(sitemap.entries) == 4


def test_non_sitemap_xml_is_a_discovery_error() -> None:
    with pytest.raises(DiscoveryError, match="not a sitemap"):
        parse_sitemap(fixture("feed.xml"), BASE + "/feed.xml")


def test_section_links_keep_article_patterns_only() -> None:
    registry = parse_sources(
        f'[[source]]\nid = "wire"\nname = "W"\nkind = "wire"\nhome = "{BASE}/"\n'
        'article_patterns = ["/20\\\\d\\\\d/\\\\d\\\\d/\\\\d\\\\d/"]\n'
    )
    response = HtmlResponse(BASE + "/section/world.html", body=fixture("section/world.html"))
    assert section_links(response, registry.get("wire")) == [
        BASE + "/2026/11/20/section-story.html",
        BASE + "/2026/11/20/talks-resume.html",
        BASE + "/2026/11/17/section-old.html",
    ]


def test_section_links_without_patterns_drop_navigation() -> None:
    registry = parse_sources(f'[[source]]\nid = "wire"\nname = "W"\nkind = "wire"\nhome = "{BASE}/"\n')
    response = HtmlResponse(BASE + "/section/world.html", body=fixture("section/world.html"))
    assert BASE + "/tag/iraq" not in section_links(response, registry.get("wire"))


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (Entry(BASE + "/2026/11/19/x.html", at(2026, 11, 20, 0, 30)), True),  # the announced time wins
        (Entry(BASE + "/2026/11/20/x.html", at(2026, 11, 21, 0, 15)), False),
        (Entry(BASE + "/x.html", StatedDate(DAY, DAY)), True),  # a stated date (no time) is that day
        (Entry(BASE + "/2026/11/20/x.html", StatedDate(date(2026, 11, 1), date(2026, 11, 30))), True),
        (Entry(BASE + "/2026/10/20/x.html", StatedDate(date(2026, 10, 1), date(2026, 10, 31))), False),
        (Entry(BASE + "/2026/11/20/x.html"), True),  # no announced time: the URL's date
        (Entry(BASE + "/news/20261119-x.html"), False),
        (Entry(BASE + "/world/undated.html"), False),  # undated, partition five days old
    ],
)
def test_on_day(entry: Entry, expected: bool) -> None:
    assert on_day(entry, DAY, TODAY) is expected


def test_undated_links_count_for_yesterday_and_today() -> None:
    undated = Entry(BASE + "/world/undated.html")
    assert [on_day(undated, date(2026, 11, d), TODAY) for d in (23, 24, 25)] == [False, True, True]


def test_url_day_ignores_impossible_dates() -> None:
    assert url_day(BASE + "/2026/02/31/x-2026-11-20.html") == date(2026, 11, 20)


def test_xml_entity_declarations_are_refused_unexpanded() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY x SYSTEM "file:///etc/hostname">]>'
        b"<rss><channel><item><link>http://h/&b;&x;</link></item></channel></rss>"
    )
    with pytest.raises(DiscoveryError, match="declares entities") as refused:
        parse_xml(bomb)
    assert refused.value.reason == "xml_entities"
    assert "aaaaaaaaaa" not in str(refused.value)


def test_xml_size_cap() -> None:
    with pytest.raises(DiscoveryError, match="exceeds"):
        parse_xml(b"<urlset>" + b" " * 2048 + b"</urlset>", max_bytes=1024)
