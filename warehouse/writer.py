"""Atomic per-partition Parquet publish: immutable version files, replaced whole.

A partition is a folder ``warehouse/<table>/date=D/`` holding:

* ``v-<write_id>.parquet``: one immutable file per publish, never rewritten;
* ``data.parquet``: a hard link to the current version (no extra space), the contract path of
  :meth:`DataPaths.table_partition`, replaced with ``os.replace``;
* ``_manifest.json``: the current version's facts (file, rows, sha256, bytes, schema_version,
  written_at, write_id), also replaced atomically. The same facts minus the hash are in the Parquet
  footer (key-value metadata ``wirearchive``), so a reader holding the file can check it saw the
  whole partition.

Files are written under ``tmp/`` (same filesystem) and fsynced; the folder is fsynced after each
rename. A reader sees the old or the new partition, never a torn one, and a rerun replaces the
partition instead of adding rows.

Why versions as well as ``data.parquet``: DuckDB's ``read_parquet`` opens a file by path more than
once per query (footer, then data), so a file replaced mid-query can fail with "Invalid data"
(measured: 74 errors in 2,725 reads while republishing in a loop). Readers that open by path
several times (the catalog's views, :func:`partition_files`) therefore read the immutable version
files; a single open handle on ``data.parquet`` (pyarrow, :func:`read_partition`) is safe too.
Superseded versions are removed by later writes once older than :data:`KEEP_OLD_VERSIONS`, so a
catalog opened before a republish keeps working for that long.

One writer per partition at a time (Dagster runs one materialization per partition key). Never
write ``data.parquet`` in place (e.g. ``pq.write_table`` onto it): it shares its bytes with the
current version file; publish through :func:`write_partition`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

import pyarrow as pa
import pyarrow.parquet as pq

from warehouse.schema import SCHEMA_VERSION, TABLES
from wirearchive.atomicfile import fsync_dir, replace_durably
from wirearchive.config import DataPaths
from wirearchive.days import is_day, validate_day
from wirearchive.dedupe.state import SIGNATURES
from wirearchive.faults import killpoint

MANIFEST_NAME = "_manifest.json"
CURRENT_NAME = "data.parquet"
# How long superseded version files stay readable: an analyst's catalog connection older than
# this may fail on a republished partition and should reconnect. A day covers the nightly cycle.
KEEP_OLD_VERSIONS = timedelta(days=1)
METADATA_KEY = b"wirearchive"
# zstd at pyarrow's default level. Not tuned: bench/warehouse.py prints bytes per article, re-run
# it before changing codec or level.
COMPRESSION = "zstd"


def table_schema(table: str) -> pa.Schema:
    """The contract schema of a table.

    Args:
        table: Table name, a key of :data:`warehouse.schema.TABLES`.

    Returns:
        Its pyarrow schema.

    Raises:
        ValueError: Unknown table.
    """
    try:
        return TABLES[table] if table in TABLES else internal_tables()[table]
    except KeyError:
        raise ValueError(f"unknown table {table!r}; known: {', '.join(sorted(TABLES))}") from None


def internal_tables() -> dict[str, pa.Schema]:
    """Pipeline state kept in the partitioned layout but not exposed as catalog views.

    ``article_signatures``: per-article dedupe features, persisted so look-back days are read
    rather than recomputed. Its contract is the dedupe package's, which depends only on the core's
    table contracts (``wirearchive.tables``), never on the warehouse.
    """
    return {"article_signatures": SIGNATURES}


def conform(table: str, data: pa.Table) -> pa.Table:
    """Cast a table to its contract: reorder columns, add missing nullable ones as nulls.

    Args:
        table: Table name.
        data: Rows to publish (column order free).

    Returns:
        A table whose schema is exactly the contract (no schema metadata).

    Raises:
        ValueError: Unknown table or columns, a missing or null required column, or a value that
            cannot be cast to the contract type.
    """
    schema = table_schema(table)
    unknown = [name for name in data.column_names if schema.get_field_index(name) < 0]
    if unknown:
        raise ValueError(f"{table}: unknown columns {unknown}; add them to warehouse/schema.py first")
    columns = []
    for field in schema:
        if field.name not in data.column_names:
            if not field.nullable:
                raise ValueError(f"{table}: required column {field.name!r} is missing")
            columns.append(pa.nulls(data.num_rows, field.type))
            continue
        column = data.column(field.name)
        if not field.nullable and column.null_count:
            raise ValueError(f"{table}: required column {field.name!r} has {column.null_count} nulls")
        try:
            columns.append(column.cast(field.type))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
            raise ValueError(f"{table}: column {field.name!r} cannot be cast to {field.type}: {exc}") from None
    return pa.Table.from_arrays(columns, schema=schema)


def _remove_old_versions(folder: Path, keep: str, now: datetime) -> None:
    cutoff = (now - KEEP_OLD_VERSIONS).timestamp()
    for old in folder.glob("v-*.parquet"):
        if old.name != keep and old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_partition(paths: DataPaths, table: str, day: str, data: pa.Table) -> Path:
    """Publish one partition atomically, replacing any earlier version of it.

    Args:
        paths: Data directory layout.
        table: Table name, a key of :data:`warehouse.schema.TABLES`.
        day: Partition key ``YYYY-MM-DD``.
        data: All rows of the partition (an empty table publishes an empty partition).

    Returns:
        The published file, ``warehouse/<table>/date=<day>/data.parquet``.

    Raises:
        ValueError: Bad day key, unknown table or columns, or rows that do not fit the contract.
    """
    validate_day(day)
    rows = conform(table, data)
    now = datetime.now(UTC)
    write_id = uuid.uuid4().hex
    facts: dict[str, Any] = {
        "table": table,
        "day": day,
        "rows": rows.num_rows,
        "schema_version": SCHEMA_VERSION,
        "written_at": now.isoformat(timespec="microseconds"),
        "write_id": write_id,
    }
    rows = rows.replace_schema_metadata({METADATA_KEY: json.dumps(facts).encode()})
    dest = paths.table_partition(table, day)
    folder = dest.parent
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        fsync_dir(folder.parent)
    paths.tmp.mkdir(parents=True, exist_ok=True)
    tmp = paths.tmp / f"{table}-{day}-{write_id}.parquet"
    version = folder / f"v-{write_id}.parquet"
    try:
        pq.write_table(rows, tmp, compression=COMPRESSION)
        killpoint("publish.tmp_written")
        manifest = {**facts, "file": version.name, "sha256": _sha256(tmp), "bytes": tmp.stat().st_size}
        os.link(tmp, version)  # made durable by replace_durably's fsync of file and folder
        killpoint("publish.version_linked")
        replace_durably(tmp, dest)
        killpoint("publish.data_replaced")
        tmp.with_suffix(".json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
        replace_durably(tmp.with_suffix(".json"), folder / MANIFEST_NAME)
        killpoint("publish.manifest_replaced")
    finally:
        tmp.unlink(missing_ok=True)
        tmp.with_suffix(".json").unlink(missing_ok=True)
    _remove_old_versions(folder, version.name, now)
    return dest


def read_manifest(paths: DataPaths, table: str, day: str) -> dict[str, Any] | None:
    """The manifest of a published partition.

    Args:
        paths: Data directory layout.
        table: Table name.
        day: Partition key.

    Returns:
        ``{table, day, rows, schema_version, written_at, write_id, file, sha256, bytes}``, or ``None``
        when the partition has never been published.
    """
    path = paths.table_partition(table, validate_day(day)).parent / MANIFEST_NAME
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def file_facts(path: Path) -> dict[str, Any]:
    """The facts a writer stored in a Parquet file's footer.

    Args:
        path: A published ``data.parquet``.

    Returns:
        ``{table, day, rows, schema_version, written_at, write_id}``.
    """
    return json.loads(pq.read_schema(path).metadata[METADATA_KEY])


def partition_files(paths: DataPaths, table: str) -> dict[str, Path]:
    """The immutable file of each partition's current version, for readers that open by path.

    Args:
        paths: Data directory layout.
        table: Table name.

    Returns:
        ``{day: path}`` in day order: the version named by the manifest, or ``data.parquet`` for
        a partition without a manifest (written by hand or by an older writer).
    """
    found = {}
    for day in list_partitions(paths, table):
        manifest = read_manifest(paths, table, day)
        folder = paths.table_partition(table, day).parent
        version = folder / manifest["file"] if manifest and "file" in manifest else None
        found[day] = version if version is not None and version.is_file() else folder / CURRENT_NAME
    return found


def read_partition(paths: DataPaths, table: str, day: str) -> pa.Table | None:
    """Read one partition, cast to the current contract.

    A partition written before a nullable column was added gets that column as nulls.

    Args:
        paths: Data directory layout.
        table: Table name.
        day: Partition key.

    Returns:
        The rows, or ``None`` when the partition has never been published.
    """
    path = paths.table_partition(table, validate_day(day))
    try:
        handle = open(path, "rb")  # one handle: footer and data come from the same file version
    except FileNotFoundError:
        return None
    with handle:
        data = pq.read_table(handle)
    return conform(table, data)


def read_partitions(paths: DataPaths, table: str, days: Sequence[str]) -> pa.Table:
    """Read several partitions into one table; absent ones are skipped.

    Args:
        paths: Data directory layout.
        table: Table name.
        days: Partition keys.

    Returns:
        Their rows concatenated in ``days`` order; an empty table with the contract schema when
        none exists.
    """
    parts = [part for day in days if (part := read_partition(paths, table, day)) is not None]
    if not parts:
        return table_schema(table).empty_table()
    return pa.concat_tables(parts)


def list_partitions(paths: DataPaths, table: str) -> list[str]:
    """Days for which a table has a published partition.

    Args:
        paths: Data directory layout.
        table: Table name.

    Returns:
        Sorted ``YYYY-MM-DD`` keys.
    """
    folder = paths.warehouse / table
    if not folder.is_dir():
        return []
    days = []
    for child in folder.iterdir():
        day = child.name.removeprefix("date=")
        if child.name.startswith("date=") and is_day(day) and (child / "data.parquet").is_file():
            days.append(day)
    return sorted(days)


def delete_partition(paths: DataPaths, table: str, day: str) -> bool:
    """Remove a partition (e.g. a day that should hold no data after a reprocess).

    The folder is first renamed into ``tmp/`` so readers see the partition either whole or gone.

    Args:
        paths: Data directory layout.
        table: Table name.
        day: Partition key.

    Returns:
        Whether there was a partition to remove.
    """
    table_schema(table)
    folder = paths.table_partition(table, validate_day(day)).parent
    if not folder.is_dir():
        return False
    paths.tmp.mkdir(parents=True, exist_ok=True)
    graveyard = paths.tmp / f"deleted-{table}-{day}-{uuid.uuid4().hex}"
    os.replace(folder, graveyard)
    fsync_dir(folder.parent)
    shutil.rmtree(graveyard)
    return True


def publish_days(paths: DataPaths, table: str, partitions: Mapping[str, pa.Table]) -> list[Path]:
    """Publish several partitions of one table, each atomically (see :func:`write_partition`).

    Args:
        paths: Data directory layout.
        table: Table name.
        partitions: ``{day: rows}``, published in day order.

    Returns:
        The published files.
    """
    return [write_partition(paths, table, day, partitions[day]) for day in sorted(partitions)]


class CheckOutcome(Protocol):
    """What publishing needs of a check result (Dagster's ``AssetCheckResult`` has both)."""

    @property
    def check_name(self) -> str | None:
        """The check's name."""

    @property
    def passed(self) -> bool:
        """Whether it passed."""


def publish_if_passing(
    log: logging.Logger | logging.LoggerAdapter,
    paths: DataPaths,
    table: str,
    day: str,
    data: pa.Table,
    blocking: Sequence[CheckOutcome],
) -> bool:
    """Publish a partition only when every blocking check passed (fail closed: the old one stays).

    Args:
        log: Where to say that a partition was held back.
        paths: Data directory layout.
        table: Table name.
        day: Partition key.
        data: The rows the checks were run on.
        blocking: Results of the blocking checks.

    Returns:
        Whether the partition was published.
    """
    if all(r.passed for r in blocking):
        write_partition(paths, table, day, data)
        return True
    log.error(
        "%s %s not published: blocking check(s) failed: %s",
        table,
        day,
        ", ".join(str(r.check_name) for r in blocking if not r.passed),
    )
    return False
