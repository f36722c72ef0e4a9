"""compare, explain, support and update return the documents of `wre compare|explain|update
--json`, as objects with their fields and to_dict()."""

import json
import re

import numpy as np
import pytest

import wre


def without_times(document):
    """A document with its wall-clock fields removed (they differ between any two runs)."""
    text = json.dumps(document)
    return json.loads(re.sub(r'"(seconds|validate|solve|certify|analysis)": [-+0-9.e]+', r'"\1": 0', text))


def test_compare_matches_the_command_line(cli, demo_file):
    expected = json.loads(cli("compare", demo_file, "--json").stdout)
    comparison = wre.load(demo_file).compare()
    assert isinstance(comparison, wre.Comparison)
    assert without_times(comparison.to_dict()) == without_times(expected)
    assert comparison.all_converged is True and [r["label"] for r in comparison.runs] == ["wide", "narrow", "top-down", "bottom-up"]
    two = wre.load(demo_file).compare(["wide", "top-down"], ["active-set", "alternating"])
    assert [r["label"] for r in two.runs] == ["wide/active-set", "wide/alternating", "top-down/active-set", "top-down/alternating"]


def test_explain_matches_the_command_line(cli, demo_file):
    expected = json.loads(cli("explain", demo_file, "--json").stdout)
    explanation = wre.load(demo_file).explain()
    assert explanation.to_dict() == expected
    assert explanation.format == "wre-explanation/1" and explanation.converged is True
    assert explanation.result.success
    some = wre.load(demo_file).explain(["p3", "j2"], top=2)
    assert [item["id"] for item in some.items] == ["p3", "j2"] and all(len(item["pulls"]) <= 2 for item in some.items)
    assert some.to_dict() == json.loads(cli("explain", demo_file, "--item", "p3,j2", "--top", "2", "--json").stdout)


def test_explain_a_given_result(demo_file):
    problem = wre.load(demo_file)
    eq = problem.solve("alternating", tol=1e-12)
    explanation = problem.explain(result=eq)
    assert explanation.result is eq and explanation.solver == "alternating"


def test_support_matches_the_command_line(cli, demo_file):
    expected = json.loads(cli("explain", demo_file, "--support", "p3", "--json").stdout)
    support = wre.load(demo_file).support("p3")
    assert isinstance(support, wre.Support)
    assert support.to_dict() == expected
    assert support.id == "p3" and support.entries


def test_support_needs_an_equilibrium(demo_file):
    with pytest.raises(wre.NotConvergedError, match="maxIterations"):
        wre.load(demo_file).support("p3", solver="alternating", max_iter=1, tol=1e-15)


def test_update_matches_the_command_line(cli, demo_file, tmp_path):
    changes = {"format": "wre-changes/1", "set": {"items": [{"id": "p3", "initial": 0.1}]},
               "remove": {"items": ["j12"]}}
    path = tmp_path / "changes.json"
    path.write_text(json.dumps(changes))
    expected = json.loads(cli("update", demo_file, path, "--json").stdout)
    problem = wre.load(demo_file)
    update = problem.update(changes)
    assert isinstance(update, wre.Update)
    assert without_times(update.to_dict()) == without_times(expected)
    assert update.problem.shape == (problem.shape[0] - 1, problem.shape[1], problem.shape[2])
    assert update.result.success and np.array_equal(update.result.x, [i["value"] for i in expected["result"]["items"]])
    # The same from a file, a JSON string, and warm-started from an Equilibrium or its dict.
    previous = problem.solve()
    for given in (path, json.dumps(changes)):
        assert without_times(problem.update(given, previous).to_dict()) == without_times(expected)
    assert problem.update(changes, previous.to_dict()).result.success
    cold_skipped = problem.update(changes, cold=False)
    assert cold_skipped.cold is None and cold_skipped.iterations_saved is None
