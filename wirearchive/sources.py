"""The sources registry: wire services and outlets to crawl, validated on load.

The registry is a TOML file (``sources.toml``)::

    [settings]
    allow_hosts = ["127.0.0.1"]          # private/loopback hosts the crawler may reach (SSRF guard)

    [wires.AP]                            # optional: more names for a built-in wire code
    names = ["Associated Press", "AP"]
    [wires.AWP]                           # ... or a wire the built-in table lacks
    names = ["AWP Finanznachrichten", "AWP"]

    [[source]]
    id = "apwire"
    name = "AP-like Wire"
    kind = "wire"                         # wire | outlet | farm
    home = "http://127.0.0.1:8801/"
    feeds = ["http://127.0.0.1:8801/feed.xml"]
    sitemaps = ["http://127.0.0.1:8801/sitemap.xml"]
    sections = ["http://127.0.0.1:8801/section/world"]
    article_patterns = ["^/20\\d\\d/\\d\\d/\\d\\d/"]
    wire = "AP"                           # default wire attribution for this source's own copy
    [source.limits]
    max_pages = 500

Wire codes and names extend ``wirearchive.wire_names.WIRE_NAMES`` for attribution (datelines,
bylines, credit lines); a name may belong to one code only, built-in names included.

A bad file raises :class:`SourcesError` whose message names the file, the source (or wire) and the
field, one line per problem.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from wirearchive.wire_names import WIRE_NAMES

# A wire code as written in [wires.CODE]: "PAP", "Keystone-SDA", "epdÖ", "Europa Press".
_WIRE_CODE = re.compile(r"^[^\W\d_][\w.&' -]{0,39}$")


class SourcesError(ValueError):
    """The sources registry file is missing, unparsable or invalid."""


class CrawlLimits(BaseModel):
    """Per-source crawl limits (politeness and safety caps)."""

    model_config = ConfigDict(extra="forbid")

    max_pages: int = Field(default=2000, ge=1, description="Most article pages fetched per run.")
    max_bytes: int = Field(default=5_000_000, ge=1024, description="Download size cap per response, bytes.")
    concurrency: int = Field(default=4, ge=1, le=64, description="Concurrent requests to this source's host.")
    delay: float = Field(default=0.0, ge=0, description="Minimum delay between requests to the host, seconds.")


class Source(BaseModel):
    """One site to crawl: a wire service, an outlet that republishes wire copy, or a content farm."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")
    name: str = Field(min_length=1)
    kind: Literal["wire", "outlet", "farm"]
    home: AnyHttpUrl
    feeds: list[AnyHttpUrl] = []
    sitemaps: list[AnyHttpUrl] = []
    sections: list[AnyHttpUrl] = []
    article_patterns: list[str] = Field(default_factory=list, description="Regexes on the URL path.")
    wire: str | None = Field(None, description="Wire code this source's own copy is attributed to.")
    language: str | None = None
    enabled: bool = True
    limits: CrawlLimits = CrawlLimits()

    @field_validator("article_patterns")
    @classmethod
    def _patterns_compile(cls, value: list[str]) -> list[str]:
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"bad regex {pattern!r}: {exc}") from None
        return value

    def is_article_url(self, url: str) -> bool:
        """Whether a URL matches one of this source's article patterns (all URLs when none)."""
        from urllib.parse import urlsplit

        if not self.article_patterns:
            return True
        path = urlsplit(url).path
        return any(re.search(p, path) for p in self.article_patterns)


class WireAliases(BaseModel):
    """Extra names under which a wire service appears in bylines, datelines and credits."""

    model_config = ConfigDict(extra="forbid")

    names: list[str] = Field(min_length=1)

    @field_validator("names")
    @classmethod
    def _names_are_words(cls, value: list[str]) -> list[str]:
        for name in value:
            if not name.strip() or len(name) > 80:
                raise ValueError(f"wire name {name!r} must be 1-80 characters, not blank")
        return [name.strip() for name in value]


class Settings(BaseModel):
    """Registry-wide settings."""

    model_config = ConfigDict(extra="forbid")

    allow_hosts: list[str] = Field(
        default_factory=list,
        description="Hosts or CIDRs in private/loopback ranges the crawler may connect to.",
    )
    user_agent: str = "wirearchive/0.1 (+https://github.com/wirearchive/wirearchive)"


class Registry(BaseModel):
    """The whole sources file."""

    model_config = ConfigDict(extra="forbid")

    settings: Settings = Settings()
    wires: dict[str, WireAliases] = {}
    source: list[Source] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_ids(self) -> Registry:
        seen: set[str] = set()
        for src in self.source:
            if src.id in seen:
                raise ValueError(f"duplicate source id {src.id!r}")
            seen.add(src.id)
        return self

    @model_validator(mode="after")
    def _wire_names_unambiguous(self) -> Registry:
        owner = {name.casefold(): code for code, names in WIRE_NAMES.items() for name in names}
        for code, wire in self.wires.items():
            if not _WIRE_CODE.match(code):
                raise ValueError(f"wire code {code!r} must be a letter then up to 39 letters, digits or . & ' -")
            for name in (*wire.names, code):
                other = owner.setdefault(name.casefold(), code)
                if other != code:
                    raise ValueError(f"wire {code!r}: name {name!r} already names wire {other!r}")
        return self

    @property
    def wire_aliases(self) -> dict[str, list[str]]:
        """The ``wires`` table as ``code -> names``, the form attribution takes."""
        return {code: wire.names for code, wire in self.wires.items()}

    @property
    def sources(self) -> list[Source]:
        """Enabled sources, in file order."""
        return [s for s in self.source if s.enabled]

    def get(self, source_id: str) -> Source:
        """Look a source up by id.

        Raises:
            KeyError: No source has that id.
        """
        for src in self.source:
            if src.id == source_id:
                return src
        raise KeyError(source_id)


