"""Warehouse bench: publish cost as history grows, search latency, the analysts' questions.

Usage::

    .venv/bin/python bench/warehouse.py                                  # 2 then 6 months, 400-word bodies
    .venv/bin/python bench/warehouse.py --per-day 3000 --months 2 6 12   # larger

It writes ``--out`` (default ``bench/out/warehouse``, gitignored) through ``write_partition`` and
``build_catalog``. For each history size (months of ``--per-day`` articles, bodies of
``--body-words`` words) it prints:

* publish of one day, twice: the day's partitions written and the catalog rebuilt (that day
  re-indexed, the first time also split out of its month's build; the story segment of its month
  recomputed), against the naive way
  (``--no-naive`` skips it): one fts index over the whole archive rebuilt (what the catalog did
  before month segments);
* search p50/p95 over the whole archive for rare, common and phrase queries, with and without a
  date range and source filter, against the fts extension's ``match_bm25`` over one index;
* the "questions analysts ask" of SCHEMA.md, on this data.

Bodies (``--bodies``): ``sentences`` (the default) are runs of real news sentences with the names
varied (``bench/news_text.py``), so terms are spread as in real news (the bench prints the most
frequent terms' statistics, real pages against its bodies); ``zipf`` are the former bodies of
independent Zipf-distributed pseudo-words, the worst case for a top-k early stop: their most
frequent terms occur ~40 times in every 400-word body, so every posting of them weighs the same.
"""

from __future__ import annotations

import argparse
import hashlib
import math
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

from bench.news_text import SentenceBodies, real_documents, term_stats  # noqa: E402
from warehouse import segments  # noqa: E402
from warehouse.catalog import FTS_EXTENSION, attach_search, build_catalog, connect, table_view_sql  # noqa: E402
from warehouse.search_index import articles_by_month, read_segment, search_root  # noqa: E402
from warehouse.writer import partition_files, write_partition  # noqa: E402
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


class Bodies:
    """Story bodies and titles of ``--bodies`` kind (module docstring), from one vocabulary.

    Args:
        kind: ``sentences`` or ``zipf``.
        size: Words of the vocabulary (the pseudo-words of ``zipf``, the pseudo-names of ``sentences``).
        rng: The random generator (shared with the rest of a day's rows).
    """

    def __init__(self, kind: str, size: int, rng: np.random.Generator) -> None:
        self.vocab = vocabulary(size, np.random.default_rng(7))  # one vocabulary for every run
        weights = 1 / np.arange(1, len(self.vocab) + 1) ** 1.05
        self.cdf = np.cumsum(weights) / weights.sum()
        self.rng = rng
        self.sentences = SentenceBodies(self.vocab.to_pylist(), rng) if kind == "sentences" else None

    def stories(self, n: int, words: int, title_words: int = 8) -> tuple[pa.Array, pa.Array]:
        """``n`` stories' bodies of ``words`` words and their titles."""
        if self.sentences is None:
            return texts(self.vocab, self.cdf, n, words, self.rng), texts(
                self.vocab, self.cdf, n, title_words, self.rng
            )
        body, title = zip(*(self.sentences.story(words, title_words) for _ in range(n)), strict=True)
        return pa.array(body), pa.array(title)


