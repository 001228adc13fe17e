"""The import sensor: each imported day is reprocessed in its own run; days without a partition are left."""

import dagster as dg

from pipelines.definitions import defs
from wirearchive.days import day_range

FILLED = ["2016-07-31", "2019-05-01", "2019-05-02", "2019-05-03", "2021-03-04", *day_range("2024-01-01", "2024-02-15")]


@dg.op
def fill_days(context: dg.OpExecutionContext) -> None:
    """Stands in for import_warc_files' events only: a captures materialization per filled day."""
    for day in FILLED:
        context.log_event(dg.AssetMaterialization(asset_key="captures", partition=day))


@dg.job
def filling_job() -> None:
    fill_days()


def test_filled_days_become_one_run_each() -> None:
    with dg.instance_for_test() as instance:
        result = filling_job.execute_in_process(instance=instance)
        context = dg.build_run_status_sensor_context(
            sensor_name="reprocess_imported_days",
            dagster_event=result.get_run_success_event(),
            dagster_instance=instance,
            dagster_run=instance.get_run_by_id(result.run_id),
        )
        requests = defs.resolve_sensor_def("reprocess_imported_days")(context)
    # 2016-07-31 is before the first partition day: not requested
    assert [r.partition_key for r in requests] == FILLED[1:]
    assert len({r.run_key for r in requests}) == len(requests)
