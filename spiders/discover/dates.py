"""Dates as feeds and sitemaps state them: RFC 822 (RSS), W3C / ISO 8601 (Atom, sitemaps), and the
looser forms real feeds use, at the precision they were given.

Well-formed values take a fast path (``datetime.fromisoformat`` for ISO 8601, ``email.utils`` for
RFC 822 with a numeric offset or one of RFC 822's own zone names), because a news sitemap can list
50,000 of them. Everything else goes to dateparser (a kept library: it knows the zone names of the
world -- CEST, BST, JST, AEST... -- written months in many languages, and tells which parts of a
date were stated), restricted to absolute dates so that "yesterday" or "2 hours ago" are not
guessed against the crawl's clock.

Rules:

* A value with a time of day and a zone is an instant, converted to UTC. A time without a zone is
  taken as UTC (RSS and W3C require one; the sites that omit it mostly mean UTC or GMT).
* A date without a time stays a calendar date (``Thu, 01 Jan 2004`` is January 1 whatever the
  crawler's or the site's zone), and a month or a year stays that period (``2003-12``).
* Impossible values (February 31, hour 24, ``2013-01-27-01``) and values before
  :data:`EARLIEST_YEAR` are rejected: a wrong date files a page on the wrong day, which is worse
  than no date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_tz
from functools import lru_cache
from zoneinfo import ZoneInfo

# The first web feeds (RSS 0.90) date from 1999 and the web itself from 1991: a feed date before
# this is a placeholder such as the Unix epoch, not a publication date.
EARLIEST_YEAR = 1991

# RFC 822 section 5.1 zone names, the only names email.utils reads; it reads any other name as UTC,
# so values with other names go to dateparser.
_RFC822_ZONES = frozenset({"UT", "UTC", "GMT", "Z", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT"})
_RFC822_OFFSET = re.compile(r"[+-]\d{4}$")

# Abbreviations whose meaning dateparser gets wrong for news feeds. IST: Indian outlets' feeds
# (the IST that news feeds carry) mean India Standard Time, +05:30; dateparser reads Israel's.
# ET/CT/MT/PT: US outlets' generic zones mean the local time, summer or winter (dateparser fixes
# them at the standard-time offset, an hour off from March to November).
_FIXED_ZONES = {"IST": "+0530"}
_GENERIC_ZONES = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}
_TRAILING_ZONE = re.compile(r"\s+([A-Z]{2,4})$")

# W3C-DTF's reduced precisions (https://www.w3.org/TR/NOTE-datetime): YYYY and YYYY-MM.
_W3C_YEAR_MONTH = re.compile(r"(\d{4})(?:-(\d{2}))?")
# ISO 8601 in its extended and basic formats; datetime.fromisoformat then checks the values.
# (fromisoformat alone also takes any character between date and time: "2013-01-27-01".)
_ISO = re.compile(
    r"\d{4}-?\d{2}-?\d{2}"
    r"(?:[Tt ]\d{2}(?::?\d{2}(?::?\d{2}(?:[.,]\d+)?)?)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?)?"
)
_ISO_DATE_ONLY = re.compile(r"\d{4}-?\d{2}-?\d{2}")
# A value made only of digits and ISO punctuation is ISO 8601 or nothing: it never goes to the
# looser parsers (dateparser reads "2003-13" as the 13th of the current month).
_ISO_SHAPE = re.compile(r"\d{4}[\d\-:Tt .,Zz+]*")


@dataclass(frozen=True)
class StatedDate:
    """What a feed or sitemap says about when an entry was published or changed.

    Attributes:
        first: The first calendar day the statement covers (UTC day of ``at`` when a time was
            given).
        last: The last calendar day it covers: ``first`` for a time or a date, the month's or
            year's last day for ``2003-12`` or ``2003``.
        at: The instant in UTC when a time of day was given, else ``None``.
    """

    first: date
    last: date
    at: datetime | None = None

    @property
    def is_day(self) -> bool:
        """Whether the statement names one calendar day (a time, or a date)."""
        return self.first == self.last

    @property
    def hint(self) -> datetime | None:
        """The value for a capture's ``published_hint``: the instant, else a stated day's 00:00 UTC
        (the column is a timestamp; a month or a year gives none)."""
        if self.at is not None:
            return self.at
        if self.is_day:
            return datetime(self.first.year, self.first.month, self.first.day, tzinfo=UTC)
        return None


def parse_feed_date(text: str | None) -> StatedDate | None:
    """Parse a feed or sitemap date at the precision it states (rules in the module docstring).

    Args:
        text: The element's text, e.g. ``Tue, 06 Oct 2020 00:30:00 CEST``, ``2003-12-31T10:14:55Z``,
            ``Thu, 01 Jan 2004``, ``2003-12``.

    Returns:
        The stated date, or ``None`` when missing, impossible, relative or unreadable.
    """
    if not text or not text.strip():
        return None
    text = " ".join(text.split())
    if _ISO_SHAPE.fullmatch(text):
        stated = _iso(text)
    else:
        stated = _rfc822(text) or _loose(text)
    if stated is None or stated.first.year < EARLIEST_YEAR:
        return None
    return stated


def _instant(value: datetime) -> StatedDate:
    at = (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)
    return StatedDate(at.date(), at.date(), at)


def _day(value: date) -> StatedDate:
    return StatedDate(value, value)


def _iso(text: str) -> StatedDate | None:
    """ISO 8601 / W3C-DTF, including the year and year-month precisions."""
    period = _W3C_YEAR_MONTH.fullmatch(text)
    if period:
        year, month = int(period.group(1)), period.group(2)
        if month is None:
            return StatedDate(date(year, 1, 1), date(year, 12, 31))
        if not 1 <= int(month) <= 12:
            return None
        last = calendar.monthrange(year, int(month))[1]
        return StatedDate(date(year, int(month), 1), date(year, int(month), last))
    if not _ISO.fullmatch(text):
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    if _ISO_DATE_ONLY.fullmatch(text):
        return _day(value.date())
    return _instant(value)


def _rfc822(text: str) -> StatedDate | None:
    """RFC 822 / 2822 with a numeric offset or an RFC 822 zone name (what email.utils reads right)."""
    zone = text.rsplit(" ", 1)[-1]
    if not (_RFC822_OFFSET.fullmatch(zone) or zone.upper() in _RFC822_ZONES):
        return None
    parts = parsedate_tz(text)
    if parts is None:
        return None
    try:
        local = datetime(*parts[:6])
    except ValueError:  # February 31, hour 24
        return None
    return _instant(local.replace(tzinfo=UTC) - timedelta(seconds=parts[9] or 0))


def _loose(text: str) -> StatedDate | None:
    """Everything else, through dateparser: zone names, written months, date-only RFC 822."""
    zone = _TRAILING_ZONE.search(text)
    generic = None
    if zone and zone.group(1) in _FIXED_ZONES:
        text = text[: zone.start()] + " " + _FIXED_ZONES[zone.group(1)]
    elif zone and zone.group(1) in _GENERIC_ZONES:
        generic = ZoneInfo(_GENERIC_ZONES[zone.group(1)])
        text = text[: zone.start()]
    data = _parser().get_date_data(text)
    value, period = data.date_obj, data.period
    if value is None:
        return None
    if period == "time":
        if generic is not None:
            return _instant(value.replace(tzinfo=None).replace(tzinfo=generic))
        return _instant(value)
    if period == "day":
        return _day(value.date())
    if period == "month":
        last = calendar.monthrange(value.year, value.month)[1]
        return StatedDate(date(value.year, value.month, 1), date(value.year, value.month, last))
    if period == "year":
        return StatedDate(date(value.year, 1, 1), date(value.year, 12, 31))
    return None


@lru_cache(maxsize=1)
def _parser():  # dateparser ships no type information: its parser is Any
    """One dateparser instance (building it loads its language data, ~0.1 s)."""
    from dateparser.date import DateDataParser

    return DateDataParser(
        settings={
            "PARSERS": ["absolute-time"],  # no "yesterday", no "2 hours ago", no bare timestamps
            "RETURN_TIME_AS_PERIOD": True,  # tells a stated time from a date at midnight
            "RETURN_AS_TIMEZONE_AWARE": True,
            "TIMEZONE": "UTC",  # a time without a zone is UTC
            "TO_TIMEZONE": "UTC",
            "STRICT_PARSING": False,  # year-month values are periods, checked above
        }
    )
