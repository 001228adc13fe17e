"""Probe one site from its home URL: feeds, sitemaps, sections, article patterns, name, language.

Feeds are the home page's ``<link rel="alternate">`` feeds, its links that look like feeds
("RSS", ``/feed``) and a few common paths; each counts only when it answers 200 and
:func:`spiders.discover.feeds.parse_feed` reads entries from it. Sitemaps are robots.txt's
``Sitemap:`` lines and common paths, read with :func:`spiders.discover.sitemaps.parse_sitemap`;
of a sitemap index, the newest :data:`MAX_CHILD_SITEMAPS` children are read for a sample of
article URLs. Those URLs give the article patterns (:mod:`spiders.probe.patterns`); navigation
links of the home page that list at least :data:`MIN_SECTION_ARTICLES` such articles are the
sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

import lxml.html
from lxml import etree

from spiders.discover.feeds import parse_feed
from spiders.discover.sitemaps import parse_sitemap
from spiders.discover.xmlparse import child_text, parse_xml
from spiders.probe.fetch import Client, FetchError, Response
from spiders.probe.patterns import Proposal, propose_patterns, url_paths

# <link rel="alternate"> types of feeds (RSS 2.0/1.0, Atom, JSON Feed 1.1's registered type).
FEED_TYPES = {
    "application/rss+xml": "RSS",
    "application/atom+xml": "Atom",
    "application/rdf+xml": "RSS 1.0",
    "application/feed+json": "JSON Feed",
    "application/json": "JSON Feed",
}
# Where sites commonly publish feeds: WordPress (/feed, /feed/), Hugo (/index.xml), Jekyll
# (/feed.xml), Ghost (/rss/), generic /rss, /rss.xml, /atom.xml, /feeds/all.atom.xml (Pelican).
FEED_PATHS = (
    "/feed",
    "/feed/",
    "/rss",
    "/rss/",
    "/rss.xml",
    "/feed.xml",
    "/atom.xml",
    "/index.xml",
    "/feeds/all.atom.xml",
)
# Where sites commonly publish sitemaps: sitemaps.org's /sitemap.xml, Yoast/WordPress's
# /sitemap_index.xml, and the usual names of Google News sitemaps.
SITEMAP_PATHS = ("/sitemap.xml", "/sitemap_index.xml", "/news-sitemap.xml", "/sitemap-news.xml", "/sitemap_news.xml")
NEWS_NAMESPACE = b"http://www.google.com/schemas/sitemap-news/0.9"
# Children of a sitemap index read for the URL sample: the newest by lastmod that robots.txt
# allows and that parse.
MAX_CHILD_SITEMAPS = 3
# Navigation links fetched to see whether they are section pages, and how many article links
# (matching the proposed patterns) make one a section.
MAX_SECTION_PROBES = 8
MIN_SECTION_ARTICLES = 3
# Feeds listed at most (sites with a feed per section and tag list dozens).
MAX_FEEDS = 10
# A link path that names a feed: a segment starting "rss", "feed(s)" or "atom" (/rss.xml, /feeds/all,
# /news/rss) or a .rss/.atom file; not a slug that merely contains the word (/123-feed-the-hungry).
_FEED_LINK = re.compile(r"/(?:rss|feeds?|atom)(?:[/._-]|$)|\.(?:rss|atom)$", re.IGNORECASE)
_NAV = re.compile(r"nav|menu", re.IGNORECASE)
# Listing pagination ("/page/2/", "?page=2"): the next page of a list, not a section of its own.
_PAGINATION = re.compile(r"(?:^|/)page/\d+/?$|[?&]page=\d+")
_TITLE_SEPARATORS = re.compile(r"\s+[|–—:-]\s+")


@dataclass(frozen=True)
class Found:
    """A value and where it was found (becomes the comment of its field).

    Attributes:
        value: The value.
        where: Where it came from, e.g. ``"<link rel=alternate> on the home page"``.
    """

    value: str
    where: str


@dataclass
class SiteProbe:
    """What a probe learnt about a site.

    Attributes:
        home: The home URL (after redirects).
        robots: How robots.txt answered.
        name: Site name, if found.
        language: Primary language subtag of ``<html lang>``, if found.
        feeds: Feeds that parse, with where each was found.
        sitemaps: Sitemaps that parse (top level: as listed in robots.txt or at a common path).
        sections: Section pages listing articles.
        proposal: Article patterns from the sampled URLs.
        sample: How many article URLs the patterns were learnt from.
        notes: Things the operator should know (what could not be read, and why).
        disallowed: Candidate URLs robots.txt did not let the probe fetch.
    """

    home: str
    robots: str
    name: Found | None = None
    language: Found | None = None
    feeds: list[Found] = field(default_factory=list)
    sitemaps: list[Found] = field(default_factory=list)
    sections: list[Found] = field(default_factory=list)
    proposal: Proposal = Proposal([], [], [], [])
    sample: int = 0
    notes: list[str] = field(default_factory=list)
    disallowed: list[str] = field(default_factory=list)


@dataclass
class _Home:
    feeds: list[Found] = field(default_factory=list)
    nav: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


def _absolute(base: str, href: str) -> str | None:
    """``href`` resolved against ``base`` without its fragment; None when it is not a URL."""
    try:
        return urlunsplit(urlsplit(urljoin(base, href.strip()))._replace(fragment=""))
    except ValueError:  # e.g. "http://[not-an-ip]/"
        return None


def _same_site(url: str, home: str) -> bool:
    return urlsplit(url).netloc.lower().removeprefix("www.") == urlsplit(home).netloc.lower().removeprefix("www.")


def _is_html(resp: Response) -> bool:
    if resp.content_type in ("text/html", "application/xhtml+xml"):
        return True
    return not resp.content_type and resp.body.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html"))


def _in_navigation(element: etree._Element) -> bool:
    for node in element.iterancestors():
        if node.tag in ("nav", "header", "footer"):
            return True
        if _NAV.search(f"{node.get('class', '')} {node.get('id', '')}"):
            return True
    return False


def _read_home(resp: Response, probe: SiteProbe) -> _Home:
    try:
        root = lxml.html.document_fromstring(resp.body)
    except (etree.ParserError, ValueError) as exc:
        probe.notes.append(f"home page: not parsable HTML ({exc})")
        return _Home()
    found = _Home()
    lang = (root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or "").strip()
    if lang:
        probe.language = Found(lang.split("-")[0].lower(), f'<html lang="{lang}"> on the home page')
    site_name = root.xpath("string(//meta[@property='og:site_name']/@content)").strip()
    title = root.xpath("string(//title)").strip()
    if site_name:
        probe.name = Found(site_name, "og:site_name on the home page")
    elif title:
        probe.name = Found(_TITLE_SEPARATORS.split(title)[0].strip(), f"<title> of the home page ({title!r})")
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = FEED_TYPES.get((link.get("type") or "").split(";")[0].strip().lower())
        url = _absolute(resp.url, link.get("href") or "")
        if "alternate" in rel and kind and link.get("href") and url:
            found.feeds.append(Found(url, f"<link rel=alternate> ({kind}) on the home page"))
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "mailto:", "javascript:", "tel:")):
            continue
        url = _absolute(resp.url, href)
        if not url or not url.startswith(("http://", "https://")) or not _same_site(url, resp.url):
            continue
        found.links.append(url)
        text = anchor.text_content().strip().lower()
        if _FEED_LINK.search(urlsplit(url).path) or text in ("rss", "feed", "atom", "atom feed", "rss feed"):
            found.feeds.append(Found(url, f"link {text or href!r} on the home page"))
        elif _in_navigation(anchor):
            found.nav.append(url)
    found.nav = list(dict.fromkeys(found.nav))
    return found


def _try(client: Client, url: str, probe: SiteProbe, what: str) -> Response | None:
    """The 2xx response for a URL, else None; a fetch failure (not an HTTP status) becomes a note."""
    if not client.allowed(url):
        probe.disallowed.append(url)
        return None
    try:
        resp = client.get(url)
    except FetchError as exc:
        probe.notes.append(f"{what}: {exc}")
        return None
    return resp if resp.ok else None


def _try_any(client: Client, url: str, probe: SiteProbe) -> Response | None:
    """The home page response whatever its status; None (and a note) when it cannot be fetched."""
    try:
        return client.get(url)
    except FetchError as exc:
        probe.notes.append(f"home page: {exc}")
        return None


def _find_feeds(client: Client, home: str, listed: list[Found], probe: SiteProbe) -> list[str]:
    candidates = listed + [Found(urljoin(home, p), f"common path {p}") for p in FEED_PATHS]
    tried: set[str] = set()
    article_urls: list[str] = []
    for cand in candidates:
        if cand.value in tried or len(probe.feeds) >= MAX_FEEDS:
            continue
        tried.add(cand.value)
        if "JSON Feed" in cand.where:
            probe.notes.append(f"JSON Feed {cand.value} not listed: the crawler reads RSS and Atom feeds only")
            continue
        resp = _try(client, cand.value, probe, "feed")
        if resp is None or any(f.value == resp.url for f in probe.feeds):  # a redirect to a feed already found
            continue
        try:
            entries = parse_feed(resp.body, resp.url)
        except ValueError:  # DiscoveryError, or a link that is not a URL
            continue
        if not entries:
            continue
        probe.feeds.append(Found(resp.url, f"{cand.where}, {len(entries)} entries"))
        if probe.language is None:
            probe.language = _feed_language(resp)
        article_urls += [e.url for e in entries]
    return article_urls


def _feed_language(resp: Response) -> Found | None:
    """An RSS ``<channel><language>`` or the Atom root's ``xml:lang``, as a primary subtag."""
    root = parse_xml(resp.body)
    channel = next((c for c in root if isinstance(c.tag, str) and c.tag.rsplit("}", 1)[-1] == "channel"), root)
    lang = child_text(channel, "language") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not lang:
        return None
    return Found(lang.split("-")[0].strip().lower(), f"language {lang!r} of the feed {resp.url}")


