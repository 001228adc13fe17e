"""Recording runs that died: a run worker killed with ``kill -9`` cannot report its own end.

Such a run stays ``STARTED`` in the Dagster instance forever, and worse, keeps the pool slots its
steps had claimed (pools ``crawl`` and ``warehouse`` have one slot each in ``dagster.yaml``), so
every later run waits on them for ever. The CLI runs each partition (or range of partitions) in its
own process, holding their partition locks (``wirearchive.locks``) for the whole run; so once the
next CLI run of a partition holds its lock, any earlier CLI run of it that is not finished is dead. That run is
marked failed (with a message saying so) and its slots are freed before the new run starts.

Runs launched by the Dagster daemon or UI are not touched here: their worker processes can only be
watched by Dagster's run monitoring, which ``dagster.yaml`` leaves off (see docs/OPERATIONS.md).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

import dagster as dg

from pipelines.compat import free_run_pool_slots
from wirearchive.days import day_range, describe_spans, spans

LAUNCHER_TAG = "wirearchive/launcher"
PID_TAG = "wirearchive/pid"
# Dagster's run tags for the partition of a run, or the inclusive range of a ranged (batch) run;
# public strings (``dagster._core.storage.tags``), spelled here to keep to the public API.
PARTITION_TAG = "dagster/partition"
RANGE_START_TAG = "dagster/asset_partition_range_start"
RANGE_END_TAG = "dagster/asset_partition_range_end"
_UNFINISHED = [dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.CANCELING]


def cli_run_tags() -> dict[str, str]:
    """Tags marking a run executed in this process by the CLI (one process, one run)."""
    return {LAUNCHER_TAG: "cli", PID_TAG: str(os.getpid())}


def reap_dead_runs(instance: dg.DagsterInstance, days: Sequence[str]) -> list[str]:
    """Mark unfinished CLI runs of any of ``days`` as failed and free their pool slots.

    Only call this while holding the partition locks of ``days``: that is what proves the runs
    dead (a run of one day, or of a range holding one of them, holds that day's lock while alive).

    Args:
        instance: The Dagster instance.
        days: Partition keys the caller holds the locks of.

    Returns:
        Ids of the runs marked failed.
    """
    held = set(days)
    dead = [
        run
        for run in instance.get_runs(filters=dg.RunsFilter(statuses=_UNFINISHED, tags={LAUNCHER_TAG: "cli"}))
        if held & run_days(run.tags)
    ]
    for run in dead:
        instance.report_run_failed(
            run,
            message=f"run worker (pid {run.tags.get(PID_TAG, '?')}) died without finishing; "
            f"found by the next run of partition(s) {describe_spans(spans(held & run_days(run.tags)))}",
        )
        free_run_pool_slots(instance, run.run_id)
    return [run.run_id for run in dead]


def run_days(tags: Mapping[str, str]) -> set[str]:
    """The partition days of a run, from its tags: one partition, or an inclusive range."""
    if PARTITION_TAG in tags:
        return {tags[PARTITION_TAG]}
    if RANGE_START_TAG in tags and RANGE_END_TAG in tags:
        return set(day_range(tags[RANGE_START_TAG], tags[RANGE_END_TAG]))
    return set()
