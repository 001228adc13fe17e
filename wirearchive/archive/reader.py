"""WARC reading: one response record by its address, or every response record of a file.

Bodies come back with their Content-Encoding decoded (:mod:`wirearchive.archive.httpdecode`). A
file cut off by a crash is read up to its last whole record; :class:`ResponseIterator` says where
and why it stopped.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.timeutils import iso_date_to_datetime

from wirearchive.archive.httpdecode import PayloadTooLarge, decode_content


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
        warc_date=iso_date_to_datetime(record.rec_headers.get_header("WARC-Date")).replace(tzinfo=UTC),
        record_id=record.rec_headers.get_header("WARC-Record-ID"),
        offset=offset,
    )
