"""The warehouse as a DuckLake: catalog in PostgreSQL, data files on S3-compatible storage.

The embedded default is local Parquet plus the DuckDB catalog file (:mod:`warehouse.writer`,
:mod:`warehouse.catalog`). When a lake is configured (:func:`lake_from_settings`, read by the
``wirearchive`` resource), the nightly job also publishes every partition it changed to a DuckLake
(https://ducklake.select): DuckLake keeps its catalog (snapshots, files, statistics) in ordinary
PostgreSQL tables and the rows in Parquet files under ``DATA_PATH`` (one folder per table and
``date``, the tables being partitioned by ``date``).

Why this is safe with several publishers and readers:

* one publish is one DuckLake transaction: for every partition, ``delete ... where date = D`` then
  the new rows, then a row in ``publish_log``, then the story tables' rows of the months those
  partitions feed (``delete ... where month = M`` then the recomputed rows); a reader sees the
  snapshot before or after it, never half a partition, and a rerun replaces rows instead of adding
  them;
* a commit writes the next snapshot id, which Postgres keeps unique; the loser of a race re-checks
  the winner's changes and commits again when they do not conflict (DuckLake's own retries,
  ``ducklake_max_retry_count``). DuckLake 1.5.5 checks conflicts per TABLE: a delete conflicts with
  any insert into the same table committed meanwhile, whatever the day (measured: 4-5 of 16
  publishes of two concurrent publishers of different days; tests/scale/test_lake.py). So
  :func:`publish` runs the whole transaction again on a conflict (up to :data:`PUBLISH_ATTEMPTS`,
  with jittered backoff): the retry deletes and inserts against the winner's snapshot, so no
  publisher loses another's partitions, and of two publishers of the same day the last to commit
  wins with a whole partition;
* ``publish_log`` is append-only (inserts never conflict): the latest row of a (table, day) names
  the local ``write_id`` published, so :func:`publish_warehouse` sends only partitions that changed.

Upkeep: :func:`maintain` (run by the catalog step after each publish) expires snapshots older
than :data:`KEEP_SNAPSHOTS`, merges small files and deletes the files no kept snapshot reads, so
the catalog and the store do not grow with every republished day.

Data inlining is off (``DATA_INLINING_ROW_LIMIT 0``): every partition is a Parquet file on the
store, none is kept in Postgres rows.

Extensions load OFFLINE from the pinned ``duckdb-extension-{ducklake,postgres,httpfs}`` packages,
with extension autoinstall/autoload off (as :mod:`warehouse.catalog` loads fts). The postgres
package ships the file as ``postgres.duckdb_extension`` while the extension's entry point is
``postgres_scanner_duckdb_cpp_init`` (DuckDB derives it from the file name), so it is loaded through
a link named ``postgres_scanner.duckdb_extension`` in a private temp folder.

Readers: :func:`connect` attaches the lake READ-ONLY at one snapshot and recreates the analysts'
views of ``warehouse/sql`` over it. The story tables are published with the partitions: each
publish recomputes, in its transaction, the story tables' rows of the months its days feed
(partitioned by the stories' anchor month, as the catalog's story segments; listed in
``story_months``), so a reader only reads them. A BM25 index of the last ``search_days`` days of
articles is computed once per snapshot into a local cache, so reconnecting to an unchanged lake
computes nothing (see :func:`connect`).
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import json
import os
import random
import shutil
import socket
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from importlib.resources import files
from pathlib import Path
from typing import TypeVar

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from warehouse import story_segments
from warehouse.catalog import FTS_EXTENSION, apply_sql, attach_search, scalar
from warehouse.objectstore import ObjectStore, quote, s3_secret_sql
from warehouse.schema import TABLES
from warehouse.search_index import build_segment
from warehouse.table_views import duckdb_type
from warehouse.writer import conform, partition_files, read_manifest
from wirearchive.config import DataPaths, data_paths
from wirearchive.days import validate_day

LAKE_ALIAS = "lake"
PUBLISH_LOG = "publish_log"
# The registry's table in the catalog file (warehouse/catalog.py), published beside the partitions.
SOURCES = "sources"
# One row per month whose story tables are published (month, scripts hash, stories, built_at):
# the story tables are partitioned by their stories' anchor month (warehouse.story_segments).
STORY_MONTHS = "story_months"
# Environment variables read by lake_from_settings when the resource leaves a field unset.
CATALOG_ENV = "WIREARCHIVE_LAKE_CATALOG"
DATA_PATH_ENV = "WIREARCHIVE_LAKE_DATA_PATH"
ENDPOINT_ENV = "WIREARCHIVE_S3_ENDPOINT"
# Whole-transaction tries of a publish whose commit DuckLake reports as a conflict (concurrent
# publishers: module docstring). Waits grow 0.1 s x 2^n with jitter, ~100 s in all: enough for a
# handful of publishers of one nightly window, each transaction taking seconds.
PUBLISH_ATTEMPTS = 10
RETRY_BASE_S = 0.1
# Days of articles a read-only connection indexes for search by default: an index built in memory
# at attach costs ~195 s per 1M articles (SCALING.md), a week of the demo's scale well under 1 s.
SEARCH_DAYS = 7
# Where connect() caches what it derives from a snapshot (cache_folder), and the file of the
# search segments' manifests that marks an entry complete.
CACHE_ENV = "WIREARCHIVE_LAKE_CACHE"
SEARCH_MANIFESTS = "search_segments.json"
# How long maintain() keeps replaced snapshots (time travel) and the data files only they read: a
# read-only connection older than this may fail and should reconnect. A week covers the nightly
# cycle with room for a long analysis (the local files keep a day, writer.KEEP_OLD_VERSIONS).
KEEP_SNAPSHOTS = timedelta(days=7)
T = TypeVar("T")
_NO_DOWNLOADS = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


def _extension_file(name: str) -> Path:
    package = f"duckdb_extension_{name}"
    try:
        module = importlib.import_module(package)
    except ModuleNotFoundError:
        raise ModuleNotFoundError(
            f"{package} is missing: a lake needs the scale extra (pip install -e .[scale])"
        ) from None
    assert module.__file__ is not None  # a regular package, not a namespace
    return Path(module.__file__).parent / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"


@functools.cache
def extension_files() -> tuple[Path, ...]:
    """The extension files a lake connection loads, in load order (httpfs, postgres, ducklake).

    The extension packages are the ``scale`` extra, imported here rather than at module import so
    that the embedded default (no lake) does not need them. The postgres file is reached through a
    link named after its entry point (module docstring), made once per process.

    Returns:
        Paths to pass to ``load``.

    Raises:
        ModuleNotFoundError: The scale extra is not installed.
    """
    link = Path(tempfile.mkdtemp(prefix="wirearchive-duckdb-ext-")) / "postgres_scanner.duckdb_extension"
    link.symlink_to(_extension_file("postgres"))
    return (_extension_file("httpfs"), link, _extension_file("ducklake"))


@dataclass(frozen=True)
class Lake:
    """Where the DuckLake lives.

    Attributes:
        catalog: libpq connection string of the PostgreSQL database holding DuckLake's catalog,
            e.g. ``host=db port=5432 dbname=lake user=wirearchive password=...``.
        store: The S3 location of the data files (``store.url`` is DuckLake's ``DATA_PATH``)
            with its endpoint and credentials.
    """

    catalog: str = field(repr=False)  # may hold the password
    store: ObjectStore

    @property
    def data_path(self) -> str:
        """DuckLake's ``DATA_PATH``: the store URL with a trailing slash."""
        _ = self.store.root  # raises ValueError for a URL that is not s3://bucket[/prefix]
        return self.store.url.rstrip("/") + "/"


def lake_from_settings(
    catalog: str | None = None, data_path: str | None = None, endpoint: str | None = None
) -> Lake | None:
    """The configured lake, or ``None`` for the embedded default (local files only).

    Unset arguments fall back to ``$WIREARCHIVE_LAKE_CATALOG``, ``$WIREARCHIVE_LAKE_DATA_PATH`` and
    ``$WIREARCHIVE_S3_ENDPOINT``; credentials are ``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY``
    and the region ``AWS_REGION`` (default ``us-east-1``).

    Args:
        catalog: libpq connection string of the catalog database.
        data_path: ``s3://bucket/prefix`` for the data files.
        endpoint: ``http(s)://host:port`` of an S3-compatible server; empty for AWS.

    Returns:
        The lake, or ``None`` when neither catalog nor data path is set.

    Raises:
        ValueError: Only one of catalog and data path is set.
    """
    catalog = catalog or os.environ.get(CATALOG_ENV, "")
    data_path = data_path or os.environ.get(DATA_PATH_ENV, "")
    if not catalog and not data_path:
        return None
    if not catalog or not data_path:
        raise ValueError(f"a lake needs both a catalog ({CATALOG_ENV}) and a data path ({DATA_PATH_ENV})")
    store = ObjectStore.from_env(
        data_path, endpoint or os.environ.get(ENDPOINT_ENV, ""), os.environ.get("AWS_REGION", "us-east-1")
    )
    return Lake(catalog, store)


def _open(lake: Lake, read_only: bool) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(config=dict(_NO_DOWNLOADS))
    for extension in extension_files():
        con.execute(f"load {quote(str(extension))}")
    con.execute(s3_secret_sql(lake.store, "wirearchive_lake_s3"))
    options = "read_only" if read_only else f"data_path {quote(lake.data_path)}, data_inlining_row_limit 0"
    con.execute(f"attach {quote('ducklake:postgres:' + lake.catalog)} as {LAKE_ALIAS} ({options})")
    return con


def _table_ddl(table: str) -> str:
    columns = [f"{f.name} {duckdb_type(f.type)}{'' if f.nullable else ' not null'}" for f in TABLES[table]]
    return f"create table if not exists {LAKE_ALIAS}.{table} ({', '.join([*columns, 'date date not null'])})"


def _retrying(action: Callable[[], T], attempts: int = PUBLISH_ATTEMPTS) -> T:
    """Run ``action()``; on a commit conflict DuckLake could not resolve, run it again."""
    for attempt in range(attempts):
        try:
            return action()
        except duckdb.TransactionException:
            if attempt == attempts - 1:
                raise
            time.sleep(RETRY_BASE_S * 2**attempt * random.uniform(0.5, 1.5))
    raise AssertionError("unreachable")


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back the open transaction, if a failed commit has not already ended it."""
    try:
        con.execute("rollback")
    except duckdb.TransactionException:
        pass  # "no transaction is active": the failed commit rolled it back


def _missing_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    present = {
        name
        for (name,) in con.execute(
            "select column_name from duckdb_columns() where database_name = ? and table_name = ?", [LAKE_ALIAS, table]
        ).fetchall()
    }
    return [f"{f.name} {duckdb_type(f.type)}" for f in TABLES[table] if f.name not in present]


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the contract tables (partitioned by ``date``) and ``publish_log`` when missing.

    A table published under an older contract gets the nullable columns added since
    (``alter table ... add column``: DuckLake schema evolution; old files read them as NULL).
    Two publishers creating the same table at once conflict; the loser retries and finds it.

    Args:
        con: A writable lake connection (from :func:`connect_writer`).
    """

    def create() -> None:
        existing = _lake_table_names(con)
        missing = [t for t in TABLES if t not in existing]
        new_columns = {t: cols for t in TABLES if t in existing and (cols := _missing_columns(con, t))}
        if not missing and not new_columns and PUBLISH_LOG in existing:
            return
        con.execute("begin")
        try:
            for table in missing:
                con.execute(_table_ddl(table))
                con.execute(f"alter table {LAKE_ALIAS}.{table} set partitioned by (date)")
            for table, columns in new_columns.items():
                for column in columns:
                    con.execute(f"alter table {LAKE_ALIAS}.{table} add column {column}")
            con.execute(
                f"create table if not exists {LAKE_ALIAS}.{PUBLISH_LOG} (table_name varchar not null, "
                "day date not null, write_id varchar, rows bigint not null, published_at timestamptz not null, "
                "publisher varchar not null)"
            )
            con.execute("commit")
        except BaseException:
            _rollback(con)
            raise

    _retrying(create)


def connect_writer(lake: Lake) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with the lake attached writable as ``lake`` and its tables created.

    Args:
        lake: The lake.

    Returns:
        The connection.
    """
    con = _open(lake, read_only=False)
    ensure_tables(con)
    return con


@dataclass(frozen=True)
class Partition:
    """One partition to publish: its rows and the local write id they came from (if any)."""

    table: str
    day: str
    rows: pa.Table
    write_id: str | None = None


def publish(
    lake: Lake,
    partitions: Iterable[Partition],
    con: duckdb.DuckDBPyConnection | None = None,
    sources: pa.Table | None = None,
) -> int:
    """Replace each partition's rows in the lake, all in ONE transaction.

    Args:
        lake: The lake.
        partitions: What to publish; rows are cast to the table contract first.
        con: A writer connection to reuse (default: a new one, closed after).
        sources: The catalog's ``sources`` table (the registry), replacing the lake's whole in the
            same transaction; ``None`` leaves it as it is.

    Returns:
        The lake's newest snapshot id seen just after the commit (this publish's, or a later one).

    Raises:
        ValueError: Unknown table, bad day, or rows that do not fit the contract.
        duckdb.TransactionException: The commit still conflicted after :data:`PUBLISH_ATTEMPTS`.
    """
    ready = []
    for partition in partitions:
        if partition.table not in TABLES:
            raise ValueError(f"{partition.table!r} is not a warehouse table; known: {', '.join(sorted(TABLES))}")
        validate_day(partition.day)
        ready.append((partition, conform(partition.table, partition.rows)))
    own = con is None
    con = con or connect_writer(lake)
    publisher = f"{socket.gethostname()}:{os.getpid()}"
    changed = _months_reading(p.day for p, _ in ready if p.table in story_segments.INPUT_TABLES)

    def transaction() -> int:
        con.execute("begin")
        try:
            for partition, rows in ready:
                con.execute(f"delete from {LAKE_ALIAS}.{partition.table} where date = ?", [partition.day])
                con.register("partition_rows", rows)
                con.execute(
                    f"insert into {LAKE_ALIAS}.{partition.table} by name select *, ?::date as date from partition_rows",
                    [partition.day],
                )
                con.unregister("partition_rows")
                con.execute(
                    f"insert into {LAKE_ALIAS}.{PUBLISH_LOG} values (?, ?, ?, ?, ?, ?)",
                    [partition.table, partition.day, partition.write_id, rows.num_rows, datetime.now(UTC), publisher],
                )
            if sources is not None:
                con.register("sources_rows", sources)
                con.execute(f"create or replace table {LAKE_ALIAS}.{SOURCES} as from sources_rows")
                con.unregister("sources_rows")
            _publish_story_months(con, changed)
            con.execute("commit")
        except BaseException:
            _rollback(con)
            raise
        return current_snapshot(con)

    try:
        return _retrying(transaction)
    finally:
        if own:
            con.close()


def _months_reading(days: Iterable[str]) -> set[str]:
    """The months whose story segment reads one of ``days`` (the span before and after a month)."""
    span = timedelta(days=story_segments.STORY_SPAN_DAYS)
    return {(d + shift).isoformat()[:7] for d in map(date.fromisoformat, days) for shift in (-span, timedelta(0), span)}


def _story_month_rows(con: duckdb.DuckDBPyConnection, month: str) -> dict[str, pa.Table]:
    """The story tables' rows of the stories anchored in ``month``, as the lake holds it in ``con``'s transaction.

    The members and articles of the month and :data:`~warehouse.story_segments.STORY_SPAN_DAYS`
    days on each side are read inside the publish (so they include its own partitions; article
    bodies are not read, the story scripts do not use them), and the scripts run on a separate
    in-memory connection: a DuckDB transaction writes to one database only, the lake.
    """
    first, last = story_segments.month_bounds(month)
    span = timedelta(days=story_segments.STORY_SPAN_DAYS)
    window = [first - span, last + span]
    inputs = {
        "story_members": con.execute(f"from {LAKE_ALIAS}.main.story_members where date between ? and ?", window)
        .arrow()
        .read_all(),
        "articles": con.execute(
            f"select * exclude (body) from {LAKE_ALIAS}.main.articles where date between ? and ?", window
        )
        .arrow()
        .read_all(),
    }
    with duckdb.connect(config=dict(_NO_DOWNLOADS)) as work:
        for table, rows in inputs.items():
            work.register(f"{table}_rows", rows)
            work.execute(f"create view {table} as from {table}_rows")
        work.execute(files("warehouse").joinpath("sql").joinpath(story_segments.MEMBER_ARTICLES_SQL).read_text())
        story_segments.apply_story_sql(work)
        work.execute(
            "create table anchored as select story_id from story_members group by story_id "
            "having min(date) between ? and ?",
            [first, last],
        )
        return {
            table: work.execute(
                f"select {story_segments.stored_columns(work, table)} from {table} "
                "where story_id in (select story_id from anchored)"
            )
            .arrow()
            .read_all()
            for table in story_segments.STORY_TABLES
        }


def _publish_story_months(con: duckdb.DuckDBPyConnection, changed: set[str]) -> None:
    """Inside a publish: replace the story tables' rows of every month that is out of date.

    A month is rebuilt when a partition it reads changed (``changed``, :func:`_months_reading`),
    or it holds story members and has no row in :data:`STORY_MONTHS` under the current scripts
    hash. When the hash differs from any month's (the scripts changed) or a story table is
    missing, the story tables are created anew and every month is rebuilt. Each month is computed
    as the catalog's segment is (:func:`_story_month_rows`), so a publish of one day costs a month
    of members (two near a month's edge) whatever the lake holds.
    """
    scripts = story_segments.scripts_hash()
    existing = _lake_table_names(con)
    built = (
        dict(con.execute(f"select month, scripts from {LAKE_ALIAS}.{STORY_MONTHS}").fetchall())
        if STORY_MONTHS in existing
        else {}
    )
    member_months = {
        day.isoformat()[:7]
        for (day,) in con.execute(
            f"select distinct day from {LAKE_ALIAS}.{PUBLISH_LOG} where table_name = 'story_members'"
        ).fetchall()
    }
    renew = any(hash_ != scripts for hash_ in built.values()) or not all(
        t in existing for t in (*story_segments.STORY_TABLES, STORY_MONTHS)
    )
    todo = sorted(m for m in member_months if renew or m in changed or m not in built)
    if not todo:
        return
    if renew:
        con.execute(
            f"create or replace table {LAKE_ALIAS}.{STORY_MONTHS} (month varchar not null, scripts varchar not null, "
            "stories bigint not null, built_at timestamptz not null)"
        )
    for month in todo:
        computed = _story_month_rows(con, month)
        for table, rows in computed.items():
            con.register("story_rows", rows)
            if renew and month == todo[0]:
                con.execute(
                    f"create or replace table {LAKE_ALIAS}.{table} as select *, ''::varchar as month "
                    "from story_rows limit 0"
                )
                con.execute(f"alter table {LAKE_ALIAS}.{table} set partitioned by (month)")
            con.execute(f"delete from {LAKE_ALIAS}.{table} where month = ?", [month])
            con.execute(f"insert into {LAKE_ALIAS}.{table} select *, ?::varchar from story_rows", [month])
            con.unregister("story_rows")
        con.execute(f"delete from {LAKE_ALIAS}.{STORY_MONTHS} where month = ?", [month])
        con.execute(
            f"insert into {LAKE_ALIAS}.{STORY_MONTHS} values (?, ?, ?, ?)",
            [month, scripts, computed["stories"].num_rows, datetime.now(UTC)],
        )


def current_snapshot(con: duckdb.DuckDBPyConnection) -> int:
    """The id of the lake's newest snapshot.

    Args:
        con: A lake connection.

    Returns:
        The snapshot id.
    """
    return scalar(con, f"select max(snapshot_id) from ducklake_snapshots({quote(LAKE_ALIAS)})")


def published_write_ids(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], str | None]:
    """The local write id last published for every (table, day), from ``publish_log``.

    Args:
        con: A lake connection.

    Returns:
        ``{(table, day): write_id}``.
    """
    rows = con.execute(
        f"select table_name, strftime(day, '%Y-%m-%d'), arg_max(write_id, published_at) "
        f"from {LAKE_ALIAS}.{PUBLISH_LOG} group by all"
    ).fetchall()
    return {(table, day): write_id for table, day, write_id in rows}


def publish_warehouse(
    paths: DataPaths, lake: Lake, days: Iterable[str] | None = None, sources: pa.Table | None = None
) -> dict[str, list[str]]:
    """Publish the local partitions (of ``days``, or all) that the lake does not have yet.

    A partition is sent when its local ``write_id`` (``_manifest.json``) differs from the one
    ``publish_log`` records, so a rerun with nothing new publishes nothing, and a day rewritten
    locally (a reprocess, a look-back) is replaced whole.

    Args:
        paths: The local data layout.
        lake: The lake.
        days: Partition keys to consider; ``None`` for every local partition.
        sources: The catalog's ``sources`` table, sent (in the same transaction) when its rows
            differ from the lake's.

    Returns:
        ``{table: [days published]}`` (tables with nothing to publish are left out; ``sources``
        is listed with no days when it was replaced).
    """
    wanted = None if days is None else {validate_day(d) for d in days}
    with connect_writer(lake) as con:
        known = published_write_ids(con)
        todo: list[Partition] = []
        for table in TABLES:
            for day, path in partition_files(paths, table).items():
                if wanted is not None and day not in wanted:
                    continue
                manifest = read_manifest(paths, table, day)
                write_id = manifest.get("write_id") if manifest else None
                if write_id is not None and known.get((table, day)) == write_id:
                    continue
                todo.append(Partition(table, day, pq.read_table(path), write_id))
        new_sources = sources if sources is not None and not _same_rows(con, SOURCES, sources) else None
        if todo or new_sources is not None:
            publish(lake, todo, con, new_sources)
    done: dict[str, list[str]] = {} if new_sources is None else {SOURCES: []}
    for partition in todo:
        done.setdefault(partition.table, []).append(partition.day)
    return done


def maintain(lake: Lake, keep: timedelta = KEEP_SNAPSHOTS) -> dict[str, int]:
    """DuckLake upkeep, run after publishes: merge small files, expire old snapshots, delete dead files.

    The three steps DuckLake's ``CHECKPOINT`` runs for a lake like this one (no inlined data), in
    its order: ``ducklake_expire_snapshots`` (snapshots older than ``keep``: time travel to them
    ends), ``ducklake_merge_adjacent_files`` (small files of one partition merged; the merged
    files are scheduled for deletion), ``ducklake_cleanup_old_files`` (files scheduled for deletion
    longer than ``keep`` ago removed from the store; so a replaced file lives from one to two
    ``keep`` after its snapshot is replaced, the time a reader may still be scanning it). Each step is its own DuckLake transaction,
    retried like a publish when it conflicts with a concurrent publisher. A reader holding a
    snapshot older than ``keep`` may lose its files: ``keep`` is the longest a read may last.

    Args:
        lake: The lake.
        keep: How long replaced snapshots and files stay readable.

    Returns:
        ``{"snapshots_expired": n, "files_merged": n, "files_deleted": n}``.
    """
    alias = quote(LAKE_ALIAS)
    with connect_writer(lake) as con:

        def call(sql: str, params: list[object]) -> list[tuple]:
            return _retrying(lambda: con.execute(sql, params).fetchall())

        expired = call(f"call ducklake_expire_snapshots({alias}, older_than => ?)", [datetime.now(UTC) - keep])
        merged = call(f"call ducklake_merge_adjacent_files({alias})", [])
        deleted = call(f"call ducklake_cleanup_old_files({alias}, older_than => ?)", [datetime.now(UTC) - keep])
    return {
        "snapshots_expired": len(expired),
        "files_merged": sum(row[2] for row in merged),
        "files_deleted": len(deleted),
    }


def _same_rows(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table) -> bool:
    if table not in _lake_table_names(con):
        return False
    current = con.execute(f"from {LAKE_ALIAS}.{table}").arrow().read_all()
    key = [(name, "ascending") for name in rows.column_names[:1]]
    return current.num_rows == rows.num_rows and current.sort_by(key).to_pylist() == rows.sort_by(key).to_pylist()


def _lake_table_names(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {
        name
        for (name,) in con.execute(
            "select table_name from duckdb_tables() where database_name = ?", [LAKE_ALIAS]
        ).fetchall()
    }


def cache_folder(lake: Lake, snapshot: int, search_days: int | None) -> Path:
    """Where :func:`connect` keeps what it derives from one lake snapshot (the search segments).

    Args:
        lake: The lake.
        snapshot: The snapshot id the derived files are computed from.
        search_days: The search window they cover.

    Returns:
        ``$WIREARCHIVE_LAKE_CACHE`` (default ``<tmp>/wirearchive-lake-cache``) ``/<lake>/snapshot-<id>/
        search-days-<n|all>``, ``<lake>`` a hash of the catalog and data path.
    """
    base = Path(os.environ.get(CACHE_ENV) or Path(tempfile.gettempdir()) / "wirearchive-lake-cache")
    key = hashlib.sha256(f"{lake.catalog}\0{lake.data_path}".encode()).hexdigest()[:16]
    # no "=" in the names: the search views read hive-style folders (month=YYYY-MM) under it
    return base / key / f"snapshot-{snapshot}" / f"search-days-{search_days or 'all'}"


def _derive(con: duckdb.DuckDBPyConnection, root: Path, search_days: int | None) -> None:
    """Write the search segments of the connection's snapshot under ``root``.

    Search covers the last ``search_days`` days of articles (``None``: all): the catalog's month
    segments (:mod:`warehouse.search_index`) built from those days.
    """
    newest = scalar(con, "select max(date) from articles")
    first = None if search_days is None or newest is None else newest - timedelta(days=search_days - 1)
    window = "" if first is None else f"where date >= date '{first.isoformat()}'"
    paths = data_paths(root)
    months: dict[str, dict[str, Path]] = {}
    for (day,) in con.execute(f"select distinct date from articles {window} order by 1").fetchall():
        out = paths.tmp / "export" / f"date={day.isoformat()}" / "articles.parquet"
        out.parent.mkdir(parents=True)
        con.execute(
            f"copy (select * exclude (date) from articles where date = date '{day.isoformat()}') "
            f"to {quote(str(out))} (format parquet)"
        )
        months.setdefault(day.isoformat()[:7], {})[day.isoformat()] = out
    manifests = [build_segment(paths, month, days, FTS_EXTENSION) for month, days in months.items()]
    shutil.rmtree(paths.tmp / "export", ignore_errors=True)
    (root / SEARCH_MANIFESTS).write_text(json.dumps(manifests), encoding="utf-8")


def _attach_derived(con: duckdb.DuckDBPyConnection, lake: Lake, snapshot: int, search_days: int | None) -> None:
    """The search segments of ``snapshot``: from the cache, computed into it first if missing."""
    folder = cache_folder(lake, snapshot, search_days)
    if not (folder / SEARCH_MANIFESTS).is_file():
        folder.parent.mkdir(parents=True, exist_ok=True)
        building = folder.with_name(f".{folder.name}.{uuid.uuid4().hex}")
        try:
            _derive(con, building, search_days)
            try:
                os.rename(building, folder)  # atomic; fails when another connect won the race
            except OSError:
                if not (folder / SEARCH_MANIFESTS).is_file():
                    raise
        finally:
            shutil.rmtree(building, ignore_errors=True)
    manifests = json.loads((folder / SEARCH_MANIFESTS).read_text(encoding="utf-8"))
    attach_search(con, data_paths(folder), manifests)


def connect(
    lake: Lake, *, search_days: int | None = SEARCH_DAYS, snapshot: int | None = None
) -> duckdb.DuckDBPyConnection:
    """An analyst's connection: the lake attached READ-ONLY, with the catalog's views over it.

    The lake's tables are views in the connection's in-memory database (``articles`` reads
    ``lake.articles`` at one snapshot: the newest when connecting, or ``snapshot``), and the
    scripts of ``warehouse/sql`` are applied over them, so the same queries run as on the catalog
    file. The story tables are views of the lake's published ones at that snapshot (a lake with
    none published yet gets them computed over its members). The search index is computed from
    the snapshot once and cached (:func:`cache_folder`, keyed by the snapshot id and
    ``search_days``): the first connect after a publish builds the catalog's month segments over
    the last ``search_days`` days of articles (``None``: all), later connects to the same snapshot
    only attach them. ``search()``, ``bm25()`` and the other macros work in this mode too, over
    that window.

    Args:
        lake: The lake.
        search_days: Days of articles to index for search, back from the newest; ``None`` for all.
        snapshot: Read this DuckLake snapshot id (time travel) instead of the newest.

    Returns:
        The connection; writes to ``lake`` fail (read-only attach).

    Raises:
        ValueError: ``search_days`` is less than 1.
    """
    if search_days is not None and search_days < 1:
        raise ValueError(f"search_days must be >= 1 or None, not {search_days}")
    con = _open(lake, read_only=True)
    con.execute(f"load {quote(str(FTS_EXTENSION))}")
    pinned = int(snapshot) if snapshot is not None else current_snapshot(con)
    at = f" at (version => {pinned})"
    existing = _lake_table_names(con)
    for table in TABLES:
        if table in existing:
            con.execute(f"create view memory.main.{table} as select * from {LAKE_ALIAS}.main.{table}{at}")
        else:  # nothing published yet: an empty, typed view
            columns = ", ".join(
                [
                    *(f"cast(null as {duckdb_type(f.type)}) as {f.name}" for f in TABLES[table]),
                    "cast(null as date) as date",
                ]
            )
            con.execute(f"create view memory.main.{table} as select {columns} where false")
    if SOURCES in existing:
        con.execute(f"create view memory.main.{SOURCES} as select * from {LAKE_ALIAS}.main.{SOURCES}{at}")
    published = all(t in existing for t in (*story_segments.STORY_TABLES, STORY_MONTHS))
    for table in story_segments.STORY_TABLES if published else ():
        con.execute(
            f"create view memory.main.{table} as select {story_segments.read_columns(table)} "
            f"from (select * exclude (month) from {LAKE_ALIAS}.main.{table}{at})"
        )
    con.execute("use memory.main")
    _attach_derived(con, lake, pinned, search_days)
    apply_sql(con, story_tables=not published)
    return con
