"""The synthetic corpus: determinism, ground-truth consistency and the shape of each variant."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta

import pytest

from demoworld.synth import SynthDoc, generate_corpus, iter_corpus
from demoworld.synth.corpus import VARIANTS

START = date(2026, 1, 12)
OUTLETS = ("herald", "courier", "gazette", "tribune")


@pytest.fixture(scope="module")
def docs() -> list[SynthDoc]:
    return generate_corpus(11, n_events=80, start=START, days=5, outlets=OUTLETS, farm="farm")


@pytest.fixture(scope="module")
def by_id(docs: list[SynthDoc]) -> dict[str, SynthDoc]:
    return {d.doc_id: d for d in docs}


def test_same_seed_same_corpus() -> None:
    args = {"n_events": 15, "start": START, "days": 5, "outlets": OUTLETS, "farm": "farm"}
    assert generate_corpus(5, **args) == generate_corpus(5, **args)
    assert generate_corpus(5, **args) != generate_corpus(6, **args)


def test_iter_corpus_streams_the_same_documents(docs: list[SynthDoc]) -> None:
    streamed = list(iter_corpus(11, n_events=80, start=START, days=5, outlets=OUTLETS, farm="farm"))
    assert sorted(streamed, key=lambda d: (d.published_at, d.doc_id)) == docs


def test_generate_corpus_is_in_publication_order(docs: list[SynthDoc]) -> None:
    assert [d.published_at for d in docs] == sorted(d.published_at for d in docs)


def test_doc_ids_are_unique(docs: list[SynthDoc]) -> None:
    assert len({d.doc_id for d in docs}) == len(docs)


def test_every_variant_occurs(docs: list[SynthDoc]) -> None:
    counts = Counter(d.variant for d in docs)
    assert set(counts) == set(VARIANTS)


def test_parents_exist_share_the_story_and_come_first(docs: list[SynthDoc], by_id: dict[str, SynthDoc]) -> None:
    for doc in docs:
        if doc.variant in ("original", "own"):
            assert doc.parent_id is None, doc.doc_id
            continue
        parent = by_id[doc.parent_id]
        assert parent.story_key == doc.story_key, doc.doc_id
        assert parent.event_key == doc.event_key, doc.doc_id
        assert parent.published_at <= doc.published_at, doc.doc_id


def test_each_story_has_exactly_one_root(docs: list[SynthDoc]) -> None:
    roots = Counter(d.story_key for d in docs if d.parent_id is None)
    assert set(roots) == {d.story_key for d in docs}
    assert set(roots.values()) == {1}


def test_times_are_utc_and_inside_the_window(docs: list[SynthDoc]) -> None:
    first = datetime(2026, 1, 12, tzinfo=UTC)
    for doc in docs:
        assert doc.published_at.utcoffset() == timedelta(0)
        assert first <= doc.published_at < first + timedelta(days=5), doc.doc_id


def test_wire_originals_carry_dateline_byline_and_length(docs: list[SynthDoc]) -> None:
    originals = [d for d in docs if d.variant == "original"]
    for doc in originals:
        assert doc.outlet == doc.wire.lower()
        assert re.match(rf"{re.escape(doc.dateline)} \({doc.wire}\) [—-] \S", doc.paragraphs[0]), doc.paragraphs[0]
        assert doc.byline.startswith("By ")
        assert 5 <= len(doc.paragraphs) <= 15
    assert any(d.byline.endswith(", Associated Press") for d in originals if d.wire == "AP")


def test_updates_are_same_day_later_versions(docs: list[SynthDoc], by_id: dict[str, SynthDoc]) -> None:
    for doc in (d for d in docs if d.variant == "update"):
        parent = by_id[doc.parent_id]
        assert parent.variant in ("original", "update")
        assert doc.published_at > parent.published_at
        assert doc.published_at.date() == parent.published_at.date()
        assert doc.paragraphs[0] != parent.paragraphs[0]
        assert len(doc.paragraphs) > len(parent.paragraphs)


def test_copy_variants_change_what_they_say(docs: list[SynthDoc], by_id: dict[str, SynthDoc]) -> None:
    for doc in docs:
        parent = by_id.get(doc.parent_id or "")
        if doc.variant == "duplicate":
            assert (doc.title, doc.paragraphs) == (parent.title, parent.paragraphs)
        elif doc.variant == "trimmed":
            assert doc.paragraphs == parent.paragraphs[: len(doc.paragraphs)]
            assert 3 <= len(doc.paragraphs) < len(parent.paragraphs)
        elif doc.variant == "reheadlined":
            assert doc.title != parent.title and doc.paragraphs == parent.paragraphs
        elif doc.variant == "edited":
            assert doc.credit and doc.paragraphs != parent.paragraphs
            assert doc.paragraphs[0] == parent.paragraphs[0]
        if doc.variant in ("duplicate", "trimmed", "reheadlined", "edited"):
            assert doc.outlet in OUTLETS and doc.wire == parent.wire


def test_derived_copies_are_spun_by_the_farm(docs: list[SynthDoc], by_id: dict[str, SynthDoc]) -> None:
    derived = [d for d in docs if d.variant == "derived"]
    assert derived
    for doc in derived:
        parent = by_id[doc.parent_id]
        assert doc.outlet == "farm"
        changed = sum(a != b for a, b in zip(doc.paragraphs, parent.paragraphs, strict=False))
        assert changed >= len(parent.paragraphs) // 2, doc.doc_id


def test_hard_negatives_share_the_event_not_the_story(docs: list[SynthDoc]) -> None:
    stories_per_event: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        stories_per_event[doc.event_key].add(doc.story_key)
    own = [d for d in docs if d.variant == "own"]
    assert own and all(d.wire is None and d.outlet in OUTLETS for d in own)
    two_wires = [
        e
        for e, _ in stories_per_event.items()
        if len({d.wire for d in docs if d.event_key == e and d.variant == "original"}) == 2
    ]
    assert len(two_wires) >= 10
    for event in two_wires[:5]:
        a, b = (d for d in docs if d.event_key == event and d.variant == "original")
        assert a.story_key != b.story_key and a.dateline == b.dateline
        assert a.paragraphs[0] != b.paragraphs[0]


def test_no_farm_means_no_derived_copies() -> None:
    docs = generate_corpus(3, n_events=20, start=START, days=2, outlets=OUTLETS)
    assert not any(d.variant == "derived" for d in docs)


@pytest.mark.parametrize(
    "kwargs",
    [{"wires": ()}, {"days": 0}, {"n_events": -1}, {"outlets": ("ap",)}, {"farm": "herald"}],
)
def test_bad_arguments_raise(kwargs: dict) -> None:
    args = {"n_events": 2, "start": START, "days": 2, "outlets": OUTLETS, **kwargs}
    with pytest.raises(ValueError):
        generate_corpus(1, **args)
