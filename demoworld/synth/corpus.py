"""A seeded synthetic wire-news corpus with ground truth, for dedupe benches, tests and the demo.

Per event the generator writes a wire original (with a dateline such as ``BAGHDAD (AP) — ``),
same-day write-throughs of it, outlet copies over the following days (verbatim, trimmed,
re-headlined, lightly edited with a credit line), spun copies by a content farm, and the hard
negatives: a second wire's independent report and outlets' own staff reports on the same event,
which share names, places and numbers with the wire copy but not its wording.

Ground truth: documents with the same ``story_key`` are versions or copies of one report;
``event_key`` groups every report about one event. Output depends only on the arguments: each
event draws from its own generator seeded by ``(seed, event index)``, so :func:`iter_corpus`
can stream a million documents with flat memory.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from demoworld.synth import writer
from demoworld.synth.facts import TOPIC_NAMES, Facts, escalate, make_facts, particulars, person
from demoworld.synth.spinner import spin
from demoworld.synth.vocab import PLACES, WIRE_DASH, WIRE_NAMES

VARIANTS: tuple[str, ...] = ("original", "duplicate", "trimmed", "reheadlined", "edited", "update", "derived", "own")
COPY_VARIANTS: tuple[str, ...] = ("duplicate", "trimmed", "reheadlined", "edited")

# Generation rates. Chosen so a demo-sized corpus (60 events, 4 outlets) has every variant many
# times over and copies outnumber originals about 2:1, as on real aggregator-heavy days.
_UPDATES = ((0, 0.5), (1, 0.35), (2, 0.15))  # write-throughs per wire story: (count, probability)
_SECOND_WIRE = 0.6  # chance a second wire files its own report on the event
_CARRY_PRIMARY = 0.5  # chance each outlet carries the first wire's story
_CARRY_SECOND = 0.3  # ... the second wire's story
_OWN = 0.15  # chance each outlet writes its own staff report
_FARM = 0.6  # chance the farm spins a copy of the first wire's story (or an outlet's copy of it)
_COPY_WEIGHTS = (0.3, 0.25, 0.2, 0.25)  # over COPY_VARIANTS
_COPY_DAY_OFFSETS = (0, 0, 1, 1, 2)  # outlets pick stories up over the following days
# Spinner rates: the farm's leaves a median word 5-shingle Jaccard of ~0.2 to the parent (0.49
# before reports carried their event's particulars, which a spinner keeps), so plain shingle
# matching misses it as it misses the seed article; at 0.6 the farm rewrote too little of the
# fact-dense text to read as spun (the demo labelled 23 of 35 spun copies derived, 31 at 0.9).
# An edit's rate touches one paragraph lightly. bench/synth_corpus.py prints these similarities;
# re-run it after changing them.
_SPIN_RATE_FARM = 0.9
_SPIN_RATE_EDIT = 0.15
# House phrasing: every report (a wire story, a staff report) words the templates its own way, a
# known word swapped for a synonym at this rate with a generator of the report's own. Real reports
# of different events share no narrative sentences, nor do two wires' reports of one event; without
# it, reports of different events built from one template share whole sentences, which real copy
# never does (issue 12: 10,686 cross-event pairs of the bench corpus passed the passage rule, 0 of
# 228,223 real ones).
_PHRASING = 0.5
# Sightings of an event's local particulars (see _Event.sightings): two reports of one event name
# the same district, spokesperson or time for about a third of the slots.
_SIGHTINGS = 3


@dataclass(frozen=True)
class SynthDoc:
    """One synthetic article with its ground truth.

    ``credit`` is not part of ``paragraphs``: renderers print it after the body.
    ``topic`` (a key of :data:`demoworld.synth.topics.TOPICS`) lets a site file it in a section.
    """

    doc_id: str
    story_key: str
    event_key: str
    variant: str
    parent_id: str | None
    wire: str | None
    outlet: str
    title: str
    paragraphs: tuple[str, ...]
    byline: str | None
    dateline: str | None
    credit: str | None
    published_at: datetime
    topic: str = ""


def wire_outlet(wire: str) -> str:
    """The outlet label under which a wire's own copy is published (``"AP"`` -> ``"ap"``)."""
    return wire.lower()


