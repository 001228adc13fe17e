"""A small, polite HTTP client for probing one site: timeout, size cap, robots.txt, SSRF rule.

``add-source`` reads a handful of discovery documents (home page, robots.txt, feeds, sitemaps,
a few section pages), so it uses the standard library's ``urllib`` rather than a Scrapy crawl.
Every connection goes through :func:`_guarded_connection`, which resolves the host, refuses the
address under the crawler's SSRF rule (:func:`spiders.ssrf.refusal`) and connects to the very
address it checked, so redirects and DNS rebinding cannot reach a private host. Environment
proxies are not used (a proxy would hide the real destination from that check). robots.txt is
read with Protego, the parser Scrapy's crawl uses, under RFC 9309: 4xx allows everything,
5xx disallows everything, and an unreachable robots.txt stops the probe.
"""

from __future__ import annotations

import http.client
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from protego import Protego

from spiders.ssrf import AllowList, refusal

# Seconds for connecting and for each read; the crawl's default DOWNLOAD_TIMEOUT is 30 s, a probe
# that a person waits for uses less.
TIMEOUT_S = 15.0
# Largest body read: the sitemap protocol's 50 MB limit is for crawls; a probe needs only a
# sample of a site's URLs, so larger documents are reported as too large and skipped.
MAX_BYTES = 10 * 1024 * 1024
# Requests one probe may make at most (home, robots.txt, ~10 feed and ~6 sitemap candidates,
# a few child sitemaps and section pages, with room to spare).
MAX_REQUESTS = 60
# Wall-clock budget of one probe, seconds: a slow site cannot hold the command for
# MAX_REQUESTS * TIMEOUT_S.
MAX_SECONDS = 120.0
# urllib's HTTPRedirectHandler default is 10; the crawl follows at most 5 (REDIRECT_MAX_TIMES).
MAX_REDIRECTS = 5
# What a robots.txt answering 5xx stands for (RFC 9309 section 2.3.1.3), as in spiders.middlewares.
_DISALLOW_ALL = "User-agent: *\nDisallow: /\n"


class FetchError(Exception):
    """A URL could not be fetched (network error, SSRF refusal, robots.txt, size or request cap)."""


@dataclass(frozen=True)
class Response:
    """A fetched document.

    Attributes:
        url: Final URL after redirects.
        status: HTTP status code.
        content_type: Media type without parameters, lower-cased ("" when absent).
        body: Body bytes (at most ``MAX_BYTES``).
    """

    url: str
    status: int
    content_type: str
    body: bytes

    @property
    def ok(self) -> bool:
        """Whether the status is 2xx."""
        return 200 <= self.status < 300


def _guarded_connection(allow: AllowList):
    """A ``socket.create_connection`` replacement that refuses addresses the SSRF rule blocks."""
    default_timeout = socket.getdefaulttimeout()  # read when the replacement is made, as before

    def connect(address, timeout=default_timeout, source_address=None, **kwargs):
        host, port = address
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise FetchError(f"{host}: cannot resolve ({exc.strerror})") from None
        last: OSError | None = None
        for family, socktype, proto, _, sockaddr in infos:
            reason = refusal(host, str(sockaddr[0]), allow)  # IPv4/IPv6 sockaddr: [0] is the address
            if reason is not None:
                raise FetchError(f"refused by the SSRF rule: {reason}")
            sock = socket.socket(family, socktype, proto)
            try:
                sock.settimeout(timeout)
                if source_address:
                    sock.bind(source_address)
                sock.connect(sockaddr)  # the checked address itself: no second lookup
                return sock
            except OSError as exc:
                sock.close()
                last = exc
        raise last or OSError(f"{host}: no address")

    return connect


def _handlers(allow: AllowList) -> list[urllib.request.BaseHandler]:
    create = _guarded_connection(allow)

    class HTTPConnection(http.client.HTTPConnection):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._create_connection = create

    class HTTPSConnection(http.client.HTTPSConnection):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._create_connection = create

    class HTTPHandler(urllib.request.HTTPHandler):
        def http_open(self, req):  # noqa: D102 (urllib hook)
            return self.do_open(HTTPConnection, req)

    class HTTPSHandler(urllib.request.HTTPSHandler):
        def https_open(self, req):  # noqa: D102 (urllib hook)
            return self.do_open(HTTPSConnection, req)

    class RedirectHandler(urllib.request.HTTPRedirectHandler):
        max_redirections = MAX_REDIRECTS

    return [urllib.request.ProxyHandler({}), HTTPHandler(), HTTPSHandler(), RedirectHandler()]


