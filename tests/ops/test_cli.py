"""The operator's command line: ``--help`` for every subcommand, and errors as one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirearchive.cli import build_parser, main

SUBCOMMANDS = ["demo", "run", "reprocess", "import-warc", "check-sources", "stats"]


def test_every_subcommand_is_listed() -> None:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert sorted(sub.choices) == sorted(SUBCOMMANDS)


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: wirearchive {command}")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["run", "2026-13-01"], "bad partition key '2026-13-01'"),
        (["reprocess", "2026-01-16", "2026-01-12"], "range end 2026-01-12 is before its start 2026-01-16"),
        (["check-sources", "{missing}"], "missing.toml"),
        (["stats", "--data-dir", "{tmp}"], "no catalog at"),
    ],
)
def test_errors_are_one_line(argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = [a.format(missing=tmp_path / "missing.toml", tmp=tmp_path) for a in argv]
    code = main(argv)
    out = capsys.readouterr().out
    assert code != 0
    lines = out.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], out
