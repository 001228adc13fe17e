"""The whole archive's BM25 search index, kept as one segment per month of articles, each made of
one or more immutable builds of some of its days.

Only news articles are indexed: rows the article gate flagged (``articles.not_article``: listings,
forums, data pages) keep their text in ``articles`` but are not searched, as they are not grouped
into stories.

The fts extension builds an index over one whole table, so one index over the archive is rebuilt
whole on every publish (195 s per 1M articles). Here the articles of a calendar month are indexed
(the fts extension's tokenizer, Porter stemmer, English stop words; title and body) and written to
Parquet under ``warehouse/_search/month=YYYY-MM/<build_id>/``:

* ``postings.parquet``: ``term, docid, tf, len, date, source_id`` sorted by ``term``, so a query
  reads only the row groups of its terms (DuckDB pushes the query's terms into the scan);
* ``heads.parquet``: the same columns and ``rank``, for each term its :data:`HEAD_SIZE` postings
  of highest BM25 weight in the build, or :data:`HEAD_SHARE` of them when more (all of them for a
  rarer term), sorted by term then rank:
  what a top-k query over common words reads first (``search_top``);
* ``docs.parquet``: ``docid, article_id, len, date, source_id``;
* ``dict.parquet``: ``term, date, df, tail_impact, head_avgdl``: documents of each day holding
  the term, the weight of the best posting its head leaves out (0: none left out) and the average
  length that weight was computed with;
* ``words.parquet``: ``word, term``: every indexed raw token and its stem, so a query is
  tokenized and stemmed in plain SQL, without the extension (the DuckDB CLI and JDBC tools);
* ``bigrams.parquet``: ``bigram, docid, pos`` sorted by ``bigram``: each pair of adjacent raw
  tokens (``"talks resume"``; stop words kept, not stemmed) at each position it holds (title
  first, then the body after a gap, so no pair spans the two). A phrase of n tokens is the
  documents holding its n-1 pairs at consecutive positions: an exact positional match read from
  the pairs' postings, no article text read.

``docid`` carries the day of the month in its high 32 bits, so a day's documents keep their
numbers in whatever build holds them and ``(month, docid)`` names a document. ``_segment.json``
in the month folder lists the current builds, each with the ``articles`` version file of each of
its days. A publish indexes only the days whose version file changed, into one new build
(:func:`update_segment`): a build holding such a day keeps its other days as a filtered copy
(no re-indexing), and a month with several builds whose days did not change is merged into one,
once, at the first build after the publishing window has left it. A publish therefore costs the
days it changed plus, once per month, a merge (sorting that month's rows; no tokenizing). The
index is the fts extension's (its tokenizer, stop words and Porter stemmer), computed in SQL
rather than by ``create_fts_index``, which is 3-4x slower. The macros of
``warehouse/sql/090_search.sql`` score over all builds together with archive-wide statistics
(``df`` summed, average length over all documents), so scores are the same as one index over the
whole archive.

Why months: a build per day would make a query over ten years open 3,650 files per index table;
merging keeps that at about 120 plus the days of the current month.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq

from warehouse import segments
from warehouse.writer import partition_files
from wirearchive.config import DataPaths

INDEX_FILES = ("postings", "heads", "docs", "dict", "words", "bigrams")
# Rows per Parquet row group of the postings: the unit a term lookup reads. Smaller groups read
# less for a rare term but add footer entries; 16k rows is ~100 KB compressed (bench/warehouse.py
# prints the search latencies it gives; re-run it before changing this).
POSTINGS_ROW_GROUP = 16_384
# Rows per row group of ``words.parquet`` (~30k rows a month): a query's word lookup reads one
# group per build; at the default (one group) a lookup over 48 builds took 89 ms, at 2,048 rows
# 20 ms (2026-12-03, one 30k-row file read 48 times, parquet metadata cached).
WORDS_ROW_GROUP = 2_048
# Postings of each term a build keeps in ``heads.parquet``, its highest-weighted first: a top-k
# query over common words reads these and stops when no posting left out can change its result
# (the macro ``search_top`` of warehouse/sql/090_search.sql): HEAD_SIZE postings, or HEAD_SHARE of
# the term's postings in the build when more. A term of df <= HEAD_SIZE has all its postings there;
# a larger head makes the early stop succeed more often but reads more. The share: on bodies of
# real news sentences (bench/warehouse.py, 30k articles a month) the two most frequent terms
# (in ~60% of the documents, BM25 weights within 1.1x of each other at the top) need ~12% of
# their postings in the heads for the top-10 to be settled there (1,024 postings, 6%, were not);
# a fixed size would cover less of a larger month.
HEAD_SIZE = 1024
HEAD_SHARE = 1 / 8
# Okapi BM25 parameters, the fts extension's defaults (the macros use the same).
K1 = 1.2
B = 0.75


def impact_sql(tf: str, length: str, avgdl: float) -> str:
    """The SQL of a posting's BM25 term weight (without the idf) for an average length.

    Args:
        tf: Expression of the term's frequency in the document.
        length: Expression of the document's length.
        avgdl: The average length to weigh with.

    Returns:
        ``tf * (k1 + 1) / (tf + k1 * (1 - b + b * len / avgdl))`` as a double expression.
    """
    return f"({tf} * {K1 + 1} / ({tf} + {K1} * (1 - {B} + {B} * {length} / {avgdl!r})))::double"


def search_root(paths: DataPaths) -> Path:
    """The folder holding the month segments.

    Args:
        paths: Data directory layout.

    Returns:
        ``warehouse/_search``.
    """
    return paths.warehouse / "_search"


def read_segment(paths: DataPaths, month: str) -> dict[str, Any] | None:
    """The manifest of a month's current segment.

    Args:
        paths: Data directory layout.
        month: ``YYYY-MM``.

    Returns:
        ``{month, build_id, days, num_docs, total_len, built_at, build_seconds}`` or ``None``.
    """
    return segments.read_manifest(search_root(paths), month)


def articles_by_month(paths: DataPaths) -> dict[str, dict[str, Path]]:
    """The current ``articles`` version file of each day, grouped by month.

    Args:
        paths: Data directory layout.

    Returns:
        ``{month: {day: file}}`` in order.
    """
    months: dict[str, dict[str, Path]] = {}
    for day, path in partition_files(paths, "articles").items():
        months.setdefault(day[:7], {})[day] = path
    return months


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _export(con: duckdb.DuckDBPyConnection, sql: str, path: Path, row_group: int | None = None) -> None:
    options = "format parquet, compression zstd" + (f", row_group_size {row_group}" if row_group else "")
    con.execute(f"copy ({sql}) to {_quote(str(path))} ({options})")


def _connect(paths: DataPaths, ordered: bool = False) -> duckdb.DuckDBPyConnection:
    paths.tmp.mkdir(parents=True, exist_ok=True)
    config: dict[str, str | bool | int | float | list[str]] = {
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
        "temp_directory": str(paths.tmp),
        "preserve_insertion_order": ordered,
    }
    return duckdb.connect(config=config)


def _write_postings(con: duckdb.DuckDBPyConnection, out: Path, table: str, avgdl: float) -> None:
    """Write ``postings``, ``heads`` and ``dict`` of a build from ``table`` (term, docid, tf, len,
    date, source_id): heads ranked by each posting's weight at ``avgdl``, the build's average length."""
    con.execute(
        f"create table ranked as select *, row_number() over (partition by term order by "
        f"{impact_sql('tf', 'len', avgdl)} desc, docid) as rank, greatest({HEAD_SIZE}, "
        f"ceil(count(*) over (partition by term) * {HEAD_SHARE!r}))::bigint as head_len from {table}"
    )
    _export(
        con,
        "select term, date, count(*)::bigint as df, any_value(tail_impact) as tail_impact, "
        f"{avgdl!r}::double as head_avgdl from ranked inner join (select term, coalesce(max(case when rank = "
        f"head_len + 1 then {impact_sql('tf', 'len', avgdl)} end), 0)::double as tail_impact from ranked "
        "group by term) using (term) group by term, date order by term, date",
        out / "dict.parquet",
    )
    _export(
        con,
        "select term, docid, tf, len, date, source_id from ranked order by term, docid",
        out / "postings.parquet",
        POSTINGS_ROW_GROUP,
    )
    _export(
        con,
        "select term, rank::integer as rank, docid, tf, len, date, source_id from ranked "
        "where rank <= head_len order by term, rank",
        out / "heads.parquet",
        POSTINGS_ROW_GROUP,
    )
    con.execute("drop table ranked")


def _build_record(con: duckdb.DuckDBPyConnection, build_id: str, days: dict[str, str], docs: str) -> dict[str, Any]:
    """The manifest entry of a build: its days' article files, documents and lengths per day."""
    stats = con.execute(f"select date::varchar, count(*), sum(len) from {docs} group by date").fetchall()
    return {
        "build_id": build_id,
        "days": days,
        "docs": {day: int(n) for day, n, _ in stats},
        "lens": {day: int(total) for day, _, total in stats},
    }


