"""The demo world as data: deterministic, big enough, varied, and with consistent ground truth."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import datetime

import pytest

from demoworld.sites import PREVIEW_PREFIX
from demoworld.world import DEMO_DAYS, DemoWorld, build_world

BASE = {
    site: f"http://127.0.0.1:{9100 + i}"
    for i, site in enumerate(("ap", "reuters", "metroherald", "dailycourier", "citypost", "valleytribune", "newsblitz"))
}


@pytest.fixture(scope="module")
def world() -> DemoWorld:
    return build_world(7)


@pytest.fixture(scope="module")
def truth(world: DemoWorld) -> list[dict]:
    return world.ground_truth(BASE)["articles"]


def _texts(world: DemoWorld) -> dict[tuple[str, str], str]:
    return {(sid, path): page.text for sid, site in world.sites.items() for path, page in site.pages.items()}


def test_same_seed_gives_identical_pages(world: DemoWorld) -> None:
    assert _texts(build_world(7)) == _texts(world)


def test_other_seed_gives_other_pages(world: DemoWorld) -> None:
    assert _texts(build_world(8)) != _texts(world)


def test_days_and_size(world: DemoWorld, truth: list[dict]) -> None:
    assert world.days == DEMO_DAYS == ("2026-01-12", "2026-01-13", "2026-01-14", "2026-01-15", "2026-01-16")
    assert 300 <= len(truth) <= 500
    assert {row["published_at"][:10] for row in truth} == set(DEMO_DAYS)


def test_kinds_of_sites(world: DemoWorld) -> None:
    kinds = Counter(site.spec.kind for site in world.sites.values())
    assert kinds["wire"] >= 2 and kinds["outlet"] >= 4 and kinds["farm"] == 1
    assert {s.spec.wire for s in world.sites.values() if s.spec.kind == "wire"} == {"AP", "Reuters"}
    assert all(site.articles for site in world.sites.values())


def test_every_variant_is_published(truth: list[dict]) -> None:
    variants = Counter(row["variant"] for row in truth)
    for variant in ("original", "update", "duplicate", "trimmed", "reheadlined", "edited", "derived", "own"):
        assert variants[variant] >= 10, variant


def test_article_paths_match_only_their_sites_pattern(world: DemoWorld) -> None:
    for site in world.sites.values():
        pattern = re.compile(site.spec.article_pattern)
        articles = {a.path for a in site.articles}
        assert len(articles) == len(site.articles)
        for path, page in site.pages.items():
            assert bool(pattern.search(path)) == (path in articles), (site.spec.id, path, page.kind)


def test_url_shapes_differ_between_sites(world: DemoWorld) -> None:
    shapes = {re.sub(r"[a-z0-9]+", "x", site.articles[0].path) for site in world.sites.values()}
    assert len(shapes) >= 5


def test_ground_truth_parents_exist_and_share_the_story(truth: list[dict]) -> None:
    by_url = {row["url"]: row for row in truth}
    assert len(by_url) == len(truth)
    for row in truth:
        if row["variant"] in ("original", "own"):
            assert row["parent_url"] is None
            continue
        parent = by_url[row["parent_url"]]
        assert parent["story_key"] == row["story_key"] and parent["event_key"] == row["event_key"]
        assert parent["version_at"] <= row["version_at"]


def test_hard_negatives_exist(truth: list[dict]) -> None:
    originals = Counter(row["event_key"] for row in truth if row["variant"] == "original")
    assert sum(1 for n in originals.values() if n >= 2) >= 10  # two wires, one event, two stories
    own = [row for row in truth if row["variant"] == "own"]
    assert own and all(row["wire"] is None for row in own)
    wire_events = {row["event_key"] for row in truth if row["variant"] == "original"}
    assert all(row["event_key"] in wire_events for row in own)


def test_write_throughs_have_their_own_url_and_modified_time(world: DemoWorld, truth: list[dict]) -> None:
    by_url = {row["url"]: row for row in truth}
    updates = [row for row in truth if row["variant"] == "update"]
    assert updates
    for row in updates:
        parent = by_url[row["parent_url"]]
        assert row["url"] != parent["url"] and row["source_id"] == parent["source_id"]
        assert row["published_at"] < row["modified_at"] == row["version_at"]
    page = world.sites["ap"].pages[next(a.path for a in world.sites["ap"].articles if a.modified)]
    assert '"dateModified"' in page.text and "article:modified_time" in page.text


def test_derived_copies_live_on_the_farm(truth: list[dict]) -> None:
    derived = [row for row in truth if row["variant"] == "derived"]
    assert derived and {row["source_id"] for row in derived} == {"newsblitz"}


def test_structured_metadata_varies_by_site(world: DemoWorld) -> None:
    def first_article(site_id: str) -> str:
        site = world.sites[site_id]
        return site.pages[site.articles[0].path].text

    with_jsonld = {sid for sid in world.sites if '"@type": "NewsArticle"' in first_article(sid)}
    with_og = {sid for sid in world.sites if 'property="og:title"' in first_article(sid)}
    assert with_jsonld and with_jsonld != set(world.sites)
    assert with_og and with_og != set(world.sites)
    assert set(world.sites) - with_jsonld - with_og  # at least one site has neither


def test_jsonld_is_valid_json(world: DemoWorld) -> None:
    site = world.sites["metroherald"]
    text = site.pages[site.articles[0].path].text
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "NewsArticle" and data["headline"] == site.articles[0].doc.title
    datetime.fromisoformat(data["datePublished"])


def test_windows_1252_site_encodes_accented_names(world: DemoWorld) -> None:
    site = world.sites["dailycourier"]
    assert site.spec.charset == "windows-1252"
    accented = next(a for a in site.articles if re.search(r"[éñüöçøåß]", " ".join(a.doc.paragraphs)))
    body, content_type = world.page_bytes("dailycourier", accented.path, BASE)
    assert content_type == "text/html; charset=windows-1252"
    assert b"charset=windows-1252" in body
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert accented.doc.paragraphs[0] in body.decode("cp1252").replace("&#39;", "'")


def test_previews_are_linked_and_disallowed(world: DemoWorld) -> None:
    for site in world.sites.values():
        robots = site.pages["/robots.txt"].text
        assert f"Disallow: {PREVIEW_PREFIX}" in robots
        article = site.articles[0]
        preview = PREVIEW_PREFIX + article.path.lstrip("/")
        assert preview in site.pages and f'href="{preview}"' in site.pages[article.path].text


def test_day_sitemaps_list_the_days_articles(world: DemoWorld) -> None:
    site = world.sites["reuters"]
    index = site.pages[site.spec.sitemap_path].text
    children = re.findall(r"<loc>@@reuters@@(\S+?)</loc>", index)
    assert len(children) == len(DEMO_DAYS)
    for day, child in zip(DEMO_DAYS, children, strict=True):
        listed = set(re.findall(r"<loc>@@reuters@@(\S+?)</loc>", site.pages[child].text))
        assert listed == {a.path for a in site.articles if a.published.date().isoformat() == day}
        assert listed and f"<news:publication_date>{day}T" in site.pages[child].text


def test_registry_document_names_every_site(world: DemoWorld) -> None:
    registry = world.registry(BASE)
    assert registry["settings"]["allow_hosts"] == ["127.0.0.1"]
    assert [s["id"] for s in registry["source"]] == list(world.sites)
    wires = {s["id"]: s.get("wire") for s in registry["source"]}
    assert wires["ap"] == "AP" and wires["reuters"] == "Reuters" and wires["metroherald"] is None
