"""The sync and async clients offer the same public methods with the same signatures.

Both are thin drivers over the flows in ``fireworks_deployments.flows``; this test keeps their
surfaces from drifting. Annotations are compared after mapping each async spelling onto its
sync twin (``AsyncIterator`` -> ``Iterator``, ``Awaitable[None]`` -> ``None``, ...).
"""

from __future__ import annotations

import inspect
import re
from typing import Any

from fireworks_deployments import AsyncDeploymentsClient, DeploymentsClient

# (async spelling, sync spelling) in annotations; the order matters (longest first).
ASYNC_TO_SYNC = [
    ("AsyncDeploymentsClient", "DeploymentsClient"),
    ("httpx.AsyncBaseTransport", "httpx.BaseTransport"),
    ("AsyncIterator", "Iterator"),
    ("Awaitable[None]", "None"),
]
# Context-manager protocols differ by name, not by meaning.
PROTOCOL_TWINS = {"__aenter__": "__enter__", "__aexit__": "__exit__"}
COMPARED_DUNDERS = {"__init__"}
# Defaults that are each side's own primitive (time.sleep / asyncio.sleep).
OWN_DEFAULTS = {"sleep"}
# Methods that are plain in both: they return a view, an iterator or a property.
NOT_AWAITED = {"__init__", "with_options", "iter_all", "api", "config", "account_id"}


def public_members(cls: type) -> dict[str, Any]:
    names = {n for n in dir(cls) if not n.startswith("_")} | set(PROTOCOL_TWINS) | set(PROTOCOL_TWINS.values())
    names |= COMPARED_DUNDERS
    return {PROTOCOL_TWINS.get(n, n): inspect.getattr_static(cls, n) for n in names if hasattr(cls, n)}


def as_sync(annotation: Any) -> str:
    text = str(annotation)
    for async_spelling, sync_spelling in ASYNC_TO_SYNC:
        text = text.replace(async_spelling, sync_spelling)
    return re.sub(r"\s+", " ", text)


def shape(member: Any) -> list[tuple[str, str, str, str]] | str:
    if isinstance(member, property):
        return "property"
    signature = inspect.signature(member)
    params = [
        (p.name, p.kind.name, "<own>" if p.name in OWN_DEFAULTS else repr(p.default), as_sync(p.annotation))
        for p in signature.parameters.values()
    ]
    return [*params, ("return", "", "", as_sync(signature.return_annotation))]


def differences(sync_cls: type, async_cls: type) -> list[str]:
    """Every way the two surfaces differ, as readable lines (empty when they match)."""
    sync, asyn = public_members(sync_cls), public_members(async_cls)
    found = [f"only in {sync_cls.__name__}: {n}" for n in sorted(sync.keys() - asyn.keys())]
    found += [f"only in {async_cls.__name__}: {n}" for n in sorted(asyn.keys() - sync.keys())]
    for name in sorted(sync.keys() & asyn.keys()):
        if shape(sync[name]) != shape(asyn[name]):
            found.append(f"{name}: {shape(sync[name])} != {shape(asyn[name])}")
        awaited = inspect.iscoroutinefunction(asyn[name])
        if name not in NOT_AWAITED and not awaited:
            found.append(f"{async_cls.__name__}.{name} is not a coroutine function")
        if name in NOT_AWAITED and awaited:
            found.append(f"{async_cls.__name__}.{name} should not be awaited")
        if inspect.iscoroutinefunction(sync[name]):
            found.append(f"{sync_cls.__name__}.{name} is a coroutine function")
    return found


def test_the_two_clients_have_the_same_methods_and_signatures() -> None:
    assert differences(DeploymentsClient, AsyncDeploymentsClient) == []


def test_the_surface_is_the_seven_operations_plus_helpers() -> None:
    operations = {"create", "get", "list", "update", "delete", "scale", "undelete"}
    helpers = {"iter_all", "wait_for_state", "with_options", "close", "api", "config", "account_id"}
    assert set(public_members(DeploymentsClient)) == operations | helpers | {"__init__", "__enter__", "__exit__"}


def test_a_drifted_signature_is_reported() -> None:
    """The comparison can fail: a parameter added to one side, a method missing, a method not awaited."""

    class Drifted(AsyncDeploymentsClient):
        async def get(self, deployment_id: str, *, read_mask: Any = None, timeout: Any = None, extra: int = 0) -> Any:
            raise NotImplementedError

        def scale(self, deployment_id: str, replica_count: int, *, timeout: Any = None) -> None:  # type: ignore[override]
            raise NotImplementedError

        async def rollback(self) -> None:
            raise NotImplementedError

    found = differences(DeploymentsClient, Drifted)
    assert any(line.startswith("get:") for line in found)
    assert "Drifted.scale is not a coroutine function" in found
    assert "only in Drifted: rollback" in found
