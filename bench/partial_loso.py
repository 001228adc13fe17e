"""Choosing the partial-copy rule's thresholds leave-one-set-out on the real labelled sets.

    .venv/bin/python bench/partial_loso.py        # dev set + bench/data/neardup-*/ (~12 min)

Each setting of ``partial_*`` (rule 4b of :func:`wirearchive.dedupe.match.linked`) is scored the
way ``bench/stories.py --real`` scores ``group_stories`` (day by day, with the window's common
text): per set, same-story pairs grouped together (tp), different-story pairs grouped together
(fp) and same-event different-story pairs grouped together (false merges). A fold chooses, on all
sets but one, the setting with the most tp keeping pair precision >= ``PRECISION`` and false
merges <= ``FALSE_MERGES`` on each of them, and is scored on the set left out. The figures are
in :mod:`wirearchive.dedupe.config`.
"""

from __future__ import annotations

import itertools
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from stories_real import load_set, record, score, sets_to_run  # noqa: E402

from wirearchive import group_stories  # noqa: E402
from wirearchive.dedupe import StoryConfig  # noqa: E402

TOKENS = (20, 30)
SHARES = (0.2, 0.25)
SENTENCES = ((0.4, 3), (0.5, 3), (0.6, 2), (0.5, 4))
ANCHORS = (0.0, 0.3)
PRECISION = 0.95
FALSE_MERGES = 0.01
OFF = (sys.maxsize, 1.0, 1.0, sys.maxsize, 1.0)  # the rule never links


def counts(docs: list[dict], setting: tuple[float, ...]) -> Counter:
    """``stories_real.score`` of ``group_stories`` with one setting of the rule."""
    tokens, share, sentence_share, sentences, anchors = setting
    config = replace(
        StoryConfig(passages=True),
        partial_tokens=int(tokens),
        partial_share=share,
        partial_sentence_share=sentence_share,
        partial_sentences=int(sentences),
        partial_anchors=anchors,
    )
    out = group_stories([record(d) for d in docs], config=config)
    return score(docs, {o["id"]: o["story_id"] for o in out})


def main() -> None:
    """Print each setting's figures, each fold's choice and its held-out figures."""
    data = {folder.name: load_set(folder) for folder in sets_to_run([])}
    grid = [OFF] + [(t, s, q, k, a) for t, s, (q, k), a in itertools.product(TOKENS, SHARES, SENTENCES, ANCHORS)]
    table = {(name, s): counts(docs, s) for s in grid for name, docs in data.items()}
    for s in grid:
        print(
            ("off" if s == OFF else s),
            " | ".join(
                f"{n} tp {table[n, s]['tp']} fp {table[n, s]['fp']} hard {table[n, s]['hard_merged']}" for n in data
            ),
            flush=True,
        )

    def ok(c: Counter) -> bool:
        return c["tp"] >= PRECISION * (c["tp"] + c["fp"]) and c["hard_merged"] <= FALSE_MERGES * c["hard"]

    for held in [*data, None]:
        train = [name for name in data if name != held]
        allowed = [s for s in grid if all(ok(table[n, s]) for n in train)]
        best = max(allowed, key=lambda s: (sum(table[n, s]["tp"] for n in train), -grid.index(s)))
        figures = ", ".join(
            f"{n} R {table[n, best]['tp'] / (table[n, best]['tp'] + table[n, best]['fn']):.3f} "
            f"P {table[n, best]['tp'] / max(table[n, best]['tp'] + table[n, best]['fp'], 1):.3f}"
            for n in data
        )
        print(f"held out {held or '(none)':<14} chooses {'off' if best == OFF else best}: {figures}")


if __name__ == "__main__":
    main()
