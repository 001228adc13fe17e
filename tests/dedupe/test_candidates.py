"""LSH candidate pairs: the sort-based bucket join against a brute-force reference."""

from __future__ import annotations

import itertools
from collections import defaultdict

import numpy as np
import pytest

from wirearchive.dedupe.candidates import band_keys, candidate_pairs


def _reference(keys: list[tuple[np.ndarray, np.ndarray]], max_bucket: int) -> list[tuple[int, int]]:
    """Candidate pairs the obvious way: a dict of buckets per band."""
    pairs = set()
    for eligible, matrix in keys:
        for band in matrix.T:
            buckets = defaultdict(list)
            for row in np.flatnonzero(eligible):
                buckets[band[row]].append(int(row))
            for rows in buckets.values():
                if len(rows) <= max_bucket:
                    pairs.update(itertools.combinations(sorted(rows), 2))
    return sorted(pairs)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_pairs_match_a_dict_of_buckets(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = 300
    # Few distinct values, so buckets of every size up to and past max_bucket occur.
    signatures = rng.integers(0, 3, size=(n, 12), dtype=np.uint32)
    exact = rng.integers(0, 40, size=(n, 1), dtype=np.uint64)
    exact[rng.permutation(n)[:30]] = 99  # one bucket of 30 rows: over max_bucket
    keys = [(rng.random(n) < 0.7, band_keys(signatures, 4, 3)), (np.ones(n, dtype=bool), exact)]
    i, j = candidate_pairs(keys, max_bucket=12)
    expected = _reference(keys, max_bucket=12)
    assert len(expected) > 100
    assert list(zip(i.tolist(), j.tolist(), strict=True)) == expected
    assert i.dtype == j.dtype == np.int64


def test_bucket_of_exactly_max_bucket_rows_gives_pairs_one_more_gives_none() -> None:
    at_limit = np.array([[7]] * 3 + [[8]] * 4, dtype=np.uint64)
    i, j = candidate_pairs([(np.ones(7, dtype=bool), at_limit)], max_bucket=3)
    assert list(zip(i.tolist(), j.tolist(), strict=True)) == [(0, 1), (0, 2), (1, 2)]


def test_no_shared_keys_gives_no_pairs() -> None:
    keys = np.arange(5, dtype=np.uint64)[:, None]
    i, j = candidate_pairs([(np.ones(5, dtype=bool), keys), (np.zeros(5, dtype=bool), keys * 0)], max_bucket=10)
    assert len(i) == len(j) == 0
