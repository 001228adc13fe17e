"""The nightly schedule: the last complete UTC day, at 02:00 UTC, on by default."""

import dagster as dg

from pipelines.jobs import nightly_job

nightly_schedule = dg.build_schedule_from_partitioned_job(
    nightly_job,
    hour_of_day=2,
    minute_of_hour=0,
    default_status=dg.DefaultScheduleStatus.RUNNING,
)
