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
- A file is written under ``<name>.open`` and renamed when closed: a finished ``.warc.gz`` is
  immutable. A crash leaves the ``.open`` file, readable up to its last whole record.
- Capture rows are flushed every :data:`CHUNK_ROWS` rows to hidden part files
  (``.captures-<crawl_id>.part-NNNNN.parquet``, invisible to readers); at the end of the crawl the
  parts and the rest are written as one ``captures-<crawl_id>.parquet`` (temp file in the same
  folder, then ``os.replace``) and the parts removed.
- While a crawl runs it holds an ``flock`` on ``.crawl-<crawl_id>.lock``. :func:`recover_interrupted`
  finds crawls whose lock is left but free (the process died), renames their ``.open`` WARC files
  and publishes their flushed rows, so a crash loses at most the rows of one unflushed chunk (their
  WARC records remain readable with :func:`iter_responses`).
- A feed, sitemap or section row is held back (:meth:`CrawlArchive.hold`) until the spider has
  parsed the document and :meth:`CrawlArchive.release` sets its ``error`` (``malformed_xml``...);
  a crash loses held rows like unflushed ones.
- Reading decodes the Content-Encoding only up to :data:`MAX_DECODED_BYTES`
  (:class:`PayloadTooLarge` beyond it), so a gzip bomb in the archive cannot exhaust memory.

