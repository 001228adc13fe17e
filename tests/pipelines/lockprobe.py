"""A two-step partitioned job over the real ``wirearchive`` resource and executor, for the lock test.

Each step writes, into ``$LOCKPROBE_OUT``, the pid and the open lock file of its partition as
seen by :mod:`wirearchive.locks`: one line per step.
"""

import os
from pathlib import Path

import dagster as dg

from assets.partitions import daily_partitions
from assets.resources import WirearchiveResource
from pipelines.definitions import defs
from wirearchive import locks

OUT_ENV = "LOCKPROBE_OUT"


def _record(context: dg.AssetExecutionContext, wirearchive: WirearchiveResource) -> None:
    path = locks.lock_dir(wirearchive.paths) / f"partition-{context.partition_key}.lock"
    held = locks._held.get(path)  # noqa: SLF001 - the test looks at the module's own bookkeeping
    with Path(os.environ[OUT_ENV]).open("a", encoding="utf-8") as out:
        out.write(f"{os.getpid()} {id(held[0]) if held else None}\n")


@dg.asset(partitions_def=daily_partitions)
def first(context: dg.AssetExecutionContext, wirearchive: WirearchiveResource) -> None:
    """Record the lock state in the first step."""
    _record(context, wirearchive)


@dg.asset(partitions_def=daily_partitions, deps=[first])
def second(context: dg.AssetExecutionContext, wirearchive: WirearchiveResource) -> None:
    """Record it again in the second step."""
    _record(context, wirearchive)


def probe_job() -> dg.JobDefinition:
    """The job, with the project's executor, as the daemon or UI would launch it (reconstructable)."""
    probe = dg.Definitions(
        assets=[first, second],
        jobs=[dg.define_asset_job("probe_job", selection=[first, second])],
        executor=defs.executor,
        resources={"wirearchive": WirearchiveResource()},
    )
    return probe.resolve_job_def("probe_job")
