"""WARC writing: one crawl's exchanges of one day, as size-rotated gzip WARC/1.1 files.

Every record is its own gzip member, so ``(warc_file, warc_offset)`` addresses one record. A
fetch is a ``response`` record followed by its ``request`` record (``WARC-Concurrent-To``). The
body is stored as received, still content-encoded; ``Transfer-Encoding`` is dropped. A file is
written under ``<name>.open``, fsynced when closed and renamed to its final, immutable name.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

from wirearchive.atomicfile import fsync_dir
from wirearchive.faults import killpoint

WARC_VERSION = "1.1"
# Rotation size of WARC files. 100 MB follows the Internet Archive / Heritrix habit (1 GB max).
DEFAULT_WARC_MAX_BYTES = 100 * 1024 * 1024
OPEN_SUFFIX = ".open"
SEQ_GLOB = "[0-9]" * 5  # the <seq:05d> of WARC file names
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
        record_id: ``WARC-Record-ID`` to give the response record; None: a new random one.
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
    record_id: str | None = None


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
        warc_date = datetime_to_iso_date(exchange.fetched_at.astimezone(UTC).replace(tzinfo=None), use_micros=True)
        response = self._builder.create_warc_record(
            exchange.url,
            "response",
            payload=BytesIO(exchange.body),
            length=len(exchange.body),
            warc_headers_dict={
                "WARC-Date": warc_date,
                **({"WARC-Record-ID": exchange.record_id} if exchange.record_id else {}),
            },
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
        """Close the current file, fsync it and rename it to its final, immutable name."""
        if self._out is None:
            return
        self._out.flush()
        os.fsync(self._out.fileno())
        self._out.close()
        killpoint("crawl.warc_before_rename")
        final = self._folder / self._name
        os.replace(self._folder / (self._name + OPEN_SUFFIX), final)
        fsync_dir(self._folder)
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
    parts = urlsplit(exchange.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = list(exchange.request_headers)
    if not any(k.lower() == "host" for k, _ in headers):
        headers.insert(0, ("Host", parts.netloc))
    return StatusAndHeaders(f"{exchange.method} {target}", headers, protocol="HTTP/1.1")
