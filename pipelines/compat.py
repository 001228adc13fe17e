"""Every use of Dagster's private or internal APIs, in one place.

Read against the versions in :data:`CHECKED_VERSIONS`; ``tests/pipelines/test_pipelines_compat.py`` fails
when the installed version differs, so an upgrade re-reads this file before it goes in.
"""

from __future__ import annotations

from collections.abc import Callable

import dagster as dg

# Distribution name -> version whose internals this module was checked against.
CHECKED_VERSIONS = {"dagster": "1.13.27"}


def free_run_pool_slots(instance: dg.DagsterInstance, run_id: str) -> None:
    """Give back the pool (concurrency) slots a dead run's steps still hold.

    Dagster frees them when a run ends through its own machinery; a run marked failed from outside
    (:func:`pipelines.recovery.reap_dead_runs`) keeps them unless they are freed here. Uses the
    event log storage's ``free_concurrency_slots_for_run`` (not part of the public API in 1.13).

    Args:
        instance: The Dagster instance.
        run_id: The run whose slots to free.
    """
    instance.event_log_storage.free_concurrency_slots_for_run(run_id)


def add_run_event_listener(
    instance: dg.DagsterInstance, run_id: str, callback: Callable[[dg.EventLogEntry], None]
) -> None:
    """Call ``callback`` with every event of run ``run_id`` as this process stores it.

    Uses ``DagsterInstance.add_event_listener`` (public on the class, absent from the API docs in
    1.13): the instance calls its listeners synchronously from ``handle_new_event``, so the events
    of an ``execute_in_process`` run arrive as they happen, with no polling of the event log.

    Args:
        instance: The Dagster instance the run writes to.
        run_id: The run (its id chosen before it starts).
        callback: Receives each ``EventLogEntry``.
    """
    instance.add_event_listener(run_id, callback)
