"""Build the analysts' DuckDB file: views over the Parquet tables, stories, search.

Every build writes a NEW file beside ``paths.catalog`` and renames it into place, so an analyst
holding the old file open (read-only) keeps working and the run never waits on a lock. The file
holds no table data of the partitioned tables, only views over their Parquet files (absolute
paths), plus what must live inside a database: the ``sources`` and ``meta`` tables, the
materialized ``stories`` table, ``article_text`` with its BM25 index, and the macros and views
of ``warehouse/sql/*.sql`` (applied in file-name order).

The fts extension is loaded from the pinned ``duckdb-extension-fts`` package, with extension
autoinstall/autoload off, so nothing is downloaded. ``SCHEMA.md`` documents the result.
"""

from __future__ import annotations

import os
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from importlib.resources import files
from pathlib import Path

import duckdb
import duckdb_extension_fts
import pyarrow as pa

from warehouse.schema import SCHEMA_VERSION, TABLES
from warehouse.writer import list_partitions, partition_files
from wirearchive.atomicfile import replace_durably
from wirearchive.config import DataPaths
from wirearchive.faults import killpoint
from wirearchive.sources import Registry

# Files are written for DuckDB >= 1.5.0 (the CLI version SCHEMA.md recommends, 1.5.x).
STORAGE_VERSION = "v1.5.0"
# Days of articles (counting back from the newest partition) in the BM25 index. 31 days of a
# 10M-articles-a-year archive is ~0.85M articles: bench/warehouse.py measures build time and query
# latency at 1M (re-run it before changing this). ``fts_days=None`` indexes everything.
FTS_DAYS = 31
FTS_EXTENSION = (
    Path(duckdb_extension_fts.__file__).parent / "extensions" / f"v{duckdb.__version__}" / "fts.duckdb_extension"
)
_NO_DOWNLOADS = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


def connect(path: str | os.PathLike[str], read_only: bool = True) -> duckdb.DuckDBPyConnection:
    """Open a catalog file with the fts extension loaded from the pinned package.

    Args:
        path: The DuckDB file (usually ``paths.catalog``).
        read_only: Open read-only (what analysts and readers should do).

    Returns:
        A connection on which ``search()`` and ``search_stories()`` work.
    """
    con = duckdb.connect(str(path), read_only=read_only, config=dict(_NO_DOWNLOADS))
    con.execute(f"load '{FTS_EXTENSION}'")
    return con


def duckdb_type(dtype: pa.DataType) -> str:
    """DuckDB SQL type of a contract column type.

    Args:
        dtype: A pyarrow type used in :mod:`warehouse.schema`.

    Returns:
        The DuckDB type name.

    Raises:
        ValueError: A type the contracts do not use yet.
    """
    if pa.types.is_list(dtype):
        return f"{duckdb_type(dtype.value_type)}[]"
    if pa.types.is_timestamp(dtype):
        return "timestamptz" if dtype.tz else "timestamp"
    simple = {pa.string(): "varchar", pa.int32(): "integer", pa.int64(): "bigint",
              pa.float64(): "double", pa.bool_(): "boolean", pa.date32(): "date"}
    if dtype in simple:
        return simple[dtype]
    raise ValueError(f"no DuckDB type mapped for {dtype}")


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def table_view_sql(paths: DataPaths, table: str) -> str:
    """The view over one table's Parquet partitions, as published when the catalog is built.

    The view names each partition's immutable version file (see :mod:`warehouse.writer`), so a
    republish after the build neither changes nor breaks it. Columns are the contract's, in
    contract order, plus ``date``. A typed empty relation is unioned by name with the files, so a
    column missing from old files reads as NULL and a table with no partitions yet is an empty view
    instead of a "no files found" error.

    Args:
        paths: Data directory layout.
        table: Table name.

    Returns:
        A ``create or replace view`` statement.
    """
    columns = [f"cast(null as {duckdb_type(f.type)}) as {f.name}" for f in TABLES[table]]
    empty = "select\n    " + ",\n    ".join([*columns, "cast(null as date) as date"]) + "\nwhere false"
    found = partition_files(paths, table)
    if not found:
        return f"create or replace view {table} as\n{empty}"
    listed = ", ".join(_quote(str(path)) for path in found.values())
    scan = (
        f"select * from read_parquet([{listed}], hive_partitioning = true, union_by_name = true, "
        "hive_types = {'date': date})"
    )
    return f"create or replace view {table} as\n{empty}\nunion all by name\n{scan}"


def _sources_table(registry: Registry | None) -> pa.Table:
    rows = [
        {
            "id": s.id, "name": s.name, "kind": s.kind, "home": str(s.home), "wire": s.wire,
            "language": s.language, "enabled": s.enabled, "feeds": [str(u) for u in s.feeds],
            "sitemaps": [str(u) for u in s.sitemaps], "sections": [str(u) for u in s.sections],
        }
        for s in (registry.source if registry else [])
    ]
    strings = pa.list_(pa.string())
    schema = pa.schema([("id", pa.string()), ("name", pa.string()), ("kind", pa.string()), ("home", pa.string()),
                        ("wire", pa.string()), ("language", pa.string()), ("enabled", pa.bool_()),
                        ("feeds", strings), ("sitemaps", strings), ("sections", strings)])
    return pa.Table.from_pylist(rows, schema=schema)


