"""The one record the crawl produces per fetch attempt: a capture index row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass
class Capture:
    """One fetch attempt; fields are the columns of ``warehouse.schema.CAPTURES``.

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
