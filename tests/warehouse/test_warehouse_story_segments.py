"""Story tables kept per month: a publish recomputes only the months it touches, with the same rows."""

from __future__ import annotations

import pyarrow as pa
import pytest

from tests.warehouse.conftest import article_row
from warehouse.catalog import build_catalog, connect, table_view_sql
from warehouse.schema import ARTICLES, STORY_MEMBERS, TABLES
from warehouse.story_segments import MEMBER_ARTICLES_SQL, STORY_TABLES, apply_story_sql, read_segment
from warehouse.writer import write_partition
from wirearchive.config import DataPaths

# (article_id, day, source, hh:mm, wire, story_id, relation): story "edge" starts on the last day of
# October and is copied on the first two days of November; the others stay in one month.
MEMBERS = [
    ("o1", "2026-10-20", "apwire", "08:00", "AP", "october", "original"),
    ("o2", "2026-10-21", "daily", "09:00", "AP", "october", "duplicate"),
    ("e1", "2026-10-31", "apwire", "22:00", "AP", "edge", "original"),
    ("e2", "2026-11-01", "daily", "01:00", "AP", "edge", "duplicate"),
    ("e3", "2026-11-02", "herald", "06:00", None, "edge", "trimmed"),
    ("n1", "2026-11-15", "rtwire", "10:00", "Reuters", "november", "original"),
    ("n2", "2026-11-15", "herald", "12:00", "Reuters", "november", "derived"),
    ("d1", "2026-12-10", "apwire", "07:00", "AP", "december", "original"),
]


def _publish(paths: DataPaths, rows: list[tuple[str, str, str, str, str | None, str, str]], day: str) -> None:
    """Publish the articles and members of ``rows`` that fall on ``day`` (its whole partitions)."""
    canonical = {r[5]: r[0] for r in rows if r[6] == "original"}
    of_day = [r for r in rows if r[1] == day]
    articles = [article_row(*r[:5], f"Story {r[5]}", f"The {r[5]} story as {r[2]} ran it") for r in of_day]
    members = [
        {
            "article_id": r[0],
            "story_id": r[5],
            "relation": r[6],
            "canonical_article_id": canonical[r[5]],
            "copy_of": None if r[6] == "original" else canonical[r[5]],
            "similarity": 1.0,
            "evidence": "test",
        }
        for r in of_day
    ]
    write_partition(paths, "articles", day, pa.Table.from_pylist(articles, schema=ARTICLES))
    write_partition(paths, "story_members", day, pa.Table.from_pylist(members, schema=STORY_MEMBERS))


@pytest.fixture
def months(paths: DataPaths) -> DataPaths:
    for day in sorted({r[1] for r in MEMBERS}):
        _publish(paths, MEMBERS, day)
    build_catalog(paths)
    return paths


def _story_rows(paths: DataPaths) -> dict[str, list[tuple]]:
    with connect(paths.catalog) as con:
        return {table: con.execute(f"select * from {table} order by all").fetchall() for table in STORY_TABLES}


def _whole_archive_rows(paths: DataPaths) -> dict[str, list[tuple]]:
    """The story tables computed at once over every partition: what the segments must equal."""
    from importlib.resources import files

    with connect(":memory:", read_only=False) as con:
        for table in TABLES:
            con.execute(table_view_sql(paths, table))
        con.execute(files("warehouse").joinpath("sql").joinpath(MEMBER_ARTICLES_SQL).read_text())
        apply_story_sql(con)
        return {table: con.execute(f"select * from {table} order by all").fetchall() for table in STORY_TABLES}


def test_segments_equal_the_whole_archive_computation(months: DataPaths) -> None:
    rows = _story_rows(months)
    assert rows == _whole_archive_rows(months)
    assert sorted((r[0], r[10]) for r in rows["stories"]) == [
        ("december", 1),
        ("edge", 3),
        ("november", 2),
        ("october", 2),
    ]
    # (story_id, n_articles); the story crossing the month edge is in October's segment only
    assert {m: read_segment(months, m)["stories"] for m in ("2026-10", "2026-11", "2026-12")} == {
        "2026-10": 2,
        "2026-11": 1,
        "2026-12": 1,
    }
    with connect(months.catalog) as con:
        assert con.execute("select story_segments, story_months_rebuilt from meta").fetchone() == (
            3,
            ["2026-10", "2026-11", "2026-12"],
        )


def test_a_publish_recomputes_only_the_months_it_touches(months: DataPaths) -> None:
    before = {m: read_segment(months, m)["build_id"] for m in ("2026-10", "2026-11", "2026-12")}
    build_catalog(months)  # nothing changed: every segment reused, no row added
    with connect(months.catalog) as con:
        assert con.execute("select story_months_rebuilt from meta").fetchone() == ([],)
        assert con.execute("select count(*) from stories").fetchone() == (4,)

    later = [*MEMBERS, ("d2", "2026-12-10", "daily", "09:00", "AP", "december", "duplicate")]
    _publish(months, later, "2026-12-10")
    build_catalog(months)
    with connect(months.catalog) as con:
        assert con.execute("select story_months_rebuilt from meta").fetchone() == (["2026-12"],)
    assert read_segment(months, "2026-11")["build_id"] == before["2026-11"]

    # a copy of the edge story on 2 November: within the span of October's segment and in November's
    later.append(("e4", "2026-11-02", "daily", "07:00", "AP", "edge", "duplicate"))
    _publish(months, later, "2026-11-02")
    build_catalog(months)
    with connect(months.catalog) as con:
        assert con.execute("select story_months_rebuilt from meta").fetchone() == (["2026-10", "2026-11"],)
        assert con.execute("select n_articles, n_copies from stories where story_id = 'edge'").fetchone() == (4, 3)
        assert con.execute("select count(*) from pickup_lag where story_id = 'edge'").fetchone() == (3,)
    assert _story_rows(months) == _whole_archive_rows(months)


def test_a_copy_dated_before_its_story_keeps_its_negative_lag(paths: DataPaths) -> None:
    """Parquet cannot hold a negative interval: the segment stores microseconds, the view an interval."""
    from datetime import timedelta

    early = [
        ("w1", "2026-11-20", "apwire", "10:00", "AP", "early", "original"),
        ("w2", "2026-11-20", "daily", "08:00", "AP", "early", "duplicate"),
    ]
    _publish(paths, early, "2026-11-20")
    build_catalog(paths)
    with connect(paths.catalog) as con:
        got = con.execute("select article_id, lag, lag_minutes from pickup_lag").fetchall()
        kind = con.execute("select typeof(lag) from pickup_lag limit 1").fetchone()
    assert got == [("w2", timedelta(minutes=-120), -120.0)]
    assert kind == ("INTERVAL",)
    assert _story_rows(paths) == _whole_archive_rows(paths)
