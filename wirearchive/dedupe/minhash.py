"""MinHash signatures of hashed shingle sets, computed with datasketch.

Shingles arrive already hashed to uint32 (see :mod:`wirearchive.dedupe.features`), so datasketch's
``hashfunc`` is the identity and it only applies its permutations ("affine32" scheme: a MurmurHash3
finalizer, then ``a * h + b mod 2**32``). Signatures are persisted between daily runs, so the
number of permutations and the seed are part of the stored format.
"""

from __future__ import annotations

import numpy as np
from datasketch import MinHash

SCHEME = "affine32"
SEED = 1  # datasketch's default; changing it invalidates persisted signatures


def sketcher(num_perm: int) -> MinHash:
    """A reusable MinHash for :func:`signature` (identity hash, our seed and scheme).

    Args:
        num_perm: Number of permutations.

    Returns:
        An empty MinHash.
    """
    return MinHash(num_perm=num_perm, seed=SEED, hashfunc=int, scheme=SCHEME)


def signature(shingles: np.ndarray, sketch: MinHash) -> np.ndarray:
    """The MinHash signature of one set of hashed shingles.

    Building a MinHash validates its permutations each time (a third of the cost on 600-shingle
    articles), so one sketch per permutation count is cleared and reused.

    Args:
        shingles: Distinct uint32 shingle hashes.
        sketch: From :func:`sketcher`; cleared first, left holding this set.

    Returns:
        A copy of the ``num_perm`` uint32 values; all ``2**32 - 1`` (datasketch's empty value) for
        an empty set.
    """
    sketch.clear()
    sketch.update_batch(shingles.tolist())
    return sketch.hashvalues.copy()


def jaccard(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Row-wise estimated Jaccard similarity of two stacks of signatures.

    Args:
        left: ``(n, num_perm)`` signatures.
        right: ``(n, num_perm)`` signatures, compared row by row with ``left``.

    Returns:
        ``n`` float64 estimates (the fraction of equal permutation minima).
    """
    return (left == right).mean(axis=1)


def containment(jaccard_estimate: np.ndarray, size: np.ndarray, other_size: np.ndarray) -> np.ndarray:
    """Estimated share of a set contained in another, from their Jaccard estimate and sizes.

    ``|A ∩ B| = J (|A| + |B|) / (1 + J)``, divided by ``|A|`` and clipped to 1.

    Args:
        jaccard_estimate: Estimated Jaccard similarity of A and B.
        size: ``|A|``.
        other_size: ``|B|``.

    Returns:
        Estimated ``|A ∩ B| / |A|`` (0 where A is empty).
    """
    inter = jaccard_estimate * (size + other_size) / (1.0 + jaccard_estimate)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(size > 0, inter / np.maximum(size, 1), 0.0)
    return np.minimum(share, 1.0)
