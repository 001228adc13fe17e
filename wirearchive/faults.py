"""Kill points: named moments where a test can make the process die with ``SIGKILL``.

The crash tests (``tests/kill/``) prove that a run killed at any stage can simply be run again:
they set ``WIREARCHIVE_KILLPOINT=<name>`` (or ``<name>@N``, the N-th time the point is reached
in that process) for one run, and the process that reaches that point sends itself ``SIGKILL``
there: no ``finally`` block, no ``atexit``, no flush, exactly like the OOM killer or a power cut
of that process. The variable is inherited, so it reaches the crawl subprocess and the
extraction workers too; each process counts its own arrivals.

Without the variable :func:`killpoint` is a comparison (the variable is read once per process, and
again in a forked child). :data:`KILL_POINTS` lists every placed point, by stage; a test checks the
list against the calls in the source, so a point cannot be renamed without the tests noticing.
"""

from __future__ import annotations

import os
import signal

ENV = "WIREARCHIVE_KILLPOINT"

# Every kill point placed in the code, stage -> names. Names are "<stage>.<moment>".
KILL_POINTS: dict[str, tuple[str, ...]] = {
    "crawl": (
        "crawl.started",  # crawl process up, earlier dead crawls of the day recovered
        "crawl.response",  # after each archived exchange (use @N: mid-crawl)
        "crawl.warc_between_records",  # response record written, its request record not yet
        "crawl.chunk_flushed",  # a capture-index part file was just written
        "crawl.warc_before_rename",  # WARC file closed, still named .open
        "crawl.parquet_before_replace",  # a capture part or the merged index written under its temp name
        "crawl.finished",  # capture index published, crawl process about to report and exit
    ),
    "captures": (
        "captures.before_publish",  # crawl done, captures partition not yet published (run worker)
    ),
    "extract": (
        "extract.worker",  # in an extraction worker process, per page (use @N: mid-batch)
        "extract.before_publish",  # all pages extracted, nothing published (run worker)
        "extract.between_tables",  # articles published, failures not yet
    ),
    "stories": (
        "stories.signatures_written",  # article_signatures published, story_members not yet
        "stories.before_publish",  # stories assigned, story_members not yet published
    ),
    "publish": (
        "publish.tmp_written",  # Parquet written under tmp/, nothing linked into the partition
        "publish.version_linked",  # immutable v-<id>.parquet linked, data.parquet still old
        "publish.data_replaced",  # data.parquet replaced, manifest still names the old version
        "publish.manifest_replaced",  # manifest replaced, old versions not yet pruned
    ),
    "catalog": (
        "catalog.half_built",  # new DuckDB file has its views, not yet search/stories/meta
        "catalog.before_swap",  # new file complete and fsynced, old one still in place
        "catalog.after_swap",  # new file renamed into place, folder not yet fsynced
    ),
}

_target: tuple[str, int] | None = None
_loaded = False
_seen: dict[str, int] = {}


def _forget() -> None:
    """Drop what this process read and counted: a forked child reads its own environment."""
    global _target, _loaded
    _target, _loaded = None, False
    _seen.clear()


os.register_at_fork(after_in_child=_forget)


def _load() -> tuple[str, int] | None:
    value = os.environ.get(ENV, "").strip()
    if not value:
        return None
    name, _, nth = value.partition("@")
    return name, int(nth) if nth else 1


def killpoint(name: str) -> None:
    """Die here with ``SIGKILL`` when ``$WIREARCHIVE_KILLPOINT`` names this point.

    Args:
        name: The point's name, one of :data:`KILL_POINTS`.
    """
    global _target, _loaded
    if not _loaded:
        _target, _loaded = _load(), True
    if _target is None or _target[0] != name:
        return
    _seen[name] = _seen.get(name, 0) + 1
    if _seen[name] == _target[1]:
        os.kill(os.getpid(), signal.SIGKILL)


def all_points() -> list[str]:
    """Every kill point name, in pipeline order.

    Returns:
        The names of :data:`KILL_POINTS`, flattened.
    """
    return [name for names in KILL_POINTS.values() for name in names]
