"""Render every page of one demo site with its Jinja templates (``templates/<family>_*.j2``).

Each site family has a base layout with its own chrome (navigation, cookie banner, newsletter
box, footer) and its own article and listing markup; feeds, sitemaps and print previews share
templates. Links use the ``@@<site>@@`` origin placeholder resolved at serve time.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator, Sequence
from email.utils import format_datetime
from functools import partial

import jinja2

from demoworld.model import Article, Page
from demoworld.sites import PREVIEW_PREFIX, SECTIONS, SiteSpec

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("demoworld", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_ENV.filters["iso"] = lambda t: t.isoformat().replace("+00:00", "Z")
_ENV.filters["rfc822"] = lambda t: format_datetime(t, usegmt=True)
_ENV.filters["human"] = lambda t: f"{t:%b}. {t.day}, {t:%Y} {t:%I:%M %p} UTC".replace(" 0", " ")
_ENV.filters["longdate"] = lambda t: f"{t:%A, %B} {t.day}, {t:%Y} {t.hour % 12 or 12}:{t:%M} {t:%p}"
_ENV.filters["farmdate"] = lambda t: f"{t:%B} {t.day}, {t:%Y} | {t.hour % 12 or 12}:{t:%M}{t:%p}".lower().capitalize()

FEED_ITEMS = 40  # newest items a feed carries; older articles are found through the sitemaps
LIST_PAGE = 20  # articles per home/section listing page
RELATED = 4

_COMMENTERS = (
    "patriot1776",
    "jd_in_ohio",
    "Marisol R.",
    "oldnewsman",
    "K. Otieno",
    "truthseeker_88",
    "Léa B.",
    "commonsense",
    "Ravi S.",
    "night_owl",
    "Grandma Jo",
    "F. Müller",
)
_COMMENTS = (
    "This is exactly what I have been saying for years. Nobody listens.",
    "Thoughts with everyone affected. Stay safe out there.",
    "Why is nobody talking about the real cause of this?",
    "Great reporting, thank you for covering this.",
    "I was there last summer and you could already see it coming.",
    "The comments section on this site gets worse every week.",
    "Does anyone have a link to the full statement?",
    "Same story, different year. Nothing ever changes.",
    "My cousin lives there and says it is much worse than reported.",
    "Can we please get some follow-up on this next month?",
)


def section_path(spec: SiteSpec, section: str, page: int = 1) -> str:
    """Path of a section listing page (page 1 is the section's front)."""
    path = spec.section_path.format(section=section)
    if page == 1:
        return path
    return f"{path.rstrip('/')}/page/{page}" + ("/" if path.endswith("/") else "")


def site_sections(articles: Sequence[Article]) -> list[str]:
    """Sections (in fixed order) that hold at least one of the articles."""
    used = {a.section for a in articles}
    return [s for s in SECTIONS if s in used]


def _authors(byline: str | None) -> tuple[list[str], str | None]:
    if not byline:
        return [], None
    names, _, org = byline.removeprefix("By ").partition(", ")
    return names.split(" and "), org or None


def _lede(article: Article) -> str:
    first = article.doc.paragraphs[0]
    for dash in (" — ", " - "):
        head, sep, rest = first.partition(dash)
        if sep and head.split(" (")[0].isupper():
            first = rest
            break
    return first if len(first) <= 200 else first[:197].rsplit(" ", 1)[0] + "..."


def _jsonld(spec: SiteSpec, article: Article, url: str) -> str:
    names, _ = _authors(article.doc.byline)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.doc.title,
        "description": _lede(article),
        "articleSection": article.section.title(),
        "datePublished": article.published.isoformat(),
        "mainEntityOfPage": url,
        "author": [{"@type": "Person", "name": n} for n in names] or {"@type": "Organization", "name": spec.name},
        "publisher": {"@type": "Organization", "name": spec.name},
    }
    if article.modified:
        data["dateModified"] = article.modified.isoformat()
    return json.dumps(data, ensure_ascii=False, indent=2).replace("</", "<\\/")


def _view(spec: SiteSpec, article: Article, related: list[Article], seed: int) -> dict:
    origin = f"@@{spec.id}@@"
    url = origin + article.path
    rng = random.Random(f"{seed}:{spec.id}:{article.doc.doc_id}")
    authors, org = _authors(article.doc.byline)
    return {
        "title": article.doc.title,
        "paragraphs": article.doc.paragraphs,
        "byline": article.doc.byline,
        "authors": authors,
        "org": org,
        "credit": article.doc.credit,
        "section": article.section,
        "section_path": section_path(spec, article.section),
        "published": article.published,
        "modified": article.modified,
        "url": url,
        "path": article.path,
        "description": _lede(article),
        "preview_path": PREVIEW_PREFIX + article.path.lstrip("/"),
        "wire": article.doc.wire,
        "related": [(r.doc.title, r.path) for r in related],
        "comments": [
            (rng.choice(_COMMENTERS), rng.choice(_COMMENTS), rng.randrange(1, 23)) for _ in range(rng.randrange(0, 5))
        ],
        "jsonld": _jsonld(spec, article, url) if spec.jsonld else None,
    }


