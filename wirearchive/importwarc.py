"""Import WARC files written by other crawlers into the archive and its capture index.

A foreign file (Common Crawl's CC-NEWS style or any other WARC/1.0-1.1 writer; one gzip member per
record, one gzip stream for the whole file, or plain) is read record by record. Each HTML page with
status 200 -- a ``response`` record, or a ``resource`` record (no HTTP headers) -- is copied into
the project's own WARC files and gets a capture-index row, so imported days flow through the same
``articles -> story_members -> catalog`` assets as crawled ones. Request, metadata, warcinfo and
revisit records, non-HTML payloads and non-200 responses are skipped and counted.

Decisions:

- **Copied, not referenced.** Pages are rewritten with :class:`wirearchive.archive.CrawlArchive`
  into ``archive/date=D/import-<sha1>-NNNNN.warc.gz``, so the archive stays self-contained and every
  capture row points at a file in the project's format. The warcinfo record of each file names the
  original file and its SHA-1. The body is stored with its transfer and content codings removed
  (``Transfer-Encoding``/``Content-Encoding`` dropped, ``Content-Length`` set to the stored size);
  the ``WARC-Date`` is the original one; the paired request record is synthesized (``GET`` + ``Host``),
  since the archive pairs every response with a request and not every foreign file has one.
- **Partitioned by publication day** (UTC) when the page's metadata states one
  (:func:`wirearchive.metadata.read_metadata`), else by the record's ``WARC-Date``; a stated day
  before the partition start or after the day after capture is filed by ``WARC-Date`` too
  (:func:`wirearchive.normalize.filing_day`; the article row records the reason).
- **Idempotent per file**: the crawl id is ``import-<first 16 hex of the file's SHA-1>``; a file
  whose capture index exists already is reported as such and not imported twice.
- **Damage is contained**: reading stops at the first record that is cut short or unparsable
  (a truncated download, a torn gzip member); the records before it are kept and the report names
  the file and the offset.
"""

from __future__ import annotations

import gzip
import hashlib
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

import pyarrow as pa
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.timeutils import iso_date_to_datetime

from wirearchive.archive import CAPTURES_GLOB, CrawlArchive, HttpExchange, read_captures
from wirearchive.capture import Capture
from wirearchive.htmltext import DecodeError, decode_html, is_html_media_type, parse_html
from wirearchive.metadata import read_metadata
from wirearchive.normalize import filing_day
from wirearchive.sources import Registry

UNKNOWN_SOURCE = "imported"
CRAWL_ID_PREFIX = "import-"
# Headers that described the bytes on the wire, not the decoded body the archive stores.
_CODING_HEADERS = frozenset({"transfer-encoding", "content-encoding", "content-length"})
# What a damaged or foreign file raises while being read (warcio fails with AttributeError on a
# record cut inside its WARC headers).
_READ_ERRORS = (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError, AttributeError)


@dataclass(frozen=True)
class ForeignPage:
    """An HTML page read from a foreign WARC record.

    Attributes:
        url: ``WARC-Target-URI``.
        status: HTTP status (200 for ``resource`` records).
        protocol: HTTP version of the response.
        headers: Response headers, codings removed (see the module docstring).
        body: Payload with transfer and content codings undone.
        content_type: ``Content-Type`` of the payload.
        warc_date: ``WARC-Date`` of the record (UTC).
    """

    url: str
    status: int
    protocol: str
    headers: list[tuple[str, str]]
    body: bytes
    content_type: str | None
    warc_date: datetime


@dataclass
class FileReport:
    """What importing one file did.

    Attributes:
        path: The foreign file.
        crawl_id: Crawl id its pages were archived under.
        imported: Pages archived.
        days: Pages archived per partition day.
        skipped: Records not imported, by reason.
        error: Why reading stopped early (truncated or corrupt record, unreadable file), or None.
        already_imported: The file had been imported before; nothing was done.
    """

    path: Path
    crawl_id: str
    imported: int = 0
    days: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    error: str | None = None
    already_imported: bool = False


def file_crawl_id(path: Path) -> str:
    """The crawl id of a foreign file: ``import-`` + 16 hex digits of its SHA-1."""
    digest = hashlib.sha1()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return CRAWL_ID_PREFIX + digest.hexdigest()[:16]


