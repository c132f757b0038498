"""How the fake writes JSON on the wire: the one place for it.

Every answer body goes through :func:`dumps`. A stored deployment is encoded once per version (records are
copy-on-write, see :mod:`.models`) and reused as an ``orjson.Fragment`` in list pages, so a page of 50 costs
a copy of bytes, not 50 serializations.
"""

from __future__ import annotations

from typing import Any

import orjson

from ..rules import guards

__all__ = ["dumps", "Fragment", "fragment_bytes"]

Fragment = orjson.Fragment


def dumps(body: Any) -> bytes | str:
    """Compact UTF-8 JSON. orjson when it gives what ``json.dumps`` would (up to float spelling, e.g. ``1e-7``
    for ``1e-07``); ``json.dumps`` for what orjson refuses (ints beyond 64 bits, lone surrogates) or writes
    differently (NaN and Infinity, which orjson turns into ``null``: any ``null`` in its output takes this path).
    That path never fails and always writes valid JSON (:func:`guards.json_text`).

    A list page of fragments (pre-encoded deployments, themselves written by this function; a page holds
    fragments only or none) is final as orjson writes it: the rest is the envelope (an int and an ASCII token).
    """
    try:
        out = orjson.dumps(body)
    except (TypeError, orjson.JSONEncodeError):
        out = b"null"
    if not _has_fragment(body) and b"null" in out:
        return guards.json_text(body)
    return out


def fragment_bytes(fragment: Fragment) -> bytes:
    """The bytes a fragment holds (orjson writes a top-level fragment as it is)."""
    return orjson.dumps(fragment)


def _has_fragment(body: Any) -> bool:
    """Whether ``body`` is a list page of pre-encoded deployments (the only place fragments are put)."""
    if type(body) is not dict:
        return False
    deployments = body.get("deployments")
    return type(deployments) is list and bool(deployments) and type(deployments[0]) is Fragment
