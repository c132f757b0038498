"""Run in a child process by test_model_equivalence.py: parse payloads with one build of the client.

Reads ``[[class_name, payload], ...]`` as JSON on stdin and writes one JSON result per payload on stdout,
plus the file the package was imported from. Whichever build of ``fireworks_deployments_client`` comes
first on ``sys.path`` is the one probed, so two builds of the same package can be compared.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

__all__ = ["main", "probe"]


def _dict_ids(value: Any, found: set[int]) -> set[int]:
    if isinstance(value, dict):
        found.add(id(value))
        for item in value.values():
            _dict_ids(item, found)
    elif isinstance(value, list):
        for item in value:
            _dict_ids(item, found)
    return found


def _additional_dicts(obj: Any, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every additional_properties dict in a parsed tree of models."""
    if hasattr(obj, "__attrs_attrs__"):
        extra = getattr(obj, "additional_properties", None)
        if isinstance(extra, dict):
            found.append(extra)
            for item in extra.values():
                _additional_dicts(item, found)
        for attribute in obj.__attrs_attrs__:
            if attribute.name != "additional_properties":
                _additional_dicts(getattr(obj, attribute.name), found)
    elif isinstance(obj, list):
        for item in obj:
            _additional_dicts(item, found)
    return found


def probe(cls: Any, payload: Any) -> dict[str, Any]:
    """What parsing ``payload`` gives: the parsed object's repr (fields, types, additional_properties),
    to_dict() serialized in its key order, and whether any additional_properties dict is one of the
    input's own dicts; or the type of the exception raised."""
    try:
        parsed = cls.from_dict(payload)
    except Exception as exc:  # the exception type is part of the behaviour compared
        return {"error": type(exc).__name__}
    inputs = _dict_ids(payload, set())
    result: dict[str, Any] = {
        "repr": re.sub(r" at 0x[0-9a-fA-F]+", "", repr(parsed)),  # UNSET's address differs per process
        "aliases_input": any(id(d) in inputs for d in _additional_dicts(parsed, [])),
    }
    try:
        result["to_dict"] = json.dumps(parsed.to_dict(), default=repr)
    except Exception as exc:
        result["to_dict_error"] = type(exc).__name__
    return result


def main() -> None:
    import fireworks_deployments_client
    from fireworks_deployments_client import models

    cases = json.load(sys.stdin)
    results = [probe(getattr(models, name), payload) for name, payload in cases]
    json.dump({"package": fireworks_deployments_client.__file__, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