def _single_gzip_stream(path: Path) -> bool:
    """Whether the file is gzip with its first member running to the end of the file.

    One member per record (CC-NEWS, this archive) is read by warcio member by member, so damage
    stays inside one record; a file gzipped as a whole has to be decompressed as one stream.
    """
    with open(path, "rb") as stream:
        if stream.read(2) != b"\x1f\x8b":
            return False
        stream.seek(0)
        member = zlib.decompressobj(wbits=31)
        while not member.eof:
            block = stream.read(1 << 16)
            if not block:
                return True  # cut off inside the first member: read as a stream, report the tear
            member.decompress(block)
        return not member.unused_data and not stream.read(1)


def _open(path: Path) -> IO[bytes]:
    """The file as warcio should read it: a whole-file gzip stream is decompressed here."""
    return gzip.open(path, "rb") if _single_gzip_stream(path) else open(path, "rb")


class PageReader:
    """Iterates the importable pages of a foreign WARC file, counting what it skips.

    Args:
        path: A ``.warc``, ``.warc.gz`` (any gzip layout) file.

    Attributes:
        skipped: Records not yielded, by reason.
        error: Why reading stopped early, or None after a clean read.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.skipped: dict[str, int] = {}
        self.error: str | None = None

    def __iter__(self) -> Iterator[ForeignPage]:
        end = 0  # where the last whole record ended (decompressed offset)
        try:
            with _open(self.path) as stream:
                records = ArchiveIterator(stream)
                for record in records:
                    if not record.format.startswith("warc"):  # warcio reads ARC and guesses at junk
                        raise ValueError(f"not a WARC record ({record.format} format)")
                    page, reason = _page(record)
                    missing = record.raw_stream.limit
                    # Asking warcio for the offset reads the record to its end: only after _page.
                    offset = records.get_record_offset()
                    if missing:
                        self.error = f"{self.path.name}: record at offset {offset} is cut short " \
                                     f"({missing} bytes missing)"
                        return
                    end = offset + records.get_record_length()
                    if page is None:
                        self.skipped[reason] = self.skipped.get(reason, 0) + 1
                    else:
                        yield page
                # warcio ends quietly when a gzip member is cut off: the unread bytes tell.
                # (warcio's record length leaves out the CRLF CRLF ending an uncompressed record)
                torn = stream.read(1) if isinstance(stream, gzip.GzipFile) else end + 4 < self.path.stat().st_size
                if torn:
                    self.error = f"{self.path.name}: torn or unreadable record after offset {end}"
        except _READ_ERRORS as exc:
            detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            self.error = f"{self.path.name}: unreadable record after offset {end}: {detail}"


def _page(record: Any) -> tuple[ForeignPage | None, str]:
    """Convert one record, or say why it is skipped. Reads the record's payload to its end."""
    kind = record.rec_type
    if kind not in ("response", "resource"):
        record.raw_stream.read()
        return None, kind
    if kind == "response" and record.http_headers is None:
        record.raw_stream.read()
        return None, "response_without_http"
    body = record.content_stream().read()
    if kind == "resource":
        status, protocol, content_type = 200, "HTTP/1.1", record.rec_headers.get_header("Content-Type")
        headers = [("Content-Type", content_type)] if content_type else []
    else:
        http = record.http_headers
        status, protocol, content_type = int(http.get_statuscode()), http.protocol, http.get_header("Content-Type")
        headers = [(k, v) for k, v in http.headers if k.lower() not in _CODING_HEADERS]
    if status != 200:
        return None, f"status_{status}"
    if not is_html_media_type(content_type):
        return None, "not_html"
    headers.append(("Content-Length", str(len(body))))
    warc_date = iso_date_to_datetime(record.rec_headers.get_header("WARC-Date")).replace(tzinfo=UTC)
    url = record.rec_headers.get_header("WARC-Target-URI")
    return ForeignPage(url, status, protocol, headers, body, content_type, warc_date), ""


def published_at(page: ForeignPage) -> datetime | None:
    """The publication time the page's metadata states (UTC), or None."""
    try:
        tree = parse_html(decode_html(page.body, page.content_type))
    except DecodeError:
        return None
    if tree is None:
        return None
    published = read_metadata(tree, page.url).published_at
    if published is None:
        return None
    return published.astimezone(UTC) if published.tzinfo else published.replace(tzinfo=UTC)