def index_days(paths: DataPaths, month: str, days: dict[str, Path], fts_extension: Path) -> dict[str, Any]:
    """Index some days of a month's articles into a new build of its segment.

    Args:
        paths: Data directory layout.
        month: ``YYYY-MM``.
        days: ``{day: articles version file}`` to index.
        fts_extension: The fts extension file to load.

    Returns:
        The build's manifest entry ``{build_id, days, docs, lens}`` (the last two per day).
    """
    build_id = uuid.uuid4().hex
    out = segments.month_folder(search_root(paths), month) / build_id
    out.mkdir(parents=True)
    listed = ", ".join(_quote(str(p)) for p in days.values())
    # Partitions written before the article gate's flag have no such column: all their rows count.
    flagged = any("not_article" in pq.read_schema(p).names for p in days.values())
    news = " where not_article is null" if flagged else ""
    with _connect(paths) as con:
        con.execute(f"load {_quote(str(fts_extension))}")  # for stem() and the stop-word list
        con.execute("create table stopword_probe (id varchar, t varchar)")
        con.execute("pragma create_fts_index('stopword_probe', 'id', 't')")
        # docid: the day of the month in the high 32 bits, the rank by article_id within the day in
        # the low ones, so a day's documents keep their numbers whatever build holds them
        con.execute(
            "create table month_text as select ((extract(day from date)::bigint << 32) "
            "+ row_number() over (partition by date order by article_id) - 1)::bigint as docid, "
            "article_id, source_id, coalesce(title, '') as title, body, date from read_parquet("
            f"[{listed}], hive_partitioning = true, union_by_name = true, hive_types = {{'date': date}}){news}"
        )
        # the fts extension's index, computed directly: its tokenizer (the probe index's tokenize
        # macro) over title and body, its stop words dropped, each distinct word stemmed once
        # (3-4x faster than create_fts_index; the scores are tested equal to its match_bm25)
        con.execute(
            "create table doc_tokens as select docid, "
            "list_filter(fts_main_stopword_probe.tokenize(title), lambda w: w <> '') as title_words, "
            "list_filter(fts_main_stopword_probe.tokenize(body), lambda w: w <> '') as body_words from month_text"
        )
        con.execute(
            "create table tokens as select docid, unnest(list_concat(title_words, body_words)) as word from doc_tokens"
        )
        # adjacent pairs of raw tokens (stop words kept) with the position of the first, for phrase
        # search: title pairs at 1.., body pairs after a gap, so no pair spans title and body
        con.execute(
            "create table month_bigrams as select docid, unnest(list_concat("
            "list_transform(range(1, len(title_words)), "
            "lambda i: {'bigram': title_words[i] || ' ' || title_words[i + 1], 'pos': i}), "
            "list_transform(range(1, len(body_words)), "
            "lambda i: {'bigram': body_words[i] || ' ' || body_words[i + 1], 'pos': len(title_words) + 1 + i})"
            ")) as pair from doc_tokens"
        )
        con.execute("drop table doc_tokens")
        con.execute(
            "create table month_words as select word, stem(word, 'porter') as term from "
            "(select distinct word from tokens) where word <> '' "
            "and word not in (select sw from fts_main_stopword_probe.stopwords)"
        )
        con.execute(
            "create table month_postings as select month_words.term, tokens.docid, count(*)::integer as tf "
            "from tokens inner join month_words on tokens.word = month_words.word group by all"
        )
        con.execute(
            "create table month_docs as select month_text.docid, month_text.article_id, "
            "coalesce(lens.len, 0)::bigint as len, month_text.date, month_text.source_id from month_text "
            "left join (select docid, sum(tf) as len from month_postings group by docid) as lens "
            "on month_text.docid = lens.docid"
        )
        _export(con, "select * from month_docs order by docid", out / "docs.parquet")
        record = _build_record(con, build_id, {day: path.name for day, path in days.items()}, "month_docs")
        con.execute(
            "create table postings_full as select month_postings.term, month_postings.docid, month_postings.tf, "
            "month_docs.len, month_docs.date, month_docs.source_id from month_postings "
            "inner join month_docs on month_postings.docid = month_docs.docid"
        )
        num_docs, total_len = sum(record["docs"].values()), sum(record["lens"].values())
        _write_postings(con, out, "postings_full", total_len / num_docs if num_docs else 1.0)
        _export(con, "select word, term from month_words order by word", out / "words.parquet", WORDS_ROW_GROUP)
        _export(
            con,
            "select pair.bigram as bigram, docid, pair.pos::integer as pos from month_bigrams order by all",
            out / "bigrams.parquet",
            POSTINGS_ROW_GROUP,
        )
    return record


