"""Golden pages: self-written HTML in golden/, expected extraction in golden/<name>.json.

After an intended change, run ``tests/extract/regenerate_golden.py`` and review the JSON diff.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

HERE = Path(__file__).parent
_spec = importlib.util.spec_from_file_location("regenerate_golden", HERE / "regenerate_golden.py")
regenerate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(regenerate)

INPUTS = json.loads((HERE / "golden" / "inputs.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def extracted() -> dict[str, dict]:
    return {name: regenerate.run_case(name, spec) for name, spec in INPUTS.items()}


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_golden_page(extracted: dict[str, dict], name: str) -> None:
    expected = json.loads((HERE / "golden" / f"{name}.json").read_text(encoding="utf-8"))
    assert extracted[name] == expected


CHROME = {
    # cookie banner, newsletter box, related-stories rail, reader comment, photo caption
    "jsonld_newsarticle": ["cookies", "newsletter", "Reservoir falls to lowest level", "nobody listened", "AP Photo"],
    # "Read more" teaser, share prompt, "More from" rail
    "og_only_credit": ["Traffic detours map", "Share this article", "School board asks for more buses"],
    "spun_farm": ["celebrity diets", "Share this"],
    "plain_page": ["Copyright 2020", "Front page"],
}


@pytest.mark.parametrize("name", sorted(CHROME))
def test_page_chrome_is_not_in_body(extracted: dict[str, dict], name: str) -> None:
    body = extracted[name]["body"].casefold()
    assert [c for c in CHROME[name] if c.casefold() in body] == []
    assert len(body) > 400  # the article itself is still there
