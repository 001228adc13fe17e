"""Article metadata from one parsed page: JSON-LD, OpenGraph, meta tags, then the page itself.

Order of trust, per field (the first source that has a usable value wins):

1. JSON-LD objects of an article type (``NewsArticle``, ``Article``, ``ReportageNewsArticle``,
   ``BlogPosting`` … also inside ``@graph``): the publisher's structured statement.
2. OpenGraph and ``article:*`` properties (``og:title``, ``article:published_time`` …).
3. Other ``<meta>`` tags: ``description``, ``author``/``byl``, Dublin Core, Parse.ly, Sailthru,
   ``twitter:*``, common date names.
4. The page: ``<title>``, ``<html lang>``, ``<link rel=canonical>``, byline elements, the
   first ``<time datetime>`` and a printed date after a label (``Posted: Monday, January 12,
   2026 4:47 AM``) or in an element whose class names a date.
5. htmldate's fast search, for the published time only, when nothing above has one.

Times are returned aware, in UTC; a time without an offset is taken as UTC, a bare date as
midnight UTC. Authors are split into person names and organizations (agencies, desks), see
:func:`split_authors`.
"""

from __future__ import annotations

import json
import re
from html import unescape as html_unescape
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from dateutil import parser as dateparser
from dateutil.parser import UnknownTimezoneWarning
from htmldate import find_date
from lxml.html import HtmlElement

_ARTICLE_TYPES = {
    "newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "reviewnewsarticle", "blogposting", "liveblogposting", "report",
    "scholarlyarticle", "techarticle", "socialmediaposting", "webpage",
}  # fmt: skip
_WS = re.compile(r"\s+")
_BY = re.compile(r"^\s*(?:(?:written|reported|posted|words|story)\s+)?by\s*:?\s+", re.I)
_SPLIT = re.compile(r"\s*(?:,|;|\||&|\band\b|\bund\b|\bet\b|\by\b|/)\s*", re.I)
_ORG_WORDS = re.compile(
    r"\b(?:press|news|newswire|agency|agence|wires?|reuters|bloomberg|staff|desk|service|"
    r"times|post|journal|herald|tribune|gazette|media|network|associated|editors?|team|bureau|"
    r"report(?:s|ing)?|contributors?|correspondents?|inc|ltd|llc|afp|ap|upi|dpa|pa|efe|ansa)\b",
    re.I,
)
_ROLE = re.compile(
    r"\b(?:staff|senior|chief|special|political|foreign)?\s*(?:writer|reporter|correspondent|"
    r"editor|columnist|contributor)\b.*$",
    re.I,
)
_NAME_TOKEN = re.compile(r"^[A-ZÀ-Þ][\w'’.\-]*$|^(?:de|da|van|von|der|del|la|le|bin|al|el|di)$")
_BYLINE_XPATH = (
    '(//*[@rel="author"] | //*[contains(@class,"byline") or contains(@class,"author-name")'
    ' or @itemprop="author"])[position() <= 3]'
)
# Links to an author's profile page; only the first two, the rest are usually other stories'.
_AUTHOR_LINK_XPATH = (
    '(//body//a[contains(@href,"/author/") or contains(@href,"/authors/") or contains(@href,"/newsteam/")'
    ' or contains(@href,"/staff/") or contains(@href,"/journalist/")])[position() <= 2]'
)
_DATE_LABEL = re.compile(r"^(?:published|posted|first\s+published)\s*(?:on|at)?\s*:?\s*(.{6,60})$", re.I)
_LABELLED_DATE_XPATH = (
    "//body//*[starts-with(normalize-space(text()), 'Posted') or starts-with(normalize-space(text()), 'Published')"
    " or starts-with(normalize-space(text()), 'posted') or starts-with(normalize-space(text()), 'published')"
    " or contains(@class, 'date') or contains(@class, 'pubtime') or contains(@class, 'timestamp')]"
)
_NOT_AUTHORS = {"no author", "unknown", "admin", "administrator", "anonymous", "editor", "author", "guest"}
_SITE_SUFFIX = re.compile(r"\s+[|–—\-:·]\s+[^|–—\-:·]{2,40}$")
_DATE_META = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date",
    "parsely-pub-date", "article.published", "published_time", "og:published_time",
)  # fmt: skip
_MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "last-modified")
_AUTHOR_META = ("author", "article:author", "og:article:author", "byl", "dc.creator", "parsely-author", "sailthru.author", "citation_author")


@dataclass(frozen=True)
class PageMetadata:
    """What the page says about itself; every field optional.

    Attributes:
        bylines: Raw author strings as found (before splitting), for wire attribution.
        structured_orgs: Organization names from JSON-LD ``author``/``publisher``/``sourceOrganization``.
        article_body: JSON-LD ``articleBody`` when the page declares one.
    """

    title: str | None = None
    description: str | None = None
    authors: tuple[str, ...] = ()
    author_orgs: tuple[str, ...] = ()
    published_at: datetime | None = None
    modified_at: datetime | None = None
    language: str | None = None
    section: str | None = None
    top_image: str | None = None
    site_name: str | None = None
    canonical_url: str | None = None
    bylines: tuple[str, ...] = ()
    structured_orgs: tuple[str, ...] = ()
    article_body: str | None = field(default=None, repr=False)


