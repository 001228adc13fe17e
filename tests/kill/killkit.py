"""Crash-test kit: run the real CLI in a forked process, kill it, and compare warehouses.

Runs are ``wirearchive.cli.main`` in a child forked from the test process (imports already warm,
so a run costs its work, not Dagster's import time); the child is a real process, so
``SIGKILL`` -- from a kill point or from the test -- ends it as abruptly as the OOM killer.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq

from warehouse.writer import MANIFEST_NAME, file_facts, list_partitions, read_manifest, read_partition
from wirearchive.archive import OPEN_SUFFIX, iter_responses, read_captures, read_payload
from wirearchive.config import DataPaths, data_paths

# Environment every run of the kill tests gets: small capture-index chunks and WARC files, so the
# crawl of a tiny world still flushes parts and rotates files mid-crawl (kill points there).
CRAWL_ENV = {"WIREARCHIVE_CHUNK_ROWS": "10", "WIREARCHIVE_WARC_MAX_BYTES": "30000", "WIREARCHIVE_LOG_LEVEL": "WARNING"}
RUN_TIMEOUT_S = 240.0

_fork = multiprocessing.get_context("fork")


@dataclass
class Run:
    """How a CLI run ended.

    Attributes:
        exitcode: The process exit code; ``-9`` when it was killed with ``SIGKILL``.
        log: Its stdout and stderr.
    """

    exitcode: int
    log: str

    @property
    def killed(self) -> bool:
        """Whether the run died of ``SIGKILL``."""
        return self.exitcode == -signal.SIGKILL


def _child(argv: list[str], env: dict[str, str], log_path: str) -> None:
    from wirearchive import cli

    fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    sys.stdout = open(1, "w", closefd=False)
    sys.stderr = open(2, "w", closefd=False)
    os.environ.clear()
    os.environ.update(env)
    raise SystemExit(cli.main(argv))


def start_cli(argv: list[str], env: Mapping[str, str], log_path: Path) -> multiprocessing.process.BaseProcess:
    """Start ``wirearchive <argv>`` in a forked child with exactly ``env`` as its environment."""
    proc = _fork.Process(target=_child, args=(argv, dict(env), str(log_path)), daemon=False)
    proc.start()
    return proc


def run_cli(
    argv: list[str],
    env: Mapping[str, str],
    log_path: Path,
    *,
    kill_when: Callable[[int], bool] | None = None,
) -> Run:
    """Run ``wirearchive <argv>`` to its end, or ``SIGKILL`` it once ``kill_when()`` is true.

    Args:
        argv: CLI arguments.
        env: The child's whole environment.
        log_path: Where its output goes.
        kill_when: Polled with the run's pid every 20 ms while it lives; the run is killed when
            it returns true.

    Returns:
        How the run ended.
    """
    proc = start_cli(argv, env, log_path)
    deadline = time.monotonic() + RUN_TIMEOUT_S
    while proc.is_alive() and time.monotonic() < deadline:
        if kill_when is not None and kill_when(proc.pid):
            os.kill(proc.pid, signal.SIGKILL)
            break
        proc.join(0.02)
    proc.join(RUN_TIMEOUT_S)
    assert proc.exitcode is not None, f"run {argv} did not end within {RUN_TIMEOUT_S} s"
    return Run(proc.exitcode, log_path.read_text(errors="replace"))


def copy_data(src: DataPaths, dest: Path, *, warehouse_tables: tuple[str, ...] | None) -> DataPaths:
    """Copy a data directory's archive and some (``None``: all) of its published tables and catalog."""
    out = data_paths(dest)
    shutil.copytree(src.archive, out.archive)
    if warehouse_tables is None:
        shutil.copytree(src.warehouse, out.warehouse)
        shutil.copy2(src.catalog, out.catalog)
    else:
        for table in warehouse_tables:
            shutil.copytree(src.warehouse / table, out.warehouse / table)
    return out


def committed_captures(paths: DataPaths, day: str) -> set[str]:
    """Capture ids durably committed to the archive: published capture indexes and flushed parts."""
    folder = paths.archive_partition(day)
    files = [*folder.glob("captures-*.parquet"), *folder.glob(".captures-*.part-*.parquet")]
    return {cid for f in files for cid in pq.read_table(f, columns=["capture_id"])["capture_id"].to_pylist()}


def _table(paths: DataPaths, table: str, day: str) -> list[dict[str, Any]]:
    data = read_partition(paths, table, day)
    assert data is not None, f"{table} {day} is not published"
    return data.to_pylist()


