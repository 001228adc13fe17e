"""Every use of Scrapy's and scrapy-redis's private APIs, in one place.

The crawl needs a few things neither library makes public: the robots.txt middleware's parse and
error steps (to read a 5xx robots.txt as "disallow all" and to share robots.txt between workers),
the engine's "next call" hook (to wake an idle worker), scrapy-redis's request decoding (to pop
requests with our own script), and the wording of two ``IgnoreRequest`` messages (the only way
to tell a robots.txt refusal and a decompression size cap from other ignored requests). Each was
read against the versions in :data:`CHECKED_VERSIONS`; ``tests/spiders/test_spiders_compat.py`` fails
when the installed versions differ, so an upgrade re-reads this file before it goes in.
"""

from __future__ import annotations

from typing import Any

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from twisted.internet.defer import Deferred

# Distribution name -> version whose private code this module was checked against.
CHECKED_VERSIONS = {"scrapy": "2.19.0", "scrapy-redis": "0.9.1"}

# RobotsTxtMiddleware.process_request_2 raises IgnoreRequest("Forbidden by robots.txt").
_ROBOTS_REFUSAL = "robots.txt"
# HttpCompressionMiddleware raises IgnoreRequest("... exceeded DOWNLOAD_MAXSIZE (N B) during
# decompression.") for a body that decompresses past the size cap.
_SIZE_CAP_REFUSAL = "DOWNLOAD_MAXSIZE"


def is_robots_refusal(exception: IgnoreRequest) -> bool:
    """Whether Scrapy's robots.txt middleware refused the request.

    Args:
        exception: The ``IgnoreRequest`` a download raised.

    Returns:
        ``True`` for "Forbidden by robots.txt".
    """
    return _ROBOTS_REFUSAL in str(exception)


def is_size_cap_refusal(exception: IgnoreRequest) -> bool:
    """Whether Scrapy's HttpCompressionMiddleware refused a body decompressing past the size cap.

    Args:
        exception: The ``IgnoreRequest`` a download raised.

    Returns:
        ``True`` for its "exceeded DOWNLOAD_MAXSIZE during decompression" refusal.
    """
    return _SIZE_CAP_REFUSAL in str(exception)


class RobotsTxtHooks(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware with its private steps turned into overridable hooks.

    Subclasses override :meth:`parse_robots` (a robots.txt response arrived for ``netloc``) and
    :meth:`robots_error` (its download failed), and read or reserve the per-host parser slot with
    :meth:`has_parser` / :meth:`reserve_parser`, instead of touching ``_parse_robots``,
    ``_robots_error`` and ``_parsers`` themselves.
    """

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        await self.parse_robots(response, netloc, request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        self.robots_error(exc, netloc)

    async def parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        """Build the host's parser from a robots.txt response (Scrapy's ``_parse_robots``).

        Args:
            response: The robots.txt response.
            netloc: The host (``host[:port]``) it is for.
            request: The request that needed it.
        """
        await RobotsTxtMiddleware._parse_robots(self, response, netloc, request)

    def robots_error(self, exc: Exception, netloc: str) -> None:
        """Record that the host's robots.txt could not be fetched: everything is allowed
        (Scrapy's ``_robots_error``).

        Args:
            exc: What the download raised.
            netloc: The host.
        """
        RobotsTxtMiddleware._robots_error(self, exc, netloc)

    def has_parser(self, netloc: str) -> bool:
        """Whether this process has (or is building) the host's parser.

        Args:
            netloc: The host.

        Returns:
            ``True`` once the host's robots.txt was fetched, adopted or is on its way.
        """
        return netloc in self._parsers

    def reserve_parser(self, netloc: str) -> None:
        """Mark the host's parser as on its way (what Scrapy does before fetching robots.txt).

        Args:
            netloc: The host; :meth:`parse_robots` or :meth:`robots_error` must follow.
        """
        self._parsers[netloc] = Deferred()


def wake_engine(engine: Any) -> None:
    """Make an idle Scrapy engine look at its scheduler now, not on its next 5 s heartbeat.

    Args:
        engine: The running ``ExecutionEngine`` (its private ``_slot.nextcall`` hook).
    """
    engine._slot.nextcall.schedule()


def decode_request(queue: Any, data: bytes) -> Any:
    """A request popped from a scrapy-redis queue, decoded with the queue's serializer.

    Args:
        queue: A ``scrapy_redis.queue.Base`` (its private ``_decode_request``).
        data: The encoded request as stored in Redis.

    Returns:
        The ``scrapy.Request``.
    """
    return queue._decode_request(data)
