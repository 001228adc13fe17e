"""Story clustering bench: quality on a labelled synthetic corpus, the seed case, and scale.

Runs the pipeline the way the daily job does: per day, ``article_signatures`` of the day, then
``assign_stories`` against the stored signatures of the look-back days.

    .venv/bin/python bench/stories.py                      # quality + seed case, the pipeline's StoryConfig()
    .venv/bin/python bench/stories.py --config no-passages     # the same without the passage rules
    .venv/bin/python bench/stories.py --scale 100000       # + throughput on ~100k articles
    .venv/bin/python bench/stories.py --scale 1000000 --no-quality --processes 2
    .venv/bin/python bench/stories.py --real [--data DIR ...]   # real labelled sets (bench/stories_real.py)

Quality: pair recall per variant (each copy/version with its story's first wire version), overall
same-story pair recall and pair precision, the false-merge rate on hard negatives (pairs of
separate reports on one event), relation accuracy per variant, and the seed article against its
original wording rebuilt from ../shared/seed/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import logging
import os
import re
import resource
import sys
import threading
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from demoworld.synth import SynthDoc, generate_corpus, iter_corpus  # noqa: E402
from demoworld.synth.corpus import wire_outlet  # noqa: E402
from warehouse.schema import ARTICLES  # noqa: E402
from wirearchive.dedupe import StoryConfig, article_signatures, assign_stories  # noqa: E402
from wirearchive.dedupe.state import MIN_ROWS_PER_WORKER  # noqa: E402

SEED_DIR = Path(__file__).resolve().parents[2] / "shared" / "seed"
OUTLETS = (
    "dailyherald",
    "metrotimes",
    "coastpost",
    "valleynews",
    "capitalwire",
    "northstar",
    "cityledger",
    "sunbulletin",
)
WIRES = ("AP", "Reuters")
FARM = "newsfarm"
START = date(2026, 11, 2)
EXPECTED = {
    "duplicate": "duplicate",
    "reheadlined": "duplicate",
    "edited": "duplicate",
    "trimmed": "trimmed",
    "update": "update",
    "derived": "derived",
    "original": "original",
}


def expected_relation(doc: SynthDoc, by_id: dict[str, SynthDoc]) -> str:
    """The relation a document should have to the version it was copied from (its ``copy_of``).

    Outlets copy the latest version published before them; a copy of a write-through is a
    duplicate (or trimmed copy) of that version, not an update of the first one (issue 12).
    """
    return EXPECTED[doc.variant]


def to_row(doc: SynthDoc) -> dict:
    """The ARTICLES row an extractor would produce for a synthetic document."""
    body = "\n\n".join([*doc.paragraphs, *([doc.credit] if doc.credit else [])])
    url = f"https://{doc.outlet}.example/{doc.doc_id}"
    return {
        "article_id": doc.doc_id,
        "capture_id": doc.doc_id,
        "source_id": doc.outlet,
        "url": url,
        "canonical_url": url,
        "fetched_at": doc.published_at,
        "published_at": doc.published_at,
        "title": doc.title,
        "body": body,
        "body_hash": hashlib.sha1(" ".join(body.split()).encode()).hexdigest(),
        "word_count": len(body.split()),
        "wire_service": doc.wire,
        "dateline": doc.dateline,
        "extractor": "synth",
        "extractor_version": "0",
    }


class CandidateCounter(logging.Handler):
    """Collects the candidate/link counts ``assign_stories`` logs."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.candidates = 0
        self.verified = 0
        self.links = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.candidates += record.args["candidates"]
        self.verified += record.args["verified"]
        self.links += record.args["links"]


def run_days(docs_by_day: dict[date, list[SynthDoc]], config: StoryConfig) -> tuple[list[dict], dict]:
    """Daily runs in day order; returns story_members rows and timings."""
    signatures: dict[date, pa.Table] = {}
    members: list[dict] = []
    timing = Counter()
    wires = {wire_outlet(w) for w in WIRES}
    for day in sorted(docs_by_day):
        t0 = time.perf_counter()
        table = pa.Table.from_pylist([to_row(d) for d in docs_by_day[day]], schema=ARTICLES)
        t1 = time.perf_counter()
        signatures[day] = article_signatures(table)
        t2 = time.perf_counter()
        window = [
            signatures[day - timedelta(days=k)]
            for k in range(1, config.lookback_days + 1)
            if day - timedelta(days=k) in signatures
        ]
        window_table = pa.concat_tables(window) if window else signatures[day].slice(0, 0)
        members.extend(assign_stories(signatures[day], window_table, config=config, wire_sources=wires).to_pylist())
        t3 = time.perf_counter()
        signatures.pop(day - timedelta(days=config.lookback_days), None)
        timing["rows"] += t1 - t0
        timing["signatures"] += t2 - t1
        timing["assign"] += t3 - t2
    return members, timing


