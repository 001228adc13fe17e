"""Recovering article text split over sibling containers.

Some layouts cut one article into several sibling ``<div class="body ...">`` chunks with ads
between them; trafilatura's XPath picks the first chunk and the rest of the story is lost. Here
the container of the extracted paragraphs is found in the page, and paragraphs of its following
siblings of the same tag and class (up to :data:`MAX_LEVELS` ancestors up) are added back.

Footers and reader comments often share the body's container class, so a sibling is only taken
while it reads as more of the story: the scan stops at the first sibling that is, or holds, a
comment section, a footer, a legal notice or a form (:data:`_END_OF_STORY`).
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
# Containers after which the story is over: comments, reply forms, footers, legal notices
# (rails and share bars are left to the paragraph filter: they also sit inside story chunks).
_END_OF_STORY = re.compile(
    r"comment|respond|reply|disqus|footer|copyright|disclaimer",
    re.I,
)
_END_TAGS = frozenset({"footer", "form", "textarea"})


def _ends_story(element: HtmlElement) -> bool:
    """Whether an element is (or holds) a comment section, footer, legal notice or form."""
    for node in element.iter():
        if not isinstance(node.tag, str):
            continue
        if node.tag in _END_TAGS or _END_OF_STORY.search(f"{node.get('class', '')} {node.get('id', '')}"):
            return True
    return False


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
                if _ends_story(sibling):
                    break
                for element in sibling.iter("p"):
                    text = _WS.sub(" ", element.text_content()).strip()
                    if text and _key(text) not in have:
                        extra.append(text)
            if sum(map(len, extra)) >= MIN_RECOVERED_CHARS:
                return extra
        node = node.getparent()
    return []
