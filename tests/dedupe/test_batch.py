"""Batched features equal the per-article definitions (features.shingle_sets, passages.passages)."""

from __future__ import annotations

import random

import numpy as np
import pytest

from wirearchive.dedupe import align, batch, features, minhash, passages, state

PERMS = (state.WORD_PERM, state.ANCHOR_PERM, state.SKELETON_PERM, state.LEAD_PERM)
# Tokenizer corners: quotation marks of every direction, sentence ends before quotes and breaks,
# number words, letters that fold (é, a decomposed é, ß, İ, ﬁ), characters whose folding is not
# per token (a lone combining mark, ½, …, a fullwidth ?), other scripts and odd whitespace.
PIECES = [
    *"the of and said Esper Baghdad Kuwait twelve Twenty one 4,000 3.5 militiamen graffiti security Middle".split(),
    *("é", "e\u0301", "\u0301", "ß", "İ", "ﬁ", "½", "…", "？", "Straße", "Zürich", "x_y", "٣", "東京", "Ωμέγα"),
    *('"', "“", "”", "«", "»", "„", "‟", ".", "!", "?", "a.", 'c?"', '."', "”.", "-", "'"),
    *("\n", "\n\n", "\n\n\n", " ", " ", " ", "\t", "\r\n", "\u00a0", "\u2028", "\x1e"),
]


LOCAL = [piece for piece in PIECES if not any(ch in piece for ch in "\u0301½…？")]


def _texts(seed: int, count: int) -> list[str]:
    """Random texts of the pieces; half of them without the ones folding changes beyond a token."""
    rng = random.Random(seed)
    texts = []
    for k in range(count):
        size, pieces = rng.choice([0, 1, 3, 9, 40, 150, 500]), PIECES if k % 2 else LOCAL
        texts.append("".join(rng.choice(pieces) + (" " if rng.random() < 0.6 else "") for _ in range(size)))
    return texts


def _row(ragged: batch.Ragged, k: int) -> list[int]:
    return ragged.values[ragged.offsets[k] : ragged.offsets[k + 1]].tolist()


@pytest.mark.parametrize("seed", [1, 2])
def test_batch_gives_each_bodys_per_article_features(seed: int) -> None:
    bodies = _texts(seed, 300)
    found = batch.body_features(bodies, PERMS)
    sketches = [minhash.sketcher(p) for p in PERMS]
    for k, body in enumerate(bodies):
        sets, one = features.shingle_sets(body), passages.passages(body)
        assert found.n_words[k] == len(sets.words) and found.n_anchors[k] == len(sets.anchors), body
        assert found.n_skeleton[k] == len(sets.skeleton), body
        for matrix, shingles, sketch in zip(
            (found.words_minhash, found.anchors_minhash, found.skeleton_minhash, found.lead_minhash),
            (sets.words, sets.anchors, sets.skeleton, sets.lead),
            sketches,
            strict=True,
        ):
            assert matrix[k].tolist() == minhash.signature(shingles, sketch).tolist(), body
        assert _row(found.paragraphs, k) == sets.paragraphs.tolist(), body
        assert _row(found.grams, k) == one.grams.tolist(), body
        assert _row(found.passage_keys, k) == one.keys.tolist(), body
        assert _row(found.sentences, k) == one.sentences.tolist(), body
        assert found.n_narrative[k] == align.narrative_length(one.grams), body


def test_a_rebuilt_vocabulary_gives_the_same_features(monkeypatch: pytest.MonkeyPatch) -> None:
    bodies = _texts(3, 60)
    before = batch.body_features(bodies, PERMS)
    monkeypatch.setattr(batch, "MAX_VOCABULARY", 0)  # rebuilt at every call
    after = batch.body_features(list(reversed(bodies)), PERMS)
    assert np.array_equal(after.words_minhash[::-1], before.words_minhash)
    assert np.array_equal(after.n_narrative[::-1], before.n_narrative)


def test_empty_batch() -> None:
    found = batch.body_features([], PERMS)
    assert found.words_minhash.shape == (0, state.WORD_PERM)
    assert found.sentences.offsets.tolist() == [0]
