"""spiders.compat: the Scrapy / scrapy-redis private APIs the crawl relies on, pinned and exercised."""

from __future__ import annotations

import asyncio
import gzip
import inspect
from importlib.metadata import version

import pytest
from scrapy import Request, Spider
from scrapy.core.engine import ExecutionEngine, _Slot
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.test import get_crawler
from scrapy_redis.queue import PriorityQueue

from spiders import compat
from spiders.middlewares.robots import RobotsTxtRfcDownloaderMiddleware


@pytest.mark.parametrize("dist", sorted(compat.CHECKED_VERSIONS))
def test_installed_version_is_the_checked_one(dist: str) -> None:
    checked = compat.CHECKED_VERSIONS[dist]
    assert version(dist) == checked, (
        f"{dist} {version(dist)} is installed but spiders/compat.py was checked against {checked}: "
        f"re-read the private APIs it uses in {dist}, then update CHECKED_VERSIONS"
    )


def test_private_names_exist() -> None:
    assert inspect.iscoroutinefunction(RobotsTxtMiddleware._parse_robots)
    assert list(inspect.signature(RobotsTxtMiddleware._parse_robots).parameters) == [
        "self",
        "response",
        "netloc",
        "request",
    ]
    assert list(inspect.signature(RobotsTxtMiddleware._robots_error).parameters) == ["self", "exc", "netloc"]
    assert "self._parsers: dict[str" in inspect.getsource(RobotsTxtMiddleware.__init__)
    assert list(inspect.signature(PriorityQueue._decode_request).parameters) == ["self", "encoded_request"]


def _robots_middleware() -> RobotsTxtRfcDownloaderMiddleware:
    return RobotsTxtRfcDownloaderMiddleware(get_crawler(Spider, {"ROBOTSTXT_OBEY": True}))


def _parse(mw: RobotsTxtRfcDownloaderMiddleware, status: int, body: bytes) -> object:
    netloc = "h.test"
    request = Request(f"http://{netloc}/a")
    mw.reserve_parser(netloc)
    assert mw.has_parser(netloc)
    asyncio.run(mw._parse_robots(Response(f"http://{netloc}/robots.txt", status=status, body=body), netloc, request))
    return asyncio.run(mw.robot_parser(request))


def test_scrapy_parse_step_reaches_the_hook_and_a_5xx_disallows() -> None:
    parser = _parse(_robots_middleware(), 503, b"User-agent: *\nAllow: /\n")
    assert not parser.allowed("http://h.test/a", "bot")  # type: ignore[attr-defined]
    parser = _parse(_robots_middleware(), 200, b"User-agent: *\nAllow: /\n")
    assert parser.allowed("http://h.test/a", "bot")  # type: ignore[attr-defined]


def test_scrapy_error_step_reaches_the_hook_and_allows() -> None:
    mw = _robots_middleware()
    mw.reserve_parser("h.test")
    mw._robots_error(IgnoreRequest("boom"), "h.test")
    assert asyncio.run(mw.robot_parser(Request("http://h.test/a"))) is None


def test_robots_refusal_text() -> None:
    mw = _robots_middleware()
    parser = _parse(mw, 200, b"User-agent: *\nDisallow: /\n")
    with pytest.raises(IgnoreRequest) as refused:
        mw.process_request_2(parser, Request("http://h.test/a"))  # type: ignore[arg-type]
    assert compat.is_robots_refusal(refused.value)
    assert not compat.is_size_cap_refusal(refused.value)
    assert not compat.is_robots_refusal(IgnoreRequest("something else"))


def test_size_cap_refusal_text() -> None:
    crawler = get_crawler(Spider, {"DOWNLOAD_MAXSIZE": 1000})
    mw = HttpCompressionMiddleware.from_crawler(crawler)
    body = gzip.compress(b"x" * 100_000)
    response = Response("http://h.test/a", body=body, headers={"Content-Encoding": "gzip"})
    with pytest.raises(IgnoreRequest) as refused:
        mw.process_response(Request("http://h.test/a"), response)
    assert compat.is_size_cap_refusal(refused.value)
    assert not compat.is_robots_refusal(refused.value)


def test_scrapy_redis_request_decoding() -> None:
    spider = Spider(name="t")
    queue = PriorityQueue(None, spider, "k")
    request = Request("http://h.test/a", meta={"wa_kind": "article"}, priority=3)
    decoded = compat.decode_request(queue, queue._encode_request(request))
    assert (decoded.url, decoded.meta["wa_kind"], decoded.priority) == ("http://h.test/a", "article", 3)


def test_engine_next_call_hook() -> None:
    """What :func:`compat.wake_engine` calls is the engine's own hook (used live in tests/scale)."""
    assert "nextcall" in inspect.signature(_Slot.__init__).parameters
    assert "self._slot.nextcall.schedule()" in inspect.getsource(ExecutionEngine)
