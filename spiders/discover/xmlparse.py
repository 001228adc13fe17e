"""Safe XML parsing for feeds and sitemaps fetched from the web.

Untrusted XML is parsed with lxml with entity resolution, DTD loading and network access off and
``huge_tree`` off (lxml's own depth/size guards stay on), after a size cap on the input, so a
billion-laughs or external-entity document cannot expand or reach out.
"""

from __future__ import annotations

from lxml import etree
from scrapy.utils.gz import gunzip

# Sitemap protocol limit for one file (sitemaps.org: 50 MB uncompressed); feeds are far smaller.
MAX_XML_BYTES = 50 * 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b"


class DiscoveryError(ValueError):
    """A feed or sitemap could not be parsed (too large, not XML, not gunzippable)."""


def parse_xml(body: bytes, max_bytes: int = MAX_XML_BYTES) -> etree._Element:
    """Parse an untrusted XML document safely.

    Args:
        body: Document bytes; gzip-compressed bodies (``.xml.gz`` sitemaps) are unpacked first.
        max_bytes: Refuse documents larger than this (after unpacking).

    Returns:
        The root element.

    Raises:
        DiscoveryError: Too large, or no parsable root element.
    """
    if body[:2] == _GZIP_MAGIC:
        try:
            body = gunzip(body, max_size=max_bytes)
        except (OSError, ValueError, EOFError) as exc:
            raise DiscoveryError(f"bad gzip: {exc}") from None
    if len(body) > max_bytes:
        raise DiscoveryError(f"document of {len(body)} bytes exceeds the {max_bytes} byte cap")
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        recover=True,
        remove_comments=True,
        remove_pis=True,
    )
    root = etree.fromstring(body.lstrip(), parser=parser) if body.strip() else None
    if root is None:
        raise DiscoveryError("not an XML document")
    return root


def local(element: etree._Element) -> str:
    """Tag name of an element without its namespace (``""`` for comments and the like)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def child_text(element: etree._Element, *names: str) -> str | None:
    """Stripped text of the first direct child whose local name is one of ``names``."""
    for child in element:
        if local(child) in names and child.text and child.text.strip():
            return child.text.strip()
    return None
