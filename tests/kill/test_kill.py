"""kill -9 at every stage, then rerun the partition: the warehouse equals a clean run's.

One clean reference run (two demo sites, one day; ``conftest.world``) is shared by the session.
Each case starts from a fresh data directory, runs the real ``wirearchive`` command with
``WIREARCHIVE_KILLPOINT`` set (or kills the run from outside at a chosen moment), asserts the run
died, reruns the partition without the kill, and compares:

* crawl-stage kills rerun ``wirearchive run`` (crawl included) and compare by stable keys: a
  re-crawl gives new capture ids, hence new article and story ids (see ``kit.stable_view``);
* later kills start from the reference's archive, rerun ``wirearchive reprocess`` and compare every
  table exactly, ids included (the archive is the same, so the result must be too).

Both also check readability of every WARC file, uniqueness, manifests, the catalog
(``kit.check_integrity``) and that nothing committed before the kill was lost.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.kill import killkit as kit
from warehouse.writer import read_partition
from wirearchive.config import DataPaths, data_paths
from wirearchive.faults import ENV, all_points

pytestmark = pytest.mark.kill


def _argv(world: dict, command: str, paths: DataPaths) -> list[str]:
    return [command, world["day"], "--sources", str(world["sources"]), "--data-dir", str(paths.root)]


def _kill_then_rerun(
    world: dict,
    paths: DataPaths,
    command: str,
    point: str | None,
    kill_when: Callable[[int], bool] | None = None,
    after_kill: Callable[[DataPaths], None] | None = None,
) -> tuple[kit.Run, set[str]]:
    env = world["env"] | ({ENV: point} if point else {})
    killed = kit.run_cli(
        _argv(world, command, paths), env, paths.root.parent / f"{paths.root.name}-killed.log", kill_when=kill_when
    )
    committed = kit.committed_captures(paths, world["day"])
    if after_kill is not None:
        after_kill(paths)
    rerun = kit.run_cli(_argv(world, command, paths), world["env"], paths.root.parent / f"{paths.root.name}-rerun.log")
    assert rerun.exitcode == 0, rerun.log
    return killed, committed


def _crawl_running(paths: DataPaths, day: str) -> Callable[[int], bool]:
    """True once the crawl subprocess has archived its first exchanges (a WARC file is open)."""
    return lambda _pid: any(paths.archive_partition(day).glob("*.warc.gz.open"))


def _tear(paths: DataPaths) -> None:
    """Cut the last 100 bytes off the killed crawl's open WARC file, tearing its final record.

    A kill point sits between records (warcio hands each whole record to the kernel), so this
    makes the tear that a kill landing inside ``write_record``, or a power cut, leaves.
    """
    (open_file,) = paths.archive.glob("date=*/*.warc.gz.open")
    os.truncate(open_file, open_file.stat().st_size - 100)


def _has_children(pid: int) -> bool:
    """True once process ``pid`` has child processes (the run's extraction pool in a reprocess)."""
    tasks = Path(f"/proc/{pid}/task")
    try:
        return any((t / "children").read_text().split() for t in tasks.iterdir())
    except OSError:
        return False


def _assert_died(case: str, run: kit.Run) -> None:
    """The process the kill point (or the test) targeted died of SIGKILL, and the run with it."""
    if case.startswith("crawl."):
        # The crawl subprocess died; the run worker saw it and failed the step.
        assert run.exitcode == 2 and "External execution process failed with code -9" in run.log, run.log[-3000:]
    else:
        assert run.killed, f"the run was not killed at {case} (exit code {run.exitcode}):\n{run.log[-3000:]}"


CRAWL_CASES = [
    "crawl.started",
    "crawl.response@5",
    "crawl.response@25",
    "crawl.warc_between_records@15",
    "crawl.response@25+torn-tail",
    "crawl.chunk_flushed@2",
    "crawl.parquet_before_replace@1",
    "crawl.warc_before_rename@1",
    "crawl.finished",
    "captures.before_publish",
    "external:run-worker-during-crawl",
]


@pytest.mark.parametrize("case", CRAWL_CASES)
def test_kill_crawl_stage_then_rerun(world: dict, tmp_path: Path, case: str) -> None:
    """A run killed while crawling reruns to the clean run's warehouse; committed captures survive."""
    paths = data_paths(tmp_path / "data")
    day = world["day"]
    if case.startswith("external:"):
        killed, committed = _kill_then_rerun(world, paths, "run", None, kill_when=_crawl_running(paths, day))
    elif case.endswith("+torn-tail"):
        killed, committed = _kill_then_rerun(world, paths, "run", case.removesuffix("+torn-tail"), after_kill=_tear)
    else:
        killed, committed = _kill_then_rerun(world, paths, "run", case)
    _assert_died(case, killed)
    torn = kit.check_integrity(paths, day)
    if case.endswith("+torn-tail"):
        assert len(torn) == 1 and "torn record" in torn[0], torn
    assert kit.stable_view(paths, day) == world["stable"]
    published = set(read_partition(paths, "captures", day)["capture_id"].to_pylist())
    assert committed <= published, "capture rows committed before the kill were lost"
    assert not kit.reader_visible_temp_files(paths)
    assert not kit.leftovers(paths), "the rerun did not clear the crashed run's work files"


REPROCESS_CASES = [
    ("extract.before_publish", "archive"),
    ("extract.between_tables", "archive"),
    ("stories.signatures_written", "archive"),
    ("stories.before_publish", "archive"),
    ("publish.tmp_written@1", "archive"),
    ("publish.version_linked@2", "archive"),
    ("publish.data_replaced@1", "archive"),
    ("publish.data_replaced@3", "published"),  # story_members (signatures are reused)
    ("publish.manifest_replaced@3", "archive"),
    ("catalog.half_built", "archive"),
    ("catalog.before_swap", "published"),
    ("catalog.after_swap", "archive"),
    ("external:run-worker-during-extraction", "archive"),
]


@pytest.mark.parametrize(("case", "start"), REPROCESS_CASES)
def test_kill_processing_stage_then_rerun(world: dict, tmp_path: Path, case: str, start: str) -> None:
    """A reprocess killed after the crawl reruns to exactly the reference tables, ids included.

    ``start="archive"``: only the archive and its published capture index exist (first processing);
    ``start="published"``: the reference's whole warehouse and catalog exist (a republish).
    """
    ref: DataPaths = world["ref"]
    paths = kit.copy_data(ref, tmp_path / "data", warehouse_tables=("captures",) if start == "archive" else None)
    archive_before = {p: p.read_bytes() for p in sorted(paths.archive.rglob("*")) if p.is_file()}
    if case.startswith("external:"):
        killed, _ = _kill_then_rerun(world, paths, "reprocess", None, kill_when=_has_children)
    else:
        killed, _ = _kill_then_rerun(world, paths, "reprocess", case)
    _assert_died(case, killed)
    kit.check_integrity(paths, world["day"])
    assert kit.exact_view(paths, world["day"]) == world["exact"]
    assert kit.catalog_counts(paths) == kit.catalog_counts(ref)
    after = {p: p.read_bytes() for p in sorted(paths.archive.rglob("*")) if p.is_file()}
    assert after == archive_before, "reprocessing changed the archive"
    assert not kit.reader_visible_temp_files(paths)
    assert not kit.leftovers(paths), "the rerun did not clear the crashed run's work files"


def test_kill_extraction_worker_is_isolated_then_rerun(world: dict, tmp_path: Path) -> None:
    """A worker killed mid-batch costs the run only the pages it held; the rerun restores them.

    ``extract.worker@3`` kills every extraction process at its third page, so the pool breaks and
    the isolation retries lose one page per fresh worker: the run survives, with ``worker_crash``
    failure rows, and the rerun without the kill gives the reference tables exactly.
    """
    ref: DataPaths = world["ref"]
    paths = kit.copy_data(ref, tmp_path / "data", warehouse_tables=("captures",))
    env = world["env"] | {ENV: "extract.worker@3"}
    crashed = kit.run_cli(_argv(world, "reprocess", paths), env, tmp_path / "crashed.log")
    assert crashed.exitcode == 0, crashed.log
    reasons = read_partition(paths, "failures", world["day"])["reason"].to_pylist()
    assert "worker_crash" in reasons, "no extraction worker was killed"
    rerun = kit.run_cli(_argv(world, "reprocess", paths), world["env"], tmp_path / "rerun.log")
    assert rerun.exitcode == 0, rerun.log
    kit.check_integrity(paths, world["day"])
    assert kit.exact_view(paths, world["day"]) == world["exact"]


def test_kill_points_are_all_placed() -> None:
    """Every kill point listed in ``wirearchive.faults`` is called exactly once in the source."""
    root = Path(__file__).resolve().parents[2]
    sources = [p for d in ("wirearchive", "spiders", "assets", "warehouse") for p in (root / d).rglob("*.py")]
    text = "\n".join(p.read_text(encoding="utf-8") for p in sources)
    for name in all_points():
        assert text.count(f'killpoint("{name}")') == 1, name
    assert len(all_points()) >= 20