def day_tables(
    day: date, n_stories: int, args: argparse.Namespace, bodies: Bodies, rng: np.random.Generator
) -> tuple[pa.Table, pa.Table, pa.Table, pa.Table]:
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
    story_bodies, story_titles = bodies.stories(n_stories, args.body_words)
    body, title = story_bodies.take(story_of), story_titles.take(story_of)
    url = pc.binary_join_element_wise(
        "https://", source, ".example.com/", tag[:4], "/", article_id, "/story-title-words", ""
    )
    ts = pa.array(published, pa.timestamp("us", tz="UTC"))
    fetched = pa.array(published + rng.integers(60_000_000, 3_600_000_000, n), pa.timestamp("us", tz="UTC"))
    capture_id = pc.binary_join_element_wise("<urn:uuid:", article_id, "-0000-4000-8000-000000000000>", "")
    articles = pa.table(
        {
            "article_id": article_id,
            "capture_id": capture_id,
            "source_id": source,
            "url": url,
            "canonical_url": url,
            "fetched_at": fetched,
            "published_at": ts,
            "title": title,
            "description": pc.utf8_slice_codeunits(body, 0, 160),
            "authors": pa.array([["Jane Reporter"]] * n, pa.list_(pa.string())),
            "language": pa.array(["en"] * n),
            "section": pa.array(["world"] * n),
            "site_name": source,
            "body": body,
            "body_hash": pa.array([hashlib.sha1(str(s).encode()).hexdigest() for s in story_of]),
            "word_count": pa.array(np.full(n, args.body_words, np.int32)),
            "wire_service": wire,
            "attribution": pa.array(["dateline"] * n),
            "dateline": pa.array(["BAGHDAD"] * n),
            "credit_line": pa.array(
                np.where(rng.random(n) < 0.4, "The Associated Press contributed to this report.", None)
            ),
            "extractor": pa.array(["wirearchive+trafilatura"] * n),
            "extractor_version": pa.array(["2.3.1"] * n),
        }
    )
    canonical = article_id.take(pa.array(first[story_of]))
    version = pa.array(np.where(is_original, 1, 2), pa.int32(), mask=~(is_original | (relation == "update")))
    members = pa.table(
        {
            "article_id": article_id,
            "story_id": story_id,
            "relation": pa.array(relation),
            "canonical_article_id": canonical,
            "similarity": pa.array(np.where(is_original, 1.0, rng.uniform(0.7, 1, n))),
            "version": version,
            "evidence": pa.array(["minhash:0.93"] * n),
            "copy_of": pa.array(np.where(is_original, None, canonical.to_numpy(zero_copy_only=False))),
        }
    )
    captures = pa.table(
        {
            "capture_id": capture_id,
            "crawl_id": pa.array([f"crawl-{tag}"] * n),
            "source_id": source,
            "url": url,
            "kind": pa.array(["article"] * n),
            "status": pa.array(np.full(n, 200, np.int32)),
            "fetched_at": fetched,
            "content_type": pa.array(["text/html"] * n),
            "content_length": pa.array(rng.integers(20_000, 200_000, n)),
            "payload_digest": pc.binary_join_element_wise("sha1:", article_id, ""),
            "warc_file": pa.array([f"date={day}/crawl-{tag}-00000.warc.gz"] * n),
            "warc_offset": pa.array(rng.integers(0, 1 << 30, n)),
            "warc_length": pa.array(rng.integers(5_000, 50_000, n)),
            "published_hint": ts,
        }
    )
    failed = rng.random(n) < 0.02
    failures = pa.table(
        {
            "stage": pa.array(["extract"] * int(failed.sum())),
            "capture_id": capture_id.filter(pa.array(failed)),
            "source_id": source.filter(pa.array(failed)),
            "url": url.filter(pa.array(failed)),
            "reason": pa.array(["no_article"] * int(failed.sum())),
        }
    )
    return articles, members, captures, failures


def generate(paths: DataPaths, days: list[date], args: argparse.Namespace, seed: int) -> float:
    """Write the partitions of ``days`` (``args.per_day`` articles each); returns seconds."""
    rng = np.random.default_rng(seed)
    bodies = Bodies(args.bodies, args.vocabulary, rng)
    stories_per_day = max(1, round(args.per_day / args.articles_per_story))
    started = time.perf_counter()
    for day in days:
        for table, data in zip(
            ("articles", "story_members", "captures", "failures"),
            day_tables(day, stories_per_day, args, bodies, rng),
            strict=True,
        ):
            write_partition(paths, table, day.isoformat(), data)
    return time.perf_counter() - started


def timed(con: duckdb.DuckDBPyConnection, sql: str, runs: int, params: list | None = None) -> tuple[list[float], list]:
    """Wall seconds of ``runs`` executions (after one warm-up), and the rows of the last one."""
    rows = con.execute(sql, params or []).fetchall()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        rows = con.execute(sql, params or []).fetchall()
        times.append(time.perf_counter() - started)
    return times, rows


def p50_p95(times: list[float]) -> str:
    """``p50 X ms, p95 Y ms``."""
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
    return f"p50 {statistics.median(ordered) * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms"


