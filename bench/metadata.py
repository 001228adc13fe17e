"""Metadata bench: per field, how often found and how often right, next to trafilatura.

Run from the repository root::

    .venv/bin/python bench/metadata.py [--data /work/shared/data] [--limit N] [--no-cache]

Pages go through the pipeline's own path from raw bytes: ``decode_html`` -> ``parse_html`` ->
``read_metadata``. The baseline is ``trafilatura.extract_metadata`` (2.3.1 defaults) on a copy
of the same parsed tree; its answers are cached under ``bench/out/`` (they do not change while
trafilatura's version is pinned; ``--no-cache`` recomputes them).

Truth:

* ``trafilatura-eval/evaldata.json`` (trafilatura's evaluation set, see its README): the
  ``title``, ``date`` and ``author`` annotations, each entry scored on its ``file`` in ``eval/``.
* ``trafilatura-eval/realworld_tests.py.txt``: the metadata assertions of ``test_pages`` (read
  as data with :mod:`ast`, never run): ``metadata.F == "x"``, ``"x" in metadata.F``,
  ``metadata.F.startswith("x")``, ``metadata.F.endswith("x")`` for title, author, date and site
  name, on the pages in ``cache/``. Where the file says the asserted author is not the true one
  (``# actually 'Ben Knight'``), the true one is used.

What counts as right (the same rule for both systems):

* title: equal after normalisation (NFKC, case-folded, whitespace collapsed, quotes unified,
  outer punctuation stripped), or one is a prefix of the other and the shorter is at least 90%
  of the longer (the annotations cut some titles short). A title that keeps a site suffix
  ("Headline | Site") is wrong. ``in``/startswith/endswith assertions are applied as written.
* date: the same calendar day as annotated (our ``published_day``: the day as the page states
  it, in its own time zone).
* author: both sides split into names (``,`` ``;`` ``&`` ``/`` ``and`` ``und`` ``et``),
  normalised and compared without spaces or punctuation ("R.C. BAKER" = "R C Baker"); right when at least half of the union of names is shared (Jaccard >= 0.5).
  Our answer is the person names, or when there are none, the organisations (the byline).
* site name (real-world checks only): normalised equality.

A second title line counts a title truth that keeps the page's site segment ("What we do -
Creative Commons", the page's og:site_name "Creative Commons": trafilatura's real-world checks assert its own
output) as right without that segment too, as issue #13 defines the title as the headline without
a site suffix; the main table scores the truth as written.

Invented: found but not right. For fields without truth (modified, language, site name on the
evaluation set) only how often found is printed.
"""

from __future__ import annotations

import argparse
import ast
import copy
import json
import re
import statistics
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402
from trafilatura.meta import reset_caches  # noqa: E402
from trafilatura.metadata import extract_metadata  # noqa: E402

import wirearchive.metadata as wm  # noqa: E402
import wirearchive.titles as wt  # noqa: E402
from wirearchive.htmltext import DecodeError, decode_html, parse_html  # noqa: E402
from wirearchive.metadata import read_metadata  # noqa: E402

FIELDS = ("title", "date", "author", "sitename")
FOUND_ONLY = ("modified", "language", "sitename")
# Title annotations are sometimes cut short; a prefix this close in length still counts.
TITLE_PREFIX_RATIO = 0.9
AUTHOR_MIN_JACCARD = 0.5
_WS = re.compile(r"\s+")
_NAME_SPLIT = re.compile(r"\s*(?:[,;&/|]|\band\b|\bund\b|\bet\b)\s*", re.I)
_QUOTES = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "–": "-", "—": "-"}
)


@dataclass
class Case:
    """One page with the truth known about it."""

    key: str
    path: Path
    url: str
    truth: dict[str, tuple[str, str]]  # field -> (operator, value); operator in == in startswith endswith


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return _WS.sub(" ", text).strip(" .,:;!?-|\"'")


