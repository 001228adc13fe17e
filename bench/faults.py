"""Bench: the fault table -- every fault kind of the fault site, tried in one real pipeline run.

Serves ``testkit.faultsite`` on 127.0.0.1, runs the nightly job for its day through
``wirearchive run`` (Dagster, the Scrapy crawl subprocess, extraction, dedupe, the DuckDB catalog)
and prints, per fault kind, whether the run survived it and how the fault is recorded (the
``captures`` / ``failures`` rows an operator queries). The same harness backs
``tests/faults/test_faults.py``.

Usage: ``.venv/bin/python bench/faults.py [--keep DIR]``
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from testkit.faults import fault_table, judge, run_fault_day


def main(argv: list[str] | None = None) -> int:
    """Run the fault day once and print the table; exit 1 unless every kind survived and is recorded."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", help="work folder to keep (default: a temp folder, removed)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="wirearchive-faults-") as tmp:
        work = Path(args.keep) if args.keep else Path(tmp)
        run = run_fault_day(work)
        verdicts = judge(run)
        print(f"run: exit code {run.exit_code}, {run.elapsed_s:.1f} s, data in {run.data_dir}")
        if run.exit_code != 0:
            print(run.output[-3000:])
        print(fault_table(verdicts))
    return 0 if all(v.survived and v.recorded for v in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
