"""HTTP Content-Encoding decoding of archived bodies, capped against decompression bombs.

The archive stores bodies still content-encoded (see :mod:`wirearchive.archive`); readers decode
them here, only up to :data:`MAX_DECODED_BYTES` (:class:`PayloadTooLarge` beyond it), so a gzip
bomb in the archive cannot exhaust memory.
"""

from __future__ import annotations

import gzip
import zlib
from io import BytesIO

import brotli
from backports import zstd

# Largest decoded payload read back from the archive: the crawler's global download cap
# (spiders.settings.DOWNLOAD_MAXSIZE, 50 MB), so anything the crawl accepted can be read.
MAX_DECODED_BYTES = 50 * 1024 * 1024


class PayloadTooLarge(ValueError):
    """A stored payload decodes to more than the reader's cap (a decompression bomb)."""


def decode_content(body: bytes, encoding: str, max_bytes: int = MAX_DECODED_BYTES) -> bytes:
    """Undo an HTTP Content-Encoding: gzip, deflate, br or zstd; anything else is kept as is.

    Decompression stops at ``max_bytes``: a tiny body that would expand past the cap (a gzip
    bomb) is refused without ever holding more than the cap in memory.

    Args:
        body: Bytes as received.
        encoding: ``Content-Encoding`` value ("" for none).
        max_bytes: Largest decoded size accepted.

    Returns:
        The decoded bytes, or ``body`` unchanged when the encoding is unknown or the bytes do not
        decode (a server mislabelling plain bytes is common enough).

    Raises:
        PayloadTooLarge: The decoded payload would exceed ``max_bytes``.
    """
    encoding = encoding.strip().lower()
    limit = max_bytes + 1
    try:
        if encoding in ("gzip", "x-gzip"):
            decoded = gzip.GzipFile(fileobj=BytesIO(body)).read(limit)
        elif encoding == "deflate":
            try:
                decoded = zlib.decompressobj().decompress(body, limit)
            except zlib.error:
                decoded = zlib.decompressobj(-zlib.MAX_WBITS).decompress(
                    body, limit
                )  # raw deflate, as some servers send
        elif encoding == "br":
            decoded = brotli.Decompressor().process(body, output_buffer_limit=limit)
        elif encoding == "zstd":
            decoded = zstd.ZstdFile(BytesIO(body)).read(limit)
        else:
            return body
    except (OSError, EOFError, zlib.error, brotli.error, zstd.ZstdError):
        return body
    if len(decoded) > max_bytes:
        raise PayloadTooLarge(f"{encoding} payload of {len(body)} bytes decodes to more than {max_bytes} bytes")
    return decoded
