"""Sitemaps, sitemap indexes and Google News sitemaps to dated entries."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from spiders.discover.dates import parse_feed_date
from spiders.discover.entries import Entry
from spiders.discover.xmlparse import MAX_XML_BYTES, DiscoveryError, child_text, local, malformed, parse_xml


@dataclass(frozen=True)
class Sitemap:
    """A parsed sitemap file.

    Attributes:
        is_index: True for a ``<sitemapindex>`` (entries are child sitemaps).
        entries: Page URLs (or child sitemap URLs) with their dates.
    """

    is_index: bool
    entries: list[Entry]


def parse_sitemap(body: bytes, base_url: str, max_bytes: int = MAX_XML_BYTES) -> Sitemap:
    """Parse a ``<urlset>`` or ``<sitemapindex>``.

    A page's date is ``news:publication_date`` when present (news sitemaps), else ``lastmod``;
    a child sitemap's date is its ``lastmod``.

    Args:
        body: Sitemap bytes, plain or gzip-compressed.
        base_url: URL of the sitemap, to resolve relative locations.
        max_bytes: Size cap for the (unpacked) document.

    Returns:
        The sitemap kind and its entries.

    Raises:
        DiscoveryError: Not a sitemap, too large, not XML, or so malformed that it yields no
            entry.
    """
    errors: list[str] = []
    root = parse_xml(body, max_bytes, errors)
    kind = local(root)
    if kind not in ("urlset", "sitemapindex"):
        raise DiscoveryError("not_sitemap", f"root element <{kind}> is not a sitemap")
    wanted = "sitemap" if kind == "sitemapindex" else "url"
    entries = []
    for node in root:
        if local(node) != wanted:
            continue
        loc = child_text(node, "loc")
        if not loc:
            continue
        published = None
        for child in node:
            if local(child) == "news":
                published = parse_feed_date(child_text(child, "publication_date"))
        if published is None:
            published = parse_feed_date(child_text(node, "lastmod"))
        entries.append(Entry(urljoin(base_url, loc), published))
    if errors and not entries:
        raise malformed(errors)
    return Sitemap(is_index=kind == "sitemapindex", entries=entries)
