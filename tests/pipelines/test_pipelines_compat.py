"""pipelines.compat: the Dagster internals the pipeline relies on, pinned and exercised."""

from __future__ import annotations

import inspect
from importlib.metadata import version

import dagster as dg
import pytest

from pipelines import compat


@pytest.mark.parametrize("dist", sorted(compat.CHECKED_VERSIONS))
def test_installed_version_is_the_checked_one(dist: str) -> None:
    checked = compat.CHECKED_VERSIONS[dist]
    assert version(dist) == checked, (
        f"{dist} {version(dist)} is installed but pipelines/compat.py was checked against {checked}: "
        f"re-read the internals it uses in {dist}, then update CHECKED_VERSIONS"
    )


def test_free_run_pool_slots_frees_a_held_slot() -> None:
    with dg.DagsterInstance.ephemeral() as instance:
        storage = instance.event_log_storage
        assert list(inspect.signature(storage.free_concurrency_slots_for_run).parameters) == ["run_id"]
        storage.set_concurrency_slots("crawl", 1)
        claim = storage.claim_concurrency_slot("crawl", "dead-run", "step")
        assert claim.is_claimed
        assert storage.get_concurrency_info("crawl").active_slot_count == 1
        compat.free_run_pool_slots(instance, "dead-run")
        assert storage.get_concurrency_info("crawl").active_slot_count == 0
