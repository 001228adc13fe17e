"""Article metadata from one parsed page, built on trafilatura's ``extract_metadata`` and htmldate.

trafilatura's ``extract_metadata`` (meta tags, JSON-LD, page elements, and htmldate for the
date) runs once on the shared tree, less its categories, tags and licence (:func:`trafilatura_metadata`); what it misses or gets wrong for news is filled or corrected
here, field by field:

* **title**: the headline (:mod:`wirearchive.titles`): an ``<h1>``/``<h2>`` that the page's
  own titles contain, never a logo ``<h1>``, no site suffix ("… | DW | 19.01.2020");
  trafilatura's title only when the page has none of its own.
* **published**: the article's structured statement first (JSON-LD ``datePublished``, then
  ``dateCreated``; ``article:published_time`` and other meta names; an ``itemprop=
  datePublished`` element, printed or not), then htmldate's day. Nothing is guessed
  (:mod:`wirearchive.pagedates`): no part of a date comes from today, a numeric day/month is
  read in the page's locale or rejected, and no date after ``fetched_at`` is taken. htmldate's
  upper bound is ``fetched_at`` when given, else the fixed :data:`LATEST_DATE` (never today).
* **modified**: JSON-LD ``dateModified``, meta names and ``itemprop=dateModified``. htmldate's
  latest-date pass is not run: on the 853 bench pages it added 8 modified dates to 454, at about
  20 ms a page (it copies and cleans the whole tree again).
* **authors**: JSON-LD authors (typed person/organisation), then trafilatura's author, then
  meta names, then byline elements; split into people and organisations by
  :func:`wirearchive.authors.split_authors` (places, site names and chrome left out).

Kept as our own code, and why: the JSON-LD reader (trafilatura flattens authors into one string
and drops the person/organisation types, ``publisher``, ``sourceOrganization`` and
``articleBody``, which wire attribution and the body need); the title choice (trafilatura
trusts a lone ``<h1>`` and keeps site suffixes); date parsing (htmldate reads numeric dates day
first everywhere and returns only a day, no time or offset).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from html.entities import name2codepoint
from typing import Any
from urllib.parse import urlsplit

from courlan import extract_domain
from htmldate import find_date
from lxml.html import HtmlElement, tostring
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.settings import Document
from trafilatura.utils import line_processing

from wirearchive.authors import author_kind, split_authors
from wirearchive.jsonld import json_ld_objects, schema_types
from wirearchive.pagedates import StatedDate, check_order, day_first, parse_stated, states_first_of_month, year_context
from wirearchive.titles import HEADING_XPATH, compact, headline, lone_h1, without_site

__all__ = [
    "LATEST_DATE",
    "PageMetadata",
    "author_kind",
    "parse_datetime",
    "read_metadata",
    "split_authors",
    "structured_body",
    "trafilatura_metadata",
    "trafilatura_page_author",
]

# htmldate's upper bound when the fetch time is not given: fixed, so that a reprocess on another
# day reads the same dates (htmldate's own default is the end of today).
LATEST_DATE = datetime(2099, 12, 31, tzinfo=UTC)
_ARTICLE_TYPES = {
    "newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "reviewnewsarticle", "blogposting", "liveblogposting", "report",
    "scholarlyarticle", "techarticle", "socialmediaposting", "webpage",
}  # fmt: skip
_WS = re.compile(r"\s+")
# One predicate, not a union of two searches (the same elements, in document order; one scan).
_BYLINE_XPATH = (
    '(//*[@rel="author" or contains(@class,"byline") or contains(@class,"author-name")'
    ' or @itemprop="author"])[position() <= 3]'
)
# Links to an author's profile page; only the first two, the rest are usually other stories'.
_AUTHOR_LINK_XPATH = (
    '(//body//a[contains(@href,"/author/") or contains(@href,"/authors/") or contains(@href,"/newsteam/")'
    ' or contains(@href,"/staff/") or contains(@href,"/journalist/")])[position() <= 2]'
)
_DATE_META = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date",
    "parsely-pub-date", "article.published", "published_time", "og:published_time",
)  # fmt: skip
_MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "last-modified")
_AUTHOR_META = (
    "author",
    "article:author",
    "og:article:author",
    "byl",
    "dc.creator",
    "parsely-author",
    "sailthru.author",
    "citation_author",
)
# A structured date this many days off htmldate's is a time-zone difference, not another date.
MAX_DAY_SHIFT = 1


@dataclass(frozen=True)
class PageMetadata:
    """What the page says about itself; every field optional.

    Attributes:
        published_day: The publication day as the page states it, in its own time zone
            (``published_at`` is the same moment in UTC and may fall on another day).
        bylines: Raw author strings as found (before splitting), for wire attribution.
        structured_orgs: Organization names from JSON-LD ``author``/``publisher``/``sourceOrganization``.
        article_body: JSON-LD ``articleBody`` when the page declares one, as plain text
            (:func:`structured_body`: some sites put escaped HTML in it).
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
    published_day: date | None = None


