"""The cache audit: the fake's caches checked against what they stand for, each time they serve.

The fake remembers work (a deployment's wire JSON, a URL's checked parameters) on the promise that what it
remembered is never changed in place. With ``_FIREWORKS_FAKE_AUDIT_CACHE=1`` (or :data:`enabled` set) every
cache hit is recomputed and compared, and a difference raises :class:`StaleCache` naming what went stale.
The repository's tests and its main job run with it on; it is off by default, as it undoes the saving.
"""

from __future__ import annotations

import os

__all__ = ["ENV", "StaleCache", "enabled"]

ENV = "_FIREWORKS_FAKE_AUDIT_CACHE"
enabled = os.environ.get(ENV) == "1"


class StaleCache(AssertionError):
    """A cached answer no longer matches a fresh one: something changed a shared value in place."""