def _read_sitemap(client: Client, url: str, probe: SiteProbe) -> tuple[list[str], bool, int] | None:
    """``(page URLs, is news, children read)`` of a sitemap or index, None when it does not parse."""
    resp = _try(client, url, probe, "sitemap")
    if resp is None:
        return None
    try:
        sitemap = parse_sitemap(resp.body, resp.url)
    except ValueError:  # DiscoveryError, or a location that is not a URL
        return None
    if not sitemap.is_index:
        return [e.url for e in sitemap.entries], NEWS_NAMESPACE in resp.body, 0
    children = sorted(
        (e for e in sitemap.entries if _same_site(e.url, url)),
        key=lambda e: (e.published is not None, e.published.last if e.published else None),
        reverse=True,
    )
    urls, news, read = [], False, 0
    for child in children[: 2 * MAX_CHILD_SITEMAPS]:  # the newest that can be read, a few failures allowed
        if read == MAX_CHILD_SITEMAPS:
            break
        got = _read_sitemap_urlset(client, child.url, probe)
        if got is not None:
            urls += got[0]
            news = news or got[1]
            read += 1
    return urls, news, read


def _read_sitemap_urlset(client: Client, url: str, probe: SiteProbe) -> tuple[list[str], bool] | None:
    resp = _try(client, url, probe, "child sitemap")
    if resp is None:
        return None
    try:
        sitemap = parse_sitemap(resp.body, resp.url)
    except ValueError:
        return None
    if sitemap.is_index:  # one level of index only
        probe.notes.append(f"child sitemap {url} is itself an index: not followed")
        return None
    return [e.url for e in sitemap.entries], NEWS_NAMESPACE in resp.body


