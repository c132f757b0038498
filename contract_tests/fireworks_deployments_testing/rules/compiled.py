"""A compiled twin of a spec validator (``jsonschema-rs``), used only to accept valid instances fast.

The pure-Python validators of :func:`.spec.validator_for` stay the authority: they word every error and
decide every instance the twin does not accept. :func:`compiled_twin` builds, for one of them, a
``jsonschema_rs`` validator of the same schema against the same spec document and returns a function
``accepts(instance) -> bool`` that is True only when the compiled validator finds the instance valid.
False means "ask the Python validator": the instance is invalid, or the compiled library cannot take it
(a lone surrogate cannot be encoded, any other exception), or is stricter than jsonschema on it.

So the twin must never accept what jsonschema rejects. Where the two libraries read a schema differently
it is made to read it as jsonschema does, or more strictly:

* ``format``: jsonschema asserts exactly the formats its validator's format checker has checkers for
  (``date-time`` only when ``rfc3339-validator`` is installed, never ``int32``); every format the spec
  names is given to the twin as a function calling that same checker, or as "always true" when it has
  no checker, so the twin asserts exactly the same formats with the same code.
* ``pattern``: jsonschema runs Python's ``re.search``, whose ``$`` also matches before a final newline;
  a pattern ending in its only ``$`` is given to the twin as ``\\n?$`` (the same strings). Other regex
  differences (Unicode classes, lookarounds) can only make the twin decline: a pattern it cannot compile
  means no twin at all.
* Numbers: both treat 1.0 as an integer and compare big integers exactly; the twin refuses NaN and
  infinities where jsonschema accepts them as numbers (stricter, so the Python validator decides).
* ``x-`` keywords and annotations are ignored by both.

``tests/fake/test_compiled_validator.py`` checks the agreement on the spec's examples, generated bodies
and many invalid ones. Without ``jsonschema-rs`` installed :func:`compiled_twin` returns None and the
callers keep their pure-Python path.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from .spec import _SPEC_URI, load_spec

try:  # a dependency of the kit; the fake still works (more slowly) where no wheel is installed
    import jsonschema_rs as _rs
except ImportError:  # pragma: no cover - exercised by monkeypatching `_rs` to None
    _rs = None  # type: ignore[assignment]

__all__ = ["available", "compiled_twin", "python_pattern"]

Accept = Callable[[Any], bool]

# keywords whose values are data (not subschemas): nothing in them is rewritten or collected
_DATA = frozenset({"enum", "const", "default", "examples", "example"})


def available() -> bool:
    """Whether the compiled library is installed (and not switched off by a test)."""
    return _rs is not None


def python_pattern(pattern: str) -> str:
    """``pattern`` rewritten so that a regex engine whose ``$`` means end-of-text matches what ``re.search`` does.

    Only a pattern whose single ``$`` is its last character (unescaped) is rewritten; others are kept,
    which can only make the compiled validator stricter (Python's ``$`` also matches before a final ``\\n``).
    """
    if pattern.count("$") == 1 and pattern.endswith("$") and not pattern.endswith("\\$"):
        return pattern[:-1] + "\\n?$"
    return pattern


def _adapted(node: Any, formats: set[str]) -> Any:
    """A copy of a schema document for the compiled validator (patterns rewritten, format names collected)."""
    if isinstance(node, list):
        return [_adapted(v, formats) for v in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _DATA or (isinstance(key, str) and key.startswith("x-")):
            out[key] = value
        elif key == "pattern" and isinstance(value, str):
            out[key] = python_pattern(value)
        elif key == "format" and isinstance(value, str):
            formats.add(value)
            out[key] = value
        else:
            out[key] = _adapted(value, formats)
    return out


@functools.cache
def _spec_document() -> tuple[Any, frozenset[str]]:
    formats: set[str] = set()
    return _adapted(load_spec(), formats), frozenset(formats)


@functools.cache
def _registry() -> Any:
    assert _rs is not None
    document, _ = _spec_document()
    return _rs.Registry([(_SPEC_URI, document)], draft=_rs.Draft202012)


def _always(_instance: Any) -> bool:
    return True


def _conforms(checker: FormatChecker, name: str, instance: Any) -> bool:
    return checker.conforms(instance, name)


def _format_functions(checker: FormatChecker | None, names: frozenset[str]) -> dict[str, Callable[..., bool]]:
    """Each format name: jsonschema's own check when its checker has one, else an annotation (always true)."""
    if checker is None:
        return dict.fromkeys(names, _always)
    return {
        name: functools.partial(_conforms, checker, name) if name in checker.checkers else _always for name in names
    }


def compiled_twin(check: Draft202012Validator) -> Accept | None:
    """``accepts(instance)`` for the schema of ``check`` (a :func:`.spec.validator_for` validator), or None.

    None when ``jsonschema-rs`` is not installed or cannot compile the schema. ``accepts`` never raises:
    any failure of the compiled validator answers False, and the caller asks ``check``.
    """
    if _rs is None:
        return None
    schema_formats: set[str] = set()
    schema = _adapted(check.schema, schema_formats)
    _, spec_formats = _spec_document()
    checker = check.format_checker
    try:
        compiled = _rs.Draft202012Validator(
            schema,
            registry=_registry(),
            validate_formats=True,
            formats=_format_functions(checker, spec_formats | schema_formats),
        )
    except Exception:  # a schema (or a regex) the compiled library does not take: Python alone decides
        return None
    is_valid = compiled.is_valid

    def accepts(instance: Any) -> bool:
        try:
            return is_valid(instance)
        except Exception:  # lone surrogates (UnicodeEncodeError), anything unforeseen: let jsonschema decide
            return False

    return accepts
