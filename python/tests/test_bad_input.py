"""Every bad input of docs/formats.md (and of the arrays themselves) raises wre.ProblemError
naming the item or field. Each case runs in its own interpreter, so a crash of the library
(a trap ends the process) shows as a failure, not as a lost test run."""

import json
import subprocess
import sys
import textwrap

import pytest

PRELUDE = textwrap.dedent("""
    import json, sys
    import numpy as np
    import wre
    A = np.array([[0.9, 0.3], [0.0, -0.8], [-0.4, 0.4]])
    B = np.array([[0.8], [-0.8]])
    J = {"ids": ["j1", "j2", "j3"]}
    P = {"ids": ["p1", "p2"]}
    T = {"ids": ["t1"]}
""")

# (name, statement that must raise ProblemError, fragment of the message)
CASES = [
    ("duplicate id", 'wre.Problem(A, B, judgments={"ids": ["j1", "j2", "j1"]})', "duplicate id 'j1'"),
    ("id across groups", 'wre.Problem(A, B, judgments=J, principles={"ids": ["p1", "j2"]})', "duplicate id 'j2'"),
    ("empty id", 'wre.Problem(A, B, judgments={"ids": ["j1", "", "j3"]})', "judgments[1]: the id is empty"),
    ("non-string id", 'wre.Problem(A, B, judgments={"ids": ["j1", 2, "j3"]})', "judgments.ids[1]: expected a str, found int"),
    ("entry outside [-1, 1]", 'wre.Problem(np.array([[0.9, 0.3], [0.0, -1.8], [-0.4, 0.4]]), B, judgments=J, principles=P)',
     "block judgmentPrinciple: entry (1, 1) = -1.8 is not a finite number in [-1, 1] (the entry of 'j2' and 'p2')"),
    ("NaN entry", 'wre.Problem(A, np.array([[np.nan], [0.1]]), principles=P, theories=T)', "block principleTheory: entry (0, 0) = nan"),
    ("infinite entry in float32", 'wre.Problem(A.astype(np.float32), np.array([[np.inf], [0.1]], dtype=np.float32))', "entry (0, 0) = inf"),
    ("non-finite initial", 'wre.Problem(A, B, judgments={**J, "initial": [1, np.nan, 1]})', "'j2': field 'initial' is not a finite number"),
    ("non-finite confidence", 'wre.Problem(A, B, theories={**T, "confidence": [np.inf]})', "'t1': field 'confidence' is not a finite number"),
    ("lower above upper", 'wre.Problem(A, B, principles={**P, "lower": [0, 0.9], "upper": [1, 0.2], "initial": [0.5, 0.5]})',
     "'p2': lower bound 0.9 exceeds upper bound 0.2"),
    ("initial outside bounds", 'wre.Problem(A, B, judgments={**J, "initial": [1, 1.5, 1]})', "'j2': initial 1.5 is outside its bounds [-1.0, 1.0]"),
    ("negative confidence", 'wre.Problem(A, B, judgments={**J, "confidence": [1, -2, 1]})', "'j2': confidence -2.0 is negative"),
    ("negative parsimony", 'wre.Problem(A, B, principles={**P, "parsimony": [0, -0.1]})', "'p2': parsimony -0.1 is negative"),
    ("parsimony outside principles", 'wre.Problem(A, B, theories={**T, "parsimony": [0.2]})', "'t1': only principles carry a parsimony cost"),
    ("asymmetric S", 'wre.Problem(A, S=np.array([[0, 0.5], [0.2, 0]]))', "block principlePrinciple (S): entry (0, 1) breaks symmetry"),
    ("S diagonal", 'wre.Problem(A, S=np.array([[0.3, 0.0], [0.0, 0]]))', "entry (0, 0) breaks symmetry or the zero diagonal"),
    ("negative block weight", 'wre.Problem(A, B, block_weights={"principleTheory": -1})', "blockWeights.principleTheory: -1.0 is not a finite non-negative number"),
    ("unknown block weight", 'wre.Problem(A, B, block_weights={"judgmentJudgment": 1})', "block_weights: unknown key 'judgmentJudgment'"),
    ("unknown mode", 'wre.Problem(A, B, mode="sideways")', "mode: 'sideways' is not a mode (valid: wide, narrow, top-down, bottom-up)"),
    ("shape mismatch B", 'wre.Problem(A, np.zeros((3, 1)))', "block principleTheory: shape 3×1 does not match the items (2×1)"),
    ("B and C disagree", 'wre.Problem(A, np.zeros((2, 1)), np.zeros((3, 2)))', "block judgmentTheory: shape 3×2 does not match the items (3×1)"),
    ("item array length", 'wre.Problem(A, B, judgments={"initial": [1, 1]})', "judgments.initial: expected 3 values, found 2"),
    ("ids length", 'wre.Problem(A, B, principles={"ids": ["p1"]})', "principles.ids: expected 2 values, found 1"),
    ("unknown item key", 'wre.Problem(A, B, judgments={"confidance": [1, 1, 1]})', "judgments: unknown key 'confidance'"),
    ("2-D item array", 'wre.Problem(A, B, judgments={"initial": np.ones((3, 1))})', "judgments.initial: expected a 1-D array, found shape (3, 1)"),
    ("3-D block", 'wre.Problem(np.zeros((2, 2, 2)))', "A: expected a 2-D array, found shape (2, 2, 2)"),
    ("complex block", 'wre.Problem(A.astype(complex))', "A: dtype complex128 is not a real number type"),
    ("missing A", 'wre.Problem(None, B)', "block judgmentPrinciple (A): missing"),
    ("more judgments than memory", 'wre.Problem(np.zeros((10**15, 0)))', "judgments.count: 1000000000000000 items need more memory than this machine has"),
    ("CSR index out of range", 'import scipy.sparse as sp\nM = sp.csr_matrix(A)\nM.indices[0] = 7\nwre.Problem(M)',
     "block judgmentPrinciple (A).indices: row 0: column 7 outside 0..<2"),
    ("CSR value out of range", 'import scipy.sparse as sp\nM = sp.csr_matrix(A)\nM.data[0] = 3\nwre.Problem(M)',
     "block judgmentPrinciple (A).data: entry 0 is 3.0, expected a finite number in [-1, 1]"),
    ("bad solver", 'wre.Problem(A).solve("newton")', "solver: 'newton' is not a solver"),
    ("bad solve mode", 'wre.Problem(A).solve(mode="deep")', "mode: 'deep' is not a mode"),
    ("bad tolerance", 'wre.Problem(A).solve(tol=0)', "option tolerance: 0.0 is out of range"),
    ("negative max_iter", 'wre.Problem(A).solve(max_iter=-1)', "option maxIterations: -1 is out of range"),
    ("negative time limit", 'wre.Problem(A).solve(time_limit=-1)', "option timeLimit: -1.0 is out of range"),
    ("negative seed", 'wre.Problem(A).solve(seed=-1)', "option seed: -1 is out of range"),
    ("warm start length", 'wre.Problem(A).solve(warm_start=[0, 0])', "warmStart: expected 5 values, found 2"),
    ("unknown explain item", 'wre.Problem(A, judgments=J).explain(["j9"])', "no item has the id 'j9'"),
    ("unknown support item", 'wre.Problem(A, judgments=J).support("j9")', "no item has the id 'j9'"),
    ("explain top", 'wre.Problem(A).explain(top=0)', "top: 0 must be at least 1"),
    ("bad compare mode", 'wre.Problem(A).compare(["wide", "deep"])', "modes[1]: 'deep' is not one of"),
    ("bad change set", 'wre.Problem(A, judgments=J).update({"format": "wre-changes/1", "remove": {"items": ["j9"]}})', "'j9'"),
    ("changes not JSON", 'wre.Problem(A).update("{")', "changes: "),
    ("foreign previous", 'wre.Problem(A).update({"format": "wre-changes/1"}, previous={"format": "wre-result/1"})', "result JSON"),
]

