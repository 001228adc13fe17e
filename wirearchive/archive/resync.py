"""Reading a foreign, possibly damaged WARC file record by record, resuming after the damage.

Every record is read whole (headers, HTTP headers, decoded payload, digest check) before it is
handed on, so a failure inside a record is contained here and becomes a :class:`Gap`: the byte
range skipped, with why. Reading then resumes at the next place a record can start:

- **one gzip member per record** (CC-NEWS, most crawlers): members are inflated one by one with
  :mod:`zlib` (not by warcio, which writes zlib errors to stderr and ends the file quietly); after a
  member that does not inflate, the next gzip member header (``1f 8b 08``, RFC 1952 §2.3.1) that
  does is where reading resumes;
- **uncompressed**: the next line starting with ``WARC/1.`` (every record begins with its version
  line, WARC/1.1 §4);
- **one gzip stream for the whole file**: a deflate stream cannot be re-entered, so damage ends
  the file (one gap to its end).

Records are parsed with warcio, the library the archive writes with. FastWARC 2.0.1 iterates 5-7x
faster bare (``bench/importwarc.py``: 29,299 vs 4,244 records/s on a loaded machine, 40,513 vs 7,958
on a quieter one), but it too stops at the first gzip member that does not inflate ("Gzip
decompression error"), and reading is 2-8% of an import (the page's metadata, rewriting the record
and the per-day fsyncs are the rest), so the faster parser would save at most that: one parser for
reading and writing was kept.
"""

from __future__ import annotations

import gzip
import mmap
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.timeutils import iso_date_to_datetime

GZIP_MAGIC = b"\x1f\x8b\x08"  # RFC 1952 §2.3.1: ID1, ID2, CM=8 (deflate)
WARC_LINE = b"\nWARC/1."  # a version line (WARC/1.1 §4) at the start of a line
# Largest record a member may inflate to; past it the member is treated as damage (a zip bomb or
# a whole-file stream mistaken for a member). News pages are well under a MiB.
MAX_MEMBER_BYTES = 256 * 1024 * 1024
_BLOCK = 1 << 16
# What warcio raises on a record it cannot parse (AttributeError: a record cut inside its headers).
_PARSE_ERRORS = (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError, AttributeError, IndexError)


@dataclass(frozen=True)
class Gap:
    """Bytes of a file skipped because no whole record could be read from them.

    Attributes:
        offset: First byte skipped (offset in the file as stored, compressed or not).
        length: Bytes skipped.
        reason: What failed at ``offset``, e.g. ``gzip: invalid stored block lengths``.
    """

    offset: int
    length: int
    reason: str

    def describe(self) -> str:
        """``skipped N bytes at offset A (reason)``."""
        return f"skipped {self.length} bytes at offset {self.offset} ({self.reason})"


@dataclass(frozen=True)
class ForeignRecord:
    """One WARC record read whole.

    Attributes:
        offset: Offset of the record (its gzip member, if compressed) in the file.
        rec_type: ``WARC-Type``.
        headers: The WARC headers (warcio ``StatusAndHeaders``).
        http: The HTTP headers, or None (not an HTTP record).
        payload: Payload with transfer and content codings undone (warcio ``content_stream``).
        warc_date: ``WARC-Date`` in UTC, or None when absent or malformed.
        digest_problems: Declared digests that did not match (warcio's messages); empty when
            they matched or none was declared.
    """

    offset: int
    rec_type: str
    headers: Any
    http: Any
    payload: bytes
    warc_date: datetime | None
    digest_problems: tuple[str, ...]

    def header(self, name: str) -> str | None:
        """A WARC header's value, or None."""
        return self.headers.get_header(name)


def layout(path: Path) -> str:
    """``members`` (gzip, one member per record or group), ``stream`` (one gzip stream) or ``plain``.

    A whole-file gzip stream is recognized by its first member running to the end of the file.
    """
    with open(path, "rb") as stream:
        if stream.read(2) != GZIP_MAGIC[:2]:
            return "plain"
        stream.seek(0)
        member = zlib.decompressobj(wbits=31)
        inflated = 0
        while not member.eof:
            block = stream.read(_BLOCK)
            if not block:
                return "stream"  # cut off inside the first member: read as a stream, report the tear
            try:
                inflated += len(member.decompress(block))
            except zlib.error:
                return "members"  # damaged first member: resynchronise at the next one
            if inflated > MAX_MEMBER_BYTES:
                return "stream"
        return "stream" if not member.unused_data and not stream.read(1) else "members"


def read_records(path: Path) -> Iterator[ForeignRecord | Gap]:
    """Every readable record of a WARC file, with a :class:`Gap` for each damaged stretch.

    Args:
        path: A ``.warc`` or ``.warc.gz`` file (any gzip layout).

    Yields:
        Records in file order, and gaps where bytes had to be skipped.

    Raises:
        OSError: The file cannot be opened or read.
    """
    path = Path(path)
    kind = layout(path)
    if kind == "members":
        yield from _members(path)
    elif kind == "stream":
        with gzip.open(path, "rb") as stream:
            yield from _records_of(stream, 0, resync=None)
    else:
        with open(path, "rb") as stream:
            size = path.stat().st_size
            view = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) if size else None
            try:
                yield from _records_of(stream, 0, resync=view)
            finally:
                if view is not None:
                    view.close()


