"""Dagster on PostgreSQL: deploy/dagster.postgres.yaml against a real PostgreSQL cluster.

The operator's commands, each its own process sharing only $DAGSTER_HOME and the database:
``wirearchive run`` (the nightly job for a demo day), ``dagster schedule stop`` (schedule
storage), ``dagster job backfill`` (a backfill of ``reprocess_job`` over that day, queued) and
``dagster-daemon run`` (dequeues and launches the backfill's runs). The run history is then read
back through a fresh instance and straight from the database.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import psycopg2
import pytest
from dagster._core.scheduler.instigation import InstigatorStatus
from dagster._core.storage.dagster_run import DagsterRunStatus, RunsFilter

from demoworld.server import serve_demo_world
from tests.scale.servers import postgres_server

pytestmark = pytest.mark.servers

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
# One demo day keeps the test near a minute (each daemon-launched run spends ~5 s per step starting
# its process); --from/--to make the backfill a range all the same.
DAYS = ("2026-01-12",)
FINISHED = {DagsterRunStatus.SUCCESS, DagsterRunStatus.FAILURE, DagsterRunStatus.CANCELED}
DAEMON_TIMEOUT_S = 300
SCHEDULE = "nightly_job_schedule"


def run(cmd: list[str], env: dict[str, str]) -> str:
    """Run one operator command to completion; its output on success."""
    done = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{cmd} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    return done.stdout


def wait_for_runs(instance: dg.DagsterInstance, backfill_id: str, count: int) -> list[dg.DagsterRun]:
    """The backfill's runs, once ``count`` of them have finished."""
    deadline = time.monotonic() + DAEMON_TIMEOUT_S
    while time.monotonic() < deadline:
        runs = instance.get_runs(RunsFilter(tags={"dagster/backfill": backfill_id}))
        if len(runs) == count and all(r.status in FINISHED for r in runs):
            return runs
        time.sleep(1)
    raise AssertionError(f"backfill runs not finished in {DAEMON_TIMEOUT_S} s: {[(r.run_id, r.status) for r in runs]}")


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """Nightly runs, a started schedule and a daemon-run backfill, all on PostgreSQL."""
    tmp = tmp_path_factory.mktemp("dagster_pg")
    home = tmp / "dagster_home"
    home.mkdir()
    shutil.copyfile(REPO / "deploy" / "dagster.postgres.yaml", home / "dagster.yaml")
    with postgres_server() as pg, serve_demo_world(tmp / "demo") as demo:
        env = (
            os.environ
            | pg
            | {
                "DAGSTER_HOME": str(home),
                "WIREARCHIVE_SOURCES": str(demo.sources_path),
                "WIREARCHIVE_DATA_DIR": str(tmp / "data"),
                "PYTHONPATH": str(REPO),
            }
        )
        run([str(BIN / "wirearchive"), "run", DAYS[0], DAYS[-1]], env)
        # On by default in code; stopping it is the operator's change that schedule storage keeps.
        run([str(BIN / "dagster"), "schedule", "stop", SCHEDULE, "-m", "pipelines.definitions"], env)
        out = run(
            [
                str(BIN / "dagster"),
                "job",
                "backfill",
                "-m",
                "pipelines.definitions",
                "-j",
                "reprocess_job",
                "--from",
                DAYS[0],
                "--to",
                DAYS[-1],
                "--noprompt",
            ],
            env,
        )
        backfill_id = out.strip().split("`")[-2]
        os.environ.update(pg)  # the instance below reads its credentials from the environment
        try:
            with (tmp / "daemon.log").open("wb") as daemon_log:
                daemon = subprocess.Popen(
                    [str(BIN / "dagster-daemon"), "run", "-m", "pipelines.definitions"],
                    cwd=REPO,
                    env=env,
                    stdout=daemon_log,
                    stderr=subprocess.STDOUT,
                )
            try:
                with dg.DagsterInstance.from_config(str(home)) as instance:
                    backfill_runs = wait_for_runs(instance, backfill_id, len(DAYS))
            finally:
                daemon.terminate()
                daemon.wait(timeout=60)
            with dg.DagsterInstance.from_config(str(home)) as instance:  # a fresh reader
                yield {
                    "runs": instance.get_runs(),
                    "backfill_id": backfill_id,
                    "backfill_runs": backfill_runs,
                    "backfills": instance.get_backfills(),
                    "schedules": {s.name: s.status for s in instance.all_instigator_state()},
                    "storage": type(instance.run_storage).__module__,
                    "db_runs": _db_count(pg, "select count(*) from runs"),
                    "home_files": sorted(p.name for p in home.iterdir()),
                }
        finally:
            for key in pg:
                os.environ.pop(key, None)


def _db_count(pg: dict[str, str], sql: str) -> int:
    con = psycopg2.connect(
        host=pg["DAGSTER_PG_HOST"],
        port=pg["DAGSTER_PG_PORT"],
        dbname=pg["DAGSTER_PG_DB"],
        user=pg["DAGSTER_PG_USERNAME"],
        password=pg["DAGSTER_PG_PASSWORD"],
    )
    try:
        with con.cursor() as cur:
            cur.execute(sql)
            return cur.fetchone()[0]
    finally:
        con.close()


def test_runs_are_stored_in_postgres(history: dict) -> None:
    assert history["storage"].startswith("dagster_postgres")
    assert history["db_runs"] == len(DAYS) * 2  # nightly runs, backfill runs
    assert "history" not in history["home_files"]  # no sqlite run storage beside it


def test_nightly_runs_read_back(history: dict) -> None:
    nightly = [r for r in history["runs"] if r.job_name == "nightly_job"]
    assert sorted(r.tags["dagster/partition"] for r in nightly) == list(DAYS)
    assert {r.status for r in nightly} == {DagsterRunStatus.SUCCESS}


def test_backfill_read_back(history: dict) -> None:
    assert [b.backfill_id for b in history["backfills"]] == [history["backfill_id"]]
    runs = history["backfill_runs"]
    assert sorted(r.tags["dagster/partition"] for r in runs) == list(DAYS)
    assert {r.job_name for r in runs} == {"reprocess_job"}
    assert {r.status for r in runs} == {DagsterRunStatus.SUCCESS}


def test_schedule_state_read_back(history: dict) -> None:
    assert history["schedules"][SCHEDULE] == InstigatorStatus.STOPPED
