"""Valid values of the list and update parameters whose grammar JSON Schema cannot hold (filter) or holds only
as a long pattern (orderBy, readMask, updateMask), drawn from the spec's Deployment fields.

The suite's hooks use them so positive cases carry meaningful values; they are plain functions of a
``random.Random`` so any generator (hypothesis, a fuzzer, a script) can drive them.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from .fields import camel_to_snake, deployment_fields
from .timestamps import format_timestamp

__all__ = ["scalar_fields", "writable_fields", "filter_expression", "field_paths"]


def scalar_fields() -> dict[str, dict[str, Any]]:
    """Scalar Deployment fields (JSON name -> schema), the ones filter and orderBy may name."""
    return {f.json_name: f.schema for f in deployment_fields().values() if f.scalar}


def writable_fields() -> list[str]:
    return [f.json_name for f in deployment_fields().values() if not f.read_only]


def _spelling(rng: random.Random, name: str) -> str:
    return rng.choice([camel_to_snake(name), name])


def _literal(rng: random.Random, schema: dict[str, Any]) -> str:
    kind = schema.get("type")
    if kind == "boolean":
        return rng.choice(["true", "false"])
    if kind == "integer":
        return str(rng.randint(0, 1000))
    if kind == "number":
        return repr(round(rng.uniform(0, 1000), 3))
    if "enum" in schema:
        return f'"{rng.choice(schema["enum"])}"'
    if schema.get("format") == "date-time":
        stamp = dt.datetime(2020, 1, 1, tzinfo=dt.UTC) + dt.timedelta(seconds=rng.randint(0, 10**9))
        return f'"{format_timestamp(stamp)}"'
    return '"' + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789-/") for _ in range(rng.randint(0, 12))) + '"'


def _comparison(rng: random.Random) -> str:
    fields = scalar_fields()
    name = rng.choice(sorted(fields))
    # Booleans and enums only with = and !=, as the spec's filter description says.
    unordered = fields[name].get("type") == "boolean" or "enum" in fields[name]
    ops = ["=", "!="] if unordered else ["=", "!=", "<", "<=", ">", ">="]
    return f"{_spelling(rng, name)} {rng.choice(ops)} {_literal(rng, fields[name])}"


def filter_expression(rng: random.Random, depth: int = 0) -> str:
    """A valid expression of the spec's AIP-160 subset (comparisons, AND/OR, NOT, parentheses)."""
    roll = rng.random() if depth < 2 else 0.0
    if roll < 0.55:
        return _comparison(rng)
    if roll < 0.8:
        return f"{filter_expression(rng, depth + 1)} {rng.choice(['AND', 'OR'])} {filter_expression(rng, depth + 1)}"
    if roll < 0.9:
        return f"({filter_expression(rng, depth + 1)})"
    return f"NOT {filter_expression(rng, depth + 1)}"


def field_paths(rng: random.Random, names: list[str], *, desc: bool = False, star: bool = False) -> str:
    if star and rng.random() < 0.1:
        return "*"
    chosen = [_spelling(rng, rng.choice(sorted(names))) for _ in range(rng.randint(1, 3))]
    if desc:
        chosen = [c + (" desc" if rng.random() < 0.5 else "") for c in chosen]
    return ",".join(chosen)
