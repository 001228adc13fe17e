"""The headline of a page, chosen among its own titles and headings.

An ``<h1>`` (or ``<h2>``) counts when the page's titles (JSON-LD ``headline``, og:title,
twitter:title, ``<title>``) hold it whole or before/after a separator, so a logo ``<h1>`` never
wins; else the page's only ``<h1>`` when it is headline-long or shares words with a title
(trafilatura's lone-``<h1>`` rule, guarded), cut to the title it holds when it glues a kicker or
a standfirst to it ("Local News | Brothel busted in Boston"); else the first title without the segments that
name the site or give a date ("… | DW | 19.01.2020").
"""

from __future__ import annotations

import re
from html import unescape as html_unescape

from lxml.html import HtmlElement

_WS = re.compile(r"\s+")
HEADING_XPATH = "(//body//h1)[position() <= 5] | (//body//h2)[position() <= 5]"
# A title separator: a dash, bar, bullet or guillemet with spaces around it, or a bare "|".
_TITLE_SEP = r"(?:\s+[|–—·•»«:/\-]\s+|\s*\|\s*)"
_LAST_SEGMENT = re.compile(rf"^(.*?\S){_TITLE_SEP}([^|–—·•»«]+)$")
_FIRST_SEGMENT = re.compile(rf"^([^|–—·•»«]+?){_TITLE_SEP}(.*\S)$")
_DATE_SEGMENT = re.compile(r"^[\d\s./:-]{6,}$")
# The page's only <h1> is the headline when no heading matches a title outright, if it is
# headline-long or at least this share of its words is in a title: logo and section <h1>s ("Top
# Classifieds", "Tags", "NBA") are short and share no words with the page's titles. Set by
# reasoning (4 words; half), not tuned: trafilatura's evaluation set, which has few logo <h1>s,
# prefers no guard (1 word: 702 right titles, 4: 698; see bench/metadata.py), the held-out news
# pages of issue #13 lost ~55 titles to logo <h1>s. Re-run bench/metadata.py if changed.
LONE_H1_MIN_WORDS = 4
LONE_H1_MIN_SHARED = 0.5
# A heading that only ends a title ("Section - Headline") needs this many words: shorter trailing
# segments are mostly site or section names. Set by reasoning; on trafilatura's evaluation set
# 1..3 give the same right titles (698), 4 one fewer (bench/metadata.py prints the grid and its
# 5-fold cross-validation); re-run the bench after changing it.
END_HEADING_MIN_WORDS = 3
# A title the lone <h1> holds whole, with a kicker before it or a standfirst after it (their
# elements' texts run together), replaces the <h1> when it has this many words. Set by reasoning
# like END_HEADING_MIN_WORDS; on trafilatura's evaluation set the rule gives 714 right titles
# against 698 without it (18 kickers/standfirsts dropped, 2 annotations that keep them); 1..2
# words give 715, 4 give 712, 5-fold cross-validated 714 (bench/metadata.py prints the grid).
GLUED_TITLE_MIN_WORDS = 3
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "–": "-", "—": "-"})


def _norm(text: str) -> str:
    return _WS.sub(" ", html_unescape(text).translate(_QUOTES)).strip().casefold()


def compact(text: str) -> str:
    """A name folded for comparison: case-folded, without spaces and punctuation ("FAZ.NET" -> "faznet").

    Args:
        text: A site or segment name.

    Returns:
        The compact form.
    """
    return re.sub(r"[\W_]+", "", text.casefold())


def _is_site(segment: str, site_names: tuple[str, ...]) -> bool:
    """Whether a title segment names the site (or is a date, as in "… | DW | 19.01.2020")."""
    folded = compact(segment)
    if _DATE_SEGMENT.match(segment.strip()):
        return True
    return bool(folded) and any(folded == s or (len(s) >= 4 and (folded.startswith(s) or s.startswith(folded) and len(folded) >= 4))
                                for s in site_names)  # fmt: skip


def without_site(title: str, site_names: tuple[str, ...]) -> str:
    """Drop leading and trailing title segments that name the site or give a date.

    Args:
        title: A page title (``Masks stolen | The Kobe Times``).
        site_names: Compacted site names (og:site_name, publisher, host name labels).

    Returns:
        The title without those segments (never empty: the last remaining segment is kept).
    """
    title = _WS.sub(" ", title).strip()
    while (match := _LAST_SEGMENT.match(title)) and _is_site(match.group(2), site_names):
        title = match.group(1).strip()
    while (match := _FIRST_SEGMENT.match(title)) and _is_site(match.group(1), site_names):
        title = match.group(2).strip()
    return title


