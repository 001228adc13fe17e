"""Running jobs in this process, one partition at a time: what the ``wirearchive`` CLI does.

Runs go to the persistent Dagster instance of ``$DAGSTER_HOME`` (default: the data directory's
``state/dagster``, one instance per data directory, seeded with the project's ``dagster.yaml``),
so they show in the UI afterwards. Where the data lives and
which registry to read reach the ``wirearchive`` resource as resource config in the run config
(visible on the run in the UI), not through environment variables. The one variable set here is
``DAGSTER_HOME`` itself: it is Dagster's own contract, and ``dagster.yaml`` reads its storage folder
from it (``base_dir: {env: DAGSTER_HOME}``), as ``dagster dev`` does with the same file.

Each run holds the partition lock of its day (:mod:`wirearchive.locks`); runs of that day left
unfinished by a killed CLI process are recorded as failed first (:mod:`pipelines.recovery`).
While a run goes, its events reach a callback (:data:`STAGES` names the steps as the terminal
shows them) and its closing counts are read from its materializations (:class:`DayRun`).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dagster as dg

from assets.resources import CRAWL_LOG_LEVEL_ENV
from pipelines.compat import add_run_event_listener
from pipelines.recovery import cli_run_tags, reap_dead_runs
from wirearchive.config import DataPaths
from wirearchive.locks import partition_lock

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The embedded instance config copied into every new DAGSTER_HOME (see its header).
INSTANCE_YAML = PROJECT_ROOT / "dagster.yaml"
DAGSTER_HOME_ENV = "DAGSTER_HOME"
# Runs log to the Dagster instance (visible in the UI); the terminal shows progress and warnings.
QUIET_LOGS = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}
# The crawl subprocess's Scrapy log level under the CLI, unless $WIREARCHIVE_LOG_LEVEL says otherwise.
CLI_CRAWL_LOG_LEVEL = "WARNING"
# Step (asset) -> the stage name the terminal shows, in run order.
STAGES = {"captures": "crawl", "articles": "extract", "story_members": "stories", "catalog": "publish"}
# Closing counts of a run: name -> (asset, metadata key) of the materialization holding it.
COUNTS = {
    "fetched": ("captures", "dagster/row_count"),
    "pages": ("articles", "attempted"),
    "articles": ("articles", "dagster/row_count"),
    "failures": ("articles", "failures"),
    "stories": ("story_members", "stories"),
}


class RunFailed(Exception):
    """A run did not succeed; the message names the day, the failed steps and their root causes."""


def default_dagster_home(paths: DataPaths) -> Path:
    """The Dagster instance folder of a data directory: ``$DAGSTER_HOME`` if set, else ``<data>/state/dagster``.

    One instance per data directory, so runs on another data directory never mark partitions
    materialized that this warehouse does not hold.

    Args:
        paths: Data directory layout.

    Returns:
        The folder (not created).
    """
    return Path(os.environ.get(DAGSTER_HOME_ENV) or paths.state / "dagster")


def prepare_dagster_home(home: Path) -> Path:
    """Point ``DAGSTER_HOME`` at a folder holding the project's ``dagster.yaml``.

    Args:
        home: Folder to use (see :func:`default_dagster_home`).

    Returns:
        The folder (absolute).
    """
    chosen = Path(home)
    chosen = chosen.resolve()
    chosen.mkdir(parents=True, exist_ok=True)
    target = chosen / "dagster.yaml"
    if not target.exists():
        shutil.copyfile(INSTANCE_YAML, target)
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
class DayRun:
    """What one run of a day did.

    Attributes:
        day: Partition key.
        run_id: The Dagster run id.
        counts: Closing counts by name of :data:`COUNTS` (those whose step ran).
    """

    day: str
    run_id: str
    counts: dict[str, int] = field(default_factory=dict)


# A stage callback: (day, stage of STAGES, finished?).
StageCallback = Callable[[str, str, bool], None]


def _int_metadata(entry: dg.EventLogEntry) -> tuple[str, dict[str, int]] | None:
    """The asset name and integer metadata of a materialization event, else None."""
    event = entry.dagster_event
    if event is None or not event.is_step_materialization:
        return None
    materialization = event.step_materialization_data.materialization
    values = {
        k: v.value
        for k, v in materialization.metadata.items()
        if isinstance(v, dg.IntMetadataValue) and v.value is not None
    }
    return materialization.asset_key.to_user_string(), values


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

    @property
    def stages(self) -> list[str]:
        """The stages of :data:`STAGES` this job runs, in order."""
        steps = {node.name for node in self.job.graph.nodes}
        return [stage for step, stage in STAGES.items() if step in steps]

    def run(self, day: str, on_stage: StageCallback | None = None) -> DayRun:
        """Run the job for one partition day.

        Args:
            day: Partition key.
            on_stage: Called as each stage starts and as it succeeds.

        Returns:
            The run and its closing counts.

        Raises:
            RunFailed: The run failed.
        """
        run_id = str(uuid.uuid4())  # chosen here, so the listener is in place before the run starts
        outcome = DayRun(day, run_id)
        values: dict[str, dict[str, int]] = {}

        def listen(entry: dg.EventLogEntry) -> None:
            event = entry.dagster_event
            if event is not None and on_stage is not None and event.step_key in STAGES:
                if event.is_step_start or event.is_step_success:
                    on_stage(day, STAGES[event.step_key], event.is_step_success)
            found = _int_metadata(entry)
            if found is not None:
                values[found[0]] = found[1]

        add_run_event_listener(self.instance, run_id, listen)
        with partition_lock(self.paths, [day], f"wirearchive {self.job.name}"):  # see wirearchive.locks
            reap_dead_runs(self.instance, [day])
            result = self.job.execute_in_process(
                partition_key=day,
                instance=self.instance,
                raise_on_error=False,
                run_config=self.config,
                tags=cli_run_tags(),
                run_id=run_id,
            )
        if not result.success:
            failed = [f"{e.step_key}: {root_cause(e)}" for e in result.all_events if e.is_step_failure]
            raise RunFailed(
                f"{self.job.name} failed for {day} (steps: {'; '.join(failed) or '?'}); "
                f"run id {result.run_id}, see the Dagster UI"
            )
        outcome.counts = {
            name: values[asset][key] for name, (asset, key) in COUNTS.items() if key in values.get(asset, {})
        }
        return outcome


@contextmanager
def job_runner(job_name: str, paths: DataPaths, sources: Path, *, home: Path | None = None) -> Iterator[JobRunner]:
    """Open the persistent instance and resolve a job, for :meth:`JobRunner.run` per day.

    Args:
        job_name: A job of :data:`pipelines.definitions.defs`.
        paths: Data directory layout, passed to the runs as resource config.
        sources: Sources registry file, passed likewise.
        home: ``DAGSTER_HOME`` folder; default :func:`default_dagster_home` of ``paths``.

    Yields:
        The runner; the instance is closed on exit.
    """
    prepare_dagster_home(home or default_dagster_home(paths))
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
