"""The one list of our contract checks: each registered once, with the operations it judges and its failure type.

A check is declared with :func:`contract_check`; the decorator is the guard ("this check applies to these
operations"), registers the function with schemathesis (so the CLI and the pytest layers run it), and turns
a :class:`Broken` raised by the check into the check's own :class:`ContractViolation` subclass, carrying the
operation and the rule. The proof-of-teeth tests match on those types, never on message text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, TypeAlias

import schemathesis
from schemathesis import Case, CheckContext, Response
from schemathesis.core.failures import Failure

from ..rules.spec import operations

if TYPE_CHECKING:
    from schemathesis.specs.openapi.schemas import OpenApiOperation

__all__ = [
    "Broken",
    "CheckBody",
    "ContractCheck",
    "ContractViolation",
    "all_checks",
    "OpenApiCase",
    "contract_check",
    "operation_id",
    "violation_of",
]

# A case of an OpenAPI operation, as schemathesis hands it to a check (its own alias lives under TYPE_CHECKING).
OpenApiCase: TypeAlias = Case["OpenApiOperation"]
CheckBody = Callable[[CheckContext, Response, OpenApiCase], None]


class Broken(AssertionError):
    """Raised inside a check body: the message says what the server did against the rule."""


class ContractViolation(Failure):
    """A server broke one of the spec's rules that our checks hold; one subclass per check."""

    code: ClassVar[str] = "ST901"  # schemathesis' code for failures of custom checks
    rule: ClassVar[str] = ""
    kind_title: ClassVar[str] = "Contract rule broken"

    def __init__(self, *, operation: str | None, message: str) -> None:
        super().__init__(operation=operation, title=f"Contract rule broken: `{self.rule}`", message=message)


@dataclass(frozen=True)
class ContractCheck:
    name: str
    operations: frozenset[str]  # operationIds the check judges
    violation: type[ContractViolation]
    function: Callable[[CheckContext, Response, OpenApiCase], bool | None]  # as registered with schemathesis


_CHECKS: dict[str, ContractCheck] = {}


def operation_id(case: OpenApiCase) -> str | None:
    """The spec's operationId of a case (None for a path the spec does not have)."""
    method = case.method.upper()
    for op in operations().values():
        if op.method == method and op.path == case.operation.path:
            return op.operation_id
    return None


def _class_name(check_name: str) -> str:
    return "".join(part.capitalize() for part in check_name.split("_")) + "Violation"


def contract_check(*judged: str) -> Callable[[CheckBody], CheckBody]:
    """Register a check that judges the named operations (every operation when none is named)."""
    unknown = set(judged) - set(operations())
    if unknown:
        raise ValueError(f"contract_check: no such operations in the spec: {sorted(unknown)}")
    scope = frozenset(judged or operations())

    def register(body: CheckBody) -> CheckBody:
        name = body.__name__
        if name in _CHECKS:
            raise ValueError(f"contract_check: {name} is registered twice")
        violation = type(_class_name(name), (ContractViolation,), {"rule": name, "checks": (name,)})

        def check(ctx: CheckContext, response: Response, case: OpenApiCase) -> bool | None:
            op_id = operation_id(case)
            if op_id not in scope:
                return None
            try:
                body(ctx, response, case)
            except Broken as exc:
                raise violation(operation=case.operation.label, message=str(exc)) from None
            return None

        check.__name__ = check.__qualname__ = name
        check.__doc__ = body.__doc__
        schemathesis.check(check)
        _CHECKS[name] = ContractCheck(name, scope, violation, check)
        return body

    return register


def all_checks() -> tuple[ContractCheck, ...]:
    """Every contract check, in declaration order (importing the modules that declare them)."""
    from . import checks, gateway_checks  # noqa: F401  (declaring is registering)

    return tuple(_CHECKS.values())


def violation_of(name: str) -> type[ContractViolation]:
    """The failure type a check raises (``KeyError`` for a name that is not a check)."""
    all_checks()
    return _CHECKS[name].violation
