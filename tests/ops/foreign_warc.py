"""Write WARC files the way other crawlers do, with FastWARC (not warcio, which the archive uses).

Layouts: Common Crawl's CC-NEWS style (gzip member per record; request, response, metadata
records; chunked transfer coding already removed and announced by ``X-Crawler-*`` headers), a
plain uncompressed file of ``resource`` records (no HTTP headers, no requests), and a single gzip
stream over the whole file (what ``gzip file.warc`` gives). A page may be stored gzip-encoded, with
its ``Content-Encoding`` header, as most crawlers other than Common Crawl keep it.
"""

from __future__ import annotations

import gzip
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from fastwarc.warc import WarcRecord, WarcRecordType

DAYS = ("2026-01-12", "2026-01-13")  # demo-world publication days the import tests use
FETCHED = "2026-01-20T08:00:00Z"  # WARC-Date long after publication: partitions must come from the pages


@dataclass(frozen=True)
class Page:
    """A page to write: URL, HTML, fetch time (``WARC-Date``), HTTP status; gzip: sent gzip-encoded."""

    url: str
    html: bytes
    warc_date: str
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    gzip: bool = False


def _record(kind: WarcRecordType, url: str, date: str, block: bytes, content_type: str) -> WarcRecord:
    record = WarcRecord()
    record.init_headers(kind, f"uuid:{uuid.uuid4()}".encode())
    record.headers["WARC-Target-URI"] = url
    record.headers["WARC-Date"] = date
    record.headers["Content-Type"] = content_type
    record.set_bytes_content(block)
    return record


def _cc_news_records(pages: Iterable[Page]) -> Iterable[WarcRecord]:
    info = b"software: fastwarc test\r\n"
    yield _record(WarcRecordType.warcinfo, "", "2026-01-20T00:00:00Z", info, "application/warc-fields")
    for page in pages:
        host = page.url.split("/")[2]
        request = f"GET /{page.url.split('/', 3)[3]} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: CCBot/2.0\r\n\r\n".encode()
        yield _record(WarcRecordType.request, page.url, page.warc_date, request, "application/http; msgtype=request")
        body = gzip.compress(page.html) if page.gzip else page.html
        coding = "Content-Encoding: gzip\r\n" if page.gzip else "X-Crawler-Transfer-Encoding: chunked\r\n"
        response = (
            f"HTTP/1.1 {page.status} X\r\nContent-Type: {page.content_type}\r\n"
            f"{coding}Content-Length: {len(body)}\r\n\r\n"
        ).encode() + body
        yield _record(WarcRecordType.response, page.url, page.warc_date, response, "application/http; msgtype=response")
        metadata = b"fetchTimeMs: 12\r\n"
        yield _record(WarcRecordType.metadata, page.url, page.warc_date, metadata, "application/warc-fields")


def _block(record: WarcRecord) -> bytes:
    out = BytesIO()
    record.write(out, checksum_data=True)
    return out.getvalue()


def write_cc_news(path: Path, pages: Iterable[Page]) -> Path:
    """CC-NEWS style: one gzip member per record, request + response + metadata per page."""
    path.write_bytes(b"".join(gzip.compress(_block(r)) for r in _cc_news_records(pages)))
    return path


def write_resources(path: Path, pages: Iterable[Page]) -> Path:
    """Plain WARC of ``resource`` records: payload only, no HTTP headers, no request records."""
    records = (_record(WarcRecordType.resource, p.url, p.warc_date, p.html, p.content_type) for p in pages)
    path.write_bytes(b"".join(_block(r) for r in records))
    return path


def write_single_gzip(path: Path, pages: Iterable[Page]) -> Path:
    """CC-NEWS records, but the whole file compressed as one gzip stream."""
    path.write_bytes(gzip.compress(b"".join(_block(r) for r in _cc_news_records(pages))))
    return path
