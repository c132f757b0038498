"""Testing kit for the Fireworks AI Deployments API.

Three layers: :mod:`.rules` (what the spec says, no HTTP), :mod:`.fake` (a stateful fake that serves those
rules) and :mod:`.suite` (contract checks that judge any server against them); on top, the pytest plugin
(:mod:`.plugin`) and :func:`mock_fireworks`. Names are imported lazily, so ``import
fireworks_deployments_testing`` alone loads no server code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .mock import MockFireworks, mock_fireworks

__all__ = ["mock_fireworks", "MockFireworks", "__version__"]


def __getattr__(name: str) -> Any:
    if name in ("mock_fireworks", "MockFireworks"):
        from . import mock

        return getattr(mock, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
