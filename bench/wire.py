"""Wire-attribution bench on real copy: precision and recall of ``wire_service`` and of the credit line.

    .venv/bin/python bench/wire.py [--data ../shared/data] [--read-only] [--show]

Labels: ``bench/data/wire-labels/labels.jsonl`` (hand-made, see its README). Each item goes
through the path the pipeline uses for it:

- HTML pages (trafilatura-eval, news-pages): ``wirearchive.extract.extract(raw bytes, url)``,
  scored on ``Extraction.wire_service`` and ``Extraction.credit_line``;
- text excerpts (neardup-dev, search): ``wirearchive.wire.attribute_wire`` on the text, with no
  byline, authors, structured data or registry default (an excerpt has none). The store's
  `` date YYYY-MM-DD `` prefix is removed first; it is not page text.

Next to it, in the same run, a plain baseline: the first ``(AP)``, ``(Reuters)`` or ``(AFP)``
anywhere in the text (for HTML: bare ``trafilatura.extract`` text, cached under ``bench/out``),
and for credit lines a paragraph matching "contributed to this report", "Reporting by",
"Editing by" or the bare agency name.

Scoring: a prediction counts when it names the labelled code (or one the label accepts in
``also``); a wrong agency is both a false positive and a false negative. A credit line counts when
the predicted line contains a labelled credit span and is at most 60 characters longer (a
whole paragraph removed for a trailing "(dpa)" is not a credit line). Items labelled
``read: false`` (pages screened as having no agency name at all) are reported apart, as are
``uncredited`` items (wire copy whose credit was stripped: nothing to find).

Without ``../shared/data`` only the search items (their excerpts are stored with the labels)
are scored, and the bench says so.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wirearchive.extract import ExtractionError, extract  # noqa: E402
from wirearchive.wire import attribute_wire  # noqa: E402

LABELS = ROOT / "bench" / "data" / "wire-labels" / "labels.jsonl"
CACHE = ROOT / "bench" / "out" / "wire-baseline-text.json"
# The store's excerpt prefix (neardup-dev README: "begin with the corpus's ` date YYYY-MM-DD ` prefix").
_DATE_PREFIX = re.compile(r"^\s*date \d{4}(?:-\d\d){0,2}\s+")
_BASELINE = re.compile(r"\((AP|Reuters|AFP)\)")
_BASELINE_CREDIT = re.compile(r"contributed to this report|\(?Reporting by|Editing by|^\W*(?:AP|Reuters|AFP)\W*$", re.I)
# A credit line may carry a little more than the labelled span (a dash, a closing date).
CREDIT_SLACK = 60
# Items collected and labelled after the rules were written (bench/data/wire-labels/README.md),
# printed apart from the dev items, each batch with what it may be trusted for.
HELDOUT = {
    "heldout-1": "HELD-OUT 1 (reviewed: rules were changed after its first run, see the labels README)",
    "heldout-2": "HELD-OUT 2 (labelled after the last rule change, never tuned on)",
}


@dataclass
class Outcome:
    """One item's gold label and the two predictions."""

    item: dict
    wire: str | None
    credit: str | None
    base_wire: str | None
    base_credit: str | None


def _html_path(data: Path, item: dict) -> Path:
    if item["set"] == "news-pages":
        return data / "news-pages" / "html" / item["id"]
    return data / "trafilatura-eval" / "eval" / item["id"]


def _baseline_text(raw: bytes, url: str | None, cache: dict[str, str]) -> str:
    key = hashlib.sha1(raw).hexdigest()
    if key not in cache:
        import trafilatura

        cache[key] = trafilatura.extract(raw, url=url) or ""
    return cache[key]


def _baseline(text: str) -> tuple[str | None, str | None]:
    match = _BASELINE.search(text)
    credit = next((p.strip() for p in re.split(r"\n+", text)[-3:] if _BASELINE_CREDIT.search(p.strip())), None)
    return (match.group(1) if match else None), credit


def _texts(data: Path) -> dict[str, str]:
    docs = data / "neardup-dev" / "docs.jsonl"
    if not docs.exists():
        return {}
    return {d["doc_id"]: d["text"] for d in map(json.loads, docs.open(encoding="utf-8"))}


def run(data: Path, read_only: bool) -> tuple[list[Outcome], Counter]:
    """Score every label that can be scored with the data at hand.

    Args:
        data: The shared data directory.
        read_only: Skip the pages labelled by screening only.

    Returns:
        The outcomes and counts of skipped items per reason.
    """
    items = [json.loads(line) for line in LABELS.open(encoding="utf-8")]
    excerpts = _texts(data)
    cache = json.loads(CACHE.read_text()) if CACHE.exists() else {}
    outcomes, skipped = [], Counter()
    for item in items:
        if read_only and not item["read"]:
            continue
        if item["set"] == "neardup-dev" or "excerpt" in item:
            text = item["excerpt"] if "excerpt" in item else excerpts.get(item["id"])
            if text is None:
                skipped["shared data missing"] += 1
                continue
            text = _DATE_PREFIX.sub("", text)
            got = attribute_wire(body=text, byline=None, authors=[], structured_orgs=[], default_wire=None)
            outcomes.append(Outcome(item, got.wire_service, got.credit_line, *_baseline(text)))
            continue
        path = _html_path(data, item)
        if not path.exists():
            skipped["shared data missing"] += 1
            continue
        raw = path.read_bytes()
        try:
            got = extract(raw, item["url"] or "")
            wire, credit = got.wire_service, got.credit_line
        except ExtractionError:
            wire = credit = None
            skipped["extraction error (scored as no wire)"] += 1
        outcomes.append(Outcome(item, wire, credit, *_baseline(_baseline_text(raw, item["url"], cache))))
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_text(json.dumps(cache))
    return outcomes, skipped


