"""Readers in other processes never see a torn partition or a locked catalog while we publish."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import queue
import time
from multiprocessing.synchronize import Event
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from warehouse.catalog import build_catalog
from warehouse.schema import STORY_MEMBERS
from warehouse.writer import file_facts, partition_files, read_manifest, write_partition
from wirearchive.config import DataPaths, data_paths

DAYS = ["2026-11-20", "2026-11-21", "2026-11-22"]
PUBLISHES = 20


def rows_of(generation: int) -> int:
    """Row count of publish number ``generation``: differs between neighbours, so a mix shows."""
    return 5 + (generation * 7) % 23


def generation_table(generation: int) -> pa.Table:
    n = rows_of(generation)
    rows = [
        {
            "article_id": f"g{generation}-{i}",
            "story_id": f"gen{generation}",
            "relation": "duplicate",
            "canonical_article_id": f"g{generation}-0",
            "similarity": 1.0,
        }
        for i in range(n)
    ]
    return pa.Table.from_pylist(rows, schema=STORY_MEMBERS)


def publish(paths: DataPaths, generation: int) -> None:
    write_partition(paths, "story_members", DAYS[generation % len(DAYS)], generation_table(generation))
    build_catalog(paths)


def check_groups(groups: list[tuple], where: str) -> list[str]:
    """``groups`` are (date, story_id, count): one generation per date, with its whole row count."""
    problems = []
    dates = [g[0] for g in groups]
    if sorted(dates) != sorted(set(dates)) or len(dates) != len(DAYS):
        problems.append(f"{where}: dates/generations mixed or missing: {groups}")
    for _, story, count in groups:
        if count != rows_of(int(story.removeprefix("gen"))):
            problems.append(f"{where}: {story} has {count} rows, expected {rows_of(int(story.removeprefix('gen')))}")
    return problems


def catalog_reader(root: str, ready: Event, stop: Event, out: multiprocessing.Queue) -> None:
    paths, reads, errors = data_paths(root), 0, []
    ready.set()
    while not stop.is_set():
        try:
            config = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
            with duckdb.connect(str(paths.catalog), read_only=True, config=config) as con:
                groups = con.execute(
                    "select date::varchar, story_id, count(*) from story_members group by all"
                ).fetchall()
                con.execute("select count(*) from stories, meta").fetchall()
            errors += check_groups(groups, "catalog")
            reads += 1
        except Exception as exc:  # noqa: BLE001 - every failure is a finding, reported to the test
            errors.append(f"catalog: {exc!r}")
    out.put(("catalog", reads, errors))


def parquet_reader(root: str, ready: Event, stop: Event, out: multiprocessing.Queue) -> None:
    paths, reads, errors = data_paths(root), 0, []
    ready.set()
    while not stop.is_set():
        try:
            for day in DAYS:
                with open(paths.table_partition("story_members", day), "rb") as handle:
                    parquet = pq.ParquetFile(handle)
                    facts = file_facts_of(parquet)
                    table = parquet.read()
                whole = table.num_rows == facts["rows"] == rows_of(facts["generation"])
                if not whole or set(table.column("story_id").to_pylist()) != {f"gen{facts['generation']}"}:
                    errors.append(f"parquet {day}: {table.num_rows} rows, footer says {facts}")
            files = [str(path) for path in partition_files(paths, "story_members").values()]
            groups = duckdb.sql(
                f"select date::varchar, story_id, count(*) from read_parquet({files}, hive_partitioning = true) "
                "group by all"
            ).fetchall()
            errors += check_groups(groups, "read_parquet")
            reads += 1
        except Exception as exc:  # noqa: BLE001 - every failure is a finding, reported to the test
            errors.append(f"parquet: {exc!r}")
    out.put(("parquet", reads, errors))


def file_facts_of(parquet: pq.ParquetFile) -> dict:
    """Footer facts plus the generation, read from the one open file handle."""
    facts = json.loads(parquet.schema_arrow.metadata[b"wirearchive"])
    story = parquet.read_row_group(0, columns=["story_id"]).column(0)[0].as_py()
    return {**facts, "generation": int(story.removeprefix("gen"))}


@pytest.mark.stress
def test_readers_see_whole_partitions_while_publishing(paths: DataPaths) -> None:
    for generation in range(len(DAYS)):
        publish(paths, generation)
    ctx = multiprocessing.get_context("spawn")
    stop, out = ctx.Event(), ctx.Queue()
    readers = []
    for target in (catalog_reader, catalog_reader, parquet_reader, parquet_reader):
        ready = ctx.Event()
        proc = ctx.Process(target=target, args=(str(paths.root), ready, stop, out))
        proc.start()
        readers.append((proc, ready))
    for _proc, ready in readers:
        assert ready.wait(30), "reader did not start"
    started = time.monotonic()
    for generation in range(len(DAYS), len(DAYS) + PUBLISHES):
        publish(paths, generation)
    elapsed = time.monotonic() - started
    stop.set()
    results = []
    for _ in readers:
        try:
            results.append(out.get(timeout=30))
        except queue.Empty:
            results.append(("lost", 0, ["reader sent no result"]))
    for proc, _ in readers:
        proc.join(30)
        assert proc.exitcode == 0
    assert [r[2] for r in results] == [[], [], [], []]
    assert all(reads >= 3 for _, reads, _ in results), (results, elapsed)
    for day in DAYS:
        manifest = read_manifest(paths, "story_members", day)
        dest = paths.table_partition("story_members", day)
        assert manifest is not None and manifest["sha256"] == hashlib.sha256(dest.read_bytes()).hexdigest()
        assert manifest["rows"] == file_facts(dest)["rows"] == pq.read_metadata(dest).num_rows
    assert sorted(p.name for p in Path(paths.root).iterdir()) == ["tmp", "warehouse", "wirearchive.duckdb"]
    assert list(paths.tmp.iterdir()) == []
