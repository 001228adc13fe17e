"""Extraction bench: body quality on every real page set next to bare trafilatura, the cascade's
thresholds cross-validated, speed, and wire attribution.

Run from the repository root::

    .venv/bin/python bench/extraction.py [--data /work/shared/data] [--quick]

Every figure is computed in this run; only trafilatura's own outputs (not its timings) are cached
under ``bench/out/`` (gitignored), keyed by its version. Sections:

1. The data sets found (a missing set is named plainly and its section skipped).
2. Body quality, ``wirearchive.extract(raw bytes, url)`` scored on ``.body`` next to trafilatura
   2.x full mode (its default ``extract``) and fast mode, both with comments off and tables on
   (the settings of trafilatura's own evaluation), on the same pages:
   the Zyte article-extraction benchmark (word 4-shingle P/R, F1 of the means, its README's
   method); trafilatura's evaluation set (snippet P/R/F1, :mod:`bench.trafeval`); trafilatura's
   real-world text checks (reader-comment checks listed apart: comments are excluded by design).
   The ``news-pages`` set is part of trafilatura's evaluation set and is not scored twice.
   Per set: pages where we are worse than trafilatura full mode by more than 0.05, and articles
   trafilatura's full mode finds that we lose.
3. The cascade: which pass served the pages, each pass alone, and its thresholds chosen by
   5-fold cross-validation by page on both sets at once (the mean of their F1 on four fifths,
   scored on the held-out fifth of each).
4. Speed: median and p95 per page of ``extract`` next to ``trafilatura.extract(html, url=url,
   with_metadata=True)`` and plain ``trafilatura.extract(html, url=url)``, interleaved per page
   in a rotating order;
   pages/s of ``extract_batch`` on 1 and 2 processes.
5. Wire attribution on ``tests/extract/wire_labels.jsonl``; 6. the project's demo world.

Metadata quality (per field, next to ``trafilatura.extract_metadata``) is the sibling script
``bench/metadata.py``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import sys
import time
from collections import Counter
from itertools import product
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import trafeval  # noqa: E402

from wirearchive import extract as ex  # noqa: E402
from wirearchive.body import anchor_texts  # noqa: E402
from wirearchive.extract import ExtractionError, extract, extract_batch, prefer_structured_body  # noqa: E402
from wirearchive.htmltext import decode_html, parse_html  # noqa: E402
from wirearchive.metadata import read_metadata  # noqa: E402
from wirearchive.wire import attribute_wire  # noqa: E402

_TOKEN = re.compile(r"\w+")
_WS = re.compile(r"\s+")
OUT = ROOT / "bench" / "out"
# trafilatura's evaluation settings (its eval_common EXTRACT_OPTS), for both of its modes.
TRAF_OPTS = {"include_comments": False, "include_tables": True, "include_formatting": False}
# "worse than trafilatura" per page, and "lost": trafilatura finds the article, we find none of it.
WORSE_BY = 0.05
LOST_RECALL = 0.5
# The cascade grid cross-validated in section 3 (the constants of wirearchive.extract).
GRID = {
    "MIN_STORY_CHARS": (800, 1500, 2500),
    "MIN_STORY_PARAGRAPHS": (1, 3, 5),
    "MIN_PAGE_SHARE": (0.0, 0.1, 0.2),
    "FULL_SWITCH_RATIO": (1.1, 2.0, 3.0),
    "SWITCH_RATIO": (1.0, 1.1, 1.3),
}


# ---------------------------------------------------------------- scoring (benchmark README)
def _shingles(text: str) -> Counter:
    tokens = _TOKEN.findall(text)
    if len(tokens) < 4:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def page_counts(predicted: str, truth: str) -> tuple[int, int, int]:
    """TP, FP, FN over 4-shingle multisets of one page."""
    pred, true = _shingles(predicted), _shingles(truth)
    return sum((pred & true).values()), sum((pred - true).values()), sum((true - pred).values())


def f1_of_means(counts: list[tuple[int, int, int]]) -> tuple[float, float, float]:
    """F1 / precision / recall as the benchmark defines them (means over pages, F1 of means)."""
    precisions, recalls = [], []
    for tp, fp, fn in counts:
        if tp + fp + fn == 0:
            precisions.append(1.0)
            recalls.append(1.0)
            continue
        if tp + fp:
            precisions.append(tp / (tp + fp))
        if tp + fn:
            recalls.append(tp / (tp + fn))
    p = sum(precisions) / len(precisions)
    r = sum(recalls) / len(recalls)
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def line(name: str, counts: list[tuple[int, int, int]], rate: float | None = None, note: str = "") -> str:
    f, p, r = f1_of_means(counts)
    speed = f"  {rate:5.1f} pages/s" if rate is not None else ""
    return f"{name:<34} F1 {f:.3f}  P {p:.3f}  R {r:.3f}{speed}{note}"


# ---------------------------------------------------------------- pages
class Page:
    """One real page of a set: id, bytes, URL."""

    def __init__(self, pid: str, html: bytes, url: str) -> None:
        self.pid, self.html, self.url = pid, html, url


def load_zyte(folder: Path) -> tuple[list[Page], dict[str, str]]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = [
        Page("zyte:" + key, gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes()), truth[key]["url"])
        for key in sorted(truth)
    ]
    return pages, {"zyte:" + k: v["articleBody"] for k, v in truth.items()}


def load_trafeval(folder: Path) -> tuple[list[Page], list[trafeval.Entry], list[trafeval.Check], int]:
    entries, missing = trafeval.load_entries(folder)
    checks = trafeval.load_checks(folder)
    pages: dict[str, Page] = {}
    for entry in entries:
        pid = "te:" + entry.file
        if pid not in pages:
            pages[pid] = Page(pid, trafeval.resolve(folder, entry.file).read_bytes(), entry.url)
    for check in checks:
        pid = "te:" + check.file
        if pid not in pages and (path := trafeval.resolve(folder, check.file)) is not None:
            pages[pid] = Page(pid, path.read_bytes(), check.url)
    return list(pages.values()), entries, checks, missing


def _as_test_loads(html: bytes) -> bytes | str:
    """The page as trafilatura's real-world tests hand it over: UTF-8 text when it decodes."""
    try:
        return html.decode("utf-8")
    except UnicodeDecodeError:
        return html


