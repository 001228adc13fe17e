"""End-to-end fault tests: one real nightly run over the fault site's day, one test per fault kind.

The run (``wirearchive run`` as a subprocess: Dagster job, Scrapy crawl subprocess, extraction,
dedupe, DuckDB catalog) is shared by every test of this module; each test then reads the catalog
the way an operator would (see ``testkit.faults`` for the SQL per kind).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from testkit.faults import FAULTS, FaultRun, Verdict, fault_table, good_articles_landed, judge, run_fault_day

pytestmark = pytest.mark.e2e

# Known shortcomings, kept visible as strict xfails (a fix turns one into a failure to update).
KNOWN: dict[str, str] = {}


@pytest.fixture(scope="module")
def fault_run(tmp_path_factory: pytest.TempPathFactory) -> FaultRun:
    return run_fault_day(tmp_path_factory.mktemp("faults"))


@pytest.fixture(scope="module")
def verdicts(fault_run: FaultRun) -> dict[str, Verdict]:
    return {v.kind: v for v in judge(fault_run)}


def test_fault_run_finishes(fault_run: FaultRun) -> None:
    assert fault_run.exit_code == 0, fault_run.output[-3000:]
    assert "Traceback" not in fault_run.output


def test_fault_good_articles_land(fault_run: FaultRun) -> None:
    with duckdb.connect(str(fault_run.catalog), read_only=True) as con:
        assert good_articles_landed(con, fault_run.day) == []


def test_fault_catalog_has_at_least_15_kinds() -> None:
    assert len({f.name for f in FAULTS}) == len(FAULTS) >= 15


@pytest.mark.parametrize(
    "kind",
    [
        pytest.param(f.name, marks=pytest.mark.xfail(reason=KNOWN[f.name], strict=True)) if f.name in KNOWN else f.name
        for f in FAULTS
    ],
)
def test_fault_kind_survived_and_recorded(verdicts: dict[str, Verdict], kind: str) -> None:
    verdict = verdicts[kind]
    assert (verdict.survived, verdict.recorded) == (True, True), verdict.how


def test_fault_ssrf_target_never_contacted(fault_run: FaultRun) -> None:
    # The refused address is loopback too: only the guard's verdict shows it was never connected to.
    with duckdb.connect(str(fault_run.catalog), read_only=True) as con:
        rows = con.execute(
            "select status, error, warc_file from captures where url like 'http://127.0.0.2:%'"
        ).fetchall()
    assert rows == [(None, "ssrf_blocked", None)]


def test_fault_table_lists_every_kind(verdicts: dict[str, Verdict], capsys: pytest.CaptureFixture[str]) -> None:
    table = fault_table(list(verdicts.values()))
    with capsys.disabled():
        print("\n" + table)
    assert [line.split(" | ")[0].strip() for line in table.splitlines()[2:-1]] == [f.name for f in FAULTS]


def test_fault_run_leaves_nothing_half_written(fault_run: FaultRun) -> None:
    leftovers = [
        p.name for p in fault_run.data_dir.rglob("*") if p.name.endswith((".tmp", ".open")) or ".part-" in p.name
    ]
    assert leftovers == []


@pytest.mark.root  # mounts a tmpfs in a private mount namespace (unshare -m)
def test_fault_full_disk_reprocess_keeps_published_partitions(fault_run: FaultRun, tmp_path: Path) -> None:
    # The run's data on a tmpfs filled to the last byte, then reprocess_job: extraction's write fails.
    data = tmp_path / "data"
    data.mkdir()
    script = (
        'mount -t tmpfs -o size=16m tmpfs "$D" || exit 99; cp -a "$SRC/." "$D/"; '
        'find "$D" -type f ! -name "*.lock" -printf "%P %s\\n" | sort > "$OUT.before"; '
        'dd if=/dev/zero of="$D/filler" bs=4k 2>/dev/null; "$@"; rc=$?; '
        'find "$D" -type f ! -name "*.lock" ! -name filler -printf "%P %s\\n" | sort > "$OUT.after"; exit $rc'
    )
    env = {
        **os.environ,
        "D": str(data),
        "SRC": str(fault_run.data_dir),
        "OUT": str(tmp_path / "files"),
        "DAGSTER_HOME": str(tmp_path / "home"),
    }
    done = subprocess.run(
        [
            "unshare",
            "-m",
            "--propagation",
            "private",
            "sh",
            "-c",
            script,
            "sh",
            sys.executable,
            "-m",
            "wirearchive.cli",
            "reprocess",
            fault_run.day,
            "--sources",
            str(fault_run.sources_path),
            "--data-dir",
            str(data),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 2, done.stdout[-2000:]
    [line] = [line for line in done.stdout.splitlines() if line.startswith("error:")]
    assert f"reprocess_job failed for {fault_run.day} (steps: articles: OSError: [Errno 28]" in line, line
    assert "No space left on device" in line
    # Every published file is still there, byte for byte the same size; no temp file was left.
    assert (tmp_path / "files.after").read_text() == (tmp_path / "files.before").read_text()
