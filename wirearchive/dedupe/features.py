"""Text features for story matching: the shingle sets each article is compared by.

* word 3-grams: near copies, trimmed copies and write-throughs share most of them;
* the lead (3-grams of the first tokens): trimmed copies keep it verbatim;
* anchor bigrams: consecutive *anchor* tokens (a digit, a rare word, or a capitalized word that is
  not very common) in reading order. A spinner swaps common words for synonyms; names, numbers and
  rare words survive it, so a spun copy keeps its source's anchor sequence; a separate report on
  the same event shares many anchors (names, places, numbers) but in another order;
* the skeleton: anchors and function words in reading order with every run of other words folded
  into ``*``, taken four at a time. It keeps the sentence shapes a spinner does not touch;
* paragraph hashes: copies keep paragraphs word for word, spinners rewrite nearly all of them.

Rarity comes from ``wordfreq``'s English frequency ranks, not from any list of spinner synonyms.

:func:`shingle_sets` defines the sets for one body; :mod:`~wirearchive.dedupe.batch` computes the
same values for many bodies at once (tested equal), which is what ``article_signatures`` uses.
Change both together.
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import wordfreq

# Tokens whose lowercase form ranks below this in wordfreq's English list are "common": a spinner's
# synonym table draws from them (rank 10,000 is about zipf 3.9). Chosen from the ranks of the seed's
# words (swapped by its spinner: security 640, safety 1.1k, stated 1.9k, extra 1.1k; kept: graffiti
# 12k, militiamen 42k), not tuned further; bench/stories.py figures at these values are in
# wirearchive/dedupe/config.py. Re-run the bench
# after changing any constant here: persisted signatures depend on them too.
RARE_RANK = 10_000
# Capitalized tokens count as anchors from this rank on (names: Esper, Baghdad 12k, Iraq 3.4k),
# while very common capitalized words are left out because spinners rewrite them (Middle 677,
# Green 770, Popular 911, Defense 1.2k in the seed). Same provenance as RARE_RANK.
CAPITALIZED_RANK = 1_500
# The most frequent English words (the, of, and, to, in, ...): function words a spinner leaves
# alone. Together with the anchors they form an article's *skeleton*. Same provenance.
SKELETON_RANK = 60
# Paragraphs shorter than this (credit lines, "Follow us" boilerplate) are not compared verbatim.
PARAGRAPH_MIN_TOKENS = 8
# Number words spinners swap with digits ("4,000" -> "four,000"); "one" is left out because it is
# mostly a pronoun.
_NUMBER_WORDS = {
    word: str(value)
    for value, word in enumerate(
        "zero _ two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
    if word != "_"
} | {word: str(10 * tens) for tens, word in enumerate("thirty forty fifty sixty seventy eighty ninety".split(), 3)}

# About one lead paragraph of wire copy (AP leads run 30-45 words) plus its dateline.
LEAD_TOKENS = 50

_TOKEN = re.compile(r"\w+")
_SHINGLE_MULT = np.array([0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F], dtype=np.uint32)  # odd: one per position


@lru_cache(maxsize=1)
def _ranks() -> dict[str, int]:
    return {word: rank for rank, word in enumerate(wordfreq.top_n_list("en", RARE_RANK))}


def tokens(text: str) -> list[str]:
    """Word tokens of ``text`` in reading order, case kept, number words turned into digits.

    Args:
        text: Any text.

    Returns:
        The tokens (runs of word characters; punctuation and hyphens split them).
    """
    return [_NUMBER_WORDS.get(token.lower(), token) for token in _TOKEN.findall(text)]


@lru_cache(maxsize=1 << 20)
def is_anchor(token: str) -> bool:
    """Whether a token is likely to survive a synonym spinner.

    Args:
        token: One token from :func:`tokens`.

    Returns:
        True for tokens with a digit, rare words, and capitalized words outside the most common
        ``CAPITALIZED_RANK`` words.
    """
    rank = _ranks().get(token.lower(), RARE_RANK)
    if rank >= RARE_RANK or any(ch.isdigit() for ch in token):
        return True
    return token[0].isupper() and rank >= CAPITALIZED_RANK


class Shingles(NamedTuple):
    """The hashed sets one article is matched by (each sorted, distinct, uint32).

    Attributes:
        words: Lowercase word 3-grams of the body.
        lead: Word 3-grams of the first ``LEAD_TOKENS`` tokens (the lead paragraph).
        anchors: Bigrams of consecutive anchor tokens (see :func:`is_anchor`).
        skeleton: 4-grams of the skeleton: anchors and function words in reading order, every run
            of other words folded into one ``*``. A spinner's synonyms (even multi-word ones)
            fall inside the folded runs, so a spun copy keeps most of its source's skeleton; a
            separate report sharing names and numbers has its own.
        paragraphs: One hash per paragraph of at least ``PARAGRAPH_MIN_TOKENS`` tokens. Copies
            keep most paragraphs word for word; a spinner rewrites nearly all of them.
    """

    words: np.ndarray
    lead: np.ndarray
    anchors: np.ndarray
    skeleton: np.ndarray
    paragraphs: np.ndarray


_OTHER, _FUNCTION, _ANCHOR = 0, 1, 2
_STAR = np.uint32(zlib.crc32(b"*"))


@lru_cache(maxsize=1 << 20)
def _token_info(token: str) -> tuple[int, int]:
    """(hash of the lowercase token, kind) with kind one of _OTHER, _FUNCTION, _ANCHOR."""
    lower = token.lower()
    if is_anchor(token):
        kind = _ANCHOR
    elif _ranks().get(lower, RARE_RANK) < SKELETON_RANK:
        kind = _FUNCTION
    else:
        kind = _OTHER
    return zlib.crc32(lower.encode()), kind


def shingle_sets(body: str) -> Shingles:
    """All shingle sets of an article body, from one pass of tokenizing and hashing.

    Args:
        body: Text with paragraphs separated by blank lines.

    Returns:
        The sets.
    """
    paragraph_tokens = [tokens(paragraph) for paragraph in body.split("\n\n")]
    infos = [_token_info(token) for toks in paragraph_tokens for token in toks]
    hashes = np.fromiter((h for h, _ in infos), dtype=np.uint32, count=len(infos))
    kinds = np.fromiter((k for _, k in infos), dtype=np.int8, count=len(infos))
    folded = np.where(kinds > _OTHER, hashes, _STAR)
    keep = kinds > _OTHER
    keep[1:] |= kinds[:-1] > _OTHER  # the first word of each run of other words stays, as "*"
    if len(keep):
        keep[0] = True
    bounds = np.cumsum([0, *(len(toks) for toks in paragraph_tokens)])
    paragraphs = [
        zlib.crc32(hashes[start:end].tobytes())
        for start, end in zip(bounds[:-1], bounds[1:], strict=True)
        if end - start >= PARAGRAPH_MIN_TOKENS
    ]
    return Shingles(
        words=_ngrams(hashes, 3),
        lead=_ngrams(hashes[:LEAD_TOKENS], 3),
        anchors=_ngrams(hashes[kinds == _ANCHOR], 2),
        skeleton=_ngrams(folded[keep], 4),
        paragraphs=np.unique(np.asarray(paragraphs, dtype=np.uint32)),
    )


def _ngrams(hashes: np.ndarray, n: int) -> np.ndarray:
    """Distinct hashes of the ``n``-grams of a hash sequence (n <= 4)."""
    if len(hashes) < n:
        return np.empty(0, dtype=np.uint32)
    count = len(hashes) - n + 1
    grams = np.zeros(count, dtype=np.uint32)
    for offset in range(n):
        grams += hashes[offset : offset + count] * _SHINGLE_MULT[offset]  # wraps mod 2**32
    return np.unique(grams)