def _read_capped(stream, url: str) -> bytes:
    body = stream.read(MAX_BYTES + 1)
    if len(body) > MAX_BYTES:
        raise FetchError(f"{url}: larger than the {MAX_BYTES} byte cap")
    return body


@dataclass
class Client:
    """Fetches URLs of one probe, obeying robots.txt and the SSRF rule.

    Args:
        user_agent: User-Agent header (the registry's ``settings.user_agent``).
        allow: Hosts/CIDRs re-admitted by the SSRF rule.
    """

    user_agent: str
    allow: AllowList
    requests: int = 0
    robots: dict[str, tuple[Protego, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._opener = urllib.request.build_opener(*_handlers(self.allow))
        self._started = time.monotonic()

    def get(self, url: str, *, obey_robots: bool = True) -> Response:
        """Fetch a URL; an HTTP error status is returned, not raised.

        Args:
            url: Absolute http(s) URL.
            obey_robots: Check the origin's robots.txt first (False only for robots.txt itself).

        Returns:
            The response (any status).

        Raises:
            FetchError: Disallowed by robots.txt, refused by the SSRF rule, network failure,
                too large, or the probe's request cap or time budget reached.
        """
        if obey_robots and not self.allowed(url):
            raise FetchError(f"{url}: disallowed by robots.txt")
        if self.requests >= MAX_REQUESTS:
            raise FetchError(f"{url}: the probe's cap of {MAX_REQUESTS} requests is reached")
        if time.monotonic() - self._started > MAX_SECONDS:
            raise FetchError(f"{url}: the probe's {MAX_SECONDS:.0f} s budget is spent")
        self.requests += 1
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent, "Accept-Encoding": "identity"})
        try:
            with self._opener.open(request, timeout=TIMEOUT_S) as resp:
                return Response(resp.geturl(), resp.status, _media_type(resp.headers), _read_capped(resp, url))
        except urllib.error.HTTPError as err:
            with err:
                return Response(err.geturl() or url, err.code, _media_type(err.headers), _read_capped(err, url))
        except FetchError:
            raise
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, FetchError):
                raise reason from None
            raise FetchError(f"{url}: {getattr(reason, 'strerror', None) or reason}") from None
        except (OSError, http.client.HTTPException, ValueError) as exc:
            raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from None

    def robots_for(self, url: str) -> tuple[Protego, str]:
        """The origin's robots.txt rules and a note on how they were obtained.

        Args:
            url: Any URL of the origin.

        Returns:
            ``(rules, note)``; the note reads e.g. ``"200"``, ``"404: everything allowed (RFC 9309)"``.

        Raises:
            FetchError: robots.txt could not be fetched at all (the host is unreachable).
        """
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self.robots:
            resp = self.get(origin + "/robots.txt", obey_robots=False)
            if resp.status >= 500:
                self.robots[origin] = (Protego.parse(_DISALLOW_ALL), f"{resp.status}: everything disallowed (RFC 9309)")
            elif resp.status >= 400:
                self.robots[origin] = (Protego.parse(""), f"{resp.status}: everything allowed (RFC 9309)")
            else:
                self.robots[origin] = (Protego.parse(resp.body.decode("utf-8", "replace")), str(resp.status))
        return self.robots[origin]

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets this client's user agent fetch the URL."""
        rules, _ = self.robots_for(url)
        return rules.can_fetch(url, self.user_agent)


def _media_type(headers) -> str:
    value = headers.get("Content-Type", "") if headers is not None else ""
    return value.split(";", 1)[0].strip().lower()


def ssrf_check(allow_hosts: list[str]) -> Callable[[str], str | None]:
    """The crawler's SSRF rule as ``host -> reason or None``, for ``check-sources`` warnings.

    A host name is resolved (as the crawl would); one that does not resolve is not refused here
    (the crawl then records a DNS failure, which is not an SSRF matter).

    Args:
        allow_hosts: The registry's ``settings.allow_hosts``.

    Returns:
        A function giving the refusal reason for a host, or ``None`` when it may be reached.
    """
    allow = AllowList.parse(allow_hosts)

    def check(host: str) -> str | None:
        try:
            infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError):
            return None
        return next(
            (why for *_, sockaddr in infos if (why := refusal(host, str(sockaddr[0]), allow)) is not None), None
        )

    return check
