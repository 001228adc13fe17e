"""Rewrite the expected JSON of the golden extraction pages from the current extractor.

Run ``.venv/bin/python tests/extract/regenerate_golden.py`` after an intended change, then read
the diff of ``tests/extract/golden/*.json`` before committing it: the JSON is the contract.
Inputs (URL, Content-Type, registry default wire) per page are in ``golden/inputs.json``.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

GOLDEN = Path(__file__).with_name("golden")
sys.path.insert(0, str(GOLDEN.parents[2]))

from wirearchive.extract import Extraction, extract  # noqa: E402

# Fields that change with every release, not with the page.
VOLATILE = ("extractor_version",)


def as_json(extraction: Extraction) -> dict[str, Any]:
    """The comparable JSON form of an extraction (times as ISO strings, tuples as lists)."""
    out: dict[str, Any] = {}
    for field in dataclasses.fields(extraction):
        if field.name in VOLATILE:
            continue
        value = getattr(extraction, field.name)
        if isinstance(value, datetime):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        out[field.name] = value
    return out


def run_case(name: str, spec: dict[str, Any]) -> dict[str, Any]:
    """Extract one golden page with its recorded inputs."""
    html = (GOLDEN / f"{name}.html").read_bytes()
    return as_json(extract(html, spec["url"], content_type=spec["content_type"], default_wire=spec["default_wire"]))


def main() -> None:
    inputs = json.loads((GOLDEN / "inputs.json").read_text(encoding="utf-8"))
    for name, spec in inputs.items():
        path = GOLDEN / f"{name}.json"
        path.write_text(json.dumps(run_case(name, spec), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(GOLDEN.parents[2])}")


if __name__ == "__main__":
    main()
