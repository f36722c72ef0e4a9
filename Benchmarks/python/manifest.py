"""A generated instance (`wre generate --output DIR`) as a `wre.Problem` over the same .npy
files, the blocks mapped with `np.load(..., mmap_mode="r")` (read in place, not copied)."""

import json
from pathlib import Path

import numpy as np

import wre

ITEM_COLUMNS = ["initial", "confidence", "lower", "upper", "parsimony"]


def load_arrays(directory: Path) -> wre.Problem:
    manifest = json.loads((directory / "problem.json").read_text())
    blocks = {name: np.load(directory / path, mmap_mode="r") for name, path in manifest["matrices"].items()}
    groups = {}
    for group, path in manifest.get("items", {}).items():
        columns = np.load(directory / path)
        columns = columns.reshape(len(columns), -1)
        groups[group] = {key: np.ascontiguousarray(columns[:, i]) for i, key in enumerate(ITEM_COLUMNS[: columns.shape[1]])}
    return wre.Problem(blocks["judgmentPrinciple"], blocks.get("principleTheory"), blocks.get("judgmentTheory"),
                       blocks.get("principlePrinciple"), **groups, block_weights=manifest.get("blockWeights"),
                       mode=manifest.get("mode", "wide"))
