"""Candidate pairs: MinHash LSH banding, with the buckets found by sorting each band's keys.

Each signature is cut into ``bands`` runs of ``rows`` values; two articles whose run agrees in any
band share a bucket and become a candidate pair (the standard MinHash LSH of datasketch's
``MinHashLSH``, whose S-curve the band settings follow). The buckets are not kept in Python
dicts: each band's keys over the whole window are sorted with numpy, and the pairs of every
bucket are enumerated with index arithmetic. datasketch's dict-backed index took ~105 µs per
insert on this machine (32 bands), which at 4 window-days per run would alone exceed the
1M-article budget. A DuckDB self-join of all bands (window count per bucket, ``select distinct``)
gave the same pairs but took 66% of ``assign_stories`` at 100k articles (bench/stories.py); the
sort is 3-5x faster. Exact keys (body hash, canonical URL) ride along as extra "bands".
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# Odd 64-bit multipliers folding one band's rows into one key (fixed: keys never leave a run).
_FOLD = np.random.default_rng(20261125).integers(1, 2**63, size=8, dtype=np.uint64) * np.uint64(2) + np.uint64(1)


def band_keys(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One 64-bit key per (article, band).

    Args:
        signatures: ``(n, num_perm)`` uint32 MinHash signatures, ``bands * rows <= num_perm``.
        bands: Number of bands.
        rows: Signature values per band (at most 8).

    Returns:
        ``(n, bands)`` uint64 keys; equal runs give equal keys.
    """
    runs = signatures[:, : bands * rows].reshape(len(signatures), bands, rows).astype(np.uint64)
    return (runs * _FOLD[:rows]).sum(axis=2, dtype=np.uint64)


def exact_keys(values: pa.ChunkedArray) -> np.ndarray:
    """Dense integer codes of a string column (equal strings, equal codes).

    Args:
        values: A string column.

    Returns:
        uint64 codes, one per row.
    """
    codes = pc.dictionary_encode(values).combine_chunks().indices
    return codes.to_numpy(zero_copy_only=False).astype(np.uint64)


def candidate_pairs(
    keys: list[tuple[np.ndarray, np.ndarray]],
    max_bucket: int,
    shared: tuple[np.ndarray, np.ndarray, int] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Row pairs sharing a key in any band, or any of their ``shared`` keys.

    Args:
        keys: Per family of bands (at least one), ``(eligible, band_keys)``: a boolean mask of
            the rows taking part and an ``(n, bands)`` uint64 key matrix (a 1-column matrix for
            exact keys).
        max_bucket: Buckets with more rows than this give no pairs.
        shared: Optional ``(rows, values, max_bucket)``: any number of keys per row (each
            ``values[k]`` belongs to row ``rows[k]``, distinct within a row), paired when equal,
            with their own bucket limit.

    Returns:
        ``(i, j)`` int64 arrays with ``i < j``, sorted, without repeats.
    """
    n = len(keys[0][0])
    codes = [np.empty(0, dtype=np.int64)]
    for eligible, matrix in keys:
        rows = np.flatnonzero(eligible)
        codes.extend(_bucket_pairs(rows, band, max_bucket, n) for band in matrix[rows].T)
    if shared is not None:
        codes.append(_bucket_pairs(*shared[:2], shared[2], n))
    unique = distinct(np.concatenate(codes))  # by (i, j)
    return unique // n, unique % n


def _bucket_pairs(rows: np.ndarray, band: np.ndarray, max_bucket: int, n: int) -> np.ndarray:
    """Codes ``i * n + j`` of the pairs ``i < j`` of ``rows`` sharing a ``band`` key.

    Buckets of more than ``max_bucket`` rows give no pairs.
    """
    order = np.argsort(band)
    ordered = band[order]
    starts = np.flatnonzero(_first_of_runs(ordered))
    sizes = np.diff(np.append(starts, len(ordered)))
    kept = (sizes >= 2) & (sizes <= max_bucket)
    starts, sizes = starts[kept], sizes[kept]
    members = rows[order[_ranges(starts, sizes)]]
    later = np.repeat(np.cumsum(sizes), sizes) - np.arange(1, len(members) + 1)  # members after it in its bucket
    first = members[np.repeat(np.arange(len(members)), later)]
    second = members[_ranges(np.arange(1, len(members) + 1), later)]
    return np.minimum(first, second) * n + np.maximum(first, second)


def _first_of_runs(ordered: np.ndarray) -> np.ndarray:
    """Mask of the entries of a sorted array that differ from the one before."""
    first = np.ones(len(ordered), dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    return first


def distinct(codes: np.ndarray) -> np.ndarray:
    """Sorted distinct values, by sorting: ``np.unique`` without ``return_*`` hashes (numpy 2.4),
    which took 4x longer on 7M codes with repeats and ~30x on 2.5M random uint64.

    Args:
        codes: Any 1-d array.

    Returns:
        The distinct values, ascending.
    """
    ordered = np.sort(codes)
    return ordered[_first_of_runs(ordered)]


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``concatenate([arange(s, s + l) for s, l in zip(starts, lengths)])``, without a Python loop."""
    return np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum(), dtype=np.int64)
