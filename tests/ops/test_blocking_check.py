"""A failing blocking check on ``articles`` keeps the partition unpublished and stops downstream.

The day's archive holds the same capture twice (its capture index copied under a second crawl
id), so two ``articles`` rows share an id and ``unique_article_ids`` fails.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import pytest

from assets.articles import articles
from assets.resources import WirearchiveResource
from assets.stories import story_members
from tests.ops.foreign_warc import DAYS, write_cc_news
from warehouse.writer import publish_days
from wirearchive.config import data_paths
from wirearchive.importwarc import import_files
from wirearchive.sources import load_sources

pytestmark = pytest.mark.e2e


def test_duplicate_ids_stop_story_members(tmp_path: Path, world_pages) -> None:
    sources, pages = world_pages
    paths = data_paths(tmp_path / "data")
    warc = write_cc_news(tmp_path / "a.warc.gz", pages[DAYS[0]])
    imported = import_files([warc], paths.archive, load_sources(sources))
    publish_days(paths, "captures", imported.captures)
    [report] = imported.reports
    index = paths.archive_partition(DAYS[0]) / f"captures-{report.crawl_id}.parquet"
    shutil.copyfile(index, index.with_name("captures-duplicate.parquet"))

    result = dg.materialize(
        [articles, story_members],
        partition_key=DAYS[0],
        resources={"wirearchive": WirearchiveResource(data_dir=str(paths.root), sources=str(sources))},
        raise_on_error=False,
    )

    assert not result.success
    evaluations = {e.check_name: e.passed for e in result.get_asset_check_evaluations()}
    assert evaluations["unique_article_ids"] is False
    assert evaluations["non_empty_bodies"] is True
    materialized = {m.asset_key.to_user_string() for m in result.get_asset_materialization_events()}
    assert "story_members" not in materialized
    assert not paths.table_partition("articles", DAYS[0]).exists()
    assert not paths.table_partition("story_members", DAYS[0]).exists()