def _clean(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or value.get("url")
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if not isinstance(value, str):
        return None
    text = _WS.sub(" ", value).strip()
    return text or None


def parse_datetime(value: str | None) -> datetime | None:
    """Parse a date/time string from a page into an aware UTC datetime.

    Args:
        value: ISO 8601 or any common written form (``2020-01-19T20:31:00-05:00``,
            ``Jan 19, 2020 8:31 PM EST``, ``2020-01-19``).

    Returns:
        The time in UTC (no offset: taken as UTC), or ``None`` when unparsable or outside
        1990..2100.
    """
    if not value or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UnknownTimezoneWarning)  # unknown zone name: read as UTC
            try:
                parsed = dateparser.parse(value.strip(), tzinfos=_TZINFOS)
            except (ValueError, OverflowError, TypeError):
                return None
    if parsed is None or not 1990 <= parsed.year <= 2100:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


# Zone abbreviations common on news pages that dateutil does not resolve on its own (hours from UTC).
_TZINFOS = {
    name: int(hours * 3600)
    for name, hours in {"EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
                        "GMT": 0, "UTC": 0, "BST": 1, "CET": 1, "CEST": 2, "IST": 5.5, "JST": 9, "AEST": 10,
                        "AEDT": 11, "KST": 9}.items()
}  # fmt: skip


def author_kind(name: str, wire_names: tuple[str, ...] = ()) -> str | None:
    """Classify one cleaned author string.

    Args:
        name: One author string, ``By`` prefix and role removed.
        wire_names: Extra organization names (the wire registry's aliases).

    Returns:
        ``"org"`` for agencies, desks and outlets (``Associated Press``, ``Reuters``, ``The
        Local``, ``CNN``, ``Post wires``, ``Staff``), ``"person"`` for a personal name, ``None``
        for junk (``No Author``, a time stamp).
    """
    folded = name.casefold()
    if folded in _NOT_AUTHORS:
        return None
    if any(folded == w.casefold() for w in wire_names) or _ORG_WORDS.search(name):
        return "org"
    if name.startswith("The ") or re.fullmatch(r"[A-Z]{2,6}", name):
        return "org"
    tokens = name.split()
    if 1 <= len(tokens) <= 5 and all(_NAME_TOKEN.match(t) for t in tokens):
        return "person"
    return None