def quality(seed: int, n_events: int, days: int, config: StoryConfig) -> None:
    docs = generate_corpus(seed, n_events=n_events, start=START, days=days, outlets=OUTLETS, wires=WIRES, farm=FARM)
    by_day: dict[date, list[SynthDoc]] = defaultdict(list)
    for doc in docs:
        by_day[doc.published_at.date()].append(doc)
    counter = CandidateCounter()
    logger = logging.getLogger("wirearchive.dedupe.stories")
    logger.addHandler(counter)
    level = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        members, timing = run_days(by_day, config)
    finally:
        logger.removeHandler(counter)
        logger.setLevel(level)
    story = {m["article_id"]: m["story_id"] for m in members}
    relation = {m["article_id"]: m["relation"] for m in members}
    by_id = {d.doc_id: d for d in docs}
    print(
        f"corpus: seed {seed}, {len(docs)} articles, {n_events} events, {days} days, lookback {config.lookback_days}, "
        f"passage rules {'on' if config.passages else 'off'}"
    )
    print(
        f"candidate pairs {counter.candidates} ({counter.candidates / max(len(docs), 1):.1f} per article), "
        f"verified {counter.verified}, links {counter.links} (among the verified)"
    )
    print("variants:", dict(Counter(d.variant for d in docs)))

    first = {}
    for d in docs:  # docs are in publication order
        if d.variant == "original":
            first.setdefault(d.story_key, d.doc_id)
    hits: Counter = Counter()
    totals: Counter = Counter()
    for d in docs:
        if d.variant in ("original", "own"):
            continue
        totals[d.variant] += 1
        hits[d.variant] += story[d.doc_id] == story[first[d.story_key]]
    for variant in sorted(totals):
        label = "derived (spun)" if variant == "derived" else variant
        print(f"{label} recall {hits[variant] / totals[variant]:.3f}  ({hits[variant]}/{totals[variant]})")

    by_story_key, by_event = defaultdict(list), defaultdict(list)
    for d in docs:
        by_story_key[d.story_key].append(d.doc_id)
        by_event[d.event_key].append(d.doc_id)
    same = sum(story[a] == story[b] for ids in by_story_key.values() for a, b in itertools.combinations(ids, 2))
    pairs = sum(len(ids) * (len(ids) - 1) // 2 for ids in by_story_key.values())
    print(f"overall same-story pair recall {same / pairs:.3f}  ({same}/{pairs})")
    clusters = defaultdict(list)
    for article_id, story_id in story.items():
        clusters[story_id].append(article_id)
    predicted = correct = 0
    for ids in clusters.values():
        for a, b in itertools.combinations(ids, 2):
            predicted += 1
            correct += by_id[a].story_key == by_id[b].story_key
    print(f"pair precision {correct / max(predicted, 1):.3f}  ({correct}/{predicted})")
    negatives = merged = 0
    for ids in by_event.values():
        for a, b in itertools.combinations(ids, 2):
            if by_id[a].story_key != by_id[b].story_key:
                negatives += 1
                merged += story[a] == story[b]
    print(f"hard-negative false merges {merged / max(negatives, 1):.3f}  ({merged}/{negatives})")
    confusion: dict[tuple[str, str], Counter] = defaultdict(Counter)
    copy_of = {m["article_id"]: m["copy_of"] for m in members}
    parent_hits = Counter()
    for d in docs:
        if d.variant != "own":
            confusion[(d.variant, expected_relation(d, by_id))][relation[d.doc_id]] += 1
        if d.parent_id is not None and d.variant != "derived":
            parent_hits["total"] += 1
            parent_hits["hit"] += copy_of[d.doc_id] == d.parent_id
    print(
        f"copy_of names the copied version {parent_hits['hit'] / max(parent_hits['total'], 1):.3f}  "
        f"({parent_hits['hit']}/{parent_hits['total']}, copies and updates with a known parent)"
    )
    for (variant, expected), counts in sorted(confusion.items()):
        print(f"relation {variant:<12} -> {expected:<9} {counts[expected] / sum(counts.values()):.3f}  {dict(counts)}")
    n = len(docs)
    print(
        f"time: rows {timing['rows']:.1f}s, signatures {timing['signatures']:.1f}s, assign {timing['assign']:.1f}s "
        f"({n / (timing['signatures'] + timing['assign']):.0f} articles/s)"
    )


def seed_case(config: StoryConfig) -> None:
    readme = (SEED_DIR / "README.md").read_text()
    text = (SEED_DIR / "000_a4c699a3b8136b27.txt").read_text()
    spun = "\n\n".join(p.strip() for p in text.split("\n\n")[2:] if p.strip())
    original = spun
    for left, right in re.findall(r"^\| ([^|]+?) \| ([^|]+?) \|$", readme, flags=re.M)[1:]:
        for bad, good in zip(left.split(" / "), right.split(" / "), strict=True):
            original = original.replace(bad, good)
    rows = []
    for doc_id, outlet, body, hours in (("seed-original", "nypost", original, 0), ("seed-spun", "farm", spun, 5)):
        url = f"https://{outlet}.example/{doc_id}"
        at = f"2020-01-01T{12 + hours:02d}:00:00+00:00"
        rows.append(
            {
                "article_id": doc_id,
                "capture_id": doc_id,
                "source_id": outlet,
                "url": url,
                "canonical_url": url,
                "fetched_at": at,
                "published_at": at,
                "body": body,
                "body_hash": hashlib.sha1(" ".join(body.split()).encode()).hexdigest(),
                "word_count": len(body.split()),
                "extractor": "seed",
                "extractor_version": "0",
            }
        )
    table = pa.Table.from_pylist(
        rows, schema=pa.schema([f.with_type(pa.string()) if f.name.endswith("_at") else f for f in ARTICLES])
    ).cast(ARTICLES)
    sigs = article_signatures(table)
    out = {m["article_id"]: m for m in assign_stories(sigs.slice(1), sigs.slice(0, 1), config=config).to_pylist()}
    spun_row = out["seed-spun"]
    first = assign_stories(sigs.slice(0, 1), sigs.slice(0, 0), config=config).to_pylist()[0]
    print(
        f"seed case: same story {spun_row['story_id'] == first['story_id']}, relation {spun_row['relation']}, "
        f"similarity {spun_row['similarity']:.2f}, evidence {spun_row['evidence']}"
    )


class MemorySampler(threading.Thread):
    """Peak resident memory of this process and its child processes (the signature workers) together.

    Sampled from /proc every ``interval`` seconds: ``RUSAGE_CHILDREN`` cannot tell, as it reports
    the largest child, and a spawned child counts the parent's pages it had before its exec.
    """

    def __init__(self, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.interval = interval
        self.peak_mib = 0.0
        self.peak_workers_mib = 0.0
        self._done = threading.Event()

    @staticmethod
    def _read(path: Path) -> str:
        try:
            return path.read_text()
        except (FileNotFoundError, ProcessLookupError):  # the process or thread ended since it was listed
            return ""

    def _rss_mib(self, pid: int) -> float:
        statm = self._read(Path(f"/proc/{pid}/statm")).split()
        return int(statm[1]) * resource.getpagesize() / 2**20 if statm else 0.0

    def run(self) -> None:
        me = os.getpid()
        while not self._done.wait(self.interval):
            children = {
                int(pid) for task in Path(f"/proc/{me}/task").iterdir() for pid in self._read(task / "children").split()
            }
            workers = sum(self._rss_mib(pid) for pid in children)
            self.peak_workers_mib = max(self.peak_workers_mib, workers)
            self.peak_mib = max(self.peak_mib, self._rss_mib(me) + workers)

    def stop(self) -> None:
        """Ends the sampling."""
        self._done.set()
        self.join()


def scale(target: int, seed: int, config: StoryConfig, processes: int) -> None:
    days = 30
    n_events = max(1, target // 11)  # ~11 articles per event at 8 outlets (measured on the quality corpus)
    counter = CandidateCounter()
    logging.getLogger("wirearchive.dedupe.stories").addHandler(counter)
    logging.getLogger("wirearchive.dedupe.stories").setLevel(logging.DEBUG)
    pending: dict[date, list[SynthDoc]] = defaultdict(list)
    total = Counter()
    growth = []
    signatures: dict[date, pa.Table] = {}
    wires = {wire_outlet(w) for w in WIRES}
    started = time.perf_counter()
    cpu_started = time.process_time()
    children_started = os.times()
    memory = MemorySampler()
    memory.start()
    gen_time = 0.0

    def flush(day: date) -> None:
        t0 = time.perf_counter()
        table = pa.Table.from_pylist([to_row(d) for d in pending.pop(day)], schema=ARTICLES)
        t1 = time.perf_counter()
        signatures[day] = article_signatures(table, processes=processes)
        t2 = time.perf_counter()
        window = [
            signatures[day - timedelta(days=k)]
            for k in range(1, config.lookback_days + 1)
            if day - timedelta(days=k) in signatures
        ]
        window_table = pa.concat_tables(window) if window else signatures[day].slice(0, 0)
        before = counter.candidates
        assign_stories(signatures[day], window_table, config=config, wire_sources=wires)
        t3 = time.perf_counter()
        signatures.pop(day - timedelta(days=config.lookback_days), None)
        total["articles"] += len(table)
        total["rows"] += t1 - t0
        total["signatures"] += t2 - t1
        total["assign"] += t3 - t2
        growth.append((total["articles"], counter.candidates - before, len(table) + len(window_table)))
        print(
            f"  {day}: {len(table)} articles, window {len(window_table)}, signatures {t2 - t1:.1f}s, "
            f"assign {t3 - t2:.1f}s, peak RSS {memory.peak_mib:.0f} MiB with workers",
            file=sys.stderr,
            flush=True,
        )

    t_gen = time.perf_counter()
    for doc in iter_corpus(seed, n_events=n_events, start=START, days=days, outlets=OUTLETS, wires=WIRES, farm=FARM):
        pending[doc.published_at.date()].append(doc)
        now_day = START + timedelta(days=int(doc.doc_id[2:8]) * days // n_events)
        for day in sorted(d for d in pending if d < now_day - timedelta(days=4)):
            gen_time += time.perf_counter() - t_gen
            flush(day)
            t_gen = time.perf_counter()
    gen_time += time.perf_counter() - t_gen
    for day in sorted(pending):
        flush(day)
    wall = time.perf_counter() - started
    memory.stop()
    cpu = time.process_time() - cpu_started
    children = os.times()
    workers_cpu = (
        children.children_user
        - children_started.children_user
        + children.children_system
        - children_started.children_system
    )
    work = total["signatures"] + total["assign"]
    n_articles = total["articles"]
    print(
        f"scale: {n_articles} articles over {days} days, lookback {config.lookback_days}, "
        f"signatures with processes={processes} (workers only for days of {MIN_ROWS_PER_WORKER * 2}+ articles)"
    )
    print(
        f"  dedupe {work:.0f}s -> {n_articles / work:.0f} articles/s = signatures {total['signatures']:.0f}s "
        f"({n_articles / total['signatures']:.0f} articles/s) + assign {total['assign']:.0f}s "
        f"({n_articles / total['assign']:.0f} articles/s)"
    )
    print(
        f"  corpus generation {gen_time:.0f}s, rows {total['rows']:.0f}s, wall {wall:.0f}s (CPU: this process "
        f"{cpu:.0f}s, workers {workers_cpu:.0f}s; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"  peak RSS {max(memory.peak_mib, own):.0f} MiB, this process and its workers together (sampled every "
        f"{memory.interval}s; workers alone {memory.peak_workers_mib:.0f} MiB); this process alone {own:.0f} MiB, "
        f"which includes the corpus generator's buffer of the last ~5 days"
    )
    print(
        f"  candidate pairs {counter.candidates} ({counter.candidates / total['articles']:.1f} per article), "
        f"verified {counter.verified}, links {counter.links} (among the verified)"
    )
    step = max(1, len(growth) // 6)
    for articles, candidates, window_size in growth[::step]:
        print(
            f"  after {articles:>8} articles: {candidates:>8} candidates for a window of {window_size} "
            f"({candidates / max(window_size, 1):.2f} per window article)"
        )


#: The settings ``--config`` names, over :class:`StoryConfig`'s defaults (the pipeline's).
CONFIGS: dict[str, dict] = {
    "pipeline": {},
    "no-passages": {"passages": False},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--events", type=int, default=600)
    parser.add_argument("--days", type=int, default=8)
    parser.add_argument("--lookback", type=int, default=StoryConfig().lookback_days)
    parser.add_argument("--scale", type=int, default=0, help="also run a synthetic corpus of about this many articles")
    parser.add_argument("--no-quality", action="store_true")
    parser.add_argument("--processes", type=int, default=1, help="worker processes for signatures in the scale run")
    parser.add_argument(
        "--config",
        choices=sorted(CONFIGS),
        default="pipeline",
        help="synthetic runs with StoryConfig() (default: the pipeline's and group_stories') or without the passage rules",
    )
    parser.add_argument("--real", action="store_true", help="only the real labelled sets (see bench/stories_real.py)")
    parser.add_argument("--data", action="append", default=[], help="another real set folder (with --real)")
    args = parser.parse_args()
    if args.real:
        import stories_real

        stories_real.main(args.data, args.lookback)
        return
    config = StoryConfig(lookback_days=args.lookback, **CONFIGS[args.config])
    if not args.no_quality:
        quality(args.seed, args.events, args.days, config)
        seed_case(config)
    if args.scale:
        scale(args.scale, args.seed, config, args.processes)


if __name__ == "__main__":
    main()