def _clean(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or value.get("url")
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if not isinstance(value, str):
        return None
    text = _WS.sub(" ", value).strip()
    return text or None


# JSON-LD articleBody that holds markup: a tag, and the tags that end a line of text.
_MARKUP = re.compile(r"<\s*/?[a-z][a-z0-9]*\b[^>]*>", re.I)
_LINE_TAG = re.compile(r"<\s*(?:br|/?(?:p|div|h[1-6]|li|ul|ol|blockquote|tr|table|section|figure))\b[^>]*>", re.I)


def structured_body(value: Any) -> str | None:
    """A JSON-LD ``articleBody`` as plain text.

    Some sites put the body's HTML in it, its entities escaped once or twice (``&lt;p&gt;``,
    ``&amp;ccedil;``): entities are unescaped (twice at most), a block tag or ``<br>`` becomes a
    line break and other tags are dropped.

    Args:
        value: The ``articleBody`` value.

    Returns:
        The text, lines stripped and blank lines dropped, or ``None`` when there is none.
    """
    if not isinstance(value, str):
        return None
    text = value
    for _ in range(2):
        if "&" not in text:
            break
        text = html.unescape(text)
    if _MARKUP.search(text):
        text = _MARKUP.sub("", _LINE_TAG.sub("\n", text))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line) or None


def parse_datetime(value: str | None, day_first_order: bool | None = None) -> datetime | None:
    """Parse a date/time string from a page into an aware UTC datetime, without guessing.

    Args:
        value: ISO 8601 or a written form (``2020-01-19T20:31:00-05:00``, ``Jan 19, 2020 8:31
            PM EST``, ``19.01.2020``).
        day_first_order: Whether numeric dates are day first on the page (``None``: unknown,
            an ambiguous ``01/06/2008`` is rejected).

    Returns:
        The time in UTC (no offset: taken as UTC), or ``None`` when the value lacks a year,
        month or day, is ambiguous, unparsable, or before 1990.
    """
    stated = parse_stated(value, day_first_order)
    return stated.at if stated else None


def _article_ld(tree: HtmlElement) -> dict[str, Any]:
    best: dict[str, Any] = {}
    for obj in json_ld_objects(tree):
        kinds = schema_types(obj)
        if kinds & _ARTICLE_TYPES and (not best or ("webpage" in schema_types(best) and "webpage" not in kinds)):
            best = obj
    return best


def _people(value: Any) -> tuple[list[str], list[str]]:
    people: list[str] = []
    orgs: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        name = _clean(item)
        if not name:
            continue
        if isinstance(item, dict) and any("organization" in kind for kind in schema_types(item)):
            orgs.append(name)
        else:
            people.append(name)
    return people, orgs


