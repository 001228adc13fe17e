"""wirearchive.archive: WARC writing/reading, rotation, torn files, capture index I/O."""

from __future__ import annotations

import gzip
import subprocess
import sys
import zlib
from datetime import UTC, datetime
from pathlib import Path

import brotli
import pyarrow as pa
import pytest
from backports import zstd
from warcio.archiveiterator import ArchiveIterator

from wirearchive.archive import (
    CrawlArchive,
    HttpExchange,
    WarcWriter,
    captured_article_urls,
    iter_responses,
    read_captures,
    read_payload,
    recover_interrupted,
    write_captures,
)
from wirearchive.tables import CAPTURES

DAY = "2026-11-20"
WHEN = datetime(2026, 11, 20, 12, 30, 1, 250000, tzinfo=UTC)
HTML = "<html><body><p>Café talks resume</p></body></html>".encode()


def exchange(url: str = "http://127.0.0.1:9/a.html", body: bytes = HTML, encoding: str | None = None) -> HttpExchange:
    headers = [("Content-Type", "text/html; charset=utf-8"), ("Transfer-Encoding", "chunked")]
    if encoding:
        headers.append(("Content-Encoding", encoding))
    return HttpExchange(
        url=url,
        method="GET",
        request_headers=[("User-Agent", "test"), ("Accept-Encoding", "gzip")],
        request_body=b"",
        status=200,
        protocol="HTTP/1.1",
        response_headers=headers,
        body=body,
        fetched_at=WHEN,
    )


@pytest.mark.parametrize(
    ("encoding", "compress"),
    [("gzip", gzip.compress), ("br", brotli.compress), ("zstd", zstd.compress), ("deflate", zlib.compress)],
)
def test_read_payload_round_trip_decodes_content_encoding(tmp_path: Path, encoding: str, compress) -> None:
    writer = WarcWriter(tmp_path, DAY, "c1")
    stored = writer.write(exchange(body=compress(HTML), encoding=encoding))
    writer.close()
    got = read_payload(tmp_path, stored.warc_file, stored.offset)
    assert (got.url, got.status, got.body, got.content_type, got.warc_date, got.record_id) == (
        "http://127.0.0.1:9/a.html",
        200,
        HTML,
        "text/html; charset=utf-8",
        WHEN,
        stored.record_id,
    )


def test_records_are_linked_digested_and_transfer_encoding_dropped(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path, DAY, "c1")
    stored = writer.write(exchange())
    writer.close()
    with open(tmp_path / stored.warc_file, "rb") as stream:
        records = [(r.rec_type, r.rec_headers, r.http_headers) for r in ArchiveIterator(stream)]
    kinds = [kind for kind, _, _ in records]
    response, request = records[1][1], records[2][1]
    assert kinds == ["warcinfo", "response", "request"]
    assert request.get_header("WARC-Concurrent-To") == response.get_header("WARC-Record-ID")
    assert response.get_header("WARC-Payload-Digest") == stored.payload_digest
    assert response.get_header("WARC-Block-Digest").startswith("sha1:")
    assert records[1][2].get_header("Transfer-Encoding") is None


def test_files_rotate_by_size_and_are_renamed_when_closed(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path, DAY, "c1", max_bytes=600)
    stored = [writer.write(exchange(url=f"http://127.0.0.1:9/{i}.html")) for i in range(4)]
    writer.close()
    folder = tmp_path / f"date={DAY}"
    assert sorted(p.name for p in folder.iterdir()) == [f"c1-0000{i}.warc.gz" for i in range(4)]
    assert [read_payload(tmp_path, s.warc_file, s.offset).url for s in stored] == [
        f"http://127.0.0.1:9/{i}.html" for i in range(4)
    ]


def test_bytes_written_is_the_size_of_the_files(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path, DAY, "c1", max_bytes=600)
    for i in range(3):
        writer.write(exchange(url=f"http://127.0.0.1:9/{i}.html"))
    writer.close()
    assert writer.bytes_written == sum(p.stat().st_size for p in (tmp_path / f"date={DAY}").iterdir())


