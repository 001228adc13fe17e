"""Passage features: what real syndicated copies share when the global set ratios do not.

Real copies rarely keep ~70% of their source's word shingles: outlets glue a headline, byline or
photo caption on top, insert paragraphs, respell names and stop early. What they do keep is
*passages*: runs of the source's narrative sentences, word for word, in order. Other outlets' own
reports of the same event share something too, but mostly *quotes* of the same statements
("It is with great sadness ...", a board's announcement), which every reporter may reproduce.
So the features here are computed on the narrative text only: tokens inside quotation marks are
left out.

* ``grams``: the hash of the word 5-gram starting at each token position (0 where the 5-gram
  touches quoted text). Pairs are verified by aligning these sequences (:mod:`.align`). 5 words is
  the shingle length of the development set's baseline and short enough to survive a respelled
  name every sentence or so.
* ``keys``: winnowed word 8-grams (Schleimer, Wilkerson & Aiken, "Winnowing: local algorithms for
  document fingerprinting", SIGMOD 2003: the minimum hash of every window of ``KEY_WINDOW``
  consecutive 8-grams). Two articles sharing a narrative run of at least
  ``KEY_N + KEY_WINDOW - 1`` tokens are guaranteed to share a key, whatever the rest of either
  text: exact-key candidates for partial copies, which MinHash LSH over whole texts misses.

Tokens are lower-cased and folded to ASCII where they decompose (``Sinéad`` = ``Sinead``), number
words are digits as in :func:`~wirearchive.dedupe.features.tokens`.

:func:`passages` defines the features of one body; :mod:`~wirearchive.dedupe.batch` computes the
same values for many bodies at once (tested equal), which is what ``article_signatures`` uses.
Change both together.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import wordfreq

from wirearchive.dedupe.features import _NUMBER_WORDS

# Word n-gram length of the aligned passages (the dev set's baseline shingle, see the module doc).
PASSAGE_N = 5
# Winnowing: n-gram length and window. A shared run of 8 + 12 - 1 = 19 narrative tokens (about one
# wire sentence, the shared part of a two-sentence brief) always yields a shared key; ~2 / 13 of
# the positions become keys. (A window of 24, i.e. 31-token runs, missed a brief of the dev set.)
KEY_N = 8
KEY_WINDOW = 12
# Sentences (issue 12, edited and updated copies): an editor rewords a sentence here and there,
# keeping most of its words, so no 5-gram run survives while the sentence's bag of words does.
# Content tokens are those outside the SENTENCE_COMMON most frequent English words (wordfreq:
# "the", "said", "would" ...); a sentence counts from SENTENCE_TOKENS of them (a short clause shares
# its few words by chance). Both chosen on the real sets' pairs (config.py, sentence rule).
SENTENCE_COMMON = 100
SENTENCE_TOKENS = 6
MAX_SENTENCES = 4095  # sentence numbers fit 12 bits (match.ordered_sentences packs them)
_WORD = re.compile(r"\w+")
_WORD_OR_END = re.compile(r"\w+|[.!?](?=\s|$)|\n")
_QUOTE_MARKS = re.compile(r"([\"“”«»„‟])")
# „ and ‟ only ever open and ” only ever closes; “ « » and " open or close by position, since
# “ closes a German „quote“ and » opens a German »quote« but closes a French « quote ».
_OPENING = frozenset("„‟")
_CLOSING = frozenset("”")
_MULT = np.array(
    [0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1, 0xD3A2646C | 1, 0xFD7046C5, 0xB55A4F09],
    dtype=np.uint32,
)  # odd: one per position of an n-gram (n <= 8)


class Passages(NamedTuple):
    """Passage features of one article.

    Attributes:
        grams: uint32 hash of the narrative 5-gram at each token position, 0 where quoted or past
            the last full 5-gram.
        keys: Sorted distinct uint32 candidate keys (winnowed narrative 8-grams).
        sentences: Sorted uint64 ``sentence << 32 | token hash``: the distinct content tokens
            (see :data:`SENTENCE_COMMON`) of each narrative sentence with at least
            :data:`SENTENCE_TOKENS` of them, sentences numbered in reading order from 0 (at most
            :data:`MAX_SENTENCES`).
    """

    grams: np.ndarray
    keys: np.ndarray
    sentences: np.ndarray


def fold(text: str) -> str:
    """``text`` without combining marks (NFKD, marks dropped): ``Sinéad`` -> ``Sinead``.

    Args:
        text: Any text.

    Returns:
        The folded text.
    """
    if text.isascii():
        return text
    return _NON_ASCII.sub(lambda match: _fold_char(match.group()), text)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=1 << 16)
def _fold_char(ch: str) -> str:
    """One character without its combining marks (NFKD)."""
    return "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))


def narrative_tokens(body: str) -> tuple[list[str], np.ndarray]:
    """Tokens of a body in reading order and which of them are quoted.

    Quotation state follows curly and guillemet marks by their direction and straight double
    quotes by toggling; it is reset at every paragraph (wire style leaves a quote open when the
    next paragraph continues it, and an unbalanced mark should not swallow the rest).

    Args:
        body: Text, paragraphs separated by blank lines.

    Returns:
        ``(tokens, quoted)``: the tokens (case kept, folded) and a boolean array, True for
        tokens inside quotation marks.
    """
    out: list[str] = []
    quoted: list[bool] = []
    for paragraph in fold(body).split("\n\n"):
        inside = False
        for piece in _QUOTE_MARKS.split(paragraph):  # text and single quotation marks, alternating
            if len(piece) == 1 and piece in '"“”«»„‟':
                inside = True if piece in _OPENING else False if piece in _CLOSING else not inside
                continue
            words = _WORD.findall(piece)
            out.extend(words)
            quoted.extend([inside] * len(words))
    return out, np.asarray(quoted, dtype=bool)


@lru_cache(maxsize=1 << 20)
def token_hash(token: str) -> int:
    """The hash of a sentence token: crc32 of the lower-cased token, number words as digits (as
    :func:`features.tokens`)."""
    lower = token.lower()
    return zlib.crc32(_NUMBER_WORDS.get(lower, lower).encode())


def passages(body: str) -> Passages:
    """The passage features of an article body.

    Args:
        body: Text, paragraphs separated by blank lines.

    Returns:
        The features.
    """
    toks, quoted = narrative_tokens(body)
    hashes = np.fromiter(map(token_hash, toks), dtype=np.uint32, count=len(toks))
    grams = _sequence(hashes, quoted, PASSAGE_N)
    keys = _winnow(_sequence(hashes, quoted, KEY_N), KEY_WINDOW)
    return Passages(grams=grams, keys=keys, sentences=sentence_sets(body))


def sentence_sets(body: str) -> np.ndarray:
    """The content tokens of each narrative sentence (see :attr:`Passages.sentences`).

    Sentences end at ``.``, ``!`` or ``?`` before a space, at a line break (a headline, a list
    item, paragraphs one line apart as some pages are extracted) and at every paragraph; quoted tokens
    are left out with the quotation state of :func:`narrative_tokens` (a paragraph's).

    Args:
        body: Text, paragraphs separated by blank lines.

    Returns:
        The sorted ``sentence << 32 | token hash`` values.
    """
    common = _common()
    out: list[int] = []
    number = 0
    for paragraph in fold(body).split("\n\n"):
        inside = False
        current: set[int] = set()
        for piece in _QUOTE_MARKS.split(paragraph) + ["."]:  # the paragraph's end ends a sentence
            if len(piece) == 1 and piece in '"“”«»„‟':
                inside = True if piece in _OPENING else False if piece in _CLOSING else not inside
                continue
            for token in _WORD_OR_END.findall(piece):
                if token in ".!?\n":
                    if len(current) >= SENTENCE_TOKENS and number <= MAX_SENTENCES:
                        out.extend((number << 32) | h for h in current)
                        number += 1
                    current = set()
                elif not inside and _NUMBER_WORDS.get(token.lower(), token.lower()) not in common:
                    current.add(token_hash(token))
    return np.sort(np.asarray(out, dtype=np.uint64))


@lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    """The :data:`SENTENCE_COMMON` most frequent English words (wordfreq), number words as digits."""
    return frozenset(_NUMBER_WORDS.get(word, word) for word in wordfreq.top_n_list("en", SENTENCE_COMMON))


def _sequence(hashes: np.ndarray, quoted: np.ndarray, n: int) -> np.ndarray:
    """Hash of the n-gram at every position (``len(hashes)`` entries), 0 where it is quoted or incomplete."""
    out = np.zeros(len(hashes), dtype=np.uint32)
    count = len(hashes) - n + 1
    if count <= 0:
        return out
    grams = np.zeros(count, dtype=np.uint32)
    touched = np.zeros(count, dtype=bool)
    for offset in range(n):
        grams += hashes[offset : offset + count] * _MULT[offset]  # wraps mod 2**32
        touched |= quoted[offset : offset + count]
    grams |= np.uint32(1)  # never 0, the "no gram" value
    out[:count] = np.where(touched, np.uint32(0), grams)
    return out


def _winnow(grams: np.ndarray, window: int) -> np.ndarray:
    """Sorted distinct minima of every ``window`` consecutive grams (0 = no gram is skipped)."""
    values = np.where(grams == 0, np.uint32(2**32 - 1), grams)
    if len(values) == 0:
        return np.empty(0, dtype=np.uint32)
    if len(values) < window:
        picked = values.min(keepdims=True)
    else:
        picked = np.lib.stride_tricks.sliding_window_view(values, window).min(axis=1)
    picked = np.sort(picked)  # distinct by sorting: np.unique's hashing is slower on these small arrays
    picked = picked[np.concatenate([[True], picked[1:] != picked[:-1]])]
    return picked[picked != np.uint32(2**32 - 1)]
