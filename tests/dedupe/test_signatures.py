"""Signatures: MinHash values as datasketch computes them; worker processes give the same table."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from demoworld.synth import generate_corpus
from tests.dedupe.storykit import T0, article, table
from wirearchive.dedupe import SIGNATURES, article_signatures, minhash, news_articles, state


@pytest.mark.parametrize("num_perm", [state.LEAD_PERM, state.WORD_PERM, state.ANCHOR_PERM])
@pytest.mark.parametrize("size", [0, 1, 7, 600])
def test_signature_is_datasketchs_update_batch(num_perm: int, size: int) -> None:
    shingles = np.unique(np.random.default_rng(size).integers(0, 2**32, size, dtype=np.uint64).astype(np.uint32))
    reference = minhash.sketcher(num_perm)
    reference.update_batch(shingles.tolist())
    got = minhash.signature(shingles, minhash.sketcher(num_perm))
    assert got.dtype == np.uint32
    assert got.tolist() == reference.hashvalues.tolist()


def _articles() -> list[dict]:
    docs = generate_corpus(5, n_events=2, start=date(2026, 11, 2), days=1, outlets=("herald", "metro"), farm="farm")
    rows = [
        article(d.doc_id, "\n\n".join(d.paragraphs), source=d.outlet, hours=(d.published_at - T0) / timedelta(hours=1))
        for d in docs
    ]
    return [*rows, article("empty", ""), {**article("undated", "Kuwait 750 Esper."), "published_at": None}]


def test_worker_processes_give_the_same_table_in_input_order(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = table(*_articles())
    monkeypatch.setattr(state, "CHUNK_ROWS", 5)  # several slices, the last one short
    monkeypatch.setattr(state, "MIN_ROWS_PER_WORKER", 2)
    assert articles.num_rows > 2 * state.CHUNK_ROWS and articles.num_rows % state.CHUNK_ROWS
    parallel = article_signatures(articles, processes=2)
    assert parallel.equals(article_signatures(articles))
    assert parallel.column("article_id").equals(articles.column("article_id"))


def test_small_tables_stay_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(state, "MIN_ROWS_PER_WORKER", 2)
    monkeypatch.setattr(state, "ProcessPoolExecutor", None)  # starting workers would fail
    assert article_signatures(table(*_articles()[:3]), processes=2).num_rows == 3  # one worker's worth
    assert article_signatures(table(), processes=2).equals(SIGNATURES.empty_table())


def test_story_matching_reads_only_the_rows_the_article_gate_accepted() -> None:
    news = article("a1", "The harbour reopened on Monday after three days of closure, officials said.")
    listing = {
        **article("a2", "Climate: the latest stories on the summit and the floods."),
        "not_article": "not_article_listing",
    }
    got = news_articles(table(news, listing))
    assert got["article_id"].to_pylist() == ["a1"]
    older = table(news, listing).drop_columns(["not_article"])  # a partition written before the column
    assert news_articles(older)["article_id"].to_pylist() == ["a1", "a2"]
