"""WARC archive and capture index: the one place that knows their on-disk format.

The crawl writes, per partition day, rotating gzip WARC files plus one capture index file::

    archive/date=D/<crawl_id>-00000.warc.gz       warcinfo, then response+request record pairs
    archive/date=D/captures-<crawl_id>.parquet    one row per fetch attempt (wirearchive.tables.CAPTURES)

Format decisions:

- WARC/1.1, every record its own gzip member, so ``(warc_file, warc_offset)`` addresses one record
  and a reader can seek straight to it.
- A fetch is written as a ``response`` record followed by its ``request`` record; the request
  carries ``WARC-Concurrent-To`` = the response's ``WARC-Record-ID`` (warcio's pair convention).
- The HTTP body is stored as received, still content-encoded (gzip, br, ...); only the transfer
  coding is gone (Twisted de-chunks), so ``Transfer-Encoding`` is dropped from the stored headers
  to keep the record valid. The status line's reason phrase is rebuilt from the status code.
- A file is written under ``<name>.open``, fsynced and renamed when closed: a finished
  ``.warc.gz`` is immutable. A crash leaves the ``.open`` file, readable up to its last whole record.
- Capture rows are flushed every :data:`CHUNK_ROWS` rows to hidden part files
  (``.captures-<crawl_id>.part-NNNNN.parquet``, invisible to readers); at the end of the crawl the
  parts and the rest are written as one ``captures-<crawl_id>.parquet`` (temp file in the same
  folder, fsync, ``os.replace``, fsync of the folder: :mod:`wirearchive.atomicfile`) and the parts
  removed.
- While a crawl runs it holds an ``flock`` on ``.crawl-<crawl_id>.lock``. :func:`recover_interrupted`
  finds crawls whose lock is left but free (the process died), renames their ``.open`` WARC files
  and publishes their flushed rows, so a crash loses at most the rows of one unflushed chunk (their
  WARC records remain readable with :func:`iter_responses`).
- A feed, sitemap or section row is held back (:meth:`CrawlArchive.hold`) until the spider has
  parsed the document and :meth:`CrawlArchive.release` sets its ``error`` (``malformed_xml``...);
  a crash loses held rows like unflushed ones.
- Reading decodes the Content-Encoding only up to :data:`MAX_DECODED_BYTES`
  (:class:`PayloadTooLarge` beyond it), so a gzip bomb in the archive cannot exhaust memory.

One module per concern: :mod:`~wirearchive.archive.warc` (writing), :mod:`~wirearchive.archive.reader`
(reading), :mod:`~wirearchive.archive.index` (capture index), :mod:`~wirearchive.archive.crawl`
(one crawl's files and lock), :mod:`~wirearchive.archive.recovery` (dead crawls) and
:mod:`~wirearchive.archive.httpdecode` (Content-Encoding). No Scrapy import here: the spider side
feeds plain values in, the pipeline side reads them back.
"""

from __future__ import annotations

from wirearchive.archive.crawl import CrawlArchive
from wirearchive.archive.httpdecode import MAX_DECODED_BYTES, PayloadTooLarge, decode_content
from wirearchive.archive.index import CAPTURES_GLOB, CHUNK_ROWS, captured_article_urls, read_captures, write_captures
from wirearchive.archive.reader import ArchivedResponse, ResponseIterator, iter_responses, read_payload
from wirearchive.archive.recovery import recover_interrupted
from wirearchive.archive.warc import (
    DEFAULT_WARC_MAX_BYTES,
    OPEN_SUFFIX,
    SEQ_GLOB,
    WARC_VERSION,
    HttpExchange,
    StoredRecord,
    WarcWriter,
)

__all__ = [
    "CAPTURES_GLOB",
    "CHUNK_ROWS",
    "DEFAULT_WARC_MAX_BYTES",
    "MAX_DECODED_BYTES",
    "OPEN_SUFFIX",
    "SEQ_GLOB",
    "WARC_VERSION",
    "ArchivedResponse",
    "CrawlArchive",
    "HttpExchange",
    "PayloadTooLarge",
    "ResponseIterator",
    "StoredRecord",
    "WarcWriter",
    "captured_article_urls",
    "decode_content",
    "iter_responses",
    "read_captures",
    "read_payload",
    "recover_interrupted",
    "write_captures",
]
