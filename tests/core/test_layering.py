"""The core package is pure: no module of ``wirearchive/`` but its CLI imports the outer layers.

Orchestration (``dagster``, ``assets``, ``pipelines``), crawling (``scrapy``, ``spiders``) and
publishing (``warehouse``) sit on top of the core; the core never reaches up to them, so it runs,
tests and benches without them. ``wirearchive/cli.py`` is the one edge allowed to: it drives runs
(``pipelines.runner``) and publishes imported captures (``warehouse.writer``). Imports are found
with ``ast`` anywhere in a module (top level, inside functions, under ``TYPE_CHECKING``).
The demo world and its generator (``demoworld/``) and the test harnesses (``testkit/``) are
packages of their own beside the core: the core imports neither (the CLI's ``demo`` command is
the edge that serves the demo world).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "wirearchive"
OUTER = frozenset({"dagster", "scrapy", "warehouse", "assets", "pipelines", "spiders", "demoworld", "testkit"})
ALLOWED = frozenset({"cli.py"})


def outer_imports(path: Path) -> set[str]:
    """Top-level packages of the outer layers that a module imports (absolute imports only)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, (ast.Attribute, ast.Name))
            and getattr(node.func, "attr", getattr(node.func, "id", None)) in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names = [node.args[0].value]  # importlib.import_module("dagster"), __import__("scrapy")
        else:
            continue
        found.update(name.split(".")[0] for name in names if name.split(".")[0] in OUTER)
    return found


def core_modules() -> list[Path]:
    return sorted(CORE.rglob("*.py"))


def test_the_walk_sees_the_core() -> None:
    names = {p.relative_to(CORE).as_posix() for p in core_modules()}
    assert {"cli.py", "importwarc.py", "extractday.py", "days.py", "capture.py"} <= names


@pytest.mark.parametrize("path", core_modules(), ids=lambda p: p.relative_to(CORE).as_posix())
def test_core_module_does_not_import_outer_layers(path: Path) -> None:
    name = path.relative_to(CORE).as_posix()
    if name in ALLOWED:
        return
    assert not outer_imports(path), f"wirearchive/{name} imports an outer layer"


def test_the_finder_sees_nested_and_from_imports(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "import os\nimport dagster as dg\nfrom warehouse.writer import write_partition\n"
        "from . import sibling\nfrom wirearchive import days\n"
        "def f():\n    import scrapy.http\n    from spiders.run import main\n"
        "import importlib\nimportlib.import_module('pipelines.runner')\n",
        encoding="utf-8",
    )
    assert outer_imports(module) == {"dagster", "warehouse", "scrapy", "spiders", "pipelines"}
