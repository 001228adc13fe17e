"""trafilatura's evaluation data as a benchmark: snippet scoring and the real-world text checks.

The data (``../shared/data/trafilatura-eval``, see its README) is trafilatura's own: 990
``evaldata.json`` entries naming snippets that must (``with``) or must not (``without``) be in the
main text of 923 real pages, and ``realworld_tests.py.txt``, its real-world test file, whose
``assert "…" in result`` lines over the ``cache/`` pages are read here as data with :mod:`ast`
(never imported or run). The scoring follows the README's description of ``eval_common``: a
snippet counts when its whitespace-folded text is a substring of the folded output; precision,
recall and F1 are over the summed counts of all entries.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

_WS = re.compile(r"\s+")
# The real-world file's settings for the plain-text run: output txt, no formatting.
_TEST_FLAGS = {"xmloutput": False, "formatting": False, "xml_flag": False}


def fold(text: str | None) -> str:
    """Whitespace-fold a text as the snippet scoring does."""
    return _WS.sub(" ", text or "").strip()


@dataclass(frozen=True)
class Entry:
    """One annotated page of ``evaldata.json``."""

    key: str
    url: str
    file: str
    with_: tuple[str, ...]
    without: tuple[str, ...]


@dataclass(frozen=True)
class Check:
    """One real-world text check: ``text`` must (``present``) or must not be in the page's output."""

    url: str
    file: str
    text: str
    present: bool
    line: int


def resolve(folder: Path, name: str) -> Path | None:
    """The page file of an entry: ``cache/`` first, then ``eval/`` (as the data's README says)."""
    for sub in ("cache", "eval"):
        path = folder / sub / name
        if path.is_file():
            return path
    return None


def load_entries(folder: Path) -> tuple[list[Entry], int]:
    """Entries whose page file exists, and the number of entries without one."""
    data = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    entries, missing = [], 0
    for key in sorted(data):
        item = data[key]
        if resolve(folder, item["file"]) is None:
            missing += 1
            continue
        entries.append(Entry(key, item.get("url") or key, item["file"], tuple(item["with"]), tuple(item["without"])))
    return entries, missing


def count_entry(entry: Entry, output: str | None) -> tuple[int, int, int, int]:
    """``(tp, fp, fn, tn)`` of one entry: with-snippets found, without-snippets leaked, …"""
    text = fold(output)
    tp = sum(fold(s) in text for s in entry.with_) if output else 0
    fp = sum(fold(s) in text for s in entry.without) if output else 0
    return tp, fp, len(entry.with_) - tp, len(entry.without) - fp


def scores(counts: Iterable[tuple[int, int, int, int]]) -> tuple[float, float, float]:
    """Precision, recall and F1 over summed counts."""
    tp = fp = fn = 0
    for a, b, c, _ in counts:
        tp, fp, fn = tp + a, fp + b, fn + c
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * tp / (2 * tp + fp + fn) if tp else 0.0)


def entry_f1(counts: tuple[int, int, int, int]) -> float:
    """Snippet F1 of one entry (1.0 when it has nothing to find and leaks nothing)."""
    tp, fp, fn, _ = counts
    return 2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else 1.0


# ---------------------------------------------------------------- real-world checks, read with ast
def _truth(node: ast.expr, flags: dict[str, bool]) -> bool | None:
    """Value of an ``if`` test over the test's flags (``xmloutput is False`` …), None if unknown."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        inner = _truth(node.operand, flags)
        return None if inner is None else not inner
    if isinstance(node, ast.Name):
        return flags.get(node.id)
    if (
        isinstance(node, ast.Compare)
        and len(node.ops) == 1
        and isinstance(node.left, ast.Name)
        and isinstance(node.comparators[0], ast.Constant)
    ):
        value, other = flags.get(node.left.id), node.comparators[0].value
        if value is None:
            return None
        if isinstance(node.ops[0], (ast.Is, ast.Eq)):
            return value is other
        if isinstance(node.ops[0], (ast.IsNot, ast.NotEq)):
            return value is not other
    return None


def _page_url(call: ast.expr) -> str | None:
    """The URL of ``do_load_page("…")`` / ``load_mock_page("…")`` (text-output calls only)."""
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.args):
        return None
    if call.func.id not in ("do_load_page", "load_mock_page") or call.keywords:
        return None
    arg = call.args[0]
    return arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None


def _walk(
    statements: list[ast.stmt], flags: dict[str, bool], state: dict, out: list[tuple[str, str, bool, int]]
) -> None:
    for stmt in statements:
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "result" for t in stmt.targets):
            state["url"] = _page_url(stmt.value)
        elif isinstance(stmt, ast.If):
            value = _truth(stmt.test, flags)
            if value is not None:
                _walk(stmt.body if value else stmt.orelse, flags, state, out)
        elif isinstance(stmt, ast.Assert) and state.get("url"):
            test = stmt.test
            if (
                isinstance(test, ast.Compare)
                and len(test.ops) == 1
                and isinstance(test.ops[0], (ast.In, ast.NotIn))
                and isinstance(test.left, ast.Constant)
                and isinstance(test.left.value, str)
                and isinstance(test.comparators[0], ast.Name)
                and test.comparators[0].id == "result"
            ):
                out.append((state["url"], test.left.value, isinstance(test.ops[0], ast.In), stmt.lineno))


def load_checks(folder: Path) -> list[Check]:
    """The body text checks of ``realworld_tests.py.txt`` for plain-text output, as data.

    Only ``assert "…" (not) in result`` lines after a text-output page load count; checks under
    ``if`` branches are kept when the branch holds for plain text without formatting.
    """
    source = (folder / "realworld_tests.py.txt").read_text(encoding="utf-8")
    module = ast.parse(source)
    pages: dict[str, str] = {}
    for node in module.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "MOCK_PAGES" for t in node.targets):
            pages = ast.literal_eval(node.value)
    found: list[tuple[str, str, bool, int]] = []
    for node in module.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            _walk(node.body, _TEST_FLAGS, {}, found)
    return [Check(url, pages[url], text, present, line) for url, text, present, line in found if url in pages]


def check_passes(check: Check, output: str | None) -> bool:
    """Whether an output satisfies a check (plain substring, as the test file does)."""
    return (check.text in (output or "")) == check.present


def comment_checks(
    checks: list[Check], without_comments: Callable[[Check], str], with_comments: Callable[[Check], str]
) -> set[int]:
    """Indices of must-contain checks that hold only with reader comments in the output.

    A check is a reader-comment check when trafilatura's full mode passes it with comments
    and fails it without: the expected text is in the page's comment section.
    """
    return {
        i
        for i, check in enumerate(checks)
        if check.present
        and check_passes(check, with_comments(check))
        and not check_passes(check, without_comments(check))
    }
