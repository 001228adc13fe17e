"""The demo world's sites: who they are, how their URLs look and what their pages carry.

Seven sites, each with its own template, URL shape, feed format and metadata habits, so the
crawler and extractor meet the variety real news sites have: two wire services (AP-like and
Reuters-like), four outlets that republish wire copy and write their own stories (one of them
serving windows-1252), and a content farm that publishes spun copies.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

SECTIONS: tuple[str, ...] = ("world", "politics", "business", "sports")

# Topic of a synthetic event (demoworld.synth.topics) -> section it is filed under.
SECTION_OF_TOPIC: dict[str, str] = {
    "protest": "world",
    "attack": "world",
    "earthquake": "world",
    "storm": "world",
    "election": "politics",
    "court": "politics",
    "trade": "business",
    "sports": "sports",
}


@dataclass(frozen=True)
class SiteSpec:
    """Static description of one demo site.

    Attributes:
        id: Source id (also the outlet label in the synthetic corpus).
        name: Publication name shown on pages and in feeds.
        kind: ``wire``, ``outlet`` or ``farm`` (as in ``sources.toml``).
        wire: Wire code of a wire service's own copy, else None.
        template: Name of the Jinja template family (``templates/<template>_*.j2``).
        charset: Charset pages are encoded in and declared with.
        jsonld: Whether article pages carry a JSON-LD NewsArticle.
        opengraph: Whether article pages carry OpenGraph/article meta tags.
        feed_path: Path of the site's feed.
        feed_format: ``rss`` or ``atom``.
        sitemap_path: Path of the sitemap index.
        section_path: Section page path with ``{section}``.
        article_pattern: Regex on the URL path matching exactly this site's article pages.
    """

    id: str
    name: str
    kind: str
    wire: str | None
    template: str
    charset: str
    jsonld: bool
    opengraph: bool
    feed_path: str
    feed_format: str
    sitemap_path: str
    section_path: str
    article_pattern: str


SITES: tuple[SiteSpec, ...] = (
    SiteSpec(
        "ap",
        "AP Newswire (demo)",
        "wire",
        "AP",
        "wire",
        "utf-8",
        True,
        True,
        "/feeds/latest.atom",
        "atom",
        "/sitemap.xml",
        "/hub/{section}",
        r"^/article/[a-z0-9-]+-[0-9a-f]{12}$",
    ),
    SiteSpec(
        "reuters",
        "Reuters Wire (demo)",
        "wire",
        "Reuters",
        "agency",
        "utf-8",
        False,
        True,
        "/rss/all.xml",
        "rss",
        "/sitemap.xml",
        "/{section}/",
        r"^/(world|politics|business|sports)/[a-z0-9-]+-\d{4}-\d\d-\d\d-[0-9a-f]{6}/$",
    ),
    SiteSpec(
        "metroherald",
        "The Metro Herald",
        "outlet",
        None,
        "broadsheet",
        "utf-8",
        True,
        True,
        "/feed/",
        "rss",
        "/sitemap.xml",
        "/section/{section}/",
        r"^/20\d\d/\d\d/\d\d/[a-z0-9-]+\.html$",
    ),
    SiteSpec(
        "dailycourier",
        "Daily Courier",
        "outlet",
        None,
        "legacy",
        "windows-1252",
        False,
        False,
        "/rss.xml",
        "rss",
        "/sitemap.xml",
        "/news/{section}",
        r"^/news/\d+-[a-z0-9-]+$",
    ),
    SiteSpec(
        "citypost",
        "The City Post",
        "outlet",
        None,
        "tabloid",
        "utf-8",
        True,
        False,
        "/atom.xml",
        "atom",
        "/sitemap.xml",
        "/{section}/",
        r"^/(world|politics|business|sports)/20\d\d/\d\d/\d\d/[a-z0-9-]+/$",
    ),
    SiteSpec(
        "valleytribune",
        "Valley Tribune",
        "outlet",
        None,
        "regional",
        "utf-8",
        False,
        False,
        "/feeds/all.rss",
        "rss",
        "/sitemap.xml",
        "/topics/{section}",
        r"^/story/\d+/[a-z0-9-]+$",
    ),
    SiteSpec(
        "newsblitz",
        "NewsBlitz 24",
        "farm",
        None,
        "farm",
        "utf-8",
        False,
        True,
        "/feed/",
        "rss",
        "/sitemap_index.xml",
        "/category/{section}/",
        r"^/(?!category/|about/|preview/|feed/)[a-z0-9-]+/$",
    ),
)

SITE_IDS: tuple[str, ...] = tuple(s.id for s in SITES)
WIRE_SITES: dict[str, str] = {s.wire: s.id for s in SITES if s.wire}  # wire code -> site id
OUTLET_SITES: tuple[str, ...] = tuple(s.id for s in SITES if s.kind == "outlet")
FARM_SITE: str = next(s.id for s in SITES if s.kind == "farm")
PREVIEW_PREFIX = "/preview/"  # print previews: linked from every article, disallowed in robots.txt


def slugify(title: str, limit: int = 70) -> str:
    """ASCII URL slug of a title: ``"Quake hits Bogotá"`` -> ``"quake-hits-bogota"``."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-")


def article_path(site: SiteSpec, title: str, doc_id: str, number: int, section: str, at: datetime) -> str:
    """The URL path of an article on a site, in that site's shape.

    Args:
        site: The site.
        title: Headline (gives the slug).
        doc_id: Synthetic document id (gives the hash part of some shapes).
        number: Sequence number of the article on its site (numeric ids in some shapes).
        section: Section name.
        at: Publication time (dated shapes).

    Returns:
        The path, matching ``site.article_pattern``.
    """
    slug = slugify(title)
    digest = hashlib.sha1(f"{site.id}:{doc_id}".encode()).hexdigest()
    day = at.strftime("%Y/%m/%d")
    shapes = {
        "ap": f"/article/{slug}-{digest[:12]}",
        "reuters": f"/{section}/{slug}-{at:%Y-%m-%d}-{digest[:6]}/",
        "metroherald": f"/{day}/{slug}.html",
        "dailycourier": f"/news/{40000 + number}-{slug}",
        "citypost": f"/{section}/{day}/{slug}/",
        "valleytribune": f"/story/{880000 + number * 7}/{slug}",
        "newsblitz": f"/{slug}/",
    }
    return shapes[site.id]
