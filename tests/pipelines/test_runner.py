"""pipelines.runner: the CLI's runs, with the data directory and registry as resource config."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg
import pytest

from pipelines.definitions import defs
from pipelines.recovery import (
    LAUNCHER_TAG,
    PARTITION_TAG,
    PID_TAG,
    RANGE_END_TAG,
    RANGE_START_TAG,
    reap_dead_runs,
    run_days,
)
from pipelines.runner import (
    CLI_CRAWL_LOG_LEVEL,
    INSTANCE_YAML,
    JobRunner,
    RunFailed,
    default_dagster_home,
    job_runner,
    prepare_dagster_home,
    run_config,
)
from wirearchive.config import DATA_DIR_ENV, SOURCES_ENV, data_paths

SOURCES = """\
[[source]]
id = "daily"
name = "Portville Daily"
kind = "outlet"
home = "http://127.0.0.1:9/"
feeds = ["http://127.0.0.1:9/feed.xml"]
"""


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(SOURCES, encoding="utf-8")
    return path


def test_run_config_is_valid_for_every_job(tmp_path: Path, sources: Path) -> None:
    config = run_config(data_paths(tmp_path / "data"), sources, crawl_log_level="WARNING")
    assert config["resources"]["wirearchive"]["config"] == {
        "data_dir": str((tmp_path / "data").resolve()),
        "sources": str(sources),
        "crawl_log_level": "WARNING",
    }
    for name in ("nightly_job", "reprocess_job"):
        dg.validate_run_config(defs.resolve_job_def(name), config)
    assert "crawl_log_level" not in run_config(data_paths(tmp_path), sources)["resources"]["wirearchive"]["config"]


def test_a_run_reads_its_paths_from_resource_config_not_the_environment(
    tmp_path: Path, sources: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "elsewhere"))
    monkeypatch.setenv(SOURCES_ENV, str(tmp_path / "missing.toml"))
    paths = data_paths(tmp_path / "data")
    with dg.DagsterInstance.ephemeral() as instance:
        runner = JobRunner(defs.resolve_job_def("reprocess_job"), instance, paths, run_config(paths, sources))
        stages: list[tuple[str, str, bool]] = []
        done = runner.run("2026-01-12", lambda *event: stages.append(event))
        run = instance.get_run_by_id(done.run_id)
    assert run.run_config["resources"]["wirearchive"]["config"]["data_dir"] == str(paths.root)
    assert run.tags["dagster/partition"] == "2026-01-12" and run.tags["wirearchive/launcher"] == "cli"
    assert paths.table_partition("articles", "2026-01-12").is_file() and paths.catalog.is_file()
    assert not (tmp_path / "elsewhere").exists()
    # Each stage of the day reported as it started and as it finished, in run order; counts of an
    # empty day (the registry's site is not served) are zeros, not missing.
    assert stages == [
        ("2026-01-12", stage, finished) for stage in ("extract", "stories", "publish") for finished in (False, True)
    ]
    assert runner.stages == ["extract", "stories", "publish"]
    assert done.counts == {"pages": 0, "articles": 0, "failures": 0, "stories": 0}


def test_a_failed_run_names_the_day_and_the_root_cause(tmp_path: Path) -> None:
    paths = data_paths(tmp_path / "data")
    with dg.DagsterInstance.ephemeral() as instance:
        runner = JobRunner(
            defs.resolve_job_def("reprocess_job"), instance, paths, run_config(paths, tmp_path / "missing.toml")
        )
        with pytest.raises(RunFailed) as caught:
            runner.run("2026-01-12")
    message = str(caught.value)
    assert message.startswith("reprocess_job failed for 2026-01-12 (steps: articles: ")
    assert "missing.toml" in message and "run id " in message


def test_prepare_dagster_home_keeps_an_existing_dagster_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    home = tmp_path / "home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    assert prepare_dagster_home(home) == home.resolve()
    assert (home / "dagster.yaml").read_text(encoding="utf-8") == "telemetry:\n  enabled: false\n"


def test_each_data_directory_has_its_own_dagster_instance_by_default(
    tmp_path: Path, sources: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DAGSTER_HOME", raising=False)  # restored after the test; job_runner sets it
    homes = []
    for name in ("one", "two"):
        monkeypatch.delenv("DAGSTER_HOME", raising=False)
        paths = data_paths(tmp_path / name)
        assert default_dagster_home(paths) == paths.state / "dagster"
        with job_runner("reprocess_job", paths, sources) as runner:
            homes.append(Path(runner.instance.root_directory))
    assert homes == [(tmp_path / n / "state" / "dagster").resolve() for n in ("one", "two")]
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "shared"))
    assert default_dagster_home(data_paths(tmp_path / "one")) == tmp_path / "shared"


def test_job_runner_uses_the_dagster_home_it_prepares(
    tmp_path: Path, sources: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DAGSTER_HOME", raising=False)  # restored after the test; job_runner sets it
    monkeypatch.delenv("WIREARCHIVE_LOG_LEVEL", raising=False)
    home = tmp_path / "home"
    with job_runner("reprocess_job", data_paths(tmp_path / "data"), sources, home=home) as runner:
        assert runner.job.name == "reprocess_job"
        assert runner.config["resources"]["wirearchive"]["config"]["crawl_log_level"] == CLI_CRAWL_LOG_LEVEL
        assert Path(runner.instance.root_directory) == home.resolve()
    assert os.environ["DAGSTER_HOME"] == str(home.resolve())
    assert (home / "dagster.yaml").read_bytes() == INSTANCE_YAML.read_bytes()


def test_a_set_crawl_log_level_is_left_to_the_environment(
    tmp_path: Path, sources: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WIREARCHIVE_LOG_LEVEL", "DEBUG")
    monkeypatch.delenv("DAGSTER_HOME", raising=False)  # restored after the test; job_runner sets it
    with job_runner("nightly_job", data_paths(tmp_path / "data"), sources, home=tmp_path / "home") as runner:
        assert "crawl_log_level" not in runner.config["resources"]["wirearchive"]["config"]


def test_dead_cli_runs_of_a_held_day_are_reaped_ranged_or_not(tmp_path: Path) -> None:
    job = defs.resolve_job_def("reprocess_job")
    with dg.DagsterInstance.ephemeral() as instance:

        def started(tags: dict[str, str]) -> str:
            run = instance.create_run_for_job(
                job, tags={LAUNCHER_TAG: "cli", PID_TAG: "1", **tags}, status=dg.DagsterRunStatus.STARTED
            )
            return run.run_id

        ranged = started({RANGE_START_TAG: "2026-01-10", RANGE_END_TAG: "2026-01-14"})
        single = started({PARTITION_TAG: "2026-01-12"})
        other = started({PARTITION_TAG: "2026-01-20"})
        ui_run = instance.create_run_for_job(
            job, tags={PARTITION_TAG: "2026-01-12"}, status=dg.DagsterRunStatus.STARTED
        ).run_id
        assert sorted(reap_dead_runs(instance, ["2026-01-12"])) == sorted([ranged, single])
        status = {r: instance.get_run_by_id(r).status for r in (ranged, single, other, ui_run)}
    assert status == {
        ranged: dg.DagsterRunStatus.FAILURE,
        single: dg.DagsterRunStatus.FAILURE,
        other: dg.DagsterRunStatus.STARTED,
        ui_run: dg.DagsterRunStatus.STARTED,
    }
    assert run_days({RANGE_START_TAG: "2026-01-30", RANGE_END_TAG: "2026-02-01"}) == {
        "2026-01-30",
        "2026-01-31",
        "2026-02-01",
    }
    assert run_days({}) == set()
