"""The warehouse on S3-compatible object storage: same hive layout, atomic publish by pointer swap.

Layout under ``s3://<bucket>/<prefix>/``, as on disk (``warehouse.writer``):

* ``<table>/date=D/v-<write_id>.parquet``: one immutable object per publish of a partition;
* ``_snapshot.json``: the pointer: for every table and day, the version object that is current,
  with its rows, bytes and write id.

A publish uploads the new version objects first, then replaces ``_snapshot.json`` with one PUT.
An S3 PUT is atomic (readers get the whole old or the whole new object) and, since 2020, strongly
read-after-write consistent, so a reader that fetched the snapshot sees one consistent set of
files across all tables and days, and objects it lists are never rewritten. Superseded versions
are deleted by later publishes once older than ``warehouse.writer.KEEP_OLD_VERSIONS``.

The snapshot is read, changed and written back: one publisher at a time (the catalog step runs in
Dagster pool ``warehouse``, limit 1). Several concurrent writers need a catalog with its own
commit protocol instead (DuckLake or Iceberg; see SCALING.md).

Writes go through pyarrow's ``S3FileSystem``; reads through DuckDB's httpfs extension, loaded from
the pinned ``duckdb-extension-httpfs`` package with extension downloads off. Credentials come from
the standard ``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY`` environment variables.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import duckdb
import duckdb_extension_httpfs
import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from warehouse.schema import SCHEMA_VERSION, TABLES
from warehouse.writer import COMPRESSION, KEEP_OLD_VERSIONS, conform, partition_files, validate_day
from wirearchive.config import DataPaths

SNAPSHOT_NAME = "_snapshot.json"
HTTPFS_EXTENSION = (
    Path(duckdb_extension_httpfs.__file__).parent / "extensions" / f"v{duckdb.__version__}" / "httpfs.duckdb_extension"
)
_NO_DOWNLOADS = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


@dataclass(frozen=True)
class ObjectStore:
    """Where the warehouse lives in object storage.

    Attributes:
        url: ``s3://bucket/prefix`` (prefix optional).
        endpoint: ``http(s)://host:port`` of an S3-compatible server; empty for AWS itself.
        region: The bucket's region.
        access_key: Access key id (default: ``AWS_ACCESS_KEY_ID``).
        secret_key: Secret key (default: ``AWS_SECRET_ACCESS_KEY``).
    """

    url: str
    endpoint: str = ""
    region: str = "us-east-1"
    access_key: str = ""
    secret_key: str = ""

    @classmethod
    def from_env(cls, url: str, endpoint: str = "", region: str = "us-east-1") -> ObjectStore:
        """A store whose credentials are the standard AWS environment variables."""
        return cls(url, endpoint, region, os.environ.get("AWS_ACCESS_KEY_ID", ""), os.environ.get("AWS_SECRET_ACCESS_KEY", ""))

    @property
    def root(self) -> str:
        """``bucket/prefix`` without the scheme or a trailing slash (pyarrow's path form)."""
        parts = urlsplit(self.url)
        if parts.scheme != "s3" or not parts.netloc:
            raise ValueError(f"object store URL must be s3://bucket[/prefix], got {self.url!r}")
        return f"{parts.netloc}{parts.path}".rstrip("/")

    def filesystem(self) -> pafs.S3FileSystem:
        """pyarrow's S3 filesystem for this store."""
        options: dict[str, Any] = {"region": self.region, "access_key": self.access_key or None, "secret_key": self.secret_key or None}
        if self.endpoint:
            parts = urlsplit(self.endpoint)
            options.update(endpoint_override=parts.netloc, scheme=parts.scheme or "https")
        return pafs.S3FileSystem(**options)


def read_snapshot(store: ObjectStore, fs: pafs.S3FileSystem | None = None) -> dict[str, Any]:
    """The current snapshot (empty when nothing was published yet).

    Args:
        store: The object store.
        fs: Its filesystem, if already open.

    Returns:
        ``{"tables": {table: {day: {"file", "rows", "bytes", "write_id", ...}}}, "published_at", "snapshot_id"}``.
    """
    fs = fs or store.filesystem()
    path = f"{store.root}/{SNAPSHOT_NAME}"
    if fs.get_file_info(path).type == pafs.FileType.NotFound:
        return {"tables": {}}
    with fs.open_input_stream(path) as stream:
        return json.loads(stream.read())


def publish(store: ObjectStore, partitions: dict[str, dict[str, pa.Table]]) -> dict[str, Any]:
    """Upload new partition versions, then swap the snapshot to include them (one PUT).

    Args:
        store: The object store.
        partitions: ``{table: {day: rows}}``; each table is cast to its contract schema.

    Returns:
        The snapshot now current.

    Raises:
        ValueError: Unknown table, bad day, or rows that do not fit the contract.
    """
    fs = store.filesystem()
    now = datetime.now(UTC)
    uploaded: dict[str, dict[str, dict[str, Any]]] = {}
    for table, days in partitions.items():
        for day, rows in days.items():
            data = conform(table, rows)
            write_id = f"{now:%Y%m%dT%H%M%S%fZ}-{uuid.uuid4().hex[:8]}"
            key = f"{table}/date={validate_day(day)}/v-{write_id}.parquet"
            pq.write_table(data, f"{store.root}/{key}", filesystem=fs, compression=COMPRESSION)
            size = fs.get_file_info(f"{store.root}/{key}").size
            uploaded.setdefault(table, {})[day] = {"file": key, "rows": data.num_rows, "bytes": size, "write_id": write_id,
                                                   "schema_version": SCHEMA_VERSION, "written_at": now.isoformat()}
    snapshot = read_snapshot(store, fs)
    for table, days in uploaded.items():
        snapshot["tables"].setdefault(table, {}).update(days)
    snapshot.update(published_at=now.isoformat(), snapshot_id=uuid.uuid4().hex)
    with fs.open_output_stream(f"{store.root}/{SNAPSHOT_NAME}") as out:
        out.write(json.dumps(snapshot, indent=1, sort_keys=True).encode())
    _remove_old_versions(store, fs, snapshot, uploaded, now)
    return snapshot


def publish_warehouse(paths: DataPaths, store: ObjectStore, days: list[str] | None = None) -> dict[str, Any]:
    """Publish the local warehouse's current partitions (all days, or ``days``) to the store.

    Args:
        paths: The local data directory layout.
        store: The object store.
        days: Partition keys to publish; ``None`` for every published day.

    Returns:
        The snapshot now current.
    """
    partitions: dict[str, dict[str, pa.Table]] = {}
    for table in TABLES:
        for day, path in partition_files(paths, table).items():
            if days is None or day in days:
                partitions.setdefault(table, {})[day] = pq.read_table(path)
    return publish(store, partitions)


def _remove_old_versions(store: ObjectStore, fs: pafs.S3FileSystem, snapshot: dict[str, Any],
                         touched: dict[str, dict[str, Any]], now: datetime) -> None:
    for table, days in touched.items():
        for day in days:
            current = snapshot["tables"][table][day]["file"]
            folder = pafs.FileSelector(f"{store.root}/{table}/date={day}")
            for info in fs.get_file_info(folder):
                stale = info.mtime is not None and now - info.mtime > KEEP_OLD_VERSIONS
                if info.base_name.startswith("v-") and not info.path.endswith(current) and stale:
                    fs.delete_file(info.path)


def connect(store: ObjectStore, snapshot: dict[str, Any] | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with one view per published table, reading the snapshot's files over S3.

    Args:
        store: The object store.
        snapshot: The snapshot to read (default: the current one, fetched now). A reader that
            keeps its snapshot keeps a consistent view while newer ones are published.

    Returns:
        The connection; views are named after the tables (``articles``, ``story_members``, ...)
        and carry the hive ``date`` column.
    """
    snapshot = snapshot if snapshot is not None else read_snapshot(store)
    con = duckdb.connect(config=dict(_NO_DOWNLOADS))
    con.execute(f"load '{HTTPFS_EXTENSION}'")
    secret = {"type": "s3", "key_id": store.access_key, "secret": store.secret_key, "region": store.region}
    if store.endpoint:
        parts = urlsplit(store.endpoint)
        secret |= {"endpoint": parts.netloc, "url_style": "path", "use_ssl": "true" if parts.scheme == "https" else "false"}
    options = ", ".join(f"{k} {v}" if k in ("type", "use_ssl") else f"{k} {_quote(v)}" for k, v in secret.items())
    con.execute(f"create secret wirearchive_s3 ({options})")
    for table, days in sorted(snapshot["tables"].items()):
        files = ", ".join(_quote(f"s3://{store.root}/{entry['file']}") for _, entry in sorted(days.items()))
        con.execute(f"create view {table} as select * from read_parquet([{files}], hive_partitioning = true, union_by_name = true)")
    return con


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