def split_build(paths: DataPaths, month: str, build: dict[str, Any], keep: list[str]) -> dict[str, Any]:
    """A new build holding only some days of an existing one (rows filtered, order kept; nothing
    re-indexed): what stays of a build when others of its days changed.

    Its heads stay those of the whole build (their bound on what they leave out still holds) and
    its words those of every day (a word held by no document left finds no posting).

    Args:
        paths: Data directory layout.
        month: ``YYYY-MM``.
        build: The existing build's manifest entry.
        keep: Its days to keep.

    Returns:
        The new build's manifest entry.
    """
    build_id = uuid.uuid4().hex
    folder = segments.month_folder(search_root(paths), month)
    out = folder / build_id
    out.mkdir(parents=True)
    source = folder / build["build_id"]
    dates = ", ".join(f"date '{day}'" for day in keep)
    day_numbers = ", ".join(str(int(day[8:])) for day in keep)
    with _connect(paths, ordered=True) as con:
        for name, row_group in (
            ("docs", None),
            ("dict", None),
            ("postings", POSTINGS_ROW_GROUP),
            ("heads", POSTINGS_ROW_GROUP),
        ):
            _export(
                con,
                f"select * from read_parquet({_quote(str(source / f'{name}.parquet'))}) where date in ({dates})",
                out / f"{name}.parquet",
                row_group,
            )
        _export(
            con,
            f"select * from read_parquet({_quote(str(source / 'bigrams.parquet'))}) "
            f"where (docid >> 32) in ({day_numbers})",
            out / "bigrams.parquet",
            POSTINGS_ROW_GROUP,
        )
        _export(
            con,
            f"select * from read_parquet({_quote(str(source / 'words.parquet'))})",
            out / "words.parquet",
            WORDS_ROW_GROUP,
        )
    return {
        "build_id": build_id,
        "days": {day: build["days"][day] for day in keep},
        "docs": {day: n for day, n in build["docs"].items() if day in keep},
        "lens": {day: n for day, n in build["lens"].items() if day in keep},
    }


