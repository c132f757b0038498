"""Guards against input that could poison the fake or crash a parser, checked where text enters.

* Strings must be Unicode scalar values: JSON lets ``"\\ud800"`` (a lone surrogate) through, Python
  decodes it, but UTF-8 (and so protobuf, and every later answer) cannot carry it. Refused with 400
  naming the field, in bodies, query and path parameters and control-surface bodies.
* JSON nesting is limited to :data:`MAX_JSON_DEPTH` levels (checked on the raw bytes, before parsing),
  far below the interpreter's recursion limit, so no parser or validator can overflow.
* What is already stored is never refused on the way out: :func:`json_text` writes valid JSON for any
  value (lone surrogates become U+FFFD, non-finite numbers ``null``), and :func:`scrub` cleans a record
  read back from an older state file.

Each guard has a name in :data:`GUARDS`. ``switched_off`` (empty unless the environment variable
``_FIREWORKS_FAKE_GUARDS_OFF`` lists names, comma-separated) turns guards off: only the tests that prove
the hostile-input corpus, the crash loop and the multi-process consistency test can fail use it.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Iterable
from typing import Any

from .errors import InvalidArgument

__all__ = [
    "GUARDS",
    "MAX_JSON_DEPTH",
    "MAX_FILTER_DEPTH",
    "switched_off",
    "active",
    "check_text",
    "check_params",
    "check_json",
    "check_strings",
    "json_text",
    "scrub",
]

MAX_JSON_DEPTH = 32  # objects and arrays inside each other; the deepest Deployment field is 3 levels down
MAX_FILTER_DEPTH = 32  # NOT / '-' / parentheses inside each other in a list filter
GUARDS = ("unicode", "depth", "control", "commit", "store_lock")
switched_off: set[str] = {n for n in os.environ.get("_FIREWORKS_FAKE_GUARDS_OFF", "").split(",") if n in GUARDS}

# a \u escape of a surrogate (D800-DFFF) in raw JSON: only then can a decoded string hold a lone one
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def active(name: str) -> bool:
    return name not in switched_off


def _lone_surrogate(text: str) -> int:
    """The position of the first lone surrogate in ``text``, or -1."""
    if text.isascii():
        return -1
    match = _LONE_SURROGATE.search(text)
    return -1 if match is None else match.start()


def check_text(text: str, where: str) -> None:
    """400 when ``text`` holds a code point that UTF-8 cannot encode (a lone surrogate)."""
    if not active("unicode"):
        return
    pos = _lone_surrogate(text)
    if pos >= 0:
        raise InvalidArgument(
            f"{where}: not valid Unicode (lone surrogate U+{ord(text[pos]):04X} at character {pos}); strings must be UTF-8"
        )


def check_params(items: Iterable[tuple[str, str]], kind: str) -> None:
    """Every name and value of query or path parameters (``kind`` says which) is valid Unicode."""
    for name, value in items:
        check_text(name, f"{kind} parameter name")
        check_text(value, name)


def check_strings(value: Any, where: str = "body") -> None:
    """Every key and string inside parsed JSON ``value`` is valid Unicode; the error names the field path."""
    stack: list[tuple[Any, str]] = [(value, "")]
    while stack:
        node, path = stack.pop()
        if isinstance(node, str):
            check_text(node, path or where)
        elif isinstance(node, dict):
            for key, item in node.items():
                check_text(key, f"{path or where}: a key")
                stack.append((item, f"{path}.{key}" if path else key))
        elif isinstance(node, list):
            stack.extend((item, f"{path or where}[{i}]") for i, item in enumerate(node))


def _depth(raw: bytes) -> int:
    if raw.count(b"{") + raw.count(b"[") <= MAX_JSON_DEPTH:
        return 0  # cannot be deeper than the brackets it has
    deepest = depth = 0
    for match in _BRACKET.finditer(_STRING.sub(b'""', raw)):
        if match.group() in (b"{", b"["):
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def check_json(raw: bytes, where: str = "body") -> None:
    """Refuse a JSON document nested deeper than :data:`MAX_JSON_DEPTH` or holding a lone surrogate.

    Runs on the raw bytes before the real parser: malformed JSON is left for that parser to report.
    """
    if active("depth") and _depth(raw) > MAX_JSON_DEPTH:
        raise InvalidArgument(f"{where}: JSON nested deeper than {MAX_JSON_DEPTH} levels")
    if active("unicode") and _SURROGATE_ESCAPE.search(raw):
        try:
            parsed = json.loads(raw)
        except (ValueError, RecursionError):
            return
        check_strings(parsed, where)


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value) if _lone_surrogate(value) >= 0 else value
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def scrub(value: Any) -> Any:
    """``value`` with lone surrogates replaced by U+FFFD and non-finite numbers by None (always serializable)."""
    return _clean(value)


def json_text(value: Any) -> str:
    """Compact JSON of ``value`` that is valid JSON and encodes as UTF-8, whatever ``value`` holds."""
    try:
        text = json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
        text.encode("utf-8")
        return text
    except (ValueError, UnicodeEncodeError):
        return json.dumps(_clean(value), separators=(",", ":"), ensure_ascii=False, allow_nan=False)
