"""Safe XML parsing for feeds and sitemaps fetched from the web.

Untrusted XML is parsed with lxml with entity resolution, DTD loading and network access off and
``huge_tree`` off (lxml's own depth/size guards stay on), after a size cap on the input (gzip is
unpacked only up to the cap), so a billion-laughs or external-entity document cannot expand or
reach out. A document whose DTD declares entities is refused outright: feeds and sitemaps never
need them, and a crawl should record such a document as hostile rather than read it half-parsed.
"""

from __future__ import annotations

import gzip
import zlib
from io import BytesIO

from lxml import etree

# Sitemap protocol limit for one file (sitemaps.org: 50 MB uncompressed); feeds are far smaller.
MAX_XML_BYTES = 50 * 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b"


class DiscoveryError(ValueError):
    """A feed, sitemap or section page could not be read.

    Args:
        reason: Short code recorded as the capture's ``error``: ``too_large``, ``bad_gzip``,
            ``not_xml``, ``xml_entities``, ``not_sitemap`` or ``not_text``.
        detail: Human-readable explanation.
    """

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason


def parse_xml(body: bytes, max_bytes: int = MAX_XML_BYTES, errors: list[str] | None = None) -> etree._Element:
    """Parse an untrusted XML document safely.

    Args:
        body: Document bytes; gzip-compressed bodies (``.xml.gz`` sitemaps) are unpacked first.
        max_bytes: Refuse documents larger than this (after unpacking).
        errors: When given, receives the parser's error messages: the document is parsed in
            recover mode, so a truncated or malformed one still yields what it holds.

    Returns:
        The root element.

    Raises:
        DiscoveryError: Too large (packed or unpacked), bad gzip, no parsable root element, or
            entity declarations in the DTD.
    """
    if body[:2] == _GZIP_MAGIC:
        try:
            body = gzip.GzipFile(fileobj=BytesIO(body)).read(max_bytes + 1)
        except (OSError, EOFError, zlib.error) as exc:
            raise DiscoveryError("bad_gzip", str(exc)) from None
    if len(body) > max_bytes:
        raise DiscoveryError("too_large", f"document exceeds the {max_bytes} byte cap")
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
        raise DiscoveryError("not_xml", "no parsable root element")
    if errors is not None:
        errors.extend(f"line {e.line}: {e.message}" for e in parser.error_log if e.level >= etree.ErrorLevels.ERROR)
    dtd = root.getroottree().docinfo.internalDTD
    entities = [entity.name for entity in dtd.iterentities()] if dtd is not None else []
    if entities:
        raise DiscoveryError(
            "xml_entities", f"the DTD declares entities ({', '.join(entities[:5])}); refused unexpanded"
        )
    return root


def malformed(errors: list[str]) -> DiscoveryError:
    """The error for a document that parsed only in recover mode and yielded no entries.

    Args:
        errors: The parser's messages from :func:`parse_xml`.

    Returns:
        A ``malformed_xml`` :class:`DiscoveryError` quoting the first message.
    """
    return DiscoveryError("malformed_xml", f"no entries, {len(errors)} parse errors, first: {errors[0]}")


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