def _related(article: Article, same_section: list[Article]) -> list[Article]:
    others = [a for a in same_section if a.path != article.path]
    others.sort(key=lambda a: abs((a.published - article.published).total_seconds()))
    return others[:RELATED]


def _sitemap_path(spec: SiteSpec, day: str) -> str:
    return f"/post-sitemap-{day}.xml" if spec.kind == "farm" else f"/sitemaps/news-{day}.xml"


def _listing(
    spec: SiteSpec, base: dict, kind: str, path_of_page: Callable[[int], str], items: list[Article], title: str
) -> Iterator[Page]:
    pages = max(1, -(-len(items) // LIST_PAGE))
    for number in range(1, pages + 1):
        chunk = items[(number - 1) * LIST_PAGE : number * LIST_PAGE]
        text = _ENV.get_template(f"{spec.template}_list.j2").render(
            **base,
            heading=title,
            items=[(a.doc.title, a.path, a.published, _lede(a)) for a in chunk],
            older=path_of_page(number + 1) if number < pages else None,
            newer=path_of_page(number - 1) if number > 1 else None,
        )
        yield Page(path_of_page(number), kind, "text/html", spec.charset, text)


def site_pages(spec: SiteSpec, articles: Sequence[Article], days: Sequence[str], seed: int) -> Iterator[Page]:
    """Every page of one site.

    Args:
        spec: The site.
        articles: Its articles, in publication order.
        days: The world's days (one news sitemap each).
        seed: World seed (comments and other page furniture are drawn from it).

    Yields:
        Pages: robots.txt, feed, sitemap index and per-day sitemaps, home, section listings,
        articles, print previews (disallowed by robots.txt) and an about page.
    """
    origin = f"@@{spec.id}@@"
    sections = site_sections(articles)
    base = {"site": spec, "origin": origin, "nav": [(s.title(), section_path(spec, s)) for s in sections]}
    newest = sorted(articles, key=lambda a: (a.doc.published_at, a.path), reverse=True)
    by_section = {s: [a for a in newest if a.section == s] for s in sections}
    sitemaps = [(_sitemap_path(spec, d), [a for a in articles if a.published.date().isoformat() == d]) for d in days]

    yield Page(
        "/robots.txt",
        "robots",
        "text/plain",
        "utf-8",
        _ENV.get_template("robots.txt.j2").render(origin=origin, site=spec, disallow=PREVIEW_PREFIX),
    )
    feed_items = [(a, _lede(a)) for a in newest[:FEED_ITEMS]]
    yield Page(
        spec.feed_path,
        "feed",
        "application/atom+xml" if spec.feed_format == "atom" else "application/rss+xml",
        "utf-8",
        _ENV.get_template(f"{spec.feed_format}.xml.j2").render(
            site=spec, origin=origin, items=feed_items, updated=newest[0].doc.published_at if newest else None
        ),
    )
    yield Page(
        spec.sitemap_path,
        "sitemap",
        "application/xml",
        "utf-8",
        _ENV.get_template("sitemap_index.xml.j2").render(
            origin=origin, maps=[(p, max((a.doc.published_at for a in arts), default=None)) for p, arts in sitemaps]
        ),
    )
    for path, day_articles in sitemaps:
        yield Page(
            path,
            "sitemap",
            "application/xml",
            "utf-8",
            _ENV.get_template("sitemap_news.xml.j2").render(site=spec, origin=origin, items=day_articles),
        )
    yield from _listing(spec, base, "home", lambda n: "/" if n == 1 else f"/page/{n}/", newest, spec.name)
    for section in sections:
        yield from _listing(
            spec, base, "section", partial(section_path, spec, section), by_section[section], section.title()
        )
    for article in articles:
        view = _view(spec, article, _related(article, by_section[article.section]), seed)
        yield Page(
            article.path,
            "article",
            "text/html",
            spec.charset,
            _ENV.get_template(f"{spec.template}_article.j2").render(**base, a=view),
        )
        yield Page(
            view["preview_path"],
            "preview",
            "text/html",
            spec.charset,
            _ENV.get_template("preview.j2").render(**base, a=view),
        )
    previews = [(a.doc.title, PREVIEW_PREFIX + a.path.lstrip("/"), a.published, _lede(a)) for a in newest]
    yield Page(
        PREVIEW_PREFIX,
        "preview",
        "text/html",
        spec.charset,
        _ENV.get_template(f"{spec.template}_list.j2").render(
            **base, heading="Print editions", items=previews, older=None, newer=None
        ),
    )
    yield Page(
        "/about/",
        "about",
        "text/html",
        spec.charset,
        _ENV.get_template(f"{spec.template}_list.j2").render(
            **base, heading=f"About {spec.name}", items=[], older=None, newer=None
        ),
    )