def dateline_prefix(city: str, wire: str | None) -> str:
    """First-paragraph dateline: ``"BAGHDAD (AP) — "``, or ``"BAGHDAD — "`` for staff copy."""
    if wire is None:
        return f"{city.upper()} — "
    return f"{city.upper()} ({wire}) {WIRE_DASH.get(wire, '—')} "


class _Event:
    """Writes the documents of one event; holds the event's generator, facts and clock."""

    def __init__(
        self,
        index: int,
        seed: int,
        start: date,
        days: int,
        n_events: int,
        outlets: Sequence[str],
        wires: Sequence[str],
        farm: str | None,
    ) -> None:
        self.rng = random.Random(seed * 1_000_003 + index)
        self.base = seed * 1_000_003 + index
        self.key = f"ev{index:06d}"
        self.outlets, self.wires, self.farm = outlets, wires, farm
        day = start + timedelta(days=index * days // n_events)
        self.topic = self.rng.choice(TOPIC_NAMES)
        self.facts = make_facts(self.topic, day, self.rng)
        # The local particulars (districts, a spokesperson, times) each report picks among: one
        # event's reporters name some of the same places and sources, and some of their own.
        self.sightings = [particulars(random.Random(f"particulars:{self.base}:{k}")) for k in range(_SIGHTINGS)]
        self.t0 = datetime.combine(day, time(self.rng.randrange(0, 18), self.rng.randrange(60)), UTC)
        self.end = datetime.combine(start + timedelta(days=days), time(), UTC) - timedelta(minutes=1)
        self.used: set[str] = set()  # templates used by any report of this event
        self.docs: list[SynthDoc] = []
        self.facts_of: dict[str, Facts] = {}  # doc_id of a wire version -> the facts it reports
        self.stories = 0

    def _doc(self, **fields) -> SynthDoc:
        doc = SynthDoc(doc_id=f"{self.key}-{len(self.docs):02d}", event_key=self.key, topic=self.topic, **fields)
        self.docs.append(doc)
        return doc

    def _story_key(self) -> str:
        self.stories += 1
        return f"{self.key}-s{self.stories}"

    def _later(self, after: datetime, low_min: int, high_min: int, same_day: bool = False) -> datetime:
        """A whole minute ``low_min..high_min`` after ``after``, squeezed in before the day/window ends."""
        limit = datetime.combine(after.date(), time(23, 50), UTC) if same_day else self.end
        at = after + timedelta(minutes=self.rng.randrange(low_min, high_min))
        if at > limit:
            at = after + (limit - after) * self.rng.random()
        at = max(at.replace(second=0, microsecond=0), after + timedelta(minutes=1))
        return min(at, max(self.end, after))

    def _phrasing(self, story_key: str, version: int = 0) -> random.Random:
        """The generator of a report's house phrasing (its own, so the event's draws stay as they were)."""
        return random.Random(f"phrasing:{self.base}:{story_key}:{version}")

    def _report_facts(self, phrasing: random.Random) -> Facts:
        """The event's facts with the particulars one report names (each slot from one of the event's sightings)."""
        return {**self.facts, **{k: phrasing.choice(self.sightings)[k] for k in self.sightings[0]}}

    def _write(self, facts: Facts, avoid: set[str], phrasing: random.Random) -> tuple[str, str, list[str]]:
        used: set[str] = set()
        title = writer.headline(self.topic, facts, self.rng, avoid, used)
        lead = writer.lead(self.topic, facts, self.rng, avoid, used)
        body = writer.body(self.topic, facts, self.rng, self.rng.randint(5, 15) - 1, avoid, used)
        self.used |= used
        title, lead = _phrase(title, phrasing), _phrase(lead, phrasing)
        return title, lead, [_phrase(p, phrasing) for p in body]

    def wire_story(self, wire: str, at: datetime) -> list[SynthDoc]:
        """A wire original and its same-day write-throughs; returns the versions in time order."""
        rng, city = self.rng, self.facts["city"]
        story_key = self._story_key()
        phrasing = self._phrasing(story_key)
        facts = self._report_facts(phrasing)
        title, lead, body = self._write(facts, set(self.used), phrasing)
        writers = [person(rng)[0] for _ in range(rng.choice((1, 1, 2)))]
        name = WIRE_NAMES.get(wire, wire)
        byline = f"By {' and '.join(writers)}" + ("" if wire == "Reuters" else f", {name}")
        if wire == "Reuters":
            credit = f"Reporting by {writers[0]} in {city}; Editing by {person(rng)[0]}"
        elif rng.random() < 0.4:
            credit = f"{name} writer {person(rng)[0]} in {rng.choice(PLACES)[0]} contributed to this report."
        else:
            credit = None
        prefix = dateline_prefix(city, wire)
        doc = self._doc(
            story_key=story_key,
            variant="original",
            parent_id=None,
            wire=wire,
            outlet=wire_outlet(wire),
            title=title,
            paragraphs=(prefix + lead, *body),
            byline=byline,
            dateline=city.upper(),
            credit=credit,
            published_at=at,
        )
        versions = [doc]
        self.facts_of[doc.doc_id] = facts
        n_updates = rng.choices([n for n, _ in _UPDATES], [p for _, p in _UPDATES])[0]
        developments: set[str] = set()  # this story's (another story of the event avoids them)
        for version in range(1, n_updates + 1):
            phrasing = self._phrasing(story_key, version)
            facts = escalate(facts, rng)
            prev = versions[-1]
            new_lead = prev.paragraphs[0][len(prefix) :]
            for _ in range(6):  # a write-through changes the lead; retry when the same one comes out
                new_lead = _phrase(writer.lead(self.topic, facts, rng, self.used, self.used), phrasing)
                if prefix + new_lead != prev.paragraphs[0]:
                    break
            added = [
                writer.development(self.topic, facts, rng, developments, self.used) for _ in range(rng.choice((1, 2)))
            ]
            self.used |= developments
            added = [_phrase(a, phrasing) for a in added if a]
            paragraphs = (prefix + new_lead, *(a for a in added if a), *prev.paragraphs[1:])
            new_title = (
                _phrase(writer.headline(self.topic, facts, rng, self.used, self.used), phrasing)
                if rng.random() < 0.6
                else prev.title
            )
            versions.append(
                self._doc(
                    story_key=prev.story_key,
                    variant="update",
                    parent_id=prev.doc_id,
                    wire=wire,
                    outlet=prev.outlet,
                    title=new_title,
                    paragraphs=paragraphs,
                    byline=prev.byline,
                    dateline=prev.dateline,
                    credit=prev.credit,
                    published_at=self._later(prev.published_at, 40, 240, same_day=True),
                )
            )
            self.facts_of[versions[-1].doc_id] = facts
        return versions

    def own_story(self, outlet: str) -> SynthDoc:
        """An outlet's staff report on the event, written independently of the wire copy."""
        story_key = self._story_key()
        phrasing = self._phrasing(story_key)
        title, lead, body = self._write(self._report_facts(phrasing), set(self.used), phrasing)
        with_dateline = self.rng.random() < 0.5
        city = self.facts["city"]
        return self._doc(
            story_key=story_key,
            variant="own",
            parent_id=None,
            wire=None,
            outlet=outlet,
            title=title,
            paragraphs=((dateline_prefix(city, None) if with_dateline else "") + lead, *body),
            byline=f"By {person(self.rng)[0]}",
            dateline=city.upper() if with_dateline else None,
            credit=None,
            published_at=self._later(self.t0, 60, 2 * 24 * 60),
        )

    def _new_title(self, parent: SynthDoc) -> str:
        facts = self.facts_of[parent.doc_id]
        for _ in range(6):
            title = writer.headline(self.topic, facts, self.rng, set(), set())
            if title != parent.title:
                return title
        return f"{parent.title}: what we know"

    def _edit(self, parent: SynthDoc) -> dict:
        rng = self.rng
        paragraphs = list(parent.paragraphs)
        drop = rng.randrange(1, len(paragraphs))
        sentences = paragraphs[drop].split(". ")
        if len(sentences) > 1:
            del sentences[rng.randrange(len(sentences))]
            text = ". ".join(sentences)
            paragraphs[drop] = text if text[-1] in '.”"' else text + "."
        else:
            del paragraphs[drop]
        reword = rng.randrange(1, len(paragraphs))
        paragraphs[reword] = spin(paragraphs[reword], rng, _SPIN_RATE_EDIT)
        name = WIRE_NAMES.get(parent.wire, parent.wire) if parent.wire is not None else None
        credit = rng.choice(
            (
                f"The {name} contributed to this report."
                if parent.wire == "AP"
                else f"{name} contributed to this report.",
                f"With {parent.wire} wires",
                f"Additional reporting by {name}",
            )
        )
        byline = f"By {person(rng)[0]}" if rng.random() < 0.5 else parent.byline
        return {"paragraphs": tuple(paragraphs), "credit": credit, "byline": byline}

    def copy(self, versions: list[SynthDoc], outlet: str) -> SynthDoc:
        """An outlet's copy of the latest version of a wire story published before the copy."""
        rng = self.rng
        base = versions[0].published_at + timedelta(days=rng.choice(_COPY_DAY_OFFSETS))
        at = self._later(base if base < self.end else versions[0].published_at, 20, 600)
        parent = [v for v in versions if v.published_at < at][-1]
        variant = rng.choices(COPY_VARIANTS, _COPY_WEIGHTS)[0]
        changes: dict = {}
        if variant == "trimmed":
            keep = rng.randint(3, max(3, len(parent.paragraphs) - 2))
            changes = {"paragraphs": parent.paragraphs[:keep], "credit": None}
        elif variant == "reheadlined":
            changes = {"title": self._new_title(parent)}
        elif variant == "edited":
            changes = self._edit(parent)
        return self._doc(
            **{
                **_inherited(parent),
                "variant": variant,
                "parent_id": parent.doc_id,
                "outlet": outlet,
                "published_at": at,
                **changes,
            }
        )

    def derived(self, parent: SynthDoc) -> SynthDoc:
        """The content farm's spun copy of ``parent``."""
        rng = self.rng
        paragraphs = [spin(p, rng, _SPIN_RATE_FARM) for p in parent.paragraphs]
        dateline = parent.dateline
        if parent.dateline and rng.random() < 0.7:
            paragraphs[0] = parent.paragraphs[0].split(" — ", 1)[-1].split(" - ", 1)[-1]
            paragraphs[0] = spin(paragraphs[0], rng, _SPIN_RATE_FARM)
            dateline = None
        return self._doc(
            **{
                **_inherited(parent),
                "variant": "derived",
                "parent_id": parent.doc_id,
                "outlet": self.farm,
                "title": spin(parent.title, rng, _SPIN_RATE_FARM),
                "paragraphs": tuple(paragraphs),
                "byline": None,
                "dateline": dateline,
                "credit": spin(parent.credit, rng, _SPIN_RATE_FARM) if parent.credit else None,
                "published_at": self._later(parent.published_at, 60, 24 * 60),
            }
        )

    def generate(self) -> list[SynthDoc]:
        """All documents of the event, in creation order."""
        rng = self.rng
        primary = rng.choice(self.wires)
        stories = [self.wire_story(primary, self.t0)]
        others = [w for w in self.wires if w != primary]
        if others and rng.random() < _SECOND_WIRE:
            stories.append(self.wire_story(rng.choice(others), self._later(self.t0, 10, 90, same_day=True)))
        copies_of_primary = []
        for rank, versions in enumerate(stories):
            for outlet in self.outlets:
                if rng.random() < (_CARRY_PRIMARY if rank == 0 else _CARRY_SECOND):
                    doc = self.copy(versions, outlet)
                    if rank == 0:
                        copies_of_primary.append(doc)
        for outlet in self.outlets:
            if rng.random() < _OWN:
                self.own_story(outlet)
        if self.farm is not None and rng.random() < _FARM:
            pool = copies_of_primary if copies_of_primary and rng.random() < 0.5 else stories[0]
            self.derived(rng.choice(pool))
        return self.docs


def _phrase(text: str, rng: random.Random) -> str:
    """A report's house wording of a rendered template (numbers kept as digits)."""
    return spin(text, rng, _PHRASING, numbers=False)


def _inherited(parent: SynthDoc) -> dict:
    return {
        "story_key": parent.story_key,
        "wire": parent.wire,
        "title": parent.title,
        "paragraphs": parent.paragraphs,
        "byline": parent.byline,
        "dateline": parent.dateline,
        "credit": parent.credit,
    }


def iter_corpus(
    seed: int,
    *,
    n_events: int,
    start: date,
    days: int,
    outlets: Sequence[str],
    wires: Sequence[str] = ("AP", "Reuters"),
    farm: str | None = None,
) -> Iterator[SynthDoc]:
    """Stream the corpus event by event (events in day order; within one event, creation order).

    Args:
        seed: Generator seed; the same arguments always give the same documents.
        n_events: Number of news events, spread evenly over the days.
        start: First day (UTC).
        days: Number of days; no document is published after the last one.
        outlets: Labels of outlets that carry wire copy and write their own reports.
        wires: Wire codes; the first report of each event comes from one of them.
        farm: Label of a content farm publishing spun copies, or None for no farm.

    Yields:
        Documents; ``doc_id`` is unique within the corpus.

    Raises:
        ValueError: No wires, fewer than one day, negative ``n_events``, or a label used twice.
    """
    labels = [*outlets, *(wire_outlet(w) for w in wires), *([farm] if farm else [])]
    if not wires or days < 1 or n_events < 0 or len(set(labels)) != len(labels):
        raise ValueError("need at least one wire, one day, n_events >= 0 and distinct outlet/wire/farm labels")
    for index in range(n_events):
        yield from _Event(index, seed, start, days, n_events, tuple(outlets), tuple(wires), farm).generate()


def generate_corpus(
    seed: int,
    *,
    n_events: int,
    start: date,
    days: int,
    outlets: Sequence[str],
    wires: Sequence[str] = ("AP", "Reuters"),
    farm: str | None = None,
) -> list[SynthDoc]:
    """The whole corpus as a list, in publication order (ties by ``doc_id``).

    Args:
        seed: Generator seed; the same arguments always give the same documents.
        n_events: Number of news events, spread evenly over the days.
        start: First day (UTC).
        days: Number of days; no document is published after the last one.
        outlets: Labels of outlets that carry wire copy and write their own reports.
        wires: Wire codes; the first report of each event comes from one of them.
        farm: Label of a content farm publishing spun copies, or None for no farm.

    Returns:
        The documents (the same set :func:`iter_corpus` streams).

    Raises:
        ValueError: As :func:`iter_corpus`.
    """
    docs = iter_corpus(seed, n_events=n_events, start=start, days=days, outlets=outlets, wires=wires, farm=farm)
    return sorted(docs, key=lambda d: (d.published_at, d.doc_id))
