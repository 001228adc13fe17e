"""Bench: synthetic corpus generation speed and how hard its copies and hard negatives are.

Prints documents per second of :func:`demoworld.synth.iter_corpus` against the 5,000 docs/s a
1M-document dedupe bench needs (the baseline), the spinner's share of the time, and word
5-shingle Jaccard similarity per relation (copy -> parent, and same-event reports of different
stories) so dedupe thresholds can be read against it.

Usage: ``PYTHONPATH=. .venv/bin/python bench/synth_corpus.py [N_EVENTS]``
"""

from __future__ import annotations

import itertools
import re
import statistics
import sys
import time
from collections import defaultdict
from datetime import date

from demoworld.synth import generate_corpus, iter_corpus

REQUIRED_DOCS_PER_S = 5_000  # the brief: 1M documents must be feasible for dedupe benches
OUTLETS = ("herald", "courier", "gazette", "tribune")


def _shingles(paragraphs: tuple[str, ...]) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", " ".join(paragraphs).lower())
    return {tuple(words[i : i + 5]) for i in range(len(words) - 4)}


def speed(n_events: int) -> None:
    """Time generation with and without the farm (whose spinning is the expensive part)."""
    for farm in (None, "farm"):
        started = time.perf_counter()
        count = sum(
            1 for _ in iter_corpus(1, n_events=n_events, start=date(2026, 1, 1), days=60, outlets=OUTLETS, farm=farm)
        )
        rate = count / (time.perf_counter() - started)
        print(f"farm={farm!s:5}  {count:7d} docs  {rate:9.0f} docs/s  x{rate / REQUIRED_DOCS_PER_S:.1f} of required")


def similarity() -> None:
    """Median and range of 5-shingle Jaccard per relation on a 150-event corpus."""
    docs = generate_corpus(3, n_events=150, start=date(2026, 1, 1), days=10, outlets=OUTLETS, farm="farm")
    sh = {d.doc_id: _shingles(d.paragraphs) for d in docs}
    found: dict[str, list[float]] = defaultdict(list)
    for doc in docs:
        if doc.parent_id:
            a, b = sh[doc.doc_id], sh[doc.parent_id]
            found[f"{doc.variant} -> parent"].append(len(a & b) / len(a | b))
    events = defaultdict(list)
    for doc in docs:
        events[doc.event_key].append(doc)
    for group in events.values():
        for a, b in itertools.combinations(group, 2):
            if a.story_key != b.story_key:
                found["same event, other story"].append(
                    len(sh[a.doc_id] & sh[b.doc_id]) / len(sh[a.doc_id] | sh[b.doc_id])
                )
    print(f"{'relation':26} {'n':>5} {'min':>5} {'median':>6} {'max':>5}")
    for name, values in sorted(found.items()):
        print(f"{name:26} {len(values):5d} {min(values):5.2f} {statistics.median(values):6.2f} {max(values):5.2f}")


if __name__ == "__main__":
    speed(int(sys.argv[1]) if len(sys.argv) > 1 else 5_000)
    similarity()
