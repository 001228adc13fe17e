"""The one JSON-LD reader shared by the metadata and the article gate."""

from __future__ import annotations

from lxml.html import fromstring

from wirearchive.jsonld import json_ld_objects, schema_types
from wirearchive.pagekind import declared_types


def _page(script: str) -> str:
    return f'<html><head><script type="application/ld+json">{script}</script></head><body><p>x</p></body></html>'


def test_control_characters_and_vocabulary_prefixes_are_accepted() -> None:
    tree = fromstring(_page('{"@type": "http://schema.org/NewsArticle", "headline": "Line\tone\nand two"}'))
    objects = list(json_ld_objects(tree))
    assert [schema_types(o) for o in objects] == [{"newsarticle"}]
    assert "newsarticle" in declared_types(tree)


def test_graph_and_main_entity_objects_are_walked_outer_first() -> None:
    script = (
        '{"@graph": [{"@type": "WebPage", "mainEntity": {"@type": "NewsArticle"}},'
        ' {"@type": ["Organization", "schema:NewsMediaOrganization"]}]}'
    )
    kinds = [schema_types(o) for o in json_ld_objects(fromstring(_page(script)))]
    assert kinds == [set(), {"webpage"}, {"organization", "newsmediaorganization"}, {"newsarticle"}]


def test_invalid_json_is_skipped() -> None:
    assert list(json_ld_objects(fromstring(_page('{"@type": "NewsArticle",')))) == []
