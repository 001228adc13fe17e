"""Discovered article URLs and the rule deciding which belong to the partition day.

The rule (all dates UTC):

1. An entry whose feed or sitemap states a time belongs to that time's UTC day; one that states a
   date (no time) belongs to that date. (Dates are read by :mod:`spiders.discover.dates`.)
2. Otherwise (no date, or only a month or a year that covers the day), a URL that carries a full date (``/2026/11/24/``, ``2026-11-24``, ``20261124``)
   belongs to that day.
3. Otherwise the date is unknown. Such links (typical of section pages) are followed only when the
   partition is recent -- the crawl day or up to :data:`RECENT_DAYS` before it -- because a section
   page lists what is current, so an undated link found today is most likely today's or
   yesterday's story; for an older partition it almost certainly is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from spiders.discover.dates import StatedDate

# Undated links count for partitions this many days before the crawl day (1 = today and yesterday).
RECENT_DAYS = 1
_URL_DATE = re.compile(r"(?<!\d)(20\d\d)([/_-]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")


@dataclass(frozen=True)
class Entry:
    """A URL announced by a feed, sitemap or section page.

    Attributes:
        url: Absolute URL.
        published: Publication (or last-modified) date announced with it, at the precision the
            feed or sitemap gave; ``None`` if unknown.
    """

    url: str
    published: StatedDate | None = None


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
    stated = entry.published
    if stated is not None and stated.is_day:
        return stated.first == day
    if stated is not None and not stated.first <= day <= stated.last:
        return False
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
    return child.published is None or child.published.last >= day
