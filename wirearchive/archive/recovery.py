"""Crash recovery: finishing the files of crawls whose process died."""

from __future__ import annotations

import fcntl
import glob
from pathlib import Path

from wirearchive.archive.index import merge_parts, parts
from wirearchive.archive.warc import OPEN_SUFFIX, SEQ_GLOB
from wirearchive.atomicfile import replace_durably


def recover_interrupted(archive_root: Path, day: str) -> list[str]:
    """Finish the files of crawls of ``day`` whose process died.

    A crawl is dead when its lock file exists but nobody holds the lock. Its ``.open`` WARC files
    are fsynced and get their final names, and its flushed capture rows are published as its capture index (rows
    not yet flushed are lost; their WARC records stay readable). Live crawls are left alone.

    Args:
        archive_root: The archive folder.
        day: Partition key ``YYYY-MM-DD``.

    Returns:
        Ids of the recovered crawls.
    """
    folder = Path(archive_root) / f"date={day}"
    recovered = []
    for lock_path in sorted(folder.glob(".crawl-*.lock")):
        crawl_id = lock_path.name[len(".crawl-") : -len(".lock")]
        with open(lock_path, "a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue
            for open_file in folder.glob(f"{glob.escape(crawl_id)}-{SEQ_GLOB}.warc.gz{OPEN_SUFFIX}"):
                replace_durably(open_file, open_file.with_name(open_file.name[: -len(OPEN_SUFFIX)]))
            if (folder / f"captures-{crawl_id}.parquet").exists():
                for part in parts(folder, crawl_id):
                    part.unlink()
            else:
                merge_parts(folder, crawl_id, [])
            lock_path.unlink()
        recovered.append(crawl_id)
    return recovered
