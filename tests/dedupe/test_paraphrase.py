"""The paraphrase rule: a spun copy and a translation of a report, next to another report of the event.

Self-written texts (a fictional mine rescue).
"""

from __future__ import annotations

import sys
import zlib
from datetime import UTC, datetime

import numpy as np

from tests.dedupe.storykit import article, table
from wirearchive import group_stories
from wirearchive.dedupe import StoryConfig, paraphrase
from wirearchive.dedupe.match import NONE, PARAPHRASE, Window, linked, ordered_sentences
from wirearchive.dedupe.paraphrase import paraphrased
from wirearchive.dedupe.state import article_signatures

SOURCE = [
    "Rescuers pulled 14 miners alive from the flooded Kestrel Ridge colliery in northern Valdmark on "
    "Thursday, three days after water burst into a tunnel 420 metres below ground.",
    "The men had taken shelter in an air pocket near an old ventilation shaft and survived on rainwater "
    "and the food in their lunch boxes, the regional governor Anja Lindqvist told reporters.",
    "Two miners are still missing and divers from the Norrhavn fire brigade resumed the search at dawn, "
    "pumping out about 900 cubic metres of water an hour.",
    "The company that runs the mine, Brenmoor Resources, said safety inspectors had visited the site in "
    "March and found no fault with the drainage system.",
    "Families who had waited at the pit gate since Monday cheered as ambulances carried the survivors "
    "to the hospital in Tollby, where doctors said most were in good condition.",
    "Prime Minister Gustav Ekholm, who flew to the region on Wednesday, promised an independent inquiry "
    "into the flooding and the mine's emergency plans.",
]
# A content-farm spin: most common words swapped for synonyms, names and numbers kept, same order.
SPUN = [
    "Rescuers hauled 14 miners living from the inundated Kestrel Ridge colliery in upper Valdmark on "
    "Thursday, three days once water exploded into a passage 420 metres beneath floor.",
    "The males had captured refuge in an atmosphere pocket close to an aged airflow shaft and endured on "
    "rainwater and the meals in their noon containers, the provincial governor Anja Lindqvist informed "
    "journalists.",
    "Two miners stay lacking and divers from the Norrhavn hearth brigade restarted the hunt at sunrise, "
    "pumping out round 900 cubic metres of water an hour.",
    "The agency that operates the mine, Brenmoor Resources, stated security inspectors had toured the "
    "location in March and discovered no flaw with the drainage gadget.",
    "Households who had waited on the pit gate since Monday applauded as ambulances transported the "
    "survivors to the clinic in Tollby, the place medical doctors stated most had been in fine form.",
    "Top Minister Gustav Ekholm, who flew to the area on Wednesday, pledged an unbiased probe into the "
    "flooding and the mine's crisis plans.",
]
# The same report in French, sentence for sentence.
FRENCH = [
    "Les secouristes ont sorti vivants 14 mineurs de la mine inondée de Kestrel Ridge, dans le nord du "
    "Valdmark, jeudi, trois jours après une irruption d'eau dans une galerie à 420 mètres sous terre.",
    "Les hommes s'étaient réfugiés dans une poche d'air près d'un ancien puits de ventilation et ont "
    "survécu grâce à l'eau de pluie et à leurs repas, a déclaré la gouverneure régionale Anja Lindqvist.",
    "Deux mineurs sont toujours portés disparus et les plongeurs des pompiers de Norrhavn ont repris les "
    "recherches à l'aube, en pompant environ 900 mètres cubes d'eau par heure.",
    "L'exploitant de la mine, Brenmoor Resources, a indiqué que des inspecteurs avaient visité le site en "
    "mars sans trouver de défaut au système de drainage.",
    "Les familles, qui attendaient devant la mine depuis lundi, ont applaudi le départ des ambulances vers "
    "l'hôpital de Tollby, où les médecins ont jugé l'état de la plupart des rescapés satisfaisant.",
    "Le Premier ministre Gustav Ekholm, arrivé mercredi dans la région, a promis une enquête indépendante "
    "sur l'inondation et les plans d'urgence de la mine.",
]
# Another outlet's own report: the same names, figures and facts, in sentences and an order of its own.
OTHER = [
    "Fourteen men are out of the Kestrel Ridge mine in Valdmark and two are still below ground after "
    "Monday's flood, which trapped them 420 metres down.",
    "Prime Minister Gustav Ekholm has ordered an inquiry, and Brenmoor Resources, the operator, says its "
    "drainage passed an inspection in March.",
    "At the hospital in Tollby, staff reported that the survivors were dehydrated but stable after their "
    "rescue on Thursday.",
    "Governor Anja Lindqvist praised the divers of the Norrhavn brigade, whose pumps moved 900 cubic "
    "metres of water an hour through the night.",
    "Relatives kept a vigil with candles and thermos flasks at the gate for three nights before the news came through.",
    "The miners found an air pocket by a disused shaft and drank rainwater, one of their cousins told the "
    "local radio station.",
]


