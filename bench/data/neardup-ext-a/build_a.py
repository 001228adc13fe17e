#!/usr/bin/env python3
"""Compile raw/qNNN.json (saved search responses) and labels.tsv (query index, rank,
story_id, event_id, variant, justification) into manifest.jsonl and docs.jsonl, in the
neardup-dev set's format (doc ids xa001...), then print counts and run consistency checks.
Adapted from /work/shared/data/neardup-dev/build_dev.py (standard-library Python 3)."""
import collections, glob, hashlib, itertools, json, os, re, sys
from urllib.parse import urlparse
HERE = os.path.dirname(os.path.abspath(__file__))
DEV = "/work/shared/data/neardup-dev/manifest.jsonl"
VARIANTS = {"original", "verbatim", "trimmed", "edited", "updated", "spun", "translated",
            "independent", "uncertain", "distractor"}
def sha1(s): return hashlib.sha1(s.encode("utf-8")).hexdigest()
def norm(s): return re.sub(r"\s+", " ", s).strip()
raw = {}
for p in sorted(glob.glob(os.path.join(HERE, "raw", "q*.json"))):
    raw[int(os.path.basename(p)[1:4])] = json.load(open(p, encoding="utf-8"))
rows = []
for n, line in enumerate(open(os.path.join(HERE, "labels.tsv"), encoding="utf-8"), 1):
    if not line.strip(): continue
    f = line.rstrip("\n").split("\t")
    assert len(f) == 6, (n, f)
    qi, rank, story, event, variant, just = int(f[0]), int(f[1]), f[2], f[3], f[4], f[5]
    assert variant in VARIANTS, (n, variant)
    assert story.startswith(("sa", "xa")) and event.startswith(("ea", "xa")), (n, story, event)
    q = raw[qi]
    res = [r for r in q["results"] if r.get("rank") == rank]
    assert len(res) == 1 and res[0].get("excerpt") is not None, (n, qi, rank)
    r = res[0]
    url = r["url"]; text = r["excerpt"]
    site = urlparse(url).hostname or ""
    site = site[4:] if site.startswith("www.") else site
    rows.append(dict(url=url, site=site, story_id=story, event_id=event, variant=variant,
                     justification=just, query=q["query"], chars=len(text), sha1=sha1(text),
                     sha1_norm=sha1(norm(text)), _text=text, _q=qi, _r=rank))
for i, r in enumerate(rows, 1):
    r["doc_id"] = "xa%03d" % i
keys = ["doc_id", "url", "site", "story_id", "event_id", "variant", "justification", "query", "chars", "sha1", "sha1_norm"]
tmp_m, tmp_d = os.path.join(HERE, "manifest.jsonl.tmp"), os.path.join(HERE, "docs.jsonl.tmp")
with open(tmp_m, "w", encoding="utf-8") as fm, open(tmp_d, "w", encoding="utf-8") as fd:
    for r in rows:
        m = {k: r[k] for k in keys}
        fm.write(json.dumps(m, ensure_ascii=False) + "\n")
        d = dict(m); d["text"] = r["_text"]
        fd.write(json.dumps(d, ensure_ascii=False) + "\n")
os.replace(tmp_m, os.path.join(HERE, "manifest.jsonl"))
os.replace(tmp_d, os.path.join(HERE, "docs.jsonl"))

# ---- checks and counts
problems = []
dup = collections.Counter(r["sha1_norm"] for r in rows)
for h, c in dup.items():
    if c > 1:
        problems.append("same sha1_norm: " + ", ".join(r["doc_id"] for r in rows if r["sha1_norm"] == h))
qr = collections.Counter((r["_q"], r["_r"]) for r in rows)
problems += ["query/rank labelled twice: %s" % (k,) for k, c in qr.items() if c > 1]
dev = [json.loads(l) for l in open(DEV, encoding="utf-8")]
def nurl(u):
    p = urlparse(u); h = (p.hostname or "").removeprefix("www.")
    return h + p.path.rstrip("/") + ("?" + p.query if p.query else "")
dev_urls = {nurl(d["url"]) for d in dev}
problems += ["url in dev set: %s %s" % (r["doc_id"], r["url"]) for r in rows if nurl(r["url"]) in dev_urls]
story_event = collections.defaultdict(set)
for r in rows: story_event[r["story_id"]].add(r["event_id"])
problems += ["story in several events: %s %s" % (s, e) for s, e in story_event.items() if len(e) > 1]
for r in rows:
    if r["variant"] == "distractor":
        if sum(1 for x in rows if x["story_id"] == r["story_id"]) > 1 or sum(1 for x in rows if x["event_id"] == r["event_id"]) > 1:
            problems.append("distractor not singleton: " + r["doc_id"])
scored = [r for r in rows if r["variant"] != "uncertain"]
ref_rank = {"original": 0, "verbatim": 1}
pv = collections.Counter(); pos = hn = 0
for a, b in itertools.combinations(scored, 2):
    if a["story_id"] == b["story_id"]:
        pos += 1
        pv[max((a, b), key=lambda d: ref_rank.get(d["variant"], 2))["variant"]] += 1
    elif a["event_id"] == b["event_id"]:
        hn += 1
by_story = collections.defaultdict(list)
for r in scored: by_story[r["story_id"]].append(r)
multi = {s: v for s, v in by_story.items() if len(v) >= 2}
events = {r["event_id"] for r in rows if r["event_id"].startswith("e")}
print("docs", len(rows), "sites", len({r["site"] for r in rows}), "stories", len({r["story_id"] for r in rows}),
      "multi-doc stories (excl. uncertain)", len(multi), "labelled events", len(events),
      "distractors", sum(r["variant"] == "distractor" for r in rows))
print("variants", dict(collections.Counter(r["variant"] for r in rows)))
print("positive pairs", pos, dict(pv), "hard-negative pairs", hn)
if "-v" in sys.argv:
    for s, v in sorted(multi.items(), key=lambda kv: -len(kv[1])):
        print("  %-50s %-50s %d %s" % (s, v[0]["event_id"], len(v), dict(collections.Counter(x["variant"] for x in v))))
for p in problems: print("PROBLEM", p)
sys.exit(1 if problems else 0)
