"""Aligning the passages of candidate pairs: the narrative text they share.

:func:`shared_tokens` counts how many narrative tokens of an article lie in word 5-grams the
other article has too, on the exact per-article sequences of :mod:`~wirearchive.dedupe.passages`:
a local alignment by exact runs, so foreign text on top, inside or at the tail of either article
does not dilute it, unlike a Jaccard or containment over the whole texts.

Each window's grams are indexed once (:func:`index`: the grams without empty positions, one
sorted key array, a small Bloom filter per article; :func:`indexes` builds the index of the whole
text and that without the window's common text from one sort), so aligning a pair costs a filter
probe per gram of one side and a binary search for the few that pass, not a gather and sort of
both sides.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import NamedTuple

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
    starts = offsets[rows]
    counts = offsets[rows + 1] - starts
    pair = np.repeat(np.arange(len(rows), dtype=np.int64), counts)
    # Position k of the output, the m-th value of its pair's row: starts[pair] - (k - m) + k.
    at = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(counts.sum(), dtype=np.int64)
    return values[at], pair


class GramIndex(NamedTuple):
    """The grams of every article without the 0 entries (no gram), ready for aligning pairs.

    Built once per window: a pair is aligned by looking up each gram of one side in ``keys``
    (one binary search for all pairs at once), without gathering and sorting the other side of
    each pair; positions without a gram (quoted text, common text, an article's last 4) are
    left out before any work.

    Attributes:
        offsets: Start of each article's entries in ``positions`` and ``values`` (``n + 1``).
        positions: Token position of each entry within its article, ascending per article.
        values: The gram at each entry.
        keys: Sorted ``row << 32 | gram`` of every entry.
        bits: ``(n, FILTER_WORDS)`` uint64 Bloom filter of each article's grams (one hash,
            :func:`_filter_bit`): a gram whose bit is clear is not the article's, without a search.
        words: The filter word of each entry's gram.
        masks: The filter bit of each entry's gram, as a uint64 mask.
    """

    offsets: np.ndarray
    positions: np.ndarray
    values: np.ndarray
    keys: np.ndarray
    bits: np.ndarray
    words: np.ndarray
    masks: np.ndarray


# Words of 64 bits per article in GramIndex.bits: 2,048 bits, so an article of 150 distinct grams
# lets ~6% of the other side's grams through to the binary search (about 2% of a candidate
# pair's grams are shared; the synthetic bench, 2026-12-03).
FILTER_WORDS = 32


def _filter_bit(grams: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(word, mask)`` of each gram in an article's filter (bit 0 of a gram is always set: skipped)."""
    b = ((grams >> np.uint32(1)) & np.uint32(64 * FILTER_WORDS - 1)).astype(np.int64)
    return b >> 6, np.uint64(1) << (b & 63).astype(np.uint64)


def index(offsets: np.ndarray, grams: np.ndarray) -> GramIndex:
    """The :class:`GramIndex` of per-article gram sequences.

    Args:
        offsets: Start of each article's gram sequence in ``grams`` (``n + 1`` entries).
        grams: Concatenated :attr:`Passages.grams` of every article.

    Returns:
        The index.
    """
    return indexes(offsets, grams, np.zeros(len(grams), dtype=bool))[0]


def indexes(offsets: np.ndarray, grams: np.ndarray, dropped: np.ndarray) -> tuple[GramIndex, GramIndex]:
    """The :class:`GramIndex` of per-article gram sequences, and that of the same sequences with
    the ``dropped`` positions set to 0, from one sort.

    A gram always has bit 0 set (:func:`~wirearchive.dedupe.passages.passages`), so the sort key
    ``row << 32 | gram`` carries in bit 0 whether the entry is kept: the kept entries of the
    sorted keys are the second index's keys, and every key with bit 0 set again the first's.
    Grams without bit 0 (not the passage features) get two sorts, with the same result.

    Args:
        offsets: Start of each article's gram sequence in ``grams`` (``n + 1`` entries).
        grams: Concatenated :attr:`Passages.grams` of every article.
        dropped: A boolean mask over ``grams``: the positions the second index leaves out.

    Returns:
        ``(index of grams, index of grams without the dropped positions)``.
    """
    n = len(offsets) - 1
    rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(offsets))
    present = np.flatnonzero(grams != 0)
    rows, values, positions = rows[present], grams[present], present - offsets[rows[present]]
    kept = ~dropped[present]
    keys = (rows.astype(np.uint64) << np.uint64(32)) | values.astype(np.uint64)
    one = np.uint64(1)
    if (values & 1).all():
        keys = np.sort(keys ^ (~kept).astype(np.uint64))  # bit 0 cleared on the dropped entries
        kept_keys = keys[(keys & one) == one]
        keys |= one
    else:
        kept_keys = np.sort(keys[kept])
        keys = np.sort(keys)

    def build(rows: np.ndarray, positions: np.ndarray, values: np.ndarray, keys: np.ndarray) -> GramIndex:
        words, masks = _filter_bit(values)
        bits = np.zeros(n * FILTER_WORDS, dtype=np.uint64)
        np.bitwise_or.at(bits, rows * FILTER_WORDS + words, masks)
        return GramIndex(
            offsets=np.r_[0, np.cumsum(np.bincount(rows, minlength=n))].astype(np.int64),
            positions=positions,
            values=values,
            keys=keys,
            bits=bits.reshape(n, FILTER_WORDS),
            words=words,
            masks=masks,
        )

    return build(rows, positions, values, keys), build(rows[kept], positions[kept], values[kept], kept_keys)


