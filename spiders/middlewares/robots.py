"""robots.txt per RFC 9309: a robots.txt answering 5xx disallows the whole host."""

from __future__ import annotations

from scrapy import Request
from scrapy.http import Response

from spiders.compat import RobotsTxtHooks

# Robots.txt used in place of one answering 5xx (RFC 9309 section 2.3.1.3: assume complete disallow).
DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"


class RobotsTxtRfcDownloaderMiddleware(RobotsTxtHooks):
    """Scrapy's robots.txt middleware, reading a robots.txt that answers 5xx as "disallow all".

    Scrapy parses whatever body a robots.txt request returns, so a server error page allows
    everything; RFC 9309 (section 2.3.1.3) says a crawler must then assume complete disallow. The
    refused requests are recorded as ``robots_disallowed``, next to the robots.txt capture row
    that holds the 5xx. (Scrapy's private parse step is reached through :mod:`spiders.compat`.)
    """

    async def parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        """Build the host's parser, from "disallow all" when robots.txt answered 5xx.

        Args:
            response: The robots.txt response.
            netloc: The host.
            request: The request that needed it.
        """
        if response.status >= 500:
            response = response.replace(body=DISALLOW_ALL)
        await super().parse_robots(response, netloc, request)
