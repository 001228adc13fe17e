"""The committed sources.toml is valid and is exactly the demo world's registry at port 8801."""

import tomllib
from pathlib import Path

from demoworld.world import build_world
from wirearchive.sources import load_sources

ROOT = Path(__file__).resolve().parents[2]


def test_committed_registry_loads() -> None:
    registry = load_sources(ROOT / "sources.toml")
    assert {s.kind for s in registry.sources} == {"wire", "outlet", "farm"}
    assert registry.settings.allow_hosts == ["127.0.0.1"]


def test_committed_registry_matches_demo_generator() -> None:
    world = build_world()
    base = {sid: f"http://127.0.0.1:{8801 + i}" for i, sid in enumerate(world.sites)}
    committed = tomllib.loads((ROOT / "sources.toml").read_text())
    assert committed == world.registry(base)
