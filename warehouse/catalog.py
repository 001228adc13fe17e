"""Build the analysts' DuckDB file: views over the Parquet tables, stories, search.

Every build writes a NEW file beside ``paths.catalog`` and renames it into place, so an analyst
holding the old file open (read-only) keeps working and the run never waits on a lock. The file
holds no table data of the partitioned tables, only views over their Parquet files (absolute
paths), plus what must live inside a database: the ``sources`` and ``meta`` tables, the search
statistics, and the macros and views of ``warehouse/sql/*.sql`` (applied in file-name order).
Two derived parts are kept outside, as one Parquet segment per month each, and only what changed
is recomputed, so a publish of one day costs the same whatever the archive's size: the search
index (:mod:`warehouse.search_index`: the changed days, as a new build of their month) and the
story tables ``stories``, ``member_versions``, ``copy_versions``, ``pickup_lag`` and
``story_versions`` (:mod:`warehouse.story_segments`: the months whose inputs changed, the scripts
of ``warehouse/sql/010_stories``). The catalog's views read every segment's immutable builds.

The fts extension (which builds the segments) is loaded from the pinned ``duckdb-extension-fts``
package, with extension autoinstall/autoload off, so nothing is downloaded. Querying needs no
extension. ``SCHEMA.md`` documents the result.
"""

from __future__ import annotations

import os
import time
import uuid
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

import duckdb
import duckdb_extension_fts
import pyarrow as pa

from warehouse import story_segments
from warehouse.schema import SCHEMA_VERSION, TABLES
from warehouse.search_index import segment_files, update_segments
from warehouse.table_views import quote
from warehouse.table_views import table_view_sql as partitions_view_sql
from warehouse.writer import partition_files
from wirearchive.atomicfile import replace_durably
from wirearchive.config import DataPaths
from wirearchive.faults import killpoint
from wirearchive.sources import Registry

# Files are written for DuckDB >= 1.5.0 (the CLI version SCHEMA.md recommends, 1.5.x).
STORAGE_VERSION = "v1.5.0"
FTS_EXTENSION = (
    Path(duckdb_extension_fts.__file__).parent / "extensions" / f"v{duckdb.__version__}" / "fts.duckdb_extension"
)
_NO_DOWNLOADS: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Any:
    """The first column of the first row of a query that always returns one (an aggregate).

    Args:
        con: The connection.
        sql: The query.
        params: Its parameters.

    Returns:
        The value.
    """
    row = con.execute(sql, params or []).fetchone()
    if row is None:
        raise ValueError(f"query returned no row: {sql}")
    return row[0]


def connect(path: str | os.PathLike[str], read_only: bool = True) -> duckdb.DuckDBPyConnection:
    """Open a catalog file with the fts extension loaded from the pinned package.

    Args:
        path: The DuckDB file (usually ``paths.catalog``).
        read_only: Open read-only (what analysts and readers should do).

    Returns:
        A connection (the fts extension loaded, though the search macros no longer need it;
        Parquet metadata cached).
    """
    con = duckdb.connect(str(path), read_only=read_only, config=dict(_NO_DOWNLOADS))
    con.execute(f"load '{FTS_EXTENSION}'")
    # the views read fixed, immutable files: keep their footers, which planning a search reads
    # again for every view it names (a third of a rare query's time without it)
    con.execute("set parquet_metadata_cache = true")
    return con


def table_view_sql(paths: DataPaths, table: str) -> str:
    """The view over one table's Parquet partitions, as published when the catalog is built.

    Args:
        paths: Data directory layout.
        table: Table name.

    Returns:
        A ``create or replace view`` statement (:func:`warehouse.table_views.table_view_sql`).
    """
    return partitions_view_sql(table, partition_files(paths, table).values())


def _sources_table(registry: Registry | None) -> pa.Table:
    rows = [
        {
            "id": s.id,
            "name": s.name,
            "kind": s.kind,
            "home": str(s.home),
            "wire": s.wire,
            "language": s.language,
            "enabled": s.enabled,
            "feeds": [str(u) for u in s.feeds],
            "sitemaps": [str(u) for u in s.sitemaps],
            "sections": [str(u) for u in s.sections],
        }
        for s in (registry.source if registry else [])
    ]
    strings = pa.list_(pa.string())
    schema = pa.schema(
        [
            ("id", pa.string()),
            ("name", pa.string()),
            ("kind", pa.string()),
            ("home", pa.string()),
            ("wire", pa.string()),
            ("language", pa.string()),
            ("enabled", pa.bool_()),
            ("feeds", strings),
            ("sitemaps", strings),
            ("sections", strings),
        ]
    )
    return pa.Table.from_pylist(rows, schema=schema)


