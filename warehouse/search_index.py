"""The whole archive's BM25 search index, kept as one immutable segment per month of articles.

The fts extension builds an index over one whole table, so one index over the archive is rebuilt
whole on every publish (195 s per 1M articles). Here each calendar month of ``articles``
partitions is indexed on its own (the fts extension's tokenizer, Porter stemmer, English stop
words; title and body) and written to Parquet under ``warehouse/_search/month=YYYY-MM/<build_id>/``:

* ``postings.parquet``: ``term, docid, tf, len, date, source_id`` sorted by ``term``, so a query
  reads only the row groups of its terms (DuckDB pushes the query's terms into the scan);
* ``docs.parquet``: ``docid, article_id, len, date, source_id``;
* ``dict.parquet``: ``term, df`` (documents of the month holding the term);
* ``words.parquet``: ``word, term``: every indexed raw token and its stem, so a query is
  tokenized and stemmed in plain SQL, without the extension (the DuckDB CLI and JDBC tools);
* ``bigrams.parquet``: ``bigram, docid, pos`` sorted by ``bigram``: each pair of adjacent raw
  tokens (``"talks resume"``; stop words kept, not stemmed) at each position it holds (title
  first, then the body after a gap, so no pair spans the two). A phrase of n tokens is the
  documents holding its n-1 pairs at consecutive positions: an exact positional match read from
  the pairs' postings, no article text read.

``_segment.json`` in the month folder names the current build and the ``articles`` version file
of each day it was built from; a build whose days all still match is reused. A publish of one
day therefore re-indexes that day's month only: its cost is bounded by a month's articles,
whatever the archive's size. The index is the fts extension's (its tokenizer, stop words and
Porter stemmer), computed in SQL rather than by ``create_fts_index``, which is 3-4x slower. The
macros of ``warehouse/sql/090_search.sql`` score over all
segments together with archive-wide statistics (``df`` summed over months, average length over
all documents), so scores are the same as one index over the whole archive.

Why a month: a segment per day would make a publish cheaper still, but a query over ten years
would open 3,650 files per index table; a month keeps that at 120 while a publish stays flat.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from warehouse import segments
from warehouse.writer import partition_files
from wirearchive.config import DataPaths

INDEX_FILES = ("postings", "heads", "docs", "dict", "words", "bigrams")
# Rows per Parquet row group of the postings: the unit a term lookup reads. Smaller groups read
# less for a rare term but add footer entries; 16k rows is ~100 KB compressed (bench/warehouse.py
# prints the search latencies it gives; re-run it before changing this).
POSTINGS_ROW_GROUP = 16_384
# Postings of each term a month keeps in ``heads.parquet``, its highest-weighted first: a top-k
# query over common words reads these and stops when no posting left out can change its result
# (the macro ``search_top`` of warehouse/sql/090_search.sql). A term of df <= HEAD_SIZE in a month
# has all its postings there; a larger head makes the early stop succeed more often but reads more.
HEAD_SIZE = 1024
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


def build_segment(paths: DataPaths, month: str, days: dict[str, Path], fts_extension: Path) -> dict[str, Any]:
    """Index one month's articles and publish the segment (files first, then its manifest).

    Args:
        paths: Data directory layout.
        month: ``YYYY-MM``.
        days: ``{day: articles version file}`` of the month.
        fts_extension: The fts extension file to load.

    Returns:
        The new segment manifest.
    """
    started = datetime.now(UTC)
    build_id = uuid.uuid4().hex
    folder = segments.month_folder(search_root(paths), month)
    out = folder / build_id
    out.mkdir(parents=True)
    paths.tmp.mkdir(parents=True, exist_ok=True)
    config: dict[str, str | bool | int | float | list[str]] = {
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
        "temp_directory": str(paths.tmp),
        "preserve_insertion_order": False,
    }
    listed = ", ".join(_quote(str(p)) for p in days.values())
    with duckdb.connect(config=config) as con:
        con.execute(f"load {_quote(str(fts_extension))}")  # for stem() and the stop-word list
        con.execute("create table stopword_probe (id varchar, t varchar)")
        con.execute("pragma create_fts_index('stopword_probe', 'id', 't')")
        con.execute(
            "create table month_text as select (row_number() over (order by date, article_id) - 1)::bigint as docid, "
            "article_id, source_id, coalesce(title, '') as title, body, date from read_parquet("
            f"[{listed}], hive_partitioning = true, union_by_name = true, hive_types = {{'date': date}})"
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
        counted = con.execute("select count(*), coalesce(sum(len), 0) from month_docs").fetchone()
        assert counted is not None  # an aggregate always returns one row
        num_docs, total_len = counted
        avgdl = total_len / num_docs if num_docs else 1.0
        # each posting's bm25 term weight with this month's average length: the order of the heads
        con.execute(
            "create table month_ranked as select month_postings.term, month_postings.docid, month_postings.tf, "
            "month_docs.len, month_docs.date, month_docs.source_id, row_number() over (partition by "
            f"month_postings.term order by {impact_sql('month_postings.tf', 'month_docs.len', avgdl)} desc, "
            "month_postings.docid) as rank from month_postings inner join month_docs "
            "on month_postings.docid = month_docs.docid"
        )
        _export(
            con,
            "select term, count(*)::bigint as df, coalesce(max(case when rank = "
            f"{HEAD_SIZE + 1} then {impact_sql('tf', 'len', avgdl)} end), 0)::double as tail_impact "
            "from month_ranked group by term order by term",
            out / "dict.parquet",
        )
        _export(
            con,
            "select term, docid, tf, len, date, source_id from month_ranked order by term, docid",
            out / "postings.parquet",
            POSTINGS_ROW_GROUP,
        )
        _export(
            con,
            "select term, rank::integer as rank, docid, tf, len, date, source_id from month_ranked "
            f"where rank <= {HEAD_SIZE} order by term, rank",
            out / "heads.parquet",
            POSTINGS_ROW_GROUP,
        )
        _export(con, "select word, term from month_words order by word", out / "words.parquet")
        _export(
            con,
            "select pair.bigram as bigram, docid, pair.pos::integer as pos from month_bigrams order by all",
            out / "bigrams.parquet",
            POSTINGS_ROW_GROUP,
        )
    manifest = {
        "month": month,
        "build_id": build_id,
        "days": {day: path.name for day, path in days.items()},
        "num_docs": num_docs,
        "total_len": int(total_len),
        "built_at": started.isoformat(),
        "build_seconds": round((datetime.now(UTC) - started).total_seconds(), 3),
    }
    segments.publish(folder, manifest, paths.tmp / f"segment-{month}-{build_id}.json")
    return manifest


def update_segments(paths: DataPaths, fts_extension: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """Bring every month's segment up to date with the published ``articles`` partitions.

    A month is rebuilt when its manifest's days or version files differ from the current ones; a
    month with no articles left loses its segment.

    Args:
        paths: Data directory layout.
        fts_extension: The fts extension file to load.

    Returns:
        ``(manifests of the current segments in month order, months rebuilt)``.
    """
    months = articles_by_month(paths)
    current, rebuilt = [], []
    for month, days in months.items():
        manifest = read_segment(paths, month)
        wanted = {day: path.name for day, path in days.items()}
        if (
            manifest is None
            or manifest["days"] != wanted
            or not segments.complete(search_root(paths), manifest, INDEX_FILES)
        ):
            manifest = build_segment(paths, month, days, fts_extension)
            rebuilt.append(month)
        current.append(manifest)
    segments.drop_months(search_root(paths), months)
    return current, rebuilt


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
