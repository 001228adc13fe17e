"""Article-URL path regexes proposed from the article URLs a site's feeds and sitemaps list.

Each path is cut into segments and each segment into tokens at ``-``, ``_`` and ``.``. Numbers
and hexadecimal ids at either end of a segment are structure (``\\d{4}``, ``\\d+``,
``[0-9a-f]{12}``), a file extension is kept literally, and what lies between is a slug
(``[a-z0-9-]+``). Paths of one shape (same segments, same structure) form a group; a segment
that holds the same digit-free word in every path of the group stays literal (``article``,
``story``). Groups are taken largest first, and one whose paths the patterns already kept all
match adds nothing (a slug that happens to end in a number is still a slug). Each pattern is then
checked against URLs known not to be articles (home, sections, feeds, navigation): those it
would match are excluded by a lookahead, so every pattern matches the article URLs it came from
and none of the known non-article ones.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

_TOKENS = re.compile(r"([-_.])")
_HEX = re.compile(r"[0-9a-f]*(?:[0-9][a-f]|[a-f][0-9])[0-9a-f]*")
_EXTENSION = re.compile(r"[a-z][a-z0-9]{1,4}")
_SLUG = re.compile(r"[a-z0-9-]+")
_SLUG_UNDERSCORE = re.compile(r"[a-z0-9_-]+")
# Shortest hexadecimal token read as an id rather than a word ("decade", "facade" are 6 letters,
# but a-f only words with a digit are not words; 6 is the shortest id length the demo world and
# common short-hash schemes use).
_MIN_HEX = 6
# Groups smaller than this are left unmatched (and listed) when the sample has at least
# _MIN_SAMPLE paths: a single odd URL in a sitemap is more often a stray page than an article shape.
MIN_SUPPORT = 2
_MIN_SAMPLE = 10


@dataclass(frozen=True)
class Proposal:
    """Proposed article patterns.

    Attributes:
        patterns: Regexes on the URL path, most-used first.
        support: How many sample paths each pattern matches.
        unmatched: Sample paths no pattern matches (shapes seen too rarely).
        excluded: Known non-article paths a lookahead keeps out of some pattern.
    """

    patterns: list[str]
    support: list[int]
    unmatched: list[str]
    excluded: list[str]


def _digits(n: int) -> str:
    if n <= 2:
        return r"\d{1,2}"  # days and months, padded or not
    if n <= 4:
        return rf"\d{{{n}}}"  # years
    return r"\d+"  # ids grow


def _structure(token: str) -> str | None:
    if token.isdigit() and token.isascii():
        return _digits(len(token))
    if len(token) >= _MIN_HEX and _HEX.fullmatch(token):
        return rf"[0-9a-f]{{{len(token)}}}"
    return None


def _sep(separator: str) -> str:
    return r"\." if separator == "." else separator


def _segment(segment: str) -> tuple[str, str, str]:
    """``(lead, middle kind, trail)`` regex parts of one path segment (middle: "", "slug" or "any")."""
    parts = _TOKENS.split(segment)  # tokens at even indexes, separators at odd ones
    tail = ""
    if len(parts) >= 3 and parts[-2] == "." and _EXTENSION.fullmatch(parts[-1]) and not parts[-1].isdigit():
        tail = re.escape("." + parts[-1])
        parts = parts[:-2]
    lead, i = "", 0
    while i < len(parts) and (frag := _structure(parts[i])) is not None:
        lead += frag + (_sep(parts[i + 1]) if i + 1 < len(parts) else "")
        i += 2
    trail, j = "", len(parts) - 1
    while j > i and (frag := _structure(parts[j])) is not None:
        trail = _sep(parts[j - 1]) + frag + trail
        j -= 2
    middle = "".join(parts[i:j + 1]) if i <= j else ""
    if not middle:
        kind = ""
    elif _SLUG.fullmatch(middle):
        kind = "slug"
    elif _SLUG_UNDERSCORE.fullmatch(middle):
        kind = "slug_"
    else:
        kind = "any"
    return lead, kind, trail + tail


_MIDDLE = {"": "", "slug": "[a-z0-9-]+", "slug_": "[a-z0-9_-]+", "any": "[^/]+"}


def _group_pattern(paths: list[str], shape: tuple[tuple[str, str, str], ...]) -> str:
    columns = list(zip(*(p[1:].split("/") for p in paths)))
    out = []
    for values, (lead, kind, trail) in zip(columns, shape):
        first = values[0]
        if kind and len(values) >= 2 and all(v == first for v in values) and not any(c.isdigit() for c in first):
            out.append(re.escape(first))
        else:
            out.append(lead + _MIDDLE[kind] + trail)
    return "^/" + "/".join(out) + "$"


def _exclude(pattern: str, negatives: Iterable[str]) -> tuple[str, list[str]]:
    hit = sorted({p for p in negatives if re.search(pattern, p)})
    if not hit:
        return pattern, []
    return "^(?!" + "|".join(re.escape(p) + "$" for p in hit) + ")" + pattern[1:], hit


def url_paths(urls: Iterable[str]) -> list[str]:
    """Distinct URL paths in first-seen order, without the bare root.

    Args:
        urls: Absolute URLs.

    Returns:
        Paths such as ``/article/slug-1a2b3c``.
    """
    seen: dict[str, None] = {}
    for url in urls:
        path = urlsplit(url).path or "/"
        if path != "/":
            seen.setdefault(path, None)
    return list(seen)


def propose_patterns(article_paths: Iterable[str], negative_paths: Iterable[str]) -> Proposal:
    """Propose article-URL path regexes.

    Args:
        article_paths: Paths of URLs the site lists as articles (feeds, sitemaps).
        negative_paths: Paths known not to be articles (home, sections, feeds, navigation).

    Returns:
        The patterns, each matching the sample paths it was made from and no negative path.
    """
    negatives = set(negative_paths)
    sample = [p for p in dict.fromkeys(article_paths) if p.startswith("/") and p not in negatives]
    groups: dict[tuple, list[str]] = defaultdict(list)
    for path in sample:
        groups[tuple(_segment(s) for s in path[1:].split("/"))].append(path)
    ordered = sorted(groups.items(), key=lambda item: -len(item[1]))
    kept: list[str] = []
    excluded: set[str] = set()
    for shape, paths in ordered:
        if len(sample) >= _MIN_SAMPLE and len(paths) < MIN_SUPPORT:
            continue
        if all(any(re.search(k, p) for k in kept) for p in paths):
            continue
        pattern, hit = _exclude(_group_pattern(paths, shape), negatives)
        kept.append(pattern)
        excluded.update(hit)
    support = [sum(1 for p in sample if re.search(k, p)) for k in kept]
    unmatched = [p for p in sample if not any(re.search(k, p) for k in kept)]
    return Proposal(kept, support, unmatched, sorted(excluded))
