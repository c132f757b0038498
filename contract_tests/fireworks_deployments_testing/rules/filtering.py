"""The AIP-160 subset the spec documents on listDeployments' ``filter``.

Grammar (parsed once into a tree of small nodes, then evaluated per record)::

    expression := sequence ("AND" sequence)*
    sequence   := factor ("OR" factor)*          # as in AIP-160, OR binds tighter than AND
    factor     := ("NOT" | "-") factor | "(" expression ")" | comparison
    comparison := FIELD OP VALUE                 # OP: = != < <= > >=
    VALUE      := "double-quoted string" | number | true | false

FIELD is a scalar top-level Deployment field in snake_case or lowerCamelCase.
An omitted field compares as its zero value. Timestamps compare as RFC 3339
(the literal is normalised to the fake's canonical form). Anything else --
functions, ``:``, wildcards outside strings, nested or repeated fields, implicit
AND -- raises InvalidArgument naming the part. NOT, `-` and parentheses nest at most
``guards.MAX_FILTER_DEPTH`` deep.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import fields as _fields
from . import guards
from .errors import InvalidArgument
from .timestamps import format_timestamp, parse_timestamp

__all__ = ["Filter", "parse_filter", "filter_keys"]

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<string>"(?:[^"\\]|\\.)*")
    | (?P<op><=|>=|!=|=|<|>)
    | (?P<number>-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?(?![A-Za-z0-9_]))
    | (?P<lparen>\()
    | (?P<rparen>\))
    | (?P<minus>-)
    | (?P<word>[A-Za-z_][A-Za-z0-9_.]*)
    | (?P<other>\S)
    )""",
    re.VERBOSE,
)
_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def _bad(message: str) -> InvalidArgument:
    return InvalidArgument(f"filter: {message}")


@dataclass(frozen=True)
class _Tok:
    kind: str
    text: str
    pos: int


def _tokenize(text: str) -> list[_Tok]:
    tokens: list[_Tok] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            break
        kind = m.lastgroup or "other"
        value = m.group(kind)
        start = m.start(kind)
        if kind == "number" and value.startswith("-") and not (tokens and tokens[-1].kind == "op"):
            # a leading '-' outside a value position is NOT
            tokens.append(_Tok("minus", "-", start))
            tokens.append(_Tok("number", value[1:], start + 1))
        else:
            tokens.append(_Tok(kind, value, start))
        pos = m.end()
    return tokens


class _Node:
    def __call__(self, data: dict[str, Any]) -> bool:  # pragma: no cover - interface
        raise NotImplementedError


@dataclass(frozen=True)
class _And(_Node):
    parts: tuple[_Node, ...]

    def __call__(self, data: dict[str, Any]) -> bool:
        return all(p(data) for p in self.parts)


@dataclass(frozen=True)
class _Or(_Node):
    parts: tuple[_Node, ...]

    def __call__(self, data: dict[str, Any]) -> bool:
        return any(p(data) for p in self.parts)


@dataclass(frozen=True)
class _Not(_Node):
    part: _Node

    def __call__(self, data: dict[str, Any]) -> bool:
        return not self.part(data)


@dataclass(frozen=True)
class _Compare(_Node):
    key: str
    zero: Any
    op: Callable[[Any, Any], bool]
    value: Any

    def __call__(self, data: dict[str, Any]) -> bool:
        return self.op(data.get(self.key, self.zero), self.value)


