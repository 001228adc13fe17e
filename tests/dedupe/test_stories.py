"""assign_stories: each relation, hard negatives, stable ids, and the seed case."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.dedupe.storykit import article, table
from warehouse.schema import STORY_MEMBERS
from wirearchive.dedupe import SIGNATURES, StoryConfig, article_signatures, assign_stories, story_id

# An independent report on the same event as the seed: same names, places and numbers, own words.
OWN_REPORT = """\
BAGHDAD — Supporters of Kataib Hezbollah packed up their tents outside the US Embassy in Baghdad on \
Wednesday, ending a siege that Washington blamed on Iran.

Witnesses said the last of the protesters left the Green Zone by late afternoon, many of them waving \
the yellow flags of the Popular Mobilization Forces and promising to return.

Defense Secretary Mark Esper has ordered 750 soldiers from the 82nd Airborne Division to Kuwait, and \
officials said as many as 4,000 more could follow in the coming days.

President Donald Trump, speaking at Mar-a-Lago in Florida, blamed Tehran for the attack and said it \
would pay "a very BIG PRICE" for any lives lost.

The crisis began with American air strikes on five bases of Kataib Hezbollah in Iraq and Syria that \
killed 25 fighters, a response to a rocket attack that killed an American contractor.

Iraqi Prime Minister Adel Abdul Mahdi, who resigned last month, called the strikes a violation of \
Iraqi sovereignty and summoned the American ambassador.

Fadhil al-Gezzi, a supporter of the militia, told reporters the crowd had made its point and would \
leave peacefully.

