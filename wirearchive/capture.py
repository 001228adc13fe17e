"""The capture-index row: one per fetch attempt of the crawl, or per page imported from a foreign WARC."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any


@dataclass
class Capture:
    """One fetch attempt; fields are the columns of ``wirearchive.tables.CAPTURES``.

    Attributes:
        capture_id: ``WARC-Record-ID`` of the response record; a fresh ``urn:uuid`` when no
            response was received (no record is written then).
        crawl_id: Id of the crawl run.
        source_id: Registry id of the source the request was made for.
        url: URL requested.
        kind: ``robots``, ``feed``, ``sitemap``, ``section`` or ``article``.
        status: HTTP status, ``None`` when no response was received.
        fetched_at: When the response (or the failure) arrived, UTC.
        content_type: Response ``Content-Type``.
        content_length: Payload bytes as archived (still content-encoded).
        payload_digest: ``WARC-Payload-Digest``.
        warc_file: WARC file relative to the archive root.
        warc_offset: Offset of the response record's gzip member.
        warc_length: Compressed length of that member.
        redirect_to: Absolute ``Location`` of a 3xx.
        published_hint: Publication time announced by the feed or sitemap.
        error: ``None`` when a response arrived, else a reason code (``timeout``, ``dns``,
            ``connection_refused``, ``connection_failed``, ``size_cap``, ``data_loss``,
            ``robots_disallowed``, ``ssrf_blocked``, ...).
    """

    capture_id: str
    crawl_id: str
    source_id: str
    url: str
    kind: str
    status: int | None
    fetched_at: datetime
    content_type: str | None = None
    content_length: int | None = None
    payload_digest: str | None = None
    warc_file: str | None = None
    warc_offset: int | None = None
    warc_length: int | None = None
    redirect_to: str | None = None
    published_hint: datetime | None = None
    error: str | None = None

    def as_row(self) -> dict[str, Any]:
        """The row as ``CAPTURES`` columns (a shallow copy, for ``pa.Table.from_pylist``)."""
        return dict(vars(self))

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Capture:
        """A capture from a row of the capture index (extra columns are ignored).

        Args:
            row: A ``CAPTURES`` row, e.g. from ``read_captures(...).to_pylist()``.

        Returns:
            The capture.
        """
        return cls(**{f.name: row[f.name] for f in fields(cls) if f.name in row})
