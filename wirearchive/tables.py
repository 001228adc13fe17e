"""Table contracts: the pyarrow schema of every partitioned Parquet table.

These schemas are the single source of truth for column names and types. Writers cast to them
(so a missing optional column becomes nulls, an unknown one is an error), and ``SCHEMA.md``
documents them column by column. Adding a nullable column is a compatible change (views read with
``union_by_name``); anything else bumps :data:`SCHEMA_VERSION` and means recomputing the table
from the WARC archive.

Every table is partitioned by ``date`` (``YYYY-MM-DD``, UTC): for ``captures`` the day the crawl
targeted (the publication day its feeds/sitemaps announced), for the article tables the
partition the article was captured for. The partition column is not stored in the files; it comes
from the hive path ``date=YYYY-MM-DD``.
"""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = 1

TS = pa.timestamp("us", tz="UTC")

CAPTURES = pa.schema(
    [
        pa.field("capture_id", pa.string(), nullable=False),  # WARC-Record-ID of the response record
        pa.field("crawl_id", pa.string(), nullable=False),  # one id per crawl process run
        pa.field("source_id", pa.string(), nullable=False),
        pa.field("url", pa.string(), nullable=False),  # URL requested
        pa.field("kind", pa.string(), nullable=False),  # robots|feed|sitemap|section|article
        pa.field("status", pa.int32()),  # HTTP status; null when no response was received
        pa.field("fetched_at", TS, nullable=False),
        pa.field("content_type", pa.string()),
        pa.field("content_length", pa.int64()),  # payload bytes as archived
        pa.field("payload_digest", pa.string()),  # WARC-Payload-Digest, "sha1:BASE32"
        pa.field("warc_file", pa.string()),  # path relative to the archive root
        pa.field("warc_offset", pa.int64()),  # offset of the response record in warc_file
        pa.field("warc_length", pa.int64()),  # compressed length of that record
        pa.field("redirect_to", pa.string()),  # Location of a 3xx
        pa.field("published_hint", TS),  # publication time announced by the feed/sitemap
        pa.field("error", pa.string()),  # null when fetched; else a reason code, e.g. "timeout"
        # Imported pages only: which digests the foreign file declared that did not match the bytes
        # read ("payload", "block", "block,payload"); null when they matched or none was declared.
        pa.field("digest_mismatch", pa.string()),
    ]
)

ARTICLES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),  # stable: derived from capture_id
        pa.field("capture_id", pa.string(), nullable=False),
        pa.field("source_id", pa.string(), nullable=False),
        pa.field("url", pa.string(), nullable=False),
        pa.field("canonical_url", pa.string(), nullable=False),
        pa.field("fetched_at", TS, nullable=False),
        pa.field("published_at", TS),
        pa.field("modified_at", TS),
        pa.field("title", pa.string()),
        pa.field("description", pa.string()),
        pa.field("authors", pa.list_(pa.string())),
        pa.field("author_orgs", pa.list_(pa.string())),  # agencies/organizations named in bylines
        pa.field("language", pa.string()),
        pa.field("section", pa.string()),
        pa.field("top_image", pa.string()),
        pa.field("site_name", pa.string()),
        pa.field("body", pa.string(), nullable=False),  # clean text, paragraphs separated by \n\n
        pa.field("body_hash", pa.string(), nullable=False),  # sha1 hex of whitespace-folded body
        pa.field("word_count", pa.int32(), nullable=False),
        pa.field("wire_service", pa.string()),  # normalized code: AP, Reuters, AFP, ...
        pa.field("attribution", pa.string()),  # dateline|byline|credit|structured|registry
        pa.field("dateline", pa.string()),  # dateline city, e.g. BAGHDAD
        pa.field("credit_line", pa.string()),  # wire credit removed from the body, e.g. "(dpa)"
        pa.field("extractor", pa.string(), nullable=False),  # e.g. "wirearchive+trafilatura"
        pa.field("extractor_version", pa.string(), nullable=False),
        # null when filed by its publication day (or crawl day); else why the stated day could not
        # be a partition, so the row is filed by its capture day (wirearchive.normalize.filing_reason)
        pa.field("filing_reason", pa.string()),
        # null for a news article; else the article gate's reason (a not_article_* code of
        # wirearchive.pagekind.REASONS): the page's text is kept, flagged, and left out of stories
        pa.field("not_article", pa.string()),
    ]
)

STORY_MEMBERS = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("story_id", pa.string(), nullable=False),
        pa.field("relation", pa.string(), nullable=False),  # original|duplicate|trimmed|update|derived
        pa.field("canonical_article_id", pa.string(), nullable=False),
        pa.field("similarity", pa.float64(), nullable=False),  # to the version it copies (copy_of), 0..1
        pa.field("version", pa.int32()),  # 1 for the original, 2.. for updates in time order
        pa.field("evidence", pa.string()),  # how the link was found, e.g. "body_hash", "passage:0.93"
        pa.field("copy_of", pa.string()),  # article_id of the version this one was taken from; None for the canonical
    ]
)

FAILURES = pa.schema(
    [
        pa.field("stage", pa.string(), nullable=False),  # extract|normalize|stories
        pa.field("capture_id", pa.string()),
        pa.field("source_id", pa.string()),
        pa.field("url", pa.string()),
        pa.field("reason", pa.string(), nullable=False),  # short reason code
        pa.field("detail", pa.string()),  # human-readable message
    ]
)

TABLES: dict[str, pa.Schema] = {
    "captures": CAPTURES,
    "articles": ARTICLES,
    "story_members": STORY_MEMBERS,
    "failures": FAILURES,
}