Analysts in Baghdad said the episode showed how easily the rivalry between Washington and Tehran \
could spill onto Iraqi streets, and how little the government can do to stop it."""


def _run(day: list[dict], window: list[dict] = (), **kwargs) -> dict[str, dict]:
    day_sigs = article_signatures(table(*day))
    window_sigs = article_signatures(table(*window)) if window else SIGNATURES.empty_table()
    out = assign_stories(day_sigs, window_sigs, **kwargs)
    assert out.schema.equals(STORY_MEMBERS)
    return {row["article_id"]: row for row in out.to_pylist()}


@pytest.fixture(scope="module")
def original(seed_pair: tuple[str, str]) -> str:
    return seed_pair[1]


def test_verbatim_copy_on_another_outlet_is_a_duplicate(original: str) -> None:
    rows = _run([article("a", original, source="nypost"), article("b", original, source="foxnews", hours=2)])
    assert rows["a"]["relation"] == "original"
    assert rows["a"]["version"] == 1
    assert rows["b"]["relation"] == "duplicate"
    assert rows["b"]["evidence"] == "body_hash"
    assert rows["b"]["similarity"] == 1.0
    assert rows["b"]["story_id"] == rows["a"]["story_id"] == story_id("a")
    assert rows["b"]["canonical_article_id"] == "a"


def test_same_canonical_url_with_new_body_is_an_update(original: str) -> None:
    first = article("a", original, url="https://nypost.example/story")
    later = article(
        "b",
        original + "\n\nThis story has been updated with the Pentagon's statement.",
        hours=3,
        url="https://nypost.example/story",
    )
    rows = _run([first, later])
    assert rows["b"]["story_id"] == rows["a"]["story_id"]
    assert rows["b"]["relation"] == "update"
    assert rows["b"]["evidence"].startswith("canonical_url:")
    assert rows["b"]["version"] == 2


def test_first_paragraphs_copy_is_trimmed(original: str) -> None:
    cut = "\n\n".join(original.split("\n\n")[:6])
    rows = _run([article("a", original), article("b", cut, source="metro", hours=1)])
    assert rows["b"]["story_id"] == rows["a"]["story_id"]
    assert rows["b"]["relation"] == "trimmed"
    assert rows["b"]["evidence"].startswith("passage:")
    assert rows["b"]["copy_of"] == "a"


def test_write_through_with_new_lead_is_an_update_with_version_2(original: str) -> None:
    paragraphs = original.split("\n\n")
    new_lead = (
        "Iran-backed militiamen ended their two-day siege of the US Embassy in Baghdad on Wednesday as "
        "the Pentagon rushed 750 paratroopers to the region and warned 4,000 more were on standby."
    )
    added = (
        "Late on Wednesday the State Department said embassy staff were safe and that consular services "
        "would stay suspended until further notice."
    )
    update = "\n\n".join([new_lead, added, *paragraphs[1:]])
    rows = _run(
        [
            article("a", original, source="ap"),
            article("b", update, source="ap", hours=4),
            article("c", update, source="metro", hours=6),
        ]
    )
    assert rows["b"]["story_id"] == rows["a"]["story_id"] == rows["c"]["story_id"]
    assert rows["b"]["relation"] == "update"
    assert rows["b"]["version"] == 2
    assert rows["c"]["relation"] == "duplicate"  # an outlet's copy of the write-through ...
    assert rows["c"]["copy_of"] == "b"  # ... is a duplicate of that version, not an update of the first
    assert rows["c"]["version"] == 2


def test_seed_case_spun_copy_is_derived(seed_pair: tuple[str, str]) -> None:
    spun, original = seed_pair
    rows = _run([article("orig", original, source="nypost"), article("spun", spun, source="farm", hours=5)])
    assert rows["spun"]["story_id"] == rows["orig"]["story_id"]
    assert rows["spun"]["relation"] == "derived"
    assert rows["spun"]["version"] is None
    assert rows["spun"]["evidence"].startswith("skeleton:")


def test_separate_report_on_the_same_event_is_another_story(seed_pair: tuple[str, str]) -> None:
    spun, original = seed_pair
    rows = _run(
        [
            article("orig", original, source="nypost"),
            article("own", OWN_REPORT, source="wapo", hours=1),
            article("spun", spun, source="farm", hours=5),
        ]
    )
    assert rows["own"]["story_id"] != rows["orig"]["story_id"]
    assert rows["own"]["relation"] == "original"
    assert rows["spun"]["story_id"] == rows["orig"]["story_id"]


def test_wire_version_is_canonical_even_when_published_later(original: str) -> None:
    rows = _run(
        [article("outlet", original, source="metro"), article("wire", original, source="apwire", hours=1)],
        wire_sources={"apwire"},
    )
    assert rows["wire"]["relation"] == "original"
    assert rows["outlet"]["relation"] == "duplicate"
    assert rows["outlet"]["canonical_article_id"] == "wire"
    assert rows["wire"]["copy_of"] is None  # the canonical copies nothing, even when an outlet ran it first
    assert rows["outlet"]["copy_of"] == "wire"
    assert rows["outlet"]["story_id"] == rows["wire"]["story_id"] == story_id("outlet")  # id: earliest member


def test_empty_day_gives_an_empty_table() -> None:
    out = assign_stories(SIGNATURES.empty_table(), SIGNATURES.empty_table())
    assert out.num_rows == 0
    assert out.schema.equals(STORY_MEMBERS)


class TestStableIds:
    """Ids depend only on the articles of the window: reruns, late arrivals, partition order."""

    @staticmethod
    def _days(original: str, spun: str) -> list[pa.Table]:
        cut = "\n\n".join(original.split("\n\n")[:5])
        return [
            article_signatures(table(article("d1-wire", original, source="apwire"))),
            article_signatures(
                table(
                    article("d2-copy", original, source="metro", hours=26),
                    article("d2-other", OWN_REPORT, source="wapo", hours=27),
                )
            ),
            article_signatures(
                table(
                    article("d3-trim", cut, source="herald", hours=50),
                    article("d3-spun", spun, source="farm", hours=51),
                )
            ),
        ]

    @staticmethod
    def _run_day(days: list[pa.Table], d: int) -> list[dict]:
        window = pa.concat_tables([SIGNATURES.empty_table(), *days[max(0, d - 3) : d]])
        return assign_stories(days[d], window).to_pylist()

    def test_rerun_gives_identical_rows(self, seed_pair: tuple[str, str]) -> None:
        days = self._days(seed_pair[1], seed_pair[0])
        assert self._run_day(days, 2) == self._run_day(days, 2)

    def test_partition_order_does_not_matter(self, seed_pair: tuple[str, str]) -> None:
        days = self._days(seed_pair[1], seed_pair[0])
        forward = [self._run_day(days, d) for d in (0, 1, 2)]
        backward = [self._run_day(days, d) for d in (2, 1, 0)][::-1]
        assert forward == backward

    def test_later_articles_join_the_existing_story(self, seed_pair: tuple[str, str]) -> None:
        days = self._days(seed_pair[1], seed_pair[0])
        first = self._run_day(days, 0)[0]["story_id"]
        rows = {r["article_id"]: r for d in (1, 2) for r in self._run_day(days, d)}
        assert first == story_id("d1-wire")
        assert {rows[a]["story_id"] for a in ("d2-copy", "d3-trim", "d3-spun")} == {first}
        assert rows["d2-other"]["story_id"] == story_id("d2-other")
        assert rows["d3-trim"]["relation"] == "trimmed"
        assert rows["d3-spun"]["relation"] == "derived"

    def test_a_day_article_reaches_the_story_through_window_articles(self, seed_pair: tuple[str, str]) -> None:
        """The day's report links only to a window page holding it and the wire's story, which
        links to the wire: verification outward from the day must follow that second step."""
        original = seed_pair[1]
        wire = article_signatures(table(article("w1-wire", original, source="apwire")))
        both = article_signatures(table(article("w2-both", f"{original}\n\n{OWN_REPORT}", source="metro", hours=26)))
        report = article_signatures(table(article("w3-report", OWN_REPORT, source="wapo", hours=50)))
        alone = assign_stories(report, wire).to_pylist()[0]
        chained = assign_stories(report, pa.concat_tables([wire, both])).to_pylist()[0]
        assert alone["story_id"] == story_id("w3-report")  # the report alone is another story
        assert chained["story_id"] == story_id("w1-wire")

    def test_story_older_than_the_window_continues_under_a_new_id(self, seed_pair: tuple[str, str]) -> None:
        original = seed_pair[1]
        first = article_signatures(table(article("d1", original, source="apwire")))
        late = article_signatures(table(article("d6", original, source="metro", hours=5 * 24)))
        config = StoryConfig(lookback_days=3)
        inside = assign_stories(late, first, config=config).to_pylist()[0]
        outside = assign_stories(late, SIGNATURES.empty_table(), config=config).to_pylist()[0]
        assert inside["story_id"] == story_id("d1")  # when the window still holds the first article
        assert outside["story_id"] == story_id("d6")  # the documented cut at the window edge


def test_signatures_survive_a_parquet_round_trip(tmp_path: Path, seed_pair: tuple[str, str]) -> None:
    spun, original = seed_pair
    window = article_signatures(table(article("orig", original, source="nypost")))
    pq.write_table(window, tmp_path / "data.parquet")
    stored = pq.read_table(tmp_path / "data.parquet")
    assert stored.schema.equals(SIGNATURES)
    day = article_signatures(table(article("spun", spun, source="farm", hours=5)))
    row = assign_stories(day, stored).to_pylist()[0]
    assert row["story_id"] == story_id("orig")