def title_right(found: str, op: str, truth: str) -> bool:
    """The title rule of the module docstring."""
    ours, want = _norm(found), _norm(truth)
    if op == "in":
        return want in ours
    if op == "startswith":
        return ours.startswith(want)
    if op == "endswith":
        return ours.endswith(want)
    if ours == want:
        return True
    short, long_ = sorted((ours, want), key=len)
    return bool(short) and long_.startswith(short) and len(short) >= TITLE_PREFIX_RATIO * len(long_)


def _names(text: str) -> set[str]:
    """Names compared without spaces and punctuation ("R.C. BAKER" = "R C Baker")."""
    return {
        n
        for part in _NAME_SPLIT.split(text)
        if (n := re.sub(r"[\W_]+", "", _norm(re.sub(r"^\s*by\s+", "", part, flags=re.I))))
    }


def author_right(found: str, op: str, truth: str) -> bool:
    """The author rule of the module docstring (``in`` assertions: the name is among ours)."""
    ours, want = _names(found), _names(truth)
    if op == "in":
        return bool(want) and want <= ours
    if not ours or not want:
        return False
    return len(ours & want) / len(ours | want) >= AUTHOR_MIN_JACCARD


def right(field: str, found: str | None, op: str, truth: str) -> bool:
    """Whether one found value is right (``False`` when nothing was found)."""
    if not found:
        return False
    if field == "title":
        return title_right(found, op, truth)
    if field == "author":
        return author_right(found, op, truth)
    if field == "date":
        return found[:10] == truth[:10]
    return _norm(found) == _norm(truth) if op == "==" else _norm(truth) in _norm(found)


# ---------------------------------------------------------------- truth loaders
def eval_cases(base: Path) -> list[Case]:
    """The annotated entries of trafilatura's evaluation set (one case per entry)."""
    data = json.loads((base / "evaldata.json").read_text(encoding="utf-8"))
    cases = []
    for url, entry in data.items():
        truth = {}
        for field in ("title", "date", "author"):
            value = entry.get(field)
            if isinstance(value, list):
                value = "; ".join(v for v in value if isinstance(v, str))
            if isinstance(value, str) and value.strip():
                truth[field] = ("==", _truth_date(value) if field == "date" else value.strip())
        path = base / "eval" / entry["file"]
        if truth and path.exists():
            cases.append(Case(url, path, url, truth))
    return cases


def _truth_date(value: str) -> str:
    """An annotated date as YYYY-MM-DD; a few annotations are malformed ("2022-29-11",
    "2022-01.26", "2022-11-1") and are read as the evident day, for both systems alike."""
    parts = re.split(r"[-./]", value.strip()[:10])
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return value.strip()
    year, month, day = (int(p) for p in parts)
    if month > 12 >= day:
        month, day = day, month
    return f"{year:04d}-{month:02d}-{day:02d}"


def _literal(node: ast.AST) -> str | None:
    try:
        value = ast.literal_eval(node)
    except ValueError:
        return None
    return value if isinstance(value, str) else None


def _field(node: ast.AST) -> str | None:
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "metadata":
        return node.attr
    return None


def _assertion(test: ast.AST) -> tuple[str, str, str] | None:
    """(field, operator, value) of one supported ``assert``."""
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        left, op, right_ = test.left, test.ops[0], test.comparators[0]
        if isinstance(op, ast.Eq) and (field := _field(left)) and (value := _literal(right_)) is not None:
            return field, "==", value
        if isinstance(op, ast.In) and (field := _field(right_)) and (value := _literal(left)) is not None:
            return field, "in", value
    if (
        isinstance(test, ast.Call)
        and isinstance(test.func, ast.Attribute)
        and test.func.attr in ("startswith", "endswith")
        and (field := _field(test.func.value))
        and test.args
        and (value := _literal(test.args[0])) is not None
    ):
        return field, test.func.attr, value
    return None


