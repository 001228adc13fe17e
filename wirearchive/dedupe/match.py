"""Verifying candidate pairs and naming a member's relation to its story's canonical article.

All functions work on index arrays over one :class:`Window` (the signatures of the look-back
days and the partition, in time order), so a whole run is verified with a few vectorized numpy
expressions instead of a Python loop over pairs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from wirearchive.dedupe import align, crosslang, minhash, paraphrase
from wirearchive.dedupe.candidates import distinct, exact_keys
from wirearchive.dedupe.config import StoryConfig
from wirearchive.dedupe.state import signature_matrix


@dataclass(frozen=True)
class Window:
    """Signatures of every article a run looks at, as arrays.

    Attributes:
        article_id: Article ids (row order = time order, ties by id).
        source_id: Source of each article.
        credited: Whether the article's text credits a wire (its ``wire_service``).
        seen_at: Microseconds since the epoch.
        body: Body-hash codes (equal bodies, equal codes).
        url: Canonical-URL codes.
        words: ``(n, 64)`` word 3-gram signatures.
        anchors: ``(n, 64)`` anchor-bigram signatures.
        word_bytes: :func:`~wirearchive.dedupe.minhash.fingerprints` of ``words``.
        anchor_bytes: :func:`~wirearchive.dedupe.minhash.fingerprints` of ``anchors``.
        lead_bytes: :func:`~wirearchive.dedupe.minhash.fingerprints` of ``lead``.
        skeleton: ``(n, 128)`` skeleton 4-gram signatures.
        lead: ``(n, 32)`` lead signatures.
        n_words: Distinct word 3-grams per article.
        n_anchors: Distinct anchor bigrams per article.
        n_skeleton: Distinct skeleton 4-grams per article.
        paragraph_offsets: Start of each article's paragraph hashes in ``paragraph_values``
            (``n + 1`` entries).
        paragraph_values: Sorted distinct paragraph hashes of every article, concatenated.
        n_narrative: Narrative (unquoted) tokens per article.
        gram_offsets: Start of each article's 5-gram sequence in ``gram_values`` (``n + 1``).
        gram_values: :attr:`~wirearchive.dedupe.passages.Passages.grams` of every article.
        link_grams: ``gram_values`` with the window's common 5-grams set to 0 (:func:`common`):
            what the passage rule aligns. Relations align ``gram_values``, the whole text.
        gram_index: :func:`~wirearchive.dedupe.align.index` of ``gram_values``.
        link_index: :func:`~wirearchive.dedupe.align.index` of ``link_grams``.
        key_rows: Row of each passage key in ``key_values``.
        key_values: :attr:`~wirearchive.dedupe.passages.Passages.keys` of every article, without
            the window's common ones (:func:`common`).
        sentence_offsets: Start of each article's sentence tokens in ``sentence_values`` (``n + 1``).
        sentence_values: :attr:`~wirearchive.dedupe.passages.Passages.sentences` of every article,
            without the window's common sentences (:func:`common_sentences`).
        sentence_index: Sorted distinct ``row << 32 | token hash`` of the entries of
            ``sentence_values``, for :func:`ordered_sentences`.
        sentence_index_offsets: Start of each key's sentences in ``sentence_index_numbers``
            (``len(sentence_index) + 1`` entries).
        sentence_index_numbers: The sentences holding each key's token, ascending per key.
        sentence_key_offsets: Start of each article's sentence keys in ``sentence_keys`` (``n + 1``).
        sentence_keys: Sorted distinct sentence keys of every article (:func:`sentence_keys`).
        number_keys: ``row << 12 | sentence`` of every number among the entries of
            ``sentence_values`` (:func:`~wirearchive.dedupe.paraphrase.numbers`), sorted: a
            sentence's count of numbers is its number of entries here.
    """

    article_id: np.ndarray
    source_id: np.ndarray
    credited: np.ndarray
    seen_at: np.ndarray
    body: np.ndarray
    url: np.ndarray
    words: np.ndarray
    anchors: np.ndarray
    skeleton: np.ndarray
    lead: np.ndarray
    word_bytes: np.ndarray
    anchor_bytes: np.ndarray
    lead_bytes: np.ndarray
    n_words: np.ndarray
    n_anchors: np.ndarray
    n_skeleton: np.ndarray
    paragraph_offsets: np.ndarray
    paragraph_values: np.ndarray
    n_narrative: np.ndarray
    gram_offsets: np.ndarray
    gram_values: np.ndarray
    link_grams: np.ndarray
    gram_index: align.GramIndex
    link_index: align.GramIndex
    key_rows: np.ndarray
    key_values: np.ndarray
    sentence_offsets: np.ndarray
    sentence_values: np.ndarray
    sentence_index: np.ndarray
    sentence_index_offsets: np.ndarray
    sentence_index_numbers: np.ndarray
    sentence_key_offsets: np.ndarray
    sentence_keys: np.ndarray
    number_keys: np.ndarray
    language: np.ndarray
    translation_offsets: np.ndarray
    translation_values: np.ndarray

    @classmethod
    def from_signatures(cls, signatures: pa.Table, common_spread: int = 0, common_anchors: float = 0.0) -> Window:
        """Arrays of a signatures table already sorted by ``(seen_at, article_id)``.

        Args:
            signatures: Rows in :data:`wirearchive.dedupe.state.SIGNATURES`.
            common_spread: 5-grams and sentences found in articles of at least this many anchor
                groups of the window are common text, not evidence (:func:`common`); 0 keeps all.
            common_anchors: 5-grams and sentences also held by an article sharing less than this
                share of anchor bigrams with their first holder are common text too
                (:func:`common`); 0 keeps all.

        Returns:
            The window.
        """
        paragraphs = signatures.column("paragraphs").combine_chunks()
        gram_offsets, gram_values = _ragged(signatures, "grams")
        key_offsets, key_values = _ragged(signatures, "passage_keys")
        sentence_offsets, sentence_values = _ragged(signatures, "sentences")
        anchors = signature_matrix(signatures, "anchors_minhash")
        n_anchors = signatures.column("n_anchors").to_numpy()
        groups = anchor_groups(anchors, n_anchors)
        anchor_bytes = minhash.fingerprints(anchors)
        words = signature_matrix(signatures, "words_minhash")
        lead = signature_matrix(signatures, "lead_minhash")
        dropped = np.zeros(len(gram_values), dtype=bool)
        if common_spread or common_anchors:
            agree = Agreement(anchors, n_anchors.astype(np.float64), common_anchors)
            dropped = common(gram_offsets, gram_values, groups, common_spread, agree)
            sentence_offsets, sentence_values = common_sentences(
                sentence_offsets, sentence_values, groups, common_spread, agree
            )
            kept = ~common(key_offsets, key_values, groups, common_spread, agree)
            key_counts = np.bincount(np.repeat(np.arange(signatures.num_rows), np.diff(key_offsets))[kept])
            key_offsets = np.r_[0, np.cumsum(np.pad(key_counts, (0, signatures.num_rows - len(key_counts))))]
            key_values = key_values[kept]
        key_offsets_s, keys_s = sentence_keys(sentence_offsets, sentence_values)
        link_grams = np.where(dropped, 0, gram_values).astype(gram_values.dtype)
        gram_index, link_index = align.indexes(gram_offsets, gram_values, dropped)
        sentence_index, sentence_index_offsets, sentence_index_numbers = _sentence_index(
            sentence_offsets, sentence_values
        )
        translation_offsets, translation_values = _ragged(signatures, "translation_evidence")
        return cls(
            article_id=np.asarray(signatures.column("article_id").to_pylist(), dtype=object),
            source_id=np.asarray(signatures.column("source_id").to_pylist(), dtype=object),
            credited=signatures.column("wire_service").is_valid().to_numpy(zero_copy_only=False),
            seen_at=signatures.column("seen_at").cast(pa.int64()).to_numpy(),
            body=exact_keys(signatures.column("body_hash")),
            url=exact_keys(signatures.column("canonical_url")),
            words=words,
            anchors=anchors,
            skeleton=signature_matrix(signatures, "skeleton_minhash"),
            lead=lead,
            word_bytes=minhash.fingerprints(words),
            anchor_bytes=anchor_bytes,
            lead_bytes=minhash.fingerprints(lead),
            n_words=signatures.column("n_words").to_numpy().astype(np.float64),
            n_anchors=signatures.column("n_anchors").to_numpy().astype(np.float64),
            n_skeleton=signatures.column("n_skeleton").to_numpy().astype(np.float64),
            paragraph_offsets=paragraphs.offsets.to_numpy().astype(np.int64) - paragraphs.offsets[0].as_py(),
            paragraph_values=paragraphs.flatten().to_numpy(zero_copy_only=False),
            n_narrative=signatures.column("n_narrative").to_numpy().astype(np.float64),
            gram_offsets=gram_offsets,
            gram_values=gram_values,
            link_grams=link_grams,
            gram_index=gram_index,
            link_index=link_index,
            key_rows=np.repeat(np.arange(signatures.num_rows, dtype=np.int64), np.diff(key_offsets)),
            key_values=key_values,
            sentence_offsets=sentence_offsets,
            sentence_values=sentence_values,
            sentence_index=sentence_index,
            sentence_index_offsets=sentence_index_offsets,
            sentence_index_numbers=sentence_index_numbers,
            sentence_key_offsets=key_offsets_s,
            sentence_keys=keys_s,
            number_keys=_number_keys(sentence_offsets, sentence_values),
            language=crosslang.language_codes(signatures.column("language").to_pylist()),
            translation_offsets=translation_offsets,
            translation_values=translation_values.astype(np.uint64),
        )


# Anchor permutations whose least values name an article's anchor group (see :func:`anchor_groups`).
GROUP_PERMUTATIONS = 4


def anchor_groups(anchors: np.ndarray, n_anchors: np.ndarray) -> np.ndarray:
    """``(n, GROUP_PERMUTATIONS)`` group codes of each article: its least anchor-bigram hashes.

    Two articles share the code of a permutation with probability equal to their anchor Jaccard
    (Broder 1997): copies of one report (the same names and numbers) mostly do, reports of other
    events almost never. An article without anchors gets codes of its own (its row number, with
    bit 32 set, apart from any hash).

    Args:
        anchors: ``(n, k)`` anchor-bigram MinHash signatures (k >= :data:`GROUP_PERMUTATIONS`).
        n_anchors: Distinct anchor bigrams per article.

    Returns:
        uint64 codes.
    """
    own = (np.arange(len(anchors), dtype=np.uint64) | np.uint64(1 << 32))[:, None]
    codes = anchors[:, :GROUP_PERMUTATIONS].astype(np.uint64)
    return np.where((np.asarray(n_anchors) > 0)[:, None], codes, own)


class Agreement(NamedTuple):
    """What :func:`common` needs to tell whether two holders of a passage name the same things.

    ``anchors`` and ``n_anchors`` are the window's anchor-bigram signatures and sizes; ``share``
    the anchor containment below which two articles report different things (0: not checked).
    """

    anchors: np.ndarray
    n_anchors: np.ndarray
    share: float


_AGREE_CHUNK = 200_000  # holder pairs compared at once: ~13 MB of signature temporaries


def _disagreeing(values: np.ndarray, rows: np.ndarray, agree: Agreement) -> np.ndarray:
    """Per entry of ``values`` (row ``rows``, ascending): whether an article holding the value shares
    less than ``agree.share`` of the anchor bigrams of the smaller side with the value's first
    holder (lowest row): the value is held by reports naming different people, places and numbers.

    One disagreeing holder decides a value, so each value's last holder is compared first and the
    other holders only of the values it leaves undecided (most of a templated window's values are
    decided by the first comparison; the result is that of comparing every holder). Values are
    grouped by Arrow's hash-based dictionary encoding, which numbers them in order of first
    appearance, i.e. of first holder: no sort of the entries.
    """
    out = np.zeros(len(values), dtype=bool)
    if len(values) == 0 or agree.share <= 0:
        return out
    value_id = pc.dictionary_encode(pa.array(values)).indices.to_numpy()
    rows = rows.astype(np.int64)
    new = np.ones(len(values), dtype=bool)  # first appearances: ids come in increasing order
    new[1:] = value_id[1:] > np.maximum.accumulate(value_id)[:-1]
    first = rows[new]  # each value's first holder, by value id
    last = np.zeros(len(first), dtype=np.int64)
    np.maximum.at(last, value_id, rows)
    probe = np.flatnonzero(last != first)
    known, known_differ = _pairs_differ((first[probe] << 32) | last[probe], agree)
    flagged = np.zeros(len(first), dtype=bool)
    flagged[probe] = known_differ[np.searchsorted(known, (first[probe] << 32) | last[probe])]
    head = first[value_id]
    rest = np.flatnonzero((rows != head) & ~flagged[value_id])
    codes, inverse = np.unique((head[rest] << 32) | rows[rest], return_inverse=True)
    at = np.minimum(np.searchsorted(known, codes), max(len(known) - 1, 0))
    seen = known[at] == codes if len(known) else np.zeros(len(codes), dtype=bool)
    differ = np.empty(len(codes), dtype=bool)
    differ[seen] = known_differ[at[seen]]
    differ[~seen] = _pairs_differ(codes[~seen], agree)[1]
    flagged[value_id[rest[differ[inverse.ravel()]]]] = True
    return flagged[value_id]


def _pairs_differ(codes: np.ndarray, agree: Agreement) -> tuple[np.ndarray, np.ndarray]:
    """``(pairs, differ)``: the distinct ``a << 32 | b`` row pairs of ``codes``, sorted, and whether
    ``a`` and ``b`` share less than ``agree.share`` of the smaller one's anchor bigrams."""
    pairs = distinct(codes)
    a, b = pairs >> 32, pairs & 0xFFFFFFFF
    size_a, size_b = agree.n_anchors[a], agree.n_anchors[b]
    shared = minhash.containment(_jaccard(agree.anchors, a, b), np.minimum(size_a, size_b), np.maximum(size_a, size_b))
    return pairs, (size_a > 0) & (size_b > 0) & (shared < agree.share)


