"""Frontier parts against a real Redis, without a crawl: the host gate shared by two workers, and
the end-of-crawl rule with a dead worker."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
import redis
from scrapy import Request
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from spiders.frontier import _IDLE, BUSY_STALE_S, KEY_TTL_S
from spiders.hostgate import HostGateDownloaderMiddleware
from tests.scale.servers import redis_server

pytestmark = pytest.mark.servers

HOST = "news.example"


def gates(url: str, job: str, concurrency: int, delay: float) -> list[HostGateDownloaderMiddleware]:
    """Two gates with their own Redis connections, as two worker processes would have."""
    settings = {
        "WIREARCHIVE_FRONTIER": url,
        "WIREARCHIVE_FRONTIER_PREFIX": f"wirearchive:{job}",
        "WIREARCHIVE_HOST_LIMITS": {HOST: {"concurrency": concurrency, "delay": delay}},
    }
    return [HostGateDownloaderMiddleware.from_crawler(get_crawler(settings_dict=settings)) for _ in range(2)]


async def fetch_all(
    gate_pair: list[HostGateDownloaderMiddleware], requests: int, download_s: float
) -> tuple[list[float], int]:
    """Lease, "download" for download_s, release, for many requests at once; lease times and peak."""
    leased: list[float] = []
    level = peak = 0

    async def one(i: int) -> None:
        nonlocal level, peak
        gate = gate_pair[i % 2]
        request = Request(f"http://{HOST}/page/{i}")
        await gate.process_request(request)
        leased.append(time.monotonic())
        level += 1
        peak = max(peak, level)
        await asyncio.sleep(download_s)
        level -= 1
        gate.process_response(request, Response(request.url))

    await asyncio.gather(*(one(i) for i in range(requests)))
    return sorted(leased), peak


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    with redis_server(Path(tmp_path_factory.mktemp("gate"))) as url:
        yield url


def test_concurrency_is_shared_by_the_workers(redis_url: str) -> None:
    leased, peak = asyncio.run(fetch_all(gates(redis_url, "conc", concurrency=3, delay=0.0), 30, 0.03))
    assert len(leased) == 30
    assert peak == 3


def test_delay_is_shared_by_the_workers(redis_url: str) -> None:
    leased, _ = asyncio.run(fetch_all(gates(redis_url, "delay", concurrency=8, delay=0.05), 12, 0.0))
    gaps = [b - a for a, b in zip(leased, leased[1:], strict=False)]
    assert min(gaps) >= 0.045  # Redis clock vs. this process's clock: same machine, ms resolution


def test_a_failed_download_returns_its_lease(redis_url: str) -> None:
    gate = gates(redis_url, "fail", concurrency=1, delay=0.0)[0]

    async def fail_then_fetch() -> None:
        first, second = Request(f"http://{HOST}/a"), Request(f"http://{HOST}/b")
        await gate.process_request(first)
        gate.process_exception(first, TimeoutError())
        await asyncio.wait_for(gate.process_request(second), timeout=2)

    asyncio.run(fail_then_fetch())


@pytest.mark.parametrize(
    ("states", "queued", "over"),
    [
        ({"other": "idle"}, 0, True),
        ({"other": "done"}, 0, True),
        ({"other": "idle"}, 1, False),  # work left in the queue
        ({"other": "busy:{now}"}, 0, False),  # another worker may still discover work
        ({"other": "busy:{stale}"}, 0, True),  # busy without a pop for BUSY_STALE_S: dead
    ],
)
def test_crawl_is_over_when_queue_empty_and_no_live_worker_busy(
    redis_url: str, states: dict, queued: int, over: bool
) -> None:
    client = redis.Redis.from_url(redis_url)
    client.delete("q", "w")
    now = client.time()[0]
    client.hset("w", mapping={k: v.format(now=now, stale=now - BUSY_STALE_S - 1) for k, v in states.items()})
    if queued:
        client.zadd("q", {b"request": 0})
    result = client.register_script(_IDLE)(keys=["q", "w"], args=["me", KEY_TTL_S, BUSY_STALE_S])
    assert bool(result) is over
    assert client.hget("w", "me") == b"idle"