def test_iter_responses_stops_at_a_torn_tail(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path, DAY, "c1")
    first = writer.write(exchange(url="http://127.0.0.1:9/1.html"))
    second = writer.write(exchange(url="http://127.0.0.1:9/2.html"))
    writer.close()
    path = tmp_path / first.warc_file
    path.write_bytes(path.read_bytes()[: second.offset + second.length // 2])
    reader = iter_responses(path)
    assert [(r.url, r.body, r.offset) for r in reader] == [("http://127.0.0.1:9/1.html", HTML, first.offset)]
    assert reader.error is not None


def test_read_captures_without_files_is_an_empty_table_with_the_schema(tmp_path: Path) -> None:
    table = read_captures(tmp_path, DAY)
    assert (table.num_rows, table.schema) == (0, CAPTURES)


def row(url: str, status: int | None, kind: str = "article", redirect_to: str | None = None) -> dict:
    return {
        "capture_id": f"<urn:uuid:{url}>",
        "crawl_id": "c1",
        "source_id": "wire",
        "url": url,
        "kind": kind,
        "status": status,
        "fetched_at": WHEN,
        "redirect_to": redirect_to,
    }


def test_captured_article_urls_follow_redirects_to_archived_pages(tmp_path: Path) -> None:
    write_captures(
        tmp_path,
        DAY,
        "c1",
        [row("http://h/a", 200), row("http://h/b", 301, redirect_to="http://h/a"), row("http://h/c", 404)],
    )
    write_captures(tmp_path, "2026-11-21", "c2", [row("http://h/feed", 200, kind="feed"), row("http://h/d", None)])
    assert captured_article_urls(tmp_path) == {"http://h/a", "http://h/b"}


def test_read_captures_unions_the_crawls_of_a_day(tmp_path: Path) -> None:
    write_captures(tmp_path, DAY, "c1", [row("http://h/a", 200)])
    write_captures(tmp_path, DAY, "c2", [row("http://h/b", 200), row("http://h/c", 200)])
    table = read_captures(tmp_path, DAY)
    assert sorted(table.column("url").to_pylist()) == ["http://h/a", "http://h/b", "http://h/c"]
    assert isinstance(table, pa.Table) and table.schema == CAPTURES


def test_crawl_archive_flushes_hidden_parts_then_publishes_one_index(tmp_path: Path) -> None:
    archive = CrawlArchive(tmp_path, DAY, "c1", chunk_rows=2)
    for i in range(5):
        archive.warc.write(exchange(url=f"http://h/{i}"))
        archive.add(row(f"http://h/{i}", 200))
    during = (len(list((tmp_path / f"date={DAY}").glob(".captures-c1.part-*"))), read_captures(tmp_path, DAY).num_rows)
    archive.close()
    assert during == (2, 0)  # flushed, but invisible to readers until the crawl ends
    assert sorted(p.name for p in (tmp_path / f"date={DAY}").iterdir()) == ["c1-00000.warc.gz", "captures-c1.parquet"]
    assert read_captures(tmp_path, DAY).num_rows == 5


DYING_CRAWL = """
import os, sys
from datetime import UTC, datetime
from pathlib import Path
from wirearchive.archive import CrawlArchive, HttpExchange
archive = CrawlArchive(Path(sys.argv[1]), "2026-11-20", "dead", chunk_rows=2)
for i in range(5):
    stored = archive.warc.write(HttpExchange(f"http://h/{i}", "GET", [], b"", 200, "HTTP/1.1", [], b"<p>x</p>",
                                             datetime.now(UTC)))
    archive.add({"capture_id": stored.record_id, "crawl_id": "dead", "source_id": "w", "url": f"http://h/{i}",
                 "kind": "article", "status": 200, "fetched_at": datetime.now(UTC),
                 "warc_file": stored.warc_file, "warc_offset": stored.offset})
os._exit(1)
"""


def test_recover_interrupted_finishes_a_crawl_whose_process_died(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-c", DYING_CRAWL, str(tmp_path)], cwd=Path(__file__).resolve().parents[2], check=False
    )
    assert recover_interrupted(tmp_path, DAY) == ["dead"]
    rows = read_captures(tmp_path, DAY).to_pylist()
    assert [r["url"] for r in rows] == [f"http://h/{i}" for i in range(4)]  # the unflushed 5th row is lost
    assert read_payload(tmp_path, rows[3]["warc_file"], rows[3]["warc_offset"]).url == "http://h/3"
    assert sorted(p.name for p in (tmp_path / f"date={DAY}").iterdir()) == [
        "captures-dead.parquet",
        "dead-00000.warc.gz",
    ]


def test_recover_interrupted_leaves_live_crawls_alone(tmp_path: Path) -> None:
    archive = CrawlArchive(tmp_path, DAY, "live", chunk_rows=1)
    archive.add(row("http://h/a", 200))
    assert recover_interrupted(tmp_path, DAY) == []
    archive.close()
