#!/usr/bin/env bash
# The two commands of the README:
#   bash scripts/dev.sh demo   - install, serve the demo world on 127.0.0.1, run every demo day, print answers
#   bash scripts/dev.sh test   - install, then the whole test suite
# Both are idempotent. Extra arguments after "test" go to pytest.
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

case "${1:-}" in
    demo)
        shift
        install
        exec "$VENV/bin/wirearchive" demo "$@"
        ;;
    test)
        shift
        install
        set +e
        "$VENV/bin/python" -m pytest "$@"
        rc=$?
        set -e
        # pytest exits 5 when it collected nothing: that is a failure of the suite, not a pass.
        exit $rc
        ;;
    *)
        echo "usage: bash scripts/dev.sh {demo|test} [args]" >&2
        exit 2
        ;;
esac
