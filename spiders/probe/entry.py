"""A probed site as a commented ``[[source]]`` TOML entry, validated, and appended to a registry.

Values are written with ``tomli_w`` (so quoting and escapes are right) and each field gets a
comment line above it saying where it was found. The entry is validated with
:func:`wirearchive.sources.parse_sources` before it is printed or written.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import tomli_w

from spiders.probe.site import Found, SiteProbe
from wirearchive.sources import Registry, SourcesError, parse_sources

_ID_CHARS = re.compile(r"[^a-z0-9]+")
_ID_MAX = 64  # Source.id's pattern allows 64 characters


def source_id(probe: SiteProbe) -> str:
    """An id for the source: the slugged site name, else the host name without ``www.``.

    Args:
        probe: The probe result.

    Returns:
        A string matching ``Source.id``'s pattern.
    """
    host = urlsplit(probe.home).hostname or "source"
    basis = probe.name.value if probe.name else host.removeprefix("www.").split(".")[0]
    ascii_text = unicodedata.normalize("NFKD", basis).encode("ascii", "ignore").decode("ascii")
    slug = _ID_CHARS.sub("-", ascii_text.lower()).strip("-")[:_ID_MAX].rstrip("-")
    return slug or _ID_CHARS.sub("-", host).strip("-")[:_ID_MAX] or "source"


def _field(key: str, value: object, comment: str) -> str:
    return "".join(f"# {line}\n" for line in comment.splitlines()) + tomli_w.dumps({key: value})


def _list_comment(what: str, items: list[Found]) -> str:
    if not items:
        return f"{what}: none found"
    return "\n".join(f"{what}: {f.value}: {f.where}" for f in items)


def render_entry(probe: SiteProbe, *, sid: str | None, kind: str, wire: str | None) -> str:
    """The ``[[source]]`` entry text for a probed site, with a comment per field.

    Args:
        probe: The probe result.
        sid: Source id given on the command line; None derives one (:func:`source_id`).
        kind: ``wire``, ``outlet`` or ``farm``.
        wire: Wire code of the source's own copy, if any.

    Returns:
        TOML text (``[[source]]`` table) that :func:`parse_sources` accepts.

    Raises:
        SourcesError: The entry does not validate (e.g. a bad id given on the command line).
    """
    name = probe.name or Found(urlsplit(probe.home).hostname or probe.home, "no name on the home page: the host name")
    prop = probe.proposal
    lines = [f"# Probed by `wirearchive add-source {probe.home}`; robots.txt: {probe.robots}."]
    lines += [f"# NOTE: {' '.join(note.split())}" for note in probe.notes]  # one comment line each
    lines.append("[[source]]")
    text = "\n".join(lines) + "\n"
    if sid is not None:
        text += _field("id", sid, "id: given on the command line")
    else:
        text += _field("id", source_id(probe), "id: from the site name" if probe.name else "id: from the host name")
    text += _field("name", name.value, f"name: {name.where}")
    text += _field("kind", kind, "kind: given on the command line (wire | outlet | farm)")
    text += _field("home", probe.home, "home: the probed URL (after redirects)")
    text += _field("feeds", [f.value for f in probe.feeds], _list_comment("feed", probe.feeds))
    text += _field("sitemaps", [f.value for f in probe.sitemaps], _list_comment("sitemap", probe.sitemaps))
    text += _field("sections", [f.value for f in probe.sections], _list_comment("section", probe.sections))
    if prop.patterns:
        why = [f"article_patterns: learnt from {probe.sample} article URLs of the feeds and sitemaps"]
        why += [f"  {p}  matches {n}" for p, n in zip(prop.patterns, prop.support, strict=True)]
        if prop.excluded:
            why.append(f"  kept out (known non-article pages): {', '.join(prop.excluded)}")
        if prop.unmatched:
            why.append(
                f"  {len(prop.unmatched)} sampled URLs match no pattern (too rare a shape), e.g. {prop.unmatched[0]}"
            )
        text += _field("article_patterns", prop.patterns, "\n".join(why))
    else:
        text += "# article_patterns: no article URL seen, none proposed (every URL of a section counts as an article)\n"
    if probe.language:
        text += _field("language", probe.language.value, f"language: {probe.language.where}")
    else:
        text += "# language: no <html lang> on the home page\n"
    if wire:
        text += _field("wire", wire, "wire: given on the command line")
    parse_sources(text, "<add-source entry>")
    return text


def _host(url: object) -> str:
    """Host and port of a URL, ``www.`` ignored (as check-sources compares hosts)."""
    parts = urlsplit(str(url))
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}:{parts.port}" if parts.port else host


def append_entry(path: Path, entry: str) -> Registry:
    """Append an entry to a registry file, refusing a duplicate id or host; the file stays valid.

    Args:
        path: The sources file (created when missing).
        entry: Text from :func:`render_entry`.

    Returns:
        The registry as written.

    Raises:
        SourcesError: The file is invalid, already has the id or the host, or the result would
            not validate; the file is then left as it was.
    """
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    new = parse_sources(entry, "<add-source entry>").source[0]
    if old.strip():
        registry = parse_sources(old, path)
        for src in registry.source:
            if src.id == new.id:
                raise SourcesError(f"{path}: source id {new.id!r} is already there (choose another with --id)")
            if _host(src.home) == _host(new.home):
                raise SourcesError(f"{path}: host {_host(new.home)} is already source {src.id!r}")
    text = (old.rstrip("\n") + "\n\n" if old.strip() else "") + entry
    registry = parse_sources(text, path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return registry
