"""A warehouse built from the demo world's GROUND TRUTH, so view tests check the views, not the matcher.

:func:`publish_demo_truth` writes ``articles`` and ``story_members`` partitions for every article
of :func:`demoworld.world.build_world` as a perfect pipeline would: one story per
``story_key``, the wire original as canonical, ``copy_of`` the true parent, and credit fields as
the page prints them. :func:`expected` gives what the views must return, computed from the
generator's documents alone (no SQL).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import pyarrow as pa
import tomli_w

from demoworld.model import Article
from demoworld.world import DemoWorld, build_world
from warehouse.schema import ARTICLES, STORY_MEMBERS
from warehouse.writer import write_partition
from wirearchive.config import DataPaths
from wirearchive.sources import Registry, parse_sources

# The label a perfect matcher gives each generator variant (story_members.relation vocabulary).
RELATION_OF_VARIANT = {
    "original": "original",
    "own": "original",
    "update": "update",
    "duplicate": "duplicate",
    "reheadlined": "duplicate",
    "trimmed": "trimmed",
    "edited": "derived",
    "derived": "derived",
}
VERSION_VARIANTS = ("original", "update", "own")


def _base_urls(world: DemoWorld) -> dict[str, str]:
    return {site: f"http://127.0.0.1:{9100 + i}" for i, site in enumerate(world.sites)}


def demo_registry(world: DemoWorld) -> Registry:
    """The demo's ``sources.toml`` as a registry (fixed loopback ports)."""
    return parse_sources(tomli_w.dumps(world.registry(_base_urls(world))))


def _names_wire(article: Article) -> bool:
    """Whether the page still names its wire without a credit line (dateline ``CITY (AP) —``)."""
    doc = article.doc
    return doc.wire is not None and f"({doc.wire})" in doc.paragraphs[0]


@dataclass(frozen=True)
class Truth:
    """What the views must show, from the generator alone.

    Attributes:
        copies: ``{article_id: (story_id, source_id, lag_minutes, version)}`` for every copy.
        versions: ``{story_id: [article_id of v1, v2, ...]}`` for every story.
        credit: ``{(source_id, wire): (credited, dateline_only, stripped)}``.
    """

    copies: dict[str, tuple[str, str, float, int]]
    versions: dict[str, list[str]]
    credit: dict[tuple[str, str], tuple[int, int, int]]


def expected(world: DemoWorld) -> Truth:
    """The ground truth of the views for ``world``."""
    articles = list(world.articles())
    by_id = {a.doc.doc_id: a for a in articles}
    versions: dict[str, list[str]] = {}
    for a in sorted(articles, key=lambda a: (a.doc.published_at, a.doc.doc_id)):
        if a.doc.variant in VERSION_VARIANTS:
            versions.setdefault(a.doc.story_key, []).append(a.doc.doc_id)
    copies, credit = {}, {}
    for a in articles:
        if a.doc.variant in VERSION_VARIANTS:
            continue
        first = by_id[versions[a.doc.story_key][0]].doc.published_at
        parent = by_id[a.doc.parent_id]
        while parent.doc.variant not in VERSION_VARIANTS:
            parent = by_id[parent.doc.parent_id]
        version = versions[a.doc.story_key].index(parent.doc.doc_id) + 1
        lag = (a.doc.published_at - first).total_seconds() / 60
        copies[a.doc.doc_id] = (a.doc.story_key, a.site, lag, version)
        counts = list(credit.get((a.site, a.doc.wire), (0, 0, 0)))
        counts[0 if a.doc.credit else 1 if _names_wire(a) else 2] += 1
        credit[(a.site, a.doc.wire)] = tuple(counts)
    return Truth(copies, versions, credit)


def _rows(world: DemoWorld, relabel: Callable[[str], str]) -> tuple[list[dict], list[dict]]:
    urls = _base_urls(world)
    articles, members = [], []
    by_id = {a.doc.doc_id: a for a in world.articles()}
    for a in world.articles():
        doc = a.doc
        body = "\n\n".join(doc.paragraphs)
        url = urls[a.site] + a.path
        day = doc.published_at.date().isoformat()
        fetched: datetime = doc.published_at.replace(hour=23, minute=59)
        credited = doc.credit is not None
        articles.append(
            {
                "article_id": doc.doc_id,
                "capture_id": f"<urn:demo:{doc.doc_id}>",
                "source_id": a.site,
                "url": url,
                "canonical_url": url,
                "fetched_at": max(fetched, doc.published_at),
                "published_at": a.published,
                "modified_at": a.modified,
                "title": doc.title,
                "body": body,
                "body_hash": hashlib.sha1(" ".join(body.split()).encode()).hexdigest(),
                "word_count": len(body.split()),
                "wire_service": doc.wire if credited or _names_wire(a) else None,
                "attribution": "credit" if credited else "dateline" if _names_wire(a) else None,
                "dateline": doc.dateline,
                "credit_line": doc.credit,
                "extractor": "ground-truth",
                "extractor_version": "demo",
                "_day": day,
            }
        )
        root = doc
        while root.parent_id is not None:
            root = by_id[root.parent_id].doc
        relation = RELATION_OF_VARIANT[doc.variant]
        members.append(
            {
                "article_id": doc.doc_id,
                "story_id": doc.story_key,
                "relation": relation if relation == "original" else relabel(relation),
                "canonical_article_id": root.doc_id,
                "similarity": 1.0 if relation in ("original", "duplicate") else 0.8,
                "version": None,
                "evidence": "ground-truth",
                "copy_of": doc.parent_id,
                "_day": day,
            }
        )
    return articles, members


def publish_demo_truth(paths: DataPaths, relabel: Callable[[str], str] = lambda r: r) -> DemoWorld:
    """Publish the demo world's ground truth as ``articles`` and ``story_members`` partitions.

    Args:
        paths: An empty data directory.
        relabel: Maps each non-original relation to the label written (to test that the views do
            not depend on labels); identity by default.

    Returns:
        The world (seed 7, the demo's).
    """
    world = build_world()
    articles, members = _rows(world, relabel)
    for table, rows, schema in (("articles", articles, ARTICLES), ("story_members", members, STORY_MEMBERS)):
        for day in sorted({r["_day"] for r in rows}):
            part = [{k: v for k, v in r.items() if k != "_day"} for r in rows if r["_day"] == day]
            write_partition(paths, table, day, pa.Table.from_pylist(part, schema=schema))
    return world
