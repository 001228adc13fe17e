"""One archived day through extraction and normalization, in the core: articles and failures rows."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa

from testkit.nonarticles import tag_page
from wirearchive.archive import CrawlArchive, HttpExchange, read_captures
from wirearchive.capture import Capture
from wirearchive.extract import extract
from wirearchive.extractday import DayExtraction, article_captures, extract_day, failure_row
from wirearchive.sources import Registry, Source
from wirearchive.tables import ARTICLES, CAPTURES, FAILURES

DAY = "2026-01-12"
FETCHED = datetime(2026, 1, 12, 8, 0, tzinfo=UTC)
ARTICLE = b"""<!doctype html><html lang="en"><head><title>Harbour reopens after the storm</title>
<meta property="article:published_time" content="2026-01-12T06:30:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Harbour reopens after the storm</h1>
<p>PORTVILLE (AP) - The harbour reopened on Monday after three days of closure, port officials said,
as crews cleared the last of the debris left by the storm that swept the coast over the weekend.</p>
<p>Ferries resumed their morning crossings and the first cargo ships were guided in by tugboats, while
fishermen checked their moorings and counted the boats that had been lost to the high water.</p>
<p>The harbour master said repairs to the outer wall would take several weeks and cost millions.</p>
</article><footer>Copyright Portville Daily</footer></body></html>"""
LISTING = b"""<!doctype html><html><head><title>World news</title></head><body><ul>
<li><a href="/a">One</a></li><li><a href="/b">Two</a></li><li><a href="/c">Three</a></li></ul></body></html>"""


def archive_day(root: Path, extra: list[tuple[str, int, str, bytes]] | None = None) -> dict[str, str]:
    """A day with an article, a listing page, a 404 article and a feed, and ``extra`` pages
    ``(url, status, kind, body)``; returns url -> capture id."""
    ids = {}
    with_body = [
        ("https://daily.example/2026/01/12/harbour", 200, "article", ARTICLE),
        ("https://daily.example/world", 200, "article", LISTING),
        ("https://daily.example/gone", 404, "article", b"<html><body>not found</body></html>"),
        ("https://daily.example/feed.xml", 200, "feed", b"<rss></rss>"),
        *(extra or []),
    ]
    archive = CrawlArchive(root, DAY, "crawl-1")
    try:
        for url, status, kind, body in with_body:
            headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))]
            stored = archive.warc.write(
                HttpExchange(
                    url=url,
                    method="GET",
                    request_headers=[],
                    request_body=b"",
                    status=status,
                    protocol="HTTP/1.1",
                    response_headers=headers,
                    body=body,
                    fetched_at=FETCHED,
                )
            )
            ids[url] = stored.record_id
            archive.add(
                Capture(
                    capture_id=stored.record_id,
                    crawl_id="crawl-1",
                    source_id="daily",
                    url=url,
                    kind=kind,
                    status=status,
                    fetched_at=FETCHED,
                    content_type="text/html; charset=utf-8",
                    content_length=len(body),
                    payload_digest=stored.payload_digest,
                    warc_file=stored.warc_file,
                    warc_offset=stored.offset,
                    warc_length=stored.length,
                ).as_row()
            )
    finally:
        archive.close()
    return ids


def registry() -> Registry:
    return Registry(
        source=[
            Source(
                id="daily",
                name="Portville Daily",
                kind="outlet",
                home="https://daily.example/",
                feeds=["https://daily.example/feed.xml"],
            )
        ]
    )


def test_capture_rows_round_trip_through_the_index(tmp_path: Path) -> None:
    archive_day(tmp_path)
    index = read_captures(tmp_path, DAY)
    assert index.schema.equals(CAPTURES)
    captures = [Capture.from_row(row) for row in index.to_pylist()]
    assert pa.Table.from_pylist([c.as_row() for c in captures], schema=CAPTURES).equals(index)


def test_only_answered_article_pages_are_attempted(tmp_path: Path) -> None:
    ids = archive_day(tmp_path)
    attempted = article_captures(read_captures(tmp_path, DAY))
    assert {c.capture_id for c in attempted} == {
        ids["https://daily.example/2026/01/12/harbour"],
        ids["https://daily.example/world"],
    }
    assert all(isinstance(c, Capture) and c.status == 200 and c.kind == "article" for c in attempted)


def test_extract_day_gives_an_article_and_a_failure(tmp_path: Path) -> None:
    ids = archive_day(tmp_path)
    result = extract_day(tmp_path, DAY, registry(), processes=1)
    assert isinstance(result, DayExtraction)
    assert result.attempted == 2
    assert result.articles.schema.equals(ARTICLES) and result.failures.schema.equals(FAILURES)
    [article] = result.articles.to_pylist()
    assert article["capture_id"] == ids["https://daily.example/2026/01/12/harbour"]
    assert article["title"] == "Harbour reopens after the storm"
    assert article["source_id"] == "daily" and article["fetched_at"] == FETCHED
    assert "harbour reopened on Monday" in article["body"]
    [failure] = result.failures.to_pylist()
    assert failure["capture_id"] == ids["https://daily.example/world"]
    assert failure["stage"] == "extract" and failure["url"] == "https://daily.example/world"


def test_a_page_the_gate_turns_away_is_a_flagged_article_row_not_a_failure(tmp_path: Path) -> None:
    url = "https://daily.example/tag/climate"
    ids = archive_day(tmp_path, [(url, 200, "article", tag_page().encode())])
    result = extract_day(tmp_path, DAY, registry(), processes=1)
    assert result.attempted == 3
    rows = {row["capture_id"]: row for row in result.articles.to_pylist()}
    assert rows[ids[url]]["not_article"] == "not_article_listing" and rows[ids[url]]["body"]
    assert rows[ids["https://daily.example/2026/01/12/harbour"]]["not_article"] is None
    # only the page without text is a failure; the same result as extract() gives the page
    assert result.failures["capture_id"].to_pylist() == [ids["https://daily.example/world"]]
    assert extract(tag_page(), url).not_article == "not_article_listing"


def test_an_unreadable_record_is_a_failure_row_not_a_crash(tmp_path: Path) -> None:
    archive_day(tmp_path)
    warc = next((tmp_path / f"date={DAY}").glob("*.warc.gz"))
    warc.write_bytes(warc.read_bytes()[:200])  # torn after the first record's start
    result = extract_day(tmp_path, DAY, registry(), processes=1)
    assert result.articles.num_rows == 0
    assert set(result.failures["reason"].to_pylist()) == {"warc_read_error"}
    assert result.failures.num_rows == result.attempted == 2


def test_failure_detail_is_cut() -> None:
    capture = Capture(
        capture_id="<urn:uuid:1>",
        crawl_id="c",
        source_id="s",
        url="https://x.example/",
        kind="article",
        status=200,
        fetched_at=FETCHED,
    )
    row = failure_row(capture, "internal_error", "x" * 5000)
    assert len(row["detail"]) == 2000 and row["reason"] == "internal_error"
