"""Running jobs in this process, one partition (or one range) at a time: what the ``wirearchive`` CLI does.

Runs go to the persistent Dagster instance of ``$DAGSTER_HOME`` (default ``var/dagster``, seeded
with the project's ``dagster.yaml``), so they show in the UI afterwards. Where the data lives and
which registry to read reach the ``wirearchive`` resource as resource config in the run config
(visible on the run in the UI), not through environment variables. The one variable set here is
``DAGSTER_HOME`` itself: it is Dagster's own contract, and ``dagster.yaml`` reads its storage folder
from it (``base_dir: {env: DAGSTER_HOME}``), as ``dagster dev`` does with the same file.

Each run holds the partition locks of its days (:mod:`wirearchive.locks`); runs of that day left
unfinished by a killed CLI process are recorded as failed first (:mod:`pipelines.recovery`).
"""

from __future__ import annotations

import os
import shutil
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dagster as dg

from assets.resources import CRAWL_LOG_LEVEL_ENV
from pipelines.recovery import RANGE_END_TAG, RANGE_START_TAG, cli_run_tags, reap_dead_runs
from wirearchive.config import DataPaths
from wirearchive.days import day_range, describe_spans
from wirearchive.locks import partition_lock

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DAGSTER_HOME_ENV = "DAGSTER_HOME"
# Runs log to the Dagster instance (visible in the UI); the terminal shows progress and warnings.
QUIET_LOGS = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}
# The crawl subprocess's Scrapy log level under the CLI, unless $WIREARCHIVE_LOG_LEVEL says otherwise.
CLI_CRAWL_LOG_LEVEL = "WARNING"


class RunFailed(Exception):
    """A run did not succeed; the message names the day, the failed steps and their root causes."""


def prepare_dagster_home(home: Path | None = None) -> Path:
    """Point ``DAGSTER_HOME`` at a folder holding the project's ``dagster.yaml``.

    Args:
        home: Folder to use; default ``$DAGSTER_HOME`` or ``var/dagster`` in the project.

    Returns:
        The folder (absolute).
    """
    chosen = home or Path(os.environ.get(DAGSTER_HOME_ENV) or PROJECT_ROOT / "var" / "dagster")
    chosen = chosen.resolve()
    chosen.mkdir(parents=True, exist_ok=True)
    target = chosen / "dagster.yaml"
    if not target.exists():
        shutil.copyfile(PROJECT_ROOT / "dagster.yaml", target)
    os.environ[DAGSTER_HOME_ENV] = str(chosen)  # read by dagster.yaml's storage settings
    return chosen


def run_config(paths: DataPaths, sources: Path, *, crawl_log_level: str | None = None) -> dict[str, Any]:
    """The run config of a CLI run: the ``wirearchive`` resource's config and quiet console logs.

    Args:
        paths: Data directory layout.
        sources: Sources registry file.
        crawl_log_level: Scrapy log level of the crawl subprocess (None: its own default).

    Returns:
        A run config for ``execute_in_process``.
    """
    config: dict[str, Any] = {"data_dir": str(paths.root), "sources": str(sources)}
    if crawl_log_level is not None:
        config["crawl_log_level"] = crawl_log_level
    return {"resources": {"wirearchive": {"config": config}}, **QUIET_LOGS}


@dataclass
class JobRunner:
    """Runs one job of the Definitions for one partition day at a time, in this process.

    Attributes:
        job: The job.
        instance: The Dagster instance the runs are recorded in.
        paths: Data directory layout (for the partition locks).
        config: Run config of every run (see :func:`run_config`).
    """

    job: dg.JobDefinition
    instance: dg.DagsterInstance
    paths: DataPaths
    config: dict[str, Any]

    def run(self, day: str, last: str | None = None) -> str:
        """Run the job for one partition day, or for the range ``day..last`` as one run.

        A range is one ranged run (each asset's ``BackfillPolicy.single_run``, as a UI backfill
        does): the catalog is rebuilt once for the batch, not once per day.

        Args:
            day: Partition key (the first of the range).
            last: Last partition key of the range, inclusive (default: ``day`` alone).

        Returns:
            The run id.

        Raises:
            RunFailed: The run failed.
        """
        days = day_range(day, last or day)
        tags = cli_run_tags()
        if len(days) > 1:
            tags |= {RANGE_START_TAG: days[0], RANGE_END_TAG: days[-1]}
        with partition_lock(self.paths, days, f"wirearchive {self.job.name}"):  # see wirearchive.locks
            reap_dead_runs(self.instance, days)
            result = self.job.execute_in_process(partition_key=day if len(days) == 1 else None, instance=self.instance,
                                                 raise_on_error=False, run_config=self.config, tags=tags)
        if not result.success:
            failed = [f"{e.step_key}: {root_cause(e)}" for e in result.all_events if e.is_step_failure]
            raise RunFailed(f"{self.job.name} failed for {describe_spans([(days[0], days[-1])])} "
                            f"(steps: {'; '.join(failed) or '?'}); run id {result.run_id}, see the Dagster UI")
        return result.run_id


@contextmanager
def job_runner(job_name: str, paths: DataPaths, sources: Path, *, home: Path | None = None) -> Iterator[JobRunner]:
    """Open the persistent instance and resolve a job, for :meth:`JobRunner.run` per day.

    Args:
        job_name: A job of :data:`pipelines.definitions.defs`.
        paths: Data directory layout, passed to the runs as resource config.
        sources: Sources registry file, passed likewise.
        home: ``DAGSTER_HOME`` folder (see :func:`prepare_dagster_home`).

    Yields:
        The runner; the instance is closed on exit.
    """
    prepare_dagster_home(home)
    # Dagster flags backfill policies and Pipes internals as beta/preview when the definitions
    # load and on every run; the terminal is for progress, not for API maturity notes.
    warnings.filterwarnings("ignore", category=dg.BetaWarning)
    warnings.filterwarnings("ignore", category=dg.PreviewWarning)
    from pipelines.definitions import defs

    level = None if CRAWL_LOG_LEVEL_ENV in os.environ else CLI_CRAWL_LOG_LEVEL
    config = run_config(paths, sources, crawl_log_level=level)
    job = defs.resolve_job_def(job_name)
    with dg.DagsterInstance.get() as instance:
        yield JobRunner(job, instance, paths, config)


def root_cause(event: dg.DagsterEvent) -> str:
    """First line of the innermost error of a step-failure event, e.g. ``OSError: [Errno 28] ...``."""
    error = event.step_failure_data.error
    while error is not None and error.cause is not None:
        error = error.cause
    return error.message.strip().splitlines()[0] if error is not None and error.message.strip() else "?"