def _fts_first_day(paths: DataPaths, fts_days: int | None) -> date | None:
    days = list_partitions(paths, "articles")
    if fts_days is None or not days:
        return None
    return date.fromisoformat(days[-1]) - timedelta(days=fts_days - 1)


def _build_search(con: duckdb.DuckDBPyConnection, first_day: date | None) -> int:
    """Materialize ``article_text``, index it, sort the postings; returns rows indexed."""
    window = "" if first_day is None else f"where articles.date >= date '{first_day.isoformat()}'"
    con.execute(
        f"""
        create table article_text as
        select
            articles.article_id,
            story_members.story_id,
            articles.source_id,
            articles.wire_service,
            articles.published_at,
            articles.url,
            articles.title,
            articles.body,
            articles.date
        from articles
        left join story_members using (article_id, date)
        {window}
        order by articles.date, articles.article_id
        """
    )
    con.execute("pragma create_fts_index('article_text', 'article_id', 'title', 'body', overwrite = 1)")
    # match_bm25 filters the postings by term id; stored sorted by it, the scan skips row groups
    # by zone map (0.17 s -> 0.065 s for a 2-term query over 100k articles; re-run the bench).
    con.execute(
        """
        create table fts_main_article_text.terms_sorted as
        select * from fts_main_article_text.terms order by termid, docid;
        drop table fts_main_article_text.terms;
        alter table fts_main_article_text.terms_sorted rename to terms;
        checkpoint;
        """
    )  # the checkpoint frees the unsorted copy's blocks, reused by the tables built next
    return con.execute("select count(*) from article_text").fetchone()[0]


def _apply_sql(con: duckdb.DuckDBPyConnection) -> list[str]:
    applied = []
    for script in sorted(files("warehouse").joinpath("sql").iterdir(), key=lambda p: p.name):
        if script.name.endswith(".sql"):
            con.execute(script.read_text(encoding="utf-8"))
            applied.append(script.name)
    return applied


def _fill(con: duckdb.DuckDBPyConnection, paths: DataPaths, registry: Registry | None,
          fts_days: int | None) -> None:
    built_at = datetime.now(UTC)
    for table in TABLES:
        con.execute(table_view_sql(paths, table))
    con.register("registry_rows", _sources_table(registry))
    con.execute("create table sources as select * from registry_rows")
    con.unregister("registry_rows")
    killpoint("catalog.half_built")
    first_day = _fts_first_day(paths, fts_days)
    started = time.perf_counter()
    indexed = _build_search(con, first_day)
    search_seconds = time.perf_counter() - started
    scripts = _apply_sql(con)
    con.execute(
        "create table meta as select ?::integer as schema_version, ?::timestamptz as built_at, "
        "?::varchar as duckdb_version, ?::varchar as storage_version, ?::date as fts_first_day, "
        "?::bigint as articles_indexed, ?::double as search_build_seconds, "
        "?::double as build_seconds, ?::varchar[] as sql_scripts, ?::varchar as warehouse",
        [SCHEMA_VERSION, built_at, duckdb.__version__, STORAGE_VERSION, first_day, indexed,
         round(search_seconds, 3), round((datetime.now(UTC) - built_at).total_seconds(), 3), scripts,
         str(paths.warehouse)],
    )


def build_catalog(paths: DataPaths, registry: Registry | None = None, *, fts_days: int | None = FTS_DAYS) -> Path:
    """Build the catalog into a new file and rename it onto ``paths.catalog``.

    Args:
        paths: Data directory layout.
        registry: Sources registry for the ``sources`` table (empty table when ``None``).
        fts_days: Days of articles, back from the newest ``articles`` partition, in the BM25
            index; ``None`` indexes every partition.

    Returns:
        ``paths.catalog``.

    Raises:
        ValueError: ``fts_days`` is less than 1.
        duckdb.Error: A query failed; the old catalog is left in place.
    """
    if fts_days is not None and fts_days < 1:
        raise ValueError(f"fts_days must be >= 1 or None, not {fts_days}")
    paths.catalog.parent.mkdir(parents=True, exist_ok=True)
    tmp = paths.catalog.with_name(f".{paths.catalog.name}.{uuid.uuid4().hex}.tmp")
    config = {**_NO_DOWNLOADS, "storage_compatibility_version": STORAGE_VERSION}
    try:
        con = duckdb.connect(str(tmp), config=config)
        try:
            con.execute(f"load '{FTS_EXTENSION}'")
            _fill(con, paths, registry, fts_days)
            con.execute("checkpoint")
        finally:
            con.close()
        replace_durably(
            tmp,
            paths.catalog,
            before_replace=lambda: killpoint("catalog.before_swap"),
            after_replace=lambda: killpoint("catalog.after_swap"),
        )
    finally:
        tmp.unlink(missing_ok=True)
        tmp.with_name(tmp.name + ".wal").unlink(missing_ok=True)
    return paths.catalog
