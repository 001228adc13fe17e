"""Normalize one extracted page into a row of the ``articles`` table.

Extraction (``wirearchive.extract``) says what the page contains; normalization decides how the
warehouse stores it: stable ids, canonical URL, UTC timestamps, deduplicated author lists, a body
hash that survives whitespace changes, and a word count.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from wirearchive.capture import Capture
from wirearchive.days import DAYS_AFTER_TODAY, PARTITION_START
from wirearchive.extract import Extraction
from wirearchive.urls import canonical_url

# ``articles.filing_reason`` codes (warehouse/SCHEMA.md): why a page's stated publication day
# cannot be its partition, so it is filed by its capture day.
BEFORE_START = "published_before_start"
AFTER_CAPTURE = "published_after_capture"

_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+", re.UNICODE)


def article_id(capture_id: str) -> str:
    """Stable article id of a capture: the archive is immutable, so is the id.

    Args:
        capture_id: WARC-Record-ID of the response record.

    Returns:
        20 hex characters of the SHA-1 of the capture id.
    """
    return hashlib.sha1(capture_id.encode("utf-8")).hexdigest()[:20]


def fold_text(text: str) -> str:
    """Unicode-normalize (NFKC), lower-case and collapse whitespace: the form that is hashed."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip().lower()


def body_hash(body: str) -> str:
    """SHA-1 hex of the folded body, equal for bodies that differ only in case or spacing."""
    return hashlib.sha1(fold_text(body).encode("utf-8")).hexdigest()


def word_count(body: str) -> int:
    """Number of word tokens in a body."""
    return len(_WORD.findall(body))


def to_utc(value: datetime | None) -> datetime | None:
    """Convert an aware datetime to UTC; a naive one is taken to be UTC already."""
    return None if value is None else _utc(value)


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def filing_reason(published: datetime | None, captured: datetime) -> str | None:
    """Why a page stating ``published`` cannot be filed under that UTC day; None when it can.

    The day must be a partition day (from :data:`wirearchive.days.PARTITION_START`) and no later
    than the day after the capture (``DAYS_AFTER_TODAY``: a page cannot appear before it is
    published; one day of grace for dates stated in a zone east of UTC or without a time). For a
    page captured today that is "after tomorrow", the partitions' last day.

    Args:
        published: The stated publication time (naive: UTC), or None.
        captured: When the page was captured (naive: UTC).

    Returns:
        :data:`BEFORE_START`, :data:`AFTER_CAPTURE` or None.
    """
    if published is None:
        return None
    stated, fetched = _utc(published), _utc(captured)
    if stated.date().isoformat() < PARTITION_START:
        return BEFORE_START
    if stated.date() > fetched.date() + timedelta(days=DAYS_AFTER_TODAY):
        return AFTER_CAPTURE
    return None


def filing_day(published: datetime | None, captured: datetime) -> str:
    """Partition day of a page filed by publication: its stated UTC day, else its capture day.

    Args:
        published: The stated publication time (naive: UTC), or None.
        captured: When the page was captured (naive: UTC).

    Returns:
        ``YYYY-MM-DD``: the capture day when ``published`` is None or has a :func:`filing_reason`.
    """
    chosen = captured if published is None or filing_reason(published, captured) else published
    return _utc(chosen).date().isoformat()


def clean_authors(names: Iterable[str]) -> list[str]:
    """Trim, collapse spaces and drop empty or repeated names, keeping order."""
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        clean = _WS.sub(" ", name).strip(" ,;")
        key = clean.casefold()
        if clean and key not in seen:
            seen.add(key)
            out.append(clean)
    return out


def to_article_row(capture: Capture, extraction: Extraction) -> dict[str, Any]:
    """Build one ``articles`` row (``wirearchive.tables.ARTICLES``) from a capture and its extraction.

    Args:
        capture: The page's capture-index row (``published_hint`` is the fallback publication time).
        extraction: What the extractor found on the page.

    Returns:
        A dict with every ``articles`` column.
    """
    body = extraction.body.strip()
    published = to_utc(extraction.published_at) or to_utc(capture.published_hint)
    return {
        "article_id": article_id(capture.capture_id),
        "capture_id": capture.capture_id,
        "source_id": capture.source_id,
        "url": capture.url,
        "canonical_url": canonical_url(capture.url, extraction.canonical_url),
        "fetched_at": to_utc(capture.fetched_at),
        "published_at": published,
        "modified_at": to_utc(extraction.modified_at),
        "title": (extraction.title or "").strip() or None,
        "description": (extraction.description or "").strip() or None,
        "authors": clean_authors(extraction.authors),
        "author_orgs": clean_authors(extraction.author_orgs),
        "language": extraction.language,
        "section": extraction.section,
        "top_image": extraction.top_image,
        "site_name": extraction.site_name,
        "body": body,
        "body_hash": body_hash(body),
        "word_count": word_count(body),
        "wire_service": extraction.wire_service,
        "attribution": extraction.attribution,
        "dateline": extraction.dateline,
        "credit_line": (extraction.credit_line or "").strip() or None,
        "extractor": extraction.extractor,
        "extractor_version": extraction.extractor_version,
        "filing_reason": filing_reason(published, capture.fetched_at),
        "not_article": extraction.not_article,
    }