def realworld_cases(base: Path) -> list[Case]:
    """The metadata assertions of the real-world checks' ``test_pages``, read as data."""
    source = (base / "realworld_tests.py.txt").read_text(encoding="utf-8")
    lines = source.splitlines()
    module = ast.parse(source)
    pages: dict[str, str] = {}
    for node in module.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "MOCK_PAGES":
            pages = ast.literal_eval(node.value)
    test = next(n for n in module.body if isinstance(n, ast.FunctionDef) and n.name == "test_pages")
    cases: list[Case] = []
    names: dict[str, str] = {}
    current: Case | None = None
    for stmt in test.body:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name):
            target = stmt.targets[0].id
            if target != "metadata" and (value := _literal(stmt.value)) is not None:
                names[target] = value
                continue
            if target == "metadata":
                url = next(
                    (
                        (_literal(a) or names.get(getattr(a, "id", ""), ""))
                        for call in ast.walk(stmt.value)
                        if isinstance(call, ast.Call) and getattr(call.func, "id", "") == "load_mock_page_meta"
                        for a in call.args[:1]
                    ),
                    "",
                )
                current = None
                if url in pages and (base / "cache" / pages[url]).exists():
                    current = Case(f"realworld:{url}", base / "cache" / pages[url], url, {})
                    cases.append(current)
        elif isinstance(stmt, ast.Assert) and current is not None and (found := _assertion(stmt.test)):
            field, op, value = found
            comment = re.search(r"#\s*actually\s+'([^']+)'", lines[stmt.lineno - 1])
            if field == "author" and comment:
                op, value = "==", comment.group(1)
            if field in FIELDS:
                current.truth[field] = (op, value)
    return [c for c in cases if c.truth]


# ---------------------------------------------------------------- systems
def ours(tree: Any, url: str) -> dict[str, str | None]:
    """The fields as the pipeline stores them (authors: people, else organisations)."""
    meta = read_metadata(tree, url)
    day = getattr(meta, "published_day", None) or (meta.published_at.date() if meta.published_at else None)
    return {
        "title": meta.title,
        "date": day.isoformat() if day else None,
        "author": "; ".join(meta.authors or meta.author_orgs) or None,
        "sitename": meta.site_name,
        "modified": meta.modified_at.isoformat() if meta.modified_at else None,
        "language": meta.language,
    }


def baseline(tree: Any, url: str) -> dict[str, str | None]:
    """``trafilatura.extract_metadata`` with its defaults, on a copy of the same tree."""
    doc = extract_metadata(copy.deepcopy(tree), default_url=url)
    return {"title": doc.title, "date": doc.date, "author": doc.author, "sitename": doc.sitename,
            "modified": None, "language": None}  # fmt: skip


def load_tree(path: Path) -> Any:
    """Raw bytes -> decode_html -> parse_html, as the pipeline does (no HTTP header known)."""
    try:
        return parse_html(decode_html(path.read_bytes()))
    except DecodeError:
        return None


# ---------------------------------------------------------------- report
def score(cases: list[Case], answers: dict[str, dict[str, str | None]]) -> dict[str, tuple[int, int, int, int]]:
    """Per field: (cases with truth, found, right, invented)."""
    table = {}
    for field in FIELDS:
        n = found = good = 0
        for case in cases:
            if field not in case.truth:
                continue
            n += 1
            value = answers.get(case.key, {}).get(field)
            op, truth = case.truth[field]
            found += bool(value)
            good += right(field, value, op, truth)
        table[field] = (n, found, good, found - good)
    return table


# Sets this small list every case where trafilatura is right and we are not.
MAX_LISTED_CASES = 50


def page_sites(tree: Any) -> tuple[str, ...]:
    """The page's own og:site_name, compacted: the only name a truth's site segment is matched on."""
    name = wm._metas(tree).get("og:site_name")
    return (wt.compact(name),) if name and wt.compact(name) else ()


def without_site_segment(title: str, sites: tuple[str, ...]) -> str:
    """``title`` without a first or last segment that is exactly the site name (stricter than
    :func:`wirearchive.titles.without_site`, whose prefix and date rules would also cut headline
    words such as "Welpen kaufen – …" on a site named "Welpen")."""
    if (match := wt._LAST_SEGMENT.match(title.strip())) and wt.compact(match.group(2)) in sites:
        return match.group(1)
    if (match := wt._FIRST_SEGMENT.match(title.strip())) and wt.compact(match.group(1)) in sites:
        return match.group(2)
    return title


