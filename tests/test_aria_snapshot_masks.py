"""Masks turn per-test values of an ARIA snapshot into /regex/ (harness/aria_snapshots.py)."""

from __future__ import annotations

import pytest

from harness.aria_snapshots import DEEP_EQUAL, Mask, MaskDidNotMatch, as_template

SNAPSHOT = """- main:
  - heading "Bonjour Léa Dubois" [level=1]
  - term: Numéro de sécurité sociale
  - definition: 2 82 09 75 561 817 22"""

GREETING = Mask(r'heading "Bonjour [^"]+"', r"heading /Bonjour .+/")
NIR = Mask(r"(?m)(- term: Numéro de sécurité sociale\n\s*- definition: ).+$", r"/[12][\d ]+/")


def test_masks_write_regexes_and_keep_their_context() -> None:
    assert (
        as_template(SNAPSHOT, [GREETING, NIR])
        == f"""- main:
  {DEEP_EQUAL}
  - heading /Bonjour .+/ [level=1]
  - term: Numéro de sécurité sociale
  - definition: /[12][\\d ]+/
"""
    )


def test_a_mask_that_matches_nothing_is_an_error_when_writing() -> None:
    with pytest.raises(MaskDidNotMatch):
        as_template('- main:\n  - heading "Accueil" [level=1]', [GREETING])


def test_a_mask_that_matches_nothing_is_ignored_for_a_diff() -> None:
    page = '- main:\n  - heading "Accueil" [level=1]'
    assert as_template(page, [GREETING], strict=False).endswith('- heading "Accueil" [level=1]\n')
