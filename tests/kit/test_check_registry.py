"""The registry is the one list of our checks; its guard keeps each check to its operations; failures are typed."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
import schemathesis

from fireworks_deployments_testing.rules.spec import SPEC_PATH, operations
from fireworks_deployments_testing.suite import registry

SUITE = Path(registry.__file__).resolve().parent


def _declared_in_source() -> set[str]:
    """Names of functions decorated with contract_check(...) in the suite's modules, read with ast."""
    found: set[str] = set()
    for path in SUITE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef):
                for deco in node.decorator_list:
                    if isinstance(deco, ast.Call) and getattr(deco.func, "id", None) == "contract_check":
                        found.add(node.name)
    return found


def test_the_registry_holds_every_declared_check_once() -> None:
    names = [c.name for c in registry.all_checks()]
    assert len(names) == len(set(names))
    assert set(names) == _declared_in_source()
    assert len(names) >= 18


def test_every_check_names_real_operations_and_has_its_own_failure_type() -> None:
    checks = registry.all_checks()
    assert all(c.operations <= set(operations()) for c in checks)
    kinds = {c.violation for c in checks}
    assert len(kinds) == len(checks)
    assert all(issubclass(k, registry.ContractViolation) and k.rule for k in kinds)


def _case(operation_id: str) -> Any:
    schema = schemathesis.openapi.from_path(str(SPEC_PATH))
    op = schema.find_operation_by_id(operation_id)
    return op.Case(path_parameters={"account_id": "a", "deployment_id": "d"}, query={})


def test_the_guard_keeps_a_check_off_other_operations(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONTRACT_ACCOUNT_ID", "a")  # schemathesis.toml pins the account from it
    monkeypatch.setattr(registry, "_CHECKS", dict(registry._CHECKS))
    calls: list[str] = []

    @registry.contract_check("listDeployments")
    def only_lists_for_this_test(ctx: Any, response: Any, case: Any) -> None:
        calls.append(case.operation.label)
        raise registry.Broken("the page is wrong")

    check = registry._CHECKS["only_lists_for_this_test"]
    assert check.function(None, None, _case("getDeployment")) is None  # type: ignore[arg-type]
    assert calls == []
    with pytest.raises(check.violation) as caught:
        check.function(None, None, _case("listDeployments"))  # type: ignore[arg-type]
    assert calls == ["GET /v1/accounts/{account_id}/deployments"]
    failure = caught.value
    assert failure.rule == "only_lists_for_this_test" and failure.operation == calls[0]
    assert failure.message == "the page is wrong"
    assert type(failure).__name__ == "OnlyListsForThisTestViolation"


def test_a_check_for_an_operation_the_spec_lacks_is_refused() -> None:
    with pytest.raises(ValueError, match="noSuchOperation"):
        registry.contract_check("noSuchOperation")
