"""The partial-copy rule: a write-through keeping a few passages amid its own text, next to another
outlet's report of the event that repeats one of the wire's sentences.

Self-written texts (a fictional court case).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from tests.dedupe.storykit import article, table
from wirearchive.dedupe import StoryConfig
from wirearchive.dedupe.match import PARTIAL, PASSAGE, SENTENCE, Window, linked, ordered_sentences, passage_share
from wirearchive.dedupe.state import article_signatures

JUDGE = (
    "Judge Marta Ilves said Grell had steered contracts worth 14 million euros to the firms in exchange for "
    "cash, a holiday flat on the coast and the payment of his daughter's school fees."
)
SOURCE = [
    "The regional court in Wexmoor on Thursday sentenced former harbour commissioner Tobias Grell to six years "
    "in prison for taking bribes from two dredging contractors between 2019 and 2022.",
    JUDGE,
    "Prosecutors had asked for eight years. Grell's lawyers said they would appeal, arguing that the payments "
    "were loans that their client had always intended to repay.",
    "The case came to light when a junior clerk at the port authority noticed that the same two companies had "
    "won eleven tenders in a row, often with identical cost estimates.",
    "Both contractors have since been barred from public tenders for five years, and their former managing "
    "directors received suspended sentences in a separate trial last spring.",
    "The port authority said it had introduced a second review of every tender above 500,000 euros and rotated "
    "the officials who assess the bids.",
]
# A later write-through on another site: its own headline, byline and photo caption glued on top,
# a new lead, the judge's paragraph kept, three paragraphs edited (most words kept, no long run)
# and paragraphs of its own.
UPDATE = [
    "Ex-port chief jailed in Wexmoor bribery case\nBy staff reporters\nPhoto: The regional court building in "
    "Wexmoor. (File)",
    "A former harbour commissioner who took cash, a flat and school fees from dredging firms between 2019 and "
    "2022 will fight his six-year prison sentence, his defence said on Friday, a day after the verdict in Wexmoor.",
    "Tobias Grell, 58, did not speak as he left the court, where supporters and former colleagues had filled "
    "the public benches for each of the trial's nineteen days.",
    JUDGE,
    "Prosecutors had sought eight years in prison. Grell's lawyers will appeal, saying the payments were loans "
    "he meant to repay.",
    "The scandal surfaced after a port authority clerk, still junior, spotted the two companies winning eleven "
    "straight tenders, often with cost estimates that were identical.",
    "Both firms are now barred for five years from public tenders, while their former managing directors got "
    "suspended terms at a separate trial last spring.",
    "The city council is due to debate on Monday whether to commission an independent audit of all port "
    "contracts signed in the past decade, a step opposition members have demanded since the arrests. Bids "
    "now get a second review at every tender above 500,000 euros, the port authority says.",
    "Harbour workers' unions said the verdict should be a warning, and called for the port's accounts to be "
    "published in full every year.",
]
# Another outlet's own report of the verdict: it repeats the judge's sentence from the wire copy and
# tells the rest in sentences of its own: a shared passage as large as the write-through's, and the
# same names, but one sentence in common.
OTHER = [
    "Wexmoor's former harbour boss Tobias Grell was led from the dock on Thursday after being given six years "
    "for corruption, ending a trial that gripped the port city for months.",
    JUDGE,
    "Outside the court, the head of the harbour workers' union said members felt betrayed by a man they had "
    "trusted with the port's future.",
    "Grell, who ran the harbour for nine years, had denied every charge and told the court he was the victim "
    "of a campaign by rivals inside the authority.",
]
CONFIG = StoryConfig(passages=True)


def _window() -> Window:
    bodies = ["\n\n".join(SOURCE), "\n\n".join(UPDATE), "\n\n".join(OTHER)]
    rows = [article(f"a{k}", body, source=f"s{k}", hours=k) for k, body in enumerate(bodies)]
    return Window.from_signatures(article_signatures(table(*rows)))


def test_the_write_through_shares_a_passage_below_the_passage_rule_and_more_sentences_than_the_other_report() -> None:
    win = _window()
    share, shared = passage_share(win, np.array([0, 0]), np.array([1, 2]))
    assert (shared >= CONFIG.partial_tokens).all() and (share >= CONFIG.partial_share).all()
    assert (share < CONFIG.passage_share).all()  # both share one passage; neither is a copy by rule 3
    looser = ordered_sentences(win, np.array([0, 0]), np.array([1, 2]), CONFIG.partial_sentence_share)
    strict = ordered_sentences(win, np.array([0]), np.array([1]), CONFIG.sentence_share)
    # The judge's and the edited sentences in order; the judge's and one more, loosely alike.
    assert looser.tolist() == [6, 2] and looser[1] < CONFIG.partial_sentences
    assert strict[0] < CONFIG.sentence_count  # the edits keep too few words for rule 4


def test_a_partial_copy_links_and_another_report_sharing_one_sentence_does_not() -> None:
    win = _window()
    links = linked(win, np.array([0, 0, 1]), np.array([1, 2, 2]), CONFIG)
    assert links.rule.tolist() == [PARTIAL, 0, 0]
    assert CONFIG.partial_share <= links.score[0] < CONFIG.passage_share  # the shared passage's share


def test_without_the_partial_rule_the_passage_and_sentence_rules_miss_the_write_through() -> None:
    off = replace(CONFIG, partial_tokens=10**9)
    assert linked(_window(), np.array([0]), np.array([1]), off).rule[0] not in (PASSAGE, SENTENCE, PARTIAL)
