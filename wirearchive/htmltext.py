"""Turning archived response bytes into an HTML tree: charset decoding and parsing.

Decoding follows the WHATWG encoding sniffing order: a byte-order mark decides; else the charset
of the HTTP ``Content-Type``; else the charset the document declares (``<meta charset>`` /
``http-equiv`` in its first 4 KiB); labels are resolved as browsers do (``iso-8859-1`` and
``ascii`` read as windows-1252, ``gb2312`` as gb18030), via :mod:`w3lib.encoding`. A declared
charset is kept when it decodes the bytes with at most a few errors (:data:`MAX_ERROR_SHARE`;
a single-byte code page always), which become replacement characters; a multi-byte one that does
not (a page that lies about its charset) is passed over for the next, then strict UTF-8, then detection with charset-normalizer. Parsing
uses trafilatura's ``load_html`` so the body extractor and the metadata reader share one tree.
"""

from __future__ import annotations

import codecs
import importlib
import re
from functools import lru_cache

from charset_normalizer import from_bytes
from lxml.html import HtmlElement
from trafilatura.utils import load_html
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom

_HTML_MEDIA_TYPES = ("text/html", "application/xhtml+xml", "application/xml", "text/xml")
_LOOKS_LIKE_HTML = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|meta|title|div|p|article)\b", re.I)
# A declared charset is kept while undecodable sequences are at most this share of the non-ASCII
# characters read: one stray byte in a page of UTF-8 text stays UTF-8 (issue #18, bug 1), while
# windows-1252 text declared as UTF-8 fails on nearly every accented letter and is passed over.
# Chosen by reasoning, not tuned on a set: a mislabelled page scores near 100% (almost no high
# byte forms a valid sequence by chance), a damaged UTF-8 page far lower even when it is mostly
# ASCII (one bad byte beside ten curly quotes is 1/11); a quarter leaves room on both sides.
MAX_ERROR_SHARE = 0.25
# A <meta> that declares UTF-16 in a document without a BOM is read as UTF-8 (the bytes could
# not hold ASCII markup otherwise; WHATWG "prescan", step "if charset is UTF-16, set it to UTF-8").
_META_UTF16 = ("utf-16", "utf-16-le", "utf-16-be", "utf_16", "utf_16_le", "utf_16_be")
_DETECT_BYTES = 200_000
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


def declared_charsets(data: bytes, content_type: str | None) -> list[str]:
    """The charsets the response declares, in WHATWG order, as Python codec names.

    Args:
        data: Response payload.
        content_type: HTTP ``Content-Type`` header value, if any.

    Returns:
        The HTTP header's charset, then the document's ``<meta>`` charset; unknown labels are
        left out, a repeated one is listed once.
    """
    found = [http_content_type_encoding(content_type) if content_type else None]
    meta = html_body_declared_encoding(data)
    found.append("utf-8" if meta in _META_UTF16 else meta)
    return list(dict.fromkeys(name for name in found if name))


def decode_tolerant(data: bytes, codec: str) -> str | None:
    """Decode with one charset, accepting a few undecodable sequences as U+FFFD.

    Args:
        data: Bytes to decode.
        codec: Python codec name.

    Returns:
        The text, or ``None`` when the codec is unknown, or is a multi-byte one (UTF-8, Shift_JIS,
        GBK …) and undecodable sequences exceed :data:`MAX_ERROR_SHARE` of the non-ASCII
        characters. A single-byte code page is always kept (its few unmapped bytes, such as
        0x81 in windows-1252, become U+FFFD).
    """
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        pass
    except LookupError:
        return None
    text = data.decode(codec, errors="replace")
    if _single_byte(codec):
        return text  # every byte is a character in WHATWG's tables: a few unmapped ones are no lie
    errors = text.count("\ufffd")
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return text if errors <= MAX_ERROR_SHARE * non_ascii else None


@lru_cache(maxsize=64)
def _single_byte(codec: str) -> bool:
    """Whether a codec is a single-byte code page (Python's charmap codecs carry a decoding table)."""
    try:
        module = importlib.import_module(f"encodings.{codecs.lookup(codec).name.replace('-', '_')}")
    except (ImportError, LookupError):
        return False
    return hasattr(module, "decoding_table")


def _detect(data: bytes) -> str:
    matches = from_bytes(data[:_DETECT_BYTES])
    best = matches.best()
    if best is None or best.encoding is None:
        raise DecodeError("no charset declared and detection found none")
    # Single-byte Latin code pages often read short Western text equally cleanly (same "chaos");
    # the language-coherence score that then ranks them is noise on a few accented words. Break
    # the tie towards windows-1252, the WHATWG fallback encoding for legacy web content.
    tied = {m.encoding for m in matches if m.chaos == best.chaos}
    return data.decode(_TIE_BREAK if _TIE_BREAK in tied else best.encoding, errors="replace")


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """Decode response bytes to text, in the order of the module docstring.

    Args:
        data: Response payload.
        content_type: HTTP ``Content-Type`` header value, if any.

    Returns:
        The decoded document, without a byte-order mark.

    Raises:
        DecodeError: No declared charset decodes the bytes and detection finds none.
    """
    bom_codec, bom = read_bom(data)
    if bom_codec and bom:
        return data[len(bom) :].decode(bom_codec, errors="replace")
    for codec in declared_charsets(data, content_type):
        if (text := decode_tolerant(data, codec)) is not None:
            return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _detect(data)


def parse_html(text: str) -> HtmlElement | None:
    """Parse decoded HTML into an lxml tree (trafilatura's parser settings).

    Args:
        text: Decoded document.

    Returns:
        The root element, or ``None`` when nothing parsable remains.
    """
    return load_html(text)
