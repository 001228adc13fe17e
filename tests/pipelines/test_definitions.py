"""The Definitions load, expose the expected graph, and the schedule targets the last full day."""

from datetime import UTC, date, datetime, time, timedelta, timezone

import dagster as dg

from assets.partitions import daily_partitions
from pipelines.definitions import defs
from wirearchive.days import PARTITION_START, partition_bounds


def test_definitions_load() -> None:
    repo = defs.get_repository_def()
    jobs = {j.name for j in repo.get_all_jobs() if not j.name.startswith("__")}
    assert jobs == {"nightly_job", "reprocess_job", "import_warc_job"}


def test_asset_key_snapshot() -> None:
    keys = {k.to_user_string() for k in defs.resolve_asset_graph().get_all_asset_keys()}
    assert keys == {"captures", "articles", "story_members", "catalog"}


def test_asset_checks_snapshot() -> None:
    checks = {(k.asset_key.to_user_string(), k.name) for k in defs.resolve_asset_graph().asset_check_keys}
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
    assert graph.get(dg.AssetKey("catalog")).parent_keys == {
        dg.AssetKey(n) for n in ("captures", "articles", "story_members")
    }


def test_every_job_runs_its_steps_in_one_process() -> None:
    """So the resource, and with it the run's partition lock, lives from the first step to the last."""
    repo = defs.get_repository_def()
    for job in repo.get_all_jobs():
        assert job.executor_def is dg.in_process_executor, job.name


def test_reprocess_job_never_crawls() -> None:
    job = defs.resolve_job_def("reprocess_job")
    assert "captures" not in {n.name for n in job.graph.node_defs}


def tick(when: datetime) -> list[str]:
    """Partition keys the nightly schedule requests at ``when``."""
    schedule = defs.resolve_schedule_def("nightly_job_schedule")
    with dg.build_schedule_context(scheduled_execution_time=when, repository_def=defs.get_repository_def()) as ctx:
        data = schedule.evaluate_tick(ctx)
    return [r.partition_key for r in data.run_requests]


def test_schedule_is_on_by_default_and_targets_yesterday() -> None:
    schedule = defs.resolve_schedule_def("nightly_job_schedule")
    assert schedule.default_status == dg.DefaultScheduleStatus.RUNNING
    assert schedule.cron_schedule == "0 2 * * *" and schedule.execution_timezone == "UTC"
    assert tick(datetime(2026, 1, 17, 2, 0, tzinfo=UTC)) == ["2026-01-16"]


def test_schedule_targets_yesterday_although_partitions_run_to_tomorrow() -> None:
    now = datetime.now(UTC).replace(hour=2, minute=0, second=0, microsecond=0)
    today = now.date()
    keys = daily_partitions.get_partition_keys(current_time=now)
    assert keys[-2:] == [today.isoformat(), (today + timedelta(days=1)).isoformat()]
    assert tick(now) == [(today - timedelta(days=1)).isoformat()]
    # across a month and a year end, in UTC whatever the tick's own zone
    assert tick(datetime(2027, 1, 1, 2, 0, tzinfo=UTC)) == ["2026-12-31"]
    assert tick(datetime(2026, 3, 1, 3, 0, tzinfo=timezone(timedelta(hours=1)))) == ["2026-02-28"]


def test_partitions_are_the_days_module_range() -> None:
    today = date(2026, 12, 3)
    at = datetime.combine(today, time(12), tzinfo=UTC)
    keys = daily_partitions.get_partition_keys(current_time=at)
    assert (keys[0], keys[-1]) == partition_bounds(today) == (PARTITION_START, "2026-12-04")
    assert PARTITION_START <= "2016-08-01"  # CC-NEWS begins on 2016-08-01
    assert {"2016-08-01", "2020-01-01", "2026-12-03"} <= set(keys) and "2026-12-05" not in keys
    for job in ("nightly_job", "reprocess_job"):
        assert defs.resolve_job_def(job).partitions_def == daily_partitions