def stable_view(paths: DataPaths, day: str) -> dict[str, Any]:
    """The warehouse of one day, minus what legitimately differs between two crawls of the same world.

    A crawl gives every capture a new id (the WARC-Record-ID), articles and stories take their ids
    from it, and fetch times differ; the view keys everything by URL instead. Relations inside a
    story are left out: when an article and its update share ``published_at``, dedupe orders them
    by ``article_id``, so which is "original" differs between two clean crawls too.

    Returns:
        ``articles`` (url -> row without ids and fetch time), ``failures`` (multiset),
        ``stories`` (the set of stories as sets of member URLs), ``article_captures`` (url -> count
        of 200 article captures), and ``other_captures`` (distinct url/kind/status of the rest).
    """
    articles = _table(paths, "articles", day)
    url_of = {a["article_id"]: a["url"] for a in articles}
    drop = {"article_id", "capture_id", "fetched_at"}
    members = _table(paths, "story_members", day)
    groups: dict[str, set[str]] = {}
    for m in members:
        groups.setdefault(m["story_id"], set()).add(url_of[m["article_id"]])
    captures = _table(paths, "captures", day)
    return {
        "articles": {a["url"]: {k: v for k, v in a.items() if k not in drop} for a in articles},
        "failures": Counter((f["stage"], f["url"], f["reason"]) for f in _table(paths, "failures", day)),
        "stories": {frozenset(g) for g in groups.values()},
        "article_captures": Counter(c["url"] for c in captures if c["kind"] == "article" and c["status"] == 200),
        "other_captures": {(c["url"], c["kind"], c["status"]) for c in captures if c["kind"] != "article"},
    }


def exact_view(paths: DataPaths, day: str) -> dict[str, list[dict[str, Any]]]:
    """Every published table of one day, rows sorted: for runs over the same archive, ids included."""
    tables = ("captures", "articles", "failures", "story_members", "article_signatures")
    return {t: sorted(_table(paths, t, day), key=repr) for t in tables}


def catalog_counts(paths: DataPaths) -> dict[str, int]:
    """Row counts of the catalog's main tables and views (opened read-only, as an analyst would)."""
    with duckdb.connect(str(paths.catalog), read_only=True) as con:
        names = ("captures", "articles", "failures", "story_members", "stories", "search_docs")
        return {n: con.execute(f"select count(*) from {n}").fetchone()[0] for n in names}


def check_integrity(paths: DataPaths, day: str) -> list[str]:
    """Assert what a reader may rely on after a rerun, whatever happened before it.

    * no ``.open`` WARC file is left, every WARC file reads to its end or stops at a detected torn
      tail (:func:`wirearchive.archive.iter_responses`);
    * every capture row with a response points at a readable response record of its URL;
    * ids are unique in every table; one 200 article capture and one article per URL;
    * each partition's manifest names an existing version file and has ``data.parquet``'s hash;
    * the catalog opens read-only and its counts equal the published partitions'.

    Returns:
        The torn tails detected while reading the WARC files (``ResponseIterator.error``).
    """
    folder = paths.archive_partition(day)
    assert not list(folder.glob(f"*{OPEN_SUFFIX}")), "an .open WARC file was left unrecovered"
    torn = []
    for warc in sorted(folder.glob("*.warc.gz")):
        responses = iter_responses(warc)
        n = sum(1 for _ in responses)
        assert n or responses.error, f"{warc.name}: no response record"
        torn += [responses.error] if responses.error else []
    caps = read_captures(paths.archive, day).to_pylist()
    assert len({c["capture_id"] for c in caps}) == len(caps), "duplicate capture ids in the archive index"
    for c in caps:
        if c["status"] is not None:
            assert read_payload(paths.archive, c["warc_file"], c["warc_offset"]).url == c["url"]
    published = {t: read_partition(paths, t, day) for t in ("captures", "articles", "story_members")}
    assert published["captures"].num_rows == len(caps), "published captures differ from the archive index"
    for table, key in (("captures", "capture_id"), ("articles", "article_id"), ("story_members", "article_id")):
        ids = published[table][key].to_pylist()
        assert len(set(ids)) == len(ids), f"duplicate {key} in {table}"
    urls = published["articles"]["url"].to_pylist()
    assert len(set(urls)) == len(urls), "two articles for one URL"
    for table in ("captures", "articles", "failures", "story_members", "article_signatures"):
        assert day in list_partitions(paths, table)
        manifest = read_manifest(paths, table, day)
        assert manifest is not None, f"{table} {day}: no {MANIFEST_NAME}"
        current = paths.table_partition(table, day)
        version = current.parent / manifest["file"]
        assert version.is_file(), f"{table} {day}: the manifest names a missing version"
        assert hashlib.sha256(current.read_bytes()).hexdigest() == manifest["sha256"], f"{table} {day}: stale manifest"
        assert file_facts(current)["write_id"] == manifest["write_id"]
    counts = catalog_counts(paths)
    for table in ("captures", "articles", "story_members"):
        assert counts[table] == published[table].num_rows, f"catalog {table} is stale"
    return torn


def reader_visible_temp_files(paths: DataPaths) -> list[Path]:
    """Temporary files a reader could mistake for data: non-hidden temp names in the data folders.

    Work files under ``tmp/`` and dot-files (``.captures-*.part``, ``.wirearchive.duckdb.*.tmp``)
    are invisible to readers by contract; anything else ending in ``.tmp`` or ``.open`` is not.
    """
    found = []
    for path in paths.root.rglob("*"):
        rel = path.relative_to(paths.root)
        if rel.parts[0] in ("tmp", "state") or any(p.startswith(".") for p in rel.parts):
            continue
        if path.name.endswith((".tmp", OPEN_SUFFIX)):
            found.append(path)
    return found


def leftovers(paths: DataPaths) -> list[str]:
    """Work files a crash left behind under ``tmp/`` and beside the catalog (never visible to readers)."""
    names = [str(p.relative_to(paths.root)) for p in paths.tmp.glob("*")] if paths.tmp.is_dir() else []
    names += [p.name for p in paths.root.glob(".*.tmp*")]
    return sorted(names)
