"""Sensors: imported days flow on to ``reprocess_job`` without an operator."""

import dagster as dg

from pipelines.jobs import import_warc_job, reprocess_job


@dg.run_status_sensor(
    run_status=dg.DagsterRunStatus.SUCCESS,
    monitored_jobs=[import_warc_job],
    request_job=reprocess_job,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="After a successful import_warc_job run, reprocess each day it filled.",
)
def reprocess_imported_days(context: dg.RunStatusSensorContext) -> list[dg.RunRequest]:
    """One ``reprocess_job`` run per day the import materialized ``captures`` for, oldest first."""
    run_id = context.dagster_run.run_id
    records = context.instance.get_records_for_run(run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION).records
    days = sorted({
        r.event_log_entry.dagster_event.partition
        for r in records
        if r.event_log_entry.dagster_event and r.event_log_entry.dagster_event.partition
    })
    return [dg.RunRequest(run_key=f"{run_id}:{day}", partition_key=day) for day in days]
