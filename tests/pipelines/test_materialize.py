"""The asset graph materialized with ``dagster.materialize`` over the demo world, in temp folders."""

from pathlib import Path

import dagster as dg
import duckdb
import pyarrow.parquet as pq
import pytest

from assets.articles import articles
from assets.captures import captures
from assets.catalog import catalog
from assets.resources import WirearchiveResource
from assets.stories import story_members
from demoworld.server import serve_demo_world

pytestmark = pytest.mark.e2e

ASSETS = [captures, articles, story_members, catalog]
DAY, NEXT = "2026-01-12", "2026-01-13"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory):
    with serve_demo_world(tmp_path_factory.mktemp("demo")) as running:
        yield running


def _resources(world, data: Path) -> dict:
    return {
        "wirearchive": WirearchiveResource(data_dir=str(data), sources=str(world.sources_path)),
        "pipes_subprocess_client": dg.PipesSubprocessClient(),
    }


def _table_rows(data: Path, table: str, day: str) -> list[dict]:
    rows = pq.read_table(data / "warehouse" / table / f"date={day}" / "data.parquet").to_pylist()
    return sorted(rows, key=lambda r: tuple(str(v) for v in r.values()))


@pytest.fixture(scope="module")
def one_day(world, tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("data")
    with dg.instance_for_test() as instance:
        result = dg.materialize(ASSETS, partition_key=DAY, resources=_resources(world, data), instance=instance)
        assert result.success
    return data


def test_materialize_writes_exact_paths(one_day: Path) -> None:
    for table in ("captures", "articles", "story_members", "failures"):
        assert (one_day / "warehouse" / table / f"date={DAY}" / "data.parquet").is_file()
    assert list((one_day / "archive" / f"date={DAY}").glob("*.warc.gz"))
    assert list((one_day / "archive" / f"date={DAY}").glob("captures-*.parquet"))
    assert (one_day / "wirearchive.duckdb").is_file()
    assert not list((one_day / "tmp").glob("*")) if (one_day / "tmp").exists() else True


def test_catalog_answers_sql(one_day: Path) -> None:
    with duckdb.connect(str(one_day / "wirearchive.duckdb"), read_only=True) as con:
        n_articles, n_days = con.execute("select count(*), count(distinct date) from articles").fetchone()
        n_stories = con.execute("select count(*) from stories").fetchone()[0]
        wires = {
            r[0]
            for r in con.execute("select distinct wire_service from stories where wire_service is not null").fetchall()
        }
    assert n_articles > 30 and n_days == 1
    assert 0 < n_stories < n_articles
    assert wires == {"AP", "Reuters"}


def test_rerun_gives_identical_rows(world, one_day: Path) -> None:
    before = {t: _table_rows(one_day, t, DAY) for t in ("articles", "story_members")}
    with dg.instance_for_test() as instance:
        result = dg.materialize(ASSETS, partition_key=DAY, resources=_resources(world, one_day), instance=instance)
        assert result.success
    after = {t: _table_rows(one_day, t, DAY) for t in ("articles", "story_members")}
    assert after == before


def test_reprocess_selection_fetches_nothing(world, one_day: Path) -> None:
    """articles -> story_members -> catalog recompute from the archive: no new WARC or capture files."""
    archive = one_day / "archive" / f"date={DAY}"
    files_before = sorted(p.name for p in archive.iterdir())
    rows_before = _table_rows(one_day, "articles", DAY)
    with dg.instance_for_test() as instance:
        result = dg.materialize(
            [articles, story_members, catalog],
            partition_key=DAY,
            resources=_resources(world, one_day),
            instance=instance,
        )
        assert result.success
    assert sorted(p.name for p in archive.iterdir()) == files_before
    assert _table_rows(one_day, "articles", DAY) == rows_before


def test_two_days_carry_their_own_figures_and_check_results(world, tmp_path: Path) -> None:
    """One run per day: each day's materializations and checks hold that day's numbers, not a range total."""
    metadata: dict[tuple[str, str], dict] = {}
    evaluations: dict[str, dict[str, int]] = {}
    with dg.instance_for_test() as instance:
        for day in (DAY, NEXT):
            result = dg.materialize(ASSETS, partition_key=day, resources=_resources(world, tmp_path), instance=instance)
            assert result.success
            for event in result.get_asset_materialization_events():
                m = event.event_specific_data.materialization
                metadata[(m.asset_key.to_user_string(), m.partition or "")] = {
                    k: v.value for k, v in m.metadata.items()
                }
            evaluations[day] = {
                e.check_name: e.metadata["rows"].value
                for e in result.get_asset_check_evaluations()
                if "rows" in e.metadata
            }
            assert {e.check_name for e in result.get_asset_check_evaluations() if e.passed} >= {
                "non_empty_bodies",
                "unique_article_ids",
                "unique_member_ids",
                "dedupe_ratio",
                "days_complete",
            }
    with duckdb.connect(str(tmp_path / "wirearchive.duckdb"), read_only=True) as con:
        truth = {
            t: dict(con.execute(f"select cast(date as varchar), count(*) from {t} group by 1").fetchall())
            for t in ("captures", "articles", "story_members")
        }
        by_source = dict(
            con.execute("select source_id, count(*) from articles where date = ? group by 1", [NEXT]).fetchall()
        )
        sources = [r[0] for r in con.execute("select id from sources").fetchall()]
    assert truth["articles"][DAY] != truth["articles"][NEXT]
    for day in (DAY, NEXT):
        for table in ("captures", "articles", "story_members"):
            assert metadata[(table, day)]["dagster/row_count"] == truth[table][day], (table, day)
        assert evaluations[day]["non_empty_bodies"] == truth["articles"][day]
    # Per-source counts are numbers under their own keys (plottable across days), zeros included.
    assert {k: v for k, v in metadata[("articles", NEXT)].items() if k.startswith("rows/")} == {
        f"rows/{s}": by_source.get(s, 0) for s in sources
    }
    # The catalog is one unpartitioned asset over both days.
    assert metadata[("catalog", "")]["days"] == 2
    assert metadata[("catalog", "")]["rows/articles"] == sum(truth["articles"].values())