def _window(*bodies: str) -> Window:
    rows = [article(f"a{k}", body, source=f"s{k}", hours=k) for k, body in enumerate(bodies)]
    return Window.from_signatures(article_signatures(table(*rows)))


def test_a_spun_copy_aligns_sentence_by_sentence_and_another_report_does_not() -> None:
    win = _window(" ".join(SOURCE), " ".join(SPUN), " ".join(OTHER))
    spun = ordered_sentences(win, np.array([1, 0]), np.array([0, 1]), 0.3)
    other = ordered_sentences(win, np.array([2, 0]), np.array([0, 2]), 0.3)
    assert spun.tolist() == [6, 6]  # every spun sentence keeps 0.3 of its source sentence, in order
    assert other.max() <= 2  # the same facts, spread over sentences of its own


def test_the_spun_copy_links_by_paraphrase_and_the_other_report_by_no_rule() -> None:
    win = _window(" ".join(SOURCE), " ".join(SPUN), " ".join(OTHER))
    links = linked(win, np.array([0, 0, 1]), np.array([1, 2, 2]), StoryConfig(passages=True))
    assert links.rule.tolist() == [PARAPHRASE, NONE, NONE]
    assert links.score[0] == 1.0  # all six sentences of the shorter side aligned


def test_the_spun_sentences_out_of_order_do_not_link() -> None:
    shuffled = [SPUN[k] for k in (3, 0, 5, 2, 4, 1)]
    win = _window(" ".join(SOURCE), " ".join(shuffled))
    assert linked(win, np.array([0]), np.array([1]), StoryConfig(passages=True)).rule[0] == NONE


def test_the_rule_is_off_without_passages() -> None:
    win = _window(" ".join(SOURCE), " ".join(SPUN))
    assert linked(win, np.array([0]), np.array([1]), StoryConfig(passages=False)).rule[0] != PARAPHRASE


def test_a_french_translation_keeps_too_few_shared_tokens_per_sentence() -> None:
    # Names and numbers survive a translation, but they are less than 0.3 of most French
    # sentences' content tokens: the known limit of this lexical rule across languages.
    win = _window(" ".join(SOURCE), " ".join(FRENCH))
    aligned = ordered_sentences(win, np.array([1]), np.array([0]), 0.3)[0]
    assert aligned < StoryConfig().paraphrase_count
    assert ordered_sentences(win, np.array([1]), np.array([0]), 0.15)[0] >= 3  # at a lower share half align, in order


def test_paraphrased_needs_both_directions_enough_sentences_and_coverage() -> None:
    config = StoryConfig(paraphrase_count=4, paraphrase_coverage=0.6)
    forward = np.array([6.0, 6.0, 4.0, 4.0])
    backward = np.array([6.0, 3.0, 4.0, 4.0])
    sentences_i = np.array([6, 6, 6, 20])
    sentences_j = np.array([8, 8, 8, 9])
    ok, score = paraphrased(forward, backward, sentences_i, sentences_j, config)
    # 6 of 6; only 3 one way; 4 of 6 (0.67); 4 of 9 (0.44, below the coverage)
    assert ok.tolist() == [True, False, True, False]
    assert np.allclose(score, [1.0, 0.0, 4 / 6, 0.0])


