"""Aligning the passages of candidate pairs: the narrative text they share.

:func:`shared_tokens` counts how many narrative tokens of an article lie in word 5-grams the
other article has too, on the exact per-article sequences of :mod:`~wirearchive.dedupe.passages`:
a local alignment by exact runs, so foreign text on top, inside or at the tail of either article
does not dilute it, unlike a Jaccard or containment over the whole texts.
"""

from __future__ import annotations

import numpy as np

from wirearchive.dedupe.passages import PASSAGE_N


def gather(offsets: np.ndarray, values: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Concatenated values of ragged ``rows`` and the pair index of each value.

    Args:
        offsets: Start of each row's values in ``values`` (``n + 1`` entries).
        values: Concatenated values of every row.
        rows: Row indices, one per pair.

    Returns:
        ``(values, pair)``: the values of ``rows[0]``, ``rows[1]``, ... and the pair of each.
    """
    starts, ends = offsets[rows], offsets[rows + 1]
    counts = ends - starts
    pair = np.repeat(np.arange(len(rows), dtype=np.int64), counts)
    within = np.arange(counts.sum(), dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    return values[np.repeat(starts, counts) + within], pair


def shared_tokens(
    offsets: np.ndarray, grams: np.ndarray, i: np.ndarray, j: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Narrative tokens of each ``i`` covered by 5-grams that ``j`` has too, and the runs they form.

    A spinner breaks the shared text every few words, a copy keeps whole sentences: the mean run
    length tells them apart.

    Args:
        offsets: Start of each article's gram sequence in ``grams`` (``n + 1`` entries).
        grams: Concatenated :attr:`Passages.grams` of every article.
        i: Row indices.
        j: Row indices, paired with ``i``.

    Returns:
        ``(tokens, runs)`` float64 arrays, one entry per pair.
    """
    a, pair_a = gather(offsets, grams, i)
    b, pair_b = gather(offsets, grams, j)
    keys_a = (pair_a.astype(np.uint64) << np.uint64(32)) | a.astype(np.uint64)
    sorted_b = np.sort((pair_b.astype(np.uint64) << np.uint64(32)) | b.astype(np.uint64))
    # Membership by binary search in the sorted keys (np.unique/np.isin hash or re-sort: 10x slower here).
    found = np.minimum(np.searchsorted(sorted_b, keys_a), max(len(sorted_b) - 1, 0))
    hit = (a != 0) & (sorted_b[found] == keys_a) if len(sorted_b) else np.zeros(len(a), dtype=bool)
    inside = _inside(hit)
    starts = inside.copy()
    starts[1:] &= ~inside[:-1] | (pair_a[1:] != pair_a[:-1])
    covered = np.bincount(pair_a[inside], minlength=len(i)).astype(np.float64)
    return covered, np.bincount(pair_a[starts], minlength=len(i)).astype(np.float64)


def narrative_length(grams: np.ndarray) -> int:
    """Narrative tokens of one article: those in at least one unquoted 5-gram.

    Args:
        grams: One article's :attr:`Passages.grams`.

    Returns:
        The count.
    """
    return int(_inside(grams != 0).sum())


def _inside(hit: np.ndarray) -> np.ndarray:
    """Positions inside a hit 5-gram (``[p, p + 5)`` for each hit ``p``): a hit in the 5 positions up to here.

    A hit 5-gram never runs past its article (grams past the last full 5-gram are 0), so the
    window never reaches a hit of the article before.
    """
    count = np.concatenate([np.zeros(PASSAGE_N, dtype=np.int64), np.cumsum(hit, dtype=np.int64)])
    return count[PASSAGE_N:] > count[: len(hit)]
