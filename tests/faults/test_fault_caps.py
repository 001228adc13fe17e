"""Caps and refusals under the fault run, tested on their own: decompression, XML, held capture rows."""

from __future__ import annotations

import gzip
import zlib
from datetime import UTC, datetime
from pathlib import Path

import brotli
import pytest
from backports import zstd

from spiders.discover.feeds import parse_feed
from spiders.discover.sitemaps import parse_sitemap
from spiders.discover.xmlparse import DiscoveryError, parse_xml
from wirearchive.archive import (
    CrawlArchive,
    HttpExchange,
    PayloadTooLarge,
    WarcWriter,
    decode_content,
    iter_responses,
    read_captures,
)

CAP = 64 * 1024
BOMB = b"\0" * (4 * CAP)
COMPRESSORS = {"gzip": gzip.compress, "deflate": zlib.compress, "br": brotli.compress, "zstd": zstd.compress}
WHEN = datetime(2026, 1, 14, 12, tzinfo=UTC)


@pytest.mark.parametrize("encoding", sorted(COMPRESSORS))
def test_fault_decompression_bomb_is_refused_at_the_cap(encoding: str) -> None:
    packed = COMPRESSORS[encoding](BOMB)
    assert len(packed) < CAP // 8
    with pytest.raises(PayloadTooLarge, match=f"more than {CAP} bytes"):
        decode_content(packed, encoding, max_bytes=CAP)


@pytest.mark.parametrize("encoding", sorted(COMPRESSORS))
def test_fault_decompression_up_to_the_cap_decodes(encoding: str) -> None:
    body = b"x" * CAP
    assert decode_content(COMPRESSORS[encoding](body), encoding, max_bytes=CAP) == body


def test_fault_mislabelled_encoding_keeps_the_bytes() -> None:
    assert decode_content(b"<html>plain</html>", "gzip", max_bytes=CAP) == b"<html>plain</html>"


def _exchange(url: str, body: bytes, encoding: str | None) -> HttpExchange:
    headers = [("Content-Type", "text/html")] + ([("Content-Encoding", encoding)] if encoding else [])
    return HttpExchange(url, "GET", [], b"", 200, "HTTP/1.1", headers, body, WHEN)


def test_fault_archive_reader_skips_a_bomb_record_and_reads_on(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path, "2026-01-14", "c1")
    writer.write(_exchange("http://127.0.0.1:9/bomb.html", gzip.compress(b"\0" * (51 * 1024 * 1024)), "gzip"))
    writer.write(_exchange("http://127.0.0.1:9/next.html", b"<html>next</html>", None))
    writer.close()
    reader = iter_responses(tmp_path / writer.closed_files[0])
    assert [r.url for r in reader] == ["http://127.0.0.1:9/next.html"]
    assert reader.error is None
    assert len(reader.skipped) == 1 and "decodes to more than" in reader.skipped[0]


def test_fault_gzip_bomb_sitemap_is_too_large() -> None:
    with pytest.raises(DiscoveryError) as refused:
        parse_sitemap(gzip.compress(b"<urlset>" + b" " * (4 * CAP) + b"</urlset>"), "http://h/s.xml.gz", max_bytes=CAP)
    assert refused.value.reason == "too_large"


@pytest.mark.parametrize(
    "preamble",
    [
        '<!DOCTYPE rss [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>',
        '<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/hostname">]>',
    ],
    ids=["billion_laughs", "external_entity"],
)
def test_fault_xml_entity_declarations_are_refused(preamble: str) -> None:
    feed = f'<?xml version="1.0"?>{preamble}<rss><channel><item><link>http://h/&b;&x;</link></item></channel></rss>'
    with pytest.raises(DiscoveryError) as refused:
        parse_feed(feed.encode(), "http://h/feed.xml")
    assert refused.value.reason == "xml_entities"


def test_fault_external_dtd_without_entities_still_parses() -> None:
    feed = (
        b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        b'"http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss><channel><item><link>http://h/a.html</link>'
        b"</item></channel></rss>"
    )
    assert [e.url for e in parse_feed(feed, "http://h/feed.xml")] == ["http://h/a.html"]


def test_fault_malformed_feed_without_entries_is_refused_but_salvage_is_kept() -> None:
    with pytest.raises(DiscoveryError) as refused:
        parse_feed(b"<?xml version='1.0'?><rss><channel><item><title>cut off", "http://h/feed.xml")
    assert refused.value.reason == "malformed_xml"
    cut = b"<rss><channel><item><link>http://h/a.html</link></item><item><title>cut"
    assert [e.url for e in parse_feed(cut, "http://h/feed.xml")] == ["http://h/a.html"]


def test_fault_not_xml_is_refused() -> None:
    with pytest.raises(DiscoveryError) as refused:
        parse_xml(b"   ")
    assert refused.value.reason == "not_xml"


def _row(capture_id: str, url: str) -> dict:
    return {
        "capture_id": capture_id,
        "crawl_id": "c1",
        "source_id": "s",
        "url": url,
        "kind": "feed",
        "status": 200,
        "fetched_at": WHEN,
    }


def test_fault_held_capture_rows_get_their_parse_outcome(tmp_path: Path) -> None:
    archive = CrawlArchive(tmp_path, "2026-01-14", "c1", chunk_rows=1)
    archive.hold(_row("a", "http://h/bad.xml"))
    archive.hold(_row("b", "http://h/good.xml"))
    archive.hold(_row("c", "http://h/never-parsed.xml"))
    archive.release("a", "malformed_xml")
    archive.release("b")
    archive.release("unknown", "not_xml")
    archive.close()
    rows = {r["url"]: r["error"] for r in read_captures(tmp_path, "2026-01-14").to_pylist()}
    assert rows == {"http://h/bad.xml": "malformed_xml", "http://h/good.xml": None, "http://h/never-parsed.xml": None}