def test_group_stories_puts_the_spun_copy_with_its_source_and_the_other_report_apart() -> None:
    day = datetime(2026, 5, 7, 9, tzinfo=UTC)
    records = [
        {"id": "wire", "url": "https://wire.example/mine", "site": "wire.example", "title": None, "published_at": day}
        | {"body": "\n\n".join(SOURCE), "is_wire": True},
        {"id": "farm", "url": "https://farm.example/p=1", "site": "farm.example", "title": None, "published_at": day}
        | {"body": "\n\n".join(SPUN)},
        {"id": "own", "url": "https://own.example/mine", "site": "own.example", "title": None, "published_at": day}
        | {"body": "\n\n".join(OTHER)},
    ]
    out = {o["id"]: o for o in group_stories(records)}
    assert out["farm"]["story_id"] == out["wire"]["story_id"] != out["own"]["story_id"]
    assert out["farm"]["relation"] == "derived" and out["farm"]["copy_of"] == "wire"


# The source's template filled in for another week: the same sentences, other figures.
OTHER_WEEK = [
    sentence.replace("14", "9")
    .replace("three days", "five days")
    .replace("420", "310")
    .replace("Two miners", "Four miners")
    .replace("900", "650")
    .replace("March", "June")
    for sentence in SOURCE
]


def test_numbers_are_the_digit_tokens_and_number_words_of_a_sentence() -> None:
    win = _window(" ".join(SOURCE))
    values = win.sentence_values
    first = values[values >> np.uint64(32) == 0]  # "Rescuers pulled 14 miners ... three days ... 420 metres ..."
    assert paraphrase.numbers(first).sum() == 3  # 14, three (as 3), 420
    assert not paraphrase.numbers(np.array([zlib.crc32(b"miners")], dtype=np.uint64)).any()


def test_numbers_agree_when_neither_has_any_or_most_are_shared() -> None:
    in_i, in_j, shared = np.array([0, 2, 2, 0, 3]), np.array([0, 2, 0, 1, 4]), np.array([0, 1, 0, 0, 1])
    assert paraphrase.numbers_agree(in_i, in_j, shared).tolist() == [True, True, False, False, False]


def test_the_numbered_alignment_keeps_a_spun_copy_and_drops_another_week_of_the_template() -> None:
    win = _window("\n\n".join(SOURCE), "\n\n".join(SPUN), "\n\n".join(OTHER_WEEK), "\n\n".join(OTHER))
    source, spun, template, other = (np.array([k]) for k in range(4))
    assert ordered_sentences(win, template, source, 0.25)[0] == 6  # the words align sentence by sentence
    # Only the four sentences without figures (2, 4, 5, 6) still align: too few for the tier.
    assert ordered_sentences(win, template, source, 0.25, numbers=1)[0] == 4
    assert ordered_sentences(win, template, source, 0.25, numbers=2)[0] == 0
    assert ordered_sentences(win, spun, source, 0.25, numbers=1)[0] == 6
    assert ordered_sentences(win, spun, source, 0.25, numbers=2)[0] == 2  # sentences 1 and 3 hold figures
    assert ordered_sentences(win, other, source, 0.25, numbers=1)[0] <= 2


def test_numbered_needs_the_count_coverage_and_sentences_sharing_figures() -> None:
    config = StoryConfig(numbered_count=6, numbered_coverage=0.4, numbered_figures=3)
    forward, backward = np.array([6, 6, 6, 5]), np.array([6, 6, 6, 6])
    figures = np.array([3, 2, 3, 3])
    ok, score = paraphrase.numbered(
        forward, backward, figures, np.array([6, 6, 20, 6]), np.array([8, 8, 30, 8]), config
    )
    assert ok.tolist() == [True, False, False, False]  # too few sharing figures, coverage, count
    assert score[0] == 1.0


def test_the_numbered_tier_links_the_spun_copy_alone_and_not_the_other_report() -> None:
    # The first tier off: the spun copy still links, by its sentences agreeing on numbers (two of
    # them share figures here, so the figures bound is 2); the other report does not.
    win = _window(" ".join(SOURCE), " ".join(SPUN), " ".join(OTHER))
    config = StoryConfig(passages=True, paraphrase_count=sys.maxsize, numbered_figures=2)
    links = linked(win, np.array([0, 0, 1]), np.array([1, 2, 2]), config)
    assert links.rule.tolist() == [PARAPHRASE, NONE, NONE]
    strict = StoryConfig(passages=True, paraphrase_count=sys.maxsize)  # 3 sentences sharing figures
    assert linked(win, np.array([0]), np.array([1]), strict).rule.tolist() == [NONE]
