"""Session-wide settings for the repository's own tests."""

from __future__ import annotations

import os

import pytest

from fireworks_deployments_testing.fake import models


def pytest_configure(config: pytest.Config) -> None:
    # Every cached encoding is checked against its record when served, here and in the fakes the tests start
    # as subprocesses: a code path that changes stored JSON in place fails the test that takes it.
    os.environ[models.AUDIT_ENV] = "1"
    models.audit_cache = True
