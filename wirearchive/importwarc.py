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
- **One row per record, however many files carry it.** A record's identity is its
  ``WARC-Record-ID``, else its URL + payload digest (:func:`record_identity`); the archived copy's
  record id (the capture id) is a UUID5 of that identity, and a record whose capture id the day's
  capture index already holds is skipped as ``duplicate``. A good file, a truncated copy of it and
  the same file uncompressed give one row per record; re-importing is idempotent. A file imported
  before as a whole (same SHA-1: the crawl id is ``import-<16 hex of the SHA-1>``) is not read again.
- **Damage is skipped, not fatal**: a record that cannot be read (zeroed bytes, a torn gzip member,
  a cut-off tail) is a gap of bytes reported with its offsets, and reading resumes at the next
  readable record (:mod:`wirearchive.archive.resync`). A record with a malformed ``WARC-Date`` is
  skipped alone (``bad_warc_date``).
- **Digest mismatches are flagged**: a page whose declared ``WARC-Payload-Digest`` (or block digest)
  does not match the bytes read is imported with ``digest_mismatch`` set in its capture row
  (``payload``, ``block`` or ``block,payload``), and counted in the file's report: some writers
  compute digests over a transfer coding they then removed, so such pages are often intact.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pyarrow as pa

from wirearchive.archive import CAPTURES_GLOB, CrawlArchive, HttpExchange, read_captures
from wirearchive.archive.resync import ForeignRecord, Gap, read_records
from wirearchive.capture import Capture
from wirearchive.htmltext import DecodeError, decode_html, is_html_media_type, parse_html
from wirearchive.metadata import read_metadata
from wirearchive.normalize import filing_day
from wirearchive.sources import Registry

UNKNOWN_SOURCE = "imported"
CRAWL_ID_PREFIX = "import-"
WARC_SUFFIXES = (".warc", ".warc.gz")
# Day archives open at once during an import: each holds 2 file descriptors (lock, open WARC), and
# a CC-NEWS file can hold pages of hundreds of publication days; 64 stays far below the usual
# soft limit of 1,024 descriptors (`ulimit -n`).
MAX_OPEN_DAYS = 64  # what a folder given to import-warc is searched for
# Headers that described the bytes on the wire, not the decoded body the archive stores.
_CODING_HEADERS = frozenset({"transfer-encoding", "content-encoding", "content-length"})
# Namespace of the imported records' capture ids (uuid5 of "wirearchive import-warc record identity").
_IDENTITY_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "wirearchive:import-warc:record-identity")


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
        identity: What makes copies of the record the same (:func:`record_identity`).
        digest_mismatch: Which declared digests did not match (``payload``, ``block``), or None.
    """

    url: str
    status: int
    protocol: str
    headers: list[tuple[str, str]]
    body: bytes
    content_type: str | None
    warc_date: datetime
    identity: str
    digest_mismatch: str | None = None


@dataclass
class FileReport:
    """What importing one file did.

    Attributes:
        path: The foreign file.
        crawl_id: Crawl id its pages were archived under.
        imported: Pages archived.
        days: Pages archived per partition day.
        skipped: Records not imported, by reason (``duplicate``: already in the archive).
        error: The damage met (byte ranges skipped, with offsets) or why the file could not be
            read; None after a clean read.
        already_imported: The file had been imported before; nothing was done.
        digest_mismatches: Pages imported whose declared digests did not match.
        skipped_bytes: Bytes skipped as unreadable.
    """

    path: Path
    crawl_id: str
    imported: int = 0
    days: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    error: str | None = None
    already_imported: bool = False
    digest_mismatches: int = 0
    skipped_bytes: int = 0


class BadInput(ValueError):
    """A path given to import cannot be imported: missing, unreadable, or a folder without WARC files."""


def input_files(paths: list[Path]) -> list[Path]:
    """The files to import for the paths given: files as they are, folders by their WARC files.

    A folder stands for the ``*.warc`` and ``*.warc.gz`` files directly in it, in name order.

    Args:
        paths: Paths as the user gave them.

    Returns:
        The files, in the order given.

    Raises:
        BadInput: A path does not exist, cannot be read, or is a folder holding no WARC file.
    """
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.name.endswith(WARC_SUFFIXES))
            if not found:
                raise BadInput(f"{path}: no WARC files ({', '.join('*' + s for s in WARC_SUFFIXES)}) in this folder")
            files.extend(found)
        elif not path.exists():
            raise BadInput(f"{path}: no such file or folder")
        else:
            files.append(path)
    for path in files:
        try:
            with open(path, "rb") as stream:
                stream.read(1)
        except OSError as exc:
            raise BadInput(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return files


def file_crawl_id(path: Path) -> str:
    """The crawl id of a foreign file: ``import-`` + 16 hex digits of its SHA-1."""
    digest = hashlib.sha1()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return CRAWL_ID_PREFIX + digest.hexdigest()[:16]


class PageReader:
    """Iterates the importable pages of a foreign WARC file, counting what it skips.

    Damaged stretches are skipped to the next readable record (:mod:`wirearchive.archive.resync`).

    Args:
        path: A ``.warc``, ``.warc.gz`` (any gzip layout) file.

    Attributes:
        skipped: Records not yielded, by reason.
        gaps: Byte ranges skipped as unreadable, in file order.
        error: Why the file could not be read at all, or None.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.skipped: dict[str, int] = {}
        self.gaps: list[Gap] = []
        self.error: str | None = None

    def __iter__(self) -> Iterator[ForeignPage]:
        try:
            for item in read_records(self.path):
                if isinstance(item, Gap):
                    self.gaps.append(item)
                    continue
                page, reason = _page(item)
                if page is None:
                    self.skipped[reason] = self.skipped.get(reason, 0) + 1
                else:
                    yield page
        except OSError as exc:
            self.error = f"{self.path}: {exc.strerror or exc}"

    @property
    def damage(self) -> str | None:
        """One line naming the file and every skipped byte range, or None after a clean read."""
        if self.error or not self.gaps:
            return self.error
        return f"{self.path.name}: " + "; ".join(g.describe() for g in self.gaps)


