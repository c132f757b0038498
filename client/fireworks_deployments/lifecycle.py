"""The deployment lifecycle as one table, and what a waiter can still expect from each state.

State names are the spec's enum (the generated ``DeploymentState``); the table says which
states a deployment moves to *by itself*, as the server finishes work. Requests move it
further (update: READY -> UPDATING, delete: -> DELETING, undelete: DELETED -> READY), but a
waiter does not count on a request someone else may or may not send: waiting for READY on a
DELETED deployment ends at once, waiting for DELETED passes through DELETING.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from fireworks_deployments_client.models import DeploymentState

__all__ = ["TRANSITIONS", "WAITABLE_STATES", "StateLike", "reachable_from", "target_states"]

StateLike = DeploymentState | str
_S = DeploymentState

# state -> the states it can move to without another request.
TRANSITIONS: Mapping[DeploymentState, frozenset[DeploymentState]] = {
    _S.STATE_UNSPECIFIED: frozenset(_S),  # not reported yet: anything may follow
    _S.CREATING: frozenset({_S.READY, _S.FAILED}),
    _S.UPDATING: frozenset({_S.READY, _S.FAILED}),
    _S.DELETING: frozenset({_S.DELETED}),
    _S.READY: frozenset(),
    _S.FAILED: frozenset(),
    _S.DELETED: frozenset(),  # until purged (then 404); undelete is a request
}

# What one may wait for: every state of the spec except the "not set" placeholder.
WAITABLE_STATES = frozenset(s.value for s in _S if s is not _S.STATE_UNSPECIFIED)


def reachable_from(state: str) -> frozenset[str]:
    """Every state the deployment can still get to by itself, ``state`` included.

    A state this client does not know (a newer server) may lead anywhere.
    """
    if state not in _S._value2member_map_:
        return frozenset(s.value for s in _S)
    seen: set[DeploymentState] = set()
    todo = [_S(state)]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(TRANSITIONS[current])
    return frozenset(s.value for s in seen)


def target_states(state: StateLike | Iterable[StateLike]) -> frozenset[str]:
    """One state or several, as their names; unknown names raise ValueError listing the valid ones."""
    if isinstance(state, str):  # DeploymentState is a StrEnum, so this covers both
        names = [str(state)]
    else:
        names = [str(s) if isinstance(s, str) else s for s in state]
    if not names:
        raise ValueError(f"no state to wait for; valid states: {', '.join(sorted(WAITABLE_STATES))}")
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"a state is a DeploymentState or its name, not {type(name).__name__}")
        if name not in WAITABLE_STATES:
            raise ValueError(f"no deployment state {name!r}; valid states: {', '.join(sorted(WAITABLE_STATES))}")
    return frozenset(names)
