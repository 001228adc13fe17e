"""Search over the whole archive: month segments, archive-wide BM25, filters, phrases, counts."""

from __future__ import annotations

import random
import re

import pyarrow as pa
import pytest

from tests.warehouse.conftest import article_row
from warehouse.catalog import FTS_EXTENSION, build_catalog, connect
from warehouse.schema import ARTICLES
from warehouse.search_index import read_segment
from warehouse.writer import write_partition
from wirearchive.config import DataPaths

# Articles in two more months, so the world (November) spans three segments.
MORE = [
    (
        "e1",
        "2026-10-05",
        "apwire",
        "09:00",
        "AP",
        "Ceasefire collapses in the north",
        "Fighting resumed after the ceasefire collapsed and talks were suspended",
    ),
    (
        "e2",
        "2026-12-01",
        "daily",
        "10:00",
        None,
        "Talks on the budget stall",
        "Budget talks stalled in parliament as the opposition walked out",
    ),
    (
        "e3",
        "2026-12-02",
        "rtwire",
        "11:00",
        "Reuters",
        "Ceasefire talks planned",
        "Envoys planned new ceasefire talks for next week",
    ),
]


@pytest.fixture
def archive(world: DataPaths) -> DataPaths:
    for row in MORE:
        write_partition(world, "articles", row[1], pa.Table.from_pylist([article_row(*row)], schema=ARTICLES))
    build_catalog(world)
    return world


def _one_index_bm25(paths: DataPaths, query: str) -> list[tuple[str, float]]:
    """match_bm25 of the fts extension over ONE index of every article: the reference scores."""
    with connect(":memory:", read_only=False) as con:
        con.execute(f"attach '{paths.catalog}' as catalog (read_only)")
        con.execute("create table all_text as select article_id, title, body from catalog.articles")
        con.execute("pragma create_fts_index('all_text', 'article_id', 'title', 'body')")
        return con.execute(
            "select article_id, round(score, 9) from (select article_id, "
            "fts_main_all_text.match_bm25(article_id, ?) as score from all_text) where score is not null "
            "order by all",
            [query],
        ).fetchall()


@pytest.mark.parametrize("query", ["ceasefire talks", "iraq", "oil record exports baghdad", "talks"])
def test_bm25_over_segments_equals_one_index_over_the_archive(archive: DataPaths, query: str) -> None:
    with connect(archive.catalog) as con:
        segments = con.execute("select search_segments, articles_indexed from meta").fetchone()
        ours = con.execute("select article_id, round(score, 9) from bm25(?) order by all", [query]).fetchall()
    assert segments == (3, 12)
    assert ours == _one_index_bm25(archive, query) and ours


def test_filters_k_and_total(archive: DataPaths) -> None:
    with connect(archive.catalog) as con:
        everything = con.execute("select article_id, total_matches from search('talks', k := 2)").fetchall()
        total = con.execute("select total_matches from search_total('talks')").fetchone()
        december = con.execute(
            "select article_id from search('talks', date_from := date '2026-12-01') order by all"
        ).fetchall()
        window = con.execute(
            "select article_id from search('ceasefire', date_from := date '2026-11-01', "
            "date_to := date '2026-11-30', sources := ['daily']) order by all"
        ).fetchall()
    assert len(everything) == 2 and {t for _, t in everything} == {7} and total == (7,)
    assert december == [("e2",), ("e3",)]
    assert window == [("a2",)]


def test_all_words_and_phrase_modes(archive: DataPaths) -> None:
    with connect(archive.catalog) as con:

        def ids(sql: str) -> list[str]:
            return sorted(r[0] for r in con.execute(sql).fetchall())

        any_word = ids("select article_id from search('budget ceasefire', k := 100)")
        all_words = ids("select article_id from search('ceasefire talks', k := 100, mode := 'all')")
        phrase = ids("select article_id from search('ceasefire talks', k := 100, mode := 'phrase')")
        reversed_phrase = ids("select article_id from search('talks ceasefire', k := 100, mode := 'phrase')")
        unknown = ids("select article_id from search('ceasefire zanzibar', k := 100, mode := 'all')")
        stopword_phrase = ids("select article_id from search('talks resume in Baghdad', mode := 'phrase')")
    assert any_word == ["a1", "a2", "a3", "a4", "e1", "e2", "e3"]
    assert all_words == ["a1", "a2", "a3", "a4", "e1", "e3"]
    assert phrase == ["a1", "a2", "a3", "a4", "e3"]  # e1 has both words, not as a phrase
    assert reversed_phrase == [] and unknown == []
    assert stopword_phrase == ["a1", "a2"]