def _metas(tree: HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in tree.iterfind(".//meta"):
        key = (
            meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv") or ""
        ).casefold()
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


def _locale(ld: dict[str, Any], metas: dict[str, str], tree: HtmlElement) -> tuple[str | None, str | None]:
    """(language, region) from JSON-LD inLanguage, ``<html lang>``, og:locale, Content-Language."""
    xml_lang = tree.get("{http://www.w3.org/XML/1998/namespace}lang") or tree.get("xml:lang")
    for raw in (
        _clean(ld.get("inLanguage")),
        tree.get("lang"),
        xml_lang,
        metas.get("og:locale"),
        metas.get("content-language"),
    ):
        if raw and (match := re.fullmatch(r"\s*([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}))?\b.*", raw)):
            return match.group(1).casefold(), match.group(2).upper() if match.group(2) else None
    return None, None


def _site_names(metas: dict[str, str], publisher: list[str], sitename: str | None, url: str | None) -> tuple[str, ...]:
    names = [metas.get("og:site_name"), metas.get("application-name"), *publisher, sitename]
    if url and (domain := extract_domain(url, fast=True)):
        names += [domain, domain.split(".")[0]]
    return tuple(dict.fromkeys(c for n in names if n and (c := compact(n))))


def _stated_site(sitename: str | None, url: str | None) -> str | None:
    """trafilatura's site name, unless it is its fallback of the URL's host (the page named none)."""
    if not sitename or not url:
        return sitename
    host = re.sub(r"^www\.", "", urlsplit(url).hostname or "")
    return None if sitename in {host, extract_domain(url, fast=True)} else sitename


_DATE_ITEMPROPS = ("datePublished", "dateModified")
_DATE_ITEMPROP_XPATH = "//*[@itemprop='datePublished' or @itemprop='dateModified']"


def _date_itemprops(tree: HtmlElement) -> dict[str, list[str]]:
    """Values of the first three ``itemprop=datePublished`` and of the first three
    ``itemprop=dateModified`` elements (one search of the tree for both): their content/datetime
    attribute, else their printed text."""
    values: dict[str, list[str]] = {prop: [] for prop in _DATE_ITEMPROPS}
    seen = dict.fromkeys(_DATE_ITEMPROPS, 0)
    for element in tree.xpath(_DATE_ITEMPROP_XPATH):
        prop = element.get("itemprop")
        if seen[prop] == 3:
            continue
        seen[prop] += 1
        value = element.get("content") or element.get("datetime") or _WS.sub(" ", element.text_content()).strip()
        if value:
            values[prop].append(value)
    return values


# Elements whose class or id names a date: their short texts are printed dates ("Jan. 14, 2026
# 9:05 AM UTC") that give the time of day when only htmldate's day is known.
_DATE_LABELS = (
    "(//*[contains(@class, 'date') or contains(@class, 'time') or contains(@class, 'publish')"
    " or contains(@id, 'date') or contains(@id, 'publish')])[position() <= 8]"
)
_DATE_LABEL_MAX_CHARS = 80


def _time_elements(tree: HtmlElement) -> list[str]:
    """Candidate datetimes for the time of day: ``<time datetime>`` values, then short printed
    dates in date-named elements (each parsed later without filling any missing part)."""
    values = [t.get("datetime") for t in tree.xpath("(//time[@datetime])[position() <= 3]")]
    for element in tree.xpath(_DATE_LABELS):
        text = " ".join(element.text_content().split())
        if 8 <= len(text) <= _DATE_LABEL_MAX_CHARS:
            values.append(text)
    return values


def _stated(values: Sequence[str | None], order: bool | None, latest: datetime) -> StatedDate | None:
    for value in values:
        if found := parse_stated(value, order, latest):
            return found
    return None


def _htmldate_day(value: str | None, tree: HtmlElement, url: str | None, order: bool | None) -> StatedDate | None:
    """htmldate's day, re-read in the page's locale (see :func:`wirearchive.pagedates.check_order`)."""
    if not value:
        return None
    day = date.fromisoformat(value)
    if day.day <= 12 and day.day != day.month or day.day == 1:
        text = year_context(f"{url or ''} {tostring(tree, encoding='unicode')}", day.year)
        if day.day == 1 and not states_first_of_month(day, text):
            return None
        checked = check_order(day, text, order)
        if checked is None:
            return None
        day = checked
    return StatedDate(datetime(day.year, day.month, day.day, tzinfo=UTC), day)


def _published(
    shared: StatedDate | None,
    own: StatedDate | None,
    found: StatedDate | None,
    times: Callable[[], list[str]],
    order: bool | None,
    latest: datetime,
) -> StatedDate | None:
    """Choose the published date between the page's statements and htmldate's day.

    Args:
        shared: From a source htmldate reads too (JSON-LD ``datePublished``, meta names): when
            htmldate settled on another day (from the URL, say), its day is taken.
        own: From a source htmldate does not read (JSON-LD ``dateCreated``, printed
            ``itemprop=datePublished``): it wins over htmldate's day unless they are no more
            than :data:`MAX_DAY_SHIFT` apart (a time-zone question: htmldate's local day).
        found: htmldate's day.
        times: Gives the ``<time datetime>`` values and printed dates (see :func:`_time_elements`),
            for the time of day when htmldate's day is taken; called only then.
        order: Day/month order of the page's locale.
        latest: No date after this one.

    Returns:
        The published date, or ``None``.
    """
    stated = shared or own
    if found is None or (stated is not None and stated.day == found.day):
        return stated
    if shared is None and own is not None and abs((own.day - found.day).days) > MAX_DAY_SHIFT:
        return own
    printed = _stated(times(), order, latest)
    return printed if printed and printed.day == found.day else found


def trafilatura_metadata(tree: HtmlElement, url: str | None, date_config: dict[str, Any]) -> Document:
    """``trafilatura.metadata.extract_metadata`` (2.3.1, default options) without the fields we
    do not read: categories, tags and licence (their three searches of the tree cost about a fifth
    of its time). The same steps, in its order, on the same tree, but for its last author source:
    when the meta tags and JSON-LD name no author, ``author`` is left ``None`` and the search of
    the page's elements is :func:`trafilatura_page_author`, for the caller to run only when it
    needs it (it copies the whole tree; on the bench pages a seventh of this function's time).

    Args:
        tree: Parsed page (not modified; htmldate searches a copy).
        url: Page URL.
        date_config: htmldate's settings (see :func:`_date_config`).

    Returns:
        trafilatura's document: title, author, url, hostname, date, sitename, description, image.
    """
    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    try:
        metadata = extract_meta_json(tree, metadata)
    except Exception:  # trafilatura's JSON-LD reader has bugs on odd input; it skips it as well
        pass
    if not metadata.title:
        metadata.title = extract_title(tree)
    if not metadata.url:
        metadata.url = extract_url(tree, url)
    if metadata.url:
        metadata.hostname = extract_domain(metadata.url, fast=True)
    metadata.date = find_date(tree, **{**date_config, "url": metadata.url})
    if not metadata.sitename:
        metadata.sitename = extract_sitename(tree)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")
        if metadata.sitename and "." not in metadata.sitename and not metadata.sitename[0].isupper():
            metadata.sitename = metadata.sitename.title()
    elif metadata.url and (match := META_URL.match(metadata.url)):
        metadata.sitename = match[1]
    metadata.filedate = date_config.get("max_date")
    metadata.clean_and_trim()
    return metadata


def trafilatura_page_author(tree: HtmlElement) -> str | None:
    """trafilatura's author from the page's elements (its ``extract_author``), the value its
    ``extract_metadata`` takes when the meta tags and JSON-LD name none, trimmed as it trims it.

    Args:
        tree: Parsed page (not modified; trafilatura searches a copy).

    Returns:
        The author string (``"; "`` between names), or ``None``.
    """
    author = extract_author(tree)
    if not author:
        return None
    return line_processing(html.unescape(author[:9999] + "…" if len(author) > 10000 else author))


def _date_config(latest: datetime) -> dict[str, Any]:
    """htmldate's settings as trafilatura's defaults, but with a fixed upper bound (not today)."""
    return {"original_date": True, "extensive_search": True, "max_date": latest.strftime("%Y-%m-%d")}


def _trafilatura_authors(author: str | None) -> list[str]:
    """trafilatura's author string as names, or nothing when it split an HTML entity at its ";"
    ("Redacci&oacute;n" -> "Redacci; Oacute; N …": it unescapes only numeric entities)."""
    names = [a for a in (author or "").split("; ") if a]
    return [] if any(n.casefold() in name2codepoint for n in names) else names


def _author_sources(
    ld_names: list[str], author: str | None, metas: dict[str, str], tree: HtmlElement
) -> Iterator[list[str]]:
    """The author sources in order of trust: JSON-LD, trafilatura's author (its meta and JSON-LD
    author, else :func:`trafilatura_page_author`), meta names, then the page's byline elements
    (each searched only when the earlier sources name no person)."""
    yield ld_names
    yield _trafilatura_authors(author or trafilatura_page_author(tree))
    yield [metas[k] for k in _AUTHOR_META if k in metas]
    yield _page_bylines(tree)


def _authors(
    sources: Iterable[list[str]], wire_names: tuple[str, ...], site_names: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[str, ...], list[str]]:
    """People from the first source that names one; organisations from every source read (the
    sources are read lazily, so the later ones are not computed once a person is named)."""
    orgs: list[str] = []
    used: list[str] = []
    for raw in sources:
        names, found_orgs = split_authors(raw, wire_names, site_names)
        if names or found_orgs:
            used += raw
        orgs += [o for o in found_orgs if o.casefold() not in {x.casefold() for x in orgs}]
        if names:
            return names, tuple(orgs), used
    return (), tuple(orgs), used


def read_metadata(
    tree: HtmlElement, url: str | None = None, *, wire_names: tuple[str, ...] = (), fetched_at: datetime | None = None
) -> PageMetadata:
    """Read the metadata of an article page (see the module docstring for the order per field).

    Args:
        tree: Parsed page (not modified).
        url: Page URL, for htmldate's URL date hints and the site's name.
        wire_names: Extra organization names for author splitting (the wire registry's aliases).
        fetched_at: When the page was fetched: no date after it is taken. Without it the bound
            is :data:`LATEST_DATE`, never the current date.

    Returns:
        The page metadata; fields the page does not state are ``None`` or empty.
    """
    latest = fetched_at or LATEST_DATE
    doc = trafilatura_metadata(tree, url, _date_config(latest))
    ld = _article_ld(tree)
    metas = _metas(tree)
    language, region = _locale(ld, metas, tree)
    order = day_first(language, region)
    publisher = [n for group in _people(ld.get("publisher")) for n in group]
    sites = _site_names(metas, publisher, doc.sitename, url)
    headings = [_WS.sub(" ", h.text_content()).strip() for h in tree.xpath(HEADING_XPATH)]
    page_title = tree.findtext(".//title")
    # trafilatura's title is left out of the matching: it is often the lone <h1> itself (a logo).
    title = headline([_clean(ld.get("headline")), metas.get("og:title"), metas.get("twitter:title"), page_title], headings,
                     sites, lone_h1=lone_h1(tree))  # fmt: skip
    title = title or (without_site(doc.title, sites) if doc.title else None)
    shared = _stated([_clean(ld.get("datePublished")), *(metas.get(k) for k in _DATE_META)], order, latest)
    itemprops = _date_itemprops(tree)
    own = _stated([_clean(ld.get("dateCreated")), *itemprops["datePublished"]], order, latest)
    found_day = _htmldate_day(doc.date, tree, url, order)
    published = _published(shared, own, found_day, lambda: _time_elements(tree), order, latest)
    modified = _stated([_clean(ld.get("dateModified")), *(metas.get(k) for k in _MODIFIED_META), *itemprops["dateModified"]],
                       order, latest)  # fmt: skip
    ld_people, ld_orgs = _people(ld.get("author"))
    names, orgs, bylines = _authors(_author_sources(ld_people + ld_orgs, doc.author, metas, tree), wire_names, sites)
    source_orgs = [n for group in _people(ld.get("sourceOrganization")) for n in group]
    image = ld.get("image")
    canonical = tree.find('.//link[@rel="canonical"]')
    body = ld.get("articleBody")
    return PageMetadata(
        title=title,
        description=_first(_clean(ld.get("description")), metas.get("og:description"), metas.get("description"),
                           metas.get("twitter:description"), doc.description),
        authors=names,
        author_orgs=orgs,
        published_at=published.at if published else None,
        published_day=published.day if published else None,
        modified_at=modified.at if modified else None,
        language=language,
        section=_first(_clean(ld.get("articleSection")), metas.get("article:section"), metas.get("section")),
        top_image=_first(_clean(image[0] if isinstance(image, list) and image else image), metas.get("og:image"),
                         metas.get("twitter:image"), doc.image),
        # the host name (trafilatura's fallback, doc.sitename) only when the page names no site
        site_name=_first(_stated_site(doc.sitename, url), metas.get("og:site_name"), publisher[0] if publisher else None,
                         metas.get("application-name"), doc.sitename),
        canonical_url=_first(canonical.get("href") if canonical is not None else None, metas.get("og:url")),
        bylines=tuple(bylines),
        structured_orgs=tuple(dict.fromkeys(ld_orgs + source_orgs + publisher)),
        article_body=structured_body(body),
    )  # fmt: skip
