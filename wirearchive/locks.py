"""Partition locks: two runs of the same partition are serialized, never interleaved.

A lock is an ``flock`` on a file under ``<data dir>/state/locks/``. The kernel drops it when the
holding process exits for any reason, ``kill -9`` included, so a crashed run never leaves a stale
lock behind and the rerun can start at once. The lock file itself stays (it is empty but for the
holder's pid and purpose, written for the operator's benefit); only the ``flock`` counts.

Three kinds of lock:

* :func:`partition_lock` (``partition-<day>.lock``): held by a Dagster run for every day it
  processes, from its first step to its last (taken by ``WirearchiveResource``, which every run
  sets up once: all jobs use the in-process executor, ``pipelines.definitions``; the CLI's runner
  also takes it around the whole run, before the run is created). A second run of the same day waits up to a
  timeout, then fails with :class:`LockTimeout` naming the holder.
* :func:`crawl_lock` (``crawl-<day>.lock``): held by the crawl process (``spiders.run``) for its
  day. A crawl whose run worker was killed keeps running to its end; the rerun's crawl waits for
  it instead of fetching the same pages beside it.
* :func:`catalog_lock` (``catalog.lock``): held while the DuckDB catalog is rebuilt, so two runs of
  different days cannot swap in catalogs built from each other's half-published state.

Whoever takes a partition or catalog lock first removes the work files that crashed holders left
(:func:`sweep_partition_leftovers`, :func:`sweep_catalog_leftovers`): they were never visible to
readers, but a half-built catalog is as big as a catalog.

Locks are re-entrant within a process (the same file is locked once; nested holders share it),
so the run-wide lock and a step's lock in the in-process executor do not deadlock.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager
from pathlib import Path
from typing import IO

from wirearchive.config import DataPaths

# How long a second run of a partition waits for the first before giving up. A nightly run of
# the demo world takes under a minute; a real crawl of one day takes tens of minutes.
DEFAULT_TIMEOUT_S = 3600.0
_POLL_S = 0.2

_held: dict[Path, tuple[IO[str], int]] = {}


class LockTimeout(RuntimeError):
    """The lock stayed held by another process for longer than the timeout."""


def lock_dir(paths: DataPaths) -> Path:
    """Folder of the lock files.

    Args:
        paths: Data directory layout.

    Returns:
        ``<data dir>/state/locks``.
    """
    return paths.state / "locks"


def _holder(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip() or "unknown process"
    except OSError:
        return "unknown process"


@contextmanager
def hold(path: Path, purpose: str, *, timeout: float | None = DEFAULT_TIMEOUT_S) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``path`` for the ``with`` block.

    Args:
        path: The lock file (created if missing).
        purpose: What the holder does, written into the file for whoever waits on it.
        timeout: Seconds to wait for another holder; ``0`` refuses at once, ``None`` waits forever.

    Yields:
        Nothing; the lock is held inside the block.

    Raises:
        LockTimeout: Another process held the lock for longer than ``timeout``.
    """
    path = Path(path)
    if path in _held:  # re-entrant: this process already holds it
        handle, depth = _held[path]
        _held[path] = (handle, depth + 1)
        try:
            yield
        finally:
            handle, depth = _held[path]
            _held[path] = (handle, depth - 1)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+", encoding="utf-8")
    deadline = None if timeout is None else time.monotonic() + timeout
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if deadline is not None and time.monotonic() >= deadline:
                    raise LockTimeout(
                        f"{path} is held by {_holder(path)}; gave up after {timeout:g} s "
                        "(another run of the same partition is in progress)"
                    ) from None
                time.sleep(_POLL_S)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}: {purpose}\n")
        handle.flush()
        _held[path] = (handle, 1)
        try:
            yield
        finally:
            del _held[path]
    finally:
        handle.close()  # closing the only descriptor releases the flock


@contextmanager
def partition_lock(
    paths: DataPaths, days: Sequence[str], purpose: str, *, timeout: float | None = DEFAULT_TIMEOUT_S
) -> Iterator[None]:
    """Hold the run locks of several partition days (taken in day order, so runs cannot deadlock).

    Args:
        paths: Data directory layout.
        days: Partition keys ``YYYY-MM-DD``.
        purpose: What the holder does (e.g. ``"run <run id>"``).
        timeout: Seconds to wait for each day's lock (see :func:`hold`).

    Yields:
        Nothing; every day's lock is held inside the block.

    Raises:
        LockTimeout: A day stayed locked by another run for longer than ``timeout``.
    """
    with ExitStack() as stack:
        for day in sorted(set(days)):
            stack.enter_context(hold(lock_dir(paths) / f"partition-{day}.lock", purpose, timeout=timeout))
            sweep_partition_leftovers(paths, day)
        yield


def crawl_lock(
    paths: DataPaths, day: str, *, timeout: float | None = DEFAULT_TIMEOUT_S
) -> AbstractContextManager[None]:
    """The lock of one day's crawl (see :func:`hold`).

    Args:
        paths: Data directory layout.
        day: Partition key.
        timeout: Seconds to wait for a running crawl of the same day.

    Returns:
        A context manager holding the lock inside its block.
    """
    return hold(lock_dir(paths) / f"crawl-{day}.lock", f"crawl of {day}", timeout=timeout)


def catalog_lock(paths: DataPaths, *, timeout: float | None = DEFAULT_TIMEOUT_S) -> AbstractContextManager[None]:
    """The lock of the catalog rebuild (see :func:`hold`).

    Args:
        paths: Data directory layout.
        timeout: Seconds to wait for another rebuild.

    Returns:
        A context manager holding the lock inside its block.
    """
    return _swept(hold(lock_dir(paths) / "catalog.lock", "catalog rebuild", timeout=timeout), paths)


@contextmanager
def _swept(lock: AbstractContextManager[None], paths: DataPaths) -> Iterator[None]:
    with lock:
        sweep_catalog_leftovers(paths)
        yield


def sweep_partition_leftovers(paths: DataPaths, day: str) -> list[Path]:
    """Remove the work files that crashed writers of ``day`` left under ``tmp/``.

    Call only while holding the day's partition lock: every writer of the day's partitions holds
    it, so nothing found is in use. Names are those of ``warehouse.writer``: ``<table>-<day>-<id>``
    (``.parquet``/``.json``) and ``deleted-<table>-<day>-<id>/``.

    Args:
        paths: Data directory layout.
        day: Partition key.

    Returns:
        The removed paths.
    """
    found = sorted(paths.tmp.glob(f"*-{day}-*")) if paths.tmp.is_dir() else []
    for path in found:
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    return found


def sweep_catalog_leftovers(paths: DataPaths) -> list[Path]:
    """Remove half-built catalog files (``.<catalog>.<id>.tmp`` and its ``.wal``) of crashed builds.

    Call only while holding :func:`catalog_lock`.

    Args:
        paths: Data directory layout.

    Returns:
        The removed paths.
    """
    found = sorted(paths.catalog.parent.glob(f".{paths.catalog.name}.*.tmp*"))
    for path in found:
        path.unlink(missing_ok=True)
    return found
