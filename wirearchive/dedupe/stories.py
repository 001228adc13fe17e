"""Grouping the articles of a day, with those of the look-back window, into stories.

The result for day D is a pure function of the signatures of days D-lookback..D (never of earlier
runs' output), so a rerun gives the same rows and partitions can run in any order.

Exact guarantee. Match edges are a function of the two articles and of which of their passages
are common text in the run's window (LSH candidates, then verification; see
:func:`~wirearchive.dedupe.match.common`), so an edge between two articles can differ between the
runs of two days whose windows differ. For an article of day D, ``story_id`` identifies the earliest article (by
``seen_at``, then most narrative tokens, then ``canonical_url``, then ``article_id``) of its connected component in the match graph of days
D-lookback..D. Hence:

* copies arriving on later days join the story's existing id as long as the story's first article
  is at most ``lookback_days`` older and the copy connects to it through articles of that window;
* a story whose copies keep coming after its first article has left the window continues under the
  id of the earliest article still inside (the chain is cut at the window edge);
* an article bridging two stories gets the older story's id; members already published keep
  theirs (rows are never rewritten by a later day's run).

The canonical article is the first member from a wire's own source (``wire_sources``) seen in the
window, else the earliest member. When the wire's version arrives after an outlet's copy, that
copy's partition still names itself canonical: the ``stories`` view should apply the same rule
over all members. A canonical that credits a wire (``wire_service``: a dateline, byline or credit
line) without being from a wire's own source is a copy of a version not in the window: its
relation is ``duplicate`` (evidence ``wire_credit``, no ``copy_of``), not ``original``.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from wirearchive.dedupe import crosslang, minhash
from wirearchive.dedupe.candidates import band_keys, candidate_pairs, distinct
from wirearchive.dedupe.config import StoryConfig
from wirearchive.dedupe.match import NONE, Window, linked, relations
from wirearchive.dedupe.state import conformed
from wirearchive.tables import STORY_MEMBERS

log = logging.getLogger(__name__)
_CHUNK = 50_000  # candidate pairs verified at once: ~30 MB of temporaries


def story_id(first_article_id: str) -> str:
    """The id of a story, from the id of its earliest article.

    Args:
        first_article_id: ``article_id`` of the story's earliest article.

    Returns:
        16 hex digits.
    """
    return hashlib.sha1(f"story:{first_article_id}".encode()).hexdigest()[:16]


def assign_stories(
    day_signatures: pa.Table,
    window_signatures: pa.Table,
    *,
    config: StoryConfig = StoryConfig(),
    wire_sources: Iterable[str] = (),
) -> pa.Table:
    """Story membership of one day's articles.

    Args:
        day_signatures: :func:`~wirearchive.dedupe.state.article_signatures` of partition D.
        window_signatures: Signatures of partitions D-lookback..D-1 (may be empty).
        config: Matching settings.
        wire_sources: ``source_id`` of the wires' own sites (registry sources of kind "wire"),
            whose version of a story is its canonical article.

    Returns:
        One row per article of ``day_signatures`` in ``wirearchive.tables.STORY_MEMBERS``, sorted by
        ``seen_at``, narrative tokens (most first), ``canonical_url``, then ``article_id``.
    """
    day_ids = day_signatures.column("article_id")
    again = pc.is_in(window_signatures.column("article_id"), day_ids)
    if pc.any(again).as_py():  # a rerun's window holds the day's articles; else no copy of the window
        window_signatures = window_signatures.filter(pc.invert(again))
    both = pa.concat_tables(
        [
            conformed(window_signatures),
            conformed(day_signatures),
        ]
    )
    # Ties in time (a write-through stamped with its first version's time, outlets dated by day
    # only) go to the fuller text first: a teaser or trimmed copy is taken from the full story,
    # not the other way. canonical_url before article_id: the ties left break the same way on
    # every crawl, where article ids are new each time.
    order = [
        ("seen_at", "ascending"),
        ("n_narrative", "descending"),
        ("canonical_url", "ascending"),
        ("article_id", "ascending"),
    ]
    both = both.take(pc.sort_indices(both, order))
    win = Window.from_signatures(
        both, *((config.common_spread, config.common_anchors) if config.passages else (0, 0.0))
    )
    n = len(win.article_id)
    in_day = pc.is_in(both.column("article_id"), day_ids).to_numpy(zero_copy_only=False)
    if n == 0:
        return STORY_MEMBERS.empty_table()

    labels, edges = _components(win, config, in_day)
    rows = np.arange(n)
    root = np.full(labels.max() + 1, n)
    np.minimum.at(root, labels, rows)
    wire = np.isin(win.source_id, np.asarray(list(wire_sources), dtype=object))
    first_wire = np.full(len(root), n)
    np.minimum.at(first_wire, labels[wire], rows[wire])
    canonical = np.where(first_wire < n, first_wire, root)[labels]

    members = np.flatnonzero(np.isin(labels, labels[in_day]))  # rows of the stories the day touches
    parent = _parents(win, edges, canonical, members)
    heads = members[canonical[members] == members]
    parent[heads] = heads  # the canonical copies nothing
    relation = np.full(n, None, dtype=object)
    similarity = np.zeros(n)
    evidence = np.full(n, None, dtype=object)
    copies = members[parent[members] != members]
    relation[copies], similarity[copies], evidence[copies] = _relations(win, copies, parent[copies], config)
    is_canonical = rows == canonical
    relation[is_canonical] = "original"
    similarity[is_canonical] = 1.0
    evidence[is_canonical] = "canonical"
    # A canonical that credits a wire but is not from a wire's own source copies a version the
    # window does not hold (the wire's): a duplicate of it, with no copy_of.
    unarchived = is_canonical & win.credited & ~wire
    relation[unarchived] = "duplicate"
    evidence[unarchived] = "wire_credit"
    version = _versions(labels, relation, parent, members)

    day_rows = rows[in_day]
    copy_of = np.where(parent[day_rows] == day_rows, -1, parent[day_rows])
    return pa.table(
        {
            "article_id": win.article_id[day_rows].tolist(),
            "story_id": [story_id(win.article_id[root[label]]) for label in labels[day_rows]],
            "relation": relation[day_rows].tolist(),
            "canonical_article_id": win.article_id[canonical[day_rows]].tolist(),
            "similarity": similarity[day_rows],
            "version": pa.array(version[day_rows], pa.int32(), mask=version[day_rows] == 0),
            "evidence": evidence[day_rows].tolist(),
            "copy_of": [None if k < 0 else win.article_id[k] for k in copy_of.tolist()],
        },
        schema=STORY_MEMBERS,
    )


def window_candidates(win: Window, config: StoryConfig) -> tuple[np.ndarray, np.ndarray]:
    """The candidate pairs ``(i, j)`` of a window: LSH bands of anchors and lead, equal body hash
    or canonical URL, with ``config.passages`` shared passage and sentence keys, and pairs in
    different languages sharing rare cross-language evidence (:func:`.crosslang.candidates`).

    Args:
        win: The window's articles.
        config: Matching settings.

    Returns:
        Row indices of the pairs, each pair once, sorted.
    """
    n = len(win.article_id)
    i, j = _lexical_candidates(win, config)
    ti, tj = crosslang.candidates(win.language, win.translation_offsets, win.translation_values, config)
    codes = distinct(np.concatenate([i * n + j, ti * n + tj]))
    return codes // n, codes % n


def _lexical_candidates(win: Window, config: StoryConfig) -> tuple[np.ndarray, np.ndarray]:
    """The candidate pairs of :func:`window_candidates` but the cross-language ones."""
    everyone = np.ones(len(win.article_id), dtype=bool)
    return candidate_pairs(
        [
            (win.n_anchors >= config.min_shingles, band_keys(win.anchors, *config.anchor_bands)),
            (win.n_words >= config.min_shingles, band_keys(win.lead, *config.lead_bands)),
            (everyone, win.body[:, None]),
            (everyone, win.url[:, None]),
        ],
        config.max_bucket,
        shared=_passage_and_sentence_keys(win, config) if config.passages else None,
    )


def _components(
    win: Window, config: StoryConfig, in_day: np.ndarray
) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Component label of every row in the graph of verified matches, and the edges ``(i, j, rule)``.

    Exact for the components holding a row of ``in_day``, the only ones a day's rows depend on:
    candidate pairs are verified outward from the day's rows, each round those touching a row the
    round before linked, so a pair neither of whose rows can reach the day (two window articles
    of a story the day does not touch) is never verified. Every other row is its own component.
    """
    n = len(win.article_id)
    i, j = window_candidates(win, config)
    rule = np.zeros(len(i), dtype=np.int8)
    verified = np.zeros(len(i), dtype=bool)
    reached = in_day.copy()
    frontier = in_day
    while True:
        todo = np.flatnonzero(~verified & (frontier[i] | frontier[j]))
        if len(todo) == 0:
            break
        for start in range(0, len(todo), _CHUNK):  # bounds the (pairs x permutations) temporaries
            part = todo[start : start + _CHUNK]
            rule[part] = linked(win, i[part], j[part], config).rule
        verified[todo] = True
        hit = todo[rule[todo] != NONE]
        frontier = np.zeros(n, dtype=bool)
        frontier[i[hit]] = frontier[j[hit]] = True
        frontier &= ~reached
        reached |= frontier
    keep = rule != NONE
    log.debug(
        "%(articles)d articles: %(candidates)d candidate pairs, %(verified)d verified, %(links)d links",
        {"articles": n, "candidates": len(i), "verified": int(verified.sum()), "links": int(keep.sum())},
    )
    graph = coo_matrix((np.ones(int(keep.sum()), dtype=np.int8), (i[keep], j[keep])), shape=(n, n))
    return connected_components(graph, directed=False)[1], (i[keep], j[keep], rule[keep])