# Column types of the search index files (warehouse/search_index.py), for the typed empty
# relation a view starts from (an archive with no segment yet has empty search views).
SEARCH_COLUMNS = {
    "search_postings": {
        "term": "varchar",
        "docid": "bigint",
        "tf": "integer",
        "len": "bigint",
        "date": "date",
        "source_id": "varchar",
        "month": "varchar",
    },
    "search_heads": {
        "term": "varchar",
        "rank": "integer",
        "docid": "bigint",
        "tf": "integer",
        "len": "bigint",
        "date": "date",
        "source_id": "varchar",
        "month": "varchar",
    },
    "search_docs": {
        "docid": "bigint",
        "article_id": "varchar",
        "len": "bigint",
        "date": "date",
        "source_id": "varchar",
        "month": "varchar",
    },
    "search_dict": {
        "term": "varchar",
        "date": "date",
        "df": "bigint",
        "tail_impact": "double",
        "head_avgdl": "double",
        "month": "varchar",
    },
    "search_words": {"word": "varchar", "term": "varchar", "month": "varchar"},
    "search_bigrams": {"bigram": "varchar", "docid": "bigint", "pos": "integer", "month": "varchar"},
}


def search_view_sql(view: str, found: list[Path]) -> str:
    """The view over one index file of every month segment.

    Args:
        view: A key of :data:`SEARCH_COLUMNS`.
        found: That file of each segment (``month=YYYY-MM/<build>/<name>.parquet``).

    Returns:
        A ``create or replace view`` statement.
    """
    columns = [f"cast(null as {kind}) as {name}" for name, kind in SEARCH_COLUMNS[view].items()]
    empty = "select " + ", ".join(columns) + " where false"
    if not found:
        return f"create or replace view {view} as {empty}"
    listed = ", ".join(quote(str(path)) for path in found)
    return (
        f"create or replace view {view} as {empty} union all by name select * from read_parquet([{listed}], "
        "hive_partitioning = true, hive_types = {'month': varchar})"
    )


def _build_search(con: duckdb.DuckDBPyConnection, paths: DataPaths) -> tuple[int, int, list[str], list[str]]:
    """Update the month segments and create the views and tables the search macros read.

    Returns:
        ``(articles indexed, segments, months changed, days indexed)``.
    """
    manifests, rebuilt, days = update_segments(paths, FTS_EXTENSION)
    attach_search(con, paths, manifests)
    return sum(m["num_docs"] for m in manifests), len(manifests), rebuilt, days


def attach_search(con: duckdb.DuckDBPyConnection, paths: DataPaths, manifests: list[dict[str, Any]]) -> None:
    """Create the views and tables the search macros read (``warehouse/sql/090_search.sql``) over
    month segments (:mod:`warehouse.search_index`).

    Args:
        con: A connection with the fts extension loaded.
        paths: The data directory whose ``_search`` folder holds the segments.
        manifests: The segments' manifests.
    """
    for view, name in (
        ("search_postings", "postings"),
        ("search_heads", "heads"),
        ("search_docs", "docs"),
        ("search_dict", "dict"),
        ("search_words", "words"),
        ("search_bigrams", "bigrams"),
    ):
        con.execute(search_view_sql(view, segment_files(paths, manifests, name)))
    num_docs = sum(m["num_docs"] for m in manifests)
    total_len = sum(m["total_len"] for m in manifests)
    con.execute(
        "create table search_stats as select ?::bigint as num_docs, ?::double as avgdl",
        [num_docs, total_len / num_docs if num_docs else 0.0],
    )
    # the stop words the fts extension drops (its built-in english list), from a throwaway index
    con.execute("create table stopword_probe (id varchar, t varchar)")
    con.execute("pragma create_fts_index('stopword_probe', 'id', 't')")
    con.execute("create table search_stopwords as select sw from fts_main_stopword_probe.stopwords order by sw")
    con.execute("pragma drop_fts_index('stopword_probe')")
    con.execute("drop table stopword_probe")


