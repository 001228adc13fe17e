"""The Definitions load, expose the expected graph, and the schedule targets the last full day."""

from datetime import UTC, datetime

import dagster as dg

from pipelines.definitions import defs


def test_definitions_load() -> None:
    repo = defs.get_repository_def()
    jobs = {j.name for j in repo.get_all_jobs() if not j.name.startswith("__")}
    assert jobs == {"nightly_job", "reprocess_job", "import_warc_job"}


def test_asset_key_snapshot() -> None:
    keys = {k.to_user_string() for k in defs.resolve_asset_graph().get_all_asset_keys()}
    assert keys == {"captures", "articles", "story_members", "catalog"}


def test_asset_checks_snapshot() -> None:
    checks = {
        (k.asset_key.to_user_string(), k.name) for k in defs.resolve_asset_graph().asset_check_keys
    }
    assert checks == {
        ("articles", "non_empty_bodies"),
        ("articles", "unique_article_ids"),
        ("articles", "dates_in_partition"),
        ("articles", "extract_failure_rate"),
        ("story_members", "unique_member_ids"),
        ("story_members", "dedupe_ratio"),
        ("catalog", "days_complete"),
    }


def test_daily_assets_run_one_day_per_run_and_the_catalog_is_global() -> None:
    graph = defs.resolve_asset_graph()
    for name in ("captures", "articles", "story_members"):
        node = graph.get(dg.AssetKey(name))
        assert node.partitions_def is not None and node.backfill_policy is None, name
    assert graph.get(dg.AssetKey("catalog")).partitions_def is None
    assert graph.get(dg.AssetKey("catalog")).parent_keys == {dg.AssetKey(n) for n in ("captures", "articles", "story_members")}


def test_every_job_runs_its_steps_in_one_process() -> None:
    """So the resource, and with it the run's partition lock, lives from the first step to the last."""
    repo = defs.get_repository_def()
    for job in repo.get_all_jobs():
        assert job.executor_def is dg.in_process_executor, job.name


def test_reprocess_job_never_crawls() -> None:
    job = defs.resolve_job_def("reprocess_job")
    assert "captures" not in {n.name for n in job.graph.node_defs}


def test_schedule_is_on_by_default_and_targets_yesterday() -> None:
    schedule = defs.resolve_schedule_def("nightly_job_schedule")
    assert schedule.default_status == dg.DefaultScheduleStatus.RUNNING
    with dg.build_schedule_context(scheduled_execution_time=datetime(2026, 1, 17, 2, 0, tzinfo=UTC)) as ctx:
        data = schedule.evaluate_tick(ctx)
    assert [r.partition_key for r in data.run_requests] == ["2026-01-16"]
