#!/usr/bin/env bash
# The two commands of the README:
#   bash scripts/dev.sh demo   - install, serve the demo world on 127.0.0.1, run every demo day, print answers
#   bash scripts/dev.sh test   - install, lint (ruff check, ruff format --check, mypy), then the whole test suite
# and, for the edit-test loop:
#   bash scripts/dev.sh test-fast - install, lint, then every test but the slow kinds (pyproject markers:
#                                   browser, servers, kill, root, e2e, stress); needs no Debian packages
# All are idempotent. Extra arguments after "test" / "test-fast" go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV="$ROOT/.venv"
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3

install() {
    if [ ! -x "$VENV/bin/python" ]; then
        "$PY" -m venv "$VENV"
    fi
    # Reinstall only when the pins or the project metadata changed.
    local stamp="$VENV/.wirearchive-installed"
    local want
    want=$(cat constraints.txt pyproject.toml | sha1sum | cut -d' ' -f1)
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
        "$VENV/bin/python" -m pip install --quiet --upgrade pip
        "$VENV/bin/python" -m pip install --quiet -c constraints.txt -e ".[dev]"
        echo "$want" > "$stamp"
    fi
}

# Debian packages the test suite drives for real: Chromium (UI backfill test), Redis (shared crawl
# frontier), PostgreSQL (Dagster storage). Installed only when missing; needs root (CI runs as root).
system_packages() {
    local missing=()
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
    { command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; } || missing+=(postgresql)
    if [ ${#missing[@]} -gt 0 ]; then
        if [ "$(id -u)" != 0 ]; then
            echo "missing Debian packages: ${missing[*]} (run as root or install them)" >&2
            return 1
        fi
        echo "installing Debian packages: ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

# ruff and mypy as configured in pyproject.toml ([tool.ruff], [tool.mypy]), from the repository root;
# the first that fails stops the run with its output (and its exit status) before any test runs.
lint() {
    local step
    for step in "ruff check ." "ruff format --check ." "mypy"; do
        echo "lint: $step"
        local rc=0
        # shellcheck disable=SC2086  # the step's words are its arguments
        "$VENV/bin/python" -m $step || rc=$?
        if [ $rc -ne 0 ]; then
            echo "lint failed: $step (run it alone: .venv/bin/python -m $step)" >&2
            return $rc
        fi
    done
}

# The fast tier: everything but the markers of pyproject.toml's [tool.pytest.ini_options].
FAST_TESTS="not browser and not servers and not kill and not root and not e2e and not stress"

case "${1:-}" in
    demo)
        shift
        install
        exec "$VENV/bin/wirearchive" demo "$@"
        ;;
    test)
        shift
        system_packages
        install
        lint
        set +e
        "$VENV/bin/python" -m pytest "$@"
        rc=$?
        set -e
        # pytest exits 5 when it collected nothing: that is a failure of the suite, not a pass.
        exit $rc
        ;;
    test-fast)
        shift
        install
        lint
        set +e
        "$VENV/bin/python" -m pytest -m "$FAST_TESTS" "$@"
        rc=$?
        set -e
        exit $rc
        ;;
    *)
        echo "usage: bash scripts/dev.sh {demo|test|test-fast} [args]" >&2
        exit 2
        ;;
esac
