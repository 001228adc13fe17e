"""Feed and sitemap dates at their stated precision: a table of the forms real feeds use."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from spiders.discover.dates import StatedDate, parse_feed_date
from spiders.discover.entries import Entry, may_hold_day, on_day
from spiders.discover.feeds import parse_feed
from spiders.discover.sitemaps import parse_sitemap


def at(*parts: int) -> StatedDate:
    moment = datetime(*parts, tzinfo=UTC)
    return StatedDate(moment.date(), moment.date(), moment)


def day(y: int, m: int, d: int) -> StatedDate:
    return StatedDate(date(y, m, d), date(y, m, d))


INSTANTS = [
    # RFC 822 / 2822 (RSS pubDate)
    ("Tue, 06 Oct 2020 00:30:00 GMT", at(2020, 10, 6, 0, 30)),
    ("Tue, 06 Oct 2020 00:30:00 +0000", at(2020, 10, 6, 0, 30)),
    ("Tue, 06 Oct 2020 00:30:00 -0400", at(2020, 10, 6, 4, 30)),
    ("Tue, 06 Oct 2020 00:30:00 +02:00", at(2020, 10, 5, 22, 30)),  # colon offset
    ("Tue, 06 Oct 2020 00:30:00 CEST", at(2020, 10, 5, 22, 30)),  # zone names beyond RFC 822
    ("Tue, 06 Jan 2020 00:30:00 CET", at(2020, 1, 5, 23, 30)),
    ("Tue, 06 Oct 2020 00:30:00 BST", at(2020, 10, 5, 23, 30)),
    ("Tue, 06 Oct 2020 00:30:00 IST", at(2020, 10, 5, 19, 0)),  # India Standard Time
    ("Tue, 06 Oct 2020 09:30:00 JST", at(2020, 10, 6, 0, 30)),
    ("Tue, 06 Oct 2020 10:30:00 AEST", at(2020, 10, 6, 0, 30)),
    ("Tue, 06 Oct 2020 00:30:00 EDT", at(2020, 10, 6, 4, 30)),
    ("Tue, 06 Jan 2020 00:30:00 EST", at(2020, 1, 6, 5, 30)),
    ("Tue, 06 Oct 2020 00:30:00 ET", at(2020, 10, 6, 4, 30)),  # generic zone: summer time in October
    ("Mon, 06 Jan 2020 00:30:00 ET", at(2020, 1, 6, 5, 30)),  # ... and standard time in January
    ("Tue, 06 Oct 2020 00:30:00 PT", at(2020, 10, 6, 7, 30)),
    ("Tue, 6 Oct 2020 0:30:00 GMT", at(2020, 10, 6, 0, 30)),  # single digits
    ("Tue, 06 Oct 2020 00:30 GMT", at(2020, 10, 6, 0, 30)),  # no seconds
    ("06 Oct 2020 00:30:00 GMT", at(2020, 10, 6, 0, 30)),  # no weekday
    ("Tue, 06 Oct 20 00:30:00 GMT", at(2020, 10, 6, 0, 30)),  # two-digit year
    ("Tue,  06  Oct  2020  00:30:00  GMT", at(2020, 10, 6, 0, 30)),  # runs of spaces
    ("Tue, 06 Oct 2020 00:30:00", at(2020, 10, 6, 0, 30)),  # no zone: taken as UTC
    ("Sun Jan  4 16:29:06 PST 2004", at(2004, 1, 5, 0, 29, 6)),  # asctime with a zone
    # W3C-DTF / ISO 8601 (Atom, sitemaps)
    ("2003-12-31T10:14:55Z", at(2003, 12, 31, 10, 14, 55)),
    ("2003-12-31T10:14:55-08:00", at(2003, 12, 31, 18, 14, 55)),
    ("2003-12-31T10:14:55+0100", at(2003, 12, 31, 9, 14, 55)),
    ("2003-12-31T10:14Z", at(2003, 12, 31, 10, 14)),
    ("2003-12-31 10:14:55", at(2003, 12, 31, 10, 14, 55)),
    ("20031231T101455Z", at(2003, 12, 31, 10, 14, 55)),  # ISO basic format
    ("  2003-12-31T10:14:55Z\n", at(2003, 12, 31, 10, 14, 55)),
    # written months in the languages of wire copy
    ("6 octobre 2020 10:00", at(2020, 10, 6, 10)),
    ("6. Oktober 2020 10:00", at(2020, 10, 6, 10)),
]

DATES = [
    ("Thu, 01 Jan 2004", day(2004, 1, 1)),  # RFC 822 without a time: the date itself
    ("2003-12-31", day(2003, 12, 31)),
    ("20031231", day(2003, 12, 31)),
    ("December 31, 2003", day(2003, 12, 31)),
    ("2003-12", StatedDate(date(2003, 12, 1), date(2003, 12, 31))),  # W3C year-month
    ("2004-02", StatedDate(date(2004, 2, 1), date(2004, 2, 29))),
    ("2003", StatedDate(date(2003, 1, 1), date(2003, 12, 31))),  # W3C year
]

REJECTED = [
    "",
    "   ",
    "yesterday",
    "2 hours ago",
    "garbage",
    "2013-01-27-01",  # not a time: junk after a date
    "2003-13",
    "2003-12-32",
    "2004-02-30",
    "Sun, 31 Feb 2004 10:00:00 GMT",
    "Tue, 06 Oct 2020 24:30:00 GMT",
    "2003-12-31T25:00Z",
    "1970-01-01T00:00:00Z",  # the Unix epoch is a placeholder
    "1234567890",
]


@pytest.mark.parametrize(("text", "expected"), INSTANTS + DATES)
def test_stated_forms(text: str, expected: StatedDate) -> None:
    assert parse_feed_date(text) == expected


@pytest.mark.parametrize("text", REJECTED)
def test_rejected_forms(text: str) -> None:
    assert parse_feed_date(text) is None


def test_a_date_without_time_is_no_instant() -> None:
    stated = parse_feed_date("Thu, 01 Jan 2004")
    assert stated is not None and stated.at is None
    assert stated.hint == datetime(2004, 1, 1, tzinfo=UTC)
    month = parse_feed_date("2003-12")
    assert month is not None and month.hint is None and not month.is_day


def test_feed_item_with_a_zone_name_lands_on_its_utc_day() -> None:
    feed = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
    <item><link>http://127.0.0.1:8000/a.html</link><pubDate>Tue, 06 Oct 2020 00:30:00 CEST</pubDate></item>
    <item><link>http://127.0.0.1:8000/b.html</link><pubDate>Tue, 06 Oct 2020</pubDate></item>
    </channel></rss>"""
    a, b = parse_feed(feed, "http://127.0.0.1:8000/feed.xml")
    today = date(2026, 12, 3)
    assert on_day(a, date(2020, 10, 5), today) and not on_day(a, date(2020, 10, 6), today)
    assert on_day(b, date(2020, 10, 6), today) and not on_day(b, date(2020, 10, 5), today)


def test_sitemap_index_child_with_a_month_lastmod() -> None:
    index = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>http://127.0.0.1:8000/s1.xml</loc><lastmod>2026-10</lastmod></sitemap>
    </sitemapindex>"""
    (child,) = parse_sitemap(index, "http://127.0.0.1:8000/sitemap.xml").entries
    assert may_hold_day(child, date(2026, 10, 31))
    assert not may_hold_day(child, date(2026, 11, 1))


def test_an_entry_stated_for_a_month_needs_its_url_date_inside_it() -> None:
    october = StatedDate(date(2026, 10, 1), date(2026, 10, 31))
    today = date(2026, 12, 3)
    assert on_day(Entry("http://h/2026/10/20/x.html", october), date(2026, 10, 20), today)
    assert not on_day(Entry("http://h/2026/10/20/x.html", october), date(2026, 10, 21), today)
    assert not on_day(Entry("http://h/x.html", october), date(2026, 12, 3), today)
