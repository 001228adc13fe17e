"""Fixtures of the operations tests."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli_w

from demoworld.world import build_world
from tests.ops.foreign_warc import DAYS, FETCHED, Page


@pytest.fixture(scope="module")
def world_pages(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[Page]]]:
    """A registry for the demo world at unserved ports, and 3 article pages per site and day."""
    world = build_world()
    base = {sid: f"http://127.0.0.1:{9101 + i}" for i, sid in enumerate(world.sites)}
    sources = tmp_path_factory.mktemp("registry") / "sources.toml"
    sources.write_bytes(tomli_w.dumps(world.registry(base)).encode())
    pages: dict[str, list[Page]] = {day: [] for day in DAYS}
    for site_id, site in world.sites.items():
        for day in DAYS:
            for article in [a for a in site.articles if a.published.date().isoformat() == day][:3]:
                body, content_type = world.page_bytes(site_id, article.path, base)
                pages[day].append(Page(base[site_id] + article.path, body, FETCHED, content_type=content_type))
    return sources, pages
