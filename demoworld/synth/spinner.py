"""A synonym spinner, the kind content farms run over copied articles.

It swaps words and phrases for synonyms from :data:`demoworld.synth.synonyms.SYNONYMS`
without regard to context, keeps the case of what it replaced, leaves proper names alone (they
are not in the thesaurus), mostly spares quotations, and now and then spells the leading digits
of a number out ("4,000" -> "four,000"). The result reads badly but keeps names, numbers and
quotes, which is what the dedupe's derived-copy detector has to cope with.
"""

from __future__ import annotations

import random
import re

from demoworld.synth.synonyms import SYNONYMS
from demoworld.synth.vocab import NUMBER_WORDS


def _trie_pattern(words: list[str]) -> str:
    """One regex alternation shaped as a prefix trie: ``re`` tries a flat 500-way alternation at
    every position, which made spinning 10x slower than this (measured on the corpus generator).
    Longer continuations are tried first, so "tear gas" wins over "tear"."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


_PHRASE = re.compile(r"\b" + _trie_pattern(list(SYNONYMS)) + r"\b", re.IGNORECASE)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_THOUSANDS = re.compile(r"\b(\d{1,2}),(\d{3})\b")
# Quotes are spun at this fraction of the rate: "mostly survive", as in the seed article.
_QUOTE_FACTOR = 0.1
# Share of "N,NNN" numbers whose leading group is spelled out, relative to the rate.
_NUMBER_FACTOR = 0.5


def _match_case(original: str, replacement: str) -> str:
    if len(original) > 1 and original.isupper():
        return replacement.upper()
    if original[0].isupper():
        return replacement[0].upper() + replacement[1:]
    return replacement


def _spin_plain(text: str, rng: random.Random, rate: float, numbers: bool = True) -> str:
    def swap(match: re.Match[str]) -> str:
        word = match.group()
        if rng.random() >= rate:
            return word
        options = SYNONYMS[word.lower()]
        return _match_case(word, options[int(rng.random() * len(options))])

    def spell(match: re.Match[str]) -> str:
        lead = int(match.group(1))
        if lead >= len(NUMBER_WORDS) or rng.random() >= rate * _NUMBER_FACTOR:
            return match.group()
        return f"{NUMBER_WORDS[lead]},{match.group(2)}"

    swapped = _PHRASE.sub(swap, text)
    return _THOUSANDS.sub(spell, swapped) if numbers else swapped


def spin(text: str, rng: random.Random, rate: float = 0.6, numbers: bool = True) -> str:
    """Rewrite text with synonyms, as an article spinner does.

    Args:
        text: Text to spin (a title, a paragraph, a credit line).
        rng: Seeded generator; the same state and text give the same output.
        rate: Chance that each known word or phrase is replaced (0 leaves the text unchanged).
        numbers: Whether the leading digits of "N,NNN" numbers are spelled out now and then.

    Returns:
        The spun text.
    """
    out = []
    pos = 0
    for match in _QUOTED.finditer(text):
        out.append(_spin_plain(text[pos : match.start()], rng, rate, numbers))
        out.append(_spin_plain(match.group(), rng, rate * _QUOTE_FACTOR, numbers))
        pos = match.end()
    out.append(_spin_plain(text[pos:], rng, rate, numbers))
    return "".join(out)