def split_authors(raw: list[str] | tuple[str, ...], wire_names: tuple[str, ...] = ()) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split raw byline strings into person names and organizations.

    ``'By Jane Doe and John Roe, Associated Press'`` gives ``(('Jane Doe', 'John Roe'),
    ('Associated Press',))``. Roles (``Staff Writer``) and ``By`` prefixes are dropped; URLs
    (``article:author`` profile links) and junk (time stamps, ``No Author``) are skipped;
    duplicates keep their first position.

    Args:
        raw: Author strings as found in the page.
        wire_names: Extra organization names (the wire registry's aliases).

    Returns:
        ``(names, organizations)``.
    """
    names: list[str] = []
    orgs: list[str] = []
    for item in raw:
        if not item or "://" in item or item.startswith("www."):
            continue
        text = _BY.sub("", _WS.sub(" ", item)).strip(" .,:;-–—")
        for part in _SPLIT.split(text):
            part = _BY.sub("", part).strip(" .,:;-–—()")
            if not part or len(part) > 80 or not _ROLE.sub("", part).strip(" .,"):
                continue  # empty, overlong, or only a role ("Staff Writer")
            kind = author_kind(part, wire_names)
            if kind is None:
                part = _ROLE.sub("", part).strip(" .,")
                kind = author_kind(part, wire_names) if part else None
            if kind is None:
                continue
            bucket = orgs if kind == "org" else names
            if part.casefold() not in {p.casefold() for p in bucket}:
                bucket.append(part)
    return tuple(names), tuple(orgs)


def _json_ld_objects(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    for script in tree.iterfind('.//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.extend(item["@graph"] if isinstance(item["@graph"], list) else [item["@graph"]])
                yield item


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.casefold() for k in kinds if isinstance(k, str)}


def _article_ld(tree: HtmlElement) -> dict[str, Any]:
    best: dict[str, Any] = {}
    for obj in _json_ld_objects(tree):
        kinds = _types(obj)
        if kinds & _ARTICLE_TYPES and (not best or ("webpage" in _types(best) and "webpage" not in kinds)):
            best = obj
    return best


def _people(value: Any) -> tuple[list[str], list[str]]:
    people: list[str] = []
    orgs: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        name = _clean(item)
        if not name:
            continue
        if isinstance(item, dict) and any("organization" in kind for kind in _types(item)):
            orgs.append(name)
        else:
            people.append(name)
    return people, orgs


def _metas(tree: HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv") or "").casefold()
        value = meta.get("content")
        if key and value and value.strip() and key not in found:
            found[key] = _WS.sub(" ", value).strip()
    return found


def _first(*values: str | None) -> str | None:
    return next((v for v in values if v), None)


def _page_bylines(tree: HtmlElement) -> list[str]:
    """Byline text from the page: a byline/author element, else author-profile links."""
    for xpath in (_BYLINE_XPATH, _AUTHOR_LINK_XPATH):
        texts = [_WS.sub(" ", el.text_content()).strip() for el in tree.xpath(xpath)]
        if found := [t for t in texts if 2 < len(t) <= 120]:
            return found
    return []


def _without_site(title: str, site: str | None) -> str:
    """Drop a trailing ``| Site Name`` (or ``- Site Name``) that repeats the site's name."""
    match = _SITE_SUFFIX.search(title)
    if match and site and _WS.sub(" ", match.group(0)).strip(" |–—-:·").casefold() == site.casefold():
        return title[: match.start()].strip()
    return title


def _labelled_date(tree: HtmlElement) -> datetime | None:
    """A date printed in the page after a label (``Posted: Monday, January 12, 2026 4:47 AM``)
    or alone in an element whose class says date (``<div class="story-date">Jan. 12, 2026</div>``)."""
    for element in tree.xpath(_LABELLED_DATE_XPATH)[:5]:
        text = _WS.sub(" ", element.text_content()).strip()
        match = _DATE_LABEL.match(text)
        if len(text) <= 80 and (found := parse_datetime(match.group(1) if match else text)):
            return found
    return None


def _title(ld: dict[str, Any], metas: dict[str, str], tree: HtmlElement) -> str | None:
    title = _first(_clean(ld.get("headline")), metas.get("og:title"), metas.get("twitter:title"))
    if title:
        return _without_site(html_unescape(title), metas.get("og:site_name"))
    h1 = tree.find(".//h1")
    if h1 is not None and (text := _WS.sub(" ", h1.text_content()).strip()):
        return text
    page = tree.findtext(".//title")
    return _SITE_SUFFIX.sub("", _WS.sub(" ", page).strip()) or None if page else None


def _language(ld: dict[str, Any], metas: dict[str, str], tree: HtmlElement) -> str | None:
    raw = _first(_clean(ld.get("inLanguage")), tree.get("lang"), metas.get("og:locale"), metas.get("content-language"))
    if not raw:
        return None
    primary = re.split(r"[-_]", raw.strip())[0].casefold()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def read_metadata(tree: HtmlElement, url: str | None = None, *, wire_names: tuple[str, ...] = ()) -> PageMetadata:
    """Read the metadata of an article page, in the module's order of trust.

    Args:
        tree: Parsed page (not modified).
        url: Page URL, for htmldate's URL date hints.
        wire_names: Extra organization names for author splitting (the wire registry's aliases).

    Returns:
        The page metadata; fields the page does not state are ``None`` or empty.
    """
    ld = _article_ld(tree)
    metas = _metas(tree)
    ld_people, ld_orgs = _people(ld.get("author"))
    meta_authors = [metas[k] for k in _AUTHOR_META if k in metas]
    bylines = ld_people + ld_orgs or meta_authors or _page_bylines(tree)
    names, orgs = split_authors(bylines, wire_names)
    publisher = [n for group in _people(ld.get("publisher")) for n in group]
    source_orgs = [n for group in _people(ld.get("sourceOrganization")) for n in group]
    published = parse_datetime(_first(_clean(ld.get("datePublished")), *(metas.get(k) for k in _DATE_META)))
    if published is None:
        time_el = tree.find(".//time[@datetime]")
        published = parse_datetime(time_el.get("datetime")) if time_el is not None else None
    if published is None:
        published = _labelled_date(tree)
    if published is None:
        published = parse_datetime(find_date(tree, url=url, extensive_search=False, original_date=True))
    image = ld.get("image")
    canonical = tree.find('.//link[@rel="canonical"]')
    body = ld.get("articleBody")
    return PageMetadata(
        title=_title(ld, metas, tree),
        description=_first(_clean(ld.get("description")), metas.get("og:description"), metas.get("description"),
                           metas.get("twitter:description")),
        authors=names,
        author_orgs=orgs,
        published_at=published,
        modified_at=parse_datetime(_first(_clean(ld.get("dateModified")), *(metas.get(k) for k in _MODIFIED_META))),
        language=_language(ld, metas, tree),
        section=_first(_clean(ld.get("articleSection")), metas.get("article:section"), metas.get("section")),
        top_image=_first(_clean(image[0] if isinstance(image, list) and image else image), metas.get("og:image"),
                         metas.get("twitter:image")),
        site_name=_first(metas.get("og:site_name"), publisher[0] if publisher else None,
                         metas.get("application-name")),
        canonical_url=_first(canonical.get("href") if canonical is not None else None, metas.get("og:url")),
        bylines=tuple(bylines),
        structured_orgs=tuple(dict.fromkeys(ld_orgs + source_orgs + publisher)),
        article_body=body.strip() if isinstance(body, str) and body.strip() else None,
    )  # fmt: skip
