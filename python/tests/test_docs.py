"""The examples of docs/python.md run as written: the Python one on a small generated instance,
the C one compiled against the header and the package's library."""

import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import REPOSITORY
import wre._native

DOC = (REPOSITORY / "docs" / "python.md").read_text()


def code_block(language: str, after: str = "") -> str:
    start = DOC.index(after) if after else 0
    match = re.compile(rf"```{language}\n(.*?)```", re.S).search(DOC, start)
    assert match, f"no {language} block in docs/python.md"
    return match.group(1)


def test_the_python_example_runs(cli, tmp_path):
    cli("generate", "--judgments", "300", "--principles", "30", "--theories", "5", "--output", tmp_path / "big")
    script = code_block("python", "<!-- docs-test: python-example -->")
    process = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert process.returncode == 0, process.stderr
    lines = process.stdout.splitlines()
    assert lines[0].startswith("converged: an equilibrium") and "| unique" in lines[0]
    assert 1 <= len(lines) - 1 <= 10 and all(" → " in line and "pulled by" in line for line in lines[1:])


@pytest.mark.skipif(shutil.which("cc") is None, reason="no C compiler")
def test_the_c_example_compiles_and_runs(tmp_path):
    body = code_block("c")
    includes = "\n".join(line for line in body.splitlines() if line.startswith("#include"))
    statements = "\n".join(line for line in body.splitlines() if not line.startswith("#include"))
    source = tmp_path / "example.c"
    source.write_text(f"#include <stdio.h>\n{includes}\nint main(void) {{\n{statements}\nreturn 0;\n}}\n")
    library = wre._native.library_path()
    binary = tmp_path / "example"
    subprocess.run(["cc", "-std=c11", "-Wall", "-Werror", str(source), "-I", str(REPOSITORY / "CSupport" / "CWRE" / "include"),
                    str(library), f"-Wl,-rpath,{library.parent}", "-o", str(binary)], check=True)
    process = subprocess.run([str(binary)], capture_output=True, text=True, env={**os.environ}, timeout=60)
    assert process.returncode == 0, process.stderr
    assert process.stdout.startswith("converged after ")