def _builds(paths: DataPaths, month: str) -> list[str]:
    return [build["build_id"] for build in read_segment(paths, month)["builds"]]


def _publish(paths: DataPaths, article_id: str, day: str, title: str, body: str) -> None:
    row = article_row(article_id, day, "herald", "08:00", None, title, body)
    write_partition(paths, "articles", day, pa.Table.from_pylist([row], schema=ARTICLES))
    build_catalog(paths)


def test_a_publish_indexes_only_its_days(archive: DataPaths) -> None:
    before = {month: _builds(archive, month) for month in ("2026-10", "2026-11", "2026-12")}
    _publish(archive, "e4", "2026-12-03", "Snow closes roads", "Heavy snow closed roads")
    after = {month: _builds(archive, month) for month in before}
    assert [m for m in before if before[m] != after[m]] == ["2026-12"]
    assert after["2026-12"][0] == before["2026-12"][0] and len(after["2026-12"]) == 2  # Dec 1-2 kept as built
    with connect(archive.catalog) as con:
        assert con.execute("select search_months_rebuilt, search_days_indexed from meta").fetchone() == (
            ["2026-12"],
            ["2026-12-03"],
        )
        assert con.execute("select article_id from search('snow')").fetchall() == [("e4",)]


def test_a_changed_day_is_split_out_and_a_quiet_month_merged(archive: DataPaths) -> None:
    november = _builds(archive, "2026-11")
    _publish(archive, "a9", "2026-11-21", "Snow in the north", "Snow fell on the northern hills")  # a new version
    with connect(archive.catalog) as con:
        assert con.execute("select search_days_indexed from meta").fetchone() == (["2026-11-21"],)
        split = _builds(archive, "2026-11")
        assert len(split) == 2 and november[0] not in split  # the other days copied out, the day re-indexed
        snow = con.execute("select article_id from search('snow') order by all").fetchall()
    _publish(archive, "e5", "2026-12-02", "Flood warning", "Rivers rose after the storm")
    with connect(archive.catalog) as con:
        merged = _builds(archive, "2026-11")
        assert con.execute("select search_months_rebuilt, search_days_indexed from meta").fetchone() == (
            ["2026-11", "2026-12"],
            ["2026-12-02"],
        )
        assert len(merged) == 1 and merged[0] not in split  # untouched this time: merged into one build
        assert con.execute("select article_id from search('snow') order by all").fetchall() == snow
        assert ("a9",) in snow
    for query in ("ceasefire talks", "snow", "talks"):
        with connect(archive.catalog) as con:
            ours = con.execute("select article_id, round(score, 9) from bm25(?) order by all", [query]).fetchall()
        assert ours == _one_index_bm25(archive, query) and ours


def test_pages_the_article_gate_flagged_are_not_searched(world: DataPaths) -> None:
    news = article_row(
        "n1", "2026-12-03", "daily", "09:00", None, "Zeppelin festival opens", "A zeppelin festival opened"
    )
    listing = {
        **article_row("n2", "2026-12-03", "daily", "10:00", None, "Zeppelin tags", "Zeppelin zeppelin zeppelin"),
        "not_article": "not_article_listing",
    }
    write_partition(world, "articles", "2026-12-03", pa.Table.from_pylist([news, listing], schema=ARTICLES))
    build_catalog(world)
    with connect(world.catalog) as con:
        hits = con.execute("select article_id from search('zeppelin')").fetchall()
        total = con.execute("select total_matches from search_total('zeppelin')").fetchone()
        kept = con.execute("select count(*) from articles where article_id = 'n2'").fetchone()
    assert hits == [("n1",)] and total == (1,)
    assert kept == (1,)  # the flagged page keeps its row in articles


def test_search_needs_no_extension(archive: DataPaths) -> None:
    import duckdb

    with duckdb.connect(
        str(archive.catalog),
        read_only=True,
        config={"autoinstall_known_extensions": False, "autoload_known_extensions": False},
    ) as con:
        rows = con.execute("select article_id from search('hurricane landfall')").fetchall()
        loaded = con.execute(
            "select count(*) from duckdb_extensions() where loaded and extension_name = 'fts'"
        ).fetchone()
    assert rows == [("d1",)] and loaded == (0,)
    assert FTS_EXTENSION.is_file()


# Few words, so phrases recur, their pairs occur apart, and stop words sit inside phrases.
PHRASE_WORDS = ["talks", "resume", "in", "the", "north", "ceasefire", "holds", "of", "envoys", "meet", "Baghdad"]