def _inflate(view: mmap.mmap, start: int) -> tuple[bytes, int]:
    """The member starting at ``start`` inflated, and where it ends. Raises ValueError on damage."""
    member = zlib.decompressobj(wbits=31)
    parts, size, pos = [], 0, start
    try:
        while not member.eof:
            block = view[pos : pos + _BLOCK]
            if not block:
                raise ValueError("gzip member cut short")
            part = member.decompress(block)
            size += len(part)
            if size > MAX_MEMBER_BYTES:
                raise ValueError(f"gzip member inflates past {MAX_MEMBER_BYTES} bytes")
            parts.append(part)
            pos += len(block)
    except zlib.error as exc:
        raise ValueError(f"gzip: {str(exc).split(': ', 1)[-1]}") from None
    return b"".join(parts), pos - len(member.unused_data)


def _members(path: Path) -> Iterator[ForeignRecord | Gap]:
    with open(path, "rb") as stream, mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as view:
        size, pos = len(view), 0
        gap: tuple[int, str] | None = None  # start and reason of the damage being skipped
        while pos < size:
            try:
                data, end = _inflate(view, pos)
                records = list(_records_of(BytesIO(data), pos, resync=None, member_length=end - pos))
            except ValueError as exc:
                gap = gap or (pos, str(exc))
                found = view.find(GZIP_MAGIC, pos + 1)
                pos = size if found < 0 else found
                continue
            if any(isinstance(r, Gap) for r in records):
                gap = gap or (pos, next(r.reason for r in records if isinstance(r, Gap)))
                records = [r for r in records if not isinstance(r, Gap)]
            elif gap is not None:
                yield Gap(gap[0], pos - gap[0], gap[1])
                gap = None
            yield from records
            pos = end
        if gap is not None:
            yield Gap(gap[0], size - gap[0], gap[1])


def _records_of(
    stream: IO[bytes] | gzip.GzipFile, base: int, resync: mmap.mmap | None, member_length: int | None = None
) -> Iterator[ForeignRecord | Gap]:
    """Records of an uncompressed (or already inflated) stream starting at file offset ``base``.

    With ``resync`` (the file itself), reading resumes at the next ``WARC/1.`` line after a bad
    record; without, the first bad record ends the stream with a gap to its end. In a gzip
    member (``member_length`` given), every record gets the member's offset.
    """
    pos = base
    while True:
        if resync is not None:
            stream.seek(pos - base)
        records = ArchiveIterator(stream, check_digests=True)
        records.offset = pos if resync is not None else 0
        start = pos
        try:
            for record in records:
                if not record.format.startswith("warc"):  # warcio reads ARC and guesses at junk
                    raise ValueError(f"not a WARC record ({record.format} format)")
                read = _read_whole(record, base if member_length is not None else 0)
                missing = record.raw_stream.limit
                offset = records.get_record_offset()
                if missing:
                    raise ValueError(f"record cut short ({missing} bytes missing)")
                # warcio's length leaves out the CRLF CRLF ending an uncompressed record.
                start = offset + records.get_record_length() + (4 if member_length is None else 0)
                yield read if member_length is not None else _at(read, offset)
            return
        except _PARSE_ERRORS as exc:
            detail = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else type(exc).__name__
            # Without resynchronisation the gap runs to where the stream stopped (a gzip stream's
            # offsets are those of the decompressed bytes).
            end = stream.tell() if resync is None else _next_line(resync, start)
            if member_length is not None:
                yield Gap(base, member_length, detail)
                return
            yield Gap(start, max(end - start, 0), detail)
            if resync is None or end >= len(resync):
                return
            pos = end


def _next_line(view: mmap.mmap, start: int) -> int:
    found = view.find(WARC_LINE, start + 1)
    return len(view) if found < 0 else found + 1


def _at(record: ForeignRecord, offset: int) -> ForeignRecord:
    return ForeignRecord(
        offset, record.rec_type, record.headers, record.http, record.payload, record.warc_date, record.digest_problems
    )


def _read_whole(record: Any, offset: int) -> ForeignRecord:
    """Read a warcio record to its end (payload decoded, digests checked)."""
    http = record.http_headers
    payload = record.content_stream().read() if record.rec_type in ("response", "resource") else b""
    record.raw_stream.read()  # the rest, so the digests are checked
    try:
        warc_date = iso_date_to_datetime(record.rec_headers.get_header("WARC-Date")).replace(tzinfo=UTC)
    except (TypeError, ValueError, AttributeError):
        warc_date = None
    return ForeignRecord(
        offset, record.rec_type, record.rec_headers, http, payload, warc_date, tuple(record.digest_checker.problems)
    )