def traf_outputs(pages: list[Page], name: str, run) -> dict[str, str]:
    """trafilatura's output per page for one setting, cached by trafilatura version."""
    path = OUT / f"traf-{trafilatura.__version__}-{name}.json"
    cached = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    todo = [p for p in pages if p.pid not in cached]
    for page in todo:
        try:
            cached[page.pid] = run(page) or ""
        except Exception as exc:  # a crash is a miss, as in trafilatura's own evaluation
            cached[page.pid] = ""
            print(f"  trafilatura {name} failed on {page.pid}: {type(exc).__name__}")
    if todo:
        OUT.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(cached), encoding="utf-8")
    return cached


def baselines(pages: list[Page]) -> dict[str, dict[str, str]]:
    return {
        "full": traf_outputs(pages, "full", lambda p: trafilatura.extract(p.html, url=p.url, **TRAF_OPTS)),
        "fast": traf_outputs(pages, "fast", lambda p: trafilatura.extract(p.html, url=p.url, fast=True, **TRAF_OPTS)),
    }


# ---------------------------------------------------------------- 2: quality per set
# Pages the article gate (wirearchive.pagekind) judged not news articles, by page id: reason.
# ``extract`` still returns their text (the pipeline files them as failures, extract_batch), so
# they are scored like every page; the sections also print the scores without them.
GATE_REJECTED: dict[str, str] = {}


def _ours(page: Page) -> tuple[str, str]:
    """Our body, and the text of all our text fields (dateline, body, credit line)."""
    try:
        got = extract(page.html, page.url)
    except ExtractionError:
        return "", ""
    if got.not_article is not None:
        GATE_REJECTED[page.pid] = got.not_article
    return got.body, "\n".join(filter(None, (got.dateline, got.body, got.credit_line)))


