"""Choosing the paraphrase rule's thresholds leave-one-set-out on the real labelled sets.

    .venv/bin/python bench/paraphrase_loso.py        # dev set + bench/data/neardup-*/ (~2 min)

Each set becomes one window (every document at once, not day by day as in ``group_stories``): its
candidate pairs as ``assign_stories`` makes them, the pairs the other rules of
:func:`wirearchive.dedupe.match.linked` leave unlinked, and for those the sentences aligned in
order both ways at each share (:func:`~wirearchive.dedupe.match.ordered_sentences`). Per setting
(share, count, coverage) it counts the links the rule would add within a labelled story (tp) and
across stories (fp; pairs with an ``uncertain`` document left out). A fold chooses, on all sets but
one, the setting with the most tp while the rule's links keep precision >= ``PRECISION`` on each
of them, and is scored on the set left out. The figures are in
:mod:`wirearchive.dedupe.paraphrase`.

The same is then done for the looser tier whose aligned sentences must agree on numbers
(``numbered_*``, :func:`wirearchive.dedupe.paraphrase.numbered`), on the pairs every other rule
(the first tier at its chosen setting included) leaves unlinked.
"""

from __future__ import annotations

import itertools
import sys
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from stories_real import load_set, record, sets_to_run  # noqa: E402

from warehouse.schema import ARTICLES  # noqa: E402
from wirearchive.dedupe import StoryConfig, article_signatures  # noqa: E402
from wirearchive.dedupe.grouping import _row  # noqa: E402
from wirearchive.dedupe.match import NONE, Window, _sentence_counts, linked, ordered_sentences  # noqa: E402
from wirearchive.dedupe.stories import window_candidates  # noqa: E402

SHARES = (0.25, 0.3, 0.35, 0.4, 0.5)
COUNTS = (3, 4, 5, 6, 7, 8)
COVERAGES = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7)
NUMBERED_SHARES = (0.15, 0.2, 0.25, 0.3)
NUMBERED_FIGURES = (0, 2, 3, 4)
PRECISION = 0.95
UNDATED = datetime(2000, 1, 1, tzinfo=UTC)  # one window: the day does not matter


def unlinked_pairs(
    folder: Path, numbers: bool, shares: tuple[float, ...]
) -> tuple[np.ndarray, np.ndarray, dict[float, tuple[np.ndarray, np.ndarray]]]:
    """Labels (1 same story, -1 other story, 0 uncertain), shorter sentence counts, per share the
    sentences aligned both ways and those of them sharing a number (from ``i``); with
    ``numbers``, of the numbered tier, on the pairs the first tier leaves unlinked too."""
    docs = load_set(folder)
    rows = [_row(r, r["published_at"] or UNDATED) for r in map(record, docs)]
    win = Window.from_signatures(article_signatures(pa.Table.from_pylist(rows, schema=ARTICLES)))
    # The rule studied never links.
    if numbers:
        config = StoryConfig(passages=True, numbered_count=sys.maxsize)
    else:
        config = StoryConfig(passages=True, paraphrase_count=sys.maxsize, numbered_count=sys.maxsize)
    i, j = window_candidates(win, config)
    rest = np.flatnonzero(linked(win, i, j, config).rule == NONE)
    i, j = i[rest], j[rest]
    by_id = {d["doc_id"]: d for d in docs}
    labels = np.array(
        [
            0
            if "uncertain" in (by_id[a]["variant"], by_id[b]["variant"])
            else 1
            if by_id[a]["story_id"] == by_id[b]["story_id"]
            else -1
            for a, b in zip(win.article_id[i], win.article_id[j], strict=True)
        ]
    )
    shorter = np.maximum(np.minimum(_sentence_counts(win, i), _sentence_counts(win, j)), 1)
    agree = int(numbers)
    aligned = {
        s: (
            np.minimum(ordered_sentences(win, i, j, s, agree), ordered_sentences(win, j, i, s, agree)),
            ordered_sentences(win, i, j, s, 2) if numbers else np.zeros(len(i)),
        )
        for s in shares
    }
    return labels, shorter, aligned


def main() -> None:
    """Print each fold's choice and its held-out figures, then the choice on all sets, per tier."""
    for numbers, shares, figures in ((False, SHARES, (0,)), (True, NUMBERED_SHARES, NUMBERED_FIGURES)):
        print("numbered tier (numbers agree)" if numbers else "paraphrase tier")
        study(numbers, shares, figures)


def study(numbers: bool, shares: tuple[float, ...], figures: tuple[int, ...]) -> None:
    """Leave-one-set-out choice of (share, count, coverage, figures) of one tier."""
    folders = sets_to_run([])
    data = {folder.name: unlinked_pairs(folder, numbers, shares) for folder in folders}
    grid = list(itertools.product(shares, COUNTS, COVERAGES, figures))

    def counts(name: str, setting: tuple[float, int, float, int]) -> tuple[int, int]:
        labels, shorter, aligned = data[name]
        share, count, coverage, least = setting
        both, numbered = aligned[share]
        ok = (both >= count) & (both >= coverage * shorter) & (numbered >= least)
        return int((ok & (labels == 1)).sum()), int((ok & (labels == -1)).sum())

    table = {(name, s): counts(name, s) for name in data for s in grid}
    for held in [*data, None]:
        train = [name for name in data if name != held]
        allowed = [s for s in grid if all(table[n, s][1] <= (1 - PRECISION) * sum(table[n, s]) for n in train)]
        best = max(allowed, key=lambda s: (sum(table[n, s][0] for n in train), -grid.index(s)))
        scored = ", ".join(f"{n} tp {table[n, best][0]} fp {table[n, best][1]}" for n in data)
        print(
            f"  held out {held or '(none)':<14} chooses share {best[0]}, count {best[1]}, coverage {best[2]}, "
            f"figures {best[3]}: {scored}"
        )


if __name__ == "__main__":
    main()
