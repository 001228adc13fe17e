"""Two runs of one partition at once are serialized, and a killed holder leaves no stale lock."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import time
from pathlib import Path

import dagster as dg
import pytest

from assets.resources import run_partition_days
from tests.kill import killkit as kit
from wirearchive.config import data_paths
from wirearchive.locks import LockTimeout, hold, lock_dir, partition_lock

pytestmark = pytest.mark.kill

_fork = multiprocessing.get_context("fork")


def _hold_forever(data_dir: str, ready: multiprocessing.synchronize.Event) -> None:
    with partition_lock(data_paths(data_dir), ["2026-01-12"], "test holder", timeout=0):
        ready.set()
        time.sleep(600)


def test_kill_lock_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    """A second taker is refused while the holder lives and gets the lock the moment it is killed."""
    paths = data_paths(tmp_path)
    ready = _fork.Event()
    holder = _fork.Process(target=_hold_forever, args=(str(tmp_path), ready))
    holder.start()
    try:
        assert ready.wait(30)
        with pytest.raises(LockTimeout, match=f"pid {holder.pid}: test holder"):
            with partition_lock(paths, ["2026-01-12"], "second", timeout=0.3):
                pass
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.join()
    assert holder.exitcode == -signal.SIGKILL
    with partition_lock(paths, ["2026-01-12", "2026-01-11"], "after the kill", timeout=0):
        lock = lock_dir(paths) / "partition-2026-01-12.lock"
        assert lock.read_text(encoding="utf-8").startswith(f"pid {os.getpid()}: after the kill")
        with hold(lock, "nested", timeout=0):  # re-entrant in the holding process
            pass


def _step_windows() -> dict[str, tuple[float, float]]:
    """Per run of the instance in ``$DAGSTER_HOME``: the times of its first and last step events."""
    windows = {}
    with dg.DagsterInstance.get() as instance:
        for run in instance.get_runs():
            stamps = [e.timestamp for e in instance.all_logs(run.run_id) if e.is_dagster_event and e.dagster_event.is_step_event]
            windows[run.run_id] = (min(stamps), max(stamps))
    return windows


def test_kill_guard_two_runs_of_one_partition_are_serialized(
    world: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two ``wirearchive run`` of the same day started together both succeed, one after the other.

    The second waits on the partition lock before its first step, so the step windows of the two
    runs do not overlap, no URL is fetched twice, and the warehouse equals the reference's.
    """
    paths = data_paths(tmp_path / "data")
    env = world["env"] | {"DAGSTER_HOME": str(tmp_path / "dagster")}
    argv = ["run", world["day"], "--sources", str(world["sources"]), "--data-dir", str(paths.root)]
    # Create the instance's storage first: two processes creating a fresh sqlite instance at the same
    # moment race in Dagster's schema migration (alembic "more than one head"), lock or no lock.
    home = Path(env["DAGSTER_HOME"])
    home.mkdir()
    shutil.copyfile(Path(__file__).resolve().parents[2] / "deploy" / "dagster.yaml", home / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    dg.DagsterInstance.get().dispose()
    first = kit.start_cli(argv, env, tmp_path / "first.log")
    second = kit.start_cli(argv, env, tmp_path / "second.log")
    for proc in (first, second):
        proc.join(kit.RUN_TIMEOUT_S)
    assert first.exitcode == 0, (tmp_path / "first.log").read_text()
    assert second.exitcode == 0, (tmp_path / "second.log").read_text()
    (a_start, a_end), (b_start, b_end) = sorted(_step_windows().values())
    assert a_end <= b_start, "the two runs' steps interleaved"
    kit.check_integrity(paths, world["day"])
    assert kit.stable_view(paths, world["day"]) == world["stable"]


def test_kill_guard_locks_every_day_of_a_single_run_backfill() -> None:
    """A single-run backfill locks each day of its range; a one-partition run its day; others none."""
    tags = {"dagster/asset_partition_range_start": "2026-01-12", "dagster/asset_partition_range_end": "2026-01-14"}
    assert run_partition_days(tags) == ["2026-01-12", "2026-01-13", "2026-01-14"]
    assert run_partition_days({"dagster/partition": "2026-01-12"}) == ["2026-01-12"]
    assert run_partition_days({}) == []