def merge_builds(paths: DataPaths, month: str, builds: list[dict[str, Any]]) -> dict[str, Any]:
    """One build holding every build of a month (nothing re-tokenized: their rows re-sorted, the
    heads ranked again over the month), so a query opens one file per index view and month.

    Args:
        paths: Data directory layout.
        month: ``YYYY-MM``.
        builds: The month's builds' manifest entries.

    Returns:
        The merged build's manifest entry.
    """
    build_id = uuid.uuid4().hex
    folder = segments.month_folder(search_root(paths), month)
    out = folder / build_id
    out.mkdir(parents=True)

    def every(name: str) -> str:
        listed = ", ".join(_quote(str(folder / b["build_id"] / f"{name}.parquet")) for b in builds)
        return f"read_parquet([{listed}])"

    docs = {day: n for b in builds for day, n in b["docs"].items()}
    lens = {day: n for b in builds for day, n in b["lens"].items()}
    with _connect(paths) as con:
        _export(con, f"select * from {every('docs')} order by docid", out / "docs.parquet")
        con.execute(f"create table postings_full as select * from {every('postings')}")
        _write_postings(con, out, "postings_full", sum(lens.values()) / max(1, sum(docs.values())))
        _export(
            con,
            f"select distinct word, term from {every('words')} order by word",
            out / "words.parquet",
            WORDS_ROW_GROUP,
        )
        _export(con, f"select * from {every('bigrams')} order by all", out / "bigrams.parquet", POSTINGS_ROW_GROUP)
    return {
        "build_id": build_id,
        "days": {day: file for b in builds for day, file in b["days"].items()},
        "docs": docs,
        "lens": lens,
    }


