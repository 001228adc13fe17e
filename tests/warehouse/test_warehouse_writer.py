"""Atomic partition publish: replace-not-append, validation, manifests, old partitions."""

from __future__ import annotations

import hashlib
import json
import os
from datetime import UTC, datetime, timedelta

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from warehouse.schema import SCHEMA_VERSION, STORY_MEMBERS
from warehouse.writer import (
    KEEP_OLD_VERSIONS,
    MANIFEST_NAME,
    delete_partition,
    file_facts,
    list_partitions,
    partition_files,
    read_manifest,
    read_partition,
    read_partitions,
    write_partition,
)
from wirearchive.config import DataPaths

DAY = "2026-11-20"


def members(n: int, story: str = "s") -> pa.Table:
    rows = [
        {
            "article_id": f"{story}{i}",
            "story_id": story,
            "relation": "duplicate",
            "canonical_article_id": f"{story}0",
            "similarity": 0.9,
        }
        for i in range(n)
    ]
    return pa.Table.from_pylist(rows)


def test_write_lands_at_contract_path_with_contract_schema(paths: DataPaths) -> None:
    dest = write_partition(paths, "story_members", DAY, members(3))
    assert dest == paths.warehouse / "story_members" / f"date={DAY}" / "data.parquet"
    assert pq.read_schema(dest).remove_metadata().equals(STORY_MEMBERS)
    assert pq.ParquetFile(dest).metadata.row_group(0).column(0).compression == "ZSTD"


def test_rerun_replaces_not_duplicates(paths: DataPaths) -> None:
    write_partition(paths, "story_members", DAY, members(5, "old"))
    write_partition(paths, "story_members", DAY, members(2, "new"))
    table = read_partition(paths, "story_members", DAY)
    assert table is not None
    assert table.column("story_id").to_pylist() == ["new", "new"]
    assert list(paths.tmp.iterdir()) == []


def test_versions_are_immutable_and_old_ones_expire(paths: DataPaths) -> None:
    write_partition(paths, "story_members", DAY, members(5, "old"))
    first = partition_files(paths, "story_members")[DAY]
    dest = write_partition(paths, "story_members", DAY, members(2, "new"))
    current = partition_files(paths, "story_members")[DAY]
    assert current.name == f"v-{file_facts(dest)['write_id']}.parquet"
    assert os.path.samefile(current, dest)
    assert pq.read_table(first).num_rows == 5  # a catalog built before the rerun still reads it
    expired = (datetime.now(UTC) - KEEP_OLD_VERSIONS - timedelta(minutes=1)).timestamp()
    os.utime(first, (expired, expired))
    write_partition(paths, "story_members", DAY, members(3, "newer"))
    names = sorted(p.name for p in dest.parent.iterdir())
    assert first.name not in names and current.name in names
    assert len(names) == 4 and names[:2] == [MANIFEST_NAME, "data.parquet"]


def test_manifest_and_footer_describe_the_file(paths: DataPaths) -> None:
    dest = write_partition(paths, "story_members", DAY, members(4))
    manifest = read_manifest(paths, "story_members", DAY)
    assert manifest is not None
    assert manifest["rows"] == 4
    assert manifest["schema_version"] == SCHEMA_VERSION
    assert manifest["sha256"] == hashlib.sha256(dest.read_bytes()).hexdigest()
    assert manifest["bytes"] == dest.stat().st_size
    facts = file_facts(dest)
    assert {k: manifest[k] for k in facts} == facts
    assert json.loads((dest.parent / MANIFEST_NAME).read_text())["write_id"] == facts["write_id"]


@pytest.mark.parametrize("day", ["2026-1-20", "20261120", "2026-02-30", "2026-11-20/../x", "", "date=2026-11-20"])
def test_bad_day_key_is_rejected(paths: DataPaths, day: str) -> None:
    with pytest.raises(ValueError, match="bad partition day"):
        write_partition(paths, "story_members", day, members(1))
    assert not paths.warehouse.exists()


def test_unknown_table_and_column_are_rejected(paths: DataPaths) -> None:
    with pytest.raises(ValueError, match="unknown table 'stories_v2'"):
        write_partition(paths, "stories_v2", DAY, members(1))
    with pytest.raises(ValueError, match=r"unknown columns \['colour'\]"):
        write_partition(paths, "story_members", DAY, members(1).append_column("colour", pa.array(["red"])))
    assert read_partition(paths, "story_members", DAY) is None


def test_required_columns_must_be_present_and_non_null(paths: DataPaths) -> None:
    with pytest.raises(ValueError, match="required column 'similarity' is missing"):
        write_partition(paths, "story_members", DAY, members(1).drop_columns(["similarity"]))
    nulls = members(2).set_column(1, "story_id", pa.array([None, "s"], pa.string()))
    with pytest.raises(ValueError, match="'story_id' has 1 nulls"):
        write_partition(paths, "story_members", DAY, nulls)


def test_values_are_cast_and_bad_values_rejected(paths: DataPaths) -> None:
    data = members(2).append_column("version", pa.array(["1", "2"]))
    write_partition(paths, "story_members", DAY, data)
    table = read_partition(paths, "story_members", DAY)
    assert table is not None and table.column("version").to_pylist() == [1, 2]
    bad = members(1).append_column("version", pa.array(["first"]))
    with pytest.raises(ValueError, match="'version' cannot be cast to int32"):
        write_partition(paths, "story_members", DAY, bad)


def test_missing_nullable_columns_become_nulls(paths: DataPaths) -> None:
    write_partition(paths, "story_members", DAY, members(2))
    table = read_partition(paths, "story_members", DAY)
    assert table is not None
    assert table.column("evidence").to_pylist() == [None, None]
    assert table.schema.equals(STORY_MEMBERS)


def test_old_partition_missing_a_newer_column_still_reads(paths: DataPaths) -> None:
    old_schema = STORY_MEMBERS.remove(STORY_MEMBERS.get_field_index("evidence"))
    dest = paths.table_partition("story_members", DAY)
    dest.parent.mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist(members(3).to_pylist(), schema=old_schema), dest)
    table = read_partition(paths, "story_members", DAY)
    assert table is not None and table.num_rows == 3
    assert table.column("evidence").null_count == 3


def test_read_list_and_delete_partitions(paths: DataPaths) -> None:
    empty = read_partitions(paths, "story_members", ["2026-11-19", DAY])
    assert empty.num_rows == 0 and empty.schema.equals(STORY_MEMBERS)
    write_partition(paths, "story_members", "2026-11-21", members(2, "b"))
    write_partition(paths, "story_members", DAY, members(1, "a"))
    write_partition(paths, "story_members", "2026-11-22", STORY_MEMBERS.empty_table())
    assert list_partitions(paths, "story_members") == [DAY, "2026-11-21", "2026-11-22"]
    both = read_partitions(paths, "story_members", ["2026-11-21", "2026-11-19", DAY])
    assert both.column("story_id").to_pylist() == ["b", "b", "a"]
    assert delete_partition(paths, "story_members", "2026-11-21") is True
    assert delete_partition(paths, "story_members", "2026-11-21") is False
    assert list_partitions(paths, "story_members") == [DAY, "2026-11-22"]
    assert not paths.table_partition("story_members", "2026-11-21").parent.exists()
    assert list_partitions(paths, "articles") == []