def _passage_and_sentence_keys(win: Window, config: StoryConfig) -> tuple[np.ndarray, np.ndarray, int]:
    """``(rows, keys, bucket limit)`` of the passage and sentence keys, for :func:`candidate_pairs`."""
    sentence_rows = np.repeat(np.arange(len(win.article_id), dtype=np.int64), np.diff(win.sentence_key_offsets))
    return (
        np.concatenate([win.key_rows, sentence_rows]),
        np.concatenate([win.key_values.astype(np.uint64), win.sentence_keys]),
        config.key_bucket,
    )


def _parents(
    win: Window, edges: tuple[np.ndarray, np.ndarray, np.ndarray], canonical: np.ndarray, members: np.ndarray
) -> np.ndarray:
    """The version each member was taken from (itself for the canonical).

    The earlier linked article holding the largest estimated share of the member's word 3-grams
    (ties: the earliest); a member linked to no earlier article is compared with its story's canonical.
    """
    n = len(win.article_id)
    parent = np.arange(n)
    i, j, _ = edges
    wanted = np.isin(j, members)
    i, j = i[wanted], j[wanted]  # i < j: i is the earlier article (rows are in time order)
    share = np.zeros(len(i))
    for start in range(0, len(i), _CHUNK):  # MinHash estimate: every edge of a big story, so kept cheap
        part = slice(start, start + _CHUNK)
        share[part] = minhash.containment(
            minhash.jaccard(win.words[j[part]], win.words[i[part]]), win.n_words[j[part]], win.n_words[i[part]]
        )
    order = np.lexsort((i, -share, j))  # by member, best share first, then earliest
    first = np.ones(len(order), dtype=bool)
    first[1:] = j[order][1:] != j[order][:-1]
    parent[j[order][first]] = i[order][first]
    orphans = members[(parent[members] == members) & (canonical[members] != members)]
    parent[orphans] = canonical[orphans]
    return parent