def source_lookup(registry: Registry) -> Callable[[str], str]:
    """A function mapping a URL to the registry source serving its host (and port), else ``imported``.

    ``www.`` is ignored on both sides; sources sharing a host on different ports stay apart.
    """
    def netloc(url: str) -> str:
        value = urlsplit(url).netloc.lower()
        return value[4:] if value.startswith("www.") else value

    by_netloc = {netloc(str(s.home)): s.id for s in registry.source}
    return lambda url: by_netloc.get(netloc(url), UNKNOWN_SOURCE)


def already_imported(archive_root: Path, crawl_id: str) -> bool:
    """Whether a capture index of ``crawl_id`` exists on any day of the archive."""
    pattern = CAPTURES_GLOB.replace("*", crawl_id)
    return any(Path(archive_root).glob(f"date=*/{pattern}"))


def import_warc(
    path: Path,
    archive_root: Path,
    registry: Registry,
    on_page: Callable[[ForeignPage], None] | None = None,
) -> FileReport:
    """Import one foreign WARC file into the archive.

    Args:
        path: The foreign file.
        archive_root: The archive folder (``DataPaths.archive``).
        registry: Sources registry, to attribute pages to sources by host.
        on_page: Called after each archived page (progress display).

    Returns:
        What was imported, skipped, and where reading stopped if it did.
    """
    path = Path(path)
    try:
        crawl_id = file_crawl_id(path)
    except OSError as exc:
        return FileReport(path, "", error=f"{path}: {exc.strerror or exc}")
    report = FileReport(path, crawl_id)
    if already_imported(archive_root, crawl_id):
        report.already_imported = True
        return report
    source_of = source_lookup(registry)
    archives: dict[str, CrawlArchive] = {}
    info = {"software": "wirearchive import-warc", "imported-from": path.name, "imported-sha1-prefix": crawl_id}
    reader = PageReader(path)
    try:
        for page in reader:
            published = published_at(page)
            day = filing_day(published, page.warc_date)  # stated day, else capture day (normalize)
            if day not in archives:
                archives[day] = CrawlArchive(archive_root, day, crawl_id, warcinfo=info)
            archive = archives[day]
            stored = archive.warc.write(HttpExchange(
                url=page.url, method="GET", request_headers=[], request_body=b"", status=page.status,
                protocol=page.protocol, response_headers=page.headers, body=page.body, fetched_at=page.warc_date,
            ))
            archive.add(Capture(
                capture_id=stored.record_id, crawl_id=crawl_id, source_id=source_of(page.url), url=page.url,
                kind="article", status=page.status, fetched_at=page.warc_date, content_type=page.content_type,
                content_length=len(page.body), payload_digest=stored.payload_digest, warc_file=stored.warc_file,
                warc_offset=stored.offset, warc_length=stored.length, published_hint=published,
            ).as_row())
            report.imported += 1
            report.days[day] = report.days.get(day, 0) + 1
            if on_page is not None:
                on_page(page)
    finally:
        for archive in archives.values():
            archive.close()
    report.skipped = reader.skipped
    report.error = reader.error
    return report


@dataclass(frozen=True)
class ImportResult:
    """What importing a batch of files read, for the caller to publish.

    Attributes:
        reports: One report per file, in the order given.
        captures: The whole capture index (``CAPTURES`` schema) of every day that received
            imported pages, read back from the archive: the ``captures`` partitions to publish.
    """

    reports: list[FileReport]
    captures: dict[str, pa.Table]

    @property
    def days(self) -> list[str]:
        """Partition days that received imported pages, in order."""
        return touched_days(self.reports)


def import_files(
    files: list[Path],
    archive_root: Path,
    registry: Registry,
    on_page: Callable[[ForeignPage], None] | None = None,
    on_file: Callable[[FileReport], None] | None = None,
) -> ImportResult:
    """Import foreign WARC files into the archive and read back the capture index of the days they touched.

    Publishing the ``captures`` partitions is the caller's (the Dagster op, the CLI).

    Args:
        files: Foreign WARC files, imported in this order.
        archive_root: The archive folder (``DataPaths.archive``).
        registry: Sources registry.
        on_page: Called after each archived page.
        on_file: Called with each file's report when the file is done.

    Returns:
        The reports and the touched days' capture indexes.
    """
    reports = []
    for path in files:
        report = import_warc(Path(path), archive_root, registry, on_page)
        reports.append(report)
        if on_file is not None:
            on_file(report)
    return ImportResult(reports, {day: read_captures(archive_root, day) for day in touched_days(reports)})


def touched_days(reports: list[FileReport]) -> list[str]:
    """Partition days that received imported pages, in order."""
    return sorted({day for report in reports for day in report.days})