def site_free_titles(cases: list[Case], answers: dict, sites: dict[str, tuple[str, ...]]) -> tuple[int, int]:
    """(title truths that keep a site segment, right titles when such a truth also counts without it)."""
    kept = good = 0
    for case in cases:
        if "title" not in case.truth:
            continue
        op, truth = case.truth["title"]
        found = answers.get(case.key, {}).get("title")
        bare = without_site_segment(truth, sites.get(case.key, ())) if op == "==" else truth
        kept += _norm(bare) != _norm(truth)
        good += right("title", found, op, truth) or right("title", found, op, bare)
    return kept, good


def print_table(name: str, cases: list[Case], a: dict, b: dict, sites: dict[str, tuple[str, ...]]) -> None:
    """One set: our figures next to trafilatura's."""
    print(f"\n## {name}: {len(cases)} pages")
    print(
        f"{'field':<9} {'truth':>5} | {'wirearchive found/right/invented':>33} | {'extract_metadata found/right/invented':>38}"
    )
    ta, tb = score(cases, a), score(cases, b)
    for field in FIELDS:
        n, *x = ta[field]
        _, *y = tb[field]
        if n:
            print(f"{field:<9} {n:>5} | {x[0]:>11} {x[1]:>10} {x[2]:>10} | {y[0]:>12} {y[1]:>12} {y[2]:>12}")
    kept, good_a = site_free_titles(cases, a, sites)
    if kept:
        print(f"title, the {kept} truths with a site segment also right without it: wirearchive right "
              f"{good_a}, extract_metadata right {site_free_titles(cases, b, sites)[1]}")  # fmt: skip
    if len(cases) <= MAX_LISTED_CASES:  # a small set: name every case trafilatura gets right and we do not
        for case in cases:
            for field, (op, truth) in case.truth.items():
                mine, theirs = a.get(case.key, {}).get(field), b.get(case.key, {}).get(field)
                if right(field, theirs, op, truth) and not right(field, mine, op, truth):
                    print(f"  {field} {op} {truth[:60]!r}: ours {str(mine)[:60]!r}  ({case.url[:70]})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--timing-pages", type=int, default=300, help="pages timed per system (0: none)")
    args = parser.parse_args()
    base = args.data / "trafilatura-eval"
    sets = {
        "trafilatura evaluation set (evaldata.json)": eval_cases(base),
        "real-world checks (test_pages)": realworld_cases(base),
    }
    if args.limit:
        sets = {k: v[: args.limit] for k, v in sets.items()}
    cache = ROOT / "bench" / "out" / f"metadata_trafilatura_{trafilatura.__version__}.json"
    cached = {} if args.no_cache or not cache.exists() else json.loads(cache.read_text())
    a: dict[str, dict] = {}
    b: dict[str, dict] = dict(cached)
    sites: dict[str, tuple[str, ...]] = {}
    for cases in sets.values():
        for case in cases:
            tree = load_tree(case.path)
            if tree is None:
                continue
            a[case.key] = ours(tree, case.url)
            if case.key not in b:
                b[case.key] = baseline(tree, case.url)
            sites[case.key] = page_sites(tree)
    if len(b) > len(cached):
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(b, ensure_ascii=False, indent=0))
    (ROOT / "bench" / "out" / "metadata_ours.json").write_text(json.dumps(a, ensure_ascii=False, indent=0))
    print(f"# metadata bench: wirearchive.read_metadata vs trafilatura {trafilatura.__version__} extract_metadata")
    for name, cases in sets.items():
        print_table(name, cases, a, b, sites)
    all_cases = [c for cases in sets.values() for c in cases]
    print(f"\n## found only, all {len(all_cases)} pages (no truth)")
    for field in FOUND_ONLY:
        fa = sum(bool(a.get(c.key, {}).get(field)) for c in all_cases)
        fb = sum(bool(b.get(c.key, {}).get(field)) for c in all_cases)
        print(f"{field:<9} wirearchive {fa:>4}   extract_metadata {fb if field == 'sitename' else '-':>4}")
    title_thresholds([c for c in sets["trafilatura evaluation set (evaldata.json)"] if "title" in c.truth], b)
    if args.timing_pages:
        timing(all_cases[: args.timing_pages])


