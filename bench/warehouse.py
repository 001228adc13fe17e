"""Warehouse bench: a synthetic year in the real layout, then the analysts' questions, timed.

Usage::

    .venv/bin/python bench/warehouse.py                       # 10M articles over 365 days
    .venv/bin/python bench/warehouse.py --articles 1000000    # smaller
    .venv/bin/python bench/warehouse.py --out DIR --reuse     # skip generation, re-measure

It writes ``--out`` (default ``bench/out/warehouse``, gitignored) through ``write_partition`` and
``build_catalog``, then prints: generation and catalog build times, file sizes per table and bytes
per article, "stories per wire service per day for one week" (catalog view; the same from Parquet
with and without partition pruning, with files read from EXPLAIN ANALYZE), the pickup-lag view
for one day, and BM25 top-10 latency over the ~1M most recent articles (``--fts-articles``).

Bodies are ``--body-words`` words (default 80) drawn from a Zipf vocabulary; real wire copy is
~400-800 words, so real bodies make the articles table and the search index ~5-8x larger.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import re
import shutil
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

# Run as a script, this file's folder comes first on sys.path and its name would shadow the
# ``warehouse`` package: put the repository root there instead.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [str(_HERE.parent)] + [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import duckdb  # noqa: E402
import numpy as np  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.compute as pc  # noqa: E402

from warehouse.catalog import build_catalog, connect  # noqa: E402
from warehouse.schema import TABLES  # noqa: E402
from warehouse.writer import list_partitions, partition_files, write_partition  # noqa: E402
from wirearchive.config import DataPaths, data_paths  # noqa: E402

WIRES = ["AP", "Reuters", "AFP", "UPI", None]
WIRE_WEIGHTS = [0.35, 0.3, 0.15, 0.05, 0.15]
TOPICS = ["iraq", "ceasefire", "election", "earthquake", "inflation", "hurricane", "baghdad", "talks"]
N_OUTLETS = 200
US_PER_DAY = 86_400_000_000


def vocabulary(size: int, rng: np.random.Generator) -> pa.Array:
    """Pseudo-words of 3-10 letters (letters only: the fts tokenizer drops digits), in Zipf rank
    order; the topic words sit at ranks 500, 1000, ... (about 1 in 2,000 words, like "iraq")."""
    letters = np.frombuffer(b"abcdefghijklmnopqrstuvwxyz", dtype=np.uint8)
    lengths = rng.integers(3, 11, size)
    words = sorted({letters[rng.integers(0, 26, n)].tobytes().decode() for n in lengths} - set(TOPICS))
    rng.shuffle(words)
    for i, topic in enumerate(TOPICS):
        words.insert(500 * (i + 1), topic)
    return pa.array(words)


def texts(vocab: pa.Array, cdf: np.ndarray, rows: int, words: int, rng: np.random.Generator) -> pa.Array:
    """``rows`` strings of ``words`` Zipf-distributed words each."""
    picks = np.searchsorted(cdf, rng.random(rows * words))
    lists = pa.ListArray.from_arrays(np.arange(0, rows * words + 1, words, dtype=np.int32), vocab.take(picks))
    return pc.binary_join(lists, " ")


def day_tables(day: date, n_stories: int, args: argparse.Namespace, vocab: pa.Array, cdf: np.ndarray,
               rng: np.random.Generator) -> tuple[pa.Table, pa.Table, pa.Table, pa.Table]:
    """Articles, story members, captures and failures of the stories first published on ``day``.

    Copies are published after their original with an exponential lag (mean 3 h) but kept in the
    original's partition, the day they were captured for (a crawl of that day).
    """
    tag = day.strftime("%Y%m%d")
    per_story = 1 + rng.geometric(1 / (args.articles_per_story - 1), n_stories)
    n = int(per_story.sum())
    story_of = np.repeat(np.arange(n_stories), per_story)
    first = np.r_[0, np.cumsum(per_story)[:-1]]
    is_original = np.zeros(n, bool)
    is_original[first] = True
    start = datetime(day.year, day.month, day.day, tzinfo=UTC)
    t0 = int(start.timestamp() * 1e6)
    original_ts = t0 + rng.integers(0, US_PER_DAY, n_stories)
    lag = np.where(is_original, 0, rng.exponential(3 * 3600e6, n)).astype(np.int64)
    published = original_ts[story_of] + lag
    wire_idx = rng.choice(len(WIRES), n_stories, p=WIRE_WEIGHTS)
    wire = pa.array([WIRES[i] for i in wire_idx], pa.string()).take(story_of)
    source_num = np.where(is_original, wire_idx[story_of], 10 + rng.integers(0, N_OUTLETS, n))
    source = pc.binary_join_element_wise("src", pc.cast(pa.array(source_num), pa.string()), "")
    relation_pick = rng.choice(4, n, p=[0.6, 0.2, 0.1, 0.1])
    relation = np.where(is_original, "original", np.array(["duplicate", "trimmed", "update", "derived"])[relation_pick])
    ids = np.char.add(f"{tag}-", np.arange(n).astype(str))
    article_id = pa.array(ids)
    story_id = pa.array(np.char.add(f"s{tag}-", story_of.astype(str)))
    body = texts(vocab, cdf, n_stories, args.body_words, rng).take(story_of)
    title = texts(vocab, cdf, n_stories, 8, rng).take(story_of)
    url = pc.binary_join_element_wise("https://", source, ".example.com/", tag[:4], "/", article_id, "/story-title-words", "")
    ts = pa.array(published, pa.timestamp("us", tz="UTC"))
    fetched = pa.array(published + rng.integers(60_000_000, 3_600_000_000, n), pa.timestamp("us", tz="UTC"))
    capture_id = pc.binary_join_element_wise("<urn:uuid:", article_id, "-0000-4000-8000-000000000000>", "")
    articles = pa.table({
        "article_id": article_id, "capture_id": capture_id, "source_id": source, "url": url,
        "canonical_url": url, "fetched_at": fetched, "published_at": ts, "title": title,
        "description": pc.utf8_slice_codeunits(body, 0, 160),
        "authors": pa.array([["Jane Reporter"]] * n, pa.list_(pa.string())),
        "language": pa.array(["en"] * n), "section": pa.array(["world"] * n),
        "site_name": source, "body": body,
        "body_hash": pa.array([hashlib.sha1(str(s).encode()).hexdigest() for s in story_of]),
        "word_count": pa.array(np.full(n, args.body_words, np.int32)), "wire_service": wire,
        "attribution": pa.array(["dateline"] * n), "dateline": pa.array(["BAGHDAD"] * n),
        "extractor": pa.array(["wirearchive+trafilatura"] * n), "extractor_version": pa.array(["2.3.1"] * n),
    })
    canonical = article_id.take(pa.array(first[story_of]))
    version = pa.array(np.where(is_original, 1, 2), pa.int32(), mask=~(is_original | (relation == "update")))
    members = pa.table({
        "article_id": article_id, "story_id": story_id, "relation": pa.array(relation),
        "canonical_article_id": canonical, "similarity": pa.array(np.where(is_original, 1.0, rng.uniform(0.7, 1, n))),
        "version": version, "evidence": pa.array(["minhash:0.93"] * n),
    })
    captures = pa.table({
        "capture_id": capture_id, "crawl_id": pa.array([f"crawl-{tag}"] * n), "source_id": source, "url": url,
        "kind": pa.array(["article"] * n), "status": pa.array(np.full(n, 200, np.int32)), "fetched_at": fetched,
        "content_type": pa.array(["text/html"] * n),
        "content_length": pa.array(rng.integers(20_000, 200_000, n)),
        "payload_digest": pc.binary_join_element_wise("sha1:", article_id, ""),
        "warc_file": pa.array([f"date={day}/crawl-{tag}-00000.warc.gz"] * n),
        "warc_offset": pa.array(rng.integers(0, 1 << 30, n)), "warc_length": pa.array(rng.integers(5_000, 50_000, n)),
        "published_hint": ts,
    })
    failed = rng.random(n) < 0.02
    failures = pa.table({
        "stage": pa.array(["extract"] * int(failed.sum())), "capture_id": capture_id.filter(pa.array(failed)),
        "source_id": source.filter(pa.array(failed)), "url": url.filter(pa.array(failed)),
        "reason": pa.array(["no_article"] * int(failed.sum())),
    })
    return articles, members, captures, failures


def generate(paths: DataPaths, args: argparse.Namespace) -> float:
    """Write ``args.articles`` articles over ``args.days`` days; returns seconds."""
    rng = np.random.default_rng(7)
    vocab = vocabulary(args.vocabulary, rng)
    weights = 1 / np.arange(1, len(vocab) + 1) ** 1.05
    cdf = np.cumsum(weights) / weights.sum()
    stories_per_day = max(1, round(args.articles / args.days / args.articles_per_story))
    last = date.fromisoformat(args.last_day)
    started = time.perf_counter()
    for i in range(args.days):
        day = last - timedelta(days=args.days - 1 - i)
        for table, data in zip(("articles", "story_members", "captures", "failures"),
                               day_tables(day, stories_per_day, args, vocab, cdf, rng)):
            write_partition(paths, table, day.isoformat(), data)
        if i % 30 == 0:
            print(f"  generated {day} ({i + 1}/{args.days} days, {time.perf_counter() - started:.0f} s)", flush=True)
    return time.perf_counter() - started


def timed(con: duckdb.DuckDBPyConnection, sql: str, runs: int = 3) -> tuple[float, list]:
    """Median wall seconds of ``runs`` executions, and the rows of the last one."""
    times, rows = [], []
    for _ in range(runs):
        started = time.perf_counter()
        rows = con.execute(sql).fetchall()
        times.append(time.perf_counter() - started)
    return statistics.median(times), rows


def files_read(con: duckdb.DuckDBPyConnection, sql: str) -> str:
    """Files read per Parquet scan, from EXPLAIN ANALYZE (e.g. '7+7' for two scans)."""
    plan = "\n".join(r[1] for r in con.execute("explain analyze " + sql).fetchall())
    found = re.findall(r"Total Files Read:\s*(\d+)", plan)
    return "+".join(found) if found else "n/a"


def sizes(paths: DataPaths) -> dict[str, int]:
    """Bytes of the current version of every partition, per table (hard links counted once)."""
    return {table: sum(p.stat().st_size for p in partition_files(paths, table).values()) for table in TABLES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--body-words", type=int, default=80)
    parser.add_argument("--articles-per-story", type=float, default=4.0)
    parser.add_argument("--vocabulary", type=int, default=30_000)
    parser.add_argument("--fts-articles", type=int, default=1_000_000, help="articles in the BM25 index (approx.)")
    parser.add_argument("--last-day", default="2026-11-22")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out" / "warehouse")
    parser.add_argument("--reuse", action="store_true", help="measure an existing --out without regenerating")
    args = parser.parse_args()
    paths = data_paths(args.out)
    if not args.reuse:
        shutil.rmtree(paths.root, ignore_errors=True)
        print(f"generating {args.articles:,} articles over {args.days} days, {args.body_words}-word bodies ...")
        print(f"generation: {generate(paths, args):.1f} s")
    days = list_partitions(paths, "articles")
    size = sizes(paths)
    with connect_parquet() as con:
        n_articles = con.execute(f"select count(*) from read_parquet({files(paths, 'articles')})").fetchone()[0]
    print(f"\nwarehouse: {len(days)} days, {n_articles:,} articles")
    for table, bytes_ in size.items():
        print(f"  {table:14s} {bytes_ / 1e6:10.1f} MB  {bytes_ / n_articles:8.1f} bytes/article")
    total = sum(size.values())
    print(f"  {'total':14s} {total / 1e6:10.1f} MB  {total / n_articles:8.1f} bytes/article")

    fts_days = max(1, math.ceil(args.fts_articles / (n_articles / len(days))))
    started = time.perf_counter()
    build_catalog(paths, fts_days=fts_days)
    build = time.perf_counter() - started
    with connect(paths.catalog) as con:
        indexed, search_build, first_day = con.execute(
            "select articles_indexed, search_build_seconds, fts_first_day from meta").fetchone()
        fts_rows = con.execute("select count(*) from fts_main_article_text.terms").fetchone()[0]
    print(f"\ncatalog build: {build:.1f} s total; article_text + BM25 index over {indexed:,} articles "
          f"({fts_days} days from {first_day}): {search_build:.1f} s; {fts_rows:,} postings")
    print(f"catalog file: {paths.catalog.stat().st_size / 1e6:.1f} MB; by table (blocks used):")
    with connect(paths.catalog) as con:
        for schema, table in con.execute(
                "select schema_name, table_name from duckdb_tables() where not internal order by all").fetchall():
            print(f"  {schema + '.' + table:40s} {table_bytes(con, f'{schema}.{table}') / 1e6:8.1f} MB")

    week = (date.fromisoformat(days[-7]), date.fromisoformat(days[-1]))
    one_day = days[-2]
    report_queries(paths, week, one_day)


def table_bytes(con: duckdb.DuckDBPyConnection, table: str) -> int:
    """Approximate bytes a table occupies in a DuckDB file: its distinct blocks times block size."""
    return con.execute(
        f"""
        with blocks as (
            select block_id from pragma_storage_info('{table}') where block_id >= 0
            union
            select unnest(additional_block_ids) from pragma_storage_info('{table}')
        )
        select count(*) * (select block_size from pragma_database_size()) from blocks
        """
    ).fetchone()[0]


def files(paths: DataPaths, table: str) -> str:
    """A DuckDB list literal of a table's current partition files."""
    return "[" + ", ".join(f"'{p}'" for p in partition_files(paths, table).values()) + "]"


