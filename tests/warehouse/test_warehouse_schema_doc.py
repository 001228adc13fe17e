"""SCHEMA.md stays true: its SQL returns rows on the demo world, and it documents every column of every relation."""

from __future__ import annotations

import re
from importlib.resources import files

import pytest

from tests.warehouse.demo_truth import demo_registry, publish_demo_truth
from warehouse.catalog import build_catalog, connect
from wirearchive.config import DataPaths, data_paths

DOC = files("warehouse").joinpath("SCHEMA.md").read_text(encoding="utf-8")
SQL_BLOCKS = re.findall(r"```sql\n(.*?)```", DOC, flags=re.S)
SECTION = re.compile(r"^### `(\w+)`", flags=re.M)
ROW = re.compile(r"^\| `(\w+)` \| ([\w\[\] ]+?) \|", flags=re.M)
DUCKDB_NAMES = {"timestamp with time zone": "timestamptz"}


def documented() -> dict[str, list[tuple[str, str]]]:
    """``{relation: [(column, type), ...]}`` from the column tables of SCHEMA.md."""
    parts = SECTION.split(DOC)
    return {name: ROW.findall(body) for name, body in zip(parts[1::2], parts[2::2], strict=False) if ROW.findall(body)}


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> DataPaths:
    """A warehouse of the demo world (its ground truth: the pipeline's output at its best)."""
    paths = data_paths(tmp_path_factory.mktemp("demo") / "data")
    build_catalog(paths, demo_registry(publish_demo_truth(paths)))
    return paths


def test_doc_has_the_promised_examples() -> None:
    assert len(SQL_BLOCKS) >= 10
    for used in ("search(", "search_total(", "search_stories(", "pickup_lag", "story_versions", "wire_credit"):
        assert any(used in block for block in SQL_BLOCKS), used


@pytest.mark.parametrize("sql", SQL_BLOCKS, ids=[f"block{i}" for i in range(len(SQL_BLOCKS))])
def test_every_sql_block_runs_and_returns_rows(catalog: DataPaths, sql: str) -> None:
    with connect(catalog.catalog) as con:
        rows = con.execute(sql).fetchall()
    assert rows, sql


def test_every_relation_and_column_is_documented_with_its_type(catalog: DataPaths) -> None:
    doc = documented()
    with connect(catalog.catalog) as con:
        relations = [
            r[0]
            for r in con.execute(
                "select table_name from duckdb_tables() where schema_name = 'main' and not internal "
                "union all select view_name from duckdb_views() where schema_name = 'main' and not internal"
            ).fetchall()
        ]
        actual = {
            name: [
                (col, DUCKDB_NAMES.get(kind.lower(), kind.lower()))
                for col, kind, *_ in con.execute(f"describe {name}").fetchall()
            ]
            for name in relations
        }
    assert sorted(actual) == sorted(doc)
    for name, columns in actual.items():
        assert columns == doc[name], name
