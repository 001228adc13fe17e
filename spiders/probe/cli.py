"""The ``add-source`` command: arguments, the probe, the printed entry and ``--write``.

Errors are one line on stderr: exit 2 for bad input (arguments, a bad registry, an id or host
already registered) and for a site that cannot be reached at all. A site that answers but lacks
something (no HTML home, no feed, a 404 robots.txt) still gives an entry, with ``# NOTE:`` lines
saying what is missing.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

from spiders.probe.entry import append_entry, render_entry
from spiders.probe.fetch import Client, FetchError
from spiders.probe.site import probe_site
from spiders.ssrf import AllowList
from wirearchive.config import sources_path
from wirearchive.sources import Settings, SourcesError, load_sources

DESCRIPTION = (
    "Probe a site from its home URL (feeds, sitemaps, sections, article URL patterns, name, language) "
    "and print a validated [[source]] entry for the sources registry."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments on a parser (its own, or a ``wirearchive`` subcommand's).

    Args:
        parser: The parser to extend.
    """
    parser.add_argument("url", help="the site's home URL, e.g. https://www.example-news.com/")
    parser.add_argument("--id", dest="source_id", help="source id (default: from the site name)")
    parser.add_argument(
        "--kind", choices=("wire", "outlet", "farm"), default="outlet", help="source kind (default outlet)"
    )
    parser.add_argument("--wire", help="wire code this source's own copy is attributed to (wire services)")
    parser.add_argument(
        "--sources",
        help="registry whose settings (user_agent, allow_hosts) apply "
        "(default: the --write file, else $WIREARCHIVE_SOURCES or ./sources.toml when present)",
    )
    parser.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="HOST",
        help="also allow this private/loopback host or CIDR (SSRF rule), e.g. 127.0.0.1; repeatable",
    )
    parser.add_argument(
        "--write", metavar="PATH", help="append the entry to this sources file (refused when its id or host is there)"
    )


def _settings(args: argparse.Namespace) -> Settings:
    chosen = args.sources or args.write
    path = Path(chosen) if chosen else sources_path()
    if chosen and not Path(chosen).exists() and chosen == args.write:
        return Settings()
    if not chosen and not path.exists():
        return Settings()
    return load_sources(path).settings


def run(args: argparse.Namespace) -> int:
    """Run ``add-source`` on parsed arguments.

    Args:
        args: From a parser set up by :func:`add_arguments`.

    Returns:
        Exit status: 0 on success, 2 on bad input or an unreachable site.
    """
    url = args.url if "://" in args.url else "https://" + args.url
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
        print(f"add-source: {args.url!r} is not an http(s) URL", file=sys.stderr)
        return 2
    try:
        settings = _settings(args)
        client = Client(settings.user_agent, AllowList.parse([*settings.allow_hosts, *args.allow_host]))
        probe = probe_site(url, client)
        entry = render_entry(probe, sid=args.source_id, kind=args.kind, wire=args.wire)
        if args.write:
            registry = append_entry(Path(args.write), entry)
    except FetchError as exc:
        print(f"add-source: cannot probe {url}: {exc}", file=sys.stderr)
        return 2
    except SourcesError as exc:
        print(f"add-source: {exc}", file=sys.stderr)
        return 2
    print(entry, end="")
    if args.write:
        print(f"# appended to {args.write} ({len(registry.source)} sources)", file=sys.stderr)
    return 0


def add_source_main(argv: Sequence[str]) -> int:
    """The command on its own (``python -m spiders.probe``).

    Args:
        argv: Arguments after the program name.

    Returns:
        Exit status.
    """
    parser = argparse.ArgumentParser(prog="wirearchive add-source", description=DESCRIPTION)
    add_arguments(parser)
    return run(parser.parse_args(list(argv)))
