"""robots.txt fetched once per host for all workers of a shared frontier (see :mod:`spiders.frontier`).

Scrapy's robots.txt middleware downloads a host's robots.txt in every process that meets the
host. Here the first worker to need it claims the fetch in Redis, downloads and archives it as
usual, and publishes the response (status and body); the other workers wait for that and build
their parser from it. A claim expires after ``CLAIM_TTL_S``, so a worker that dies mid-fetch
hands the job to the next one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import cast

from redis.typing import EncodableT, FieldT
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.robotstxt import RobotParser
from scrapy.utils.httpobj import urlparse_cached

from spiders.compat import RobotsTxtHooks
from spiders.frontier import KEY_TTL_S, connect
from spiders.middlewares.robots import RobotsTxtRfcDownloaderMiddleware

# Longest a worker may take to fetch a robots.txt before another worker takes over: the download
# timeout (30 s) times three attempts, plus slack.
CLAIM_TTL_S = 120
# How often a waiting worker looks for the published robots.txt.
WAIT_POLL_S = 0.05


class SharedRobotsTxtDownloaderMiddleware(RobotsTxtRfcDownloaderMiddleware):
    """The RFC 9309 robots.txt middleware, with one fetch per host shared through Redis.

    Args:
        crawler: The running crawler (settings ``WIREARCHIVE_FRONTIER``,
            ``WIREARCHIVE_FRONTIER_PREFIX``, ``WIREARCHIVE_FRONTIER_WORKER``).
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self._redis = connect(crawler.settings)
        self._prefix = f"{crawler.settings['WIREARCHIVE_FRONTIER_PREFIX']}:robots"
        self._worker = crawler.settings["WIREARCHIVE_FRONTIER_WORKER"]

    async def robot_parser(self, request: Request) -> RobotParser | None:
        """The host's parser: fetched here if this worker wins the claim, else adopted."""
        netloc = urlparse_cached(request).netloc
        key = f"{self._prefix}:{netloc}"
        while not self.has_parser(netloc):
            # A client without decode_responses (spiders.frontier.connect) answers in bytes.
            shared = cast(dict[bytes, bytes], self._redis.hgetall(key))
            if shared:
                await self._adopt(request, netloc, shared)
            elif self._redis.set(f"{key}:fetcher", self._worker, nx=True, ex=CLAIM_TTL_S):
                break  # this worker fetches it: Scrapy's own path, then parse_robots publishes
            else:
                await asyncio.sleep(WAIT_POLL_S)
        return await super().robot_parser(request)

    async def _adopt(self, request: Request, netloc: str, shared: dict[bytes, bytes]) -> None:
        self.reserve_parser(netloc)
        if b"error" in shared:  # the fetching worker's error, recorded here without publishing it again
            RobotsTxtHooks.robots_error(self, IgnoreRequest(shared[b"error"].decode()), netloc)
            return
        url = urlparse_cached(request)
        response = Response(f"{url.scheme}://{netloc}/robots.txt", status=int(shared[b"status"]), body=shared[b"body"])
        await RobotsTxtRfcDownloaderMiddleware.parse_robots(self, response, netloc, request)  # not published again

    async def parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        """Publish the robots.txt this worker fetched, then build its parser.

        Args:
            response: The robots.txt response.
            netloc: The host.
            request: The request that needed it.
        """
        self._publish(netloc, {"status": response.status, "body": response.body})
        await super().parse_robots(response, netloc, request)

    def robots_error(self, exc: Exception, netloc: str) -> None:
        """Publish that this worker's robots.txt fetch failed, then allow the host (as Scrapy does).

        Args:
            exc: What the download raised.
            netloc: The host.
        """
        self._publish(netloc, {"error": f"robots.txt fetch failed in another worker: {type(exc).__name__}"})
        super().robots_error(exc, netloc)

    def _publish(self, netloc: str, fields: Mapping[FieldT, EncodableT]) -> None:
        key = f"{self._prefix}:{netloc}"
        pipe = self._redis.pipeline()  # one transaction: the fields and their expiry
        pipe.hset(key, mapping=fields)
        pipe.expire(key, KEY_TTL_S)
        pipe.execute()
