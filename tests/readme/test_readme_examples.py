"""Run the ```python blocks of README.md, in order, against a threaded fake server.

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
DOCS = [ROOT / "README.md"]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)
MARKER = "fireworks_deployments_client.lib"


def documents() -> list[Path]:
    return [path for path in DOCS if path.is_file() and MARKER in path.read_text(encoding="utf-8")]


def blocks(path: Path) -> list[tuple[int, str]]:
    """(line number, code) of each python block."""
    text = path.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start(1)) + 1, m.group(1)) for m in BLOCK.finditer(text)]


@pytest.fixture(scope="module")
def fake_server() -> Iterator[Any]:
    from fireworks_deployments_testing.fake import FakeServer

    with FakeServer() as server:
        yield server


def test_there_are_examples() -> None:
    assert documents(), "README.md has no client examples"
    assert len(blocks(documents()[0])) >= 8


@pytest.mark.parametrize("path", documents(), ids=lambda p: p.name)
def test_examples_run_against_the_fake(path: Path, fake_server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
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
    assert "llama-canary" in fake_server.fake.deployments()
