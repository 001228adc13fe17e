"""Recovering article text split over sibling containers.

Some layouts cut one article into several sibling ``<div class="body ...">`` chunks with ads
between them; trafilatura's XPath picks the first chunk and the rest of the story is lost. Here
the container of the extracted paragraphs is found in the page, and paragraphs of its following
siblings of the same tag and class (up to :data:`MAX_LEVELS` ancestors up) are added back.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

# How far above the extracted paragraphs the repeated container may sit. Tuned on
# bench/extraction.py (1..3 give the same result; 4 starts to pick up teaser cards); re-run it.
MAX_LEVELS = 3
# Recovered text shorter than this is not a continuation (a caption, a teaser).
MIN_RECOVERED_CHARS = 200
# Paragraph prefix length used to find an extracted paragraph in the page.
_KEY_CHARS = 50

_WS = re.compile(r"\s+")


def _key(text: str) -> str:
    return _WS.sub(" ", text).strip()[:_KEY_CHARS]


def _locate(tree: HtmlElement, paragraphs: list[str]) -> HtmlElement | None:
    wanted = {_key(p) for p in paragraphs[:3] if len(p) >= _KEY_CHARS}
    for element in tree.iter("p"):
        if _key(element.text_content()) in wanted:
            return element
    return None


def sibling_continuations(tree: HtmlElement, paragraphs: list[str]) -> list[str]:
    """Paragraphs of sibling containers that continue the extracted article.

    Args:
        tree: The parsed page.
        paragraphs: Paragraphs extracted so far.

    Returns:
        New paragraphs, in page order, not already among ``paragraphs``; empty when the page
        has no repeated container or it holds less than :data:`MIN_RECOVERED_CHARS`.
    """
    found = _locate(tree, paragraphs)
    if found is None:
        return []
    have = {_key(p) for p in paragraphs}
    node = found.getparent()
    for _ in range(MAX_LEVELS):
        if node is None:
            return []
        klass = node.get("class")
        if klass:
            extra = []
            for sibling in node.itersiblings():
                if sibling.tag != node.tag or sibling.get("class") != klass:
                    continue
                for element in sibling.iter("p"):
                    text = _WS.sub(" ", element.text_content()).strip()
                    if text and _key(text) not in have:
                        extra.append(text)
            if sum(map(len, extra)) >= MIN_RECOVERED_CHARS:
                return extra
        node = node.getparent()
    return []
