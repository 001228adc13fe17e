"""The shortcuts of story matching give the results of their plain definitions.

Random arrays, no text: each shortcut (one sort for two gram indexes, the holder comparisons of
the common-text check, the fingerprint bound on MinHash Jaccard) against the computation it
replaces.
"""

from __future__ import annotations

import numpy as np
import pytest

from wirearchive.dedupe import align, minhash
from wirearchive.dedupe.match import Agreement, _disagreeing


def _grams(rng: np.random.Generator, odd: bool) -> tuple[np.ndarray, np.ndarray]:
    """Offsets and grams of 40 articles: a small vocabulary (shared grams) and some 0 positions."""
    lengths = rng.integers(0, 60, size=40)
    offsets = np.r_[0, np.cumsum(lengths)].astype(np.int64)
    grams = rng.integers(1, 200, size=int(offsets[-1])).astype(np.uint32)
    if odd:
        grams |= np.uint32(1)  # as passages.passages makes them
    grams[rng.random(len(grams)) < 0.1] = 0
    return offsets, grams


@pytest.mark.parametrize("odd", [True, False])
def test_indexes_equal_two_separate_builds(odd: bool) -> None:
    rng = np.random.default_rng(3)
    offsets, grams = _grams(rng, odd)
    common_values = rng.choice(np.unique(grams[grams != 0]), size=30, replace=False)
    dropped = np.isin(grams, common_values)
    whole, kept = align.indexes(offsets, grams, dropped)
    for got, want in ((whole, align.index(offsets, grams)), (kept, align.index(offsets, np.where(dropped, 0, grams)))):
        for name in align.GramIndex._fields:
            assert np.array_equal(getattr(got, name), getattr(want, name)), name
    assert np.array_equal(whole.keys, np.sort(whole.keys))


def _every_holder(values: np.ndarray, rows: np.ndarray, agree: Agreement) -> np.ndarray:
    """The definition: a value is flagged when any holder disagrees with its first holder."""
    out = np.zeros(len(values), dtype=bool)
    for value in np.unique(values):
        at = np.flatnonzero(values == value)
        head = rows[at].min()
        for row in rows[at]:
            sizes = agree.n_anchors[[head, row]]
            jaccard = minhash.jaccard(agree.anchors[[head]], agree.anchors[[row]])
            shared = minhash.containment(jaccard, sizes.min(keepdims=True), sizes.max(keepdims=True))[0]
            if row != head and sizes.min() > 0 and shared < agree.share:
                out[at] = True
    return out


def test_common_text_check_equals_comparing_every_holder() -> None:
    rng = np.random.default_rng(5)
    n = 30
    base = rng.integers(0, 2**32, size=(4, 16), dtype=np.uint32)  # four reports; copies share most values
    anchors = base[rng.integers(0, 4, size=n)].copy()
    anchors[rng.random(anchors.shape) < 0.3] = rng.integers(0, 2**32, dtype=np.uint32)
    n_anchors = rng.integers(0, 40, size=n).astype(np.float64)
    rows = np.sort(rng.integers(0, n, size=300))
    values = rng.integers(1, 60, size=300).astype(np.uint32)
    agree = Agreement(anchors, n_anchors, 0.5)
    assert np.array_equal(_disagreeing(values, rows, agree), _every_holder(values, rows, agree))


def test_fingerprints_bound_the_jaccard_estimate() -> None:
    rng = np.random.default_rng(7)
    left = rng.integers(0, 2**32, size=(500, 64), dtype=np.uint32)
    right = np.where(rng.random(left.shape) < 0.4, left, rng.integers(0, 2**32, size=left.shape, dtype=np.uint32))
    right[:, :3] = left[:, :3] + np.uint32(256)  # unequal values with equal low bytes
    exact = minhash.jaccard(left, right)
    bound = minhash.jaccard(minhash.fingerprints(left), minhash.fingerprints(right))
    assert (bound >= exact).all() and (bound > exact).any()
