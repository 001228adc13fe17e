"""import-warc bench: records/s of the import next to bare iteration, and pages/s end to end.

Usage::

    .venv/bin/python bench/importwarc.py                  # 10,000 pages (30,001 records)
    .venv/bin/python bench/importwarc.py --pages 2000 --e2e-pages 60

It writes (under ``--out``, default ``bench/out/importwarc``, gitignored) a CC-NEWS-style file:
one gzip member per record; warcinfo, then request + response + metadata per page, as Common
Crawl's news crawl writes them, with FastWARC. The pages are self-generated HTML with an
``article:published_time`` spread over 2016-08-01 (CC-NEWS's first day) .. today, in crawl order
(days rise through the file) but for 5% of older stories re-crawled at random places, and a
~300-word body. Every publication day costs the import a few fsyncs (its WARC file, capture index
and folder), so pages per day matter: 10,000 pages over ~3,800 days is ~2.6 per day, far fewer
than in a real CC-NEWS file (a few hours of crawl, mostly the same few days). Then it times, over the same file:

- bare iteration with warcio and with FastWARC (every record's payload read to its end);
- :func:`wirearchive.archive.resync.read_records` (warcio per gzip member, digests checked);
- :func:`wirearchive.importwarc.import_warc` into an empty archive (read, date from the page's
  metadata, rewrite into the archive, capture index);
- the same import of a ``--dense-pages`` file whose pages fall on 3 days (the per-page cost);
- end to end: import of a smaller file whose pages fall on ``--e2e-days`` recent days, then
  ``reprocess_job`` of those days through Dagster (``wirearchive.cli.run_days``) into a temp data
  folder. Those days are recent because the partitions start at 2020-01-01 until the days15
  branch is merged.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from io import BytesIO
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path[:] = [str(_HERE.parent)] + [p for p in sys.path if Path(p or ".").resolve() != _HERE]

from fastwarc.warc import ArchiveIterator as FastIterator  # noqa: E402
from fastwarc.warc import WarcRecord, WarcRecordType  # noqa: E402
from warcio.archiveiterator import ArchiveIterator  # noqa: E402

from wirearchive.archive.resync import read_records  # noqa: E402
from wirearchive.config import data_paths  # noqa: E402
from wirearchive.importwarc import import_warc  # noqa: E402
from wirearchive.sources import load_sources  # noqa: E402

OLD_SHARE = 0.05  # pages re-crawled long after publication (an assumption: CC-NEWS mostly holds fresh news)
CC_NEWS_START = date(2016, 8, 1)  # first day of Common Crawl's CC-NEWS dataset
WORDS = (
    "minister said talks would resume on monday after the ceasefire collapsed in the north "
    "officials reported heavy rain and flooding across the region while markets fell sharply "
    "the agency quoted a spokesman as saying the government had no plans to change course"
).split()


def page_html(rng: random.Random, title: str, published: datetime) -> bytes:
    """A news page: title, published time in its metadata, a ~300-word body in paragraphs."""
    paragraphs = "".join(
        "<p>" + " ".join(rng.choice(WORDS) for _ in range(60)).capitalize() + ".</p>" for _ in range(5)
    )
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="article:published_time" content="{published.isoformat()}">'
        f'<meta property="og:title" content="{title}"></head><body><header>News site</header>'
        f"<article><h1>{title}</h1>{paragraphs}</article><footer>(c) News</footer></body></html>"
    ).encode()


def _record(kind: WarcRecordType, url: str, when: str, block: bytes, content_type: str) -> bytes:
    record = WarcRecord()
    record.init_headers(kind, f"<urn:uuid:{uuid.uuid4()}>".encode())
    record.headers["WARC-Target-URI"] = url
    record.headers["WARC-Date"] = when
    record.headers["Content-Type"] = content_type
    record.set_bytes_content(block)
    out = BytesIO()
    record.write(out, checksum_data=True)
    return gzip.compress(out.getvalue(), compresslevel=6)


def cc_news_members(pages: int, days: list[date], seed: int) -> Iterator[bytes]:
    """The gzip members of a CC-NEWS-style file of ``pages`` pages published on ``days``."""
    rng = random.Random(seed)
    yield _record(
        WarcRecordType.warcinfo, "", "2026-01-01T00:00:00Z", b"software: bench\r\n", "application/warc-fields"
    )
    for i in range(pages):
        # In crawl order (publication days rise through the file), and one page in OLD_SHARE an
        # older story re-crawled, dated any day of the range.
        day = rng.choice(days) if rng.random() < OLD_SHARE else days[i * len(days) // pages]
        published = datetime(day.year, day.month, day.day, rng.randrange(24), rng.randrange(60), tzinfo=UTC)
        fetched = (published + timedelta(hours=rng.randrange(1, 30))).strftime("%Y-%m-%dT%H:%M:%SZ")
        url = f"http://news{i % 50}.example/{day.isoformat()}/story-{i}"
        html = page_html(rng, f"Story {i} of {day.isoformat()}", published)
        request = f"GET /{url.split('/', 3)[3]} HTTP/1.1\r\nHost: {url.split('/')[2]}\r\nUser-Agent: CCBot/2.0\r\n\r\n"
        yield _record(WarcRecordType.request, url, fetched, request.encode(), "application/http; msgtype=request")
        response = (
            f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nX-Crawler-Transfer-Encoding: chunked\r\n"
            f"Content-Length: {len(html)}\r\n\r\n"
        ).encode() + html
        yield _record(WarcRecordType.response, url, fetched, response, "application/http; msgtype=response")
        yield _record(WarcRecordType.metadata, url, fetched, b"fetchTimeMs: 120\r\n", "application/warc-fields")


def write_file(path: Path, pages: int, days: list[date], seed: int) -> int:
    """Write the file; returns its record count."""
    n = 0
    with open(path, "wb") as out:
        for member in cc_news_members(pages, days, seed):
            out.write(member)
            n += 1
    return n


def timed(label: str, records: int, fn) -> float:
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    print(f"{label:<34} {seconds:8.2f} s  {records / seconds:10,.0f} records/s" + (f"  ({result})" if result else ""))
    return seconds


def bare_warcio(path: Path) -> str:
    with open(path, "rb") as stream:
        n = sum(1 for record in ArchiveIterator(stream) if record.content_stream().read() is not None)
    return f"{n} records"


def bare_fastwarc(path: Path) -> str:
    n = sum(1 for record in FastIterator(str(path), parse_http=True) if record.reader.read() is not None)
    return f"{n} records"


def ours(path: Path) -> str:
    n = sum(1 for _ in read_records(path))
    return f"{n} records"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=10_000, help="pages of the big file (3 records each, +1)")
    parser.add_argument("--dense-pages", type=int, default=2000, help="pages of a file dated on 3 days only")
    parser.add_argument("--e2e-pages", type=int, default=150, help="pages of the end-to-end file")
    parser.add_argument("--e2e-days", type=int, default=3, help="recent days the end-to-end pages fall on")
    parser.add_argument("--out", type=Path, default=_HERE / "out" / "importwarc")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    today = datetime.now(UTC).date()
    all_days = [CC_NEWS_START + timedelta(days=d) for d in range((today - CC_NEWS_START).days + 1)]
    big = args.out / f"cc-news-{args.pages}.warc.gz"
    if not big.exists():
        write_file(big, args.pages, all_days, args.seed)
    records = 1 + 3 * args.pages
    print(
        f"file: {big.name}: {args.pages} pages, {records} records, {big.stat().st_size / 1e6:.1f} MB, "
        f"pages dated {all_days[0]}..{all_days[-1]}"
    )
    registry = load_sources(_HERE.parent / "sources.toml")

    warcio_s = timed("bare iteration, warcio 1.8.1", records, lambda: bare_warcio(big))
    fast_s = timed("bare iteration, FastWARC 2.0.1", records, lambda: bare_fastwarc(big))
    ours_s = timed("resync.read_records (warcio)", records, lambda: ours(big))
    with tempfile.TemporaryDirectory(dir=args.out) as tmp:
        report_box = {}

        def run_import() -> str:
            report_box["r"] = import_warc(big, Path(tmp) / "archive", registry)
            return f"{report_box['r'].imported} pages into {len(report_box['r'].days)} days"

        import_s = timed("import_warc (read+date+rewrite)", records, run_import)
        indexes = len(list((Path(tmp) / "archive").glob("date=*/captures-*.parquet")))
    print(
        f"  {indexes} capture indexes written (one per day archive opened; "
        f"{indexes - len(report_box['r'].days)} days reopened after being closed to stay under the open-file cap)"
    )
    print(f"  pages/s of import_warc: {args.pages / import_s:,.0f}")
    dense_days = [today - timedelta(days=d) for d in range(3, 0, -1)]
    with tempfile.TemporaryDirectory(dir=args.out) as tmp:
        dense = Path(tmp) / "dense.warc.gz"
        write_file(dense, args.dense_pages, dense_days, args.seed + 2)
        dense_s = timed(
            f"import_warc, {args.dense_pages} pages on 3 days",
            1 + 3 * args.dense_pages,
            lambda: f"{import_warc(dense, Path(tmp) / 'archive', registry).imported} pages",
        )
    print(f"  pages/s of import_warc, 3 days: {args.dense_pages / dense_s:,.0f}")
    print(
        f"ratios: FastWARC/warcio bare {warcio_s / fast_s:.2f}x faster; read_records = {ours_s / warcio_s:.2f}x "
        f"warcio bare time; import_warc = {import_s / warcio_s:.1f}x warcio bare, {import_s / fast_s:.1f}x FastWARC "
        f"bare (reading is {ours_s / import_s:.0%} of the import)"
    )

    # End to end: import + reprocess_job of a few recent days, into a temp data folder.
    e2e_days = [today - timedelta(days=d) for d in range(args.e2e_days, 0, -1)]  # yesterday and before
    with tempfile.TemporaryDirectory(dir=args.out) as tmp:
        small = Path(tmp) / "e2e.warc.gz"
        write_file(small, args.e2e_pages, e2e_days, args.seed + 1)
        os.environ["DAGSTER_HOME"] = str(Path(tmp) / "dagster_home")
        Path(os.environ["DAGSTER_HOME"]).mkdir()
        from warehouse.writer import publish_days
        from wirearchive.cli import run_days
        from wirearchive.importwarc import import_files

        paths = data_paths(Path(tmp) / "data")
        start = time.perf_counter()
        result = import_files([small], paths.archive, registry)
        publish_days(paths, "captures", result.captures)
        imported_s = time.perf_counter() - start
        run_days(
            result.days,
            paths,
            _HERE.parent / "sources.toml",
            job_name="reprocess_job",
            home=Path(os.environ["DAGSTER_HOME"]),
        )
        total_s = time.perf_counter() - start
        import duckdb

        with duckdb.connect(str(paths.catalog), read_only=True) as con:
            articles = con.execute("select count(*) from articles").fetchone()[0]
        print(
            f"end to end: {args.e2e_pages} pages over {len(result.days)} days ({result.days[0]}..{result.days[-1]}): "
            f"import {imported_s:.2f} s + reprocess {total_s - imported_s:.2f} s = {total_s:.2f} s, "
            f"{args.e2e_pages / total_s:,.1f} pages/s end to end; {articles} article rows in the warehouse"
        )
    shutil.rmtree(args.out / "tmp", ignore_errors=True)


if __name__ == "__main__":
    main()