class _Parser:
    def __init__(self, text: str):
        self.tokens = _tokenize(text)
        self.i = 0
        self.depth = 0  # NOT / '-' / parentheses currently open (limited: each costs Python stack frames)

    def peek(self) -> _Tok | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> _Tok:
        tok = self.peek()
        if tok is None:
            raise _bad("unexpected end of expression")
        self.i += 1
        return tok

    def parse(self) -> _Node:
        node = self.expression()
        tok = self.peek()
        if tok is not None:
            if tok.kind in ("word", "string", "number", "lparen", "minus"):
                raise _bad(
                    f"expected AND or OR before {tok.text!r} at position {tok.pos} (implicit AND is not supported)"
                )
            raise _bad(f"unexpected {tok.text!r} at position {tok.pos}")
        return node

    def expression(self) -> _Node:
        parts = [self.sequence()]
        while (tok := self.peek()) is not None and tok.kind == "word" and tok.text == "AND":
            self.take()
            parts.append(self.sequence())
        return parts[0] if len(parts) == 1 else _And(tuple(parts))

    def sequence(self) -> _Node:
        parts = [self.factor()]
        while (tok := self.peek()) is not None and tok.kind == "word" and tok.text == "OR":
            self.take()
            parts.append(self.factor())
        return parts[0] if len(parts) == 1 else _Or(tuple(parts))

    def factor(self) -> _Node:
        self.depth += 1
        try:
            if self.depth > guards.MAX_FILTER_DEPTH and guards.active("depth"):
                raise _bad(f"nested deeper than {guards.MAX_FILTER_DEPTH} levels (NOT, '-' and parentheses)")
            return self._factor()
        finally:
            self.depth -= 1

    def _factor(self) -> _Node:
        tok = self.take()
        if tok.kind == "minus" or (tok.kind == "word" and tok.text == "NOT"):
            return _Not(self.factor())
        if tok.kind == "lparen":
            node = self.expression()
            close = self.take()
            if close.kind != "rparen":
                raise _bad(f"expected ')' at position {close.pos}, found {close.text!r}")
            return node
        if tok.kind == "word":
            return self.comparison(tok)
        raise _bad(f"expected a field name at position {tok.pos}, found {tok.text!r}")

    def comparison(self, name: _Tok) -> _Node:
        nxt = self.peek()
        if nxt is not None and nxt.kind == "lparen":
            raise _bad(f"function calls such as {name.text}(...) are not supported")
        if name.text in ("AND", "OR", "true", "false"):
            raise _bad(f"expected a field name at position {name.pos}, found {name.text!r}")
        if "." in name.text:
            raise _bad(f"nested field {name.text!r} is not supported")
        field = _fields.lookup(name.text)
        if field is None:
            raise _bad(f"unknown field {name.text!r}")
        if not field.scalar:
            raise _bad(f"field {name.text!r} is not a scalar field")
        op_tok = self.take()
        if op_tok.kind != "op":
            if op_tok.text == ":":
                raise _bad("the ':' (has) operator is not supported")
            raise _bad(f"expected a comparison operator after {name.text!r}, found {op_tok.text!r}")
        value_tok = self.take()
        value = self.literal(field, value_tok, name.text)
        if op_tok.text not in ("=", "!=") and (field.kind == "boolean" or field.enum):
            raise _bad(f"operator {op_tok.text!r} is not supported on {name.text!r}")
        return _Compare(field.json_name, field.zero, _OPS[op_tok.text], value)

    def literal(self, field: _fields.Field, tok: _Tok, name: str) -> Any:
        if field.kind == "boolean":
            if tok.kind == "word" and tok.text in ("true", "false"):
                return tok.text == "true"
            raise _bad(f"{name} compares with true or false, not {tok.text!r}")
        if field.kind in ("integer", "number"):
            if tok.kind != "number":
                raise _bad(f"{name} compares with a number, not {tok.text!r}")
            return float(tok.text) if field.kind == "number" or not tok.text.lstrip("-").isdigit() else int(tok.text)
        if tok.kind != "string":
            raise _bad(f"{name} compares with a double-quoted string, not {tok.text!r}")
        text = re.sub(r"\\(.)", r"\1", tok.text[1:-1])
        if field.enum and text not in field.enum:
            raise _bad(f"{text!r} is not a value of {name}")
        if field.is_timestamp:
            try:
                return format_timestamp(parse_timestamp(text))
            except ValueError:
                raise _bad(f"{text!r} is not an RFC 3339 timestamp (field {name})") from None
        return text


@dataclass(frozen=True)
class Filter:
    text: str
    matches: Callable[[dict[str, Any]], bool]


def parse_filter(text: str | None) -> Filter | None:
    """The parsed filter, or None when ``text`` is empty. Raises InvalidArgument."""
    if text is None or not text.strip():
        return None
    for tok in _tokenize(text):
        if tok.kind == "other":
            if tok.text == ":":
                raise _bad("the ':' (has) operator is not supported")
            raise _bad(f"unexpected {tok.text!r} at position {tok.pos}")
    return Filter(text, _Parser(text).parse())


def filter_keys(parsed: Filter) -> frozenset[str]:
    """The JSON keys of the fields that ``parsed`` compares (for callers that must know what it reads)."""
    keys: set[str] = set()
    stack: list[_Node] = [parsed.matches]  # type: ignore[list-item]
    while stack:
        node = stack.pop()
        if isinstance(node, _Compare):
            keys.add(node.key)
        elif isinstance(node, (_And, _Or)):
            stack.extend(node.parts)
        elif isinstance(node, _Not):
            stack.append(node.part)
    return frozenset(keys)