def _find_sitemaps(client: Client, home: str, probe: SiteProbe) -> list[str]:
    rules, _ = client.robots_for(home)
    candidates = [Found(u, "robots.txt Sitemap: line") for u in rules.sitemaps]
    candidates += [Found(urljoin(home, p), f"common path {p}") for p in SITEMAP_PATHS]
    seen: set[str] = set()
    article_urls: list[str] = []
    for cand in candidates:
        if cand.value in seen:
            continue
        seen.add(cand.value)
        got = _read_sitemap(client, cand.value, probe)
        if got is None:
            continue
        urls, news, children = got
        if not urls and not children:
            continue
        what = f"index, newest {children} children read" if children else "urlset"
        probe.sitemaps.append(
            Found(cand.value, f"{cand.where}; {what}; {len(urls)} URLs{'; news sitemap' if news else ''}")
        )
        article_urls += urls
    return article_urls


def _find_sections(client: Client, nav: list[str], probe: SiteProbe, articles: set[str]) -> None:
    patterns = probe.proposal.patterns
    tried = 0
    for url in nav:
        path = urlsplit(url).path or "/"
        if tried >= MAX_SECTION_PROBES or path == "/" or url in articles or _PAGINATION.search(url):
            continue
        if any(re.search(p, path) for p in patterns):
            continue
        tried += 1
        resp = _try(client, url, probe, "section")
        if resp is None or not _is_html(resp):
            continue
        try:
            root = lxml.html.document_fromstring(resp.body)
        except (etree.ParserError, ValueError):
            continue
        links = {u for a in root.iter("a") if (u := _absolute(resp.url, a.get("href", ""))) is not None}
        listed = [u for u in links if _same_site(u, resp.url) and any(re.search(p, urlsplit(u).path) for p in patterns)]
        if len(listed) >= MIN_SECTION_ARTICLES:
            probe.sections.append(Found(url, f"navigation link on the home page, lists {len(listed)} articles"))