def naive_index(paths: DataPaths, out: Path) -> float:
    """The naive way: one fts index over every article, rebuilt whole; returns seconds."""
    out.unlink(missing_ok=True)
    started = time.perf_counter()
    with duckdb.connect(
        str(out), config={"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    ) as con:
        con.execute(f"load '{FTS_EXTENSION}'")
        con.execute(
            f"create table all_text as select article_id, title, body from read_parquet({files(paths, 'articles')})"
        )
        con.execute("pragma create_fts_index('all_text', 'article_id', 'title', 'body')")
        con.execute("checkpoint")
    return time.perf_counter() - started


def files(paths: DataPaths, table: str) -> str:
    """A DuckDB list literal of a table's current partition files."""
    return "[" + ", ".join(f"'{p}'" for p in partition_files(paths, table).values()) + "]"


def publish_one_day(paths: DataPaths, day: date, args: argparse.Namespace) -> tuple[float, float, float, float]:
    """Republish ``day`` (new rows) and rebuild the catalog; returns (write, catalog, search, stories) seconds."""
    write = generate(paths, [day], args, seed=day.toordinal())
    started = time.perf_counter()
    build_catalog(paths)
    catalog = time.perf_counter() - started
    with connect(paths.catalog) as con:
        search, rebuilt, stories, story_months = con.execute(
            "select search_build_seconds, search_months_rebuilt, story_build_seconds, story_months_rebuilt from meta"
        ).fetchone()
    assert rebuilt == [day.isoformat()[:7]], rebuilt
    assert day.isoformat()[:7] in story_months and len(story_months) <= 2, story_months
    return write, catalog, search, stories


def queries(con: duckdb.DuckDBPyConnection, last: date) -> dict[str, str]:
    """Rare, common and phrase queries drawn from the index (words that exist, at known frequencies)."""
    common = [
        t for (t,) in con.execute("select term from search_dict group by term order by sum(df) desc limit 2").fetchall()
    ]
    # the least frequent term held by 20 articles or more (at 180k articles no term has 20-60)
    rare = con.execute(
        "with rare as (select term from search_dict group by term having sum(df) >= 20 order by sum(df), term limit 1) "
        "select min(word) from search_words where term in (select term from rare)"
    ).fetchone()[0]
    body = con.execute(f"select body from articles where date = date '{last}' limit 1").fetchone()[0].split()
    return {
        "rare": rare,
        "topic": "hurricane",
        "common (2 most frequent terms)": " ".join(common),
        "phrase (3 words of a body)": " ".join(body[40:43]),
    }


BODY_LABELS = {
    "sentences": "real news sentences, names varied",
    "zipf": "independent Zipf pseudo-words (worst case: flat BM25 weights)",
}


def report_term_stats(args: argparse.Namespace, top: int = 5) -> None:
    """The most frequent indexed terms of the real pages and of 1,000 of this run's bodies."""
    sample, _ = Bodies(args.bodies, args.vocabulary, np.random.default_rng(1)).stories(1000, args.body_words)
    with duckdb.connect(config={"autoinstall_known_extensions": False, "autoload_known_extensions": False}) as con:
        print(f"  the {top} most frequent terms (fts tokenizer, stop words, stemmer):")
        for label, docs in (("real pages", real_documents()), ("these bodies", sample.to_pylist())):
            stats = term_stats(con, docs, FTS_EXTENSION, top)
            print(f"    {label}: {stats['docs']:,} documents of {stats['avg_len']:.0f} terms on average")
            for term, df, share, mean_tf, p90, most, spread in stats["terms"]:
                print(
                    f"      {term:12s} in {df:4.0%} of documents, {share:6.2%} of terms, tf mean {mean_tf:4.1f} "
                    f"p90 {p90:3d} max {most:3d}, weight p99/median {spread:.2f}"
                )


def report_search(paths: DataPaths, naive_db: Path | None, last: date, runs: int) -> None:
    """Search latency over the whole archive, and the same top-10 by match_bm25 over one index."""
    with connect(paths.catalog) as con:
        chosen = queries(con, last)
        lo = last - timedelta(days=6)
        print(f"  search top-10 over the whole archive, {runs} runs each (after one warm-up):")
        for label, q in chosen.items():
            mode = "phrase" if label.startswith("phrase") else "any"
            window = f", date_from := date '{lo}', date_to := date '{last}', sources := ['src0', 'src1']"
            for variant, extra in (("whole archive", ""), ("last 7 days, 2 sources", window)):
                sql = f"select article_id, total_matches from search(?, k := 10, mode := '{mode}'{extra})"
                times, rows = timed(con, sql, runs, [q])
                total = rows[0][1] if rows else 0
                print(f"    {label:32s} {variant:24s} {p50_p95(times)}  ({total:,} matches)")
    if naive_db is None:
        return
    with duckdb.connect(str(naive_db), read_only=True) as con:
        con.execute(f"load '{FTS_EXTENSION}'")
        for label in ("rare", "common (2 most frequent terms)"):
            sql = (
                "select article_id from (select article_id, fts_main_all_text.match_bm25(article_id, ?) as s "
                "from all_text) where s is not null order by s desc limit 10"
            )
            times, _ = timed(con, sql, max(3, runs // 4), [chosen[label]])
            print(f"    naive: match_bm25 over one index, {label:32s} {p50_p95(times)}")


def update_segments_readonly(paths: DataPaths) -> list[dict]:
    """The current segment manifests, in month order (none rebuilt)."""
    return [m for m in (read_segment(paths, month) for month in articles_by_month(paths)) if m]


def report_replicated(paths: DataPaths, last: date, copies: int, runs: int) -> None:
    """Search latency over the index copied ``copies`` more times under earlier years' months.

    A larger index without generating and indexing more text: every month's builds are copied
    (files only) to the same month ``1..copies`` years earlier, and a catalog of the search views
    over all of them is made beside the real one. Only the index is larger (each term's df
    multiplied, the same distribution); ``search_top`` and ``search_count``, the part of
    ``search`` that reads the index, are timed (``search`` then joins its k rows to articles).
    """
    root = search_root(paths)
    manifests = []
    for manifest in update_segments_readonly(paths):
        manifests.append(manifest)
        year, month = manifest["month"].split("-")
        for i in range(1, copies + 1):
            copy = f"{int(year) - i}-{month}"
            for build in segments.build_ids(manifest):
                target = segments.month_folder(root, copy) / build
                if not target.exists():
                    shutil.copytree(segments.month_folder(root, manifest["month"]) / build, target)
            manifests.append({**manifest, "month": copy})
    db = paths.root / "replicated.duckdb"
    db.unlink(missing_ok=True)
    with duckdb.connect(
        str(db), config={"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    ) as con:
        con.execute(f"load '{FTS_EXTENSION}'")
        for table in ("articles", "story_members"):
            con.execute(table_view_sql(paths, table))
        attach_search(con, paths, manifests)
        con.execute((Path(__file__).parent.parent / "warehouse" / "sql" / "090_search.sql").read_text())
    with connect(db) as con:
        n_docs = con.execute("select num_docs from search_stats").fetchone()[0]
        print(f"  the index copied {copies}x more ({n_docs:,} documents, {len(manifests)} segments), {runs} runs each:")
        for label, q in queries(con, last).items():
            mode = "phrase" if label.startswith("phrase") else "any"
            sql = f"select month, docid, from_heads, total_matches from search_top(?, k := 10, mode := '{mode}')"
            times, rows = timed(con, sql, runs, [q])
            heads = "from heads" if rows and rows[0][2] else "all postings"
            total = rows[0][3] if rows else 0
            print(f"    {label:32s} search_top {p50_p95(times)}  ({total:,} matches, {heads})")


ANALYST_QUESTIONS = {
    "which outlets ran one wire story, how fast": """
        select pickup_lag.source_id, pickup_lag.version, round(pickup_lag.lag_minutes) as minutes
        from pickup_lag where story_id = (select story_id from stories where date = date '{last}'
        order by n_copies desc, story_id limit 1) order by lag_minutes""",
    "who picks up fastest, one week": """
        select source_id, count(*) as copies, median(lag_minutes) as median_lag from pickup_lag
        where date between date '{lo}' and date '{last}' and wire_service is not null
        group by source_id order by median_lag limit 20""",
    "how did a story change (versions + copies)": """
        select version, version_at, word_count, n_copies, copied_by from story_versions
        where story_id = (select story_id from stories where date = date '{last}'
        order by n_versions desc, story_id limit 1) order by version""",
    "who credits / strips the wire (whole archive)": """
        select source_id, wire, copies, credited, dateline_only, stripped from wire_credit
        order by stripped_share desc limit 20""",
    "stories per wire per day, one week": """
        select date, wire_service, n_stories from stories_per_wire_day
        where date between date '{lo}' and date '{last}' order by all""",
    "widest stories of the week": """
        select story_id, wire_service, n_copies from stories
        where date between date '{lo}' and date '{last}' order by n_copies desc limit 10""",
}


def report_questions(paths: DataPaths, last: date) -> None:
    """Time the analysts' questions of SCHEMA.md on this archive."""
    lo = last - timedelta(days=6)
    with connect(paths.catalog) as con:
        print("  analyst questions (median of 3, after one warm-up):")
        for label, sql in ANALYST_QUESTIONS.items():
            times, rows = timed(con, sql.format(lo=lo, last=last), 3)
            print(f"    {label:48s} {statistics.median(times) * 1000:8.1f} ms  ({len(rows)} rows)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-day", type=int, default=1500, help="articles per day")
    parser.add_argument("--months", type=int, nargs="+", default=[2, 6], help="history sizes to measure, in months")
    parser.add_argument("--body-words", type=int, default=400)
    parser.add_argument("--articles-per-story", type=float, default=4.0)
    parser.add_argument("--vocabulary", type=int, default=30_000)
    parser.add_argument(
        "--bodies",
        choices=("sentences", "zipf"),
        default="sentences",
        help="real sentences with names varied, or independent Zipf pseudo-words (the worst case for early stops)",
    )
    parser.add_argument("--runs", type=int, default=20, help="runs per search query")
    parser.add_argument("--last-day", default="2026-11-22")
    parser.add_argument(
        "--naive",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also time one fts index over the whole archive (slow: minutes per 100k articles)",
    )
    parser.add_argument(
        "--replicate", type=int, default=0, help="after the last size, time search over the index copied N times more"
    )
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out" / "warehouse")
    args = parser.parse_args()
    paths = data_paths(args.out)
    shutil.rmtree(paths.root, ignore_errors=True)
    last = date.fromisoformat(args.last_day)
    written: set[date] = set()
    print(
        f"{args.per_day:,} articles a day, {args.body_words}-word bodies of {BODY_LABELS[args.bodies]}, "
        f"history of {args.months} months"
    )
    report_term_stats(args)
    for months in sorted(args.months):
        days = [last - timedelta(days=i) for i in range(months * 30)]
        new = sorted(set(days) - written)
        seconds = generate(paths, new, args, seed=len(written))
        written |= set(new)
        started = time.perf_counter()
        build_catalog(paths)
        full = time.perf_counter() - started
        with connect(paths.catalog) as con:
            n_articles, segments = con.execute("select articles_indexed, search_segments from meta").fetchone()
        print(
            f"\nhistory {months} months: {n_articles:,} articles, {segments} segments "
            f"(generated {len(new)} days in {seconds:.0f} s; catalog build indexing new months {full:.1f} s)"
        )
        # the first republish of a day splits it out of the build holding its month (a filtered
        # copy of the other days); the next ones re-index that day's build alone
        for label in ("publish of one day", "again (its own build now)"):
            write, catalog, search, stories = publish_one_day(paths, last, args)
            print(
                f"  {label}: write {write:.2f} s + catalog {catalog:.2f} s (of which search index "
                f"{search:.2f} s, story tables {stories:.2f} s) = {write + catalog:.2f} s"
            )
        naive_db = None
        if args.naive:
            naive_db = paths.root / "naive.duckdb"
            naive = naive_index(paths, naive_db)
            print(f"  naive whole-archive fts index rebuild {naive:.1f} s (ratio {naive / search:.1f}x on the index)")
        report_search(paths, naive_db, last, args.runs)
        report_questions(paths, last)
    if args.replicate:
        report_replicated(paths, last, args.replicate, args.runs)


if __name__ == "__main__":
    main()
