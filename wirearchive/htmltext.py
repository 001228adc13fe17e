"""Turning archived response bytes into an HTML tree: charset decoding and parsing.

Decoding order (first that decodes cleanly wins): the charset of the HTTP ``Content-Type``, then
the charset the document declares (``<meta charset>`` / ``http-equiv`` in its first bytes, or a
byte-order mark), then detection with charset-normalizer. Parsing uses trafilatura's
``load_html`` so the body extractor and the metadata reader share one lxml tree.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes
from lxml.html import HtmlElement
from trafilatura.utils import load_html

# The HTML spec's prescan reads the first 1024 bytes; pages in the wild often declare later
# (after long <head> comments), so look a little further.
_PRESCAN_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_HTTP_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_HTML_MEDIA_TYPES = ("text/html", "application/xhtml+xml", "application/xml", "text/xml")
_LOOKS_LIKE_HTML = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|meta|title|div|p|article)\b", re.I)


_TIE_BREAK = "cp1252"


class DecodeError(ValueError):
    """The bytes could not be decoded as text in any candidate charset."""


def is_html_media_type(content_type: str | None) -> bool:
    """Whether an HTTP ``Content-Type`` value may hold an HTML page.

    Args:
        content_type: Header value, e.g. ``text/html; charset=utf-8``; ``None`` when unknown.

    Returns:
        ``True`` for HTML/XHTML media types and for an unknown type.
    """
    if not content_type:
        return True
    return content_type.split(";", 1)[0].strip().lower() in _HTML_MEDIA_TYPES


def looks_like_html(text: str) -> bool:
    """Whether decoded text looks like markup rather than plain text, JSON or binary junk.

    Args:
        text: Decoded document.

    Returns:
        ``True`` when an HTML tag appears in its first 64 KiB.
    """
    return _LOOKS_LIKE_HTML.search(text[:65536]) is not None


def _codec(name: bytes | str | None) -> str | None:
    if not name:
        return None
    label = name.decode("ascii", "ignore") if isinstance(name, bytes) else name
    try:
        return codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None


def _declared_charsets(data: bytes, content_type: str | None) -> list[str]:
    found: list[str] = []
    if content_type and (m := _HTTP_CHARSET.search(content_type)):
        found.append(m.group(1))
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            found.append(name)
    if m := _META_CHARSET.search(data[:_PRESCAN_BYTES]):
        found.append(m.group(1).decode("ascii", "ignore"))
    return found


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """Decode response bytes to text.

    A declared charset that is an alias the web treats as a superset (``iso-8859-1``,
    ``ascii``) is read as ``cp1252``, as browsers do (WHATWG Encoding standard).

    Args:
        data: Response payload.
        content_type: HTTP ``Content-Type`` header value, if any.

    Returns:
        The decoded document, without a byte-order mark.

    Raises:
        DecodeError: No declared charset decodes the bytes and detection finds none.
    """
    for label in _declared_charsets(data, content_type):
        name = _codec(label)
        if name in ("latin_1", "ascii", "iso8859-1"):
            name = "cp1252"
        if name is None:
            continue
        try:
            return data.decode(name).lstrip("\ufeff")
        except UnicodeDecodeError:
            continue
    try:
        return data.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data[:200_000])
    best = matches.best()
    if best is None or best.encoding is None:
        raise DecodeError("no charset declared and detection found none")
    # Single-byte Latin code pages often read short Western text equally cleanly (same "chaos");
    # the language-coherence score that then ranks them is noise on a few accented words. Break
    # the tie towards windows-1252, the WHATWG fallback encoding for legacy web content.
    tied = {m.encoding for m in matches if m.chaos == best.chaos}
    return data.decode(_TIE_BREAK if _TIE_BREAK in tied else best.encoding, errors="replace")


def parse_html(text: str) -> HtmlElement | None:
    """Parse decoded HTML into an lxml tree (trafilatura's parser settings).

    Args:
        text: Decoded document.

    Returns:
        The root element, or ``None`` when nothing parsable remains.
    """
    return load_html(text)
