"""Discovered article URLs and the rule deciding which belong to the partition day.

The rule (all dates UTC):

1. An entry with a publication time from its feed or sitemap belongs to that time's day.
2. Otherwise, a URL that carries a full date (``/2026/11/24/``, ``2026-11-24``, ``20261124``)
   belongs to that day.
3. Otherwise the date is unknown. Such links (typical of section pages) are followed only when the
   partition is recent -- the crawl day or up to :data:`RECENT_DAYS` before it -- because a section
   page lists what is current, so an undated link found today is most likely today's or
   yesterday's story; for an older partition it almost certainly is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

# Undated links count for partitions this many days before the crawl day (1 = today and yesterday).
RECENT_DAYS = 1
_URL_DATE = re.compile(r"(?<!\d)(20\d\d)([/_-]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")


@dataclass(frozen=True)
class Entry:
    """A URL announced by a feed, sitemap or section page.

    Attributes:
        url: Absolute URL.
        published: Publication (or last-modified) time announced with it, UTC; ``None`` if unknown.
    """

    url: str
    published: datetime | None = None


def parse_datetime(text: str | None) -> datetime | None:
    """Parse an RFC 822 (RSS) or ISO 8601 / W3C (Atom, sitemaps) date to aware UTC.

    Args:
        text: The date text; naive values are taken as UTC, a bare date as its midnight.

    Returns:
        The UTC datetime, or ``None`` when missing or unparsable.
    """
    if not text or not text.strip():
        return None
    text = text.strip()
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        try:
            value = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def url_day(url: str) -> date | None:
    """The full calendar date written in a URL, if any.

    Args:
        url: Absolute URL.

    Returns:
        The first valid ``YYYY[/-_]MM[/-_]DD`` date found, else ``None``.
    """
    for match in _URL_DATE.finditer(url):
        try:
            return date(int(match.group(1)), int(match.group(3)), int(match.group(4)))
        except ValueError:
            continue
    return None


def on_day(entry: Entry, day: date, today: date) -> bool:
    """Whether a discovered entry belongs to the partition day (rule in the module docstring).

    Args:
        entry: The discovered URL and its announced time.
        day: The partition day.
        today: The crawl's current UTC day.

    Returns:
        True when the entry should be fetched for ``day``.
    """
    if entry.published is not None:
        return entry.published.date() == day
    written = url_day(entry.url)
    if written is not None:
        return written == day
    return today - timedelta(days=RECENT_DAYS) <= day <= today


def may_hold_day(child: Entry, day: date) -> bool:
    """Whether a child sitemap listed in a sitemap index can hold pages of the partition day.

    A child whose URL carries a date must match the day; otherwise one last modified before the
    day cannot list the day's pages; one without ``lastmod`` is always read.

    Args:
        child: A ``<sitemap>`` entry of an index (``published`` holds its ``lastmod``).
        day: The partition day.

    Returns:
        True when the child sitemap should be fetched.
    """
    written = url_day(child.url)
    if written is not None:
        return written == day
    return child.published is None or child.published.date() >= day
