"""JSON-LD objects of a page: one reader for the metadata and the article gate.

trafilatura's own JSON-LD reading keeps only the fields it returns (it flattens authors and drops
``@type``, ``publisher``, ``articleBody``), so the objects are read here, once per caller.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from lxml.html import HtmlElement

_INVALID = object()


@lru_cache(maxsize=32)
def _parse(text: str) -> Any:
    """One script's JSON, or :data:`_INVALID`. Cached: the metadata reader and the article gate
    read the same page's scripts (the parsed values are shared, so callers only read them)."""
    try:
        return json.loads(text, strict=False)
    except ValueError:
        return _INVALID


def json_ld_objects(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object of a page, breadth first, document order.

    Objects inside lists, ``@graph`` and ``mainEntity`` are included. Scripts that are not valid
    JSON are skipped; raw control characters inside strings, common on real pages, are accepted.
    The objects are shared between calls on the same scripts: do not modify them.

    Args:
        tree: The parsed page.

    Yields:
        The objects (dicts), outer ones before the ones they contain.
    """
    for script in tree.iterfind('.//script[@type="application/ld+json"]'):
        data = _parse(script.text or "")
        if data is _INVALID:
            continue
        queue: list[Any] = [data]
        while queue:
            item = queue.pop(0)
            if isinstance(item, list):
                queue.extend(item)
            elif isinstance(item, dict):
                for key in ("@graph", "mainEntity"):
                    inner = item.get(key)
                    if isinstance(inner, (dict, list)):
                        queue.append(inner)
                yield item


def schema_types(obj: dict[str, Any]) -> set[str]:
    """The ``@type`` values of a JSON-LD object, casefolded, without a vocabulary prefix.

    ``"http://schema.org/NewsArticle"`` and ``"NewsArticle"`` both give ``"newsarticle"``.

    Args:
        obj: A JSON-LD object.

    Returns:
        The type names.
    """
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.rsplit("/", 1)[-1].rsplit(":", 1)[-1].casefold() for k in kinds if isinstance(k, str)}
