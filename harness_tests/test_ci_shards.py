"""The CI shards (`make shard`, .github/workflows/e2e.yml) split the browser suite exactly.

pytest-split's ``least_duration`` runs on every shard's machine with that
machine's test order (random, pytest-randomly): each test must land in
exactly one shard whatever the order, or a test would run twice or never.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import pytest
from pytest_split.algorithms import Algorithms

ROOT = Path(__file__).resolve().parents[1]
DURATIONS = ROOT / ".test_durations"
MAKEFILE = ROOT / "Makefile"
SHARDS = 4


@dataclass(frozen=True)
class FakeItem:
    """What the algorithm reads of a pytest item: its node id, and its str()."""

    nodeid: str

    def __str__(self) -> str:
        return f"<Function {self.nodeid.rsplit('::', 1)[-1]}>"


def shards_of(nodeids: list[str], durations: dict[str, float]) -> list[set[str]]:
    split = Algorithms.least_duration.value
    groups = split(
        SHARDS, cast(list[pytest.Item], [FakeItem(nodeid) for nodeid in nodeids]), durations
    )
    return [{item.nodeid for item in group.selected} for group in groups]


@pytest.fixture(scope="module")
def durations() -> dict[str, float]:
    stored: dict[str, float] = json.loads(DURATIONS.read_text(encoding="utf-8"))
    return stored


def test_durations_cover_only_the_browser_suite(durations: dict[str, float]) -> None:
    assert durations, "refresh it with `make durations`"
    assert all(nodeid.startswith("e2e/") for nodeid in durations)


def test_every_test_is_in_exactly_one_shard_whatever_the_order(
    durations: dict[str, float],
) -> None:
    nodeids = sorted(durations)
    reference = shards_of(nodeids, durations)
    assert sum(len(shard) for shard in reference) == len(nodeids)
    assert set().union(*reference) == set(nodeids)
    for seed in range(3):
        shuffled = nodeids[:]
        random.Random(seed).shuffle(shuffled)
        assert shards_of(shuffled, durations) == reference


def test_shards_take_about_the_same_time(durations: dict[str, float]) -> None:
    totals = [
        sum(durations[nodeid] for nodeid in shard)
        for shard in shards_of(sorted(durations), durations)
    ]
    assert max(totals) - min(totals) <= max(durations.values())


def test_make_shard_uses_the_order_independent_algorithm() -> None:
    assert "--splitting-algorithm least_duration" in MAKEFILE.read_text(encoding="utf-8")