def run_timed(pages: list[Page]) -> tuple[dict[str, str], dict[str, str], dict[str, list[float]]]:
    """Our outputs, and per page the seconds of ours, trafilatura with metadata and plain,
    interleaved page by page so load from other processes hits all three alike, in an order
    that rotates from page to page (whichever runs first on a page warms caches for the rest)."""
    bodies: dict[str, str] = {}
    fields: dict[str, str] = {}
    times: dict[str, list[float]] = {"ours": [], "with_metadata": [], "plain": []}

    def ours(page: Page) -> None:
        bodies[page.pid], fields[page.pid] = _ours(page)

    runs = {
        "ours": ours,
        "with_metadata": lambda page: trafilatura.extract(page.html, url=page.url, with_metadata=True),
        "plain": lambda page: trafilatura.extract(page.html, url=page.url),
    }
    for i, page in enumerate(pages):
        # the first call on a page fills string caches (trafilatura's trim/line_processing,
        # htmldate's) that the next calls hit, so the order rotates, each taking each place on a
        # third of the pages. Measured 2026-12-03 on 78 pages (CPU time, caches reset per pair):
        # ours / trafilatura with metadata 1.12x with ours first, 1.03x with it first; on this
        # whole run the median moved from 1.17x (ours always first) to 1.19x (rotating) under a
        # load average of 9-14, so the position effect is within this bench's noise.
        names = list(runs)
        for name in names[i % 3 :] + names[: i % 3]:
            start = time.perf_counter()
            runs[name](page)
            times[name].append(time.perf_counter() - start)
    return bodies, fields, times


def zyte_section(
    pages: list[Page], truth: dict[str, str], ours: dict[str, str], base: dict[str, dict[str, str]]
) -> None:
    print(f"\n== 2a. Zyte article-extraction benchmark ({len(pages)} pages; word 4-shingles, F1 of the means)")
    counts = {name: [page_counts(out[p.pid], truth[p.pid]) for p in pages] for name, out in
              (("wirearchive", ours), ("trafilatura full mode", base["full"]), ("trafilatura fast", base["fast"]))}  # fmt: skip
    for name, c in counts.items():
        print(line(name, c))
    page_f1 = {name: [f1_of_means([x])[0] for x in c] for name, c in counts.items()}
    worse = [
        p.pid[6:14]
        for p, o, t in zip(pages, page_f1["wirearchive"], page_f1["trafilatura full mode"], strict=True)
        if o < t - WORSE_BY
    ]
    recall = lambda c: c[0] / (c[0] + c[2]) if c[0] + c[2] else 1.0  # noqa: E731
    lost = [p.pid for p, o, t in zip(pages, counts["wirearchive"], counts["trafilatura full mode"], strict=True)
            if recall(t) >= LOST_RECALL and recall(o) < 0.1]  # fmt: skip
    print(f"pages worse than trafilatura full mode by > {WORSE_BY}: {len(worse)}/{len(pages)} {worse};"
          f" articles it finds that we lose: {len(lost)} {lost}")  # fmt: skip


def trafeval_section(entries: list[trafeval.Entry], ours: dict[str, str], base: dict[str, dict[str, str]]) -> None:
    print(f"\n== 2b. trafilatura's evaluation set ({len(entries)} entries; snippet P/R/F1 over summed counts)")
    counts = {}
    for name, out in (
        ("wirearchive", ours),
        ("trafilatura full mode", base["full"]),
        ("trafilatura fast", base["fast"]),
    ):
        counts[name] = [trafeval.count_entry(e, out.get("te:" + e.file, "")) for e in entries]
        p, r, f = trafeval.scores(counts[name])
        print(f"{name:<34} F1 {f:.3f}  P {p:.3f}  R {r:.3f}")
    mine, theirs = counts["wirearchive"], counts["trafilatura full mode"]
    worse = [
        e.file
        for e, o, t in zip(entries, mine, theirs, strict=True)
        if trafeval.entry_f1(o) < trafeval.entry_f1(t) - WORSE_BY
    ]
    better = sum(trafeval.entry_f1(o) > trafeval.entry_f1(t) + WORSE_BY for o, t in zip(mine, theirs, strict=True))
    lost = [e.file for e, o, t in zip(entries, mine, theirs, strict=True) if t[0] and not o[0]]
    print(
        f"entries worse than trafilatura full mode by > {WORSE_BY}: {len(worse)}/{len(entries)} (better: {better});"
        f" articles it finds that we lose (it has a with-snippet, we none): {len(lost)} {lost}"
    )
    gated = [e.file for e in entries if "te:" + e.file in GATE_REJECTED]
    kept = [i for i, e in enumerate(entries) if "te:" + e.file not in GATE_REJECTED]
    print(
        f"  of those lost, turned away by the article gate as not articles: {len([f for f in lost if f in gated])}"
        f" ({dict(Counter(GATE_REJECTED['te:' + f] for f in lost if f in gated))})"
    )
    print(
        f"  the same scores on the {len(kept)} entries whose page the gate accepts"
        f" ({len(entries) - len(kept)} entries, {len(set(gated))} pages turned away):"
    )
    for name, c in counts.items():
        p, r, f = trafeval.scores(c[i] for i in kept)
        print(f"    {name:<32} F1 {f:.3f}  P {p:.3f}  R {r:.3f}")
    print(f"  the worse entries: {', '.join(worse)}")


