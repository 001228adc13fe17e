"""Per-article features persisted between daily runs: the ``article_signatures`` table.

The lead's pipeline stores :func:`article_signatures` of each partition as an internal table
(``date=D``), so a run for day D reads the signatures of the look-back days instead of
re-tokenizing their bodies. The table carries everything story matching needs; article bodies are
not read again.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from wirearchive.dedupe import batch, crosslang

# Permutations per signature. 64 for word 3-grams, whose decision is a containment >= 0.7 (spread
# of the estimate ~0.06); 128 for anchors (LSH candidates at low Jaccard, see
# StoryConfig.anchor_bands) and the skeleton (threshold closest to the hard negatives); 32 for the
# lead (verbatim or not). Part of the stored format: changing them means recomputing the table.
WORD_PERM = 64
ANCHOR_PERM = 128
SKELETON_PERM = 128
LEAD_PERM = 32  # the lead either is the same text (J ~1) or another one (J ~0)

# Articles per batch of batch.body_features, and per task when signatures are computed in worker
# processes: ~0.25 s of work (0.23-0.27 ms CPU an article of bench/stories.py's corpus on this
# 2-core machine, 2026-12-03; batches of 250 and 4,000 measured within that noise), long enough
# to hide the pickling of a slice and numpy's per-call overhead, short enough that the workers
# finish a 30k-article day within about a second of each other and that a batch's token strings
# stay small (~15 MB).
CHUNK_ROWS = 1_000
# Articles per worker process at least. Starting a spawned worker costs ~0.9 s of CPU (imports of
# the parent's main module, cold token caches): on this 2-core machine two workers took 1.2-1.5 s
# for a 3k-article day that one process does in 0.5-0.8 s, and 5.5 s for 30k articles against 8.7 s
# (bench/stories.py days, 2026-11-25). Re-measure before lowering it.
MIN_ROWS_PER_WORKER = 5_000

# Bumped whenever a feature's computation changes (tokens, quotes, hashing, sentences): stored
# signature partitions carry it in their schema metadata and are recomputed when it differs.
FEATURES_VERSION = "2026-12-04.2"
SIGNATURES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("source_id", pa.string(), nullable=False),
        pa.field("canonical_url", pa.string(), nullable=False),
        pa.field("body_hash", pa.string(), nullable=False),
        pa.field("seen_at", pa.timestamp("us", tz="UTC"), nullable=False),  # published_at, else fetched_at
        pa.field("n_words", pa.int32(), nullable=False),  # distinct word 3-grams
        pa.field("n_anchors", pa.int32(), nullable=False),  # distinct anchor bigrams
        pa.field("n_skeleton", pa.int32(), nullable=False),  # distinct skeleton 4-grams
        pa.field("words_minhash", pa.list_(pa.uint32(), WORD_PERM), nullable=False),
        pa.field("anchors_minhash", pa.list_(pa.uint32(), ANCHOR_PERM), nullable=False),
        pa.field("skeleton_minhash", pa.list_(pa.uint32(), SKELETON_PERM), nullable=False),
        pa.field("lead_minhash", pa.list_(pa.uint32(), LEAD_PERM), nullable=False),
        pa.field("paragraphs", pa.list_(pa.uint32()), nullable=False),  # distinct paragraph hashes
        pa.field("n_narrative", pa.int32(), nullable=False),  # tokens in an unquoted 5-gram (passages.py)
        pa.field("grams", pa.list_(pa.uint32()), nullable=False),  # narrative 5-gram at each position
        pa.field("passage_keys", pa.list_(pa.uint32()), nullable=False),  # winnowed narrative 8-grams
        pa.field("sentences", pa.list_(pa.uint64()), nullable=False),  # sentence << 32 | content token
        pa.field("wire_service", pa.string()),  # the wire the text credits (ARTICLES.wire_service), if any
        pa.field("language", pa.string()),  # crosslang.language of the body, if known
        pa.field("translation_evidence", pa.list_(pa.uint64()), nullable=False),  # crosslang.signature
    ],
    metadata={"wirearchive.features": FEATURES_VERSION},
)


def news_articles(articles: pa.Table) -> pa.Table:
    """The articles story matching reads: the rows the article gate accepted.

    Args:
        articles: Rows in ``wirearchive.tables.ARTICLES``; a table without the ``not_article``
            column (written before it existed) is all news articles.

    Returns:
        The rows whose ``not_article`` is null, in input order.
    """
    if "not_article" not in articles.column_names:
        return articles
    return articles.filter(pc.is_null(articles.column("not_article")))


def article_signatures(articles: pa.Table, *, processes: int = 1) -> pa.Table:
    """Story-matching features of articles.

    Args:
        articles: Rows in ``wirearchive.tables.ARTICLES`` (at least ``article_id``, ``source_id``,
            ``canonical_url``, ``body_hash``, ``published_at``, ``fetched_at``, ``body``).
        processes: Worker processes (spawn start method) computing the features of the
            ``CHUNK_ROWS``-article slices (batches of :func:`.batch.body_features`), started for this call; at most one per
            ``MIN_ROWS_PER_WORKER`` articles, and when that leaves one, this process does the
            work. The result does not depend on it; a worker that dies raises
            ``BrokenProcessPool``.

    Returns:
        One row per article in :data:`SIGNATURES`, in input order.
    """
    bodies = articles.column("body")
    workers = min(processes, len(bodies) // MIN_ROWS_PER_WORKER)
    # Lists of str: a pickled Arrow slice carries its whole buffer (90 MB a slice of a 30k-article day).
    slices = [bodies.slice(start, CHUNK_ROWS).to_pylist() for start in range(0, len(bodies), CHUNK_ROWS)] or [[]]
    if workers <= 1:
        computed = pa.concat_tables(map(_body_features, slices))
    else:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            computed = pa.concat_tables(pool.map(_body_features, slices))
    seen_at = pc.coalesce(articles.column("published_at"), articles.column("fetched_at"))
    return pa.table(
        {
            "article_id": articles.column("article_id"),
            "source_id": articles.column("source_id"),
            "canonical_url": articles.column("canonical_url"),
            "body_hash": articles.column("body_hash"),
            "seen_at": seen_at.cast(SIGNATURES.field("seen_at").type),
            **{name: computed.column(name) for name in computed.column_names},
            "wire_service": (
                articles.column("wire_service")
                if "wire_service" in articles.column_names
                else pa.nulls(articles.num_rows, pa.string())
            ),
            "language": computed.column("language"),
            "translation_evidence": computed.column("translation_evidence"),
        },
        schema=SIGNATURES,
    )


# Columns added to SIGNATURES after tables were stored without them, and their value there: an
# older table reads as holding no such evidence.
_ADDED: dict[str, object] = {"language": None, "translation_evidence": []}


def conformed(signatures: pa.Table) -> pa.Table:
    """A signatures table in :data:`SIGNATURES`, columns added since it was written filled in.

    Args:
        signatures: Rows with at least the columns :data:`SIGNATURES` had before ``language`` and
            ``translation_evidence`` (issue 12), in any order, maybe more.

    Returns:
        The columns of :data:`SIGNATURES`, in its order and types; a missing ``language`` is
        null and a missing ``translation_evidence`` empty (the cross-language rule sees nothing).
    """
    for name, value in _ADDED.items():
        if name not in signatures.column_names:
            kind = SIGNATURES.field(name).type
            signatures = signatures.append_column(name, pa.array([value] * signatures.num_rows, kind))
    return signatures.select(SIGNATURES.names).cast(SIGNATURES)


def _body_features(bodies: list[str]) -> pa.Table:
    """The computed columns of :data:`SIGNATURES` (``n_words`` .. ``sentences``, ``language`` and
    ``translation_evidence``) for some bodies."""
    found = batch.body_features(bodies, (WORD_PERM, ANCHOR_PERM, SKELETON_PERM, LEAD_PERM))
    languages, evidence = zip(*map(crosslang.signature, bodies), strict=True) if bodies else ((), ())
    return pa.table(
        {
            "n_words": pa.array(found.n_words, pa.int32()),
            "n_anchors": pa.array(found.n_anchors, pa.int32()),
            "n_skeleton": pa.array(found.n_skeleton, pa.int32()),
            "words_minhash": _fixed_lists(found.words_minhash),
            "anchors_minhash": _fixed_lists(found.anchors_minhash),
            "skeleton_minhash": _fixed_lists(found.skeleton_minhash),
            "lead_minhash": _fixed_lists(found.lead_minhash),
            "paragraphs": _lists(found.paragraphs),
            "n_narrative": pa.array(found.n_narrative, pa.int32()),
            "grams": _lists(found.grams),
            "passage_keys": _lists(found.passage_keys),
            "sentences": _lists(found.sentences, pa.uint64()),
            "language": pa.array(languages, pa.string()),
            "translation_evidence": pa.array(evidence, pa.list_(pa.uint64())),
        }
    )


def _lists(ragged: batch.Ragged, kind: pa.DataType = pa.uint32()) -> pa.ListArray:
    return pa.ListArray.from_arrays(pa.array(ragged.offsets.astype(np.int32)), pa.array(ragged.values, kind))


def _fixed_lists(matrix: np.ndarray) -> pa.FixedSizeListArray:
    return pa.FixedSizeListArray.from_arrays(pa.array(matrix.reshape(-1), pa.uint32()), matrix.shape[1])


def signature_matrix(signatures: pa.Table, column: str) -> np.ndarray:
    """A fixed-size list column as a ``(rows, width)`` uint32 matrix.

    Args:
        signatures: A table in :data:`SIGNATURES`.
        column: One of the ``*_minhash`` columns.

    Returns:
        The matrix (a copy only when the column has several chunks).
    """
    width = SIGNATURES.field(column).type.list_size
    values = signatures.column(column).combine_chunks().flatten()
    return values.to_numpy(zero_copy_only=False).reshape(-1, width)
