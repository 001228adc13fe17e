"""Sensors: imported days flow on to ``reprocess_job`` without an operator."""

import dagster as dg

from pipelines.jobs import import_warc_job, reprocess_job
from pipelines.recovery import RANGE_END_TAG, RANGE_START_TAG
from wirearchive.days import describe_spans, in_partitions, spans

# Consecutive imported days per reprocess run: one ranged run (one catalog rebuild) per batch.
# The CLI's import batches the same way (wirearchive.cli.IMPORT_BATCH_DAYS).
BATCH_DAYS = 31


@dg.run_status_sensor(
    run_status=dg.DagsterRunStatus.SUCCESS,
    monitored_jobs=[import_warc_job],
    request_job=reprocess_job,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="After a successful import_warc_job run, reprocess the days it filled, "
    f"consecutive days in ranged runs of up to {BATCH_DAYS}.",
)
def reprocess_imported_days(context: dg.RunStatusSensorContext) -> list[dg.RunRequest]:
    """One ``reprocess_job`` run per batch of consecutive days the import filled, oldest first.

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
    requests = []
    for first, last in spans((d for d in days if in_partitions(d)), BATCH_DAYS):
        if first == last:
            requests.append(dg.RunRequest(run_key=f"{run_id}:{first}", partition_key=first))
        else:
            requests.append(dg.RunRequest(run_key=f"{run_id}:{first}..{last}",
                                          tags={RANGE_START_TAG: first, RANGE_END_TAG: last}))
    return requests