def _jaccard(signatures: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """:func:`~wirearchive.dedupe.minhash.jaccard` of rows ``a`` and ``b``, ``_AGREE_CHUNK`` pairs at a time."""
    return np.concatenate(
        [
            minhash.jaccard(signatures[a[k : k + _AGREE_CHUNK]], signatures[b[k : k + _AGREE_CHUNK]])
            for k in range(0, len(a), _AGREE_CHUNK)
        ]
        or [np.zeros(0)]
    )


def _spread(values: np.ndarray, rows: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Per entry of ``values`` (row ``rows``): the median over permutations of distinct groups holding it."""
    if len(values) == 0:
        return np.zeros(0)
    order = np.argsort(values)
    ordered = values[order]
    first = np.ones(len(values), dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    inverse = np.empty(len(values), dtype=np.uint64)
    inverse[order] = np.cumsum(first) - 1  # the rank of each value among the distinct ones
    kinds = int(first.sum())
    counts = np.empty((groups.shape[1], kinds))
    for p in range(groups.shape[1]):
        pairs = distinct((inverse << np.uint64(33)) | groups[rows, p])
        counts[p] = np.bincount((pairs >> np.uint64(33)).astype(np.int64), minlength=kinds)
    return np.median(counts, axis=0)[inverse.astype(np.int64)]


def common(
    offsets: np.ndarray, grams: np.ndarray, groups: np.ndarray, spread: int, agree: Agreement | None = None
) -> np.ndarray:
    """Which 5-grams of the window are common text: held by articles of ``spread``+ anchor groups,
    or by two reports that name different things (``agree``).

    A passage that articles about many different names and numbers share is boilerplate ("The
    Associated Press contributed to this report", a newsletter blurb, a template sentence), not
    a sign that two of them copy one report; copies of one report, however many, mostly share
    their anchor group (:func:`anchor_groups`). The spread of a 5-gram is the median over
    :data:`GROUP_PERMUTATIONS` permutations of the distinct groups among its articles: neither
    copies split over groups on one permutation nor boilerplate whose own anchor ("Sign up", "The
    Associated Press") is the least of many articles on another decide it.

    A count needs many reports to see a template, and a small day has few: there a template
    sentence of a newsroom (or of a generator) is held by the reports of two or three events.
    Those name other people, places and numbers, where copies of one report, and other reports
    of its event, name the same ones: with ``agree``, a 5-gram held by an article whose anchor
    bigrams agree with those of the 5-gram's first holder (the earliest) on less than
    ``agree.share`` of the smaller set is common however few hold it.

    Args:
        offsets: Start of each article's grams in ``grams`` (``n + 1`` entries).
        grams: Concatenated :attr:`~wirearchive.dedupe.passages.Passages.grams` (0 = no gram).
        groups: :func:`anchor_groups` of the articles.
        spread: Groups from which a 5-gram is common (0: no count).
        agree: The anchor check (None or ``share`` 0: none).

    Returns:
        A boolean mask over ``grams``.
    """
    rows = np.repeat(np.arange(len(offsets) - 1, dtype=np.int64), np.diff(offsets))
    out = np.zeros(len(grams), dtype=bool)
    present = np.flatnonzero(grams != 0)
    if spread:
        out[present] = _spread(grams[present], rows[present], groups) >= spread
    if agree is not None:
        out[present] |= _disagreeing(grams[present], rows[present], agree)
    return out


def common_sentences(
    offsets: np.ndarray, values: np.ndarray, groups: np.ndarray, spread: int, agree: Agreement | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The sentences of each article without the common ones (as :func:`common`, per sentence).

    A sentence is named by each pair of its three least content-token hashes: a template
    sentence whose slot is filled with another city or number keeps one of the pairs whenever at
    most one slot is among the three; it is common when one of its names is.

    Args:
        offsets: Start of each article's sentence tokens in ``values`` (``n + 1`` entries).
        values: :attr:`~wirearchive.dedupe.passages.Passages.sentences` of every article.
        groups: :func:`anchor_groups` of the articles.
        spread: Groups from which a sentence is common (0: no count).
        agree: The anchor check of :func:`common` (None: none).

    Returns:
        ``(offsets, values)`` without the common sentences' entries (sentence numbers kept).
    """
    if len(values) == 0:
        return offsets, values
    rows = np.repeat(np.arange(len(offsets) - 1, dtype=np.int64), np.diff(offsets))
    sentence = (rows.astype(np.uint64) << np.uint64(12)) | (values >> np.uint64(32))  # MAX_SENTENCES < 4096
    first = np.ones(len(values), dtype=bool)
    first[1:] = sentence[1:] != sentence[:-1]
    starts = np.flatnonzero(first)
    low = np.uint64(0xFFFFFFFF)
    ends = np.r_[starts[1:], len(values)]
    least = [values[np.minimum(starts + k, ends - 1)] & low for k in range(3)]  # SENTENCE_TOKENS >= 3
    drop = np.zeros(len(starts), dtype=bool)
    for a, b in ((0, 1), (0, 2), (1, 2)):
        names = (least[a] << np.uint64(32)) | least[b]
        if spread:
            drop |= _spread(names, rows[starts], groups) >= spread
        if agree is not None:
            drop |= _disagreeing(names, rows[starts], agree)
    keep = ~np.repeat(drop, np.diff(np.r_[starts, len(values)]))
    counts = np.bincount(rows[keep], minlength=len(offsets) - 1)
    return np.r_[0, np.cumsum(counts)].astype(np.int64), values[keep]


def sentence_keys(offsets: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One MinHash value per sentence: the least content-token hash of each, distinct per article.

    Two sentences of Jaccard J have the same least hash with probability J (Broder 1997), so
    articles with three near-identical sentences (J ~0.6) share a key with probability ~0.94:
    candidates for the sentence rule that share no 5-gram run. Keys have bit 32 set, apart from
    the passage keys (uint32).

    Args:
        offsets: Start of each article's :attr:`~wirearchive.dedupe.passages.Passages.sentences`
            in ``values`` (``n + 1`` entries).
        values: Their concatenation (sorted within each article, so a sentence's least hash
            comes first).

    Returns:
        ``(offsets, keys)``: the sorted distinct keys of each article, concatenated.
    """
    rows = np.repeat(np.arange(len(offsets) - 1, dtype=np.uint64), np.diff(offsets))
    sentence = values >> np.uint64(32)
    first = np.ones(len(values), dtype=bool)
    first[1:] = (rows[1:] != rows[:-1]) | (sentence[1:] != sentence[:-1])
    keys = (values[first] & np.uint64(0xFFFFFFFF)) | np.uint64(1 << 32)
    codes = distinct((rows[first] << np.uint64(33)) | keys)
    key_rows = (codes >> np.uint64(33)).astype(np.int64)
    key_offsets = np.searchsorted(key_rows, np.arange(len(offsets)))
    return key_offsets.astype(np.int64), codes & np.uint64((1 << 33) - 1)


def _sentence_index(offsets: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(keys, offsets, sentences)``: the distinct ``row << 32 | token hash`` of the sentence
    entries, sorted, where each key's sentences start, and the sentences (ascending per key)."""
    rows = np.repeat(np.arange(len(offsets) - 1, dtype=np.uint64), np.diff(offsets))
    keys = (rows << np.uint64(32)) | (values & np.uint64(0xFFFFFFFF))
    order = np.argsort(keys, kind="stable")  # entries are in sentence order within a row
    keys = keys[order]
    first = np.ones(len(keys), dtype=bool)
    first[1:] = keys[1:] != keys[:-1]
    starts = np.flatnonzero(first)
    return keys[starts], np.r_[starts, len(keys)].astype(np.int64), (values[order] >> np.uint64(32)).astype(np.int64)


def _number_keys(offsets: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Sorted ``row << 12 | sentence`` of the sentence entries that are numbers (see :class:`Window`)."""
    rows = np.repeat(np.arange(len(offsets) - 1, dtype=np.uint64), np.diff(offsets))
    number = paraphrase.numbers(values)
    return np.sort((rows[number] << np.uint64(12)) | (values[number] >> np.uint64(32)))


def _ragged(signatures: pa.Table, column: str) -> tuple[np.ndarray, np.ndarray]:
    """``(offsets, values)`` of a list column (offsets from 0, ``rows + 1`` entries)."""
    values = signatures.column(column).combine_chunks()
    if isinstance(values, pa.ChunkedArray):  # an empty table
        values = pa.array([], values.type)
    offsets = values.offsets.to_numpy().astype(np.int64)
    return offsets - offsets[0], values.flatten().to_numpy(zero_copy_only=False)


class Measures(NamedTuple):
    """Similarities of pairs ``(i, j)``; ``*_in_i`` is the share of i's set found in j's.

    ``words_ok``/``anchors_ok``: both sets are large enough to compare; ``no_anchors``: one side
    has no anchor bigram at all (nothing to check names and numbers against).
    """

    same_body: np.ndarray
    same_url: np.ndarray
    words: np.ndarray
    words_in_i: np.ndarray
    words_in_j: np.ndarray
    lead: np.ndarray
    anchors: np.ndarray
    anchors_contained: np.ndarray
    skeleton: np.ndarray
    words_ok: np.ndarray
    anchors_ok: np.ndarray
    no_anchors: np.ndarray


def measure(win: Window, i: np.ndarray, j: np.ndarray, config: StoryConfig) -> Measures:
    """Similarities of row pairs.

    Args:
        win: The window.
        i: Row indices.
        j: Row indices, paired with ``i``.
        config: Sizes below ``config.min_shingles`` are flagged not ok.

    Returns:
        The measures, one entry per pair.
    """
    words = minhash.jaccard(win.words[i], win.words[j])
    anchors = minhash.jaccard(win.anchors[i], win.anchors[j])
    small_anchor = np.minimum(win.n_anchors[i], win.n_anchors[j])
    small_side_i = win.n_anchors[i] <= win.n_anchors[j]
    anchors_in_i = minhash.containment(anchors, win.n_anchors[i], win.n_anchors[j])
    anchors_in_j = minhash.containment(anchors, win.n_anchors[j], win.n_anchors[i])
    return Measures(
        same_body=win.body[i] == win.body[j],
        same_url=win.url[i] == win.url[j],
        words=words,
        words_in_i=minhash.containment(words, win.n_words[i], win.n_words[j]),
        words_in_j=minhash.containment(words, win.n_words[j], win.n_words[i]),
        lead=minhash.jaccard(win.lead[i], win.lead[j]),
        anchors=anchors,
        anchors_contained=np.where(small_side_i, anchors_in_i, anchors_in_j),
        skeleton=minhash.jaccard(win.skeleton[i], win.skeleton[j]),
        words_ok=np.minimum(win.n_words[i], win.n_words[j]) >= config.min_shingles,
        anchors_ok=(small_anchor >= config.min_shingles)
        & (np.minimum(win.n_skeleton[i], win.n_skeleton[j]) >= config.min_shingles),
        no_anchors=small_anchor == 0,
    )


def _paragraph_keys(win: Window, rows: np.ndarray) -> np.ndarray:
    """``pair index << 32 | paragraph hash`` for every paragraph of ``rows`` (one entry per pair)."""
    starts, ends = win.paragraph_offsets[rows], win.paragraph_offsets[rows + 1]
    counts = ends - starts
    pair = np.repeat(np.arange(len(rows), dtype=np.uint64), counts)
    within = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    values = win.paragraph_values[np.repeat(starts, counts) + within].astype(np.uint64)
    return (pair << np.uint64(32)) | values


def _shared_paragraphs(win: Window, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Number of paragraph hashes rows ``i`` and ``j`` have in common, per pair."""
    shared = np.intersect1d(_paragraph_keys(win, i), _paragraph_keys(win, j), assume_unique=True)
    return np.bincount((shared >> np.uint64(32)).astype(np.int64), minlength=len(i)).astype(np.float64)


def _shared_sentence_keys(win: Window, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Number of sentence keys rows ``i`` and ``j`` have in common, per pair."""
    a, pair_a = align.gather(win.sentence_key_offsets, win.sentence_keys, i)
    b, pair_b = align.gather(win.sentence_key_offsets, win.sentence_keys, j)
    shared = np.intersect1d(
        (pair_a.astype(np.uint64) << np.uint64(33)) | a,
        (pair_b.astype(np.uint64) << np.uint64(33)) | b,
        assume_unique=True,
    )
    return np.bincount((shared >> np.uint64(33)).astype(np.int64), minlength=len(i))


# Equal word-signature values from which a pair is aligned without sharing a passage key (a
# shared run of 19+ narrative tokens always shares one, see passages.KEY_N): two 3-gram values of
# 64 are a word Jaccard of ~0.03 or more.
WORD_HINT = 2


def _share_passage_key(win: Window, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Whether rows ``i`` and ``j`` have a passage key (winnowed narrative 8-gram) in common, per pair."""
    offsets = np.searchsorted(win.key_rows, np.arange(len(win.article_id) + 1))
    a, pair_a = align.gather(offsets, win.key_values, i)
    b, pair_b = align.gather(offsets, win.key_values, j)
    shared = np.intersect1d(
        (pair_a.astype(np.uint64) << np.uint64(32)) | a.astype(np.uint64),
        (pair_b.astype(np.uint64) << np.uint64(32)) | b.astype(np.uint64),
        assume_unique=True,
    )
    return np.bincount((shared >> np.uint64(32)).astype(np.int64), minlength=len(i)) > 0


def _anchor_gate(jaccard: np.ndarray, small: np.ndarray, large: np.ndarray, config: StoryConfig) -> np.ndarray:
    """Pairs whose anchors could pass a link rule: no anchors on one side, the smaller set's
    containment at ``copy_anchors`` or the Jaccard at ``spun_anchors`` (non-decreasing in ``jaccard``)."""
    return (
        (small == 0)
        | (minhash.containment(jaccard, small, large) >= config.copy_anchors)
        | (jaccard >= config.spun_anchors)
    )


# How a pair was linked (``Links.rule``).
NONE, BODY, COPY, SKELETON, PASSAGE, SENTENCE, PARAPHRASE, PARTIAL, TRANSLATION = range(9)


class Links(NamedTuple):
    """Verification result of candidate pairs.

    ``rule`` is one of :data:`NONE`, :data:`BODY`, :data:`COPY`, :data:`SKELETON`,
    :data:`PASSAGE`, :data:`SENTENCE`, :data:`PARTIAL`, :data:`PARAPHRASE`; ``score`` its measure
    (0..1).
    """

    rule: np.ndarray
    score: np.ndarray


def linked(win: Window, i: np.ndarray, j: np.ndarray, config: StoryConfig) -> Links:
    """Which pairs of rows belong to one story, and by which rule.

    The rules, tried in this order on the pairs still unlinked:

    1. equal body hash;
    2. the MinHash rules set on the synthetic corpus (see :class:`StoryConfig`): most word
       3-grams of one in the other with the anchors agreeing (``COPY``), or skeleton and anchor
       bigrams agreeing (``SKELETON``);
    3. shared narrative passages (``PASSAGE``): at least ``passage_tokens`` unquoted tokens of
       the article with less narrative text lie in 5-grams the other has too, and they are at
       least ``passage_share`` of its narrative; or, for a brief, ``brief_share`` of it with at
       least ``brief_tokens`` tokens;
    4. near-identical sentences (``SENTENCE``, on the pairs rule 3 looked at): at least
       ``sentence_count`` sentences of the article with less narrative text each have at least
       ``sentence_share`` of their content tokens in one sentence of the other, those sentences
       in the same order (:func:`ordered_sentences`): an edited copy rewords a few words per
       sentence and breaks the 5-gram runs; another report of the event shares names and
       figures, rarely whole sentences in order;
    4b. a partial copy (``PARTIAL``, on the pairs rules 3 and 4 left): a shared passage of at
       least ``partial_tokens`` tokens and ``partial_share`` of the shorter narrative (below the
       passage rule's share: an edited copy or a write-through keeping a few paragraphs amid its
       own), corroborated by at least ``partial_sentences`` sentences of the shorter one with
       ``partial_sentence_share`` of their content tokens in one sentence of the other, in order,
       and ``partial_anchors`` of its anchor bigrams in the other: another outlet's own report
       may repeat a wire sentence, rarely that and several more in the wire's order, and a
       report of another event built from like sentences (last quarter's earnings) names other
       figures;
    5. sentence-by-sentence rewording (``PARAPHRASE``, with ``passages``, on every candidate
       still unlinked): spun, paraphrased and machine-translated copies
       (:mod:`~wirearchive.dedupe.paraphrase`), then its looser tier whose aligned sentences
       must agree on their numbers (:func:`~wirearchive.dedupe.paraphrase.numbered`);
    6. a translation (``TRANSLATION``, on every pair still unlinked whose languages differ):
       names, numbers and cognate stems aligned sentence by sentence
       (:func:`~wirearchive.dedupe.crosslang.translated`).

    An equal canonical URL only makes a candidate: the texts must still agree by one of these.

    Args:
        win: The window.
        i: Row indices.
        j: Row indices, paired with ``i``.
        config: Link thresholds.

    Returns:
        The rule and score of every pair (``NONE`` and 0 when not linked).
    """
    rule = np.zeros(len(i), dtype=np.int8)
    score = np.zeros(len(i))
    same_body = win.body[i] == win.body[j]
    rule[same_body], score[same_body] = BODY, 1.0
    # Every rule below needs the anchors to agree. The gate grows with the anchor Jaccard, so pairs
    # it fails at the fingerprints' bound fail it at the estimate, which is read only for the rest.
    small = np.minimum(win.n_anchors[i], win.n_anchors[j])
    large = np.maximum(win.n_anchors[i], win.n_anchors[j])
    bound = minhash.jaccard(win.anchor_bytes[i], win.anchor_bytes[j])
    rows = np.flatnonzero(~same_body & _anchor_gate(bound, small, large, config))
    anchors = minhash.jaccard(win.anchors[i[rows]], win.anchors[j[rows]])
    rows = rows[_anchor_gate(anchors, small[rows], large[rows], config)]
    m = measure(win, i[rows], j[rows], config)
    anchors_agree = m.no_anchors | (m.anchors_contained >= config.copy_anchors)
    copy = m.words_ok & (np.maximum(m.words_in_i, m.words_in_j) >= config.copy_words) & anchors_agree
    spun = ~copy & m.anchors_ok & (m.skeleton >= config.spun_skeleton) & (m.anchors >= config.spun_anchors)
    rule[rows[copy]], score[rows[copy]] = COPY, np.maximum(m.words_in_i, m.words_in_j)[copy]
    rule[rows[spun]], score[rows[spun]] = SKELETON, m.skeleton[spun]

    # Passages: only pairs sharing a passage key (any run of 19+ narrative tokens), a sentence
    # key, a lead value, a canonical URL or WORD_HINT word-signature values; the exact alignment
    # costs more than the estimates. The key intersections only for the pairs the others leave.
    rest = np.flatnonzero(rule == NONE) if config.passages else np.empty(0, dtype=np.int64)
    # Equal values have equal fingerprints: a count of equal values only where the bytes allow it.
    hint = win.url[i[rest]] == win.url[j[rest]]
    unsure = np.flatnonzero(~hint)
    a, b = i[rest[unsure]], j[rest[unsure]]
    maybe = np.count_nonzero(win.word_bytes[a] == win.word_bytes[b], axis=1) >= WORD_HINT
    hint[unsure[maybe]] = np.count_nonzero(win.words[a[maybe]] == win.words[b[maybe]], axis=1) >= WORD_HINT
    unsure = np.flatnonzero(~hint)
    a, b = i[rest[unsure]], j[rest[unsure]]
    maybe = (win.lead_bytes[a] == win.lead_bytes[b]).any(axis=1)
    hint[unsure[maybe]] = (win.lead[a[maybe]] == win.lead[b[maybe]]).any(axis=1)
    unsure = np.flatnonzero(~hint)
    hint[unsure] = _shared_sentence_keys(win, i[rest[unsure]], j[rest[unsure]]) > 0
    unsure = unsure[~hint[unsure]]
    hint[unsure] = _share_passage_key(win, i[rest[unsure]], j[rest[unsure]])
    rest = rest[hint]
    share, shared = passage_share(win, i[rest], j[rest])
    passage = ((shared >= config.passage_tokens) & (share >= config.passage_share)) | (
        (shared >= config.brief_tokens) & (share >= config.brief_share)
    )
    rule[rest[passage]], score[rest[passage]] = PASSAGE, share[passage]
    # Sentences: the rest of those pairs, by near-identical sentences in the same order.
    rest, share, shared = rest[~passage], share[~passage], shared[~passage]
    in_part = (shared >= config.partial_tokens) & (share >= config.partial_share)
    partial, partial_score = rest[in_part], share[in_part]
    i_shorter = win.n_narrative[i[rest]] <= win.n_narrative[j[rest]]
    short, long_ = np.where(i_shorter, i[rest], j[rest]), np.where(i_shorter, j[rest], i[rest])
    anchors_rest = minhash.jaccard(win.anchors[short], win.anchors[long_])
    anchors_short = minhash.containment(anchors_rest, win.n_anchors[short], win.n_anchors[long_])
    # The cheap conditions first: the anchors, and enough sentences to match (a bound on the count).
    possible = ((win.n_anchors[short] == 0) | (anchors_short >= config.sentence_anchors)) & (
        _sentence_counts(win, short) >= config.sentence_count
    )
    rest, short, long_ = rest[possible], short[possible], long_[possible]
    matched = ordered_sentences(win, short, long_, config.sentence_share)
    sentence = matched >= config.sentence_count
    rule[rest[sentence]] = SENTENCE
    score[rest[sentence]] = matched[sentence] / np.maximum(_sentence_counts(win, short[sentence]), 1)
    # Partial copies: a smaller shared passage, with more sentences near-identical at a looser share.
    unlinked = rule[partial] == NONE
    partial, partial_score = partial[unlinked], partial_score[unlinked]
    i_shorter = win.n_narrative[i[partial]] <= win.n_narrative[j[partial]]
    short, long_ = np.where(i_shorter, i[partial], j[partial]), np.where(i_shorter, j[partial], i[partial])
    anchors_short = minhash.containment(
        minhash.jaccard(win.anchors[short], win.anchors[long_]), win.n_anchors[short], win.n_anchors[long_]
    )
    named = (win.n_anchors[short] == 0) | (anchors_short >= config.partial_anchors)
    partial, partial_score, short, long_ = partial[named], partial_score[named], short[named], long_[named]
    matched = ordered_sentences(win, short, long_, config.partial_sentence_share)
    corroborated = matched >= config.partial_sentences
    rule[partial[corroborated]] = PARTIAL
    score[partial[corroborated]] = partial_score[corroborated]
    # Paraphrases: sentences aligned in order at a low share, on every pair still unlinked whose
    # sides both have enough sentences to align ``paraphrase_count`` of them.
    rest = np.flatnonzero(rule == NONE) if config.passages else np.empty(0, dtype=np.int64)
    count_i, count_j = _sentence_counts(win, i[rest]), _sentence_counts(win, j[rest])
    enough = np.minimum(count_i, count_j) >= config.paraphrase_count
    rest, count_i, count_j = rest[enough], count_i[enough], count_j[enough]
    forward = ordered_sentences(win, i[rest], j[rest], config.paraphrase_share)
    # min(forward, backward) decides: backward only where forward alone would link.
    backward = np.zeros(len(rest))
    could = paraphrase.paraphrased(forward, forward, count_i, count_j, config)[0]
    backward[could] = ordered_sentences(win, j[rest[could]], i[rest[could]], config.paraphrase_share)
    spun, spun_score = paraphrase.paraphrased(forward, backward, count_i, count_j, config)
    rule[rest[spun]], score[rest[spun]] = PARAPHRASE, spun_score[spun]
    # The looser tier: a lower share, numbers agreeing inside each aligned sentence, more sentences.
    rest = np.flatnonzero(rule == NONE) if config.passages else np.empty(0, dtype=np.int64)
    count_i, count_j = _sentence_counts(win, i[rest]), _sentence_counts(win, j[rest])
    enough = np.minimum(count_i, count_j) >= config.numbered_count
    rest, count_i, count_j = rest[enough], count_i[enough], count_j[enough]
    # Each count only where the ones before could still link (an unknown count passed as ``forward``).
    forward = ordered_sentences(win, i[rest], j[rest], config.numbered_share, numbers=1)
    backward, numbered = np.zeros(len(rest)), np.zeros(len(rest))
    could = paraphrase.numbered(forward, forward, forward, count_i, count_j, config)[0]
    backward[could] = ordered_sentences(win, j[rest[could]], i[rest[could]], config.numbered_share, numbers=1)
    could = paraphrase.numbered(forward, backward, forward, count_i, count_j, config)[0]
    numbered[could] = ordered_sentences(win, i[rest[could]], j[rest[could]], config.numbered_share, numbers=2)
    spun, spun_score = paraphrase.numbered(forward, backward, numbered, count_i, count_j, config)
    rule[rest[spun]], score[rest[spun]] = PARAPHRASE, spun_score[spun]
    # Translations: pairs in different languages, by their evidence sentences.
    rest = np.flatnonzero(rule == NONE)
    found, found_score = crosslang.translated(
        win.language, win.translation_offsets, win.translation_values, i[rest], j[rest], config
    )
    rule[rest[found]], score[rest[found]] = TRANSLATION, found_score[found]

    return Links(rule, score)


def _sentence_counts(win: Window, rows: np.ndarray) -> np.ndarray:
    """Number of sentences with content tokens of each row."""
    starts, ends = win.sentence_offsets[rows], win.sentence_offsets[rows + 1]
    last = np.where(ends > starts, win.sentence_values[np.maximum(ends - 1, 0)] >> np.uint64(32), 0)
    return np.where(ends > starts, last.astype(np.int64) + 1, 0)


def ordered_sentences(win: Window, i: np.ndarray, j: np.ndarray, share: float, numbers: int = 0) -> np.ndarray:
    """Sentences of each ``i`` near-identical to a sentence of ``j``, counted in order.

    A sentence of ``i`` matches the sentence of ``j`` holding most of its content tokens (ties:
    the first) when that is at least ``share`` of them; the count is the longest run of matches
    whose sentences in ``j`` come in the same order (longest increasing subsequence). With
    ``numbers``, two sentences only match when their numbers agree
    (:func:`~wirearchive.dedupe.paraphrase.numbers_agree`) and, at 2, share one.

    Args:
        win: The window.
        i: Row indices.
        j: Row indices, paired with ``i``.
        share: Share of a sentence's content tokens from which it matches.
        numbers: 0: any numbers; 1: the two sentences' numbers agree; 2: and they share one.

    Returns:
        float64 counts, one per pair.
    """
    out = np.zeros(len(i))
    if len(i) == 0:
        return out
    a, pair_a = align.gather(win.sentence_offsets, win.sentence_values, i)
    # Each token of i looked up among j's in the window's index: no per-pair gathering and sorting of j.
    key_a = (np.asarray(j, dtype=np.uint64)[pair_a] << np.uint64(32)) | (a & np.uint64(0xFFFFFFFF))
    at = np.minimum(np.searchsorted(win.sentence_index, key_a), max(len(win.sentence_index) - 1, 0))
    found = win.sentence_index[at] == key_a if len(win.sentence_index) else np.zeros(len(key_a), dtype=bool)
    lo = win.sentence_index_offsets[at]
    hits = np.where(found, win.sentence_index_offsets[at + 1] - lo, 0)  # sentences of j holding each token of i
    left = np.repeat(np.arange(len(a)), hits)
    right = np.repeat(lo, hits) + np.arange(hits.sum()) - np.repeat(np.cumsum(hits) - hits, hits)
    sent_a = (a >> np.uint64(32)).astype(np.int64)
    sent_b = win.sentence_index_numbers
    # Shared tokens per (pair, sentence of i, sentence of j), then the best sentence of j.
    both = (pair_a[left] << 24) | (sent_a[left] << 12) | sent_b[right]
    cells, shared = np.unique(both, return_counts=True)
    sizes = np.unique((pair_a << 12) | sent_a, return_counts=True)
    size = sizes[1][np.searchsorted(sizes[0], cells >> 12)]
    good = shared >= share * size
    if numbers:
        number_a = paraphrase.numbers(a)
        common_numbers = np.bincount(np.searchsorted(cells, both), weights=number_a[left], minlength=len(cells))
        good &= _numbers_agree(win, number_a, pair_a, sent_a, j, cells, common_numbers)
        if numbers == 2:
            good &= common_numbers > 0
    return align.in_order(cells[good], shared[good], len(i))


def _numbers_agree(
    win: Window,
    number_a: np.ndarray,
    pair_a: np.ndarray,
    sent_a: np.ndarray,
    j: np.ndarray,
    cells: np.ndarray,
    shared: np.ndarray,
) -> np.ndarray:
    """Per cell ``(pair, sentence of i, sentence of j)`` of :func:`ordered_sentences`: whether the
    two sentences' numbers agree, given which tokens of ``i`` are numbers (``number_a``) and
    ``shared``, the numbers each cell's two sentences have in common."""
    keys, inverse = np.unique((pair_a << 12) | sent_a, return_inverse=True)
    in_i = np.bincount(inverse, weights=number_a, minlength=len(keys))[np.searchsorted(keys, cells >> 12)]
    key_b = (np.asarray(j, dtype=np.uint64)[cells >> 24] << np.uint64(12)) | (cells & 0xFFF).astype(np.uint64)
    in_j = np.searchsorted(win.number_keys, key_b, side="right") - np.searchsorted(win.number_keys, key_b)
    return paraphrase.numbers_agree(in_i, in_j, shared)


def passage_share(win: Window, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Shared narrative of pairs, measured on the article with less narrative text.

    Args:
        win: The window.
        i: Row indices.
        j: Row indices, paired with ``i``.

    Returns:
        ``(share, tokens)``: the share of the shorter article's narrative tokens in 5-grams the
        other has too, and their number.
    """
    i_shorter = win.n_narrative[i] <= win.n_narrative[j]
    short, long_ = np.where(i_shorter, i, j), np.where(i_shorter, j, i)
    tokens = align.shared_tokens(win.link_index, short, long_)[0]
    return tokens / np.maximum(win.n_narrative[short], 1), tokens


def relations(
    win: Window, i: np.ndarray, j: np.ndarray, config: StoryConfig
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Relation of members ``i`` to the versions ``j`` they were taken from.

    From the share of each side's narrative found in the other (``in_i``, ``in_j``):

    * ``duplicate``: the same body, or (on another page) each side mostly in the other
      (``duplicate_share``): verbatim, re-headlined, house-styled copies;
    * ``trimmed``: the member mostly in the version (``trimmed_share``) but not the version in
      the member: a teaser, an alert line, a page cut short (before ``duplicate``);
    * ``update``: the same page or source with another body, a shared passage of at least
      ``update_share`` of the member, or a member holding nearly all of its version
      (``trimmed_share``) and more: another write-through;
    * ``derived``: less verbatim text than that, shared runs shorter than ``copy_run`` tokens on
      average, or (with the same paragraphing) fewer than ``verbatim_paragraphs`` of the
      paragraphs kept verbatim, unless re-wrapped with runs of ``paragraph_run`` tokens: spun,
      translated, rewritten.

    Args:
        win: The window.
        i: Member rows.
        j: The version of each member (its ``copy_of``).
        config: Relation thresholds.

    Returns:
        ``(relation, similarity, evidence)`` object/float arrays; the similarity is the larger
        of the two shares (1 for an equal body), the skeleton Jaccard for ``derived``.
    """
    same_body = win.body[i] == win.body[j]
    same_url = win.url[i] == win.url[j]
    shared_i, runs = align.shared_tokens(win.gram_index, i, j)
    # The shared passages are the same text on both sides, so one alignment gives both shares.
    in_i = np.minimum(shared_i / np.maximum(win.n_narrative[i], 1), 1.0)
    in_j = np.minimum(shared_i / np.maximum(win.n_narrative[j], 1), 1.0)
    rewritten = shared_i / np.maximum(runs, 1) < config.copy_run  # broken every few words: spun
    # Where both keep the same paragraphing (some paragraph word for word), a copy keeping fewer
    # than half of its paragraphs verbatim was rewritten throughout (a spinner touches nearly
    # every paragraph, an editor a few). Not so for a copy that re-wraps the text (another
    # paragraph count) and still keeps whole sentences (shared runs of ``paragraph_run`` tokens
    # on average): an outlet's house style breaks most paragraphs and few words. Across sites the
    # paragraphing rarely survives, and this test does not apply.
    kept = _shared_paragraphs(win, i, j)
    counts = np.diff(win.paragraph_offsets)
    paragraph_share = np.maximum(kept / np.maximum(counts[i], 1), kept / np.maximum(counts[j], 1))
    rewrapped = (counts[i] != counts[j]) & (shared_i / np.maximum(runs, 1) >= config.paragraph_run)
    rewritten |= (kept >= 1) & (paragraph_share < config.verbatim_paragraphs) & ~rewrapped & ~same_body
    in_i, in_j = np.where(rewritten, 0.0, in_i), np.where(rewritten, 0.0, in_j)
    # The same page, or the same source, with another body is a new version: an outlet does not
    # run a story twice, a wire re-sends it as a write-through.
    # A page in another language is a translation, not a new version, even from the same source.
    new_capture = (
        (same_url | (win.source_id[i] == win.source_id[j])) & ~same_body & (win.language[i] == win.language[j])
    )
    trimmed = ~same_body & ~new_capture & (in_i >= config.trimmed_share) & (in_j < config.trimmed_share)
    duplicate = same_body | (
        ~new_capture & ~trimmed & (in_i >= config.duplicate_share) & (in_j >= config.duplicate_share)
    )
    updated = ~duplicate & ~trimmed & (new_capture | (in_i >= config.update_share) | (in_j >= config.trimmed_share))
    relation = np.select([duplicate, trimmed, updated], ["duplicate", "trimmed", "update"], "derived").astype(object)
    skeleton = minhash.jaccard(win.skeleton[i], win.skeleton[j])
    similarity = np.select([same_body, duplicate | trimmed | updated], [1.0, np.maximum(in_i, in_j)], skeleton)
    evidence = np.select(
        [same_body, updated & same_url, duplicate | trimmed | updated],
        ["body_hash", "canonical_url", "passage"],
        "skeleton",
    ).astype(object)
    evidence = np.array(
        [f"{e}:{s:.2f}" if e != "body_hash" else e for e, s in zip(evidence, similarity, strict=True)], dtype=object
    )
    return relation, np.round(similarity, 4), evidence
