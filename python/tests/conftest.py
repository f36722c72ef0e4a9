"""Shared fixtures: the `wre` command line (the reference the package must agree with), the demo
problem and random problems written both as arrays and as wre-problem/1 manifests."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

REPOSITORY = Path(__file__).resolve().parents[2]


def _wre_binary() -> Path:
    """$WRE_CLI, else the package's built `wre` (debug, then release), built when missing."""
    if os.environ.get("WRE_CLI"):
        return Path(os.environ["WRE_CLI"])
    for configuration in ("debug", "release"):
        candidate = REPOSITORY / ".build" / configuration / "wre"
        if candidate.is_file():
            return candidate
    if shutil.which("swift") is None:
        pytest.fail("no wre binary: build it (swift build --product wre) or set WRE_CLI")
    subprocess.run(["swift", "build", "--product", "wre", "--package-path", str(REPOSITORY)], check=True)
    return REPOSITORY / ".build" / "debug" / "wre"


@pytest.fixture(scope="session")
def cli():
    """Runs `wre ARGS…` and returns the completed process (stdout and stderr as text)."""
    binary = _wre_binary()

    def run(*arguments, check=True):
        process = subprocess.run([str(binary), *map(str, arguments)], capture_output=True, text=True)
        if check and process.returncode not in (0, 1):
            raise AssertionError(f"wre {' '.join(map(str, arguments))} exited {process.returncode}: {process.stderr}")
        return process

    return run


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory, cli):
    """The bundled example as a problem file (`wre demo --export`)."""
    path = tmp_path_factory.mktemp("demo") / "demo.json"
    cli("demo", "--export", path)
    return path
