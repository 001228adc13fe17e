"""Fixtures for story tests: the seed article and its original wording."""

from __future__ import annotations

import pytest

from tests.dedupe.storykit import SEED_DIR, seed_table


@pytest.fixture(scope="session")
def seed_pair() -> tuple[str, str]:
    """(spun seed text, its original wording rebuilt from the README's table), bodies only."""
    if not SEED_DIR.exists():
        pytest.skip(f"seed article not found at {SEED_DIR}")
    text = (SEED_DIR / "000_a4c699a3b8136b27.txt").read_text()
    spun = "\n\n".join(p.strip() for p in text.split("\n\n")[2:] if p.strip())  # drop date and headline
    original = spun
    for bad, good in seed_table():
        original = original.replace(bad, good)
    assert original != spun
    return spun, original