# The title thresholds of wirearchive.metadata and the values tried for each.
TITLE_GRID = {
    "END_HEADING_MIN_WORDS": (1, 2, 3, 4, 99),
    "LONE_H1_MIN_WORDS": (1, 2, 3, 4, 5, 6, 99),
    "GLUED_TITLE_MIN_WORDS": (1, 2, 3, 4, 5, 99),
}
FOLDS = 5


def title_thresholds(cases: list[Case], baseline_answers: dict[str, dict]) -> None:
    """Right titles on the evaluation set per threshold value of :mod:`wirearchive.titles` (the others at their defaults), and
    5-fold cross-validation: each value chosen on 4/5 of the pages, scored on the held-out fifth."""
    inputs = []
    for case in cases:
        tree = load_tree(case.path)
        if tree is None:
            continue
        ld, metas = wm._article_ld(tree), wm._metas(tree)
        publisher = [n for group in wm._people(ld.get("publisher")) for n in group]
        doc = baseline_answers.get(case.key, {})
        sites = wm._site_names(metas, publisher, doc.get("sitename"), case.url)
        titles = [
            wm._clean(ld.get("headline")),
            metas.get("og:title"),
            metas.get("twitter:title"),
            tree.findtext(".//title"),
        ]
        headings = [wm._WS.sub(" ", h.text_content()).strip() for h in tree.xpath(wt.HEADING_XPATH)]
        inputs.append((case, titles, headings, sites, wt.lone_h1(tree), doc.get("title")))
    print(f"\n## title thresholds, evaluation set ({len(inputs)} pages): right titles per value")
    for name, values in TITLE_GRID.items():
        default = getattr(wt, name)
        scores: dict[int, list[bool]] = {}
        for value in values:
            setattr(wt, name, value)
            scores[value] = [
                title_right(found, *case.truth["title"]) if (found := wt.headline(t, h, s, lone_h1=lone)
                                                             or (wt.without_site(d, s) if d else None)) else False
                for case, t, h, s, lone, d in inputs
            ]  # fmt: skip
        setattr(wt, name, default)
        held_out = 0
        for fold in range(FOLDS):
            train = [i for i in range(len(inputs)) if i % FOLDS != fold]
            best = max(values, key=lambda v: (sum(scores[v][i] for i in train), v == default))
            held_out += sum(scores[best][i] for i in range(len(inputs)) if i % FOLDS == fold)
        grid = "  ".join(f"{v}: {sum(scores[v])}" for v in values)
        print(f"{name} (now {default}): {grid}  | 5-fold held-out right {held_out}, default {sum(scores[default])}")


def timing(cases: list[Case]) -> None:
    """Time both systems on the same parsed trees, each pass after clearing the libraries'
    caches (htmldate memoises parsed date strings, which would favour the second pass)."""
    trees = [(tree, case.url) for case in cases if (tree := load_tree(case.path)) is not None]
    passes = {
        "extract_metadata": lambda tree, url: extract_metadata(copy.deepcopy(tree), default_url=url),
        "read_metadata": lambda tree, url: read_metadata(tree, url),
    }
    read_metadata(*trees[0])  # one-time loads (gazetteer, dateparser) out of the figures
    extract_metadata(copy.deepcopy(trees[0][0]))
    print(f"\n## time per page, {len(trees)} pages, parsed tree in (one core, caches cleared before each pass)")
    for name, run in passes.items():
        reset_caches()
        spent = []
        for tree, url in trees:
            start = time.perf_counter()
            run(tree, url)
            spent.append(1000 * (time.perf_counter() - start))
        spent.sort()
        print(f"{name:<17} median {statistics.median(spent):6.1f} ms  mean {statistics.mean(spent):6.1f} ms  "
              f"p95 {spent[int(0.95 * (len(spent) - 1))]:6.1f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
