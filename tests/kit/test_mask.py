"""The suite's one secret masker (suite.targets.mask): every key it is told about, and FIREWORKS_API_KEY."""

from __future__ import annotations

import pytest

from fireworks_deployments_testing.suite.targets import MASK, Target, mask


def test_masks_the_keys_it_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FIREWORKS_API_KEY", raising=False)
    assert mask("Bearer k-123 and k-456 end", "k-123", "k-456") == f"Bearer {MASK} and {MASK} end"
    assert mask("nothing secret", "k-123") == "nothing secret"


def test_masks_the_environment_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIREWORKS_API_KEY", "fw-live-secret")
    assert mask("sent fw-live-secret twice: fw-live-secret") == f"sent {MASK} twice: {MASK}"


def test_an_empty_key_masks_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIREWORKS_API_KEY", "")
    assert mask("abc", "") == "abc"


def test_a_target_never_shows_its_key() -> None:
    target = Target(name="standalone", base_url="http://127.0.0.1:1", account_id="a", api_key="k-secret-9")
    assert "k-secret-9" not in repr(target)