def realworld_section(
    pages: list[Page], checks: list[trafeval.Check], ours: dict[str, str], fields: dict[str, str]
) -> None:
    by_file = {p.pid: p for p in pages}
    test_pages = [by_file["te:" + c.file] for c in checks if "te:" + c.file in by_file]
    test_pages = list({p.pid: p for p in test_pages}.values())
    settings = {
        "test settings": lambda p: trafilatura.extract(_as_test_loads(p.html), p.url, record_id="0000", fast=False),
        "no comments": lambda p: trafilatura.extract(_as_test_loads(p.html), p.url, fast=False, include_comments=False),
        "fast": lambda p: trafilatura.extract(_as_test_loads(p.html), p.url, fast=True),
    }
    outs = {name: traf_outputs(test_pages, "rw-" + name.replace(" ", "-"), run) for name, run in settings.items()}
    get = lambda out: lambda c: out.get("te:" + c.file, "")  # noqa: E731
    comments = trafeval.comment_checks(checks, get(outs["no comments"]), get(outs["test settings"]))
    body_checks = [i for i in range(len(checks)) if i not in comments]
    print(f"\n== 2c. trafilatura's real-world text checks ({len(checks)} body checks on {len(test_pages)} pages of cache/;"
          f" {len(comments)} are reader-comment checks, listed apart)")  # fmt: skip
    for name, out in (("wirearchive (body)", ours), ("wirearchive (dateline + body + credit line)", fields),
                      ("trafilatura (its test settings)", outs["test settings"]), ("trafilatura fast", outs["fast"])):  # fmt: skip
        passed = sum(trafeval.check_passes(checks[i], get(out)(checks[i])) for i in body_checks)
        print(f"{name:<44} {passed}/{len(body_checks)} body checks passed")
    misses = [checks[i] for i in body_checks
              if trafeval.check_passes(checks[i], get(outs["test settings"])(checks[i]))
              and not trafeval.check_passes(checks[i], fields.get("te:" + checks[i].file, ""))]  # fmt: skip
    print(f"checks trafilatura passes and we fail (on our text fields): {len(misses)}")
    for check in misses:
        print(
            f"  line {check.line}: {check.file}: {'must' if check.present else 'must not'} contain {check.text[:70]!r}"
        )
    comment_pass = sum(trafeval.check_passes(checks[i], ours.get("te:" + checks[i].file, "")) for i in comments)
    print(
        f"reader-comment checks (text only in the comments; we exclude comments): we pass {comment_pass}/{len(comments)}"
    )
    for i in sorted(comments):
        print(f"  line {checks[i].line}: {checks[i].file}: {checks[i].text[:70]!r}")