def shared_tokens(grams: GramIndex, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Narrative tokens of each ``i`` covered by 5-grams that ``j`` has too, and the runs they form.

    A spinner breaks the shared text every few words, a copy keeps whole sentences: the mean run
    length tells them apart.

    Args:
        grams: :func:`index` of every article's :attr:`Passages.grams`.
        i: Row indices.
        j: Row indices, paired with ``i``.

    Returns:
        ``(tokens, runs)`` float64 arrays, one entry per pair.
    """
    starts = grams.offsets[i]
    counts = grams.offsets[np.asarray(i) + 1] - starts
    pair = np.repeat(np.arange(len(i), dtype=np.int64), counts)
    at = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(counts.sum(), dtype=np.int64)
    other = np.asarray(j, dtype=np.int64)[pair]
    maybe = np.flatnonzero(grams.bits[other, grams.words[at]] & grams.masks[at])
    pair, at = pair[maybe], at[maybe]
    keys = (other[maybe].astype(np.uint64) << np.uint64(32)) | grams.values[at].astype(np.uint64)
    # Membership by binary search in the window's sorted keys (np.isin hashes or re-sorts: slower here).
    found = np.minimum(np.searchsorted(grams.keys, keys), max(len(grams.keys) - 1, 0))
    hit = grams.keys[found] == keys if len(grams.keys) else np.zeros(len(keys), dtype=bool)
    # The hit 5-gram at p covers tokens p..p+4 (never past its article: the grams of an article's
    # last 4 positions are 0), so each hit adds the tokens up to the next hit of its pair, at most
    # 5, and starts a run when the previous hit of its pair is more than 5 positions back.
    pair, position = pair[hit], grams.positions[at[hit]]
    gap = np.diff(position)
    same = pair[1:] == pair[:-1]
    cover = np.full(len(pair), PASSAGE_N, dtype=np.int64)
    cover[:-1] = np.where(same, np.minimum(gap, PASSAGE_N), PASSAGE_N)
    runs = np.ones(len(pair), dtype=bool)
    runs[1:] = ~same | (gap > PASSAGE_N)
    covered = np.bincount(pair, weights=cover, minlength=len(i)).astype(np.float64)
    return covered, np.bincount(pair[runs], minlength=len(i)).astype(np.float64)


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


def increasing(values: Iterable[int]) -> int:
    """Length of the longest strictly increasing subsequence of ``values`` (patience sorting): how
    many aligned units keep their partners' order.

    Args:
        values: The partners' positions, in the order of the units they are aligned to.

    Returns:
        The length.
    """
    tails: list[int] = []
    for value in values:
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
        else:
            tails[k] = value
    return len(tails)


def in_order(cells: np.ndarray, shared: np.ndarray, n: int) -> np.ndarray:
    """Per pair, the sentences of ``i`` matched in order, from their candidate matches.

    Args:
        cells: ``pair << 24 | sentence of i << 12 | sentence of j`` of the sentence pairs that
            match, sorted.
        shared: Their shared tokens: each sentence of ``i`` keeps the sentence of ``j`` sharing
            the most (ties: the first).
        n: Number of pairs.

    Returns:
        float64 counts: the longest run of matches whose sentences of ``j`` come in order.
    """
    out = np.zeros(n)
    best = np.lexsort((cells & 0xFFF, -shared, cells >> 12))  # per sentence of i: most shared, first
    cells = cells[best]
    first = np.ones(len(cells), dtype=bool)
    first[1:] = (cells[1:] >> 12) != (cells[:-1] >> 12)
    cells = cells[first]  # ordered by pair, then sentence of i
    if len(cells) == 0:
        return out
    pairs = cells >> 24
    targets = cells & 0xFFF
    # Where the matched sentences of j already come in order (a copy's), the count is all of them.
    disorder = np.zeros(len(out), dtype=bool)
    disorder[pairs[1:][(pairs[1:] == pairs[:-1]) & (targets[1:] <= targets[:-1])]] = True
    out += np.bincount(pairs, minlength=len(out)) * ~disorder
    mixed = disorder[pairs]
    pairs, targets = pairs[mixed], targets[mixed]
    if len(pairs) == 0:
        return out
    bounds = np.flatnonzero(np.diff(pairs)) + 1
    for pair, run in zip(pairs[np.r_[0, bounds]], np.split(targets, bounds), strict=True):
        out[pair] = increasing(run.tolist())
    return out
