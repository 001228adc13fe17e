"""Everything one crawl writes for one day: WARC files, capture index, liveness lock."""

from __future__ import annotations

import fcntl
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa

from wirearchive.archive.index import CHUNK_ROWS, merge_parts, write_parquet
from wirearchive.archive.warc import DEFAULT_WARC_MAX_BYTES, WarcWriter
from wirearchive.faults import killpoint
from wirearchive.tables import CAPTURES


class CrawlArchive:
    """Everything one crawl writes for one day: WARC files, capture index, liveness lock.

    Args:
        archive_root: The archive folder.
        day: Partition key ``YYYY-MM-DD``.
        crawl_id: Id of the crawl run.
        warc_max_bytes: WARC rotation size.
        chunk_rows: Capture rows per crash-safety part file.
        warcinfo: Extra fields for each WARC file's warcinfo record.

    Attributes:
        warc: The WARC writer.

    Raises:
        BlockingIOError: Another live process holds this crawl id's lock.
    """

    def __init__(
        self,
        archive_root: Path,
        day: str,
        crawl_id: str,
        *,
        warc_max_bytes: int = DEFAULT_WARC_MAX_BYTES,
        chunk_rows: int = CHUNK_ROWS,
        warcinfo: Mapping[str, str] | None = None,
    ) -> None:
        self._folder = Path(archive_root) / f"date={day}"
        self._folder.mkdir(parents=True, exist_ok=True)
        self._crawl_id = crawl_id
        self._lock_path = self._folder / f".crawl-{crawl_id}.lock"
        self._lock = open(self._lock_path, "a")
        fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        self.warc = WarcWriter(archive_root, day, crawl_id, max_bytes=warc_max_bytes, warcinfo=warcinfo)
        self._chunk_rows = chunk_rows
        self._rows: list[Mapping[str, Any]] = []
        self._held: dict[str, dict[str, Any]] = {}
        self._flushed = 0

    def hold(self, row: Mapping[str, Any]) -> None:
        """Keep a capture row back until :meth:`release` (a feed, sitemap or section page whose
        parse outcome becomes its ``error``); :meth:`close` writes rows never released as they are.

        Args:
            row: A row with the ``CAPTURES`` columns.
        """
        self._held[row["capture_id"]] = dict(row)

    def release(self, capture_id: str, error: str | None = None) -> None:
        """Add a held row, with ``error`` set when the document could not be used.

        Args:
            capture_id: The held row's ``capture_id``; unknown ids are ignored.
            error: Reason code to record, e.g. ``not_xml``.
        """
        row = self._held.pop(capture_id, None)
        if row is not None:
            self.add(row | ({"error": error} if error else {}))

    def add(self, row: Mapping[str, Any]) -> None:
        """Add one capture row (``CAPTURES`` columns); flushes a part file every ``chunk_rows``."""
        self._rows.append(row)
        if len(self._rows) >= self._chunk_rows:
            # The WARC records of these rows are already flushed by warcio, so a part never
            # points past the end of its WARC file.
            part = self._folder / f".captures-{self._crawl_id}.part-{self._flushed:05d}.parquet"
            write_parquet(pa.Table.from_pylist(self._rows, schema=CAPTURES), part)
            self._flushed += 1
            self._rows = []
            killpoint("crawl.chunk_flushed")

    def close(self) -> Path:
        """Finish the WARC files, publish the capture index and release the lock.

        Returns:
            Path of ``captures-<crawl_id>.parquet``.
        """
        self.warc.close()
        final = merge_parts(self._folder, self._crawl_id, [*self._rows, *self._held.values()])
        self._held = {}
        self._rows = []
        self._lock_path.unlink()
        self._lock.close()
        return final
