"""Sensors: imported days flow on to ``reprocess_job`` without an operator."""

import dagster as dg

from pipelines.jobs import import_warc_job, reprocess_job
from wirearchive.days import describe_spans, in_partitions, spans


@dg.run_status_sensor(
    run_status=dg.DagsterRunStatus.SUCCESS,
    monitored_jobs=[import_warc_job],
    request_job=reprocess_job,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="After a successful import_warc_job run, reprocess each day it filled.",
)
def reprocess_imported_days(context: dg.RunStatusSensorContext) -> list[dg.RunRequest]:
    """One ``reprocess_job`` run per day the import filled, oldest first (one run per day, so each
    day's materializations and checks carry that day's figures).

    Days outside the partition days (pages captured before ``PARTITION_START``) are logged and
    left alone: Dagster has no partition to run them in.
    """
    run_id = context.dagster_run.run_id
    records = context.instance.get_records_for_run(run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION).records
    days = {
        r.event_log_entry.dagster_event.partition
        for r in records
        if r.event_log_entry.dagster_event and r.event_log_entry.dagster_event.partition
    }
    outside = sorted(d for d in days if not in_partitions(d))
    if outside:
        context.log.warning(f"not reprocessed, outside the partition days: {describe_spans(spans(outside))}")
    inside = sorted(d for d in days if in_partitions(d))
    return [dg.RunRequest(run_key=f"{run_id}:{day}", partition_key=day) for day in inside]
