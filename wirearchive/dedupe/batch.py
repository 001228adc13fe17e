"""The features of many bodies at once: one tokenizing pass, then numpy over the whole batch.

Gives, for every body, exactly the values of :func:`~wirearchive.dedupe.features.shingle_sets`,
:func:`~wirearchive.dedupe.passages.passages` and :func:`~wirearchive.dedupe.align.narrative_length`
(tested against them, which stay the readable definition of each feature), at a fraction of their
cost: per-article calls spent most of their time in Python per token (three tokenizations of each
body, a cache lookup per token and feature) and in numpy's per-call overhead on small arrays.

Here each body is tokenized once, by one regular expression that also yields the marks the
features need (quotation marks, sentence ends, line and paragraph breaks), and every distinct token
string gets an id in a process-wide :class:`_Vocabulary` holding its hash, kind and whether it is a
content word. Token ids of the whole batch are looked up in one C-level pass (``map`` over a
dict), and every feature is computed over the concatenated batch with article offsets: n-grams
masked at article ends, quotation state from cumulative counts, winnowing by a doubling sliding
minimum, distinct values per article by one sort of ``article << 32 | value`` keys, and MinHash by
one ``(shingles, permutations)`` product reduced per article.

Bodies whose ASCII folding (:func:`~wirearchive.dedupe.passages.fold`) changes them get a second
tokenization of the unfolded text for the shingle sets, which, unlike the passage features, are
defined on the unfolded text.
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from wirearchive.dedupe import align, features, minhash, passages

# Token codes: a word, or one of the marks the features read.
_WORD, _END, _PARAGRAPH, _OPEN, _CLOSE, _TOGGLE = range(6)
# Marks as passages.narrative_tokens and passages.sentence_sets read them: a paragraph break resets
# the quotation state and ends a sentence; „ and ‟ open, ” closes, the others toggle.
_MARKS = {
    "\n\n": _PARAGRAPH,
    ".": _END,
    "!": _END,
    "?": _END,
    "\n": _END,
    "„": _OPEN,
    "‟": _OPEN,
    "”": _CLOSE,
    '"': _TOGGLE,
    "“": _TOGGLE,
    "«": _TOGGLE,
    "»": _TOGGLE,
}
# passages' tokens with its marks: sentence ends there are matched in text pieces split at the
# quotation marks, so an end before a quotation mark ends a sentence too.
_TOKEN = re.compile(r'\w+|\n\n|\n|["“”«»„‟]|[.!?](?=\s|$|["“”«»„‟])')
_RAW_TOKEN = re.compile(r"\w+|\n\n")  # features.tokens' words, per paragraph
_WORD_CHAR = re.compile(r"\w")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_MARK_CHARS = frozenset("".join(_MARKS) + ".!?")
_NO_GRAM = np.uint32(2**32 - 1)  # passages._winnow's stand-in for "no gram"
# Vocabulary size from which it is dropped and rebuilt at the next batch (bounds a long-lived
# process's memory: ~200 B a token).
MAX_VOCABULARY = 1 << 21
# Shingle rows x permutations per MinHash product (32 MB of uint32 temporaries).
_MINHASH_CELLS = 1 << 23


class _Ids(dict[str, int]):
    """Token string -> id; an unseen string gets the next id and is queued in ``new``."""

    def __init__(self) -> None:
        super().__init__((mark, k) for k, mark in enumerate(_MARKS))
        self.new: list[str] = []

    def __missing__(self, token: str) -> int:
        self[token] = index = len(self)
        self.new.append(token)
        return index


class _Vocabulary:
    """Ids of token strings and, per id, what the features need to know of the token.

    Attributes:
        ids: Token string -> id (the marks first).
        code: Per id, ``_WORD`` or the mark's code.
        hash: Per id, crc32 of the lowercase token with number words as digits (0 for marks).
        kind: Per id, ``features._OTHER``, ``_FUNCTION`` or ``_ANCHOR`` (of the token as
            :func:`features.tokens` maps it).
        content: Per id, whether the token counts in :func:`passages.sentence_sets`.
        folded: Per id, the id of the token folded to ASCII (:func:`passages.fold`).
    """

    def __init__(self) -> None:
        self.ids = _Ids()
        self.code = np.array(list(_MARKS.values()), dtype=np.int8)
        self.hash = np.zeros(len(_MARKS), dtype=np.uint32)
        self.kind = np.zeros(len(_MARKS), dtype=np.int8)
        self.content = np.zeros(len(_MARKS), dtype=bool)
        self.folded = np.arange(len(_MARKS), dtype=np.int32)

    def add_new(self) -> None:
        """Properties of the ids handed out since the last call."""
        while self.ids.new:  # folding a new token may hand out another id
            new, self.ids.new = self.ids.new, []
            common = passages._common()
            info = [features._token_info(features._NUMBER_WORDS.get(token.lower(), token)) for token in new]
            content = (features._NUMBER_WORDS.get(token.lower(), token.lower()) not in common for token in new)
            self.code = np.concatenate([self.code, np.full(len(new), _WORD, dtype=np.int8)])
            self.hash = np.concatenate([self.hash, np.fromiter((h for h, _ in info), np.uint32, len(new))])
            self.kind = np.concatenate([self.kind, np.fromiter((k for _, k in info), np.int8, len(new))])
            self.content = np.concatenate([self.content, np.fromiter(content, bool, len(new))])
            folded = np.fromiter((self.ids[passages.fold(token)] for token in new), np.int32, len(new))
            self.folded = np.concatenate([self.folded, folded])


_vocabulary = _Vocabulary()


class Ragged(NamedTuple):
    """One variable-length array per article, concatenated.

    Attributes:
        values: The values of every article, article after article.
        offsets: ``n + 1`` int64 starts of each article's values (the last one ``len(values)``).
    """

    values: np.ndarray
    offsets: np.ndarray


class Features(NamedTuple):
    """The features of a batch of bodies, one row per body (see ``state.SIGNATURES``).

    Attributes:
        n_words: Distinct word 3-grams.
        n_anchors: Distinct anchor bigrams.
        n_skeleton: Distinct skeleton 4-grams.
        words_minhash: ``(n, state.WORD_PERM)`` signatures, and the three below likewise.
        anchors_minhash: Anchor-bigram signatures.
        skeleton_minhash: Skeleton signatures.
        lead_minhash: Lead signatures.
        paragraphs: :attr:`features.Shingles.paragraphs` of each body.
        n_narrative: :func:`align.narrative_length` of each body's grams.
        grams: :attr:`passages.Passages.grams`.
        passage_keys: :attr:`passages.Passages.keys`.
        sentences: :attr:`passages.Passages.sentences`.
    """

    n_words: np.ndarray
    n_anchors: np.ndarray
    n_skeleton: np.ndarray
    words_minhash: np.ndarray
    anchors_minhash: np.ndarray
    skeleton_minhash: np.ndarray
    lead_minhash: np.ndarray
    paragraphs: Ragged
    n_narrative: np.ndarray
    grams: Ragged
    passage_keys: Ragged
    sentences: Ragged


def body_features(bodies: list[str], perms: tuple[int, int, int, int]) -> Features:
    """The features of each body.

    Args:
        bodies: Texts, paragraphs separated by blank lines.
        perms: MinHash permutations of the word, anchor, skeleton and lead signatures.

    Returns:
        The features, row k for ``bodies[k]``.
    """
    global _vocabulary
    if len(_vocabulary.ids) > MAX_VOCABULARY:
        _vocabulary = _Vocabulary()
    vocabulary = _vocabulary
    folded, raw = _token_ids(bodies, vocabulary)
    word_perm, anchor_perm, skeleton_perm, lead_perm = perms
    sets = _shingle_sets(raw, vocabulary)
    words, anchors, skeleton, lead = (_distinct(*pair, len(bodies)) for pair in sets[:4])
    found = _passages(folded, vocabulary)
    return Features(
        n_words=np.diff(words.offsets),
        n_anchors=np.diff(anchors.offsets),
        n_skeleton=np.diff(skeleton.offsets),
        words_minhash=_minhash(words, word_perm),
        anchors_minhash=_minhash(anchors, anchor_perm),
        skeleton_minhash=_minhash(skeleton, skeleton_perm),
        lead_minhash=_minhash(lead, lead_perm),
        paragraphs=_distinct(*sets[4], len(bodies)),
        n_narrative=found[0],
        grams=found[1],
        passage_keys=found[2],
        sentences=found[3],
    )


def _token_ids(bodies: list[str], vocabulary: _Vocabulary) -> tuple[Ragged, Ragged]:
    """Token ids of the folded bodies (words and marks) and of the unfolded ones (words and paragraph breaks).

    Most bodies are tokenized once, unfolded: where folding acts on each token alone
    (:func:`_folds_locally`), the folded tokens are the folded unfolded ones. The others are
    tokenized folded and, for the shingle sets, unfolded again.
    """
    tokens: list[str] = []
    lengths = np.zeros(len(bodies), dtype=np.int64)
    local = np.ones(len(bodies), dtype=bool)
    unfolded: dict[int, list[str]] = {}  # bodies folded before tokenizing: their unfolded words
    for k, body in enumerate(bodies):
        if body.isascii() or all(map(_folds_locally, set(_NON_ASCII.findall(body)))):
            found = _TOKEN.findall(body)
        else:
            found = _TOKEN.findall(passages.fold(body))
            unfolded[k] = _RAW_TOKEN.findall(body)
            local[k] = False
        tokens.extend(found)
        lengths[k] = len(found)
    ids = np.fromiter(map(vocabulary.ids.__getitem__, tokens), dtype=np.int32, count=len(tokens))
    own = {k: np.fromiter(map(vocabulary.ids.__getitem__, toks), np.int32, len(toks)) for k, toks in unfolded.items()}
    vocabulary.add_new()
    offsets = _offsets(lengths)
    code = vocabulary.code[ids]
    in_raw = (code == _WORD) | (code == _PARAGRAPH)
    if not own:
        return Ragged(vocabulary.folded[ids], offsets), Ragged(ids[in_raw], _offsets(_counts(in_raw, offsets)))
    folded = np.where(np.repeat(local, lengths), vocabulary.folded[ids], ids)
    in_raw &= np.repeat(local, lengths)
    raw_lengths = _counts(in_raw, offsets)
    raw_lengths[list(own)] = [len(values) for values in own.values()]
    starts, raw_ids = _offsets(_counts(in_raw, offsets)), ids[in_raw]
    raw_ids = np.concatenate([own.get(k, raw_ids[starts[k] : starts[k + 1]]) for k in range(len(bodies))])
    return Ragged(folded, offsets), Ragged(raw_ids, _offsets(raw_lengths))


@lru_cache(maxsize=1 << 16)
def _folds_locally(ch: str) -> bool:
    """Whether folding a non-ASCII character keeps every token boundary and mark of a text.

    True when the character stays itself, or a word character becomes word characters, or any
    other becomes neither word characters nor marks, whitespace staying whitespace. Then the
    tokens of the folded text are the folded tokens of the text. (Not so for a lone combining
    mark, which folding drops and so joins two words; for ``…``, which becomes three sentence
    ends; for ``½``, which becomes ``1⁄2``.)
    """
    folded = passages._fold_char(ch)
    if folded == ch:
        return True
    if not folded:
        return False
    if _WORD_CHAR.fullmatch(ch):
        return all(_WORD_CHAR.fullmatch(c) for c in folded)
    return not any(_WORD_CHAR.fullmatch(c) or c in _MARK_CHARS or c.isspace() != ch.isspace() for c in folded)


def _counts(mask: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """True values of ``mask`` in each article."""
    total = np.zeros(len(mask) + 1, dtype=np.int64)
    np.cumsum(mask, out=total[1:])
    return total[offsets[1:]] - total[offsets[:-1]]


def _offsets(lengths: np.ndarray) -> np.ndarray:
    out = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=out[1:])
    return out


def _article_of(offsets: np.ndarray) -> np.ndarray:
    """Article index of each value of a ragged array."""
    return np.repeat(np.arange(len(offsets) - 1, dtype=np.int64), np.diff(offsets))


def _subset(article: np.ndarray, keep: np.ndarray, n: int) -> np.ndarray:
    """Offsets of the values kept from a ragged array (``article`` of each value)."""
    return _offsets(np.bincount(article[keep], minlength=n))


def _shingle_sets(raw: Ragged, vocabulary: _Vocabulary) -> list[tuple[np.ndarray, np.ndarray]]:
    """``(values, article)`` of the word, anchor, skeleton, lead and paragraph shingles (repeats kept)."""
    n = len(raw.offsets) - 1
    code = vocabulary.code[raw.values]
    article = _article_of(raw.offsets)
    word = code == _WORD
    ids = raw.values[word]
    offsets = _subset(article, word, n)
    hashes, kinds, article = vocabulary.hash[ids], vocabulary.kind[ids], article[word]
    position = np.arange(len(ids), dtype=np.int64) - offsets[article]

    structural = kinds > features._OTHER
    keep = structural.copy()
    keep[1:] |= structural[:-1]  # the first of each run of other words stays, as "*"
    keep[position == 0] = True
    folded = np.where(structural, hashes, features._STAR)
    anchor = kinds == features._ANCHOR
    lead = position < features.LEAD_TOKENS
    return [
        _ngrams(hashes, offsets, 3),
        _ngrams(hashes[anchor], _subset(article, anchor, n), 2),
        _ngrams(folded[keep], _subset(article, keep, n), 4),
        _ngrams(hashes[lead], _subset(article, lead, n), 3),
        _paragraph_hashes(raw, code, hashes, article),
    ]


def _ngrams(hashes: np.ndarray, offsets: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``(hash, article)`` of every ``n``-gram inside one article, as ``features._ngrams`` hashes them."""
    count = len(hashes) - n + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint32), np.empty(0, dtype=np.int64)
    grams = np.zeros(count, dtype=np.uint32)
    for offset in range(n):
        grams += hashes[offset : offset + count] * features._SHINGLE_MULT[offset]  # wraps mod 2**32
    article = _article_of(offsets)[:count]
    inside = np.arange(n - 1, count + n - 1) < offsets[article + 1]
    return grams[inside], article[inside]