def _relations(
    win: Window, rows: np.ndarray, versions: np.ndarray, config: StoryConfig
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Relation, similarity and evidence of ``rows`` to their ``versions``, in chunks."""
    chunks = max(1, len(rows) // _CHUNK)
    parts = [
        relations(win, r, c, config)
        for r, c in zip(np.array_split(rows, chunks), np.array_split(versions, chunks), strict=True)
    ]
    relation, similarity, evidence = (np.concatenate([part[k] for part in parts]) for k in range(3))
    return relation, similarity, evidence


def _versions(labels: np.ndarray, relation: np.ndarray, parent: np.ndarray, members: np.ndarray) -> np.ndarray:
    """Version numbers: 1 for the canonical's text, a new number for each ``update`` in time order.

    Duplicates and trimmed copies carry the version of the article they copy; derived copies get
    0 (no version).
    """
    version = np.zeros(len(labels), dtype=np.int64)
    latest: dict[int, int] = {}
    for row in members.tolist():  # time order
        kind = relation[row]
        if kind == "original" or parent[row] == row:
            version[row] = 1
        elif kind == "update":
            latest[labels[row]] = latest.get(labels[row], 1) + 1
            version[row] = latest[labels[row]]
    # Copies follow their parent chain, which may lead forward in time: an outlet's copy that has
    # no earlier version is taken from the canonical, even when the wire's own copy came later.
    for row in members.tolist():
        chain = []
        while version[row] == 0 and relation[row] in ("duplicate", "trimmed") and parent[row] != row:
            chain.append(row)
            row = parent[row]
        version[chain] = version[row]
    return version