def record_identity(record: ForeignRecord) -> str:
    """What makes two copies of a record the same: its WARC-Record-ID, else URL + payload digest.

    The payload digest is the declared ``WARC-Payload-Digest``, else the SHA-1 of the payload read.
    """
    record_id = record.header("WARC-Record-ID")
    if record_id:
        return f"record {record_id.strip()}"
    digest = record.header("WARC-Payload-Digest") or "sha1:" + hashlib.sha1(record.payload).hexdigest()
    return f"content {record.header('WARC-Target-URI')} {digest}"


def capture_id_of(identity: str) -> str:
    """The capture id (archived WARC-Record-ID) of an imported record: a UUID5 of its identity.

    The same record imported from any file, any number of times, gets the same capture id (so the
    same article id), which is how copies are recognized.
    """
    return f"<urn:uuid:{uuid.uuid5(_IDENTITY_NAMESPACE, identity)}>"


def _page(record: ForeignRecord) -> tuple[ForeignPage | None, str]:
    """Convert one record, or say why it is skipped."""
    kind = record.rec_type
    if kind not in ("response", "resource"):
        return None, kind
    if kind == "response" and record.http is None:
        return None, "response_without_http"
    if kind == "resource":
        status, protocol, content_type = 200, "HTTP/1.1", record.header("Content-Type")
        headers = [("Content-Type", content_type)] if content_type else []
    else:
        http = record.http
        status, protocol, content_type = int(http.get_statuscode()), http.protocol, http.get_header("Content-Type")
        headers = [(k, v) for k, v in http.headers if k.lower() not in _CODING_HEADERS]
    if status != 200:
        return None, f"status_{status}"
    if not is_html_media_type(content_type):
        return None, "not_html"
    if record.warc_date is None:
        return None, "bad_warc_date"
    headers.append(("Content-Length", str(len(record.payload))))
    url = record.header("WARC-Target-URI")
    if not url:
        return None, "no_target_uri"
    mismatch = ",".join(sorted({p.split(" ", 1)[0] for p in record.digest_problems})) or None
    return ForeignPage(
        url,
        status,
        protocol,
        headers,
        record.payload,
        content_type,
        record.warc_date,
        record_identity(record),
        mismatch,
    ), ""


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