def connect_parquet() -> duckdb.DuckDBPyConnection:
    """A plain in-memory DuckDB for direct Parquet queries."""
    return duckdb.connect(config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})


def report_queries(paths: DataPaths, week: tuple[date, date], one_day: str) -> None:
    """Time the analyst questions against the catalog and against raw Parquet."""
    lo, hi = week
    with connect(paths.catalog) as con:
        view_sql = (f"select date, wire_service, n_stories from stories_per_wire_day "
                    f"where date between date '{lo}' and date '{hi}' order by all")
        seconds, rows = timed(con, view_sql)
        print(f"\nstories per wire service per day, one week ({lo}..{hi}), {len(rows)} rows:")
        print(f"  catalog view stories_per_wire_day (materialized stories): {seconds * 1000:8.1f} ms")
        originals = ("select a.date, a.wire_service, count(*) as n_stories from story_members m "
                     "join articles a on m.article_id = a.article_id and m.date = a.date "
                     "where m.relation = 'original' and {where} group by all order by all")
        pruned = originals.format(where=f"a.date between date '{lo}' and date '{hi}'")
        naive = originals.format(where=(f"cast(timezone('UTC', a.published_at) as date) "
                                        f"between date '{lo}' and date '{hi}'"))
        for label, sql in (("from Parquet, filter on date (pruned)", pruned),
                           ("from Parquet, filter on published_at (naive, no pruning)", naive)):
            seconds, _ = timed(con, sql)
            print(f"  {label:58s} {seconds * 1000:8.1f} ms  files read {files_read(con, sql)}")
        rebuild = ("with s as (select m.story_id, min(coalesce(a.published_at, a.fetched_at)) as first_seen, "
                   "mode(a.wire_service) as wire from story_members m join articles a using (article_id, date) "
                   "group by m.story_id) select cast(timezone('UTC', first_seen) as date) d, wire, count(*) from s "
                   f"where d between date '{lo}' and date '{hi}' group by all")
        seconds, _ = timed(con, rebuild, runs=1)
        print(f"  {'naive: stories aggregated over all partitions per query':58s} {seconds * 1000:8.1f} ms  "
              f"files read {files_read(con, rebuild)}")

        lag_sql = (f"select source_id, count(*) as copies, median(lag_minutes) from pickup_lag "
                   f"where date = date '{one_day}' group by all order by copies desc")
        seconds, rows = timed(con, lag_sql)
        print(f"\npickup_lag for one day ({one_day}), {len(rows)} outlets:")
        print(f"  {'view, filter on date (pruned)':58s} {seconds * 1000:8.1f} ms  files read {files_read(con, lag_sql)}")
        naive_lag = lag_sql.replace(f"date = date '{one_day}'",
                                    f"cast(timezone('UTC', published_at) as date) = date '{one_day}'")
        seconds, _ = timed(con, naive_lag)
        print(f"  {'view, filter on published_at (naive)':58s} {seconds * 1000:8.1f} ms  "
              f"files read {files_read(con, naive_lag)}")

        print("\nBM25 top-10 (search macro), median of 5 runs:")
        common = con.execute("select term from fts_main_article_text.dict order by df desc limit 3").fetchall()
        for query in ["iraq ceasefire talks", "hurricane", "baghdad election inflation",
                      " ".join(t for (t,) in common[:2])]:
            seconds, rows = timed(con, f"select article_id, score from search('{query}', k := 10)", runs=5)
            print(f"  {query!r:40s} {seconds * 1000:8.1f} ms  ({len(rows)} hits)")


if __name__ == "__main__":
    main()
