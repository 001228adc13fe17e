"""MinHash signatures of hashed shingle sets, with datasketch's permutations.

Shingles arrive already hashed to uint32 (see :mod:`wirearchive.dedupe.features`), so datasketch's
``hashfunc`` is the identity and only its permutations apply ("affine32" scheme: a MurmurHash3
finalizer, then ``a * h + b mod 2**32``). datasketch draws the permutations; :func:`signature`
applies them to the whole array, giving the values of ``MinHash.update_batch`` (tested) without
its round trip through a Python int per shingle (a quarter of ``article_signatures``' time);
:mod:`~wirearchive.dedupe.batch` applies them to a whole batch of articles the same way.
Signatures are persisted between daily runs, so the number of permutations, the seed and the
scheme are part of the stored format.
"""

from __future__ import annotations

import numpy as np
from datasketch import MinHash

SCHEME = "affine32"
SEED = 1  # datasketch's default; changing it invalidates persisted signatures
EMPTY = np.uint32(2**32 - 1)  # datasketch's value for every permutation of an empty set


def sketcher(num_perm: int) -> MinHash:
    """A MinHash holding the permutations :func:`signature` applies (identity hash, our seed and scheme).

    Building a MinHash validates its permutations (a third of the cost on 600-shingle articles if
    done per article), so one sketch per permutation count is built and reused.

    Args:
        num_perm: Number of permutations.

    Returns:
        An empty MinHash.
    """
    return MinHash(num_perm=num_perm, seed=SEED, hashfunc=int, scheme=SCHEME)


def signature(shingles: np.ndarray, sketch: MinHash) -> np.ndarray:
    """The MinHash signature of one set of hashed shingles.

    Args:
        shingles: Distinct uint32 shingle hashes.
        sketch: From :func:`sketcher` (only its permutations are read).

    Returns:
        The ``num_perm`` uint32 values ``sketch.update_batch(shingles)`` would give; all
        :data:`EMPTY` for an empty set.
    """
    a, b = sketch.permutations
    if not len(shingles):
        return np.full(len(a), EMPTY)
    return (_fmix32(shingles.astype(np.uint32, copy=False))[:, None] * a + b).min(axis=0)  # wraps mod 2**32


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, datasketch's pre-mix of the input hashes."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def jaccard(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Row-wise estimated Jaccard similarity of two stacks of signatures.

    Args:
        left: ``(n, num_perm)`` signatures.
        right: ``(n, num_perm)`` signatures, compared row by row with ``left``.

    Returns:
        ``n`` float64 estimates (the fraction of equal permutation minima).
    """
    # A count divided by the width: the same float64 values as ``.mean(axis=1)``, without its float sum.
    return np.count_nonzero(left == right, axis=1) / left.shape[1]


def fingerprints(signatures: np.ndarray) -> np.ndarray:
    """The low byte of every signature value, for cheap upper bounds on :func:`jaccard`.

    Equal values have equal bytes, so ``jaccard(fingerprints(a), fingerprints(b))`` is at least
    ``jaccard(a, b)`` (unequal values collide with probability ~1/256) at a quarter of the memory
    read: a threshold the bound does not reach, the estimate does not reach either.

    Args:
        signatures: ``(n, num_perm)`` uint32 signatures.

    Returns:
        ``(n, num_perm)`` uint8.
    """
    return signatures.astype(np.uint8)  # unsigned casts wrap: the value mod 256


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