# ---------------------------------------------------------------- 3: the cascade
class Prepared:
    """Every pass of the cascade on one page, to replay the cascade under other thresholds."""

    def __init__(self, page: Page) -> None:
        tree = parse_html(decode_html(page.html))
        meta = read_metadata(tree, page.url)
        anchors = anchor_texts(tree)
        self.ld = meta.article_body
        self.words = ex.page_words(tree)
        self.passes = [ex.run_pass(tree, page.url, anchors, name, meta.title, meta.description) for name in ex.PASSES]

    def body(self, *thresholds: float) -> tuple[str, str]:
        """The cascade's text and pass under the :data:`GRID` thresholds given, in its order."""
        saved = [getattr(ex, name) for name in GRID]
        for name, value in zip(GRID, thresholds, strict=False):
            setattr(ex, name, value)
        by_name = {c.name: c for c in self.passes}
        try:
            best = ex.choose((by_name[name] for name in ex.CASCADE), lambda: self.words)
        finally:
            for name, value in zip(GRID, saved, strict=True):
                setattr(ex, name, value)
        return "\n".join(prefer_structured_body(best.paragraphs, self.ld)), best.name


def _in_order(prep: Prepared, order: tuple[str, ...]) -> str:
    by_name = {c.name: c for c in prep.passes}
    best = ex.choose((by_name[name] for name in order), lambda: prep.words)
    return "\n".join(prefer_structured_body(best.paragraphs, prep.ld))


def cascade_section(
    te_pages: list[Page], entries: list[trafeval.Entry], zyte: list[Page], truth: dict[str, str]
) -> None:
    print(f"\n== 3. the cascade {' -> '.join(ex.CASCADE)} (text before continuation chunks and wire attribution)")
    prepared = {p.pid: Prepared(p) for p in (*te_pages, *zyte)}
    current = tuple(getattr(ex, name) for name in GRID)
    served = Counter(prepared[p.pid].body(*current)[1] for p in (*te_pages, *zyte))
    print(f"pass that served the page (thresholds {current}): {dict(served)}")
    for name in ex.PASSES:
        te = trafeval.scores(trafeval.count_entry(e, "\n".join(next(c for c in prepared["te:" + e.file].passes
                             if c.name == name).paragraphs)) for e in entries)  # fmt: skip
        zy = f1_of_means([page_counts("\n".join(next(c for c in prepared[p.pid].passes if c.name == name).paragraphs),
                                      truth[p.pid]) for p in zyte])  # fmt: skip
        print(f"  only the {name:<9} pass, cleaned: trafilatura-eval F1 {te[2]:.3f} (P {te[0]:.3f} R {te[1]:.3f});"
              f" Zyte F1 {zy[0]:.3f}")  # fmt: skip
    for order in (("precision", "balanced", "full"), ("balanced", "precision", "full")):
        te = trafeval.scores(trafeval.count_entry(e, _in_order(prepared["te:" + e.file], order)) for e in entries)
        zy = f1_of_means([page_counts(_in_order(prepared[p.pid], order), truth[p.pid]) for p in zyte])
        print(f"  the cascade in the order {' -> '.join(order)} instead: trafilatura-eval F1 {te[2]:.3f}"
              f" (P {te[0]:.3f} R {te[1]:.3f}); Zyte F1 {zy[0]:.3f}")  # fmt: skip
    grid = list(product(*GRID.values()))
    te_counts = {g: [trafeval.count_entry(e, prepared["te:" + e.file].body(*g)[0]) for e in entries] for g in grid}
    zy_counts = {g: [page_counts(prepared[p.pid].body(*g)[0], truth[p.pid]) for p in zyte] for g in grid}
    te_score = lambda c: trafeval.scores(c)[2]  # noqa: E731
    zy_score = lambda c: f1_of_means(c)[0]  # noqa: E731
    n_te, n_zy = len(entries), len(zyte)

    def both(g: tuple, te_rows: list[int], zy_rows: list[int]) -> float:
        """The objective the constants are chosen by: the mean of the two sets' F1."""
        return (te_score([te_counts[g][i] for i in te_rows]) + zy_score([zy_counts[g][i] for i in zy_rows])) / 2

    best_all = max(grid, key=lambda g: both(g, list(range(n_te)), list(range(n_zy))))
    held_te: list = []
    held_zy: list = []
    chosen = []
    for fold in range(5):
        g = max(
            grid,
            key=lambda g: both(g, [i for i in range(n_te) if i % 5 != fold], [i for i in range(n_zy) if i % 5 != fold]),
        )
        chosen.append(g)
        held_te.extend(te_counts[g][i] for i in range(n_te) if i % 5 == fold)
        held_zy.extend(zy_counts[g][i] for i in range(n_zy) if i % 5 == fold)
    print(f"thresholds in the code {current}: trafilatura-eval F1 {te_score(te_counts[current]):.3f},"
          f" Zyte F1 {zy_score(zy_counts[current]):.3f}; best on all pages of both sets: {best_all}")  # fmt: skip
    print(f"5-fold cross-validated by page (chosen on 4/5 of both sets by the mean of their F1, scored on the"
          f" held-out fifth): trafilatura-eval F1 {te_score(held_te):.3f}, Zyte F1 {zy_score(held_zy):.3f};"
          f" per-fold choice {chosen}")  # fmt: skip
    print(f"  grid {GRID}")


