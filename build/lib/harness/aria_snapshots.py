"""ARIA snapshots kept as YAML files beside the tests, and rewritten on demand.

A page's main region is held against ``e2e/aria_snapshots/<name>.yml`` with
``expect(region).to_match_aria_snapshot``: a changed heading, label, button or
link fails with a diff a person can read. Python Playwright has no updater,
so ``--update-aria-snapshots`` (``make aria-update``) writes
``region.aria_snapshot()`` to the file instead, then checks it as usual.

Per-test data (random names, NIR, e-mails, the captcha's word) would make a
snapshot differ on every run: each test lists ``Mask``s that turn those values
into the regular expressions (``/.../``) ARIA snapshots accept.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Locator, expect

# ARIA snapshots match children as a subsequence by default: an element added
# to the page would pass unseen. Under the region, this makes it fail too.
DEEP_EQUAL = "- /children: deep-equal"


class MaskDidNotMatch(AssertionError):
    """A mask matched nothing: the page changed, or the mask is stale."""


@dataclass(frozen=True)
class Mask:
    """Where the snapshot text matches ``pattern`` (a Python regex), write ``template``
    as it is (an ARIA snapshot ``/regex/``). The pattern's first group, when it has
    one, is context kept as written (the ``- term:`` line above a value...)."""

    pattern: str
    template: str

    def apply(self, snapshot: str, *, strict: bool = True) -> str:
        def replace(match: re.Match[str]) -> str:
            kept = match.group(1) if match.re.groups else ""
            return kept + self.template

        masked, count = re.subn(self.pattern, replace, snapshot)
        if strict and count == 0:
            raise MaskDidNotMatch(f"mask {self.pattern!r} matched nothing in:\n{snapshot}")
        return masked


def as_template(snapshot: str, masks: Sequence[Mask], *, strict: bool = True) -> str:
    """What is stored for ``snapshot``: masked, its region's children matched exactly.

    ``strict``: a mask that matches nothing is an error (when writing the file).
    """
    for mask in masks:
        snapshot = mask.apply(snapshot, strict=strict)
    first, *rest = snapshot.splitlines()
    return "\n".join([first, "  " + DEEP_EQUAL, *rest]) + "\n"


def readable_diff(stored: str, page: str, name: str) -> str:
    lines = difflib.unified_diff(
        stored.splitlines(), page.splitlines(), f"{name} (stored)", "the page", lineterm=""
    )
    return "\n".join(lines)


class AriaSnapshots:
    """The stored snapshots of one folder; ``update`` rewrites them from the pages."""

    def __init__(self, folder: Path, *, update: bool = False) -> None:
        self.folder = folder
        self.update = update

    def path(self, name: str) -> Path:
        return self.folder / f"{name}.yml"

    def assert_matches(self, name: str, region: Locator, masks: Sequence[Mask] = ()) -> None:
        path = self.path(name)
        if self.update:
            self.folder.mkdir(parents=True, exist_ok=True)
            path.write_text(as_template(region.aria_snapshot(), masks), encoding="utf-8")
        if not path.exists():
            pytest.fail(
                f"no stored ARIA snapshot {path}: write it with `make aria-update`", pytrace=False
            )
        stored = path.read_text(encoding="utf-8")
        try:
            expect(region).to_match_aria_snapshot(stored)
        except AssertionError as error:
            # Masked the same way, the page's snapshot differs only where the page changed.
            page = as_template(region.aria_snapshot(), masks, strict=False)
            raise AssertionError(
                f"{path} no longer matches the page (- stored, + page); after an intended "
                f"change, `make aria-update` rewrites it.\n{readable_diff(stored, page, path.name)}"
            ) from error
