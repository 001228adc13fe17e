#!/usr/bin/env python3
"""Fill README.template.md's {{...}} markers with figures computed from this folder
(manifest.jsonl, docs.jsonl, raw/) and write README.md. Standard-library Python 3.
The baseline lines come from running the dev set's score.py on a copy of docs.jsonl."""
import glob, os, shutil, subprocess, sys, tempfile
HERE = os.path.dirname(os.path.abspath(__file__))
SCORE = "/work/shared/data/neardup-dev/score.py"
stats = subprocess.run([sys.executable, os.path.join(HERE, "stats_a.py")], capture_output=True, text=True, check=True).stdout
parts = stats.split("\n\n")
counts, variants, stories = parts[0], parts[1], parts[2]
events = [p for p in parts if p.startswith("Events:")][0]
base = []
with tempfile.TemporaryDirectory() as d:
    shutil.copy(SCORE, d); shutil.copy(os.path.join(HERE, "docs.jsonl"), d)
    for t in ("0.3", "0.2", "0.5"):
        out = subprocess.run([sys.executable, os.path.join(d, "score.py"), "--baseline", "shingles", "--threshold", t],
                             capture_output=True, text=True, check=True).stdout
        base.append(out.rstrip())
nq = len(glob.glob(os.path.join(HERE, "raw", "q*.json")))
t = open(os.path.join(HERE, "README.template.md"), encoding="utf-8").read()
t = (t.replace("{{NQ}}", str(nq)).replace("{{COUNTS}}", counts.strip()).replace("{{VARIANTS}}", variants.strip())
      .replace("{{STORIES}}", stories.strip()).replace("{{EVENTS}}", events.split(":",1)[1].strip()).replace("{{BASELINE}}", base[0])
      .replace("{{BASELINE_OTHER}}", "\n\n".join(base[1:])))
open(os.path.join(HERE, "README.md"), "w", encoding="utf-8").write(t)
print("README.md written;", nq, "queries")
