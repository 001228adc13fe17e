"""Canonical article URLs.

courlan does the heavy lifting (scheme/host case, default ports, query-parameter order, and the
known tracking parameters such as ``utm_*``/``fbclid``/``gclid``: its ``TRACKERS_RE``, after
Mozilla's query-stripping list). Its *strict* mode is not used: it also drops every parameter
outside a short keep-list, and those identify the article on many news sites
(``news_view.htm?lang=e&Seq_Code=...``, ``details.php?newsId=...``), so that every article of such
a site collapsed into one URL. Fragments are dropped here. On top of it we
fold the two syndication-era variants courlan leaves alone: AMP copies (``/amp/`` path segments,
``amp``/``outputType=amp`` parameters, ``amp.`` hosts) and mobile hosts (``m.``, ``mobile.``).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from courlan import normalize_url

_AMP_PARAMS = {"amp", "outputtype", "amp_js_v", "usqp"}
_MOBILE_PREFIXES = ("m.", "mobile.", "amp.")


def canonical_url(url: str, declared: str | None = None) -> str:
    """Return the canonical form of an article URL.

    Args:
        url: The fetched URL.
        declared: The page's own ``<link rel=canonical>``/``og:url``, if any. It is used only
            when it points at the same registered host as ``url`` (a page cannot claim another
            site's address as its own; cross-site canonicals are evidence for dedupe, not
            identity).

    Returns:
        The normalized URL: lower-case scheme and host, no default port, no tracking
        parameters (the other parameters kept, in sorted order), no fragment, no AMP or mobile
        variant.
    """
    chosen = url
    if declared and declared.startswith(("http://", "https://")) and _same_site(url, declared):
        chosen = declared
    try:
        normalized = normalize_url(chosen, strict=False)
    except ValueError:
        normalized = chosen
    parts = urlsplit(normalized)
    host = parts.hostname or ""
    for prefix in _MOBILE_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = "www." + host[len(prefix) :] if not host[len(prefix) :].startswith("www.") else host[len(prefix) :]
            break
    netloc = host + (f":{parts.port}" if parts.port else "")
    path = parts.path
    segments = [s for s in path.split("/")]
    if "amp" in segments[1:]:
        segments = [s for i, s in enumerate(segments) if not (i > 0 and s == "amp")]
        path = "/".join(segments) or "/"
    if path.endswith(".amp"):
        path = path[: -len(".amp")]
    if path.endswith(".amp.html"):
        path = path[: -len(".amp.html")] + ".html"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in _AMP_PARAMS]
    )
    return urlunsplit((parts.scheme, netloc, path, query, ""))


def _site(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    for prefix in ("www.",) + _MOBILE_PREFIXES:
        if host.startswith(prefix):
            host = host[len(prefix) :]
    return host


def _same_site(a: str, b: str) -> bool:
    return _site(a) == _site(b) and urlsplit(a).port == urlsplit(b).port
