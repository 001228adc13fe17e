"""Importing foreign WARC files: layouts, partitioning by publication day, damage, idempotency.

The files are written with FastWARC (the archive writes with warcio) from the demo world's pages,
under loopback URLs whose ports nobody serves: nothing is fetched.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.ops.foreign_warc import DAYS, FETCHED, Page, write_cc_news, write_resources, write_single_gzip
from wirearchive.archive import read_captures, read_payload
from wirearchive.config import data_paths
from wirearchive.importwarc import UNKNOWN_SOURCE, import_files, import_warc
from wirearchive.sources import Registry, load_sources

UNDATED = Page(
    url="http://127.0.0.1:9/notes/plain-page",
    html=b"<html><head><title>Notes</title></head><body><article><p>"
    + b"An undated page about nothing in particular, long enough to be a body. " * 8
    + b"</p></article></body></html>",
    warc_date="2026-01-21T09:30:00Z",
)


@pytest.fixture()
def registry(world_pages: tuple[Path, dict[str, list[Page]]]) -> Registry:
    return load_sources(world_pages[0])


def test_cc_news_gzip_partitions_by_publication_day(tmp_path: Path, world_pages, registry: Registry) -> None:
    _, pages = world_pages
    extra = [
        Page("http://127.0.0.1:9/gone", b"<html><body>gone</body></html>", FETCHED, status=404),
        Page("http://127.0.0.1:9/data.json", b'{"a": 1}', FETCHED, content_type="application/json"),
    ]
    encoded = replace(pages[DAYS[1]][0], gzip=True)
    warc = write_cc_news(tmp_path / "CC-NEWS-20260120.warc.gz", [*pages[DAYS[0]], encoded, *pages[DAYS[1]][1:], *extra])
    archive = tmp_path / "archive"
    by_host = {str(s.home).split("/")[2]: s.id for s in registry.source}

    report = import_warc(warc, archive, registry)

    assert report.error is None
    assert report.days == {day: len(pages[day]) for day in DAYS}
    n = len(pages[DAYS[0]]) + len(pages[DAYS[1]]) + len(extra)
    assert report.skipped == {"warcinfo": 1, "request": n, "metadata": n, "status_404": 1, "not_html": 1}
    for day in DAYS:
        rows = read_captures(archive, day).to_pylist()
        assert sorted(r["url"] for r in rows) == sorted(p.url for p in pages[day])
        assert {r["kind"] for r in rows} == {"article"}
        assert {r["crawl_id"] for r in rows} == {report.crawl_id}
        assert all(r["published_hint"].date().isoformat() == day for r in rows)
        assert all(r["source_id"] == by_host[r["url"].split("/")[2]] for r in rows)
        html = {p.url: p.html for p in pages[day]}
        for row in rows:
            stored = read_payload(archive, row["warc_file"], row["warc_offset"])
            assert stored.body == html[row["url"]]
            assert stored.warc_date.isoformat().startswith("2026-01-20T08:00:00")


def test_plain_resource_records_and_undated_page(tmp_path: Path, world_pages, registry: Registry) -> None:
    _, pages = world_pages
    warc = write_resources(tmp_path / "resources.warc", [*pages[DAYS[1]], UNDATED])
    archive = tmp_path / "archive"

    report = import_warc(warc, archive, registry)

    assert report.error is None and report.skipped == {}
    # No date on the page: partitioned by its WARC-Date, attributed to no registry source.
    assert report.days == {DAYS[1]: len(pages[DAYS[1]]), "2026-01-21": 1}
    [undated] = read_captures(archive, "2026-01-21").to_pylist()
    assert (undated["url"], undated["source_id"], undated["published_hint"]) == (UNDATED.url, UNKNOWN_SOURCE, None)


def test_single_gzip_stream(tmp_path: Path, world_pages, registry: Registry) -> None:
    _, pages = world_pages
    warc = write_single_gzip(tmp_path / "whole.warc.gz", pages[DAYS[0]])
    report = import_warc(warc, tmp_path / "archive", registry)
    assert report.error is None
    assert report.days == {DAYS[0]: len(pages[DAYS[0]])}


@pytest.mark.parametrize("writer", [write_cc_news, write_resources], ids=["gzip-members", "plain"])
def test_truncated_file_keeps_good_records_and_reports_the_bad_one(
    tmp_path: Path, world_pages, registry: Registry, writer
) -> None:
    _, pages = world_pages
    good, last = pages[DAYS[0]][:4], pages[DAYS[0]][4]
    whole = writer(tmp_path / "whole.warc", [*good, last]).read_bytes()
    # Cut inside the last page's response: its HTML end never arrives.
    cut = whole.rfind(b"</html>") - 200 if writer is write_resources else len(whole) - 700
    truncated = tmp_path / "truncated.warc"
    truncated.write_bytes(whole[:cut])

    report = import_warc(truncated, tmp_path / "archive", registry)

    assert report.error is not None and "truncated.warc" in report.error and "offset" in report.error
    assert report.days == {DAYS[0]: len(good)}
    rows = read_captures(tmp_path / "archive", DAYS[0]).to_pylist()
    assert sorted(r["url"] for r in rows) == sorted(p.url for p in good)


def test_importing_a_file_twice_adds_nothing(tmp_path: Path, world_pages, registry: Registry) -> None:
    _, pages = world_pages
    warc = write_cc_news(tmp_path / "a.warc.gz", pages[DAYS[0]])
    first = import_warc(warc, tmp_path / "archive", registry)
    second = import_warc(warc, tmp_path / "archive", registry)
    assert first.imported == len(pages[DAYS[0]]) and not first.already_imported
    assert second.already_imported and second.imported == 0
    assert read_captures(tmp_path / "archive", DAYS[0]).num_rows == len(pages[DAYS[0]])


def test_missing_or_foreign_file_is_one_error(tmp_path: Path, registry: Registry) -> None:
    missing = import_warc(tmp_path / "nope.warc.gz", tmp_path / "archive", registry)
    assert missing.error and "nope.warc.gz" in missing.error and missing.imported == 0
    junk = tmp_path / "junk.warc"
    junk.write_bytes(b"this is not a WARC file\n" * 10)
    report = import_warc(junk, tmp_path / "archive", registry)
    assert report.error and "junk.warc" in report.error and report.imported == 0


def test_import_files_returns_the_touched_days_captures_and_publishes_nothing(
    tmp_path: Path, world_pages, registry: Registry
) -> None:
    _, pages = world_pages
    first = write_cc_news(tmp_path / "a.warc.gz", pages[DAYS[0]])
    second = write_resources(tmp_path / "b.warc", pages[DAYS[1]])
    paths = data_paths(tmp_path / "data")
    seen: list[str] = []

    result = import_files([first, second], paths.archive, registry, on_file=lambda r: seen.append(r.path.name))

    assert seen == ["a.warc.gz", "b.warc"] == [r.path.name for r in result.reports]
    assert result.days == sorted(DAYS) == sorted(result.captures)
    for day in DAYS:
        assert result.captures[day].equals(read_captures(paths.archive, day))
        assert result.captures[day].num_rows == len(pages[day])
    assert not paths.warehouse.exists()  # publishing is the caller's (the op, the CLI)
    again = import_files([first], paths.archive, registry)
    assert [r.already_imported for r in again.reports] == [True] and again.captures == {} and again.days == []
