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

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore::dagster.PreviewWarning"),
    pytest.mark.filterwarnings("ignore::dagster.BetaWarning"),
]

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
        wires = {r[0] for r in con.execute("select distinct wire_service from stories where wire_service is not null").fetchall()}
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
        result = dg.materialize([articles, story_members, catalog], partition_key=DAY,
                                resources=_resources(world, one_day), instance=instance)
        assert result.success
    assert sorted(p.name for p in archive.iterdir()) == files_before
    assert _table_rows(one_day, "articles", DAY) == rows_before


def test_two_day_range_in_one_run(world, tmp_path: Path) -> None:
    with dg.instance_for_test() as instance:
        result = dg.materialize(
            ASSETS,
            resources=_resources(world, tmp_path),
            instance=instance,
            tags={"dagster/asset_partition_range_start": DAY, "dagster/asset_partition_range_end": NEXT},
        )
        assert result.success
        materialized = {
            (e.asset_key.to_user_string(), e.partition)
            for e in result.get_asset_materialization_events()
            for e in [e.event_specific_data.materialization]
        }
    assert ("articles", DAY) in materialized and ("articles", NEXT) in materialized
    with duckdb.connect(str(tmp_path / "wirearchive.duckdb"), read_only=True) as con:
        days = [r[0].isoformat() for r in con.execute("select distinct date from articles order by 1").fetchall()]
    assert days == [DAY, NEXT]
