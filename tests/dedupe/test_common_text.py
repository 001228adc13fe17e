"""Common text: a passage many reports on different names and numbers share is not evidence.

Self-written texts: one newsletter blurb under short reports of unrelated (fictional) events.
"""

from __future__ import annotations

import numpy as np

from tests.dedupe.storykit import article, table
from wirearchive.dedupe import StoryConfig
from wirearchive.dedupe.match import NONE, Window, anchor_groups, common, common_sentences, linked
from wirearchive.dedupe.state import article_signatures

BLURB = (
    "Sign up for our morning briefing to get the day's most important stories from around the region "
    "delivered to your inbox before breakfast, with analysis from our correspondents and a short reading "
    "list chosen by the editors every weekday, free of charge and easy to cancel at any time you like."
)
EVENTS = [
    "Firefighters in Oldmere put out a blaze at the Kestrel paper mill on Monday after 14 hours.",
    "The Brannock city council approved a 38 million budget for the Tarn Valley tramway on Tuesday.",
    "Goalkeeper Ines Marrow saved two penalties as Caldwick Rovers beat Aldfield 3-1 in the cup final.",
    "Astronomers at the Pellham observatory reported a comet named Yarrow-Sato brightening near Vega.",
    "The Ostrava Lane bakery run by Tomas Wyck reopened after floods damaged its ovens in March 2025.",
]


def _window(bodies: list[str], spread: int) -> Window:
    """Five reports: the blurb's capitalised "Sign" is an anchor of each, so a permutation may group
    three of them; common text from 3 groups (the default, 10, suits a day of a real window)."""
    rows = [article(f"a{k}", body, source=f"s{k}", hours=k) for k, body in enumerate(bodies)]
    return Window.from_signatures(article_signatures(table(*rows)), spread)


def test_a_blurb_under_reports_of_unrelated_events_is_common_text() -> None:
    bodies = [f"{event}\n\n{BLURB}" for event in EVENTS]
    win = _window(bodies, 3)
    blurb_grams = win.gram_values[win.gram_offsets[0] : win.gram_offsets[1]][-24:-4]
    assert (blurb_grams != 0).all()
    assert (win.link_grams[win.gram_offsets[0] : win.gram_offsets[1]][-24:-4] == 0).all()  # masked for links
    # The whole texts stay for relations; the events' own sentences are not common.
    assert (win.gram_values[win.gram_offsets[0] : win.gram_offsets[1]][:5] != 0).all()
    assert (win.link_grams[win.gram_offsets[0] : win.gram_offsets[1]][:5] != 0).all()


def test_the_blurb_links_unrelated_reports_only_when_kept_as_evidence() -> None:
    bodies = [f"{event}\n\n{BLURB}" for event in EVENTS]
    i, j = np.array([0, 0, 1]), np.array([1, 2, 3])
    config = StoryConfig(passages=True)
    assert (linked(_window(bodies, 0), i, j, config).rule != NONE).all()  # the blurb alone passes
    assert (linked(_window(bodies, 3), i, j, config).rule == NONE).all()


def test_copies_of_one_report_are_one_anchor_group_not_common_text() -> None:
    report = f"{EVENTS[0]} The mill's owner, Dorrit Lask, said 220 workers would be paid.\n\n{BLURB}"
    win = _window([report] * 6, 4)
    assert not common(win.gram_offsets, win.gram_values, anchor_groups(win.anchors, win.n_anchors), 4).any()


def test_common_sentences_drop_whole_sentences_and_keep_the_numbering() -> None:
    bodies = [f"{event}\n\n{BLURB}" for event in EVENTS]
    full = _window(bodies, 0)
    groups = anchor_groups(full.anchors, full.n_anchors)
    offsets, values = common_sentences(full.sentence_offsets, full.sentence_values, groups, 3)
    before = full.sentence_values[full.sentence_offsets[0] : full.sentence_offsets[1]] >> np.uint64(32)
    after = values[offsets[0] : offsets[1]] >> np.uint64(32)
    assert set(before.tolist()) == {0, 1}  # the event's sentence, then the blurb's
    assert set(after.tolist()) == {0}


