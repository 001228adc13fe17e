"""Bench: the nightly job for one demo day end to end, and the overhead of an empty day.

Serves the demo world on 127.0.0.1, materializes captures -> articles -> story_members ->
catalog for one day through Dagster (in-process executor, temp instance and data folder), and
prints the wall time of each stage, the peak memory of this process and of its children (the
crawl subprocess and the extraction workers), and the same for a day with no articles.

    .venv/bin/python bench/pipeline.py [--day 2026-01-14] [--empty-day 2026-01-20]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import warnings
from pathlib import Path

import dagster as dg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assets.articles import articles  # noqa: E402
from assets.captures import captures  # noqa: E402
from assets.catalog import catalog  # noqa: E402
from assets.resources import WirearchiveResource  # noqa: E402
from assets.stories import story_members  # noqa: E402
from demoworld.server import serve_demo_world  # noqa: E402

ASSETS = [captures, articles, story_members, catalog]


def run_day(day: str, sources: Path, data: Path) -> tuple[float, dict[str, float], int]:
    """Materialize one day; return wall seconds, seconds per step, and article rows."""
    resources = {
        "wirearchive": WirearchiveResource(data_dir=str(data), sources=str(sources)),
        "pipes_subprocess_client": dg.PipesSubprocessClient(),
    }
    with dg.instance_for_test() as instance:
        start = time.perf_counter()
        result = dg.materialize(
            ASSETS,
            partition_key=day,
            resources=resources,
            instance=instance,
            run_config={"loggers": {"console": {"config": {"log_level": "WARNING"}}}},
        )
        wall = time.perf_counter() - start
        assert result.success
        steps: dict[str, float] = {}
        started: dict[str, float] = {}
        for record in instance.all_logs(result.run_id):
            event = record.dagster_event
            if event is None or event.step_key is None:
                continue
            if event.event_type_value == "STEP_START":
                started[event.step_key] = record.timestamp
            elif event.event_type_value == "STEP_SUCCESS":
                steps[event.step_key] = record.timestamp - started[event.step_key]
        rows = 0
        for mat in result.get_asset_materialization_events():
            m = mat.event_specific_data.materialization
            if m.asset_key.to_user_string() == "articles":
                rows = m.metadata["dagster/row_count"].value
    return wall, steps, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--day", default="2026-01-14", help="a demo day (the busiest by default)")
    parser.add_argument("--empty-day", default="2026-01-20", help="a day the demo sites published nothing")
    args = parser.parse_args()
    warnings.filterwarnings("ignore", category=dg.BetaWarning)
    warnings.filterwarnings("ignore", category=dg.PreviewWarning)
    with tempfile.TemporaryDirectory() as tmp, serve_demo_world(Path(tmp) / "demo") as world:
        figures = {}
        for label, day in (("demo day", args.day), ("empty day", args.empty_day)):
            figures[label] = run_day(day, world.sources_path, Path(tmp) / "data")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    for label, (wall, steps, rows) in figures.items():
        print(
            f"{label:<10} {rows:>4} articles  wall {wall:6.2f} s  "
            + "  ".join(f"{k} {v:5.2f} s" for k, v in steps.items())
        )
    demo_wall, _, demo_rows = figures["demo day"]
    empty_wall = figures["empty day"][0]
    print(f"per article (demo day): {1000 * demo_wall / max(demo_rows, 1):.1f} ms wall")
    print(f"empty-day overhead: {empty_wall:.2f} s (goal <= 30 s), {empty_wall / demo_wall:.2f}x the demo day")
    print(f"peak RSS: this process {own:.0f} MiB, largest child {kids:.0f} MiB")


if __name__ == "__main__":
    main()