def _paragraph_hashes(
    raw: Ragged, code: np.ndarray, hashes: np.ndarray, article: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """``(hash, article)`` of each paragraph of at least ``PARAGRAPH_MIN_TOKENS`` words."""
    starts = np.zeros(len(code), dtype=bool)
    starts[raw.offsets[:-1][raw.offsets[:-1] < len(code)]] = True
    paragraph = np.cumsum(starts | (code == _PARAGRAPH))[code == _WORD]  # paragraph number of each word
    bounds = np.flatnonzero(np.diff(paragraph, prepend=-1, append=-1))  # where each paragraph's words start
    sizes = np.diff(bounds)
    long = np.flatnonzero(sizes >= features.PARAGRAPH_MIN_TOKENS)
    data = memoryview(hashes.astype(np.uint32, copy=False).tobytes())
    values = [zlib.crc32(data[4 * bounds[k] : 4 * bounds[k + 1]]) for k in long.tolist()]
    return np.asarray(values, dtype=np.uint32), article[bounds[long]]


def _distinct(values: np.ndarray, article: np.ndarray, n: int) -> Ragged:
    """Sorted distinct values of each article."""
    keys = np.sort((article.astype(np.uint64) << np.uint64(32)) | values.astype(np.uint64))
    first = np.ones(len(keys), dtype=bool)
    first[1:] = keys[1:] != keys[:-1]
    keys = keys[first]
    owner = (keys >> np.uint64(32)).astype(np.int64)
    return Ragged((keys & np.uint64(0xFFFFFFFF)).astype(np.uint32), _offsets(np.bincount(owner, minlength=n)))


def _minhash(shingles: Ragged, num_perm: int) -> np.ndarray:
    """``(n, num_perm)`` signatures, row k as :func:`minhash.signature` of article k's shingles."""
    a, b = minhash.sketcher(num_perm).permutations
    n = len(shingles.offsets) - 1
    out = np.full((n, num_perm), minhash.EMPTY, dtype=np.uint32)
    mixed = minhash._fmix32(shingles.values.astype(np.uint32, copy=False))
    nonempty = np.flatnonzero(np.diff(shingles.offsets) > 0)
    rows_per_block = max(1, _MINHASH_CELLS // num_perm)
    start = 0
    while start < len(nonempty):
        first = shingles.offsets[nonempty[start]]
        stop = int(np.searchsorted(shingles.offsets[nonempty + 1], first + rows_per_block, side="right"))
        stop = max(stop, start + 1)  # one article bigger than a block still goes whole
        block = nonempty[start:stop]
        last = shingles.offsets[block[-1] + 1]
        # (permutations, shingles): reducing contiguous runs is ~7x faster than down the columns.
        products = a[:, None] * mixed[None, first:last]  # wraps mod 2**32
        products += b[:, None]
        out[block] = np.minimum.reduceat(products, shingles.offsets[block] - first, axis=1).T
        start = stop
    return out


def _passages(folded: Ragged, vocabulary: _Vocabulary) -> tuple[np.ndarray, Ragged, Ragged, Ragged]:
    """``(n_narrative, grams, keys, sentences)`` of each article from its folded tokens."""
    n = len(folded.offsets) - 1
    code = vocabulary.code[folded.values]
    article = _article_of(folded.offsets)
    quoted = _quoted(code, folded.offsets, article)
    word = code == _WORD
    ids = folded.values[word]
    hashes, inside, owner = vocabulary.hash[ids], quoted[word], article[word]
    offsets = _subset(article, word, n)
    grams = _sequence(hashes, inside, offsets, passages.PASSAGE_N)
    narrative = np.bincount(owner[align._inside(grams != 0)], minlength=n)
    keys = _winnow(_sequence(hashes, inside, offsets, passages.KEY_N), offsets, passages.KEY_WINDOW)
    sentences = _sentences(code, folded, article, quoted, vocabulary)
    return narrative, Ragged(grams, offsets), keys, sentences


def _quoted(code: np.ndarray, offsets: np.ndarray, article: np.ndarray) -> np.ndarray:
    """Whether each token is inside quotation marks, as :func:`passages.narrative_tokens` tracks them.

    The state after a token is the value of the last mark that sets it (an opening or closing
    mark, a paragraph break, the article's start: False) flipped once per toggling mark since.
    """
    index = np.arange(len(code), dtype=np.int64)
    toggles = np.cumsum(code == _TOGGLE)
    setting = (code == _OPEN) | (code == _CLOSE) | (code == _PARAGRAPH)
    last = np.maximum.accumulate(np.where(setting, index, -1)) if len(code) else index
    start = offsets[article]
    from_mark = last >= start
    base = np.where(from_mark, toggles[np.maximum(last, 0)], toggles[start] - (code[start] == _TOGGLE))
    value = from_mark & (code[np.maximum(last, 0)] == _OPEN)
    return value ^ ((toggles - base) & 1).astype(bool)


def _sequence(hashes: np.ndarray, quoted: np.ndarray, offsets: np.ndarray, n: int) -> np.ndarray:
    """``passages._sequence`` of every article, concatenated."""
    out = np.zeros(len(hashes), dtype=np.uint32)
    count = len(hashes) - n + 1
    if count <= 0:
        return out
    grams = np.zeros(count, dtype=np.uint32)
    for offset in range(n):
        grams += hashes[offset : offset + count] * passages._MULT[offset]  # wraps mod 2**32
    grams |= np.uint32(1)
    quotes = np.concatenate([[0], np.cumsum(quoted, dtype=np.int64)])
    touched = quotes[n : n + count] > quotes[:count]
    inside = np.arange(n - 1, count + n - 1) < offsets[_article_of(offsets)[:count] + 1]
    out[:count] = np.where(touched | ~inside, np.uint32(0), grams)
    return out


def _winnow(grams: np.ndarray, offsets: np.ndarray, window: int) -> Ragged:
    """``passages._winnow`` of every article: the minimum of each window inside an article, distinct."""
    n = len(offsets) - 1
    lengths = np.diff(offsets)
    article = _article_of(offsets)
    # Each article followed by window - 1 "no gram" values: a short article's one window ends in them.
    padded = np.full(len(grams) + (window - 1) * n, _NO_GRAM, dtype=np.uint32)
    padded[np.arange(len(grams)) + (window - 1) * article] = np.where(grams == 0, _NO_GRAM, grams)
    minima = _sliding_min(padded, window)
    windows = np.where(lengths > 0, np.maximum(lengths - window + 1, 1), 0)
    starts = offsets[:-1] + (window - 1) * np.arange(n)
    picked = minima[_ranges(starts, windows)]
    owner = np.repeat(np.arange(n, dtype=np.int64), windows)
    real = picked != _NO_GRAM
    return _distinct(picked[real], owner[real], n)


def _sliding_min(values: np.ndarray, window: int) -> np.ndarray:
    """``min(values[p : p + window])`` for every full window, by doubling."""
    if len(values) < window:
        return np.empty(0, dtype=values.dtype)
    spans = {1: values}
    width = 1
    while 2 * width <= window:
        spans[2 * width] = np.minimum(spans[width][:-width], spans[width][width:])
        width *= 2
    out, covered = spans[width], width
    while covered < window:
        step = max(w for w in spans if w <= window - covered)
        out = np.minimum(out[: len(spans[step]) - covered], spans[step][covered:])
        covered += step
    return out[: len(values) - window + 1]


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``concatenate([arange(s, s + l) for s, l in zip(starts, lengths)])``."""
    return np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum(), dtype=np.int64)


def _sentences(
    code: np.ndarray, folded: Ragged, article: np.ndarray, quoted: np.ndarray, vocabulary: _Vocabulary
) -> Ragged:
    """:func:`passages.sentence_sets` of every article."""
    n = len(folded.offsets) - 1
    starts = np.zeros(len(code), dtype=bool)
    starts[folded.offsets[:-1][np.diff(folded.offsets) > 0]] = True
    sentence = np.cumsum(starts | (code == _END) | (code == _PARAGRAPH))  # a new number at each end
    counted = (code == _WORD) & ~quoted
    counted[counted] = vocabulary.content[folded.values[counted]]
    keys = np.sort((sentence[counted].astype(np.uint64) << np.uint64(32)) | vocabulary.hash[folded.values[counted]])
    first = np.ones(len(keys), dtype=bool)
    first[1:] = keys[1:] != keys[:-1]
    keys = keys[first]
    number = (keys >> np.uint64(32)).astype(np.int64)
    size = np.bincount(number, minlength=int(sentence[-1]) + 1 if len(sentence) else 1)
    owner = np.zeros(len(size), dtype=np.int64)
    owner[sentence] = article
    eligible = size >= passages.SENTENCE_TOKENS
    rank = np.cumsum(eligible) - 1  # eligible sentences before, over the batch
    before = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(owner[eligible], minlength=n), out=before[1:])
    rank -= before[owner]  # numbered from 0 in each article
    kept = eligible[number] & (rank[number] <= passages.MAX_SENTENCES)
    values = (rank[number[kept]].astype(np.uint64) << np.uint64(32)) | (keys[kept] & np.uint64(0xFFFFFFFF))
    return Ragged(values, _offsets(np.bincount(owner[number[kept]], minlength=n)))