def test_sentences_of_another_event_need_its_anchors() -> None:
    template = (
        "Rescue teams in boats ferried residents from flooded neighbourhoods of {city}, some stranded on "
        "rooftops for hours. Schools and offices in {city} were closed and the main airport cancelled all "
        "flights until further notice."
    )
    a = template.format(city="Varnholt") + (
        " Governor Alma Quist visited the Ebbing district with Mayor Tobiah Renn and 40 soldiers of the"
        " Fifth Engineer Brigade on 3 May. Relief came from Oskarby, Hallin Ridge and the Tessel Islands,"
        " 12 trucks and 260 tents in all, the Red Lantern Society said."
    )
    b = template.format(city="Lindqvar") + (
        " Premier Osric Tamm toured the Soller quarter with Senator Hedda Brun and 75 sailors of the"
        " Coastal Relief Flotilla on 9 June. Aid arrived from Mirewick, Padden Cove and Fort Alvarr,"
        " 31 barges and 940 blankets in all, the Northern Aid Guild said."
    )
    win = _window([a, b], 0)
    i, j = np.array([0]), np.array([1])
    loose = StoryConfig(passages=True, passage_tokens=10_000, brief_tokens=10_000, sentence_anchors=0.0)
    assert linked(win, i, j, loose).rule[0] != NONE  # like sentences, in order
    strict = StoryConfig(passages=True, passage_tokens=10_000, brief_tokens=10_000)
    assert linked(win, i, j, strict).rule[0] == NONE  # other names and places


TEMPLATE = (
    "Rescue teams in boats carried people from flooded streets, some of them stuck on roofs for hours, while "
    "schools and offices stayed closed and the main airport cancelled all flights until further notice. Farmers "
    "said they had lost most of their crops to the wind and the water, and officials warned that more rain could "
    "fall in the hills later in the week."
)
FLOOD_A = (
    "Governor Alma Quist of Varnholt declared an emergency on 3 May after the Ebbing River rose 4.2 metres, "
    "and Mayor Tobiah Renn opened 17 shelters in Oskarby and Hallin Ridge. The Red Lantern Society sent 12 "
    "trucks and 260 tents from Tessel, and Colonel Brannoch Hale said 1,450 soldiers of the Fifth Engineer "
    "Brigade were on their way to Ebbing."
)
FLOOD_B = (
    "Premier Osric Tamm of Lindqvar sent 75 sailors of the Coastal Relief Flotilla to Mirewick on 9 June, "
    "and Senator Hedda Brun said 940 families in Padden Cove had lost their homes. The Northern Aid Guild "
    "shipped 31 barges of blankets from Fort Alvarr, and Admiral Corvin Ashe said 3,200 people of Saltmere "
    "Bay were still missing."
)


def test_a_template_passage_under_two_events_is_common_when_their_anchors_disagree() -> None:
    """A small day has too few reports to count a template as common; the two events name
    different people, places and numbers, which ``common_anchors`` sees with two holders."""
    bodies = [f"{FLOOD_A}\n\n{TEMPLATE}", f"{FLOOD_B}\n\n{TEMPLATE}"]
    rows = [article(f"a{k}", body, source=f"s{k}", hours=k) for k, body in enumerate(bodies)]
    signatures = article_signatures(table(*rows))
    i, j = np.array([0]), np.array([1])
    config = StoryConfig(passages=True, common_spread=0)
    assert linked(Window.from_signatures(signatures, 0, 0.0), i, j, config).rule[0] != NONE  # the template links
    win = Window.from_signatures(signatures, 0, 0.2)
    assert linked(win, i, j, config).rule[0] == NONE
    template = win.gram_values[win.gram_offsets[0] : win.gram_offsets[1]][-30:-4]
    assert (template != 0).all() and (win.link_grams[win.gram_offsets[0] : win.gram_offsets[1]][-30:-4] == 0).all()


def test_copies_and_an_edited_copy_of_one_report_keep_their_passages() -> None:
    """Copies of one report name the same things: nothing of theirs is common text, and the
    edited copy (a sentence cut, a paragraph added on top) still links by its passages."""
    report = f"{FLOOD_A}\n\n{TEMPLATE}"
    edited = "Our correspondent on the coast sends this report from the region.\n\n" + report.replace(
        " and engineers warned", ". Engineers warned"
    )
    rows = [article("a", report, source="wire", hours=0), article("b", report, source="x", hours=1)]
    rows.append(article("c", edited, source="y", hours=2))
    win = Window.from_signatures(article_signatures(table(*rows)), 0, 0.2)
    assert (win.link_grams == win.gram_values).all()
    links = linked(win, np.array([0, 0]), np.array([1, 2]), StoryConfig(passages=True))
    assert (links.rule != NONE).all()
