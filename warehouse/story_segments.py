"""The story tables, kept as one immutable segment per month, so a publish rebuilds its months only.

``stories``, ``member_versions``, ``copy_versions``, ``pickup_lag`` and ``story_versions`` (the
scripts of ``warehouse/sql/010_stories``) are functions of each story's members alone: a story's
rows change only when a partition holding one of its members (``story_members`` or the
``articles`` the members join) changes. A story is filed under its **anchor**, the first day
holding one of its members, and the stories anchored in one calendar month form that month's
segment, written to ``warehouse/_stories/month=YYYY-MM/<build_id>/<table>.parquet``.

A story's members lie within :data:`STORY_SPAN_DAYS` days of its anchor: the matcher joins an
article to a story only while the story's first article is inside the look-back window
(``wirearchive.dedupe.stories``; at most ``assets.stories.LOOKBACK_PARTITIONS`` = 7 days). So a
month's segment is computed from the partitions of the month and of the span before and after it
(the days before tell which stories are anchored earlier and belong to the month before), and
depends on those partitions only. ``_segment.json`` in the month folder names the build, the
version file of each day it read and a hash of the scripts; a segment whose inputs all still
match is reused. A publish of one day therefore rebuilds one month (two near a month's edge):
its cost is bounded by a month of members, whatever the archive's size. A story whose members
span more (possible only through undated captures bridging two stories) is counted in the
manifest's ``overlong_stories``, and its members after the span are missing from its rows.

Readers see a consistent set: the catalog names each segment's immutable build folder, and
superseded builds stay readable for :data:`~warehouse.writer.KEEP_OLD_VERSIONS`.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, date, datetime, timedelta
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import duckdb

from warehouse import segments
from warehouse.table_views import quote, table_view_sql
from warehouse.writer import partition_files
from wirearchive.config import DataPaths

# The tables the scripts of warehouse/sql/010_stories create, in their order.
STORY_TABLES = ("stories", "member_versions", "copy_versions", "pickup_lag", "story_versions")
# The partitions the story tables are computed from.
INPUT_TABLES = ("story_members", "articles")
# Days a story's members may lie after its anchor: the longest look-back window the pipeline
# allows (assets.stories.LOOKBACK_PARTITIONS), since a copy joins a story only while the
# story's first article is inside the window.
STORY_SPAN_DAYS = 7
MEMBER_ARTICLES_SQL = "005_member_articles.sql"
# Parquet's INTERVAL is unsigned (months, days, milliseconds), and a copy dated before its story's
# first version has a negative lag: interval columns are stored as signed microseconds and turned
# back into intervals by the views over the files (:func:`read_columns`).
INTERVAL_COLUMNS: dict[str, tuple[str, ...]] = {"pickup_lag": ("lag",)}


def stored_columns(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """The select list that writes story table ``table`` to Parquet, intervals as microseconds.

    Raises:
        ValueError: The table has an interval column :data:`INTERVAL_COLUMNS` does not list (its
            negative values could not be written).
    """
    kinds = {row[0]: row[1] for row in con.execute(f"describe {table}").fetchall()}
    listed = INTERVAL_COLUMNS.get(table, ())
    unlisted = [name for name, kind in kinds.items() if kind == "INTERVAL" and name not in listed]
    if unlisted:
        raise ValueError(f"{table}: interval columns {unlisted} are not in story_segments.INTERVAL_COLUMNS")
    if not listed:
        return "*"
    return "* replace (" + ", ".join(f"cast(round(epoch({c}) * 1000000) as bigint) as {c}" for c in listed) + ")"


def read_columns(table: str) -> str:
    """The select list that reads story table ``table`` back from its Parquet files."""
    listed = INTERVAL_COLUMNS.get(table, ())
    if not listed:
        return "*"
    return "* replace (" + ", ".join(f"to_microseconds({c}) as {c}" for c in listed) + ")"


def story_scripts() -> list[Traversable]:
    """The scripts that create the story tables, in the order they run.

    Returns:
        The ``.sql`` files of ``warehouse/sql/010_stories``.
    """
    folder = files("warehouse").joinpath("sql").joinpath("010_stories")
    return sorted((p for p in folder.iterdir() if p.name.endswith(".sql")), key=lambda p: p.name)


def scripts_hash() -> str:
    """A hash of the story scripts, the member join they read and how intervals are stored, so a
    change of either rebuilds every segment.

    Returns:
        Hex SHA-256.
    """
    digest = hashlib.sha256(json.dumps(INTERVAL_COLUMNS, sort_keys=True).encode())
    for script in [files("warehouse").joinpath("sql").joinpath(MEMBER_ARTICLES_SQL), *story_scripts()]:
        digest.update(script.name.encode() + b"\0" + script.read_bytes())
    return digest.hexdigest()


def apply_story_sql(con: duckdb.DuckDBPyConnection) -> None:
    """Create the story tables in ``con`` from its ``member_articles`` and ``story_members``.

    Args:
        con: A connection where the ``member_articles`` view exists.
    """
    for script in story_scripts():
        con.execute(script.read_text(encoding="utf-8"))


def story_root(paths: DataPaths) -> Path:
    """The folder holding the month segments of the story tables.

    Args:
        paths: Data directory layout.

    Returns:
        ``warehouse/_stories``.
    """
    return paths.warehouse / "_stories"


def month_bounds(month: str) -> tuple[date, date]:
    """First and last day of a month.

    Args:
        month: ``YYYY-MM``.

    Returns:
        ``(first, last)``.
    """
    first = date.fromisoformat(f"{month}-01")
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def segment_inputs(month: str, available: dict[str, dict[str, Path]]) -> dict[str, dict[str, Path]]:
    """The partitions a month's segment is computed from: the month and the span on each side.

    Args:
        month: ``YYYY-MM``.
        available: ``{table: {day: version file}}`` of :data:`INPUT_TABLES`.

    Returns:
        The same mapping, restricted to the days of the segment.
    """
    first, last = month_bounds(month)
    lo = (first - timedelta(days=STORY_SPAN_DAYS)).isoformat()
    hi = (last + timedelta(days=STORY_SPAN_DAYS)).isoformat()
    return {table: {d: p for d, p in days.items() if lo <= d <= hi} for table, days in available.items()}


def read_segment(paths: DataPaths, month: str) -> dict[str, Any] | None:
    """The manifest of a month's current story segment.

    Args:
        paths: Data directory layout.
        month: ``YYYY-MM``.

    Returns:
        ``{month, build_id, inputs, scripts, stories, overlong_stories, built_at, build_seconds}``
        or ``None``.
    """
    return segments.read_manifest(story_root(paths), month)


def build_segment(paths: DataPaths, month: str, inputs: dict[str, dict[str, Path]]) -> dict[str, Any]:
    """Compute the story tables of the stories anchored in ``month`` and publish the segment.

    The files are written first, then the manifest is replaced atomically: a reader of the old
    manifest keeps the old build.

    Args:
        paths: Data directory layout.
        month: ``YYYY-MM``.
        inputs: ``{table: {day: version file}}`` from :func:`segment_inputs`.

    Returns:
        The new segment manifest.
    """
    started = datetime.now(UTC)
    build_id = uuid.uuid4().hex
    folder = segments.month_folder(story_root(paths), month)
    out = folder / build_id
    out.mkdir(parents=True)
    paths.tmp.mkdir(parents=True, exist_ok=True)
    first, last = month_bounds(month)
    config: dict[str, str | bool | int | float | list[str]] = {
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
        "temp_directory": str(paths.tmp),
    }
    with duckdb.connect(config=config) as con:
        for table in INPUT_TABLES:
            con.execute(table_view_sql(table, inputs[table].values()))
        con.execute(files("warehouse").joinpath("sql").joinpath(MEMBER_ARTICLES_SQL).read_text(encoding="utf-8"))
        apply_story_sql(con)
        con.execute(
            "create table anchored as select story_id, max(date) - min(date) as span_days from story_members "
            "group by story_id having min(date) between ? and ?",
            [first, last],
        )
        for table in STORY_TABLES:
            con.execute(
                f"copy (select {stored_columns(con, table)} from {table} "
                "where story_id in (select story_id from anchored)) "
                f"to {quote(str(out / f'{table}.parquet'))} (format parquet, compression zstd)"
            )
        counted = con.execute(
            "select count(*), count(*) filter (where span_days > ?) from anchored", [STORY_SPAN_DAYS]
        ).fetchone()
        assert counted is not None  # an aggregate always returns one row
    manifest = {
        "month": month,
        "build_id": build_id,
        "inputs": {table: {d: p.name for d, p in days.items()} for table, days in inputs.items()},
        "scripts": scripts_hash(),
        "stories": counted[0],
        "overlong_stories": counted[1],
        "built_at": started.isoformat(),
        "build_seconds": round((datetime.now(UTC) - started).total_seconds(), 3),
    }
    segments.publish(folder, manifest, paths.tmp / f"stories-{month}-{build_id}.json")
    return manifest


def update_segments(paths: DataPaths) -> tuple[list[dict[str, Any]], list[str]]:
    """Bring every month's story segment up to date with the published partitions.

    A month has a segment when a day of it holds story members. It is rebuilt when the version
    files of its input days (:func:`segment_inputs`) or the scripts differ from its manifest's; a
    month without members loses its segment.

    Args:
        paths: Data directory layout.

    Returns:
        ``(manifests of the current segments in month order, months rebuilt)``.
    """
    available = {table: partition_files(paths, table) for table in INPUT_TABLES}
    months = sorted({day[:7] for day in available["story_members"]})
    scripts = scripts_hash()
    current, rebuilt = [], []
    for month in months:
        inputs = segment_inputs(month, available)
        wanted = {table: {d: p.name for d, p in days.items()} for table, days in inputs.items()}
        manifest = read_segment(paths, month)
        if (
            manifest is None
            or manifest["inputs"] != wanted
            or manifest["scripts"] != scripts
            or not segments.complete(story_root(paths), manifest, STORY_TABLES)
        ):
            manifest = build_segment(paths, month, inputs)
            rebuilt.append(month)
        current.append(manifest)
    segments.drop_months(story_root(paths), months)
    return current, rebuilt


def segment_files(paths: DataPaths, manifests: list[dict[str, Any]], table: str) -> list[Path]:
    """One story table's file of every segment.

    Args:
        paths: Data directory layout.
        manifests: Segment manifests (from :func:`update_segments`).
        table: One of :data:`STORY_TABLES`.

    Returns:
        The files, in month order.
    """
    return segments.build_files(story_root(paths), manifests, table)