def _publish(paths: DataPaths, month: str, builds: list[dict[str, Any]], started: datetime) -> dict[str, Any]:
    builds = sorted(builds, key=lambda b: min(b["days"]))
    manifest = {
        "month": month,
        "builds": builds,
        "num_docs": sum(n for b in builds for n in b["docs"].values()),
        "total_len": sum(n for b in builds for n in b["lens"].values()),
        "built_at": started.isoformat(),
        "build_seconds": round((datetime.now(UTC) - started).total_seconds(), 3),
    }
    folder = segments.month_folder(search_root(paths), month)
    segments.publish(folder, manifest, paths.tmp / f"segment-{month}-{uuid.uuid4().hex}.json")
    return manifest


def build_segment(paths: DataPaths, month: str, days: dict[str, Path], fts_extension: Path) -> dict[str, Any]:
    """Index one month's articles as one build and publish the segment (files first, then its manifest).

    Args:
        paths: Data directory layout.
        month: ``YYYY-MM``.
        days: ``{day: articles version file}`` of the month.
        fts_extension: The fts extension file to load.

    Returns:
        The new segment manifest.
    """
    started = datetime.now(UTC)
    return _publish(paths, month, [index_days(paths, month, days, fts_extension)], started)


def update_segment(
    paths: DataPaths, month: str, days: dict[str, Path], fts_extension: Path
) -> tuple[dict[str, Any], list[str], bool]:
    """Bring one month's segment up to date with its ``articles`` partitions, at the cost of the
    days that changed.

    A build whose days all match the current version files is kept; one with some days changed
    or gone keeps its other days (:func:`split_build`, a filtered copy); the changed and new days
    are indexed together into one new build (:func:`index_days`). A month whose days did not change
    but that has several builds gets them merged into one (:func:`merge_builds`): the first build
    after the publishing window leaves a month pays that once.

    Args:
        paths: Data directory layout.
        month: ``YYYY-MM``.
        days: ``{day: articles version file}`` of the month.
        fts_extension: The fts extension file to load.

    Returns:
        ``(manifest, days indexed, whether the segment changed)``.
    """
    started = datetime.now(UTC)
    manifest = read_segment(paths, month)
    wanted = {day: path.name for day, path in days.items()}
    builds = manifest.get("builds", []) if manifest else []
    if manifest is None or not segments.complete(search_root(paths), manifest, INDEX_FILES):
        builds = []
    kept, covered = [], set()
    for build in builds:
        same = [day for day, file in build["days"].items() if wanted.get(day) == file]
        if len(same) == len(build["days"]):
            kept.append(build)
        elif same:
            kept.append(split_build(paths, month, build, same))
        covered.update(same)
    todo = {day: path for day, path in days.items() if day not in covered}
    if todo:
        kept.append(index_days(paths, month, todo, fts_extension))
    elif manifest is not None and kept == builds:
        if len(kept) == 1:
            return manifest, [], False
        kept = [merge_builds(paths, month, kept)]
    return _publish(paths, month, kept, started), sorted(todo), True


def update_segments(paths: DataPaths, fts_extension: Path) -> tuple[list[dict[str, Any]], list[str], list[str]]:
    """Bring every month's segment up to date with the published ``articles`` partitions
    (:func:`update_segment`); a month with no articles left loses its segment.

    Args:
        paths: Data directory layout.
        fts_extension: The fts extension file to load.

    Returns:
        ``(manifests of the current segments in month order, months changed, days indexed)``.
    """
    months = articles_by_month(paths)
    current, changed, indexed = [], [], []
    for month, days in months.items():
        manifest, days_indexed, rebuilt = update_segment(paths, month, days, fts_extension)
        current.append(manifest)
        indexed.extend(days_indexed)
        if rebuilt:
            changed.append(month)
    segments.drop_months(search_root(paths), months)
    return current, changed, indexed


def segment_files(paths: DataPaths, manifests: list[dict[str, Any]], name: str) -> list[Path]:
    """One index file of every segment.

    Args:
        paths: Data directory layout.
        manifests: Segment manifests (from :func:`update_segments`).
        name: One of :data:`INDEX_FILES`.

    Returns:
        The files, in month order.
    """
    return segments.build_files(search_root(paths), manifests, name)
