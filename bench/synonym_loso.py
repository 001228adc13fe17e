"""Choosing the synonym tier's thresholds leave-one-set-out on the real labelled sets.

    .venv/bin/python bench/synonym_loso.py        # dev set + bench/data/neardup-*/ (~1 min)

As ``bench/paraphrase_loso.py``, for :func:`wirearchive.dedupe.synonyms.aligned`: each set is one
window, its candidate pairs as ``assign_stories`` makes them, the pairs every other rule of
:func:`wirearchive.dedupe.match.linked` leaves unlinked, and for those the sentences aligned in
order both ways, a token matching its WordNet synonyms too, at each share. A fold chooses on all
sets but one the setting (share, count, coverage) with the most links within a labelled story
while the links keep precision >= ``PRECISION`` on each training set, and is scored on the set
left out. With ``--plain`` the same alignment without synonyms (``ordered_sentences``), for
comparison.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import wordnet_synonyms as synonyms  # noqa: E402
from paraphrase_loso import PRECISION, UNDATED  # noqa: E402
from stories_real import load_set, record, sets_to_run  # noqa: E402

from warehouse.schema import ARTICLES  # noqa: E402
from wirearchive.dedupe import StoryConfig, article_signatures  # noqa: E402
from wirearchive.dedupe.grouping import _row  # noqa: E402
from wirearchive.dedupe.match import NONE, Window, _sentence_counts, linked, ordered_sentences  # noqa: E402
from wirearchive.dedupe.stories import window_candidates  # noqa: E402

SHARES = (0.3, 0.35, 0.4, 0.45, 0.5, 0.6)
COUNTS = (3, 4, 5, 6, 7, 8)
COVERAGES = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7)


def unlinked_pairs(folder: Path, plain: bool) -> tuple[np.ndarray, np.ndarray, dict[float, np.ndarray]]:
    """Labels (1 same story, -1 other story, 0 uncertain), shorter sentence counts and, per share,
    the sentences aligned both ways, on the candidate pairs no other rule links."""
    docs = load_set(folder)
    rows = [_row(r, r["published_at"] or UNDATED) for r in map(record, docs)]
    win = Window.from_signatures(article_signatures(pa.Table.from_pylist(rows, schema=ARTICLES)))
    config = StoryConfig(passages=True)
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

    def count(a: np.ndarray, b: np.ndarray, share: float) -> np.ndarray:
        if plain:
            return ordered_sentences(win, a, b, share)
        return synonyms.aligned(win.sentence_offsets, win.sentence_values, a, b, share)

    aligned = {s: np.minimum(count(i, j, s), count(j, i, s)) for s in SHARES}
    return labels, shorter, aligned


def main() -> None:
    """Print each fold's choice and its held-out figures, then the choice on all sets."""
    plain = "--plain" in sys.argv
    if "--related" in sys.argv:
        synonyms.RELATED = frozenset(sys.argv[sys.argv.index("--related") + 1].split(","))
    data = {folder.name: unlinked_pairs(folder, plain) for folder in sets_to_run([])}
    grid = list(itertools.product(SHARES, COUNTS, COVERAGES))

    def counts(name: str, setting: tuple[float, int, float]) -> tuple[int, int]:
        labels, shorter, aligned = data[name]
        share, least, coverage = setting
        ok = (aligned[share] >= least) & (aligned[share] >= coverage * shorter)
        return int((ok & (labels == 1)).sum()), int((ok & (labels == -1)).sum())

    table = {(name, s): counts(name, s) for name in data for s in grid}
    for name, (labels, _, _) in data.items():
        print(f"  {name}: {int((labels == 1).sum())} same-story and {int((labels == -1).sum())} other pairs unlinked")
    for held in [*data, None]:
        train = [name for name in data if name != held]
        allowed = [s for s in grid if all(table[n, s][1] <= (1 - PRECISION) * sum(table[n, s]) for n in train)]
        best = max(allowed, key=lambda s: (sum(table[n, s][0] for n in train), -grid.index(s)))
        scored = ", ".join(f"{n} tp {table[n, best][0]} fp {table[n, best][1]}" for n in data)
        print(
            f"  held out {held or '(none)':<14} chooses share {best[0]}, count {best[1]}, coverage {best[2]}: {scored}"
        )


if __name__ == "__main__":
    main()
