"""The demo news world: every page of every demo site, built from the synthetic corpus.

:func:`build_world` is pure: it returns page texts in which links to a site's origin are the
placeholder ``@@<site id>@@`` (ports are only known once a server binds), and
:meth:`DemoWorld.page_bytes`, :meth:`DemoWorld.ground_truth` and :meth:`DemoWorld.registry`
resolve them against the base URLs the server got. The same seed always gives the same pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

from demoworld import pages
from demoworld.model import Article, Page
from demoworld.sites import (
    FARM_SITE,
    OUTLET_SITES,
    PREVIEW_PREFIX,
    SECTION_OF_TOPIC,
    SITES,
    SiteSpec,
    article_path,
)
from demoworld.synth import SynthDoc, generate_corpus

DEMO_DAYS: tuple[str, ...] = ("2026-01-12", "2026-01-13", "2026-01-14", "2026-01-15", "2026-01-16")
# Events in the demo corpus: with seed 7 this gives ~400 articles over the five days, a size the
# full demo pipeline (crawl, extract, dedupe) gets through in a few minutes on 2 cores.
DEMO_EVENTS = 60
WIRES: tuple[str, ...] = ("AP", "Reuters")
_PLACEHOLDER = re.compile(r"@@([a-z0-9_-]+)@@")


@dataclass
class Site:
    """A demo site: its description, articles (in publication order) and pages by path."""

    spec: SiteSpec
    articles: list[Article] = field(default_factory=list)
    pages: dict[str, Page] = field(default_factory=dict)


@dataclass
class DemoWorld:
    """All sites of the demo world, built by :func:`build_world`.

    Attributes:
        seed: Corpus seed.
        days: Publication days (UTC) covered.
        sites: Site id -> site, in a fixed order.
    """

    seed: int
    days: tuple[str, ...]
    sites: dict[str, Site]

    def articles(self) -> Iterator[Article]:
        """Every article of every site."""
        for site in self.sites.values():
            yield from site.articles

    @staticmethod
    def resolve(text: str, base_urls: Mapping[str, str]) -> str:
        """Replace ``@@site@@`` placeholders by base URLs (``http://127.0.0.1:PORT``, no slash)."""
        return _PLACEHOLDER.sub(lambda m: base_urls[m.group(1)].rstrip("/"), text)

    def page_bytes(self, site_id: str, path: str, base_urls: Mapping[str, str]) -> tuple[bytes, str] | None:
        """The served body and ``Content-Type`` of a page, or None when the site has no such path.

        Args:
            site_id: Site id.
            path: URL path, without query string.
            base_urls: Site id -> base URL, for every site.

        Returns:
            ``(body, content_type)`` or None.
        """
        page = self.sites[site_id].pages.get(path)
        if page is None:
            return None
        body = self.resolve(page.text, base_urls).encode(page.charset)
        return body, f"{page.media_type}; charset={page.charset}"

    def ground_truth(self, base_urls: Mapping[str, str]) -> dict:
        """Ground truth for every article URL, JSON-ready.

        Args:
            base_urls: Site id -> base URL.

        Returns:
            ``{"seed", "days", "disallowed_prefix", "articles": [row, ...]}``; a row has ``url``,
            ``source_id``, ``doc_id``, ``story_key``, ``event_key``, ``variant``, ``parent_url``,
            ``wire``, ``title``, ``published_at`` (as the page declares it), ``modified_at``
            (write-throughs only) and ``version_at`` (when this version appeared), times in ISO 8601 UTC.
        """

        def url(site: str, path: str) -> str:
            return base_urls[site].rstrip("/") + path

        rows = [
            {
                "url": url(a.site, a.path),
                "source_id": a.site,
                "doc_id": a.doc.doc_id,
                "story_key": a.doc.story_key,
                "event_key": a.doc.event_key,
                "variant": a.doc.variant,
                "parent_url": url(*a.parent) if a.parent else None,
                "wire": a.doc.wire,
                "title": a.doc.title,
                "published_at": a.published.isoformat(),
                "modified_at": a.modified.isoformat() if a.modified else None,
                "version_at": a.doc.published_at.isoformat(),
            }
            for a in self.articles()
        ]
        return {"seed": self.seed, "days": list(self.days), "disallowed_prefix": PREVIEW_PREFIX, "articles": rows}

    def registry(self, base_urls: Mapping[str, str]) -> dict:
        """The ``sources.toml`` document for the running world (see :mod:`wirearchive.sources`).

        Args:
            base_urls: Site id -> base URL.

        Returns:
            A TOML-ready mapping: loopback allowed, one ``[[source]]`` per site.
        """
        sources = []
        for site in self.sites.values():
            spec = site.spec
            origin = base_urls[spec.id].rstrip("/")
            entry = {
                "id": spec.id,
                "name": spec.name,
                "kind": spec.kind,
                "home": origin + "/",
                "feeds": [origin + spec.feed_path],
                "sitemaps": [origin + spec.sitemap_path],
                "sections": [origin + pages.section_path(spec, s) for s in pages.site_sections(site.articles)],
                "article_patterns": [spec.article_pattern],
                "language": "en",
                "limits": {"max_pages": 500},
            }
            if spec.wire:
                entry["wire"] = spec.wire
            sources.append(entry)
        return {"settings": {"allow_hosts": ["127.0.0.1"]}, "source": sources}


def _with_suffix(path: str, n: int) -> str:
    """``/a/slug.html`` -> ``/a/slug-2.html``; ``/a/slug/`` -> ``/a/slug-2/``; ``/a/slug`` -> ``/a/slug-2``."""
    for ending in (".html", "/"):
        if path.endswith(ending):
            return f"{path[: -len(ending)]}-{n}{ending}"
    return f"{path}-{n}"


def _assign(docs: list[SynthDoc]) -> dict[str, Site]:
    sites = {spec.id: Site(spec) for spec in SITES}
    taken: dict[str, set[str]] = {spec.id: set() for spec in SITES}
    where: dict[str, tuple[str, str]] = {}
    by_id = {d.doc_id: d for d in docs}
    for doc in docs:  # publication order, so a parent is always placed before its copies
        site = sites[doc.outlet]
        section = SECTION_OF_TOPIC[doc.topic]
        first = article_path(site.spec, doc.title, doc.doc_id, len(site.articles), section, doc.published_at)
        path, n = first, 2
        while path in taken[doc.outlet]:  # two stories with one headline on one day
            path, n = _with_suffix(first, n), n + 1
        taken[doc.outlet].add(path)
        root = doc
        while root.variant == "update":
            assert root.parent_id is not None, root.doc_id  # an update is always of a parent story
            root = by_id[root.parent_id]
        is_update = doc.variant == "update"
        site.articles.append(
            Article(
                site=site.spec.id,
                path=path,
                doc=doc,
                section=section,
                published=root.published_at if is_update else doc.published_at,
                modified=doc.published_at if is_update else None,
                parent=where[doc.parent_id] if doc.parent_id else None,
            )
        )
        where[doc.doc_id] = (site.spec.id, path)
    return sites


def build_world(seed: int = 7) -> DemoWorld:
    """Build the demo world: corpus, article placement and every page of every site.

    Args:
        seed: Corpus seed; the same seed gives byte-identical pages.

    Returns:
        The world (pure data; nothing is written or served).
    """
    docs = generate_corpus(
        seed,
        n_events=DEMO_EVENTS,
        start=date.fromisoformat(DEMO_DAYS[0]),
        days=len(DEMO_DAYS),
        outlets=OUTLET_SITES,
        wires=WIRES,
        farm=FARM_SITE,
    )
    sites = _assign(docs)
    for site in sites.values():
        for page in pages.site_pages(site.spec, site.articles, DEMO_DAYS, seed):
            site.pages[page.path] = page
    return DemoWorld(seed=seed, days=DEMO_DAYS, sites=sites)
