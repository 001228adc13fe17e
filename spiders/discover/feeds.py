"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds to dated entries."""

from __future__ import annotations

from urllib.parse import urljoin

from lxml import etree

from spiders.discover.dates import parse_feed_date
from spiders.discover.entries import Entry
from spiders.discover.xmlparse import MAX_XML_BYTES, child_text, local, malformed, parse_xml

# Date elements in order of preference: RSS pubDate, Atom published, Dublin Core date, Atom updated.
_DATE_TAGS = ("pubdate", "published", "date", "issued", "updated", "modified")


def parse_feed(body: bytes, base_url: str, max_bytes: int = MAX_XML_BYTES) -> list[Entry]:
    """Entries of an RSS or Atom feed.

    Args:
        body: Feed document bytes.
        base_url: URL of the feed, to resolve relative links.
        max_bytes: Size cap for the document.

    Returns:
        One entry per item that has a link, in document order.

    Raises:
        DiscoveryError: The document is too large, not XML, or so malformed that it yields no
            entry.
    """
    errors: list[str] = []
    root = parse_xml(body, max_bytes, errors)
    entries = []
    for item in root.iter():
        if local(item) not in ("item", "entry"):
            continue
        link = _link(item)
        if not link:
            continue
        published = None
        for tag in _DATE_TAGS:
            published = parse_feed_date(child_text(item, tag))
            if published is not None:
                break
        entries.append(Entry(urljoin(base_url, link), published))
    if errors and not entries:
        raise malformed(errors)
    return entries


def _link(item: etree._Element) -> str | None:
    for child in item:
        if local(child) != "link":
            continue
        href = child.get("href")
        if href is not None:  # Atom: <link rel="alternate" href="..."/>
            if child.get("rel", "alternate") == "alternate":
                return href.strip()
        elif child.text and child.text.strip():  # RSS: <link>url</link>
            return child.text.strip()
    guid = item.find("guid")
    if guid is not None and guid.get("isPermaLink", "true") == "true" and guid.text:
        return guid.text.strip()
    return None
