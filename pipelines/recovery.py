"""Recording runs that died: a run worker killed with ``kill -9`` cannot report its own end.

Such a run stays ``STARTED`` in the Dagster instance forever, and worse, keeps the pool slots its
steps had claimed (pools ``crawl`` and ``warehouse`` have one slot each in ``dagster.yaml``), so
every later run waits on them for ever. The CLI runs each partition in its own process, holding
the partition lock (``wirearchive.locks``) for the whole run; so once the next CLI run of that
partition holds the lock, any earlier CLI run of it that is not finished is dead. That run is
marked failed (with a message saying so) and its slots are freed before the new run starts.

Runs launched by the Dagster daemon or UI are not touched here: their worker processes can only be
watched by Dagster's run monitoring, which ``dagster.yaml`` leaves off (see docs/OPERATIONS.md).
"""

from __future__ import annotations

import os

import dagster as dg

from pipelines.compat import free_run_pool_slots

LAUNCHER_TAG = "wirearchive/launcher"
PID_TAG = "wirearchive/pid"
_UNFINISHED = [dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.CANCELING]


def cli_run_tags() -> dict[str, str]:
    """Tags marking a run executed in this process by the CLI (one process, one run)."""
    return {LAUNCHER_TAG: "cli", PID_TAG: str(os.getpid())}


def reap_dead_runs(instance: dg.DagsterInstance, day: str) -> list[str]:
    """Mark unfinished CLI runs of ``day`` as failed and free their pool slots.

    Only call this while holding the partition lock of ``day``: that is what proves the runs dead.

    Args:
        instance: The Dagster instance.
        day: Partition key.

    Returns:
        Ids of the runs marked failed.
    """
    dead = instance.get_runs(
        filters=dg.RunsFilter(statuses=_UNFINISHED, tags={"dagster/partition": day, LAUNCHER_TAG: "cli"})
    )
    for run in dead:
        instance.report_run_failed(
            run,
            message=f"run worker (pid {run.tags.get(PID_TAG, '?')}) died without finishing; "
            f"found by the next run of partition {day}",
        )
        free_run_pool_slots(instance, run.run_id)
    return [run.run_id for run in dead]
