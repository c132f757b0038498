"""Session-wide settings for the repository's own tests."""

from __future__ import annotations

import os

import pytest

from fireworks_deployments_testing.fake import audit


def pytest_configure(config: pytest.Config) -> None:
    # Every cache hit of the fake is checked against a fresh answer, here and in the fakes the tests start as
    # subprocesses: a code path that changes a shared value in place fails the test that takes it.
    os.environ[audit.ENV] = "1"
    audit.enabled = True
