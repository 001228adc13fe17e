"""Candidate pairs: MinHash LSH banding, with the bucket join done by DuckDB.

Each signature is cut into ``bands`` runs of ``rows`` values; two articles whose run agrees in any
band share a bucket and become a candidate pair (the standard MinHash LSH of datasketch's
``MinHashLSH``, whose S-curve the band settings follow). The buckets are not kept in Python
dicts: the band keys of the whole window go into one Arrow table, and DuckDB finds the pairs with a
hash join. datasketch's dict-backed index took ~105 µs per insert on this machine (32 bands), which
at 4 window-days per run would alone exceed the 1M-article budget; the join costs a few µs per row.
Exact keys (body hash, canonical URL) ride along as extra "bands".
"""

from __future__ import annotations

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# Odd 64-bit multipliers folding one band's rows into one key (fixed: keys never leave a run).
_FOLD = np.random.default_rng(20261125).integers(1, 2**63, size=8, dtype=np.uint64) * np.uint64(2) + np.uint64(1)

_PAIRS_SQL = """
with sized as (
    select
        band,
        key,
        row,
        count(*) over (partition by band, key) as bucket_size
    from bands
)
select distinct
    l.row as i,
    r.row as j
from sized as l
join sized as r
    on l.band = r.band
    and l.key = r.key
    and l.row < r.row
where l.bucket_size <= $max_bucket
order by i, j
"""


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


def candidate_pairs(keys: list[tuple[np.ndarray, np.ndarray]], max_bucket: int) -> tuple[np.ndarray, np.ndarray]:
    """Row pairs sharing a key in any band.

    Args:
        keys: Per family of bands, ``(eligible, band_keys)``: a boolean mask of the rows taking
            part and an ``(n, bands)`` uint64 key matrix (a 1-column matrix for exact keys).
        max_bucket: Buckets with more rows than this give no pairs.

    Returns:
        ``(i, j)`` int64 arrays with ``i < j``, sorted, without repeats.
    """
    band_ids, key_cols, row_ids = [], [], []
    offset = 0
    for eligible, matrix in keys:
        rows = np.flatnonzero(eligible)
        sub = matrix[rows]
        width = sub.shape[1]
        band_ids.append(np.repeat(np.arange(offset, offset + width, dtype=np.int32)[None, :], len(rows), 0).ravel())
        key_cols.append(sub.ravel())
        row_ids.append(np.repeat(rows.astype(np.int64), width))
        offset += width
    bands = pa.table(
        {
            "band": np.concatenate(band_ids),
            "key": np.concatenate(key_cols),
            "row": np.concatenate(row_ids),
        }
    )
    with duckdb.connect() as con:
        con.register("bands", bands)
        found = con.execute(_PAIRS_SQL, {"max_bucket": max_bucket}).fetchnumpy()
    return np.asarray(found["i"], dtype=np.int64), np.asarray(found["j"], dtype=np.int64)
