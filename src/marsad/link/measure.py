"""How close a clustering is to the truth: pairwise precision, recall and false merges,
and B-cubed precision and recall (each item's cluster against its true one, averaged)."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations


def pairwise(truth: dict[str, str], linked: dict[str, str]) -> dict[str, float]:
    together = {pair for pair in combinations(sorted(linked), 2) if linked[pair[0]] == linked[pair[1]]}
    same = {pair for pair in combinations(sorted(linked), 2) if truth[pair[0]] == truth[pair[1]]}
    apart = len(linked) * (len(linked) - 1) // 2 - len(same)
    right = len(together & same)
    return {
        "precision": right / len(together) if together else 1.0,
        "recall": right / len(same) if same else 1.0,
        "false_merges": len(together - same) / apart if apart else 0.0,
    }


def b_cubed(truth: dict[str, str], linked: dict[str, str]) -> tuple[float, float]:
    by_truth, by_link = defaultdict(set), defaultdict(set)
    for report in linked:
        by_truth[truth[report]].add(report)
        by_link[linked[report]].add(report)
    precision = sum(len(by_link[linked[r]] & by_truth[truth[r]]) / len(by_link[linked[r]]) for r in linked) / len(linked)
    recall = sum(len(by_link[linked[r]] & by_truth[truth[r]]) / len(by_truth[truth[r]]) for r in linked) / len(linked)
    return precision, recall
