"""The crawl under Dagster Pipes reports its figures as materialization metadata."""

import os
import sys
from pathlib import Path

import dagster as dg
import pytest

from tests.mockserver import REPO, MockServer

SITE = REPO / "tests" / "fixtures" / "sites" / "wire"
DAY = "2026-11-20"


# Dagster 1.13's own PipesSubprocessClient calls a preview API (expected_writer_count).
@pytest.mark.filterwarnings("ignore::dagster.PreviewWarning")
def test_crawl_reports_stats_through_pipes(tmp_path: Path) -> None:
    with MockServer(SITE) as server:
        registry = tmp_path / "sources.toml"
        registry.write_text(
            f'[settings]\nallow_hosts = ["127.0.0.1"]\n[[source]]\nid = "wire"\nname = "W"\nkind = "wire"\n'
            f'home = "{server.base}/"\nfeeds = ["{server.base}/atom.xml"]\narticle_patterns = ["^/2026/"]\n'
        )

        @dg.asset(partitions_def=dg.DailyPartitionsDefinition(start_date="2026-11-01"))
        def captures(context: dg.AssetExecutionContext, pipes: dg.PipesSubprocessClient) -> dg.MaterializeResult:
            command = [sys.executable, "-m", "spiders.run", "--date", context.partition_key]
            command += ["--sources", str(registry), "--data-dir", str(tmp_path / "data")]
            return pipes.run(context=context, command=command).get_materialize_result()

        client = dg.PipesSubprocessClient(cwd=str(REPO), env={"PYTHONPATH": str(REPO), "PATH": os.environ["PATH"]})
        result = dg.materialize([captures], partition_key=DAY, resources={"pipes": client})
    [materialization] = result.asset_materializations_for_node("captures")
    metadata = materialization.metadata
    assert (
        metadata["pages_by_status"].value,
        metadata["errors_by_reason"].value,
        metadata["pages_by_source"].value,
    ) == (
        {"200": 4},  # robots.txt, the Atom feed, its 2 articles
        {},
        {"wire": 4},
    )
    assert sorted(metadata) == sorted(
        [
            "bytes_archived",
            "capture_index",
            "captures",
            "cpu_s",
            "crawl_id",
            "date",
            "discovery_errors",
            "elapsed_s",
            "errors_by_reason",
            "finish_reason",
            "pages_by_kind",
            "pages_by_source",
            "pages_by_status",
            "recovered_crawls",
            "skipped",
            "warc_files",
        ]
    )