No Scrapy import here: the spider side feeds plain values in, the pipeline side reads them back.
"""

from __future__ import annotations

import fcntl
import glob
import gzip
import os
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import IO, Any

import brotli
import pyarrow as pa
import pyarrow.parquet as pq
from backports import zstd
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date, iso_date_to_datetime
from warcio.warcwriter import WARCWriter

from wirearchive.tables import CAPTURES
from wirearchive.faults import killpoint

WARC_VERSION = "1.1"
# Rotation size of WARC files. 100 MB follows the Internet Archive / Heritrix habit (1 GB max).
DEFAULT_WARC_MAX_BYTES = 100 * 1024 * 1024
CAPTURES_GLOB = "captures-*.parquet"
OPEN_SUFFIX = ".open"
SEQ_GLOB = "[0-9]" * 5  # the <seq:05d> of WARC file names
# Rows per crash-safety part file: ~0.5 MB of Parquet, written in ~10 ms (seconds of crawling).
CHUNK_ROWS = 5000
# Largest decoded payload read back from the archive: the crawler's global download cap
# (spiders.settings.DOWNLOAD_MAXSIZE, 50 MB), so anything the crawl accepted can be read.
MAX_DECODED_BYTES = 50 * 1024 * 1024
# Response headers whose value no longer describes the stored bytes (Twisted removes chunking).
_DROPPED_RESPONSE_HEADERS = frozenset({"transfer-encoding"})


@dataclass(frozen=True)
class HttpExchange:
    """One HTTP request and the response received for it, as the crawler saw them.

    Attributes:
        url: Absolute URL requested.
        method: HTTP method.
        request_headers: Request headers sent, in order.
        request_body: Request body (empty for GET).
        status: HTTP status code received.
        protocol: HTTP version of the response, e.g. ``HTTP/1.1``.
        response_headers: Response headers received, in order.
        body: Response body as received (still content-encoded, transfer coding removed).
        fetched_at: When the response was received (UTC).
    """

    url: str
    method: str
    request_headers: list[tuple[str, str]]
    request_body: bytes
    status: int
    protocol: str
    response_headers: list[tuple[str, str]]
    body: bytes
    fetched_at: datetime


@dataclass(frozen=True)
class StoredRecord:
    """Where the response record of an exchange landed.

    Attributes:
        record_id: ``WARC-Record-ID`` of the response record (the capture id).
        warc_file: File name relative to the archive root, e.g. ``date=D/<crawl>-00000.warc.gz``.
        offset: Byte offset of the response record's gzip member.
        length: Compressed length of that member.
        payload_digest: ``WARC-Payload-Digest`` (``sha1:BASE32``).
    """

    record_id: str
    warc_file: str
    offset: int
    length: int
    payload_digest: str | None


@dataclass(frozen=True)
class ArchivedResponse:
    """A response record read back from the archive.

    Attributes:
        url: ``WARC-Target-URI``.
        status: HTTP status code.
        headers: HTTP response headers as stored, in order.
        body: Payload with the Content-Encoding decoded; charset bytes untouched.
        content_type: ``Content-Type`` header value, or ``None``.
        warc_date: ``WARC-Date`` as an aware UTC datetime.
        record_id: ``WARC-Record-ID`` of the record.
        offset: Byte offset of the record in its file.
    """

    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    content_type: str | None
    warc_date: datetime
    record_id: str
    offset: int


class WarcWriter:
    """Writes one crawl's exchanges of one partition day into size-rotated gzip WARC files.

    Args:
        archive_root: The archive folder (``DataPaths.archive``).
        day: Partition key ``YYYY-MM-DD``.
        crawl_id: Id of the crawl run; names the files.
        max_bytes: Start a new file once the current one reaches this size.
        warcinfo: Extra ``key: value`` fields for each file's warcinfo record.

    Attributes:
        closed_files: Finished files, relative to the archive root.
        bytes_written: Compressed bytes written so far, all files.

    Raises:
        FileExistsError: From :meth:`write`, when a file of this crawl id already exists.
    """

    def __init__(
        self,
        archive_root: Path,
        day: str,
        crawl_id: str,
        *,
        max_bytes: int = DEFAULT_WARC_MAX_BYTES,
        warcinfo: Mapping[str, str] | None = None,
    ) -> None:
        self._root = Path(archive_root)
        self._folder = self._root / f"date={day}"
        self._crawl_id = crawl_id
        self._max_bytes = max_bytes
        self._info = {"format": f"WARC File Format {WARC_VERSION}", "crawl-id": crawl_id, "partition": day}
        self._info.update(warcinfo or {})
        self._builder = WARCWriter(None, gzip=True, warc_version=WARC_VERSION)
        self._seq = 0
        self._out: IO[bytes] | None = None
        self._name = ""
        self.closed_files: list[str] = []
        self.bytes_written = 0

    def write(self, exchange: HttpExchange) -> StoredRecord:
        """Append the response and request records of one exchange.

        Args:
            exchange: The request and response to archive.

        Returns:
            Location and identity of the response record.
        """
        out = self._current()
        warc_date = datetime_to_iso_date(exchange.fetched_at.astimezone(timezone.utc).replace(tzinfo=None), use_micros=True)
        response = self._builder.create_warc_record(
            exchange.url,
            "response",
            payload=BytesIO(exchange.body),
            length=len(exchange.body),
            warc_headers_dict={"WARC-Date": warc_date},
            http_headers=_response_headers(exchange),
        )
        request = self._builder.create_warc_record(
            exchange.url,
            "request",
            payload=BytesIO(exchange.request_body),
            length=len(exchange.request_body),
            warc_headers_dict={"WARC-Date": warc_date},
            http_headers=_request_headers(exchange),
        )
        record_id = response.rec_headers.get_header("WARC-Record-ID")
        request.rec_headers.add_header("WARC-Concurrent-To", record_id)
        offset = out.tell()
        self._builder.write_record(response)
        killpoint("crawl.warc_between_records")
        length = out.tell() - offset
        self._builder.write_record(request)
        self.bytes_written += out.tell() - offset
        return StoredRecord(
            record_id=record_id,
            warc_file=f"{self._folder.name}/{self._name}",
            offset=offset,
            length=length,
            payload_digest=response.rec_headers.get_header("WARC-Payload-Digest"),
        )

    def close(self) -> None:
        """Close the current file and rename it to its final, immutable name."""
        if self._out is None:
            return
        self._out.close()
        killpoint("crawl.warc_before_rename")
        final = self._folder / self._name
        os.replace(self._folder / (self._name + OPEN_SUFFIX), final)
        self.closed_files.append(f"{self._folder.name}/{self._name}")
        self._out = None

    def _current(self) -> IO[bytes]:
        if self._out is not None and self._out.tell() >= self._max_bytes:
            self.close()
        if self._out is None:
            self._folder.mkdir(parents=True, exist_ok=True)
            self._name = f"{self._crawl_id}-{self._seq:05d}.warc.gz"
            self._seq += 1
            if (self._folder / self._name).exists():
                raise FileExistsError(f"{self._folder / self._name} exists: finished WARC files are immutable")
            self._out = open(self._folder / (self._name + OPEN_SUFFIX), "xb")
            self._builder.out = self._out
            self._builder.write_record(self._builder.create_warcinfo_record(self._name, self._info))
            self.bytes_written += self._out.tell()
        return self._out


def _response_headers(exchange: HttpExchange) -> StatusAndHeaders:
    try:
        phrase = HTTPStatus(exchange.status).phrase
    except ValueError:
        phrase = ""
    headers = [(k, v) for k, v in exchange.response_headers if k.lower() not in _DROPPED_RESPONSE_HEADERS]
    return StatusAndHeaders(f"{exchange.status} {phrase}".strip(), headers, protocol=exchange.protocol)


def _request_headers(exchange: HttpExchange) -> StatusAndHeaders:
    from urllib.parse import urlsplit

    parts = urlsplit(exchange.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = list(exchange.request_headers)
    if not any(k.lower() == "host" for k, _ in headers):
        headers.insert(0, ("Host", parts.netloc))
    return StatusAndHeaders(f"{exchange.method} {target}", headers, protocol="HTTP/1.1")


def write_captures(archive_root: Path, day: str, crawl_id: str, rows: Iterable[Mapping[str, Any]]) -> Path:
    """Write a crawl's capture rows atomically (temp file in the same folder, then ``os.replace``).

    Args:
        archive_root: The archive folder.
        day: Partition key ``YYYY-MM-DD``.
        crawl_id: Id of the crawl run.
        rows: Rows with the columns of ``wirearchive.tables.CAPTURES``.

    Returns:
        Path of the written ``captures-<crawl_id>.parquet``.
    """
    folder = Path(archive_root) / f"date={day}"
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"captures-{crawl_id}.parquet"
    _write_parquet(pa.Table.from_pylist(list(rows), schema=CAPTURES), final)
    return final


def _write_parquet(table: pa.Table, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        pq.write_table(table, tmp)
    except OSError:
        tmp.unlink(missing_ok=True)  # a full disk leaves no half-written file behind
        raise
    killpoint("crawl.parquet_before_replace")
    os.replace(tmp, path)


def _parts(folder: Path, crawl_id: str) -> list[Path]:
    return sorted(folder.glob(f".captures-{glob.escape(crawl_id)}.part-*.parquet"))


def _merge_parts(folder: Path, crawl_id: str, rows: list[Mapping[str, Any]]) -> Path:
    parts = _parts(folder, crawl_id)
    tables = [pq.read_table(p, schema=CAPTURES) for p in parts]
    tables.append(pa.Table.from_pylist(rows, schema=CAPTURES))
    final = folder / f"captures-{crawl_id}.parquet"
    _write_parquet(pa.concat_tables(tables), final)
    for part in parts:
        part.unlink()
    return final


class CrawlArchive:
    """Everything one crawl writes for one day: WARC files, capture index, liveness lock.

    Args:
        archive_root: The archive folder.
        day: Partition key ``YYYY-MM-DD``.
        crawl_id: Id of the crawl run.
        warc_max_bytes: WARC rotation size.
        chunk_rows: Capture rows per crash-safety part file.
        warcinfo: Extra fields for each WARC file's warcinfo record.

    Attributes:
        warc: The WARC writer.

    Raises:
        BlockingIOError: Another live process holds this crawl id's lock.
    """

    def __init__(
        self,
        archive_root: Path,
        day: str,
        crawl_id: str,
        *,
        warc_max_bytes: int = DEFAULT_WARC_MAX_BYTES,
        chunk_rows: int = CHUNK_ROWS,
        warcinfo: Mapping[str, str] | None = None,
    ) -> None:
        self._folder = Path(archive_root) / f"date={day}"
        self._folder.mkdir(parents=True, exist_ok=True)
        self._crawl_id = crawl_id
        self._lock_path = self._folder / f".crawl-{crawl_id}.lock"
        self._lock = open(self._lock_path, "a")
        fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        self.warc = WarcWriter(archive_root, day, crawl_id, max_bytes=warc_max_bytes, warcinfo=warcinfo)
        self._chunk_rows = chunk_rows
        self._rows: list[Mapping[str, Any]] = []
        self._held: dict[str, dict[str, Any]] = {}
        self._flushed = 0

    def hold(self, row: Mapping[str, Any]) -> None:
        """Keep a capture row back until :meth:`release` (a feed, sitemap or section page whose
        parse outcome becomes its ``error``); :meth:`close` writes rows never released as they are.

        Args:
            row: A row with the ``CAPTURES`` columns.
        """
        self._held[row["capture_id"]] = dict(row)

    def release(self, capture_id: str, error: str | None = None) -> None:
        """Add a held row, with ``error`` set when the document could not be used.

        Args:
            capture_id: The held row's ``capture_id``; unknown ids are ignored.
            error: Reason code to record, e.g. ``not_xml``.
        """
        row = self._held.pop(capture_id, None)
        if row is not None:
            self.add(row | ({"error": error} if error else {}))

    def add(self, row: Mapping[str, Any]) -> None:
        """Add one capture row (``CAPTURES`` columns); flushes a part file every ``chunk_rows``."""
        self._rows.append(row)
        if len(self._rows) >= self._chunk_rows:
            # The WARC records of these rows are already flushed by warcio, so a part never
            # points past the end of its WARC file.
            part = self._folder / f".captures-{self._crawl_id}.part-{self._flushed:05d}.parquet"
            _write_parquet(pa.Table.from_pylist(self._rows, schema=CAPTURES), part)
            self._flushed += 1
            self._rows = []
            killpoint("crawl.chunk_flushed")

    def close(self) -> Path:
        """Finish the WARC files, publish the capture index and release the lock.

        Returns:
            Path of ``captures-<crawl_id>.parquet``.
        """
        self.warc.close()
        final = _merge_parts(self._folder, self._crawl_id, [*self._rows, *self._held.values()])
        self._held = {}
        self._rows = []
        self._lock_path.unlink()
        self._lock.close()
        return final


def recover_interrupted(archive_root: Path, day: str) -> list[str]:
    """Finish the files of crawls of ``day`` whose process died.

    A crawl is dead when its lock file exists but nobody holds the lock. Its ``.open`` WARC files
    get their final names and its flushed capture rows are published as its capture index (rows
    not yet flushed are lost; their WARC records stay readable). Live crawls are left alone.

    Args:
        archive_root: The archive folder.
        day: Partition key ``YYYY-MM-DD``.

    Returns:
        Ids of the recovered crawls.
    """
    folder = Path(archive_root) / f"date={day}"
    recovered = []
    for lock_path in sorted(folder.glob(".crawl-*.lock")):
        crawl_id = lock_path.name[len(".crawl-") : -len(".lock")]
        with open(lock_path, "a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue
            for open_file in folder.glob(f"{glob.escape(crawl_id)}-{SEQ_GLOB}.warc.gz{OPEN_SUFFIX}"):
                os.replace(open_file, open_file.with_name(open_file.name[: -len(OPEN_SUFFIX)]))
            if (folder / f"captures-{crawl_id}.parquet").exists():
                for part in _parts(folder, crawl_id):
                    part.unlink()
            else:
                _merge_parts(folder, crawl_id, [])
            lock_path.unlink()
        recovered.append(crawl_id)
    return recovered


def read_captures(archive_root: Path, day: str) -> pa.Table:
    """All capture rows of one partition day, from every crawl of that day.

    Args:
        archive_root: The archive folder.
        day: Partition key ``YYYY-MM-DD``.

    Returns:
        A table with the ``CAPTURES`` schema; empty (with the schema) when nothing was captured.
    """
    files = sorted((Path(archive_root) / f"date={day}").glob(CAPTURES_GLOB))
    if not files:
        return CAPTURES.empty_table()
    return pa.concat_tables(pq.read_table(f, schema=CAPTURES) for f in files)


def captured_article_urls(archive_root: Path) -> set[str]:
    """URLs already archived as articles, for the incremental crawl.

    A URL counts when it was captured as ``kind="article"`` with status 200, or when it redirected
    (3xx, any number of hops) to such a URL.

    Args:
        archive_root: The archive folder.

    Returns:
        The set of requested URLs not to fetch again.
    """
    done: set[str] = set()
    redirects: dict[str, str] = {}
    for path in sorted(Path(archive_root).glob(f"date=*/{CAPTURES_GLOB}")):
        table = pq.read_table(path, columns=["url", "kind", "status", "redirect_to"])
        for row in table.to_pylist():
            if row["kind"] != "article" or row["status"] is None:
                continue
            if row["status"] == 200:
                done.add(row["url"])
            elif 300 <= row["status"] < 400 and row["redirect_to"]:
                redirects[row["url"]] = row["redirect_to"]
    for start in redirects:
        url, hops = start, 0
        while url in redirects and hops < len(redirects):
            url, hops = redirects[url], hops + 1
        if url in done:
            done.add(start)
    return done


def read_payload(archive_root: Path, warc_file: str, offset: int) -> ArchivedResponse:
    """Read the response record at ``offset`` of ``warc_file``.

    Args:
        archive_root: The archive folder.
        warc_file: File name relative to the archive root (the capture row's ``warc_file``).
        offset: The capture row's ``warc_offset``.

    Returns:
        The archived response, body decoded from its Content-Encoding.

    Raises:
        ValueError: No response record starts at that offset.
        PayloadTooLarge: The body decodes to more than :data:`MAX_DECODED_BYTES`.
    """
    with open(Path(archive_root) / warc_file, "rb") as stream:
        stream.seek(offset)
        for record in ArchiveIterator(stream):
            if record.rec_type != "response":
                raise ValueError(f"{warc_file}@{offset}: {record.rec_type} record, not a response")
            return _to_response(record, offset)
    raise ValueError(f"{warc_file}@{offset}: no record")


class ResponseIterator:
    """Iterates the response records of one WARC file, stopping quietly at a torn tail.

    Args:
        warc_path: A ``.warc.gz`` (or ``.open``) file.

    Attributes:
        error: ``None`` after a clean read; otherwise why reading stopped early (e.g. a record cut
            off by a crash), with the offset where it happened.
        skipped: Records passed over because their payload decodes past the size cap
            (:class:`PayloadTooLarge` messages with their offsets); reading continues after them.
    """

    def __init__(self, warc_path: Path) -> None:
        self.warc_path = Path(warc_path)
        self.error: str | None = None
        self.skipped: list[str] = []

    def __iter__(self) -> Iterator[ArchivedResponse]:
        size = self.warc_path.stat().st_size
        end = 0
        with open(self.warc_path, "rb") as stream:
            records = ArchiveIterator(stream, check_digests=True)
            try:
                for record in records:
                    try:
                        response = _to_response(record, 0) if record.rec_type == "response" else None
                    except PayloadTooLarge as exc:
                        self.skipped.append(f"{self.warc_path.name}@{records.get_record_offset()}: {exc}")
                        response = None
                    # Offset and length are known once the record is read to its end.
                    offset = records.get_record_offset()
                    if record.digest_checker.passed is None and record.rec_headers.get_header("WARC-Block-Digest"):
                        # A cut-off record: warcio reads it "to its end" at EOF without complaint, but
                        # could not check its declared digest (tests/kill: crawl.response@25+torn-tail).
                        self.error = f"{self.warc_path.name}: torn record at offset {offset} (cut off before its end)"
                        return
                    end = offset + records.get_record_length()
                    if response is not None:
                        yield replace(response, offset=offset)
            except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError) as exc:
                self.error = f"{self.warc_path.name}: unreadable record after offset {end}: {exc}"
                return
        if end < size:
            # warcio ends quietly on a truncated gzip member; the missing bytes tell.
            self.error = f"{self.warc_path.name}: torn record at offset {end} ({size - end} trailing bytes)"


def iter_responses(warc_path: Path) -> ResponseIterator:
    """Response records of a whole WARC file, tolerating a torn final record.

    Args:
        warc_path: A ``.warc.gz`` (or ``.open``) file.

    Returns:
        An iterable of :class:`ArchivedResponse`; its ``error`` says whether the file ended cleanly.
    """
    return ResponseIterator(warc_path)


def _to_response(record: Any, offset: int) -> ArchivedResponse:
    http = record.http_headers
    encoding = http.get_header("Content-Encoding") or ""
    raw = record.raw_stream.read()
    return ArchivedResponse(
        url=record.rec_headers.get_header("WARC-Target-URI"),
        status=int(http.get_statuscode()),
        headers=list(http.headers),
        body=decode_content(raw, encoding),
        content_type=http.get_header("Content-Type"),
        warc_date=iso_date_to_datetime(record.rec_headers.get_header("WARC-Date")).replace(tzinfo=timezone.utc),
        record_id=record.rec_headers.get_header("WARC-Record-ID"),
        offset=offset,
    )


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
                decoded = zlib.decompressobj(-zlib.MAX_WBITS).decompress(body, limit)  # raw deflate, as some servers send
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
