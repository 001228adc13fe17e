"""The same-story pairs ``group_stories`` leaves apart on the real sets, one line each, to read.

    .venv/bin/python bench/stories_misses.py            # dev set + bench/data/neardup-*/ (~30 s)
    .venv/bin/python bench/stories_misses.py --all      # spun and cross-language pairs too

A pair is missed when its two documents share a labelled story (neither ``uncertain``) and
``group_stories`` (its default, day by day) puts them in different stories. By default only pairs in
one language (:func:`wirearchive.dedupe.crosslang.language`) without a spun or translated
document: edited, updated, trimmed and verbatim copies. Each is scored in one window holding
the whole set (as ``bench/paraphrase_loso.py`` does): whether it is a candidate pair, the shared
narrative tokens and their share of the shorter text (the passage rule's measure), the anchor
bigrams of the shorter text found in the other, sentences of the shorter one near-identical to
one of the other in order at 0.8, 0.4 and 0.3 (the sentence, partial and paraphrase rules'
shares), the word 5-grams the raw texts share (quoted text included) and the day gap (``-``:
undated). Then counts of the same measures over the candidate pairs no rule links, same story
against other stories, in the bands the misses fall in.

What it showed (2026-12-04, with the translation rule): 41 such pairs (dev 5, ext-a 16, ext-b
20), 28 of them candidates. No pattern tells them from other reports of the event:

* a shared passage of 20-40 narrative tokens at 0.3-0.45 of the shorter text (between the brief
  and passage rules): 7 same-story pairs for 6 of other stories on ext-a, 1 for 3 on ext-b;
* text shared inside quotation marks (5-8 pairs share 5-20 raw 5-grams and no narrative one):
  over the unlinked candidates, 15+ raw 5-grams and under 10 narrative tokens are 2 same-story
  pairs for 38 of other stories (reports quote the same statements);
* every pair a candidate: the rules would link 7 more same-story pairs and 2 false ones;
* the rest are alerts and flash versions of 40-90 narrative tokens sharing a headline or one
  sentence with a later write-through, and copies keeping 10-30% of the text with the rest
  rewritten.

Language: German copies of German text link 13 of 26 pairs (English 299 of 407): sentence content
tokens drop English common words only and every capitalised German noun is an anchor.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from stories_real import load_set, record, sets_to_run  # noqa: E402

from warehouse.schema import ARTICLES  # noqa: E402
from wirearchive import group_stories  # noqa: E402
from wirearchive.dedupe import StoryConfig, article_signatures, crosslang, minhash  # noqa: E402
from wirearchive.dedupe.grouping import _row  # noqa: E402
from wirearchive.dedupe.match import NONE, Window, linked, ordered_sentences, passage_share  # noqa: E402
from wirearchive.dedupe.stories import window_candidates  # noqa: E402

UNDATED = datetime(2000, 1, 1, tzinfo=UTC)  # one window: the day does not matter
BANDS = ((20, 0.3), (20, 0.4), (30, 0.3))  # (shared tokens, share) from which the band is counted


def measures(win: Window, i: np.ndarray, j: np.ndarray) -> dict[str, np.ndarray]:
    """Per pair: shared narrative tokens and share, anchor containment, ordered sentences."""
    share, tokens = passage_share(win, i, j)
    shorter = win.n_narrative[i] <= win.n_narrative[j]
    short, long_ = np.where(shorter, i, j), np.where(shorter, j, i)
    jaccard = minhash.jaccard(win.anchors[short], win.anchors[long_])
    return {
        "share": share,
        "tokens": tokens,
        "anchors": minhash.containment(jaccard, win.n_anchors[short], win.n_anchors[long_]),
        **{f"s{s}": ordered_sentences(win, short, long_, s) for s in (0.8, 0.4, 0.3)},
    }


def grams(text: str) -> set[tuple[str, ...]]:
    """Word 5-grams of a raw text (quoted text included)."""
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[k : k + 5]) for k in range(len(words) - 4)}


def study(folder: Path, everything: bool) -> None:
    """Print one set's missed pairs and the band counts of its unlinked candidate pairs."""
    docs = [d for d in load_set(folder) if d.get("variant") != "uncertain"]
    records = [record(d) for d in docs]
    story = {o["id"]: o["story_id"] for o in group_stories(records)}
    win = Window.from_signatures(
        article_signatures(
            pa.Table.from_pylist([_row(r, r["published_at"] or UNDATED) for r in records], schema=ARTICLES)
        )
    )
    row = {a: k for k, a in enumerate(win.article_id)}
    config = StoryConfig(common_anchors=0.0)
    ci, cj = window_candidates(win, config)
    candidates = set(zip(ci.tolist(), cj.tolist(), strict=True))
    language = {r["id"]: crosslang.language(r["body"]) for r in records}
    day = {r["id"]: r["published_at"] for r in records}
    missed = [
        (a, b)
        for a, b in itertools.combinations(docs, 2)
        if a["story_id"] == b["story_id"]
        and story[a["doc_id"]] != story[b["doc_id"]]
        and (
            everything
            or (
                language[a["doc_id"]] == language[b["doc_id"]]
                and not {"spun", "translated"} & {a["variant"], b["variant"]}
            )
        )
    ]
    print(f"{folder.name}: {len(missed)} missed pairs")
    if missed:
        i = np.array([min(row[a["doc_id"]], row[b["doc_id"]]) for a, b in missed])
        j = np.array([max(row[a["doc_id"]], row[b["doc_id"]]) for a, b in missed])
        m = measures(win, i, j)
        for k, (a, b) in enumerate(missed):
            da, db = day[a["doc_id"]], day[b["doc_id"]]
            gap = "-" if da is None or db is None else str(abs((da - db).days))
            print(
                f"  {a['doc_id']} {b['doc_id']} {a['variant']:<10} {b['variant']:<10} "
                f"{'candidate' if (int(i[k]), int(j[k])) in candidates else 'no cand. '} "
                f"tokens {int(m['tokens'][k]):>3} share {m['share'][k]:.2f} anchors {m['anchors'][k]:.2f} "
                f"sentences {int(m['s0.8'][k])}/{int(m['s0.4'][k])}/{int(m['s0.3'][k])} "
                f"raw 5-grams {len(grams(a['text']) & grams(b['text'])):>3} days {gap:>4} "
                f"narrative {int(win.n_narrative[i[k]])}/{int(win.n_narrative[j[k]])} {a['story_id']}"
            )
    rest = np.flatnonzero(linked(win, ci, cj, config).rule == NONE)
    i, j = ci[rest], cj[rest]
    by = {d["doc_id"]: d for d in docs}
    same = np.array(
        [by[win.article_id[x]]["story_id"] == by[win.article_id[y]]["story_id"] for x, y in zip(i, j, strict=True)]
    )
    m = measures(win, i, j)
    for tokens, share in BANDS:
        band = (m["tokens"] >= tokens) & (m["share"] >= share)
        print(
            f"  unlinked candidates with {tokens}+ tokens at {share}+: same story {int((band & same).sum())}, "
            f"other stories {int((band & ~same).sum())}"
        )


def main() -> None:
    """Every set's missed pairs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="spun and cross-language pairs too")
    args = parser.parse_args()
    for folder in sets_to_run([]):
        study(folder, args.all)


if __name__ == "__main__":
    main()