def _prf(pairs: list[tuple[dict, str | None]]) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for item, pred in pairs:
        gold = item["wire"]
        ok = pred is not None and gold is not None and pred in (gold, *item.get("also", []))
        tp += ok
        fp += pred is not None and not ok
        fn += gold is not None and not ok
    return tp, fp, fn


def _credit_ok(pred: str | None, spans: list[str]) -> bool:
    return pred is not None and any(s in pred and len(pred) <= len(s) + CREDIT_SLACK for s in spans)


def _credit_prf(pairs: list[tuple[dict, str | None]]) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for item, pred in pairs:
        ok = _credit_ok(pred, item["credit_lines"])
        tp += ok
        fp += pred is not None and not ok
        fn += bool(item["credit_lines"]) and not ok
    return tp, fp, fn


def _line(name: str, counts: tuple[int, int, int]) -> str:
    tp, fp, fn = counts
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    f = 2 * p * r / (p + r) if tp else 0.0
    return f"{name:<28} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (TP {tp}, FP {fp}, FN {fn})"


def _headline(title: str, part: list[Outcome]) -> None:
    positives = sum(o.item["wire"] is not None for o in part)
    print(f"\n{title}: {len(part)} items, {positives} credited to a wire")
    print(_line("  wire_service  wirearchive", _prf([(o.item, o.wire) for o in part])))
    print(_line("  wire_service  baseline", _prf([(o.item, o.base_wire) for o in part])))
    print(_line("  credit line   wirearchive", _credit_prf([(o.item, o.credit) for o in part])))
    print(_line("  credit line   baseline", _credit_prf([(o.item, o.base_credit) for o in part])))


def report(outcomes: list[Outcome], show: bool) -> None:
    """Print the tables (and, with ``show``, every miss and false alarm)."""
    read = [o for o in outcomes if o.item["read"] and o.item["set"] not in HELDOUT]
    screened = [o for o in outcomes if not o.item["read"]]
    _headline("DEV: read items the rules were written against (in-sample)", read)
    for name, title in HELDOUT.items():
        if part := [o for o in outcomes if o.item["set"] == name]:
            _headline(title, part)
    print("\nper set (wirearchive | baseline), wire_service")
    for name in sorted({o.item["set"] for o in read}):
        part = [o for o in read if o.item["set"] == name]
        print(
            _line(f"  {name}", _prf([(o.item, o.wire) for o in part])),
            "|",
            _line("", _prf([(o.item, o.base_wire) for o in part])).strip(),
        )
    print("recall per signal (wirearchive | baseline)")
    for signal in ("dateline", "byline", "credit"):
        part = [o for o in read if o.item["wire"] and o.item["signal"] == signal]
        ours = sum(o.wire in (o.item["wire"], *o.item.get("also", [])) for o in part)
        base = sum(o.base_wire in (o.item["wire"], *o.item.get("also", [])) for o in part)
        print(f"  {signal:<9} {ours}/{len(part)} | {base}/{len(part)}")
    print("false alarms by kind of negative (wirearchive | baseline)")
    for signal in ("mention", "photo", "none", "uncredited"):
        part = [o for o in read if o.item["wire"] is None and o.item["signal"] == signal]
        print(
            f"  {signal:<10} {sum(o.wire is not None for o in part)}/{len(part)} | "
            f"{sum(o.base_wire is not None for o in part)}/{len(part)}"
        )
    if screened:
        print(
            f"screened negatives with a wire predicted: {sum(o.wire is not None for o in screened)}/{len(screened)}"
            f" | baseline {sum(o.base_wire is not None for o in screened)}/{len(screened)}"
        )
    if show:
        print("\nmisses and false alarms (set id: gold -> predicted; credit gold -> predicted)")
        for o in outcomes:
            gold, also = o.item["wire"], o.item.get("also", [])
            wire_bad = (o.wire not in (gold, *also)) if gold else o.wire is not None
            credit_bad = (
                (not _credit_ok(o.credit, o.item["credit_lines"])) if o.item["credit_lines"] else o.credit is not None
            )
            if wire_bad or credit_bad:
                print(
                    f"  {o.item['set']} {o.item['id'][:70]}: {gold} -> {o.wire}; {o.item['credit_lines'][:1]} -> {o.credit!r}"
                )


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--read-only", action="store_true", help="skip the 743 screened pages")
    parser.add_argument("--show", action="store_true", help="list every miss and false alarm")
    args = parser.parse_args()
    if not args.data.exists():
        print(
            f"shared data not found at {args.data}: scoring only the search-collected excerpts stored with the labels"
        )
    start = time.perf_counter()
    outcomes, skipped = run(args.data, args.read_only)
    for reason, count in skipped.items():
        print(f"skipped {count} items: {reason}")
    report(outcomes, args.show)
    print(f"\n{len(outcomes)} items in {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
