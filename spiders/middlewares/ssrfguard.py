"""SSRF guard: refuses requests to non-public addresses before anything is sent to them.

It runs first (``settings.DOWNLOADER_MIDDLEWARES``), before robots.txt is even fetched for a host.
"""

from __future__ import annotations

import ipaddress

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import error as tx_error

from spiders.ssrf import AllowList, refusal


class SsrfBlocked(IgnoreRequest):
    """The request's host is (or resolves to) a non-public address that is not allow-listed."""


class SsrfGuardDownloaderMiddleware:
    """Refuses requests to private, loopback, link-local, multicast and reserved addresses.

    Host names are resolved through the reactor's resolver, Scrapy's caching resolver, which is
    also what the connection uses: the checked answer is the one connected to for the rest of the
    crawl (no re-resolution window for DNS rebinding). Redirect targets are new requests and pass
    through here again.

    Args:
        allow: Hosts/CIDRs re-admitted by the registry's ``settings.allow_hosts``.
        reactor: The running Twisted reactor (for ``resolve``).
    """

    def __init__(self, allow: AllowList, reactor) -> None:
        self._allow = allow
        self._reactor = reactor

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SsrfGuardDownloaderMiddleware:
        """Build from the ``WIREARCHIVE_ALLOW_HOSTS`` setting."""
        from twisted.internet import reactor

        return cls(AllowList.parse(crawler.settings.getlist("WIREARCHIVE_ALLOW_HOSTS")), reactor)

    async def process_request(self, request: Request) -> None:
        """Raise :class:`SsrfBlocked` when the request's address is refused."""
        host = urlparse_cached(request).hostname or ""
        try:
            ip = str(ipaddress.ip_address(host))
        except ValueError:
            try:
                ip = await maybe_deferred_to_future(self._reactor.resolve(host))
            except tx_error.DNSLookupError:
                return  # the download itself fails and is recorded as "dns"
        reason = refusal(host, ip, self._allow)
        if reason is not None:
            raise SsrfBlocked(reason)
