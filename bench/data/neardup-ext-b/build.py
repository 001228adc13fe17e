#!/usr/bin/env python3
"""Compile raw/qNNN.json (saved search responses) and labels.tsv (query index, rank,
story_id, event_id, variant, justification) into manifest.jsonl and docs.jsonl, in the
neardup-dev format (doc ids xb001... in label-file order). Adapted from
/work/shared/data/neardup-dev/build_dev.py; also prints the counts used in README.md."""
import glob, hashlib, itertools, json, os, re, sys
from collections import Counter, defaultdict
from urllib.parse import urlparse
HERE = os.path.dirname(os.path.abspath(__file__))
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
    assert story.startswith(("sb", "xb")) and event.startswith(("eb", "xb")), (n, story, event)
    assert (variant == "distractor") == event.startswith("xb"), (n, variant, event)
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
    r["doc_id"] = "xb%03d" % i
keys = ["doc_id", "url", "site", "story_id", "event_id", "variant", "justification", "query", "chars", "sha1", "sha1_norm"]
tmp_m, tmp_d = os.path.join(HERE, ".manifest.tmp"), os.path.join(HERE, ".docs.tmp")
with open(tmp_m, "w", encoding="utf-8") as fm, open(tmp_d, "w", encoding="utf-8") as fd:
    for r in rows:
        m = {k: r[k] for k in keys}
        fm.write(json.dumps(m, ensure_ascii=False) + "\n")
        d = dict(m); d["text"] = r["_text"]
        fd.write(json.dumps(d, ensure_ascii=False) + "\n")
os.replace(tmp_m, os.path.join(HERE, "manifest.jsonl"))
os.replace(tmp_d, os.path.join(HERE, "docs.jsonl"))
# ---- checks and counts
dup = [k for k, c in Counter(r["sha1_norm"] for r in rows).items() if c > 1]
for k in dup:
    print("DUPLICATE TEXT", [r["doc_id"] for r in rows if r["sha1_norm"] == k])
dupurl = [k for k, c in Counter(r["url"] for r in rows).items() if c > 1]
for k in dupurl:
    print("same url twice", k, [r["doc_id"] for r in rows if r["url"] == k])
ev_of_story = defaultdict(set)
for r in rows: ev_of_story[r["story_id"]].add(r["event_id"])
for s, e in ev_of_story.items():
    if len(e) > 1: print("STORY WITH TWO EVENTS", s, e)
dev = "/work/shared/data/neardup-dev/manifest.jsonl"
if os.path.exists(dev):
    def nu(u):
        p = urlparse(u); h = (p.hostname or "").removeprefix("www.")
        return h + p.path.rstrip("/") + ("?" + p.query if p.query else "")
    devm = [json.loads(l) for l in open(dev, encoding="utf-8")]
    du = {nu(d["url"]) for d in devm}; dh = {d["sha1_norm"] for d in devm}
    for r in rows:
        if nu(r["url"]) in du: print("URL IN DEV SET", r["doc_id"], r["url"])
        if r["sha1_norm"] in dh: print("TEXT IN DEV SET", r["doc_id"])
scored = [r for r in rows if r["variant"] != "uncertain"]
ref_rank = {"original": 0, "verbatim": 1}
pv = Counter(); hn = 0
for a, b in itertools.combinations(scored, 2):
    if a["story_id"] == b["story_id"]:
        pv[max((a, b), key=lambda d: ref_rank.get(d["variant"], 2))["variant"]] += 1
    elif a["event_id"] == b["event_id"]:
        hn += 1
st = Counter(r["story_id"] for r in rows); st_s = Counter(r["story_id"] for r in scored)
multi = [s for s, c in st.items() if c >= 2]; multi_s = [s for s, c in st_s.items() if c >= 2]
ev = {r["event_id"] for r in rows if not r["event_id"].startswith("xb")}
print(f"docs {len(rows)}  sites {len({r['site'] for r in rows})}  queries {len(raw)}  stories {len(st)}  "
      f"multi-doc stories {len(multi)} (excl. uncertain {len(multi_s)}), 3+: {sum(c >= 3 for c in st_s.values())}")
print(f"labelled events {len(ev)}  distractors {sum(r['variant'] == 'distractor' for r in rows)}")
print("variants", dict(Counter(r["variant"] for r in rows)))
print(f"positive pairs {sum(pv.values())}  by variant {dict(sorted(pv.items()))}  hard-negative pairs {hn}")
if "--table" in sys.argv:
    for s in sorted(multi, key=lambda s: (-st[s], s)):
        vs = Counter(r["variant"] for r in rows if r["story_id"] == s)
        e = next(iter(ev_of_story[s]))
        print(f"| {s} | {e} | {st[s]} | " + ", ".join(f"{v} {c}" for v, c in sorted(vs.items())) + " |")
    ch = [len(r["_text"]) for r in rows]; ch.sort()
    print("chars min", ch[0], "max", ch[-1], "median", ch[len(ch)//2])