def _describe(exc: ValidationError, data: dict, path: Path) -> str:
    lines = []
    for err in exc.errors():
        loc = list(err["loc"])
        where = ".".join(str(p) for p in loc) or "(file)"
        if len(loc) >= 2 and loc[0] == "wires":
            field = ".".join(str(p) for p in loc[2:]) or "(entry)"
            where = f"wire {loc[1]!r} field {field!r}"
        elif len(loc) >= 2 and loc[0] == "source" and isinstance(loc[1], int):
            entries = data.get("source") or []
            sid = entries[loc[1]].get("id") if loc[1] < len(entries) and isinstance(entries[loc[1]], dict) else None
            field = ".".join(str(p) for p in loc[2:]) or "(entry)"
            where = (
                f"source {sid!r} (entry {loc[1] + 1}) field {field!r}"
                if sid
                else f"source entry {loc[1] + 1} field {field!r}"
            )
        msg = err["msg"].removeprefix("Value error, ")
        if not loc and msg.startswith("wire"):
            where = "wires"
        lines.append(f"{path}: {where}: {msg}")
    return "\n".join(lines)


def parse_sources(text: str, path: Path | str = "<string>") -> Registry:
    """Parse and validate registry TOML text.

    Args:
        text: TOML document.
        path: Name used in error messages.

    Returns:
        The validated registry.

    Raises:
        SourcesError: Syntax error or invalid content; the message names source and field.
    """
    path = Path(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{path}: TOML syntax error: {exc}") from None
    try:
        return Registry.model_validate(data)
    except ValidationError as exc:
        raise SourcesError(_describe(exc, data, path)) from None


def load_sources(path: str | Path) -> Registry:
    """Load and validate a registry file.

    Args:
        path: Path of the TOML file.

    Returns:
        The validated registry.

    Raises:
        SourcesError: The file is missing, unreadable or invalid.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SourcesError(f"{path}: cannot read sources file: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise SourcesError(f"{path}: not UTF-8 text: {exc}") from None
    return parse_sources(text, path)


def _netloc(url: object) -> str:
    parts = urlsplit(str(url))
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}:{parts.port}" if parts.port else host


def registry_warnings(registry: Registry, refused: Callable[[str], str | None] | None = None) -> list[str]:
    """What in a valid registry will make a run do little or nothing, one line each.

    Warns about: no enabled source; two enabled sources on one host (host and port, ``www.``
    ignored: they share robots.txt and the host's request budget, and their articles are told
    apart by patterns only); and, when ``refused`` is given, hosts of a source's home, feeds,
    sitemaps and sections that the SSRF rule refuses (the crawl skips each of their requests),
    with one more line when that leaves no source crawlable.

    Args:
        registry: A validated registry.
        refused: ``host -> reason`` when the crawler's SSRF rule (with ``settings.allow_hosts``)
            refuses the host, else ``None``; the CLI passes :func:`spiders.probe.fetch.ssrf_check`.
            Without it the SSRF check is skipped.

    Returns:
        Warning lines, empty when nothing is suspicious.
    """
    sources = registry.sources
    if not sources:
        return [
            "no enabled source: a run crawls nothing and publishes an empty catalog of sources"
            if not registry.source
            else f"all {len(registry.source)} sources are disabled (enabled = false): a run crawls nothing"
        ]
    warnings: list[str] = []
    by_host: dict[str, list[str]] = {}
    for src in sources:
        by_host.setdefault(_netloc(src.home), []).append(src.id)
    warnings += [
        f"sources {', '.join(map(repr, ids))} share the host {host}" for host, ids in by_host.items() if len(ids) > 1
    ]
    if refused is None:
        return warnings
    blocked_sources = 0
    for src in sources:
        hosts = dict.fromkeys(
            urlsplit(str(u)).hostname or "" for u in (src.home, *src.feeds, *src.sitemaps, *src.sections)
        )
        reasons = [(host, why) for host in hosts if host and (why := refused(host)) is not None]
        warnings += [f"source {src.id!r}: refused by the SSRF rule: {why}" for _, why in reasons]
        blocked_sources += bool(reasons) and len(reasons) == len(hosts)
    if blocked_sources == len(sources):
        warnings.append(
            f"every source's hosts are refused by the SSRF rule: a run fetches nothing (settings.allow_hosts = {registry.settings.allow_hosts})"
        )
    return warnings
