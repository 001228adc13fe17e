"""Each asset check passes on good data and fails on the bad data it exists to catch."""

from datetime import UTC, datetime

import pyarrow as pa

from assets import checks
from warehouse.schema import ARTICLES, STORY_MEMBERS


def _articles(rows: list[dict]) -> pa.Table:
    base = {
        "capture_id": "c",
        "source_id": "s",
        "url": "http://127.0.0.1/a",
        "canonical_url": "http://127.0.0.1/a",
        "fetched_at": datetime(2026, 1, 13, tzinfo=UTC),
        "body": "x",
        "body_hash": "h",
        "extractor": "wirearchive",
        "extractor_version": "0",
    }
    return pa.Table.from_pylist([{**base, **r} for r in rows], schema=ARTICLES)


def test_non_empty_bodies() -> None:
    good = _articles([{"article_id": "a", "word_count": 12}])
    bad = _articles([{"article_id": "a", "word_count": 12}, {"article_id": "b", "word_count": 0, "body": ""}])
    assert checks.non_empty_bodies(good).passed
    result = checks.non_empty_bodies(bad)
    assert not result.passed
    assert result.metadata["empty_bodies"].value == 1


def test_unique_ids() -> None:
    good = _articles([{"article_id": "a", "word_count": 1}, {"article_id": "b", "word_count": 1}])
    bad = _articles([{"article_id": "a", "word_count": 1}, {"article_id": "a", "word_count": 1}])
    assert checks.unique_ids(good, "article_id", "unique_article_ids").passed
    assert not checks.unique_ids(bad, "article_id", "unique_article_ids").passed


def test_dates_in_partition() -> None:
    inside = datetime(2026, 1, 12, 23, 59, tzinfo=UTC)
    outside = datetime(2026, 1, 13, 0, 0, tzinfo=UTC)
    good = _articles(
        [{"article_id": "a", "word_count": 1, "published_at": inside}, {"article_id": "b", "word_count": 1}]
    )
    bad = _articles([{"article_id": "a", "word_count": 1, "published_at": outside}])
    result = checks.dates_in_partition(good, "2026-01-12")
    assert result.passed
    assert result.metadata["unknown_date"].value == 1
    assert not checks.dates_in_partition(bad, "2026-01-12").passed


def test_dates_no_partition_could_hold_are_counted_apart() -> None:
    far = datetime(2099, 1, 1, tzinfo=UTC)
    rows = _articles(
        [
            {"article_id": "a", "word_count": 1, "published_at": far, "filing_reason": "published_after_capture"},
            {"article_id": "b", "word_count": 1, "published_at": datetime(2026, 1, 12, 8, 0, tzinfo=UTC)},
            {"article_id": "c", "word_count": 1},
        ]
    )
    result = checks.dates_in_partition(rows, "2026-01-12")
    assert result.passed
    assert {k: v.value for k, v in result.metadata.items()} == {
        "outside": 0,
        "unknown_date": 1,
        "filed_by_capture_day": 1,
    }
    assert checks.dates_in_partition(_articles([]), "2026-01-12").passed


def test_extract_failure_rate() -> None:
    assert checks.extract_failure_rate(100, 5).passed
    assert not checks.extract_failure_rate(100, 50).passed
    assert checks.extract_failure_rate(0, 0).passed


def _members(story_ids: list[str]) -> pa.Table:
    return pa.Table.from_pylist(
        [
            {
                "article_id": f"a{i}",
                "story_id": s,
                "relation": "duplicate",
                "canonical_article_id": "a0",
                "similarity": 1.0,
            }
            for i, s in enumerate(story_ids)
        ],
        schema=STORY_MEMBERS,
    )


def test_dedupe_ratio_bounds() -> None:
    assert checks.dedupe_ratio(_members(["s1", "s1", "s2"])).passed
    runaway = checks.dedupe_ratio(_members(["s1"] * 50))
    assert not runaway.passed
    assert runaway.metadata["ratio"].value == 50.0


def test_days_complete_names_the_days_a_table_lacks() -> None:
    full = {
        "captures": {"2026-01-12", "2026-01-13"},
        "articles": {"2026-01-12", "2026-01-13"},
        "story_members": {"2026-01-12", "2026-01-13"},
    }
    assert checks.days_complete(full).passed
    result = checks.days_complete({**full, "story_members": {"2026-01-12"}})
    assert not result.passed
    assert result.metadata["missing/story_members"].value == "2026-01-13"
    assert result.metadata["missing/articles"].value == "none"
