"""Two crawl workers sharing one Redis frontier over the demo world, against a single-worker crawl.

One real redis-server and one demo world for the module. The single-worker crawl and the two
workers crawl the same day into separate data directories; the demo server's access log shows
what each fetched and when.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import redis
import tomli_w

from demoworld.server import serve_demo_world
from tests.scale.servers import redis_server
from wirearchive.archive import read_captures
from wirearchive.config import data_paths

pytestmark = pytest.mark.servers

REPO = Path(__file__).resolve().parents[2]
DAY = "2026-01-13"
CAPPED_SOURCE, CAP = "ap", 10  # max_pages shared by the workers
DELAY_S = 0.03  # per-host minimum delay in the shared crawl (all demo sites share host 127.0.0.1)
CONCURRENCY = 2


def crawl(data_dir: Path, sources: Path, crawl_id: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """Start one crawl process (``python -m spiders.run``)."""
    full_env = os.environ | {"PYTHONPATH": str(REPO), "WIREARCHIVE_TODAY": DAY} | (env or {})
    cmd = [
        sys.executable,
        "-m",
        "spiders.run",
        "--date",
        DAY,
        "--sources",
        str(sources),
        "--data-dir",
        str(data_dir),
        "--crawl-id",
        crawl_id,
    ]
    return subprocess.Popen(cmd, cwd=REPO, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(proc: subprocess.Popen[str]) -> dict:
    """Wait for a crawl process and return its summary line."""
    out, err = proc.communicate(timeout=180)
    assert proc.returncode == 0, err[-3000:]
    return json.loads(out.strip().splitlines()[-1])


def registry(src: Path, dest: Path, **limits: float) -> Path:
    """A copy of the demo registry with ``ap`` capped and the given limits on every source."""
    data = tomllib.loads(src.read_text(encoding="utf-8"))
    for source in data["source"]:
        source.setdefault("limits", {}).update(limits)
        if source["id"] == CAPPED_SOURCE:
            source["limits"]["max_pages"] = CAP
    dest.write_text(tomli_w.dumps(data), encoding="utf-8")
    return dest


def access_log(path: Path, start: int) -> list[dict]:
    """Access log records from line ``start`` on."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[start:]]


def capture_keys(data_dir: Path) -> Counter[tuple[str, str, str, int | None]]:
    """(source, kind, url, status) of every capture row of the day, with multiplicity."""
    rows = read_captures(data_paths(data_dir).archive, DAY).to_pylist()
    return Counter((r["source_id"], r["kind"], r["url"], r["status"]) for r in rows)


@pytest.fixture(scope="module")
def crawls(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The single-worker crawl, then two workers on one frontier, over one demo world."""
    tmp = tmp_path_factory.mktemp("frontier")
    with redis_server(tmp / "redis") as url, serve_demo_world(tmp / "demo") as demo:
        single_registry = registry(demo.sources_path, tmp / "single.toml")
        shared_registry = registry(demo.sources_path, tmp / "shared.toml", delay=DELAY_S, concurrency=CONCURRENCY)
        before = len(demo.access_log_path.read_text(encoding="utf-8").splitlines())
        single = finish(crawl(tmp / "single", single_registry, "single"))
        middle = len(demo.access_log_path.read_text(encoding="utf-8").splitlines())
        env = {"WIREARCHIVE_FRONTIER": url, "WIREARCHIVE_FRONTIER_JOB": "test-job"}
        workers = [crawl(tmp / "shared", shared_registry, f"worker{i}", env) for i in (1, 2)]
        summaries = [finish(proc) for proc in workers]
        client = redis.Redis.from_url(url)
        keys = client.keys("wirearchive:test-job:*")
        states = set(client.hvals("wirearchive:test-job:workers"))
        return {
            "single": single,
            "workers": summaries,
            "single_log": access_log(demo.access_log_path, before)[: middle - before],
            "shared_log": access_log(demo.access_log_path, middle),
            "single_dir": tmp / "single",
            "shared_dir": tmp / "shared",
            "redis_keys": {k.decode() for k in keys},
            "worker_states": {v.decode() for v in states},
        }


def test_union_of_workers_equals_single_crawl(crawls: dict) -> None:
    shared = capture_keys(crawls["shared_dir"])
    single = capture_keys(crawls["single_dir"])
    # Which CAP articles of the capped source are taken depends on discovery order; the rest must
    # be the same rows, each once.
    capped = {k for k in shared | single if k[:2] == (CAPPED_SOURCE, "article")}
    assert {k: n for k, n in shared.items() if k not in capped} == {k: n for k, n in single.items() if k not in capped}
    assert max(shared.values()) == 1
    assert sum(s["captures"] for s in crawls["workers"]) == crawls["single"]["captures"]


def test_each_worker_wrote_its_own_files_into_the_shared_archive(crawls: dict) -> None:
    partition = data_paths(crawls["shared_dir"]).archive_partition(DAY)
    assert sorted(p.name for p in partition.glob("captures-*.parquet")) == [
        "captures-worker1.parquet",
        "captures-worker2.parquet",
    ]
    assert all(s["captures"] > 0 for s in crawls["workers"]), "both workers must have fetched pages"
    assert all(s["finish_reason"] == "finished" for s in crawls["workers"])


def test_no_url_fetched_twice(crawls: dict) -> None:
    paths = Counter((r["site"], r["path"]) for r in crawls["shared_log"])
    assert paths.most_common(1)[0][1] == 1  # robots.txt included: one worker fetches it for all
    assert len(paths) == len(crawls["single_log"])


def test_max_pages_is_shared(crawls: dict) -> None:
    for data_dir in ("single_dir", "shared_dir"):
        articles = [k for k in capture_keys(crawls[data_dir]) if k[:2] == (CAPPED_SOURCE, "article")]
        assert len(articles) == CAP


def test_politeness_holds_across_workers(crawls: dict) -> None:
    starts = sorted(r["started"] for r in crawls["shared_log"])  # every demo site is host 127.0.0.1
    # Leases start DELAY_S apart by the Redis clock; the server sees each request after some
    # client-side scheduling jitter (measured here: up to ~20 ms on a loaded machine), so the
    # check is on spans of WINDOW requests: two workers each keeping only their own delay would
    # fit them in half the time.
    window = 8
    spans = [b - a for a, b in zip(starts, starts[window:], strict=False)]
    assert min(spans) >= window * DELAY_S - 0.04
    in_flight: dict[float, int] = defaultdict(int)
    for r in crawls["shared_log"]:
        in_flight[r["started"]] += 1
        in_flight[r["ended"]] -= 1
    level = peak = 0
    for _, change in sorted(in_flight.items()):
        level += change
        peak = max(peak, level)
    assert peak <= CONCURRENCY


def test_shared_state_lives_under_the_job_key(crawls: dict) -> None:
    prefix = "wirearchive:test-job"
    keys = crawls["redis_keys"]
    assert {f"{prefix}:seen", f"{prefix}:claimed", f"{prefix}:workers"} <= keys
    assert f"{prefix}:requests" not in keys  # the queue was drained (Redis drops empty keys)
    assert crawls["worker_states"] == {"done"}
