#!/usr/bin/env python3
"""Print the README tables for this folder (counts, variants, stories with 2+ docs, pair counts)
from manifest.jsonl. Standard-library Python 3. Pair rules follow score.py: pairs with an
`uncertain` member are left out; a same-story pair is credited to the variant of its less
canonical member (original < verbatim < the rest; ties go to the first member in file order)."""
import collections, itertools, json, os, statistics
HERE = os.path.dirname(os.path.abspath(__file__))
rows = [json.loads(l) for l in open(os.path.join(HERE, "manifest.jsonl"), encoding="utf-8")]
docs = {json.loads(l)["doc_id"]: json.loads(l) for l in open(os.path.join(HERE, "docs.jsonl"), encoding="utf-8")}
scored = [r for r in rows if r["variant"] != "uncertain"]
ref_rank = {"original": 0, "verbatim": 1}
credit = collections.Counter(); touching = collections.Counter(); pos = hn = 0
for a, b in itertools.combinations(scored, 2):
    if a["story_id"] == b["story_id"]:
        pos += 1
        credit[max((a, b), key=lambda d: ref_rank.get(d["variant"], 2))["variant"]] += 1
        for v in {a["variant"], b["variant"]}:
            touching[v] += 1
    elif a["event_id"] == b["event_id"]:
        hn += 1
stories = collections.defaultdict(list)
for r in rows: stories[r["story_id"]].append(r)
multi = {s: v for s, v in stories.items() if len(v) >= 2}
multi_nu = {s: v for s, v in stories.items() if sum(x["variant"] != "uncertain" for x in v) >= 2}
ev = collections.defaultdict(set)
for r in rows: ev[r["event_id"]].add(r["story_id"])
lab = {e: s for e, s in ev.items() if e.startswith("e")}
lens = [r["chars"] for r in rows]
print(f"{len(rows)} documents from {len({r['site'] for r in rows})} sites. {len(stories)} story_ids: "
      f"{len(multi)} stories have 2 or more documents ({len(multi_nu)} once `uncertain` documents are left out), "
      f"{sum(len(v) >= 3 for v in multi.values())} have 3 or more. {len(lab)} labelled events "
      f"({sum(len(s) >= 2 for s in lab.values())} with at least two different stories) and "
      f"{sum(1 for e in ev if e.startswith('x'))} distractor events. Excluding `uncertain` documents there are "
      f"{pos} same-story (positive) pairs and {hn} same-event, different-story (hard-negative) pairs; "
      f"{sum(r['variant'] == 'independent' for r in rows)} documents are `independent`. Excerpt length ranges from "
      f"{min(lens)} to {max(lens)} characters, median {int(statistics.median(lens))}.\n")
order = ["original", "verbatim", "trimmed", "edited", "updated", "spun", "translated", "independent", "uncertain", "distractor"]
vc = collections.Counter(r["variant"] for r in rows)
print("| variant | docs | positive pairs credited (score.py rule) | positive pairs with a member of this variant |")
print("|---|---|---|---|")
for v in order:
    print(f"| {v} | {vc[v]} | {credit.get(v, '') if v not in ('independent','uncertain','distractor') else ''} | {touching.get(v, '') if v not in ('independent','uncertain','distractor') else ''} |")
print(f"| **total** | **{len(rows)}** | **{pos}** | |\n")
print("| story_id | event_id | docs | variants |\n|---|---|---|---|")
for s, v in sorted(multi.items(), key=lambda kv: (-len(kv[1]), kv[0])):
    c = collections.Counter(x["variant"] for x in v)
    print(f"| {s} | {v[0]['event_id']} | {len(v)} | " + ", ".join(f"{k} {c[k]}" for k in order if c[k]) + " |")
print()
print("Events:", ", ".join(sorted(lab)))