# ---------------------------------------------------------------- 4: speed
def speed_section(pages: list[Page], times: dict[str, list[float]], quick: bool) -> None:
    print(f"\n== 4. speed ({len(pages)} pages, one process, the three interleaved per page, order rotating)  [load average"
          f" {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores]")  # fmt: skip

    def stats(xs: list[float]) -> tuple[float, float]:
        return statistics.median(xs) * 1000, statistics.quantiles(xs, n=20)[-1] * 1000

    (m0, p0), (m1, p1), (m2, p2) = stats(times["ours"]), stats(times["with_metadata"]), stats(times["plain"])
    print(f"wirearchive.extract                       median {m0:6.1f} ms  p95 {p0:6.1f} ms")
    print(f"trafilatura.extract(with_metadata=True)   median {m1:6.1f} ms  p95 {p1:6.1f} ms"
          f"   -> ours / it: median {m0 / m1:.2f}x, p95 {p0 / p1:.2f}x")  # fmt: skip
    print(f"trafilatura.extract()                     median {m2:6.1f} ms  p95 {p2:6.1f} ms"
          f"   -> ours / it: median {m0 / m2:.2f}x, p95 {p0 / p2:.2f}x")  # fmt: skip
    ratios = sorted(o / w for o, w in zip(times["ours"], times["with_metadata"], strict=True))
    print(f"per page, ours / trafilatura with metadata: median {statistics.median(ratios):.2f}x;"
          f" faster on {sum(r < 1 for r in ratios)}/{len(ratios)} pages")  # fmt: skip
    if quick:
        return
    items = [(p.pid, p.html, p.url, "text/html", None) for p in pages]
    wall = {}
    for processes in (1, 2):
        start = time.perf_counter()
        count = sum(1 for _ in extract_batch(items, processes=processes, chunksize=8))
        wall[processes] = time.perf_counter() - start
        assert count == len(items)
    print(f"extract_batch on {len(items)} pages: 1 process {len(items) / wall[1]:.1f} pages/s,"
          f" 2 processes {len(items) / wall[2]:.1f} pages/s (scaling {wall[1] / wall[2]:.2f}x)"
          f"  [load average {os.getloadavg()[0]:.1f}]")  # fmt: skip


# ---------------------------------------------------------------- 5: wire labels
def wire_section(path: Path) -> None:
    rows = [json.loads(row) for row in path.read_text(encoding="utf-8").splitlines() if row.strip()]
    print(f"\n== 5. wire attribution on {path.relative_to(ROOT)} ({len(rows)} labelled examples)")
    per = {s: Counter() for s in ("dateline", "byline", "credit", "structured", "registry")}
    wrong_wire = dateline_ok = dateline_total = exact = 0
    for row in rows:
        got = attribute_wire(
            body=row["body"],
            byline=row.get("byline"),
            authors=row.get("authors", []),
            structured_orgs=row.get("structured_orgs", []),
            default_wire=row.get("default_wire"),
        )
        want_sig, want_wire = row.get("attribution"), row.get("wire_service")
        exact += (got.attribution, got.wire_service) == (want_sig, want_wire)
        wrong_wire += bool(got.wire_service and want_wire and got.wire_service != want_wire)
        if "dateline" in row:
            dateline_total += 1
            dateline_ok += got.dateline == row["dateline"]
        for signal, c in per.items():
            hit = got.attribution == signal and got.wire_service == want_wire
            c["tp"] += hit and want_sig == signal
            c["fp"] += got.attribution == signal and not (hit and want_sig == signal)
            c["fn"] += want_sig == signal and not hit
    for signal, c in per.items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else float("nan")
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else float("nan")
        print(f"{signal:<11} precision {p:.3f}  recall {r:.3f}  (tp {c['tp']}, fp {c['fp']}, fn {c['fn']})")
    negatives = sum(1 for r in rows if r.get("wire_service") is None)
    print(
        f"all examples exactly right (wire and signal): {exact}/{len(rows)}; wrong agency: {wrong_wire};"
        f" negatives: {negatives}; dateline city right: {dateline_ok}/{dateline_total}"
    )


