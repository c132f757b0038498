"""The fake's default credentials: what a fake started without ``--api-key`` accepts.

They live below both the fake and the suite so that the suite's standalone target can assume them
without importing any server code.
"""

from __future__ import annotations

__all__ = ["DEFAULT_API_KEY", "DEFAULT_ACCOUNT_ID"]

DEFAULT_API_KEY = "fw-fake-key"
DEFAULT_ACCOUNT_ID = "fake-account"
