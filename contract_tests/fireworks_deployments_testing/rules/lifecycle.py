"""The deployment lifecycle: which transitional state settles into which, and which states are soft-deleted.

The state names are the spec's (checked at import); the transitions are behaviour the spec states in prose.
"""

from __future__ import annotations

from datetime import timedelta

from .spec import component_schema, resolve

__all__ = ["TRANSITIONS", "SOFT_DELETED_STATES", "PURGE_AFTER"]

# The lifecycle is behaviour the spec states in prose (DeploymentState's description and the
# operations'); the state names themselves must be the spec's, which _known_states() checks.
# transitional state -> the state it settles into
TRANSITIONS = {"CREATING": "READY", "UPDATING": "READY", "DELETING": "DELETED"}
SOFT_DELETED_STATES = frozenset({"DELETING", "DELETED"})
PURGE_AFTER = timedelta(days=30)


def _known_states() -> None:
    listed = set(resolve(component_schema("Deployment")["properties"]["state"])["enum"])
    used = set(TRANSITIONS) | set(TRANSITIONS.values()) | SOFT_DELETED_STATES
    if not used <= listed:
        raise RuntimeError(f"the fake's lifecycle uses states the spec does not list: {sorted(used - listed)}")


_known_states()