# ---------------------------------------------------------------- 6: demo world
def demo_section() -> None:
    from demoworld.world import build_world

    world = build_world(7)
    base = {site: f"http://127.0.0.1:{8800 + i}" for i, site in enumerate(world.sites)}
    tally: Counter = Counter()
    for article in world.articles():
        spec = world.sites[article.site].spec
        payload, content_type = world.page_bytes(article.site, article.path, base)
        try:
            ex = extract(payload, base[article.site] + article.path, content_type=content_type, default_wire=spec.wire)
        except ExtractionError:
            tally[spec.kind, "error"] += 1
            continue
        tally[spec.kind, "pages"] += 1
        tally[spec.kind, "wire right"] += ex.wire_service == article.doc.wire
        tally[spec.kind, "wire wrong agency"] += bool(
            ex.wire_service and article.doc.wire and ex.wire_service != article.doc.wire
        )
        tally[spec.kind, "title right"] += ex.title == article.doc.title
        tally[spec.kind, "published right"] += ex.published_at == article.published
    print("\n== 6. demo world (seed 7; synthetic sites of the project, truth from demoworld)")
    for kind in sorted({k for k, _ in tally}):
        n = tally[kind, "pages"]
        print(
            f"{kind:<7} pages {n:3d}  wire right {tally[kind, 'wire right']}/{n}  wrong agency {tally[kind, 'wire wrong agency']}"
            f"  title {tally[kind, 'title right']}/{n}  published {tally[kind, 'published right']}/{n}  errors {tally[kind, 'error']}"
        )
    print("  (farm pages whose spinner dropped every dateline and credit carry no wire signal; dedupe links them)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--quick", action="store_true", help="skip the cascade grid and the process-pool run")
    args = parser.parse_args()
    print(f"== 1. data under {args.data}")
    folders = {name: args.data / name for name in ("article-extraction-benchmark", "trafilatura-eval", "news-pages")}
    present = {name: folder.is_dir() for name, folder in folders.items()}
    for name, ok in present.items():
        print(f"  {name:<30} {'found' if ok else 'MISSING: its section is skipped'}")
    zyte, truth = (
        load_zyte(folders["article-extraction-benchmark"]) if present["article-extraction-benchmark"] else ([], {})
    )
    te_pages, entries, checks, missing = (
        load_trafeval(folders["trafilatura-eval"]) if present["trafilatura-eval"] else ([], [], [], 0)
    )
    if missing:
        print(f"  trafilatura-eval: {missing} entries have no page file and are left out")
    if present["news-pages"]:
        print("  news-pages: part of trafilatura-eval (its pages are among the evaluation set's), not scored twice")
    pages = [*zyte, *te_pages]
    if pages:
        base = baselines(pages)
        ours, fields, times = run_timed(pages)
        if zyte:
            zyte_section(zyte, truth, ours, base)
        if entries:
            trafeval_section(entries, ours, base)
            realworld_section(te_pages, checks, ours, fields)
        if not args.quick and entries and zyte:
            cascade_section(te_pages, entries, zyte, truth)
        speed_section(pages, times, args.quick)
    wire_section(ROOT / "tests" / "extract" / "wire_labels.jsonl")
    demo_section()


if __name__ == "__main__":
    main()
