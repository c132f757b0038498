"""Run the ```python blocks of each README (the repository's and each package's), in order, against a fake.

The blocks share one namespace (later examples use the ``client`` of the first) and read
their settings from FIREWORKS_API_KEY / FIREWORKS_ACCOUNT_ID / FIREWORKS_BASE_URL, which
point at the fake.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Each README whose python blocks must run, with the least number of blocks it must hold
# (so a README that loses its examples fails here, not silently).
DOCS = {
    "README.md": 2,
    "client/README.md": 10,
    "generated/fireworks-deployments-client/README.md": 1,
    "contract_tests/README.md": 2,
}
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def blocks(path: Path) -> list[tuple[int, str]]:
    """(line number, code) of each python block."""
    text = path.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start(1)) + 1, m.group(1)) for m in BLOCK.finditer(text)]


@pytest.fixture(scope="module")
def fake_server() -> Iterator[Any]:
    from fireworks_deployments_testing.fake import FakeServer

    with FakeServer() as server:
        yield server


@pytest.mark.parametrize(("name", "least"), DOCS.items())
def test_there_are_examples(name: str, least: int) -> None:
    assert len(blocks(ROOT / name)) >= least


@pytest.mark.parametrize("name", list(DOCS))
def test_examples_run_against_the_fake(name: str, fake_server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    path = ROOT / name
    fake_server.fake.reset()
    monkeypatch.setenv("FIREWORKS_API_KEY", fake_server.api_key)
    monkeypatch.setenv("FIREWORKS_ACCOUNT_ID", fake_server.account_id)
    monkeypatch.setenv("FIREWORKS_BASE_URL", fake_server.base_url)
    namespace: dict[str, Any] = {"__name__": "readme_example"}
    for line, code in blocks(path):
        try:
            exec(compile(code, f"{path.name}:{line}", "exec"), namespace)
        except Exception as exc:
            raise AssertionError(f"example at {path.name} line {line} failed: {exc!r}") from exc
    if name in ("README.md", "client/README.md"):  # the others only read, or use fakes of their own
        assert "llama-canary" in fake_server.fake.deployments()
