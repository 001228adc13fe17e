"""Story grouping on real syndicated copies: labelled near-duplicate sets, next to a shingle baseline.

    .venv/bin/python bench/stories.py --real                       # dev set + bench/data/neardup-*/
    .venv/bin/python bench/stories.py --real --data /some/other/set  # + more sets of the same format

Sets (``manifest.jsonl`` + ``docs.jsonl`` with ``text``, the format of ../shared/data/neardup-dev,
whose README defines the labels): the shared development set, every ``bench/data/neardup-*/`` and
each ``--data`` folder. Each set is grouped on its own (stories never cross sets) through
:func:`wirearchive.group_stories`, the corpus's leading `` date YYYY-MM-DD `` prefix taken as the
publication day (noon UTC), as ../shared/hooks/real_stories_check.py does. Scored per set and
pooled: pair recall and precision of the same-story relation (pairs with an ``uncertain`` document
left out), the same without pairs involving a ``translated`` document, false merges on same-event
different-story pairs, recall per variant of the less canonical member (spun included), and
relation accuracy per variant (original -> original; verbatim, edited -> duplicate; trimmed ->
trimmed; updated -> update; spun, translated -> derived) over documents that share a predicted
story with another document of their labelled story, also over those not chosen as the story's
canonical (a labelled verbatim copy is often the earliest one, hence our ``original``). The baseline is 5-word shingle containment
>= 0.3 with union-find, as described in the dev set's README (this is our own code).
``group_stories`` runs with the default :class:`~wirearchive.dedupe.StoryConfig`, the one the
``story_members`` asset uses too.
"""

from __future__ import annotations

import itertools
import json
import re
import time
from collections import Counter, defaultdict
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "neardup-dev"
_PREFIX = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\s+")
EXPECTED = {
    "original": "original",
    "verbatim": "duplicate",
    "edited": "duplicate",
    "trimmed": "trimmed",
    "updated": "update",
    "spun": "derived",
    "translated": "derived",
}
RANK = {"original": 0, "verbatim": 1}  # the reference member of a pair; the other one is credited


def load_set(folder: Path) -> list[dict]:
    """Documents of one set, manifest labels joined to docs by ``doc_id``."""
    labels = {d["doc_id"]: d for d in map(json.loads, (folder / "manifest.jsonl").open(encoding="utf-8"))}
    docs = []
    for doc in map(json.loads, (folder / "docs.jsonl").open(encoding="utf-8")):
        docs.append({**labels.get(doc["doc_id"], {}), **doc})
    return docs


def record(doc: dict) -> dict:
    """A :func:`wirearchive.group_stories` record: the date prefix moved into ``published_at``."""
    text, published = doc["text"], None
    match = _PREFIX.match(text)
    if match:
        day = date.fromisoformat(match.group(1))
        published = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
        text = text[match.end() :]
    site = (urlsplit(doc["url"]).hostname or "").lower().removeprefix("www.")
    return {
        "id": doc["doc_id"],
        "url": doc["url"],
        "site": site,
        "title": None,
        "published_at": published,
        "body": text.strip(),
    }


def shingle_baseline(docs: list[dict], k: int = 5, threshold: float = 0.3) -> dict[str, str]:
    """Union-find over pairs whose word 5-gram containment (in the smaller set) is >= threshold."""
    sets = {}
    for doc in docs:
        words = re.findall(r"\w+", doc["text"].lower())
        sets[doc["doc_id"]] = {tuple(words[i : i + k]) for i in range(max(1, len(words) - k + 1))}
    parent = {i: i for i in sets}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in itertools.combinations(sets, 2):
        sa, sb = sets[a], sets[b]
        if sa and sb and len(sa & sb) / min(len(sa), len(sb)) >= threshold:
            parent[find(a)] = find(b)
    return {i: find(i) for i in sets}


