"""The kill tests' shared world: demo sites on loopback, a two-source registry, a clean reference run."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator

import pytest
import tomli_w

from demoworld.server import serve_demo_world
from tests.kill import killkit as kit
from wirearchive.config import data_paths
from wirearchive.faults import ENV

SOURCES = ("ap", "metroherald")  # a wire and an outlet republishing it: stories with several members


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """The demo world served on loopback, a two-source registry, and a clean reference run."""
    root = tmp_path_factory.mktemp("kill")
    with serve_demo_world(root / "demo") as demo:
        registry = tomllib.loads(demo.sources_path.read_text(encoding="utf-8"))
        registry["source"] = [s for s in registry["source"] if s["id"] in SOURCES]
        sources = root / "sources.toml"
        sources.write_text(tomli_w.dumps(registry), encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k != ENV} | kit.CRAWL_ENV
        env["DAGSTER_HOME"] = str(root / "dagster")
        day = demo.days[0]
        ref = data_paths(root / "reference")
        run = kit.run_cli(["run", day, "--sources", str(sources), "--data-dir", str(ref.root)], env, root / "ref.log")
        assert run.exitcode == 0, run.log
        kit.check_integrity(ref, day)
        yield {
            "root": root,
            "day": day,
            "env": env,
            "sources": sources,
            "ref": ref,
            "stable": kit.stable_view(ref, day),
            "exact": kit.exact_view(ref, day),
        }
