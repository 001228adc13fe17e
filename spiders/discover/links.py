"""Article links on section (front/index) pages."""

from __future__ import annotations

from courlan.filters import type_filter
from scrapy.http import TextResponse
from scrapy.linkextractors import LinkExtractor

from wirearchive.sources import Source

_EXTRACTOR = LinkExtractor(unique=True)


def section_links(response: TextResponse, source: Source) -> list[str]:
    """Links of a section page that look like this source's articles.

    A link must match the source's ``article_patterns`` (``Source.is_article_url``); courlan's
    ``type_filter`` then drops navigation pages (tags, categories, pagination) and non-page types
    (media, archives), which matters for sources declaring no pattern.

    Args:
        response: The fetched section page.
        source: The source it belongs to.

    Returns:
        Absolute article URLs in page order, without duplicates.
    """
    return [
        link.url
        for link in _EXTRACTOR.extract_links(response)
        if source.is_article_url(link.url) and type_filter(link.url)
    ]
