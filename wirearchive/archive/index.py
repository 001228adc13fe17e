"""The capture index: one Parquet file of capture rows per crawl and day.

``archive/date=D/captures-<crawl_id>.parquet`` holds one row per fetch attempt
(:data:`wirearchive.tables.CAPTURES`). While a crawl runs its rows are flushed every
:data:`CHUNK_ROWS` rows to hidden part files (``.captures-<crawl_id>.part-NNNNN.parquet``); at the
end the parts and the rest are merged into the index and the parts removed. Every file is written
atomically and durably (:mod:`wirearchive.atomicfile`).
"""

from __future__ import annotations

import glob
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from wirearchive.atomicfile import atomic_path
from wirearchive.faults import killpoint
from wirearchive.tables import CAPTURES

CAPTURES_GLOB = "captures-*.parquet"
# Rows per crash-safety part file: ~0.5 MB of Parquet, written in ~10 ms (seconds of crawling).
CHUNK_ROWS = 5000


def write_captures(archive_root: Path, day: str, crawl_id: str, rows: Iterable[Mapping[str, Any]]) -> Path:
    """Write a crawl's capture rows atomically and durably (:mod:`wirearchive.atomicfile`).

    Args:
        archive_root: The archive folder.
        day: Partition key ``YYYY-MM-DD``.
        crawl_id: Id of the crawl run.
        rows: Rows with the columns of ``wirearchive.tables.CAPTURES``.

    Returns:
        Path of the written ``captures-<crawl_id>.parquet``.
    """
    folder = Path(archive_root) / f"date={day}"
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"captures-{crawl_id}.parquet"
    write_parquet(pa.Table.from_pylist(list(rows), schema=CAPTURES), final)
    return final


def write_parquet(table: pa.Table, path: Path) -> None:
    """Write ``table`` as the Parquet file ``path``, atomically and durably.

    A failed write (e.g. a full disk) leaves no half-written file behind and ``path`` untouched.

    Args:
        table: Rows with the ``CAPTURES`` schema.
        path: The file to create or replace.
    """
    with atomic_path(path, before_replace=lambda: killpoint("crawl.parquet_before_replace")) as tmp:
        pq.write_table(table, tmp)


def parts(folder: Path, crawl_id: str) -> list[Path]:
    """The crash-safety part files a crawl has flushed so far, in order.

    Args:
        folder: The day's archive folder (``archive/date=D``).
        crawl_id: Id of the crawl run.

    Returns:
        Paths of its ``.captures-<crawl_id>.part-NNNNN.parquet`` files.
    """
    return sorted(folder.glob(f".captures-{glob.escape(crawl_id)}.part-*.parquet"))


def merge_parts(folder: Path, crawl_id: str, rows: list[Mapping[str, Any]]) -> Path:
    """Publish a crawl's capture index: its part files plus ``rows``; then remove the parts.

    Args:
        folder: The day's archive folder.
        crawl_id: Id of the crawl run.
        rows: Rows not yet flushed to a part file.

    Returns:
        Path of ``captures-<crawl_id>.parquet``.
    """
    flushed = parts(folder, crawl_id)
    tables = [pq.read_table(p, schema=CAPTURES) for p in flushed]
    tables.append(pa.Table.from_pylist(rows, schema=CAPTURES))
    final = folder / f"captures-{crawl_id}.parquet"
    write_parquet(pa.concat_tables(tables), final)
    for part in flushed:
        part.unlink()
    return final


def read_captures(archive_root: Path, day: str) -> pa.Table:
    """All capture rows of one partition day, from every crawl of that day.

    Args:
        archive_root: The archive folder.
        day: Partition key ``YYYY-MM-DD``.

    Returns:
        A table with the ``CAPTURES`` schema; empty (with the schema) when nothing was captured.
    """
    files = sorted((Path(archive_root) / f"date={day}").glob(CAPTURES_GLOB))
    if not files:
        return CAPTURES.empty_table()
    return pa.concat_tables(pq.read_table(f, schema=CAPTURES) for f in files)


def captured_article_urls(archive_root: Path) -> set[str]:
    """URLs already archived as articles, for the incremental crawl.

    A URL counts when it was captured as ``kind="article"`` with status 200, or when it redirected
    (3xx, any number of hops) to such a URL.

    Args:
        archive_root: The archive folder.

    Returns:
        The set of requested URLs not to fetch again.
    """
    done: set[str] = set()
    redirects: dict[str, str] = {}
    for path in sorted(Path(archive_root).glob(f"date=*/{CAPTURES_GLOB}")):
        table = pq.read_table(path, columns=["url", "kind", "status", "redirect_to"])
        for row in table.to_pylist():
            if row["kind"] != "article" or row["status"] is None:
                continue
            if row["status"] == 200:
                done.add(row["url"])
            elif 300 <= row["status"] < 400 and row["redirect_to"]:
                redirects[row["url"]] = row["redirect_to"]
    for start in redirects:
        url, hops = start, 0
        while url in redirects and hops < len(redirects):
            url, hops = redirects[url], hops + 1
        if url in done:
            done.add(start)
    return done
