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

from wirearchive.dedupe import minhash
from wirearchive.dedupe.candidates import exact_keys
from wirearchive.dedupe.config import StoryConfig
from wirearchive.dedupe.state import signature_matrix


@dataclass(frozen=True)
class Window:
    """Signatures of every article a run looks at, as arrays.

    Attributes:
        article_id: Article ids (row order = time order, ties by id).
        source_id: Source of each article.
        seen_at: Microseconds since the epoch.
        body: Body-hash codes (equal bodies, equal codes).
        url: Canonical-URL codes.
        words: ``(n, 64)`` word 3-gram signatures.
        anchors: ``(n, 64)`` anchor-bigram signatures.
        skeleton: ``(n, 128)`` skeleton 4-gram signatures.
        lead: ``(n, 32)`` lead signatures.
        n_words: Distinct word 3-grams per article.
        n_anchors: Distinct anchor bigrams per article.
        n_skeleton: Distinct skeleton 4-grams per article.
        paragraph_offsets: Start of each article's paragraph hashes in ``paragraph_values``
            (``n + 1`` entries).
        paragraph_values: Sorted distinct paragraph hashes of every article, concatenated.
    """

    article_id: np.ndarray
    source_id: np.ndarray
    seen_at: np.ndarray
    body: np.ndarray
    url: np.ndarray
    words: np.ndarray
    anchors: np.ndarray
    skeleton: np.ndarray
    lead: np.ndarray
    n_words: np.ndarray
    n_anchors: np.ndarray
    n_skeleton: np.ndarray
    paragraph_offsets: np.ndarray
    paragraph_values: np.ndarray

    @classmethod
    def from_signatures(cls, signatures: pa.Table) -> Window:
        """Arrays of a signatures table already sorted by ``(seen_at, article_id)``.

        Args:
            signatures: Rows in :data:`wirearchive.dedupe.state.SIGNATURES`.

        Returns:
            The window.
        """
        paragraphs = signatures.column("paragraphs").combine_chunks()
        return cls(
            article_id=np.asarray(signatures.column("article_id").to_pylist(), dtype=object),
            source_id=np.asarray(signatures.column("source_id").to_pylist(), dtype=object),
            seen_at=signatures.column("seen_at").cast(pa.int64()).to_numpy(),
            body=exact_keys(signatures.column("body_hash")),
            url=exact_keys(signatures.column("canonical_url")),
            words=signature_matrix(signatures, "words_minhash"),
            anchors=signature_matrix(signatures, "anchors_minhash"),
            skeleton=signature_matrix(signatures, "skeleton_minhash"),
            lead=signature_matrix(signatures, "lead_minhash"),
            n_words=signatures.column("n_words").to_numpy().astype(np.float64),
            n_anchors=signatures.column("n_anchors").to_numpy().astype(np.float64),
            n_skeleton=signatures.column("n_skeleton").to_numpy().astype(np.float64),
            paragraph_offsets=paragraphs.offsets.to_numpy().astype(np.int64) - paragraphs.offsets[0].as_py(),
            paragraph_values=paragraphs.flatten().to_numpy(zero_copy_only=False),
        )


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


def linked(win: Window, i: np.ndarray, j: np.ndarray, config: StoryConfig) -> np.ndarray:
    """Whether each pair of rows belongs to one story.

    Both similarity rules need the anchors to agree, so the anchor signatures are compared first
    and only the pairs passing that gate get the other measures.

    Args:
        win: The window.
        i: Row indices.
        j: Row indices, paired with ``i``.
        config: Link thresholds.

    Returns:
        A boolean mask.
    """
    anchors = minhash.jaccard(win.anchors[i], win.anchors[j])
    small = np.minimum(win.n_anchors[i], win.n_anchors[j])
    contained = minhash.containment(anchors, small, np.maximum(win.n_anchors[i], win.n_anchors[j]))
    gate = (small == 0) | (contained >= config.copy_anchors) | (anchors >= config.spun_anchors)
    keep = (win.body[i] == win.body[j]) | (win.url[i] == win.url[j])
    rows = np.flatnonzero(gate & ~keep)
    m = measure(win, i[rows], j[rows], config)
    anchors_agree = m.no_anchors | (m.anchors_contained >= config.copy_anchors)
    copy = m.words_ok & (np.maximum(m.words_in_i, m.words_in_j) >= config.copy_words) & anchors_agree
    spun = m.anchors_ok & (m.skeleton >= config.spun_skeleton) & (m.anchors >= config.spun_anchors)
    keep[rows] = copy | spun
    return keep


def relations(
    win: Window, i: np.ndarray, j: np.ndarray, config: StoryConfig
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Relation of members ``i`` to their canonical articles ``j``.

    Args:
        win: The window.
        i: Member rows.
        j: Canonical row of each member.
        config: Relation thresholds.

    Returns:
        ``(relation, similarity, evidence)`` object/float arrays.
    """
    m = measure(win, i, j, config)
    kept = _shared_paragraphs(win, i, j)
    paragraph_share = np.maximum(kept / np.maximum(np.diff(win.paragraph_offsets)[i], 1),
                                 kept / np.maximum(np.diff(win.paragraph_offsets)[j], 1))
    verbatim = m.words_ok & (paragraph_share >= config.verbatim_paragraphs)
    same_lead = m.lead >= config.link_lead
    trimmed = (
        ~m.same_body
        & verbatim
        & same_lead
        & (m.words_in_i >= config.trimmed_contained)
        & (m.words_in_j < config.trimmed_contained)
    )
    # Same page with another body: a new version. Same lead and most words: a copy (re-headlined,
    # lightly edited); a write-through rewrites the lead.
    duplicate = m.same_body | (~m.same_url & ~trimmed & verbatim & same_lead & (m.words >= config.duplicate_words))
    related = np.maximum(m.words, np.maximum(m.words_in_i, m.words_in_j)) >= config.update_words
    updated = ~duplicate & ~trimmed & (m.same_url | (verbatim & related))
    relation = np.select([duplicate, trimmed, updated], ["duplicate", "trimmed", "update"], "derived").astype(object)
    similarity = np.select(
        [m.same_body, duplicate, trimmed, updated],
        [1.0, m.words, m.words_in_i, m.words],
        m.skeleton,
    )
    evidence = np.select(
        [m.same_body, duplicate, trimmed, updated & m.same_url, updated],
        ["body_hash", "minhash", "containment", "canonical_url", "minhash"],
        "skeleton",
    ).astype(object)
    evidence = np.array([f"{e}:{s:.2f}" if e != "body_hash" else e for e, s in zip(evidence, similarity, strict=True)], dtype=object)
    return relation, np.round(similarity, 4), evidence
