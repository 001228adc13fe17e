"""A small synthetic warehouse with known stories, shared by the warehouse tests."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pytest

from warehouse.schema import ARTICLES, STORY_MEMBERS
from warehouse.writer import write_partition
from wirearchive.config import DataPaths, data_paths
from wirearchive.sources import Registry, parse_sources

SOURCES_TOML = """
[[source]]
id = "apwire"
name = "AP-like Wire"
kind = "wire"
home = "http://127.0.0.1:8801/"
feeds = ["http://127.0.0.1:8801/feed.xml"]
wire = "AP"
language = "en"

[[source]]
id = "rtwire"
name = "Reuters-like Wire"
kind = "wire"
home = "http://127.0.0.1:8802/"
wire = "Reuters"

[[source]]
id = "daily"
name = "The Daily"
kind = "outlet"
home = "http://127.0.0.1:8803/"

[[source]]
id = "herald"
name = "The Herald"
kind = "outlet"
home = "http://127.0.0.1:8804/"

[[source]]
id = "farm"
name = "Content Farm"
kind = "farm"
home = "http://127.0.0.1:8805/"
enabled = false
"""

# (article_id, day, source, published "HH:MM" on day, wire, title, body words, story, relation, version)
STORY_ROWS = [
    (
        "a1",
        "2026-11-20",
        "apwire",
        "10:00",
        "AP",
        "Iraq ceasefire talks resume in Baghdad",
        "Negotiators met in Baghdad on Friday as ceasefire talks resumed between the parties",
        "s1",
        "original",
        1,
    ),
    (
        "a2",
        "2026-11-20",
        "daily",
        "11:30",
        "AP",
        "Iraq ceasefire talks resume in Baghdad",
        "Negotiators met in Baghdad on Friday as ceasefire talks resumed between the parties",
        "s1",
        "duplicate",
        None,
    ),
    (
        "a3",
        "2026-11-20",
        "apwire",
        "15:00",
        "AP",
        "Iraq ceasefire talks resume, envoy says",
        "Negotiators met in Baghdad on Friday as ceasefire talks resumed, an envoy said later",
        "s1",
        "update",
        2,
    ),
    (
        "a4",
        "2026-11-21",
        "herald",
        "09:00",
        "AP",
        "Ceasefire talks resume",
        "Negotiators met in Baghdad as ceasefire talks resumed",
        "s1",
        "trimmed",
        None,
    ),
    (
        "b1",
        "2026-11-20",
        "rtwire",
        "08:00",
        "Reuters",
        "Markets rally on rate cut hopes",
        "Stocks rose sharply as traders bet on a rate cut by the central bank",
        "s2",
        "original",
        1,
    ),
    (
        "b2",
        "2026-11-20",
        "daily",
        "08:45",
        "Reuters",
        "Markets rally on rate cut hopes",
        "Stocks rose sharply as traders bet on a rate cut by the central bank",
        "s2",
        "duplicate",
        None,
    ),
    (
        "c1",
        "2026-11-21",
        "apwire",
        "12:00",
        "AP",
        "Iraq oil exports rise to record",
        "Oil exports from southern Iraq rose to a record in November, officials said",
        "s3",
        "original",
        1,
    ),
    (
        "c2",
        "2026-11-21",
        "herald",
        "13:00",
        "AP",
        "Iraq's oil exports hit record",
        "Oil exports from southern Iraq climbed to a record this month, officials said",
        "s3",
        "derived",
        None,
    ),
    (
        "d1",
        "2026-11-22",
        "apwire",
        "07:00",
        "AP",
        "Hurricane season ends quietly",
        "The Atlantic hurricane season ended with few storms making landfall",
        "s4",
        "original",
        1,
    ),
]
DAYS = ["2026-11-20", "2026-11-21", "2026-11-22"]


def _ts(day: str, hhmm: str) -> datetime:
    return datetime.fromisoformat(f"{day}T{hhmm}:00").replace(tzinfo=UTC)


def article_row(article_id: str, day: str, source: str, hhmm: str, wire: str | None, title: str, body: str) -> dict:
    """One ARTICLES row with the required columns filled plausibly."""
    return {
        "article_id": article_id,
        "capture_id": f"<urn:uuid:{article_id}>",
        "source_id": source,
        "url": f"http://{source}.test/{day}/{article_id}",
        "canonical_url": f"http://{source}.test/{day}/{article_id}",
        "fetched_at": _ts(day, "23:00"),
        "published_at": _ts(day, hhmm),
        "title": title,
        "body": body,
        "body_hash": hashlib.sha1(body.encode()).hexdigest(),
        "word_count": len(body.split()),
        "wire_service": wire,
        "extractor": "wirearchive+trafilatura",
        "extractor_version": "test",
    }


def publish_world(paths: DataPaths) -> None:
    """Write the articles and story_members partitions of :data:`STORY_ROWS`."""
    canonical = {row[7]: row[0] for row in STORY_ROWS if row[8] == "original"}
    for day in DAYS:
        rows = [r for r in STORY_ROWS if r[1] == day]
        articles = [article_row(*r[:7]) for r in rows]
        members = [
            {
                "article_id": r[0],
                "story_id": r[7],
                "relation": r[8],
                "canonical_article_id": canonical[r[7]],
                "similarity": 1.0 if r[8] in ("original", "duplicate") else 0.8,
                "version": r[9],
                "evidence": "test",
            }
            for r in rows
        ]
        write_partition(paths, "articles", day, pa.Table.from_pylist(articles, schema=ARTICLES))
        write_partition(paths, "story_members", day, pa.Table.from_pylist(members, schema=STORY_MEMBERS))


@pytest.fixture
def paths(tmp_path: Path) -> DataPaths:
    """An empty data directory."""
    return data_paths(tmp_path / "data")


@pytest.fixture
def registry() -> Registry:
    """Two wires, two outlets and a disabled farm."""
    return parse_sources(SOURCES_TOML)


@pytest.fixture
def world(paths: DataPaths) -> DataPaths:
    """A data directory with three days of articles and story members published."""
    publish_world(paths)
    return paths
