"""Story test helpers: ARTICLES rows and tables from a few fields, and the seed README's table."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow as pa

from warehouse.schema import ARTICLES

SEED_DIR = Path(__file__).resolve().parents[3] / "shared" / "seed"
T0 = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)


def article(article_id: str, body: str, *, source: str = "outlet", hours: float = 0, url: str | None = None) -> dict:
    """One ARTICLES row published ``hours`` after T0; the URL comes from the id unless given."""
    url = url or f"https://{source}.example/{article_id}"
    at = T0 + timedelta(hours=hours)
    return {
        "article_id": article_id,
        "capture_id": f"cap-{article_id}",
        "source_id": source,
        "url": url,
        "canonical_url": url,
        "fetched_at": at,
        "published_at": at,
        "body": body,
        "body_hash": hashlib.sha1(" ".join(body.split()).encode()).hexdigest(),
        "word_count": len(body.split()),
        "extractor": "test",
        "extractor_version": "0",
    }


def table(*rows: dict) -> pa.Table:
    """An ARTICLES table of the rows (missing columns null)."""
    return pa.Table.from_pylist(list(rows), schema=ARTICLES)


def seed_table() -> list[tuple[str, str]]:
    """The (spun, original) wording pairs in the seed README's table."""
    readme = (SEED_DIR / "README.md").read_text()
    pairs = []
    for spun, original in re.findall(r"^\| ([^|]+?) \| ([^|]+?) \|$", readme, flags=re.M)[1:]:
        pairs.extend(zip(spun.split(" / "), original.split(" / "), strict=True))
    return pairs