class _DayArchives:
    """The day archives an import writes to, at most :data:`MAX_OPEN_DAYS` open at once.

    The least recently used is closed to make room; a day that receives pages again is reopened
    under ``<crawl id>-<n>`` (a crawl's files are immutable once closed).
    """

    def __init__(self, archive_root: Path, crawl_id: str, info: dict[str, str]) -> None:
        self._root, self._crawl_id, self._info = archive_root, crawl_id, info
        self._open: OrderedDict[str, tuple[CrawlArchive, str]] = OrderedDict()
        self._opened: dict[str, int] = {}

    def get(self, day: str) -> tuple[CrawlArchive, str]:
        """The open archive of ``day`` and the crawl id it writes under."""
        if day in self._open:
            self._open.move_to_end(day)
            return self._open[day]
        if len(self._open) >= MAX_OPEN_DAYS:
            _, (oldest, _) = self._open.popitem(last=False)
            oldest.close()
        n = self._opened.get(day, 0)
        self._opened[day] = n + 1
        crawl_id = self._crawl_id if n == 0 else f"{self._crawl_id}-{n}"
        self._open[day] = (CrawlArchive(self._root, day, crawl_id, warcinfo=self._info), crawl_id)
        return self._open[day]

    def close(self) -> None:
        """Close every open archive (publishing their capture indexes)."""
        while self._open:
            _, (archive, _) = self._open.popitem(last=False)
            archive.close()


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
    info = {"software": "wirearchive import-warc", "imported-from": path.name, "imported-sha1-prefix": crawl_id}
    archives = _DayArchives(archive_root, crawl_id, info)
    reader = PageReader(path)
    known: dict[str, set[str]] = {}  # capture ids per day: in the archive before, or written now
    try:
        for page in reader:
            published = published_at(page)
            day = filing_day(published, page.warc_date)  # stated day, else capture day (normalize)
            if day not in known:
                known[day] = set(read_captures(archive_root, day).column("capture_id").to_pylist())
            capture_id = capture_id_of(page.identity)
            if capture_id in known[day]:
                reader.skipped["duplicate"] = reader.skipped.get("duplicate", 0) + 1
                continue
            known[day].add(capture_id)
            archive, archive_crawl_id = archives.get(day)
            stored = archive.warc.write(
                HttpExchange(
                    url=page.url,
                    method="GET",
                    request_headers=[],
                    request_body=b"",
                    status=page.status,
                    protocol=page.protocol,
                    response_headers=page.headers,
                    body=page.body,
                    fetched_at=page.warc_date,
                    record_id=capture_id,
                )
            )
            row = Capture(
                capture_id=stored.record_id,
                crawl_id=archive_crawl_id,
                source_id=source_of(page.url),
                url=page.url,
                kind="article",
                status=page.status,
                fetched_at=page.warc_date,
                content_type=page.content_type,
                content_length=len(page.body),
                payload_digest=stored.payload_digest,
                warc_file=stored.warc_file,
                warc_offset=stored.offset,
                warc_length=stored.length,
                published_hint=published,
            ).as_row()
            archive.add({**row, "digest_mismatch": page.digest_mismatch})
            report.imported += 1
            report.digest_mismatches += page.digest_mismatch is not None
            report.days[day] = report.days.get(day, 0) + 1
            if on_page is not None:
                on_page(page)
    finally:
        archives.close()
    report.skipped = reader.skipped
    report.error = reader.damage
    report.skipped_bytes = sum(g.length for g in reader.gaps)
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
