"""Text features: tokens, anchors, skeleton, shingles, paragraphs."""

from __future__ import annotations

import numpy as np

from wirearchive.dedupe import features, minhash


def test_number_words_become_digits_so_spelled_out_numbers_match() -> None:
    assert features.tokens("another four,000 troops") == features.tokens("another 4,000 troops")
    assert features.tokens("one of them")[0] == "one"  # "one" is mostly a pronoun: left alone


def test_names_numbers_and_rare_words_are_anchors_common_words_are_not() -> None:
    anchors = [
        t
        for t in features.tokens("Defense Secretary Mark Esper said 750 troops would deploy to Kuwait")
        if features.is_anchor(t)
    ]
    assert "Esper" in anchors
    assert "750" in anchors
    assert "Kuwait" in anchors
    assert not {"said", "troops", "would", "to", "Mark"} & set(anchors)


def test_skeleton_survives_synonym_swaps_that_break_word_shingles() -> None:
    source = features.shingle_sets(
        "Kataib Hezbollah said on Tuesday that the security forces fired tear gas at 25 protesters."
    )
    spun = features.shingle_sets(
        "Kataib Hezbollah stated on Tuesday that the safety forces fired tear fuel at 25 protesters."
    )
    assert set(source.skeleton) == set(spun.skeleton)
    assert set(source.anchors) == set(spun.anchors)
    assert len(set(source.words) & set(spun.words)) < len(source.words) / 2


def test_short_paragraphs_are_not_compared_verbatim() -> None:
    sets = features.shingle_sets(
        "The AP contributed.\n\nThe militia supporters began to dismantle their tents and load trucks on Wednesday."
    )
    assert len(sets.paragraphs) == 1


def test_lead_is_the_first_tokens() -> None:
    body = "Protesters left the embassy compound in Baghdad on Wednesday. " * 10
    sets = features.shingle_sets(body + "\n\nA different closing paragraph about the Pentagon and Kuwait.")
    assert set(sets.lead) <= set(sets.words)
    assert len(sets.lead) < len(sets.words)


def test_minhash_estimates_jaccard_and_containment() -> None:
    small = np.arange(100, dtype=np.uint32)
    large = np.arange(400, dtype=np.uint32)
    sketch = minhash.sketcher(128)
    estimate = minhash.jaccard(minhash.signature(small, sketch)[None, :], minhash.signature(large, sketch)[None, :])
    assert abs(estimate[0] - 0.25) < 0.1
    contained = minhash.containment(estimate, np.array([100.0]), np.array([400.0]))
    assert contained[0] > 0.75
