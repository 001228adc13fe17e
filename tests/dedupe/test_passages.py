"""Passage features and their alignment: quotes left out, accents folded, shared runs found."""

from __future__ import annotations

import numpy as np

from wirearchive.dedupe import align, passages


def test_quoted_tokens_are_marked_and_the_state_resets_each_paragraph() -> None:
    tokens, quoted = passages.narrative_tokens(
        'He said “we will stay” and left.\n\n"It is over, she said\n\nThen « fin » came.'
    )
    marked = [t for t, q in zip(tokens, quoted, strict=True) if q]
    assert marked == ["we", "will", "stay", "It", "is", "over", "she", "said", "fin"]
    assert "Then" in tokens and not quoted[tokens.index("Then")]  # the unclosed quote ended with its paragraph


def test_accents_fold_so_respellings_match() -> None:
    assert passages.fold("Sinéad O’Connor in Zürich") == "Sinead O’Connor in Zurich"
    assert (
        passages.passages("Édith Várga spoke.").grams.tolist() == passages.passages("Edith Varga spoke.").grams.tolist()
    )


def _sequences(*bodies: str) -> tuple[np.ndarray, np.ndarray]:
    grams = [passages.passages(b).grams for b in bodies]
    offsets = np.concatenate([[0], np.cumsum([len(g) for g in grams])]).astype(np.int64)
    return offsets, np.concatenate(grams)


SHARED = (
    "the committee approved the new budget for the harbour district after a long debate about "
    "ferry fares and the cost of dredging"
)  # 23 tokens


def test_a_shared_run_of_nineteen_tokens_always_gives_a_shared_key() -> None:
    left = passages.passages(f"Alpha beta gamma delta epsilon zeta eta theta. {SHARED} iota kappa lambda.")
    right = passages.passages(f"Completely different opening words here for a start. {SHARED} and then mu nu xi.")
    assert len(np.intersect1d(left.keys, right.keys)) >= 1


def test_shared_tokens_cover_the_common_run_and_skip_quoted_text() -> None:
    quote = "“we will rebuild the harbour and the ferry terminal for the next generation of families”"
    offsets, grams = _sequences(
        f"Opening line of one paper. {SHARED}. {quote}", f"Another top, with other words entirely. {SHARED}. {quote}"
    )
    tokens, runs = align.shared_tokens(align.index(offsets, grams), np.array([0]), np.array([1]))
    assert tokens[0] == len(SHARED.split())  # the quote is shared too, but not counted
    assert runs[0] == 1


def test_german_and_french_quotation_marks_close_where_they_should() -> None:
    """„…“ and »…« (German) and « … » (French) quote only what is between the marks."""
    for text in (
        "Er sagte: „Wir kommen morgen“ und ging nach Hause.",
        "Er sagte: »Wir kommen morgen« und ging nach Hause.",
        "Il a dit « nous venons demain » et il est parti.",
    ):
        tokens, quoted = passages.narrative_tokens(text)
        narrative = [t for t, q in zip(tokens, quoted, strict=True) if not q]
        assert narrative[-3:] in (["ging", "nach", "Hause"], ["il", "est", "parti"])
        assert sum(quoted) == 3
