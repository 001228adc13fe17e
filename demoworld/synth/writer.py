"""Write one news report from an event's facts with the templates of :mod:`.topics`.

Templates are compiled once at import into parts (literal text, slot, choice), so rendering a
report is a few list joins; that keeps the corpus generator fast enough for million-document
benches. Reports written with ``avoid`` set to the templates an earlier report used come out
worded differently, which is what makes a rival wire's report a hard negative rather than a copy.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from demoworld.synth.facts import Facts
from demoworld.synth.topics import ATTRIBUTIONS, GENERIC, REPEAT_ATTRIBUTIONS, TOPICS

_TOKEN = re.compile(r"\{(\w+)\}|<([^<>]*)>")
_SLOT = re.compile(r"\{(\w+)\}")  # a slot inside a choice ("<mayor of {city}|...>")

# A compiled template: literal strings, slot names wrapped in 1-tuples, choices as n-tuples (n>1).
Part = str | tuple[str, ...]


def _compile(template: str) -> tuple[Part, ...]:
    parts: list[Part] = []
    pos = 0
    for match in _TOKEN.finditer(template):
        if match.start() > pos:
            parts.append(template[pos : match.start()])
        if match.group(1) is not None:
            parts.append((match.group(1),))
        else:
            options = tuple(match.group(2).split("|"))
            parts.append(options if len(options) > 1 else options[0])
        pos = match.end()
    if pos < len(template):
        parts.append(template[pos:])
    return tuple(parts)


def _render(parts: tuple[Part, ...], facts: Facts, rng: random.Random) -> str:
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif len(part) == 1:
            out.append(facts[part[0]])
        else:
            option = part[int(rng.random() * len(part))]
            out.append(_SLOT.sub(lambda m: facts[m.group(1)], option) if "{" in option else option)
    return "".join(out)


@dataclass(frozen=True)
class _Pools:
    headlines: tuple[tuple[str, tuple[Part, ...]], ...]
    leads: tuple[tuple[str, tuple[Part, ...]], ...]
    developments: tuple[tuple[str, tuple[Part, ...]], ...]
    body: dict[str, tuple[tuple[str, tuple[Part, ...]], ...]]
    quotes: tuple[tuple[str, str, tuple[Part, ...]], ...]


def _pool(prefix: str, templates: tuple[str, ...]) -> tuple[tuple[str, tuple[Part, ...]], ...]:
    return tuple((f"{prefix}{i}", _compile(t)) for i, t in enumerate(templates))


_POOLS: dict[str, _Pools] = {
    name: _Pools(
        headlines=_pool("h", spec["headlines"]),
        leads=_pool("l", spec["leads"]),
        developments=_pool("v", spec["developments"]),
        body={
            "detail": _pool("d", spec["details"]),
            **{kind: _pool(kind[:2], GENERIC[kind]) for kind in spec.get("generic", tuple(GENERIC))},
        },
        quotes=tuple((f"q{i}", speaker, _compile(text)) for i, (speaker, text) in enumerate(spec["quotes"])),
    )
    for name, spec in TOPICS.items()
}
_ATTRIBUTIONS = {speaker: tuple(_compile(t) for t in ts) for speaker, ts in ATTRIBUTIONS.items()}
_REPEATS = {speaker: tuple(_compile(t) for t in ts) for speaker, ts in REPEAT_ATTRIBUTIONS.items()}

# Share of body paragraphs of each kind; chosen by eye against wire copy (a third or so quotes).
_KIND_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("detail", 0.42),
    ("quote", 0.26),
    ("background", 0.12),
    ("color", 0.1),
    ("reaction", 0.1),
)
# Body paragraphs a report keeps even when the sentences not used by the event's other reports run
# out (then it reuses some, as the corpus promises wire originals of 5-15 paragraphs).
_MIN_BODY = 4
# Chance that a detail paragraph carries a second sentence.
_TWO_SENTENCES = 0.35


def _pick(
    pool: Sequence[tuple],
    rng: random.Random,
    avoid: set[str],
    used: set[str],
    strict: bool = False,
    reuse: bool = False,
) -> tuple | None:
    """A random entry of ``pool`` (entries start with their template id), preferring ids in neither set
    (with ``reuse``, any entry when every one is in ``used``: a headline or lead is always written).

    With ``strict``, ids in ``avoid`` are never taken: body sentences of one event's other reports
    are not reused (two wires' reports of one event share quotes and facts, not prose), so such a
    report comes out shorter when the pools run dry.
    """
    fresh = [entry for entry in pool if entry[0] not in avoid and entry[0] not in used]
    if not fresh and not strict:
        fresh = [entry for entry in pool if entry[0] not in used] or (list(pool) if reuse else [])
    if not fresh:
        return None
    entry = fresh[int(rng.random() * len(fresh))]
    used.add(entry[0])
    return entry


def headline(topic: str, facts: Facts, rng: random.Random, avoid: set[str], used: set[str]) -> str:
    """A headline for the event, preferring templates not in ``avoid`` (``used`` is updated)."""
    entry = _pick(_POOLS[topic].headlines, rng, avoid, used, reuse=True)
    assert entry is not None, topic  # every topic has headline templates
    return _render(entry[1], facts, rng)


def lead(topic: str, facts: Facts, rng: random.Random, avoid: set[str], used: set[str]) -> str:
    """The lead sentence (first paragraph, without dateline)."""
    entry = _pick(_POOLS[topic].leads, rng, avoid, used, reuse=True)
    assert entry is not None, topic  # every topic has lead templates
    return _render(entry[1], facts, rng)


def development(
    topic: str, facts: Facts, rng: random.Random, used: set[str], avoid: set[str] | None = None
) -> str | None:
    """A sentence of new information for a write-through, or None when all were used.

    ``used``: this story's developments so far (updated); ``avoid``: those to prefer not to take
    (another story's of the event).
    """
    entry = _pick(_POOLS[topic].developments, rng, avoid or set(), used)
    return None if entry is None else _render(entry[1], facts, rng)


def _quote(topic: str, facts: Facts, rng: random.Random, avoid: set[str], used: set[str]) -> str | None:
    entry = _pick(_POOLS[topic].quotes, rng, avoid, used)
    if entry is None:
        return None
    _, speaker, parts = entry
    text = _render(parts, facts, rng)
    introduced = f"speaker:{speaker}"
    forms = _REPEATS[speaker] if introduced in used else _ATTRIBUTIONS[speaker]
    used.add(introduced)
    attribution = forms[int(rng.random() * len(forms))]
    return _render(attribution, {**facts, "q": text}, rng)


def _sentence(
    kind: str, topic: str, facts: Facts, rng: random.Random, avoid: set[str], used: set[str], strict: bool = True
) -> str | None:
    if kind == "quote":
        return _quote(topic, facts, rng, avoid, used)
    if kind not in _POOLS[topic].body:
        return None
    entry = _pick(_POOLS[topic].body[kind], rng, avoid, used, strict=strict)
    return None if entry is None else _render(entry[1], facts, rng)


def body(topic: str, facts: Facts, rng: random.Random, n_paragraphs: int, avoid: set[str], used: set[str]) -> list[str]:
    """Body paragraphs after the lead: details, quotes, background, color, reaction, outlook.

    Args:
        topic: Topic name.
        facts: Event facts.
        rng: Seeded generator.
        n_paragraphs: Paragraphs wanted (fewer, but at least ``_MIN_BODY`` where the pools allow,
            come back when the sentences not in ``avoid`` run dry).
        avoid: Template ids not to use for body sentences (those of another report of the same
            event; quotes may repeat, as reporters quote the same statements).
        used: Template ids used so far by this report; updated in place.

    Returns:
        The paragraphs, in order.
    """
    kinds, weights = zip(*_KIND_WEIGHTS, strict=True)
    paragraphs = [_sentence("detail", topic, facts, rng, avoid, used)]
    closing = _sentence("outlook", topic, facts, rng, avoid, used)  # None for topics without outlook lines
    while len(paragraphs) < n_paragraphs - (closing is not None):
        kind = rng.choices(kinds, weights)[0]
        text = _sentence(kind, topic, facts, rng, avoid, used)
        if text is None:
            text = _sentence("detail", topic, facts, rng, avoid, used) or _sentence(
                "background", topic, facts, rng, avoid, used
            )
            if text is None and len(paragraphs) + (closing is not None) < _MIN_BODY:
                # a short report on a topic with small pools: reuse (in its own phrasing) a sentence
                text = _sentence("detail", topic, facts, rng, avoid, used, strict=False) or _sentence(
                    "background", topic, facts, rng, avoid, used, strict=False
                )
            if text is None:
                break
        if kind == "detail" and rng.random() < _TWO_SENTENCES:
            extra = _sentence("detail", topic, facts, rng, avoid, used)
            if extra:
                text = f"{text} {extra}"
        paragraphs.append(text)
    if closing:
        paragraphs.append(closing)
    return [p for p in paragraphs if p]
