"""One day of the archive through extraction and normalization: ``articles`` and ``failures`` rows.

Reads the capture index and WARC records of a partition day (never the network), runs the
extractor over a process pool (:func:`wirearchive.extract.extract_batch`), normalizes each page
into an ``articles`` row and records every page that yielded no main text as a ``failures`` row.
A page the article gate judged not a news article still has its text: it is an ``articles`` row
flagged in ``not_article`` (story matching leaves it out), as :func:`wirearchive.extract.extract`
returns it.
Pure with respect to the warehouse: the caller publishes the tables.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from wirearchive.archive import PayloadTooLarge, read_captures, read_payload
from wirearchive.capture import Capture
from wirearchive.extract import ExtractInput, ExtractionError, extract_batch
from wirearchive.normalize import to_article_row
from wirearchive.sources import Registry
from wirearchive.tables import ARTICLES, FAILURES

# ``failures.detail`` is cut to this many characters (a traceback line or an exception message).
MAX_DETAIL_CHARS = 2000


@dataclass(frozen=True)
class DayExtraction:
    """What one day's extraction produced.

    Attributes:
        articles: Rows in the ``articles`` schema, sorted by ``article_id`` (gate-rejected pages
            included, flagged in ``not_article``).
        failures: Rows in the ``failures`` schema, one per article capture without a main text.
        attempted: Article captures attempted.
    """

    articles: pa.Table
    failures: pa.Table
    attempted: int


def article_captures(captures: pa.Table) -> list[Capture]:
    """The captures worth extracting: article pages answered with status 200.

    Args:
        captures: A capture index (``CAPTURES`` schema).

    Returns:
        Those rows, in index order.
    """
    mask = pc.and_(pc.equal(captures["kind"], "article"), pc.equal(captures["status"], 200))
    return [Capture.from_row(row) for row in captures.filter(pc.fill_null(mask, False)).to_pylist()]


def extract_day(archive_root: Path, day: str, registry: Registry, processes: int) -> DayExtraction:
    """Extract and normalize one day's archived article captures.

    Args:
        archive_root: The archive folder.
        day: Partition key.
        registry: Sources registry (default wire attribution per source, extra wire names).
        processes: Extraction worker processes.

    Returns:
        The ``articles`` and ``failures`` tables and the number of article captures attempted.
    """
    caps = article_captures(read_captures(archive_root, day))
    by_id = {c.capture_id: c for c in caps}
    failures: list[dict[str, Any]] = []
    default_wire = {s.id: s.wire for s in registry.source}

    def items() -> Iterator[ExtractInput]:
        for cap in caps:
            if cap.warc_file is None or cap.warc_offset is None:
                failures.append(failure_row(cap, "warc_read_error", "capture has no WARC record"))
                continue
            try:
                response = read_payload(archive_root, cap.warc_file, cap.warc_offset)
            except PayloadTooLarge as exc:  # a decompression bomb: refused at the cap
                failures.append(failure_row(cap, "too_large", str(exc)))
                continue
            except Exception as exc:  # a torn or unreadable record is a failure row, not a crash
                failures.append(failure_row(cap, "warc_read_error", f"{type(exc).__name__}: {exc}"))
                continue
            yield ExtractInput(
                cap.capture_id, response.body, cap.url, response.content_type, default_wire.get(cap.source_id)
            )

    rows: list[dict[str, Any]] = []
    aliases = {code: w.names for code, w in registry.wires.items()}
    for key, result in extract_batch(items(), processes=processes, wire_aliases=aliases):
        cap = by_id[key]
        if isinstance(result, ExtractionError):
            failures.append(failure_row(cap, result.reason, result.detail))
        else:
            rows.append(to_article_row(cap, result))
    rows.sort(key=lambda r: r["article_id"])
    return DayExtraction(
        pa.Table.from_pylist(rows, schema=ARTICLES), pa.Table.from_pylist(failures, schema=FAILURES), len(caps)
    )


def failure_row(capture: Capture, reason: str, detail: str) -> dict[str, Any]:
    """A ``failures`` row of the extract stage for one capture.

    Args:
        capture: The capture that yielded no article.
        reason: Reason code (``ExtractionError.reason``, ``too_large``, ``warc_read_error``).
        detail: Human-readable detail, cut to :data:`MAX_DETAIL_CHARS`.

    Returns:
        The row.
    """
    return {
        "stage": "extract",
        "capture_id": capture.capture_id,
        "source_id": capture.source_id,
        "url": capture.url,
        "reason": reason,
        "detail": detail[:MAX_DETAIL_CHARS],
    }
