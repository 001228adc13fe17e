"""Wire attribution: which agency an article's copy comes from, and how we know.

Signals, strongest first (the first that fires names the wire and the ``attribution`` value):

``dateline``
    A line of the opening names the wire in dateline form: ``BAGHDAD (AP) —``,
    ``Hamburg (dpa/lno) –``, ``Jammu, Jun 4 (PTI)``, ``(ANSA) - ROMA, 2 FEB -``, ``(EFE).-``,
    ``SYDNEY, Jan 29 AAP -``, ``KVELLER via JTA —``.
``byline``
    A byline names the wire as the author: the metadata byline or authors (``By Jane Doe,
    Associated Press``, ``AFP/The Local``, ``dpa``), or a short byline line in the opening of the
    body (``Por Agencia EFE``, ``Von: det/dpa``, ``Autor: PAP``, ``PTI``, ``(Xinhua)``,
    ``Source: Xinhua``, ``Reuters LONDON | Updated …``), or an unnamed wire (``Wire reports``,
    ``Staff and news service reports``).
``credit``
    A credit line closing (or opening) the body: ``The Associated Press contributed to this
    report.``, ``With Post wires``, ``(Reporting by …; Editing by …)`` (Reuters house style),
    ``Copyright © 2023 Thomson Reuters``, ``Quelle: dpa``, ``von APA``, ``aja/PAP``,
    ``(With inputs from agencies.)``, ``(Con información de AFP, EFE y Reuters)``; or an agency
    tag ending the last story line: ``… geäußert. (dpa)``, ``(dpa/gem)``, ``(FR mit dpa)``,
    ``(ats/nxp)``, ``– Reuters``, ``… la pandemia. EFE``.
``structured``
    JSON-LD ``author``/``publisher``/``sourceOrganization`` organizations name the wire.
``registry``
    The source registry's default wire for the site (a wire's own site).

**Mentions are not credits.** A signal counts only where a credit stands: the dateline and
byline lines of the opening, the credit lines and closing tag at the end. An agency named in
running text (``told AFP``, ``Reuters reported``, ``according to an AP report``, ``sagte der
dpa``) is a source of a staff story, and a photo credit (``AP Photo/…``, ``Foto: …/dpa``,
``REUTERS/Kim``, a ``(PTI)`` caption followed by the story) credits a picture: neither
attributes the copy. Short names match only as whole tokens in the case they are printed in.
A closing tag counts only when what follows it is short (links, chrome), so a caption credit
inside the story does not. A wire credit that names no agency gives :data:`GENERIC_WIRE`.

The dateline city is reported whenever the body opens with a dateline, with or without a wire.
Dateline and credit lines are removed from the returned body (they live in their own fields).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from wirearchive.wire_names import WIRE_NAMES

__all__ = ["GENERIC_WIRE", "WIRE_NAMES", "WireAttribution", "attribute_wire", "split_dateline", "wire_code"]

# The line and length limits below were set on bench/data/wire-labels (in-sample, see its README
# for the held-out figures); re-run bench/wire.py after changing any of them.
# A wire dateline ("OTTAWA (Reuters) -") found within this many characters of the start still
# counts; the text before it is chrome extraction kept (a tagline, a kicker). Set from the demo
# sites' taglines (up to ~60 characters) with margin.
DATELINE_SEARCH_CHARS = 120
# A wire dateline opening one of the first lines counts too, the lines before it kept (a title,
# a photo caption, a byline). On the labelled real copy the dateline came as late as the 7th line
# (after headline, standfirst, byline, section, date and a caption). Re-run bench/wire.py.
DATELINE_LINES = 8
# Byline lines are looked for among the first lines, credit lines among the last lines.
HEAD_LINES = 6
TAIL_LINES = 6
# A line longer than this is story text, not a byline, a credit or a link after a closing tag.
SHORT_LINE = 120
# A line longer than this (or a sentence of 40+ characters) starts the story: lines before it
# are the opening, where an agency-only line is a byline, not a credit.
STORY_LINE = 150
# A dateline place has at most this many words ("SOUTHWEST MIAMI-DADE, FLA.", "NEW YORK’S
# CHAUTAUQUA"); more is a sentence that happens to end in "(dpa)".
MAX_CITY_WORDS = 5
# Code for wire copy whose agency is not named ("With Post wires", "From wire reports").
GENERIC_WIRE = "wires"

# Capitalised openers that are labels, not datelines ("UPDATE: ...", "EXCLUSIVE — ...").
_NOT_CITIES = {"UPDATE", "UPDATED", "BREAKING", "BREAKING NEWS", "EDITOR'S NOTE", "EDITORS NOTE", "NOTE", "WATCH",
               "ANALYSIS", "OPINION", "EXCLUSIVE", "CORRECTION", "LIVE", "VIDEO", "PHOTOS", "LISTEN", "FACT CHECK"}  # fmt: skip
_DASH = r"[—–―-]{1,2}|:"
_CITY_CAPS = r"[A-Z][A-Z.'’\- ]{1,40}?(?:,\s*[A-Z][A-Za-z.'’\- ]{1,25}?)?"
_CITY_ANY = r"[A-Z][\w.'’/\- ]{1,40}?(?:,\s*[A-Z][\w.'’\- ]{1,25}?)?"
# "2 feb", "28 ottobre", "14. März", "Jun 4", "Oct. 30", "March 14, 2023"
_DATE = r"(?:\d{1,2}\.?\s+[^\W\d_]{3,10}\.?|[^\W\d_]{3,9}\.?\s+\d{1,2}(?:,\s*\d{4})?)"
# what may end a dateline: a dash, a colon, ".-" (Spanish), "." (German "(KNA/iz)."), or nothing
# before a capitalised word ("Jammu, Jun 4 (PTI) The NDA ...")
_DATELINE_END = r"(?:\s*(?:\.-|[—–―-]{1,2}|:)\s*|\.[ \t]+|[ \t]+(?=[A-Z„“\"«]))"
_PHOTO = re.compile(r"\b(?:photo|photos|images?|video|graphic|file|pool|via\s+getty)\b|/|\|", re.I)
# A "Published <time>" label that extraction glued to the first paragraph, before the dateline.
_PUBLISHED_LABEL = r"(?i:(?:published|posted|updated|last\s+updated)\b:?)[^\n]{0,60}?\s+(?=[A-Z])"
_PHOTO_WORD = re.compile(r"(?:photo|photos|images?|video|graphic|foto|bild)\b", re.I)
# Reuters house style "(Reporting by A; Editing by B)": matched by its shape, two "<word(s)> by
# <names>" clauses joined by a semicolon, so spun copies ("Protection by A; Enhancing by B") count;
# or one parenthesised "(Reporting by A)" clause.
_REPORTING_BY = re.compile(
    r"^\W{0,2}(?:[^\W\d_]+\s+){1,2}by\s+[^;()]{2,120};\s*(?:[^\W\d_]+\s+){1,2}by\s+[^;()]{2,120}(?:;[^()]{0,200})?\W{0,2}$"
    r"|^\(\s*(?:additional\s+)?reporting\s+by\s+[^()]{2,250}\)$",
    re.I,
)
_GENERIC_WORDS = r"(?:wires?|wire\s+services?|wire\s+reports?|news\s+services?|news\s+agencies|agencies|agencias|agences|agenturen|एजेंसी)"
_GENERIC_CREDIT = re.compile(
    rf"^\W{{0,3}}(?:with|from|con|mit|avec)\s+(?:[\w'’.]+\s+){{0,3}}?{_GENERIC_WORDS}\W{{0,3}}$|^\W{{0,2}}{_GENERIC_WORDS}\W{{0,2}}$",
    re.I,
)
_GENERIC_BYLINE = re.compile(
    r"\b(?:news|wire)\s+services?\b|\bwire\s+reports?\b|^\W*(?:agencies|agencias|agenturen)\W*$", re.I
)
# words that may stand next to the agency inside a closing tag: editor initials ("dpa/gem",
# "ats/nxp"), an outlet's short name ("FR mit dpa"), a date ("KNA 19.11.21"), "Stand" (as of)
_TAG_WORD = re.compile(r"^(?:[a-z]{1,5}|[A-Z]{1,6}|\d[\d.:/-]*|mit|with|con|and|und|y|et|Stand)$")


@dataclass(frozen=True)
class WireAttribution:
    """Result of :func:`attribute_wire`.

    Attributes:
        wire_service: Wire code (``AP``, ``Reuters`` … or :data:`GENERIC_WIRE`), or ``None``.
        attribution: Which signal decided: dateline|byline|credit|structured|registry, or ``None``.
        dateline: Dateline city as printed (``BAGHDAD``, ``LOS ANGELES``), or ``None``.
        body: The body without its dateline prefix and credit line.
        credit_line: The credit line (or closing agency tag) removed from the body, or ``None``.
    """

    wire_service: str | None
    attribution: str | None
    dateline: str | None
    body: str
    credit_line: str | None


def _pattern(name: str) -> str:
    escaped = re.escape(name).replace(r"\ ", r"\s+")
    # Acronyms must match in the case they are printed in ("ap" is not AP); full names in any case.
    return escaped if len(name) <= 5 else f"(?i:{escaped})"


class _Patterns(NamedTuple):
    alt: str  # alternation of every name
    mention: re.Pattern[str]  # a wire name as a token (bylines)
    by_name: dict[str, str]  # folded name -> code
    dateline: re.Pattern[str]  # a dateline at the start of the body (wire or not)
    wire_dateline: re.Pattern[str]  # "CITY (WIRE) -" anywhere (searched near the start)
    line_dateline: re.Pattern[str]  # a wire dateline opening a line
    credit: re.Pattern[str]  # a whole credit line naming a wire
    byline_line: re.Pattern[str]  # a short byline line naming a wire
    tag: re.Pattern[str]  # a closing agency tag at the end of a line


@lru_cache(maxsize=16)
def _compiled(table: tuple[tuple[str, tuple[str, ...]], ...]) -> _Patterns:
    by_name = {name.casefold(): code for code, names in table for name in names}
    names = sorted({name for _, group in table for name in group}, key=len, reverse=True)
    alt = "|".join(_pattern(name) for name in names)
    tokens = r"[^()\s/]{1,20}"
    paren = rf"\(\s*(?:{tokens}/)*(?P<wire>{alt})(?:/{tokens})*\s*\)"
    place = rf"(?P<city>{_CITY_ANY}?)(?:,?\s+{_DATE})?\s*"
    wire_forms = (
        rf"\(\s*(?P<wire2>{alt})\s*\)\s*[—–-]{{1,2}}\s*(?P<city2>[A-Z][\w.'’ -]{{1,30}}?),\s*{_DATE}\s*[—–-]{{1,2}}\s*"  # (ANSA) - ROMA, 2 FEB -
        rf"|(?:{_DATE}\s*|{place})?{paren}{_DATELINE_END}"  # Hamburg (dpa/lno) –, Aug 23 (Reuters) -
        rf"|(?P<city3>{_CITY_ANY}),\s*{_DATE}\s+(?P<wire3>{alt})\s*[—–-]{{1,2}}\s+"  # SYDNEY, Jan 29 AAP -
        rf"|(?P<city4>{_CITY_ANY})\s+via\s+(?P<wire4>{alt})\s*(?:{_DASH})\s*"  # KVELLER via JTA —
    )
    dateline = re.compile(
        rf"^\s*(?:{_PUBLISHED_LABEL})?(?:{wire_forms})"
        rf"|^\s*(?:{_PUBLISHED_LABEL})?(?P<city5>{_CITY_CAPS})\s*(?:\([^)]{{0,30}}\)\s*)?(?:{_DASH})\s+(?=\S)"
    )
    wire_dateline = re.compile(rf"(?<![\w,])(?P<city>{_CITY_CAPS})\s*\(\s*(?P<wire>{alt})\s*\)\s*(?:{_DASH})\s*")
    line_dateline = re.compile(rf"^[ \t]*(?:{wire_forms})", re.M)
    credit = re.compile(
        rf"(?P<wire>{alt})(?i:\s+[^.;]{{0,60}}?\bcontributed\s+(?:to|reporting|this|from)\b)"
        rf"|(?i:^\W{{0,3}}(?:with\s+(?:(?:additional\s+)?reporting|files)\s+from|(?:source|quelle|fuente|fonte)\s*:|from|with|via))"
        rf"\s+(?P<wire2>{alt})\b.{{0,60}}$"
        rf"|(?i:\b(?:provided|distributed|produced|reporting)\s+by)\s+(?P<wire3>{alt})\b"
        rf"|^\W{{0,3}}(?P<wire4>{alt})\W{{0,3}}$"
        rf"|(?i:copyright|\(c\)|©)(?:\s*(?i:©|\(c\)|copyright))?\s*(?:\d{{4}}\s+)?(?P<wire5>{alt})\b"
        rf"|^(?i:von|by|por|par|autor|author)\s*:?\s+(?P<wire6>{alt})\W{{0,3}}$"  # von APA, Autor: dts
        rf"|^(?:[a-z]{{2,4}}|[A-Z]{{2,5}})/(?P<wire7>{alt})$|^(?P<wire8>{alt})/(?:[a-z]{{2,4}}|[A-Z]{{2,5}})$"  # aja/PAP
        rf"|^\W{{0,2}}(?i:with|con|mit|avec)\s+(?:[\w'’]+\s+){{0,2}}?(?i:from|de|von|des)\s+(?P<wire9>{alt})\b[^()]{{0,60}}\W{{0,2}}$"
    )
    byline_line = re.compile(
        rf"^\W{{0,2}}(?:(?i:by|por|von|par|autor|author|source|fuente|quelle|fonte|agencia)\s*:?\s+)?(?:[a-z]{{2,4}}/)?"
        rf"(?P<wire>{alt})(?:\s*\)|\s*[-–—|,]\s*.{{0,60}}|\s+(?:[A-Z]{{2}}[A-Z .'’-]*|Updated|Published)\b.{{0,60}})?\s*$"
    )
    tag = re.compile(
        rf"(?:(?<=\s)|^)[(\[](?P<inner>[^()\[\]]{{1,40}})[)\]]\s*$"
        rf"|(?:(?<=\s)|^)[—–-]\s*(?P<wire2>{alt})\s*$"
        rf"|(?<=[.!?\"”»])\s+(?P<wire3>{alt})\s*$"
    )
    return _Patterns(alt, re.compile(rf"(?<![\w-])(?P<wire>{alt})(?![\w-])"), by_name, dateline, wire_dateline,
                     line_dateline, credit, byline_line, tag)  # fmt: skip


def _table(aliases: Mapping[str, Sequence[str]] | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    merged = {code: tuple(names) for code, names in WIRE_NAMES.items()}
    for code, names in (aliases or {}).items():
        merged[code] = tuple(dict.fromkeys((*merged.get(code, ()), *names, code)))
    return tuple(sorted(merged.items()))


def _fold(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip()).casefold()


def _code_of(patterns: _Patterns, matched: str) -> str:
    """The wire code of a name the (case-insensitive) patterns matched.

    ``re.IGNORECASE`` and ``str.casefold`` disagree on a few letters (``ANADOLU AJANSI`` matches
    ``Anadolu Ajansı`` but folds to ``anadolu ajansi``), so a name missing from the folded table is
    looked up by the same case-insensitive comparison the pattern made.
    """
    code = patterns.by_name.get(_fold(matched))
    if code is not None:
        return code
    wanted = re.sub(r"\s+", " ", matched.strip())
    for name, found in patterns.by_name.items():
        if re.fullmatch(re.escape(name).replace("\\ ", r"\s+"), wanted, re.I):
            return found
    raise KeyError(matched)  # a pattern matched a name the table does not hold: a bug in _compiled


def wire_code(name: str, aliases: Mapping[str, Sequence[str]] | None = None) -> str | None:
    """Normalize one wire name to its code.

    Args:
        name: A name as printed, e.g. ``The Associated Press``.
        aliases: Extra ``code -> names`` (the registry's ``wires`` table).

    Returns:
        The code (``AP``), or ``None`` for a name that is not a known wire.
    """
    return _compiled(_table(aliases)).by_name.get(_fold(name))


def _first_group(match: re.Match[str], prefix: str) -> str | None:
    return next((v for k, v in match.groupdict().items() if k.startswith(prefix) and v), None)


def _mentioned_wire(text: str, patterns: _Patterns) -> str | None:
    """The wire a byline or author string names, or GENERIC_WIRE for "news service reports"."""
    for match in patterns.mention.finditer(text):
        if _PHOTO_WORD.match(text[match.end() : match.end() + 12].strip()):
            continue  # "AP Photo/…": a picture credit in a byline field
        return _code_of(patterns, match.group("wire"))
    # an author field that is only the agency, in any case ("Dpa", "det/dpa" split by the metadata)
    for part in re.split(r"\s*[;/,]\s*", text):
        if part and (code := patterns.by_name.get(_fold(part))):
            return code
    return GENERIC_WIRE if _GENERIC_BYLINE.search(text) else None


def _tag_wire(match: re.Match[str], patterns: _Patterns) -> str | None:
    """The wire a closing tag names: "(dpa/gem)", "(FR mit dpa)", "– Reuters", ". EFE"."""
    if match.group("inner") is None:
        return _code_of(patterns, _first_group(match, "wire") or "")
    inner = match.group("inner").strip(" .")
    if re.fullmatch(rf"(?i:with\s+inputs\s+from\s+)?{_GENERIC_WORDS}", inner, re.I):
        return GENERIC_WIRE
    if _PHOTO_WORD.search(inner):
        return None
    words = [w for w in re.split(r"[\s/,;]+", inner) if w]
    wires = [patterns.by_name.get(w.casefold()) for w in words if re.fullmatch(patterns.alt, w)]
    others = [w for w in words if not re.fullmatch(patterns.alt, w)]
    if wires and all(_TAG_WORD.match(w) for w in others):
        return wires[0]
    return None


# Credit-line forms that, opening the body, are bylines instead ("Autor: PAP", "PTI", "Quelle: dpa").
_BYLINE_FORMS = {"wire2", "wire4", "wire6", "wire7", "wire8"}


def _find_credit(line: str, patterns: _Patterns, opening: bool = False) -> str | None:
    """The wire a whole credit line names, GENERIC_WIRE for an unnamed one, else ``None``.

    Args:
        line: One line of the body.
        patterns: The compiled wire patterns.
        opening: The line opens the body: byline-shaped lines are left to the byline signal.
    """
    if len(line) > 300:
        return None
    text = line.strip()
    if _GENERIC_CREDIT.match(text) and not (
        opening and not re.match(r"\W{0,3}(?:with|from|con|mit|avec)\b", text, re.I)
    ):
        named = patterns.credit.search(text)
        return _code_of(patterns, _first_group(named, "wire") or "") if named else GENERIC_WIRE
    if _REPORTING_BY.match(text):
        return "Reuters"
    match = patterns.credit.search(text)
    if not match or (opening and match.lastgroup in _BYLINE_FORMS and not text.lower().startswith("with")):
        return None
    after = match.end(match.lastgroup) if match.lastgroup else match.end()
    if _PHOTO.match(text[after : after + 10].strip()):
        return None  # "Source: Reuters/oraise", "© dpa | Kay Nietfeld": a compound or picture credit
    if match.group("wire5") and "|" in text[: match.start()]:
        return None  # "Kurt Koch | © KNA": a picture credit under a caption
    return _code_of(patterns, _first_group(match, "wire") or "")


def split_dateline(body: str, aliases: Mapping[str, Sequence[str]] | None = None) -> tuple[str | None, str | None, str]:
    """Find a dateline at the start of a body (or opening one of its first lines, when it names a wire).

    Args:
        body: Article text.
        aliases: Extra ``code -> names`` for wire names.

    Returns:
        ``(city, wire_code, body_without_dateline)``; ``city`` and ``wire_code`` are ``None``
        when absent (a dateline may name no wire: ``BAGHDAD —``).
    """
    patterns = _compiled(_table(aliases))
    match = patterns.dateline.match(body)
    if match and _first_group(match, "wire") and not _plausible_city(match):
        match = None
    if match and not _first_group(match, "wire"):
        city = (match.group("city5") or "").strip(" ,")
        if (
            len(city) < 3
            or city.count(" ") > 3
            or city.rstrip(".'’").upper() in _NOT_CITIES
            or _fold(city) in patterns.by_name
        ):
            match = None
    # a wire dateline a little way in: a site tagline or kicker that extraction kept before the
    # story (in the first paragraph or as a short one of its own) goes with it
    near = None if match else patterns.wire_dateline.search(body, 0, DATELINE_SEARCH_CHARS)
    if match and not _first_group(match, "wire"):
        # a wireless "CITY —" (or a "LABEL:" read as one) does not hide a wire dateline just below
        later = _line_wire_dateline(body, patterns, match.end())
        if later:
            return later
    found = match or near
    if found:
        city = (_first_group(found, "city") or "").strip(" ,") or None
        wire = _first_group(found, "wire")
        return city, (_code_of(patterns, wire) if wire else None), body[found.end() :]
    return _line_wire_dateline(body, patterns, 0) or (None, None, body)


def _line_wire_dateline(body: str, patterns: _Patterns, start: int) -> tuple[str | None, str | None, str] | None:
    """A wire dateline opening one of the first lines (after a title, byline or photo caption),
    as ``(city, code, body without it)``; the lines before it stay."""
    for found in patterns.line_dateline.finditer(body, start, _line_offset(body, DATELINE_LINES)):
        if (wire := _first_group(found, "wire")) and _plausible_city(found) and not _PHOTO_WORD.search(found.group(0)):
            city = (_first_group(found, "city") or "").strip(" ,") or None
            return city, _code_of(patterns, wire), body[: found.start()] + body[found.end() :]
    return None


def _plausible_city(found: re.Match[str]) -> bool:
    """A dateline's place has a few words ("NEW YORK, United States"), not a sentence."""
    city = _first_group(found, "city") or ""
    return len(city.split()) <= MAX_CITY_WORDS


def _line_offset(text: str, n: int) -> int:
    """Offset where the ``n``-th non-empty line ends (the whole text when shorter)."""
    ends = [m.end() for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
    return ends[n - 1] if len(ends) >= n else len(text)


def _lines(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]


def _story_start(text: str, lines: list[tuple[int, int]]) -> int:
    """Index of the first line that reads as story text; the lines before it open the page
    (title, byline, kicker, caption)."""
    for index, (start, end) in enumerate(lines):
        line = text[start:end].strip()
        if len(line) > STORY_LINE or (len(line) >= 40 and re.search(r"[.!?][\"”»]?$", line)):
            return index
    return len(lines)


def _body_credit(text: str, patterns: _Patterns) -> tuple[str | None, tuple[int, int] | None]:
    """A credit line or closing tag: its wire and the span to remove, searched from the end."""
    lines = _lines(text)
    if not lines:
        return None, None
    story = min(_story_start(text, lines), len(lines) - 1)
    tail = list(range(len(lines) - 1, max(-1, len(lines) - 1 - TAIL_LINES), -1))
    for index in dict.fromkeys((*tail[:3], 0)):  # whole credit lines: the last three, or the first
        start, end = lines[index]
        if (wire := _find_credit(text[start:end], patterns, opening=index < story)) is not None:
            return wire, (start, end)
    for index in tail:  # a closing tag ending the last story line (what follows is short)
        start, end = lines[index]
        if index < story or any(e - s > SHORT_LINE for s, e in lines[index + 1 :]):
            break
        match = patterns.tag.search(text, start, end)
        if match and (wire := _tag_wire(match, patterns)):
            return wire, (match.start(), match.end())
    return None, None


def _body_byline(text: str, patterns: _Patterns) -> str | None:
    """The wire a short byline line of the opening names ("Por Agencia EFE", "PTI", "Wire reports")."""
    lines = _lines(text)
    first_long = next((i for i, (s, e) in enumerate(lines) if e - s > STORY_LINE), len(lines))
    head = lines[: min(HEAD_LINES, first_long)]
    for start, end in head + lines[-TAIL_LINES:]:
        line = text[start:end].strip()
        if len(line) > 100:
            continue
        if re.match(r"(?i:by|por|von)\s+\S", line) and (wire := _mentioned_wire(line, patterns)):
            return wire
        if (start, end) in head:
            if (match := patterns.byline_line.match(line)) and not _PHOTO_WORD.search(line):
                return _code_of(patterns, match.group("wire"))
            if re.fullmatch(
                r"(?i:(?:by\s+)?(?:staff\s+and\s+)?(?:news|wire)\s+(?:service\s+|services\s+)?reports?)", line
            ):
                return GENERIC_WIRE
    return None


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
        The attribution, with the dateline and credit line removed from the body.
    """
    patterns = _compiled(_table(aliases))
    city, dateline_wire, rest = split_dateline(body, aliases)
    credit_wire, span = _body_credit(rest, patterns)
    credit_line = None
    if span:
        credit_line = rest[span[0] : span[1]].strip()
        rest = rest[: span[0]].rstrip(" \t") + rest[span[1] :]
    byline_wire = next((w for text in (byline, *authors) if text and (w := _mentioned_wire(text, patterns))), None)
    byline_wire = byline_wire or _body_byline(rest, patterns)
    structured_wire = next((wire_code(org, aliases) for org in structured_orgs if wire_code(org, aliases)), None)
    default = (wire_code(default_wire, aliases) or default_wire) if default_wire else None
    clean = "\n\n".join(re.split(r"\n\s*\n", rest)).strip()
    for wire, how in (
        (dateline_wire, "dateline"),
        (byline_wire, "byline"),
        (credit_wire, "credit"),
        (structured_wire, "structured"),
        (default, "registry"),
    ):
        if wire:
            return WireAttribution(wire, how, city, clean, credit_line)
    return WireAttribution(None, None, city, clean, credit_line)
