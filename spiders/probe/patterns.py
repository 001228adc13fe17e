"""Article-URL path regexes proposed from the article URLs a site's feeds and sitemaps list.

Each path is cut into segments and each segment into tokens at ``-``, ``_`` and ``.``. Numbers
and hexadecimal ids at either end of a segment are structure, a file extension is kept
literally, and what lies between is a slug (``[a-z0-9-]+``). A number column becomes
``\\d{1,2}`` (days, months), ``\\d{4}`` (years 1900-2099) or ``\\d+`` (ids), from all its values;
an id becomes ``[0-9a-f]{N}``. Paths of one shape (same segments, same structure) form a group; a segment
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
# Shortest token read as a hexadecimal id. Such a token must also mix digits and a-f letters, so
# words spelt in a-f ("facade", "decade") stay words; 6 is the shortest id length in common
# short-hash URL schemes (git's short hashes are 7).
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


def _digits(tokens: list[str]) -> str:
    if all(len(t) <= 2 for t in tokens):
        return r"\d{1,2}"  # days and months, padded or not
    if all(len(t) == 4 and 1900 <= int(t) <= 2099 for t in tokens):
        return r"\d{4}"  # years
    return r"\d+"  # ids, which grow


def _structure(token: str) -> str | None:
    """``"d"`` for a number, ``"hN"`` for an N-character hexadecimal id, else None (a word)."""
    if token.isdigit() and token.isascii():
        return "d"
    if len(token) >= _MIN_HEX and _HEX.fullmatch(token):
        return f"h{len(token)}"
    return None


def _sep(separator: str) -> str:
    return r"\." if separator == "." else separator


@dataclass(frozen=True)
class _Segment:
    """One path segment cut up: ``key`` is its shape, the token lists its structured values."""

    key: tuple
    lead: tuple[str, ...]
    trail: tuple[str, ...]


def _segment(segment: str) -> _Segment:
    parts = _TOKENS.split(segment)  # tokens at even indexes, separators at odd ones
    ext = ""
    if len(parts) >= 3 and parts[-2] == "." and _EXTENSION.fullmatch(parts[-1]):
        ext = re.escape("." + parts[-1])
        parts = parts[:-2]
    lead: list[tuple[str, str]] = []
    i = 0
    while i < len(parts) and (cls := _structure(parts[i])) is not None:
        lead.append((cls, _sep(parts[i + 1]) if i + 1 < len(parts) else ""))
        i += 2
    trail: list[tuple[str, str]] = []
    j = len(parts) - 1
    while j > i and (cls := _structure(parts[j])) is not None:
        trail.insert(0, (cls, _sep(parts[j - 1])))
        j -= 2
    middle = "".join(parts[i : j + 1]) if i <= j else ""
    if not middle:
        kind = ""
    elif _SLUG.fullmatch(middle):
        kind = "slug"
    elif _SLUG_UNDERSCORE.fullmatch(middle):
        kind = "slug_"
    else:
        kind = "any"
    return _Segment((tuple(lead), kind, tuple(trail), ext), tuple(parts[0:i:2]), tuple(parts[j + 2 :: 2]))


_MIDDLE = {"": "", "slug": "[a-z0-9-]+", "slug_": "[a-z0-9_-]+", "any": "[^/]+"}


def _token_class(cls: str, values: list[str]) -> str:
    return _digits(values) if cls == "d" else rf"[0-9a-f]{{{cls[1:]}}}"


def _group_pattern(paths: list[str], cut: dict[str, list[_Segment]]) -> str:
    out = []
    for col, segments in enumerate(zip(*(cut[p] for p in paths), strict=False)):
        values = [p[1:].split("/")[col] for p in paths]
        lead, kind, trail, ext = segments[0].key
        if kind and len(values) >= 2 and len(set(values)) == 1 and not any(c.isdigit() for c in values[0]):
            out.append(re.escape(values[0]))
            continue
        text = "".join(_token_class(cls, [s.lead[k] for s in segments]) + sep for k, (cls, sep) in enumerate(lead))
        text += _MIDDLE[kind]
        text += "".join(sep + _token_class(cls, [s.trail[k] for s in segments]) for k, (cls, sep) in enumerate(trail))
        out.append(text + ext)
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
        try:
            path = urlsplit(url).path or "/"
        except ValueError:
            continue
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
    cut = {path: [_segment(s) for s in path[1:].split("/")] for path in sample}
    groups: dict[tuple, list[str]] = defaultdict(list)
    for path in sample:
        groups[tuple(s.key for s in cut[path])].append(path)
    ordered = sorted(groups.items(), key=lambda item: -len(item[1]))
    kept: list[str] = []
    excluded: set[str] = set()
    for _, paths in ordered:
        if len(sample) >= _MIN_SAMPLE and len(paths) < MIN_SUPPORT:
            continue
        if all(any(re.search(k, p) for k in kept) for p in paths):
            continue
        pattern, hit = _exclude(_group_pattern(paths, cut), negatives)
        kept.append(pattern)
        excluded.update(hit)
    support = [sum(1 for p in sample if re.search(k, p)) for k in kept]
    unmatched = [p for p in sample if not any(re.search(k, p) for k in kept)]
    return Proposal(kept, support, unmatched, sorted(excluded))
