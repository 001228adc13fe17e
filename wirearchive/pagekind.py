"""Is this page an article? The gate between a fetched page with text and an ``articles`` row.

A crawl fetches every URL its feeds, sitemaps and section pages offer as an article, and some
of those are not articles: a service-status page, a Q&A or forum thread, a newsletter signup
page, a tag or section page listing teasers. Their main text is long enough to pass the body's
word floor, so they are stopped here, on what the page says about itself and on its shape:

* the schema.org type the page declares (JSON-LD ``@type``, also in ``@graph`` and
  ``mainEntity``; microdata ``itemtype``) and its ``og:type``: a ``QAPage``, ``CollectionPage``
  or ``Product`` with no article type is not an article;
* forum or Q&A software (``<meta name=generator>``) or a thread URL;
* data: most of the text in data-table rows of short cells, or in records repeating one
  template (the same line starts again and again: a status board, a timetable);
* teasers: most of the text in headline-link-plus-summary units (a tag or section page);
* a signup form on a page whose short text is about signing up;
* a navigation URL (home page, tag, category, page N, newsletter, search: courlan's filter
  and ours) with little text or little prose.

The registry's URL patterns (``Source.article_patterns``) are not used here: the crawl only
requests article URLs that match them (``spiders/crawl/news.py``), so a capture can miss them
only after a redirect or in a WARC imported from another crawler, and extraction does not see
the registry.

Every rule needs positive evidence of a non-article. A declared article type switches them
all off; a byline switches off the shape rules (data, teasers, signup, navigation), so a short
wire brief passes. ``bench/pagekind.py`` measures the rejections on the real pages of
``../shared/data``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from courlan.filters import is_navigation_page
from lxml.html import HtmlElement

from wirearchive.jsonld import json_ld_objects, schema_types

# schema.org types of an article page (the CreativeWork > Article family; not plain Review, whose
# items sit inside product pages).
ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "reviewnewsarticle", "askpublicnewsarticle", "satiricalarticle",
    "blogposting", "liveblogposting", "report", "scholarlyarticle", "techarticle", "criticreview",
    "pressrelease", "medicalscholarlyarticle",
})  # fmt: skip
# Page-level schema.org types that are not articles (schema.org WebPage subtypes and posts).
NON_ARTICLE_TYPES = frozenset({
    "qapage", "faqpage", "collectionpage", "searchresultspage", "profilepage", "contactpage",
    "checkoutpage", "discussionforumposting", "itempage", "realestatelisting", "mediagallery",
    "imagegallery", "videogallery", "product", "jobposting", "event",
})  # fmt: skip
OG_ARTICLE_TYPES = frozenset({"article", "news", "blog", "news_article", "newsarticle"})
OG_NON_ARTICLE_TYPES = frozenset({"profile", "product", "product.item", "book", "music.song", "place"})

# Data rows: at least this many cells of at most this many words each on average.
DATA_ROW_MIN_CELLS = 3
DATA_CELL_MAX_WORDS = 6
# A heading whose link text covers this share of its text is a teaser headline; a teaser box is
# an element at most this many levels above a body paragraph, this short, holding one.
LINKED_HEADING_SHARE = 0.8
TEASER_BOX_LEVELS = 3
TEASER_BOX_MAX_WORDS = 120

# Reason codes of rejected pages (``articles.not_article``), documented in docs/FAULTS.md.
REASONS = {
    "not_article_type": "the page declares a non-article type (QAPage, CollectionPage, product ...) and no article type",
    "not_article_forum": "a forum or Q&A thread (forum software, thread URL) with no article type",
    "not_article_listing": "a list of teasers or a navigation page (tag, section, archive)",
    "not_article_data": "a data table or templated records (status board, timetable), no article metadata",
    "not_article_signup": "a newsletter or signup page",
}
# Thresholds, set by hand on the self-written pages of testkit.nonarticles and the
# demo world's front, section and paging pages, then checked on every real page of
# ../shared/data (bench/pagekind.py: no article page of the Zyte benchmark or news-pages
# rejected). Not cross-validated: no labelled set of real non-article pages exists. Re-run
# bench/pagekind.py after a change.
DATA_MIN_SHARE = 0.6  # body words in data-table rows, or lines repeating a pattern
DATA_MIN_WORDS = 200
DATA_MIN_PATTERNS = 5  # distinct repeating line starts: one repeated line is a glitch, not records
TEASER_MIN_COUNT = 4  # teasers (a headline link and its summary)
TEASER_MIN_SHARE = 0.5  # body words in teaser boxes
SIGNUP_MAX_WORDS = 150
SIGNUP_WORDS_PER = 25  # a signup page has a signup word per this many words (and two at least)
NAVIGATION_MAX_WORDS = 150
NAVIGATION_MIN_PROSE = 0.2  # share of body words in sentences


# A sentence line: this many words at least, ending with sentence punctuation (or a quote).
PROSE_MIN_WORDS = 6

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…:;)\"'”’»]\s*$")
_SCHEMA_TYPE = re.compile(r"schema\.org/([A-Za-z]+)\s*$")

_FORUM_URL = re.compile(
    r"(?:viewtopic\.php|showthread\.php|/threads?/|/forums?/|/foren/|/questions/\d|/t/[^/]+/\d+|/topic/\d)", re.I
)
_FORUM_GENERATOR = re.compile(
    r"\b(?:vbulletin|phpbb|xenforo|discourse|mybb|invision|simple machines|vanilla|bbpress|woltlab)\b", re.I
)
_SIGNUP_WORDS = re.compile(
    r"\b(?:newsletters?|subscribe|subscription|sign[ -]?up|inbox|unsubscribe|abonnieren|anmelden|abmelden"
    r"|inscri(?:bete|vez|ption)|suscr[ií]b\w*)\b",
    re.I,
)
_FRONT_PAGE = re.compile(r"^/?(?:index\.\w+)?$", re.I)  # a site's home page
_SERVICE_PATH = re.compile(r"/(?:newsletters?|subscribe|signup|sign-up|login|register|search|suche)(?:/|$|\?|\.)", re.I)


@dataclass(frozen=True)
class Rejection:
    """Why a page is not an article.

    Attributes:
        reason: The ``articles.not_article`` code (see docs/FAULTS.md).
        detail: The evidence, for the operator.
    """

    reason: str
    detail: str


def declared_types(tree: HtmlElement, *, nested: bool = False) -> frozenset[str]:
    """The schema.org types a page declares, casefolded.

    JSON-LD objects (also inside ``@graph`` and ``mainEntity``) and microdata ``itemtype``
    values of ``itemscope`` elements.

    Args:
        tree: The parsed page.
        nested: Also microdata items nested in another item (a ``NewsArticle`` inside a
            ``WebPage``, but also the ``Answer`` items of a ``QAPage``); else only the outermost.

    Returns:
        Type names without the schema.org prefix, e.g. ``{"newsarticle", "webpage"}``.
    """
    kinds: set[str] = set()
    for obj in json_ld_objects(tree):
        kinds |= schema_types(obj)
    xpath = "//*[@itemscope][@itemtype]" + ("" if nested else "[not(ancestor::*[@itemscope])]")
    for element in tree.xpath(xpath):
        for value in element.get("itemtype", "").split():
            match = _SCHEMA_TYPE.search(value)
            if match:
                kinds.add(match.group(1).casefold())
    return frozenset(kinds)


@dataclass(frozen=True)
class PageSignals:
    """What the gate looks at, measured once per page.

    Attributes:
        types: Declared schema.org types, outermost microdata items only (:func:`declared_types`).
        article_type: The page declares an article type anywhere (JSON-LD, any microdata
            item, ``og:type``).
        og_type: ``og:type``, casefolded, if any.
        words: Word tokens of the extracted body.
        teaser_share: Share of body words in teasers (headline link + summary).
        teasers: How many teasers.
        prose_share: Share of body words in sentence lines (see :func:`_prose_share`).
        table_share: Share of body words in data-table rows.
        repeat_share: Share of body lines that start like at least two other lines.
        repeat_patterns: How many distinct line starts repeat so (records of one template).
        forum: The URL or the generator says forum or Q&A software.
        signup_form: The page has a form with an e-mail field and signup words.
        signup_words: Signup words (newsletter, subscribe, inbox ...) in the body.
        navigation_url: The URL path is a navigation or service page's (home page, tag,
            category, author, page N, newsletter, search ...).
    """

    types: frozenset[str]
    article_type: bool
    og_type: str | None
    words: int
    teaser_share: float
    teasers: int
    prose_share: float
    table_share: float
    repeat_share: float
    repeat_patterns: int
    forum: bool
    signup_form: bool
    signup_words: int
    navigation_url: bool


def _fold(text: str) -> str:
    return " ".join(_WORD.findall(text)).casefold()


def _lines(body: str) -> list[str]:
    return [line.strip() for line in body.splitlines() if line.strip()]


def _share(lines: list[str], keep: Any) -> float:
    counts = [len(_WORD.findall(line)) for line in lines]
    total = sum(counts)
    return sum(n for line, n in zip(lines, counts, strict=True) if keep(line)) / total if total else 0.0


def _data_row(line: str) -> bool:
    """A table row of short cells (a data table), not a layout table holding prose."""
    if not line.startswith("|"):
        return False
    cells = [c for c in line.strip("|").split("|") if c.strip()]
    return len(cells) >= DATA_ROW_MIN_CELLS and sum(len(_WORD.findall(c)) for c in cells) <= DATA_CELL_MAX_WORDS * len(
        cells
    )


def _box_kind(box: HtmlElement) -> bool | None:
    """``None`` when an element is too long for a teaser box, else whether it holds a linked headline."""
    if len(_WORD.findall(box.text_content())) > TEASER_BOX_MAX_WORDS:
        return None
    for heading in box.xpath(".//*[self::h2 or self::h3 or self::h4]"):
        text = len(heading.text_content().strip())
        if text and sum(len(a.text_content().strip()) for a in heading.iter("a")) >= LINKED_HEADING_SHARE * text:
            return True
    return False


def _in_teaser_box(element: HtmlElement, boxes: dict[HtmlElement, bool | None] | None = None) -> bool:
    """Whether a paragraph sits in a small box holding a linked headline (see :data:`TEASER_BOX_LEVELS`).

    Args:
        element: A ``<p>`` of the page.
        boxes: :func:`_box_kind` of the ancestors seen so far on this page (sibling paragraphs
            share them), filled in as they are measured.
    """
    boxes = {} if boxes is None else boxes
    for level, box in enumerate(element.iterancestors()):
        if level >= TEASER_BOX_LEVELS:
            return False
        if box not in boxes:
            boxes[box] = _box_kind(box)
        if boxes[box] is None:
            return False
        if boxes[box]:
            return True
    return False


def _teasers(tree: HtmlElement, body: str, anchors: frozenset[str]) -> tuple[float, int]:
    """Share of body words in teasers, and how many teasers: a paragraph led by a link-text line
    (headline, then summary), or a ``<p>`` in a small box holding a linked headline
    (:func:`_in_teaser_box`)."""
    teasers: set[str] = set()
    count = 0
    words: dict[str, int] = {}
    for paragraph in body.split("\n\n"):
        lines = [_fold(line) for line in paragraph.splitlines() if line.strip()]
        for line in lines:
            words[line] = len(line.split())
        if len(lines) >= 2 and lines[0] in anchors:
            teasers.update(lines)
            count += 1
    boxes: dict[HtmlElement, bool | None] = {}
    for element in tree.xpath("//body//p"):
        folded = _fold(element.text_content())
        if folded in words and folded not in teasers and _in_teaser_box(element, boxes):
            teasers.add(folded)
            count += 1
    total = sum(words.values())
    return (sum(words[line] for line in teasers) / total if total else 0.0), count


def _prose_share(lines: list[str]) -> float:
    """Share of body words in sentences: lines of a few words or more ending like a sentence."""
    return _share(lines, lambda line: len(_WORD.findall(line)) >= PROSE_MIN_WORDS and bool(_SENTENCE_END.search(line)))


def _navigation_url(url: str) -> bool:
    parts = urlsplit(url)  # not the query: courlan's "?p=N" is also WordPress's post link
    front = not parts.query and _FRONT_PAGE.match(parts.path)
    return is_navigation_page(parts.path) or bool(_SERVICE_PATH.search(parts.path) or front)


def _repeats(lines: list[str]) -> tuple[float, int]:
    """Share of lines starting (three words) like two others or more, and how many such starts."""
    keys = [" ".join(_fold(line).split()[:3]) for line in lines if len(_WORD.findall(line)) >= 3]
    counts: dict[str, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    share = sum(counts[k] >= 3 for k in keys) / len(keys) if keys else 0.0
    return share, sum(n >= 3 for n in counts.values())


def _forum(tree: HtmlElement, url: str) -> bool:
    generator = " ".join(tree.xpath('//meta[@name="generator"]/@content'))
    return bool(_FORUM_URL.search(url) or _FORUM_GENERATOR.search(generator))


def _signup_form(tree: HtmlElement) -> bool:
    for form in tree.iter("form"):
        if form.xpath('.//input[@type="email" or contains(translate(@name, "EMAIL", "email"), "email")]'):
            words = " ".join([*form.itertext(), *form.xpath(".//@value | .//@placeholder | .//@action")])
            if _SIGNUP_WORDS.search(words):
                return True
    return False


def _og_type(tree: HtmlElement) -> str | None:
    og = tree.xpath('//meta[@property="og:type"]/@content')
    return og[0].strip().casefold() if og else None


def _declares_article(tree: HtmlElement, og_type: str | None) -> bool:
    """An article type anywhere: JSON-LD, any microdata item, or ``og:type``."""
    return bool(declared_types(tree, nested=True) & ARTICLE_TYPES) or (og_type or "") in OG_ARTICLE_TYPES


def page_signals(tree: HtmlElement, url: str, body: str, anchors: frozenset[str]) -> PageSignals:
    """Measure the gate's signals on one page.

    Args:
        tree: The parsed page.
        url: Its URL.
        body: The extracted main text (paragraphs separated by blank lines, table rows
            starting with ``|``).
        anchors: Folded link texts of the page (:func:`wirearchive.body.anchor_texts`).

    Returns:
        The signals.
    """
    lines = _lines(body)
    repeat_share, repeat_patterns = _repeats(lines)
    teaser_share, teasers = _teasers(tree, body, anchors)
    og_type = _og_type(tree)
    return PageSignals(
        types=declared_types(tree),
        article_type=_declares_article(tree, og_type),
        og_type=og_type,
        words=len(_WORD.findall(body)),
        teaser_share=teaser_share,
        teasers=teasers,
        prose_share=_prose_share(lines),
        table_share=_share(lines, _data_row),
        repeat_share=repeat_share,
        repeat_patterns=repeat_patterns,
        forum=_forum(tree, url),
        signup_form=_signup_form(tree),
        signup_words=len(_SIGNUP_WORDS.findall(body)),
        navigation_url=_navigation_url(url),
    )


def rejection(signals: PageSignals, *, has_byline: bool) -> Rejection | None:
    """Decide from the signals whether a page is not an article.

    A declared article type (JSON-LD, microdata, ``og:type``) always passes. Forum and
    declared non-article types need nothing more; the shape rules (data, teasers, signup,
    navigation URL) only apply to a page that has no byline either.

    Args:
        signals: From :func:`page_signals`.
        has_byline: The page names an author (person or organization).

    Returns:
        The rejection, or ``None`` for an article.
    """
    s = signals
    if s.article_type:
        return None
    declared = sorted(s.types & NON_ARTICLE_TYPES) or ([s.og_type] if s.og_type in OG_NON_ARTICLE_TYPES else [])
    if declared:
        return Rejection("not_article_type", f"declares {', '.join(declared)} and no article type")
    if s.forum:
        return Rejection("not_article_forum", "forum or Q&A software or thread URL, no article type")
    if has_byline:
        return None
    records = s.repeat_share if s.repeat_patterns >= DATA_MIN_PATTERNS else 0.0
    if s.words >= DATA_MIN_WORDS and max(s.table_share, records) >= DATA_MIN_SHARE:
        return Rejection(
            "not_article_data",
            f"{s.table_share:.0%} of the text in data-table rows, {s.repeat_share:.0%} of lines repeat a pattern",
        )
    if s.teasers >= TEASER_MIN_COUNT and s.teaser_share >= TEASER_MIN_SHARE:
        return Rejection("not_article_listing", f"{s.teasers} teasers hold {s.teaser_share:.0%} of the text")
    if (
        s.signup_form
        and s.words <= SIGNUP_MAX_WORDS
        and s.signup_words * SIGNUP_WORDS_PER >= max(s.words, 2 * SIGNUP_WORDS_PER)
    ):
        return Rejection("not_article_signup", f"signup form, {s.words} words of text about signing up")
    if s.navigation_url and (s.words <= NAVIGATION_MAX_WORDS or s.prose_share < NAVIGATION_MIN_PROSE):
        return Rejection(
            "not_article_listing", f"navigation or service URL, {s.words} words, {s.prose_share:.0%} in sentences"
        )
    return None


def not_article(
    tree: HtmlElement, url: str, body: str, anchors: frozenset[str], *, has_byline: bool
) -> Rejection | None:
    """The gate: why this page is not an article, or ``None`` when it is one.

    Args:
        tree: The parsed page.
        url: Its URL.
        body: The extracted main text.
        anchors: Folded link texts of the page (:func:`wirearchive.body.anchor_texts`).
        has_byline: The page names an author (person or organization).

    Returns:
        See :func:`rejection`; a page declaring an article type passes before the other
        signals are measured (they would not count).
    """
    if _declares_article(tree, _og_type(tree)):
        return None
    return rejection(page_signals(tree, url, body, anchors), has_byline=has_byline)
