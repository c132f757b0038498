"""The kit README's fixture examples (``def test_...`` blocks) run as a user's tests, through pytester."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

README = Path(__file__).resolve().parents[2] / "contract_tests" / "README.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def test_the_readme_fixture_examples_pass(pytester: pytest.Pytester) -> None:
    examples = [code for code in BLOCK.findall(README.read_text(encoding="utf-8")) if code.startswith("def test_")]
    assert examples, "contract_tests/README.md shows no fixture example"
    pytester.makepyfile(test_from_readme="\n\n".join(examples))
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-W", "ignore::DeprecationWarning")
    result.assert_outcomes(passed=len(examples))