def apply_sql(con: duckdb.DuckDBPyConnection, story_tables: bool) -> list[str]:
    """Apply the scripts of ``warehouse/sql`` in file-name order.

    Args:
        con: A connection with the contract tables and the search views.
        story_tables: Also create the story tables (the ``010_stories`` folder) in place, over
            all of the connection's members; otherwise they must exist already (the catalog's
            views over the story segments).

    Returns:
        The scripts applied.
    """
    applied = []
    for script in sorted(files("warehouse").joinpath("sql").iterdir(), key=lambda p: p.name):
        if script.name.endswith(".sql"):
            con.execute(script.read_text(encoding="utf-8"))
            applied.append(script.name)
        elif script.is_dir() and story_tables:
            story_segments.apply_story_sql(con)
            applied.extend(f"{script.name}/{s.name}" for s in story_segments.story_scripts())
    return applied


def story_view_sql(table: str, found: list[Path]) -> str:
    """The view over one story table's file of every segment.

    Args:
        table: One of :data:`warehouse.story_segments.STORY_TABLES`.
        found: Its file in each segment, in month order.

    Returns:
        A ``create or replace view`` statement.
    """
    listed = ", ".join(quote(str(path)) for path in found)
    columns = story_segments.read_columns(table)
    return (
        f"create or replace view {table} as select {columns} from read_parquet([{listed}], hive_partitioning = false)"
    )


def _attach_stories(con: duckdb.DuckDBPyConnection, paths: DataPaths) -> tuple[int, list[str]]:
    """Update the story segments and create the story tables' views over them.

    With no segment yet (no members), the story tables are created empty by their scripts, so
    they keep their columns.

    Returns:
        ``(segments, months rebuilt)``.
    """
    manifests, rebuilt = story_segments.update_segments(paths)
    if not manifests:
        con.execute(files("warehouse").joinpath("sql").joinpath(story_segments.MEMBER_ARTICLES_SQL).read_text())
        story_segments.apply_story_sql(con)
        return 0, rebuilt
    for table in story_segments.STORY_TABLES:
        con.execute(story_view_sql(table, story_segments.segment_files(paths, manifests, table)))
    return len(manifests), rebuilt


def _fill(con: duckdb.DuckDBPyConnection, paths: DataPaths, registry: Registry | None) -> None:
    built_at = datetime.now(UTC)
    for table in TABLES:
        con.execute(table_view_sql(paths, table))
    con.register("registry_rows", _sources_table(registry))
    con.execute("create table sources as select * from registry_rows")
    con.unregister("registry_rows")
    killpoint("catalog.half_built")
    started = time.perf_counter()
    indexed, segments, rebuilt, days_indexed = _build_search(con, paths)
    search_seconds = time.perf_counter() - started
    started = time.perf_counter()
    story_segment_count, story_rebuilt = _attach_stories(con, paths)
    stories_seconds = time.perf_counter() - started
    scripts = apply_sql(con, story_tables=False)
    con.execute(
        "create table meta as select ?::integer as schema_version, ?::timestamptz as built_at, "
        "?::varchar as duckdb_version, ?::varchar as storage_version, ?::bigint as articles_indexed, "
        "?::integer as search_segments, ?::varchar[] as search_months_rebuilt, ?::varchar[] as search_days_indexed, "
        "?::double as search_build_seconds, "
        "?::integer as story_segments, ?::varchar[] as story_months_rebuilt, ?::double as story_build_seconds, "
        "?::double as build_seconds, ?::varchar[] as sql_scripts, ?::varchar as warehouse",
        [
            SCHEMA_VERSION,
            built_at,
            duckdb.__version__,
            STORAGE_VERSION,
            indexed,
            segments,
            rebuilt,
            days_indexed,
            round(search_seconds, 3),
            story_segment_count,
            story_rebuilt,
            round(stories_seconds, 3),
            round((datetime.now(UTC) - built_at).total_seconds(), 3),
            scripts,
            str(paths.warehouse),
        ],
    )


def build_catalog(paths: DataPaths, registry: Registry | None = None) -> Path:
    """Build the catalog into a new file and rename it onto ``paths.catalog``.

    Args:
        paths: Data directory layout.
        registry: Sources registry for the ``sources`` table (empty table when ``None``).

    Returns:
        ``paths.catalog``.

    Raises:
        duckdb.Error: A query failed; the old catalog is left in place.
    """
    paths.catalog.parent.mkdir(parents=True, exist_ok=True)
    tmp = paths.catalog.with_name(f".{paths.catalog.name}.{uuid.uuid4().hex}.tmp")
    config: dict[str, str | bool | int | float | list[str]] = {
        **_NO_DOWNLOADS,
        "storage_compatibility_version": STORAGE_VERSION,
    }
    try:
        con = duckdb.connect(str(tmp), config=config)
        try:
            con.execute(f"load '{FTS_EXTENSION}'")
            _fill(con, paths, registry)
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