FILE_CASES = [
    ("unknown id in a relation", {"relations": [{"from": "p1", "to": "j9", "weight": 0.5}]}, "relation 0: unknown id 'j9'"),
    ("judgment-judgment relation", {"relations": [{"from": "j1", "to": "j2", "weight": 0.5}]}, "relation 0 ('j1' – 'j2'): no block relates these items"),
    ("repeated pair", {"relations": [{"from": "p1", "to": "j1", "weight": 0.5}, {"from": "j1", "to": "p1", "weight": 0.2}]},
     "relation 1: the pair 'j1' – 'p1' appears more than once"),
    ("weight outside [-1, 1]", {"relations": [{"from": "p1", "to": "j1", "weight": 1.5}]}, "relation 'p1' – 'j1': weight 1.5 is outside [-1, 1]"),
    ("unknown field", {"judgments": [{"id": "j1", "confidance": 1}]}, "judgments[0].confidance: unknown field"),
    ("negative confidence in a file", {"judgments": [{"id": "j1", "confidence": -1}]}, "'j1': confidence -1.0 is negative"),
]


def run_case(statement: str) -> subprocess.CompletedProcess:
    script = PRELUDE + textwrap.dedent(f"""
        try:
{textwrap.indent(statement, " " * 12)}
        except wre.ProblemError as error:
            assert isinstance(error, ValueError)
            print("ProblemError:", error)
        else:
            print("no error")
    """)
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("name, statement, fragment", CASES, ids=[c[0] for c in CASES])
def test_bad_input_raises_problem_error(name, statement, fragment):
    process = run_case(statement)
    assert process.returncode == 0, f"the interpreter ended with {process.returncode}: {process.stderr}"
    assert process.stdout.startswith("ProblemError: "), process.stdout + process.stderr
    assert fragment in process.stdout, process.stdout


@pytest.mark.parametrize("name, edit, fragment", FILE_CASES, ids=[c[0] for c in FILE_CASES])
def test_bad_files_raise_problem_error_naming_the_file(tmp_path, name, edit, fragment):
    document = {"format": "wre-problem/1", "judgments": [{"id": "j1"}, {"id": "j2"}], "principles": [{"id": "p1"}], **edit}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    process = run_case(f"wre.load({str(path)!r})")
    assert process.returncode == 0, f"the interpreter ended with {process.returncode}: {process.stderr}"
    assert process.stdout.startswith(f"ProblemError: {path}: "), process.stdout + process.stderr
    assert fragment in process.stdout, process.stdout


def test_missing_file(tmp_path):
    process = run_case(f"wre.load({str(tmp_path / 'none.json')!r})")
    assert process.stdout.strip() == f"ProblemError: {tmp_path / 'none.json'}: no such file"


def test_the_messages_are_the_command_lines(cli, tmp_path):
    document = {"format": "wre-problem/1", "judgments": [{"id": "j1", "initial": 2}], "principles": [{"id": "p1"}]}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    process = cli("solve", path, check=False)
    assert process.returncode == 2
    python = run_case(f"wre.load({str(path)!r})")
    assert process.stderr.strip() == "wre: error: " + python.stdout.strip().removeprefix("ProblemError: ")