def _heading_in(title: str, heading: str) -> str | None:
    """How a title holds a heading: ``"whole"`` (equal, or the heading then separated segments),
    ``"end"`` (segments, a separator, then the heading), else ``None``."""
    t, h = _norm(title), _norm(heading)
    if t == h or (t.startswith(h) and re.match(_TITLE_SEP, t[len(h) :])):
        return "whole"
    if t.endswith(h) and re.search(_TITLE_SEP + "$", t[: -len(h)]):
        return "end"
    return None


def _shares_words(heading: str, titles: list[str]) -> bool:
    """Whether a lone ``<h1>`` may be the headline: it has :data:`LONE_H1_MIN_WORDS` words, or at
    least :data:`LONE_H1_MIN_SHARED` of its words are in one of the titles (or there is none)."""
    words = set(re.findall(r"\w+", _norm(heading)))
    if not titles or len(words) >= LONE_H1_MIN_WORDS:
        return True
    return any(len(words & set(re.findall(r"\w+", _norm(t)))) >= LONE_H1_MIN_SHARED * len(words) for t in titles)


def _title_glued_in(heading: str, titles: list[str], site_names: tuple[str, ...]) -> str | None:
    """The first title (without its site segments) that ``heading`` holds whole after a kicker
    ("Tunesien Große Aufgaben …") or before a standfirst that starts a new sentence ("… Hot and
    Fresh Welcome to …"); a heading that goes on in lower case or after a colon ("… vom Blech:
    einfach köstlich!") is one headline and is not cut."""
    held, text = _norm(heading), _WS.sub(" ", html_unescape(heading)).strip()
    for title in titles:
        short = without_site(html_unescape(title), site_names)
        folded = _norm(short)
        if len(folded.split()) < GLUED_TITLE_MIN_WORDS or folded == held:
            continue
        if held.endswith(folded):
            return short
        rest = text[len(short) :].lstrip() if _norm(text[: len(short)]) == folded else ""
        if held.startswith(folded) and (rest[:1].isupper() or rest[:1].isdigit()):
            return short
    return None


def lone_h1(tree: HtmlElement) -> str | None:
    """The text of the page's ``<h1>`` when it has exactly one.

    Args:
        tree: Parsed page.

    Returns:
        The heading's text, or ``None`` (no ``<h1>``, several, or an empty one).
    """
    found = tree.xpath("//body//h1")
    return _WS.sub(" ", found[0].text_content()).strip() or None if len(found) == 1 else None


def headline(
    titles: list[str | None], headings: list[str], site_names: tuple[str, ...], lone_h1: str | None = None
) -> str | None:
    """Choose the article's headline.

    Args:
        titles: The page's own titles, most trusted first (JSON-LD headline, og:title,
            twitter:title, ``<title>``).
        headings: ``<h1>`` then ``<h2>`` texts, in page order.
        site_names: Compacted site names.
        lone_h1: The text of the page's ``<h1>`` when it has exactly one.

    Returns:
        The first heading that is one of the titles or starts one before a separator; else the
        first that ends one after a separator; else the page's only ``<h1>`` (trafilatura's
        rule), or the title it holds when it adds a kicker or a standfirst to one; else the first title without its site segments. A heading that names the site
        (a logo ``<h1>``) never counts.
    """
    found = [t for t in titles if t and t.strip()]
    candidates = [h for h in headings if 3 <= len(h) <= 300 and not _is_site(h, site_names)]
    for how, min_words in (("whole", 1), ("end", END_HEADING_MIN_WORDS)):
        for heading in candidates:
            if len(heading.split()) >= min_words and any(_heading_in(t, heading) == how for t in found):
                return heading
    if lone_h1 and 3 <= len(lone_h1) <= 300 and not _is_site(lone_h1, site_names) and _shares_words(lone_h1, found):
        return _title_glued_in(lone_h1, found, site_names) or lone_h1
    return without_site(html_unescape(found[0]), site_names) if found else None
