#!/usr/bin/env bash
# Runs the Python peers (peers.py: SciPy L-BFGS-B, OSQP, NumPy FISTA) on wre-problem/1 manifests,
# single-threaded, in a virtual environment under Benchmarks/.venv (created on first use with
# numpy, scipy and osqp from PyPI). Arguments are passed to peers.py (see `run.sh --help`).
# JSON lines go to stdout; set-up messages and progress go to stderr.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${WRE_PEERS_VENV:-$(cd "$here/.." && pwd)/.venv}"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
    echo "peers: creating the virtual environment $venv" >&2
    "$python" -m venv "$venv" >&2
fi
if ! "$venv/bin/python" -c "import numpy, scipy, osqp" 2>/dev/null; then
    echo "peers: installing numpy scipy osqp into $venv" >&2
    "$venv/bin/python" -m pip install --quiet --upgrade pip >&2 || true
    # Which OSQP PyPI offers (the peer uses the 1.x API and falls back to 0.6 names).
    "$venv/bin/python" -m pip index versions osqp >&2 2>/dev/null || true
    "$venv/bin/python" -m pip install --quiet numpy scipy osqp >&2
fi

# Single-threaded BLAS for a like-for-like comparison (read before NumPy is imported).
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
exec "$venv/bin/python" "$here/peers.py" "$@"