def probe_site(home: str, client: Client) -> SiteProbe:
    """Probe a site over HTTP.

    Args:
        home: The site's home URL.
        client: The HTTP client (robots.txt and SSRF rule applied to every request).

    Returns:
        What was found; ``notes`` says what could not be read.

    Raises:
        FetchError: The site cannot be reached at all (robots.txt fetch fails).
    """
    _, robots_note = client.robots_for(home)
    probe = SiteProbe(home=home, robots=robots_note)
    page = _Home()
    resp = _try_any(client, home, probe)
    if resp is not None and not resp.ok:
        probe.notes.append(f"home page: HTTP {resp.status}")
    elif resp is not None and not _is_html(resp):
        probe.notes.append(
            f"home page: not HTML ({resp.content_type or 'no Content-Type'}): no name, language, <link> feeds or sections from it"
        )
    elif resp is not None:
        probe.home = resp.url
        page = _read_home(resp, probe)
    urls = _find_feeds(client, probe.home, page.feeds, probe)
    urls += _find_sitemaps(client, probe.home, probe)
    articles = [u for u in dict.fromkeys(urls) if _same_site(u, probe.home)]
    probe.sample = len(articles)
    article_set = set(articles)
    negatives = {"/"} | set(url_paths(f.value for f in probe.feeds + probe.sitemaps))
    negatives |= set(url_paths(u for u in page.nav if u not in article_set))
    negatives |= set(url_paths(u for u in page.links if u not in article_set and not client.allowed(u)))
    probe.proposal = propose_patterns(url_paths(articles), negatives)
    if probe.proposal.patterns:
        _find_sections(client, page.nav, probe, article_set)
    if probe.disallowed:
        probe.notes.append(
            f"robots.txt disallows {len(probe.disallowed)} of the URLs tried, e.g. {probe.disallowed[0]}"
        )
    return probe
