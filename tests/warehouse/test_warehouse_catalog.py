"""The DuckDB catalog: views, stories, analyst views, search, swap-in-place."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from warehouse.catalog import FTS_EXTENSION, build_catalog, connect
from warehouse.schema import ARTICLES, SCHEMA_VERSION, STORY_MEMBERS, TABLES
from warehouse.writer import read_partition
from wirearchive.config import DataPaths
from wirearchive.sources import Registry

RELATIONS = [
    "stories",
    "stories_per_wire_day",
    "pickup_lag",
    "story_versions",
    "member_versions",
    "copy_versions",
    "wire_credit",
    "search_postings",
    "search_docs",
    "search_dict",
    "search_words",
    *TABLES,
]


def test_empty_warehouse_has_every_relation_with_zero_rows(paths: DataPaths) -> None:
    assert build_catalog(paths) == paths.catalog
    with connect(paths.catalog) as con:
        for name in [*RELATIONS, "sources"]:
            assert con.execute(f"select count(*) from {name}").fetchone() == (0,), name
        assert con.execute("select count(*) from search('ceasefire')").fetchone() == (0,)
        assert con.execute("select count(*) from search_stories('ceasefire')").fetchone() == (0,)
        columns = [r[0] for r in con.execute("describe articles").fetchall()]
    assert columns == [*ARTICLES.names, "date"]


def test_meta_records_schema_version_and_build(world: DataPaths) -> None:
    build_catalog(world)
    with connect(world.catalog) as con:
        row = con.execute("select schema_version, storage_version, articles_indexed, warehouse from meta").fetchone()
    assert row == (SCHEMA_VERSION, "v1.5.0", 9, str(world.warehouse))


def test_sources_table_from_registry(paths: DataPaths, registry: Registry) -> None:
    build_catalog(paths, registry)
    with connect(paths.catalog) as con:
        rows = con.execute("select id, kind, wire, enabled, feeds from sources order by id").fetchall()
    assert rows[0] == ("apwire", "wire", "AP", True, ["http://127.0.0.1:8801/feed.xml"])
    assert ("farm", "farm", None, False, []) in rows and len(rows) == 5


def test_stories_one_row_per_story(world: DataPaths) -> None:
    build_catalog(world)
    with connect(world.catalog) as con:
        s1 = con.execute(
            "select canonical_article_id, title, wire_service, n_articles, n_outlets, n_versions, "
            "strftime(first_seen, '%d %H:%M'), strftime(last_seen, '%d %H:%M'), date from stories where story_id = 's1'"
        ).fetchall()
        per_day = con.execute("select date, wire_service, n_stories from stories_per_wire_day").fetchall()
    assert s1 == [
        ("a1", "Iraq ceasefire talks resume in Baghdad", "AP", 4, 3, 2, "20 10:00", "21 09:00", date(2026, 11, 20))
    ]
    assert per_day == [
        (date(2026, 11, 20), "AP", 1),
        (date(2026, 11, 20), "Reuters", 1),
        (date(2026, 11, 21), "AP", 1),
        (date(2026, 11, 22), "AP", 1),
    ]


def test_pickup_lag_and_story_versions(world: DataPaths) -> None:
    build_catalog(world)
    with connect(world.catalog) as con:
        lag = con.execute(
            "select article_id, source_id, relation, lag_minutes from pickup_lag where story_id = 's1' order by lag"
        ).fetchall()
        day = con.execute("select count(*) from pickup_lag where date = date '2026-11-20'").fetchone()
        versions = con.execute("select version, article_id from story_versions where story_id = 's1'").fetchall()
    assert lag == [("a2", "daily", "duplicate", 90.0), ("a4", "herald", "trimmed", 1380.0)]
    assert day == (2,)
    assert versions == [(1, "a1"), (2, "a3")]


def test_search_ranks_the_matching_article_first(world: DataPaths) -> None:
    build_catalog(world)
    with connect(world.catalog) as con:
        hurricane = con.execute("select article_id, title, source_id from search('hurricane landfall')").fetchall()
        oil = con.execute("select article_id from search('record oil exports', k := 1)").fetchall()
        stories = con.execute("select story_id, matching_articles from search_stories('ceasefire talks')").fetchall()
        nothing = con.execute("select count(*) from search('zanzibar')").fetchone()
    assert hurricane == [("d1", "Hurricane season ends quietly", "apwire")]
    assert oil == [("c1",)]
    assert stories == [("s1", 4)]
    assert nothing == (0,)


def test_old_partitions_missing_newer_columns_still_read(world: DataPaths) -> None:
    day = "2026-11-21"
    old = {
        "articles": ARTICLES.remove(ARTICLES.get_field_index("dateline")),
        "story_members": STORY_MEMBERS.remove(STORY_MEMBERS.get_field_index("evidence")),
    }
    for table, schema in old.items():  # as an older writer left them: data.parquet, no manifest
        rows = read_partition(world, table, day)
        assert rows is not None
        folder = world.table_partition(table, day).parent
        shutil.rmtree(folder)
        folder.mkdir()
        pq.write_table(pa.Table.from_pylist(rows.to_pylist(), schema=schema), folder / "data.parquet")
    build_catalog(world)
    with connect(world.catalog) as con:
        assert con.execute("select count(*), count(dateline) from articles where date = '2026-11-21'").fetchone() == (
            3,
            0,
        )
        assert con.execute("select count(*), count(evidence) from story_members").fetchone() == (9, 6)
        assert con.execute("select n_articles from stories where story_id = 's3'").fetchone() == (2,)


def test_reader_of_the_old_file_keeps_working_across_a_rebuild(world: DataPaths) -> None:
    build_catalog(world)
    with connect(world.catalog) as old:
        before = old.execute("select built_at from meta").fetchone()
        world.table_partition("articles", "2026-11-22").parent.joinpath("data.parquet").unlink()
        build_catalog(world)
        assert old.execute("select built_at, articles_indexed from meta").fetchone() == (before[0], 9)
        assert old.execute("select count(*) from stories").fetchone() == (4,)
    with connect(world.catalog) as new:
        assert new.execute("select built_at > ?, articles_indexed from meta", [before[0]]).fetchone() == (True, 8)


def test_failed_build_keeps_the_old_catalog_and_leaves_no_temp_file(world: DataPaths) -> None:
    build_catalog(world)
    good = world.catalog.read_bytes()
    broken = world.table_partition("articles", "2026-11-23")
    broken.parent.mkdir(parents=True)
    broken.write_bytes(b"not parquet")
    with pytest.raises(Exception, match="data.parquet"):
        build_catalog(world)
    assert world.catalog.read_bytes() == good
    assert sorted(p.name for p in world.root.iterdir()) == ["tmp", "warehouse", "wirearchive.duckdb"]


def test_duckdb_cli_opens_the_catalog(world: DataPaths) -> None:
    build_catalog(world)
    cli = Path(sys.executable).parent / "duckdb"
    out = subprocess.run(
        [
            str(cli),
            "-readonly",
            "-csv",
            "-noheader",
            str(world.catalog),
            "-c",
            f"load '{FTS_EXTENSION}'; select version(), schema_version from meta; select article_id from search('hurricane');",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout.split()
    assert out == ["v1.5.5,1", "d1"]


def test_storage_format_is_pinned(world: DataPaths) -> None:
    build_catalog(world)
    with connect(world.catalog) as con:
        version = con.execute(
            "select tags['storage_version'] from duckdb_databases() where database_name = 'wirearchive'"
        ).fetchone()
    assert version == ("v1.5.0+",)
