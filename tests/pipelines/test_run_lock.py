"""A run launched as the UI and the daemon launch them holds its partition lock for the whole run."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest

from tests.pipelines.lockprobe import OUT_ENV, probe_job


def test_a_launched_run_holds_one_lock_from_first_step_to_last(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "steps.txt"
    monkeypatch.setenv(OUT_ENV, str(out))
    monkeypatch.setenv("WIREARCHIVE_DATA_DIR", str(tmp_path / "data"))
    with dg.instance_for_test() as instance:
        # execute_job over a reconstructable job: the job's own executor decides where steps run,
        # as for a run the webserver or daemon launches (unlike execute_in_process).
        result = dg.execute_job(
            dg.reconstructable(probe_job), instance=instance, tags={"dagster/partition": "2026-01-12"}
        )
        assert result.success
    steps = out.read_text(encoding="utf-8").splitlines()
    assert len(steps) == 2
    # Both steps in one process, under the same open lock handle: it was never released between them.
    assert len(set(steps)) == 1 and "None" not in steps[0], steps
    assert (tmp_path / "data" / "state" / "locks" / "partition-2026-01-12.lock").is_file()