def _tokens(text: str) -> list[str]:
    """The tokenizer's split of an ASCII text: lower case, runs of letters."""
    return [t for t in re.split(r"[^a-z]+", text.lower()) if t]


def _holds(text: str, phrase: list[str]) -> bool:
    words = _tokens(text)
    return any(words[i : i + len(phrase)] == phrase for i in range(len(words) - len(phrase) + 1))


def test_phrase_search_equals_a_brute_force_scan(paths: DataPaths) -> None:
    rng = random.Random(17)
    texts = {}
    for n in range(80):
        day = f"2026-{10 + n % 2}-{1 + n % 28:02d}"
        title = " ".join(rng.choices(PHRASE_WORDS, k=4))
        body = ". ".join(" ".join(rng.choices(PHRASE_WORDS, k=6)) for _ in range(4))
        texts[f"p{n}"] = (day, title, body)
    for day in sorted({d for d, _, _ in texts.values()}):
        rows = [
            article_row(a, d, "daily", "09:00", None, title, body) for a, (d, title, body) in texts.items() if d == day
        ]
        write_partition(paths, "articles", day, pa.Table.from_pylist(rows, schema=ARTICLES))
    build_catalog(paths)
    phrases = ["talks resume", "in the north", "ceasefire holds in Baghdad", "north talks", "talks"]
    phrases += [" ".join(rng.choices(PHRASE_WORDS, k=rng.randint(2, 4))) for _ in range(25)]
    # a phrase of stop words only has no indexed term, so it matches nothing (as any query of them)
    phrases = [p for p in phrases if set(_tokens(p)) - {"in", "the", "of"}]
    checked = 0
    with connect(paths.catalog) as con:
        for phrase in phrases:
            want = sorted(
                a
                for a, (_, title, body) in texts.items()
                if _holds(title, _tokens(phrase)) or _holds(body, _tokens(phrase))
            )
            got = sorted(
                r[0] for r in con.execute("select article_id from bm25(?, mode := 'phrase')", [phrase]).fetchall()
            )
            total = con.execute("select total_matches from search_total(?, mode := 'phrase')", [phrase]).fetchone()
            assert got == want, phrase
            assert total == (len(want),)
            checked += bool(want)
    assert checked >= 10  # most phrases match something: the check is not vacuous


# Words of Zipf-like frequencies (a word's weight falls with its rank), so some terms fill their
# heads and others do not, and documents of different lengths weigh the same term differently.
RANKED_WORDS = ["storm", "river", "power", "bridge", "market", "school", "harbor", "senate", "wheat", "copper"]


def test_top_k_from_heads_equals_the_k_best_of_all_hits(paths: DataPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("warehouse.search_index.HEAD_SIZE", 6)  # heads far smaller than the terms' df
    rng = random.Random(23)
    weights = [1 / (rank + 1) for rank in range(len(RANKED_WORDS))]
    for n in range(12):
        day = f"2026-{9 + n % 3:02d}-{1 + n:02d}"
        rows = []
        for i in range(10):
            focus = rng.choices(RANKED_WORDS, weights=weights, k=2)  # what the article is about
            words = rng.choices(RANKED_WORDS, weights=weights, k=rng.randint(3, 30)) + focus * rng.randint(1, 8)
            rng.shuffle(words)
            rows.append(
                article_row(f"z{n}-{i}", day, rng.choice(["daily", "herald"]), "09:00", None, "", " ".join(words))
            )
        write_partition(paths, "articles", day, pa.Table.from_pylist(rows, schema=ARTICLES))
    build_catalog(paths)
    queries = ["storm", "storm river", "wheat copper", "senate", "river harbor wheat", "power storm copper bridge"]
    from_heads = 0
    with connect(paths.catalog) as con:
        for q in queries:
            for k in (1, 5):
                for extra in ("", ", date_from := date '2026-10-01'", ", sources := ['herald']"):
                    top = con.execute(
                        f"select month, docid, round(score, 9), from_heads from search_top(?, k := {k}{extra})", [q]
                    ).fetchall()
                    want = con.execute(
                        f"select month, docid, round(score, 9) from search_hits(?{extra}) "
                        f"order by score desc, month, docid limit {k}",
                        [q],
                    ).fetchall()
                    assert [row[:3] for row in top] == want, (q, k, extra)
                    from_heads += bool(top) and top[0][3]
    assert from_heads >= 5  # the early stop succeeds on some of these 36 queries (8 when written): not vacuous
