"""The sentence rule: an edited copy that rewords every sentence, next to another report of the event.

Self-written texts (a fictional derailment, as in test_real_kinds.py).
"""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np

from tests.dedupe.storykit import article, table
from wirearchive import group_stories
from wirearchive.dedupe import StoryConfig, passages
from wirearchive.dedupe.match import PASSAGE, SENTENCE, Window, linked, ordered_sentences
from wirearchive.dedupe.state import article_signatures

SOURCE = [
    "A freight train carrying grain derailed near the river town of Harlow Falls on Tuesday, spilling "
    "dozens of cars down an embankment and forcing the evacuation of about 300 homes.",
    "No injuries were reported among the crew of three, but the main highway along the river was closed "
    "while inspectors checked a bridge struck by one of the cars.",
    "The railroad said 41 of the train's 96 cars left the tracks shortly after dawn and that a broken rail "
    "was among the possible causes examined by federal investigators.",
    "Residents of the lower town were told to stay with relatives or at the high school gymnasium, where "
    "volunteers handed out blankets and coffee.",
    "Mayor Edith Varga said the town had practised for a spill of this kind for years and that the drills "
    "paid off despite heavy overnight rain.",
]
# The same sentences, each reworded by an editor: words moved and swapped every few words, so no run
# of five words survives long enough for the passage rule.
EDITED = [
    "On Tuesday a grain freight train derailed close to Harlow Falls, the river town, spilling dozens of cars "
    "down one embankment and forcing about 300 homes into evacuation.",
    "Among the three crew no injuries were reported, but the main river highway was closed while the "
    "inspectors checked one bridge struck by a car.",
    "Shortly after dawn 41 of the 96 cars of the train left the tracks, the railroad said, and a broken rail "
    "was among possible causes federal investigators examined.",
    "Lower town residents were told to stay at the high school gymnasium or with relatives, where volunteers "
    "gave out coffee and blankets.",
    "The town, Mayor Edith Varga said, had practised for years for this kind of spill, and the drills paid "
    "off despite the heavy rain overnight.",
]
# Another outlet's own report: the same names, figures and facts, in sentences of its own.
OTHER = [
    "Harlow Falls residents spent Tuesday night in a gymnasium after 41 cars of a 96-car grain train left "
    "the tracks near their homes.",
    "Mayor Edith Varga thanked volunteers and said about 300 homes were emptied before noon.",
    "Federal investigators are looking at a broken rail, according to the railroad, which said the crew of "
    "three was unhurt.",
    "The highway beside the river stayed closed into the evening as a bridge was checked for damage.",
    "Heavy overnight rain slowed the work of crews on the embankment, the mayor said.",
]


def _window(*bodies: str) -> Window:
    rows = [article(f"a{k}", body, source=f"s{k}", hours=k) for k, body in enumerate(bodies)]
    return Window.from_signatures(article_signatures(table(*rows)))


def test_sentence_sets_keep_the_content_tokens_of_long_narrative_sentences() -> None:
    values = passages.sentence_sets(
        "The mayor spoke. “We rebuilt the old harbour wall twice,” Varga said of the "
        "storm.\n\nDredging the harbour channel cost the council 2 million euros."
    )
    # "The mayor spoke." is too short, the quoted sentence keeps too little ("Varga", "storm"): one
    # sentence left, numbered 0, with the words that are not among the most common ("the", "2").
    alone = passages.sentence_sets("Dredging harbour channel cost council two million euros!")
    assert values.tolist() == alone.tolist()
    assert len(alone) == 7 and {int(v) >> 32 for v in alone} == {0}  # "two" is "2", a common word


def test_edited_sentences_count_in_order_and_shuffled_ones_do_not() -> None:
    win = _window(" ".join(SOURCE), " ".join(EDITED), " ".join(EDITED[::-1]))
    counts = ordered_sentences(win, np.array([1, 2]), np.array([0, 0]), 0.7)
    assert counts[0] == 5  # every reworded sentence keeps most of its words, in the source's order
    assert counts[1] == 1  # the same sentences backwards: one in order


def test_an_edited_copy_links_by_sentences_and_another_report_does_not() -> None:
    win = _window(" ".join(SOURCE), " ".join(EDITED), " ".join(OTHER))
    config = StoryConfig(passages=True)
    links = linked(win, np.array([0, 0]), np.array([1, 2]), config)
    assert links.rule[0] == SENTENCE  # not PASSAGE: the rewording broke the 5-gram runs
    assert links.rule[1] not in (PASSAGE, SENTENCE)
    assert ordered_sentences(win, np.array([2]), np.array([0]), 0.7)[0] <= 1


def test_a_line_break_ends_a_sentence() -> None:
    lines = passages.sentence_sets("Freight Train Derails Near Harlow Falls River Town\n" + SOURCE[0])
    assert {int(v) >> 32 for v in lines} == {0, 1}  # the headline line and the lead sentence


def test_identical_sentences_give_equal_sentence_keys_and_the_edited_copy_shares_one() -> None:
    win = _window(" ".join(SOURCE), " ".join(SOURCE), " ".join(EDITED))
    keys = [
        set(win.sentence_keys[win.sentence_key_offsets[k] : win.sentence_key_offsets[k + 1]].tolist()) for k in range(3)
    ]
    assert keys[0] == keys[1] and len(keys[0]) >= 3
    assert all(key >> 32 == 1 for key in keys[0])  # apart from the uint32 passage keys
    assert keys[0] & keys[2]  # a candidate pair even without a shared 5-gram run


def test_group_stories_puts_the_edited_copy_in_the_source_story() -> None:
    day = datetime(2026, 10, 14, 12, tzinfo=UTC)
    rows = {
        r["id"]: r
        for r in group_stories(
            [
                {
                    "id": k,
                    "url": f"https://{k}.example/story",
                    "site": f"{k}.example",
                    "title": None,
                    "published_at": day,
                    "body": "\n\n".join(body),
                }
                for k, body in (("source", SOURCE), ("edited", EDITED), ("other", OTHER))
            ]
        )
    }
    assert rows["edited"]["story_id"] == rows["source"]["story_id"]
    assert rows["other"]["story_id"] != rows["source"]["story_id"]
