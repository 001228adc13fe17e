"""The nightly schedule: the last complete UTC day, at 02:00 UTC, on by default.

The partitions run on past today (``assets.partitions``), so Dagster's
``build_schedule_from_partitioned_job``, which targets the last partition, would crawl tomorrow;
this schedule names the day before its tick instead.
"""

from datetime import UTC, timedelta

import dagster as dg

from pipelines.jobs import nightly_job

NIGHTLY_CRON = "0 2 * * *"  # 02:00 UTC: feeds and sitemaps of the day before are complete by then


@dg.schedule(
    cron_schedule=NIGHTLY_CRON,
    job=nightly_job,
    execution_timezone="UTC",
    name="nightly_job_schedule",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Crawl and process yesterday (UTC), the last complete day.",
)
def nightly_schedule(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    """One run for the UTC day before the tick; its run key is the day, so a tick runs it once."""
    day = (context.scheduled_execution_time.astimezone(UTC).date() - timedelta(days=1)).isoformat()
    return dg.RunRequest(run_key=day, partition_key=day)
