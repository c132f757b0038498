"""Deciding whether a 409 on a retried create means our first attempt succeeded.

A create with a ``deploymentId`` is retried after a lost answer; if the first attempt
did reach the server, the retry answers 409 ALREADY_EXISTS. We then read the existing
deployment and accept it when every field we asked for has the value we asked for.
"""

from __future__ import annotations

from typing import Any

from fireworks_deployments_client.models import Deployment

__all__ = ["SERVER_REWRITTEN_FIELDS", "matches_request"]

# Fields the server rewrites on create, so a difference proves nothing:
# a shape name is replaced by the resource name of its current version.
SERVER_REWRITTEN_FIELDS = frozenset({"deploymentShape"})


def _same(sent: Any, stored: Any) -> bool:
    if isinstance(sent, dict) and isinstance(stored, dict):
        return all(_same_entry(stored, k, v) for k, v in sent.items())
    return bool(sent == stored)


def _same_entry(stored: dict[str, Any], key: str, sent: Any) -> bool:
    # Answers omit fields that hold their default value, so a missing key matches a falsy value.
    if key not in stored:
        return not sent
    return _same(sent, stored[key])


def matches_request(requested: Deployment, existing: Deployment) -> bool:
    """True when ``existing`` carries every value set in ``requested`` (extra server fields are fine)."""
    stored = existing.to_dict()
    return all(
        _same_entry(stored, key, value)
        for key, value in requested.to_dict().items()
        if key not in SERVER_REWRITTEN_FIELDS
    )