def score(docs: list[dict], story: dict[str, str], relation: dict[str, str] | None = None) -> Counter:
    """Pair and relation counts of one set (add Counters to pool sets)."""
    c: Counter = Counter()
    scored = [d for d in docs if d.get("variant") != "uncertain"]
    for a, b in itertools.combinations(scored, 2):
        same, pred = a["story_id"] == b["story_id"], story[a["doc_id"]] == story[b["doc_id"]]
        translated = "translated" in (a["variant"], b["variant"])
        c["tp"] += same and pred
        c["fp"] += pred and not same
        c["fn"] += same and not pred
        if not translated:
            c["tp_nt"] += same and pred
            c["fp_nt"] += pred and not same
            c["fn_nt"] += same and not pred
        if same:
            variant = max((a, b), key=lambda d: RANK.get(d["variant"], 2))["variant"]
            c[f"pos:{variant}"] += 1
            c[f"hit:{variant}"] += pred
        elif a["event_id"] == b["event_id"]:
            c["hard"] += 1
            c["hard_merged"] += pred
    if relation is not None:
        linked = defaultdict(bool)
        for a, b in itertools.combinations(scored, 2):
            if a["story_id"] == b["story_id"] and story[a["doc_id"]] == story[b["doc_id"]]:
                linked[a["doc_id"]] = linked[b["doc_id"]] = True
        for d in scored:
            if d["variant"] in EXPECTED and linked[d["doc_id"]]:
                got = relation[d["doc_id"]]
                c[f"rel:{d['variant']}"] += 1
                c[f"relok:{d['variant']}"] += got == EXPECTED[d["variant"]]
                c[f"relgot:{d['variant']}:{got}"] += 1
                c[f"relcopy:{d['variant']}"] += got != "original"  # members other than the story's canonical
                c[f"relcopyok:{d['variant']}"] += got != "original" and got == EXPECTED[d["variant"]]
    return c


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "n/a"


def report(name: str, c: Counter, relations: bool) -> None:
    """Print one set's (or the pool's) figures."""
    r, p = _ratio(c["tp"], c["tp"] + c["fn"]), _ratio(c["tp"], c["tp"] + c["fp"])
    rn, pn = _ratio(c["tp_nt"], c["tp_nt"] + c["fn_nt"]), _ratio(c["tp_nt"], c["tp_nt"] + c["fp_nt"])
    print(
        f"  {name:<16} pairs R {r} P {p} (tp {c['tp']} fp {c['fp']} fn {c['fn']}) | without translated R {rn} "
        f"P {pn} | false merges same-event {c['hard_merged']}/{c['hard']} = {_ratio(c['hard_merged'], c['hard'])}"
        f" | spun {c['hit:spun']}/{c['pos:spun']} = {_ratio(c['hit:spun'], c['pos:spun'])}"
    )
    variants = sorted(k.split(":")[1] for k in c if k.startswith("pos:"))
    print("  " + " " * 16 + " recall " + ", ".join(f"{v} {c['hit:' + v]}/{c['pos:' + v]}" for v in variants))
    if relations:
        for v in EXPECTED:
            if c[f"rel:{v}"]:
                got = {k.split(":")[2]: n for k, n in c.items() if k.startswith(f"relgot:{v}:") and n}
                print(
                    f"  {'':<16} relation {v:<10} -> {EXPECTED[v]:<9} {_ratio(c['relok:' + v], c['rel:' + v])} "
                    f"({c['relok:' + v]}/{c['rel:' + v]}; not canonical {c['relcopyok:' + v]}/{c['relcopy:' + v]}) "
                    f"{got}"
                )


def sets_to_run(extra: list[str]) -> list[Path]:
    """The dev set (when present), bench/data/neardup-*/ and the extra folders, in that order."""
    folders = []
    if (DEV / "docs.jsonl").exists():
        folders.append(DEV)
    else:
        print(f"real dev set missing: no {DEV / 'docs.jsonl'} (../shared is not next to this checkout)")
    folders.extend(sorted(p for p in (ROOT / "bench" / "data").glob("neardup-*") if (p / "docs.jsonl").exists()))
    for name in extra:
        path = Path(name)
        if (path / "docs.jsonl").exists() and (path / "manifest.jsonl").exists():
            folders.append(path)
        else:
            print(f"skipping {path}: no manifest.jsonl + docs.jsonl there")
    return folders


def main(extra: list[str], lookback_days: int) -> None:
    """Score every set and the pool, baseline first."""
    from wirearchive import group_stories

    folders = sets_to_run(extra)
    if not folders:
        print("no real sets to score")
        return
    pooled = {"baseline": Counter(), "group_stories": Counter()}
    for folder in folders:
        docs = load_set(folder)
        t0 = time.perf_counter()
        base = shingle_baseline(docs)
        t1 = time.perf_counter()
        counts = {"baseline": score(docs, base)}
        out = group_stories([record(d) for d in docs], lookback_days=lookback_days)
        counts["group_stories"] = score(
            docs, {o["id"]: o["story_id"] for o in out}, {o["id"]: o["relation"] for o in out}
        )
        t2 = time.perf_counter()
        print(f"{folder} ({len(docs)} documents; baseline {t1 - t0:.1f}s, group_stories {t2 - t1:.1f}s)")
        for name, c in counts.items():
            report(name, c, name != "baseline")
            pooled[name] += c
    if len(folders) > 1:
        print(f"pooled over {len(folders)} sets")
        for name, c in pooled.items():
            report(name, c, name != "baseline")
