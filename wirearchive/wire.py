"""Wire attribution: which agency an article's copy comes from, and how we know.

Signals, strongest first (the first that fires names the wire and the ``attribution`` value):

``dateline``
    The body opens with a dateline naming the wire: ``BAGHDAD (AP) —``,
    ``WASHINGTON (Reuters) -``, ``PARIS (AFP) –``, ``KVELLER via JTA —``.
``byline``
    A byline or author names the wire as the author's organization: ``By Jane Doe, Associated
    Press``, ``AFP/The Local``.
``credit``
    A credit line, at the end (or start) of the body: ``The Associated Press contributed to this
    report.``, ``With Post wires`` (any ``With <word(s)> wires``, so spun variants such as
    ``With Publish wires`` still count), ``With files from The Canadian Press``,
    ``Reporting by …; Editing by …`` (Reuters house style), ``Copyright 2020 The Associated Press``.
``structured``
    JSON-LD ``author``/``publisher``/``sourceOrganization`` organizations name the wire.
``registry``
    The source registry's default wire for the site (a wire's own site).

Photo credits (``AP Photo/Evan Vucci``, ``Reuters/Kim Kyung-Hoon``) and stories that merely
mention an agency (``Reuters said on Thursday it would cut jobs``, ``told AFP``) are not signals.
A wire credit that names no agency (``With Post wires``) gives the code :data:`GENERIC_WIRE`.

The dateline city is reported whenever the body opens with a dateline, with or without a wire.
Dateline and credit lines are removed from the returned body (they live in their own fields).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

# Wire code -> names it appears under. Extend or override per deployment with the registry's
# ``[wires.CODE] names = [...]`` (passed in as ``aliases``).
WIRE_NAMES: dict[str, tuple[str, ...]] = {
    "AP": ("Associated Press", "The Associated Press", "AP"),
    "Reuters": ("Reuters", "Thomson Reuters"),
    "AFP": ("Agence France-Presse", "Agence France Presse", "AFP"),
    "UPI": ("United Press International", "UPI"),
    "Bloomberg": ("Bloomberg News", "Bloomberg"),
    "DPA": ("Deutsche Presse-Agentur", "dpa", "DPA"),
    "Xinhua": ("Xinhua News Agency", "Xinhua"),
    "PA": ("Press Association", "PA Media", "PA"),
    "CP": ("The Canadian Press", "Canadian Press", "CP"),
    "AAP": ("Australian Associated Press", "AAP"),
    "PTI": ("Press Trust of India", "PTI"),
    "ANI": ("Asian News International", "ANI"),
    "EFE": ("Agencia EFE", "EFE"),
    "ANSA": ("Agenzia Nazionale Stampa Associata", "ANSA"),
    "Kyodo": ("Kyodo News", "Kyodo"),
    "Yonhap": ("Yonhap News Agency", "Yonhap"),
    "JTA": ("Jewish Telegraphic Agency", "JTA"),
}
# A wire dateline ("OTTAWA (Reuters) -") found within this many characters of the start still
# counts; the text before it is chrome extraction kept (a tagline, a kicker). Set from the demo
# sites' taglines (up to ~60 characters) with margin.
DATELINE_SEARCH_CHARS = 120
# Code for wire copy whose agency is not named ("With Post wires", "From wire reports").
GENERIC_WIRE = "wires"

# Capitalised openers that are labels, not datelines ("UPDATE: ...", "EXCLUSIVE — ...").
_NOT_CITIES = {"UPDATE", "UPDATED", "BREAKING", "BREAKING NEWS", "EDITOR'S NOTE", "EDITORS NOTE", "NOTE", "WATCH",
               "ANALYSIS", "OPINION", "EXCLUSIVE", "CORRECTION", "LIVE", "VIDEO", "PHOTOS", "LISTEN", "FACT CHECK"}  # fmt: skip
_DASH = r"[—–―-]{1,2}|:"
_CITY_CAPS = r"[A-Z][A-Z.'’\- ]{1,40}?(?:,\s*[A-Z][A-Za-z.'’\- ]{1,25}?)?"
_CITY_ANY = r"[A-Z][\w.'’\- ]{1,40}?(?:,\s*[A-Z][\w.'’\- ]{1,25}?)?"
_PHOTO = re.compile(r"\b(?:photo|photos|images?|video|graphic|file|pool|via\s+getty)\b|/", re.I)
# A "Published <time>" label that extraction glued to the first paragraph, before the dateline.
_PUBLISHED_LABEL = r"(?i:(?:published|posted|updated|last\s+updated)\b:?)[^\n]{0,60}?\s+(?=[A-Z])"
_PHOTO_WORD = re.compile(r"(?:photo|photos|images?|video|graphic)\b", re.I)
# Reuters house style "(Reporting by A; Editing by B)": matched by its shape, two "<word(s)> by
# <names>" clauses joined by a semicolon, so spun copies ("Protection by A; Enhancing by B") count.
_REPORTING_BY = re.compile(
    r"^\W{0,2}(?:[^\W\d_]+\s+){1,2}by\s+[^;()]{2,120};\s*(?:[^\W\d_]+\s+){1,2}by\s+[^;()]{2,120}(?:;[^()]{0,200})?\W{0,2}$"
)
_GENERIC_CREDIT = re.compile(
    r"^\W{0,3}(?:with|from)\s+(?:[\w'’.]+\s+){0,3}?(?:wires?|wire\s+services?|wire\s+reports?|news\s+services?)\W{0,3}$",
    re.I,
)


@dataclass(frozen=True)
class WireAttribution:
    """Result of :func:`attribute_wire`.

    Attributes:
        wire_service: Wire code (``AP``, ``Reuters`` … or :data:`GENERIC_WIRE`), or ``None``.
        attribution: Which signal decided: dateline|byline|credit|structured|registry, or ``None``.
        dateline: Dateline city as printed (``BAGHDAD``, ``LOS ANGELES``), or ``None``.
        body: The body without its dateline prefix and credit-line paragraphs.
        credit_line: The credit line removed from the body, or ``None``.
    """

    wire_service: str | None
    attribution: str | None
    dateline: str | None
    body: str
    credit_line: str | None


def _pattern(name: str) -> str:
    escaped = re.escape(name).replace(r"\ ", r"\s+")
    # Acronyms must match in capitals ("ap" is not AP); full names in any case.
    return escaped if len(name) <= 5 else f"(?i:{escaped})"


class _Patterns(NamedTuple):
    mention: re.Pattern[str]  # a wire name in a byline
    by_name: dict[str, str]  # folded name -> code
    dateline: re.Pattern[str]  # a dateline at the start of the body
    credit: re.Pattern[str]  # a credit line naming a wire
    wire_dateline: re.Pattern[str]  # "CITY (WIRE) -" anywhere (searched near the start)


@lru_cache(maxsize=16)
def _compiled(table: tuple[tuple[str, tuple[str, ...]], ...]) -> _Patterns:
    by_name = {name.casefold(): code for code, names in table for name in names}
    names = sorted({name for _, group in table for name in group}, key=len, reverse=True)
    alt = "|".join(_pattern(name) for name in names)
    mention = re.compile(rf"(?<![\w-])(?P<wire>{alt})(?![\w-])")
    dateline = re.compile(
        rf"^\s*(?:{_PUBLISHED_LABEL})?(?:(?P<city>{_CITY_ANY})\s*\(\s*(?P<wire>{alt})\s*\)|(?P<city2>{_CITY_ANY})\s+via\s+(?P<wire2>{alt}))"
        rf"\s*(?:{_DASH})\s*"
        rf"|^\s*(?:{_PUBLISHED_LABEL})?(?P<city3>{_CITY_CAPS})\s*(?:\([^)]{{0,30}}\)\s*)?(?:{_DASH})\s+(?=\S)"
    )
    credit = re.compile(
        rf"(?P<wire>{alt})(?i:\s+[^.;]{{0,60}}?\bcontributed\s+(?:to|reporting|this|from)\b)"
        rf"|(?i:^\W{{0,3}}(?:with\s+(?:(?:additional\s+)?reporting|files)\s+from|source:|from|with|via))"
        rf"\s+(?P<wire2>{alt})\b.{{0,60}}$"
        rf"|(?i:\b(?:provided|distributed|produced|reporting)\s+by)\s+(?P<wire3>{alt})\b"
        rf"|^\W{{0,3}}(?P<wire4>{alt})\W{{0,3}}$"
        rf"|(?i:copyright|\(c\)|©)\s*(?:\d{{4}}\s+)?(?P<wire5>{alt})\b"
    )
    wire_dateline = re.compile(rf"(?<![\w,])(?P<city>{_CITY_CAPS})\s*\(\s*(?P<wire>{alt})\s*\)\s*(?:{_DASH})\s*")
    return _Patterns(mention, by_name, dateline, credit, wire_dateline)


def _table(aliases: Mapping[str, Sequence[str]] | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    merged = {code: tuple(names) for code, names in WIRE_NAMES.items()}
    for code, names in (aliases or {}).items():
        merged[code] = tuple(dict.fromkeys((*merged.get(code, ()), *names, code)))
    return tuple(sorted(merged.items()))


def wire_code(name: str, aliases: Mapping[str, Sequence[str]] | None = None) -> str | None:
    """Normalize one wire name to its code.

    Args:
        name: A name as printed, e.g. ``The Associated Press``.
        aliases: Extra ``code -> names`` (the registry's ``wires`` table).

    Returns:
        The code (``AP``), or ``None`` for a name that is not a known wire.
    """
    return _compiled(_table(aliases)).by_name.get(re.sub(r"\s+", " ", name.strip()).casefold())


def _mentioned_wire(text: str, mention: re.Pattern[str], by_name: dict[str, str]) -> str | None:
    for match in mention.finditer(text):
        if _PHOTO_WORD.match(text[match.end() : match.end() + 12].strip()):
            continue  # "AP Photo/…": a picture credit in a byline field
        return by_name[re.sub(r"\s+", " ", match.group("wire")).casefold()]
    return None


def _find_credit(paragraph: str, credit: re.Pattern[str], by_name: dict[str, str]) -> str | None:
    if len(paragraph) > 300:
        return None
    text = paragraph.strip()
    if _GENERIC_CREDIT.match(text):
        named = credit.search(text)
        if named:
            return by_name[re.sub(r"\s+", " ", next(g for g in named.groups() if g)).casefold()]
        return GENERIC_WIRE
    if _REPORTING_BY.match(text):
        return "Reuters"
    match = credit.search(text)
    if not match:
        return None
    name = next(g for g in match.groups() if g)
    if _PHOTO.match(text[match.end() : match.end() + 10].strip()):
        return None
    return by_name[re.sub(r"\s+", " ", name).casefold()]


def split_dateline(body: str, aliases: Mapping[str, Sequence[str]] | None = None) -> tuple[str | None, str | None, str]:
    """Find a dateline at the start of a body.

    Args:
        body: Article text.
        aliases: Extra ``code -> names`` for wire names.

    Returns:
        ``(city, wire_code, body_without_dateline)``; ``city`` and ``wire_code`` are ``None``
        when absent (a dateline may name no wire: ``BAGHDAD —``).
    """
    patterns = _compiled(_table(aliases))
    match = patterns.dateline.match(body)
    if not match:
        # a wire dateline a little way in: a site tagline or kicker that extraction kept before
        # the story (in the first paragraph or as a short one of its own) goes with it
        match = patterns.wire_dateline.search(body, 0, DATELINE_SEARCH_CHARS)
        if not match:
            return None, None, body
    groups = match.groupdict()
    city = (groups.get("city") or groups.get("city2") or groups.get("city3") or "").strip(" ,")
    wire = groups.get("wire") or groups.get("wire2")
    if wire is None and (len(city) < 3 or city.count(" ") > 3 or city.rstrip(".'’").upper() in _NOT_CITIES):
        return None, None, body
    code = patterns.by_name[re.sub(r"\s+", " ", wire).casefold()] if wire else None
    return city or None, code, body[match.end() :]


def attribute_wire(
    *,
    body: str,
    byline: str | None,
    authors: Sequence[str],
    structured_orgs: Sequence[str],
    default_wire: str | None,
    aliases: Mapping[str, Sequence[str]] | None = None,
) -> WireAttribution:
    """Attribute an article to a wire service from its text and metadata.

    Args:
        body: Clean article body, paragraphs separated by blank lines.
        byline: Raw byline text (e.g. ``By Jane Doe and John Roe, Associated Press``), if any.
        authors: Author names and organizations from the metadata.
        structured_orgs: Organizations from JSON-LD author/publisher/sourceOrganization.
        default_wire: The registry's wire code for the site, if it is a wire's own site.
        aliases: Extra ``code -> names`` (the registry's ``wires`` table).

    Returns:
        The attribution, with the dateline and credit lines removed from the body.
    """
    patterns = _compiled(_table(aliases))
    mention, by_name, credit = patterns.mention, patterns.by_name, patterns.credit
    city, dateline_wire, rest = split_dateline(body, aliases)
    paragraphs = re.split(r"\n\s*\n", rest)
    credit_wire = credit_line = None
    last = len(paragraphs) - 1
    # credit lines close a story (last three paragraphs) or, more rarely, open it
    for index in dict.fromkeys((last, last - 1, last - 2, 0)):
        if 0 <= index <= last and (found := _find_credit(paragraphs[index], credit, by_name)):
            credit_wire, credit_line = found, paragraphs[index].strip()
            del paragraphs[index]
            break
    byline_wire = next(
        (w for text in (byline, *authors) if text and (w := _mentioned_wire(text, mention, by_name))), None
    )
    structured_wire = next((wire_code(org, aliases) for org in structured_orgs if wire_code(org, aliases)), None)
    default = (wire_code(default_wire, aliases) or default_wire) if default_wire else None
    for wire, how in (
        (dateline_wire, "dateline"),
        (byline_wire, "byline"),
        (credit_wire, "credit"),
        (structured_wire, "structured"),
        (default, "registry"),
    ):
        if wire:
            return WireAttribution(wire, how, city, "\n\n".join(paragraphs).strip(), credit_line)
    return WireAttribution(None, None, city, "\n\n".join(paragraphs).strip(), credit_line)
