"""Layer 4: proof of teeth. The suite must FAIL on servers and clients that break the contract.

Server side: for each deliberate contract bug the fake can switch on, the relevant
part of the suite (the same schema wiring, hooks and check set as layers 1-2, on
spec examples, hand-picked cases or generated ones) runs against a fake with the
fault on and must report a failure whose text names the bug. The same scenario
with the fault off must pass, so the failure is the fault's doing.

Client side: the generated client patched to send an undeclared query name or body
key must be caught by the client-conformance validator.

In-process only: it needs the fake's fault switches.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import respx
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Flaky
from schemathesis.core.failures import Failure, ServerError
from schemathesis.generation import GenerationMode
from schemathesis.openapi.checks import JsonSchemaError

from fireworks_deployments_testing.rules.spec import component_schema, operations, resolve
from fireworks_deployments_testing.suite import _server, targets
from fireworks_deployments_testing.suite import generated_client as gc
from fireworks_deployments_testing.suite.registry import violation_of
from fireworks_deployments_testing.suite.test_client_conformance import call, check_request

if os.environ.get("CONTRACT_TARGET", "inprocess") != "inprocess":
    pytest.skip(
        "proof of teeth runs against the in-process fake only (CONTRACT_TARGET=inprocess)", allow_module_level=True
    )

_server.target_or_skip()  # sets CONTRACT_ACCOUNT_ID for schemathesis.toml


class Harness:
    """One fake (fault on or off) with the suite's schema aimed at it; collects the failures the checks raise."""

    def __init__(self, fault: str | None):
        from fireworks_deployments_testing.suite import inprocess

        self.fake = inprocess.new_fake(transition="immediate", faults={fault: 1} if fault else None)
        self.target = targets.Target("inprocess", self.fake.api_key, self.fake.account_id, fake=self.fake)
        self.schema = _server.load_schema(self.target)
        self.failures: list[str] = []
        self.caught: list[Failure] = []

    def case(
        self,
        operation_id: str,
        *,
        path: dict[str, Any] | None = None,
        query: dict[str, Any] | None = None,
        body: Any = None,
    ) -> Any:
        op = self.schema.find_operation_by_id(operation_id)
        kwargs: dict[str, Any] = {
            "path_parameters": {"account_id": self.fake.account_id, **(path or {})},
            "query": query or {},
            "headers": dict(self.target.headers),
        }
        if body is not None:
            kwargs.update(body=body, media_type="application/json")
        return op.Case(**kwargs)

    def run(self, case: Any) -> Any:
        """call_and_validate with the suite's checks; a failure is recorded, not raised."""
        try:
            return case.call_and_validate(checks=_server.ALL_CHECKS)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # FailureGroup (a BaseExceptionGroup) / AssertionError: what pytest shows
            self.failures.append(str(exc) + "".join(f"\n{e}" for e in getattr(exc, "exceptions", ())))
            self.caught.extend(e for e in (exc, *getattr(exc, "exceptions", ())) if isinstance(e, Failure))
            return None

    def fuzz(self, operation_id: str, mode: GenerationMode, max_examples: int = 150) -> None:
        """Generated cases of one operation (as layer 1 makes them) until the first failure."""
        strategy = self.schema.find_operation_by_id(operation_id).as_strategy(generation_mode=mode)

        @settings(
            max_examples=max_examples,
            database=None,
            deadline=None,
            derandomize=True,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(strategy)
        def fuzz(case: Any) -> None:
            before = len(self.failures)
            self.run(case)
            assert len(self.failures) == before

        try:
            fuzz()
        except (AssertionError, Flaky):
            # The first failure stops the run and is already in self.failures. Hypothesis replays it
            # at the end, and the fake has changed state since (e.g. the id now exists), so the replay
            # may pass and be reported as Flaky: that does not undo the failure we recorded.
            pass

    @property
    def report(self) -> str:
        return "\n---\n".join(self.failures)


def _spec_request_examples(operation_id: str) -> list[Any]:
    content = resolve(operations()[operation_id].definition["requestBody"])["content"]["application/json"]
    return [e["value"] for e in content.get("examples", {}).values()]


def _read_only_field() -> tuple[str, Any]:
    """A read-only Deployment field that the server never sets on create, with a valid value, from the spec:
    the first plain read-only string (no pattern, format or enum), so a stored value cannot be the server's own."""
    props = component_schema("Deployment")["properties"]
    for name, node in props.items():
        schema = resolve(node)
        plain = schema.get("type") == "string" and not {"pattern", "format", "enum"} & set(schema)
        if (node.get("readOnly") or schema.get("readOnly")) and plain:
            return name, "sent-by-the-client"
    raise AssertionError("the spec has no plain read-only string field")


def _create(h: Harness, deployment_id: str) -> None:
    h.run(
        h.case(
            "createDeployment",
            query={"deploymentId": deployment_id, "validateOnly": "false"},
            body=_spec_request_examples("createDeployment")[0],
        )
    )


# Each scenario: the part of the suite that should catch the fault.
def scenario_drop_required_field(h: Harness) -> None:
    for body in _spec_request_examples("createDeployment"):
        h.run(h.case("createDeployment", query={"validateOnly": "false"}, body=body))


def scenario_wrong_type(h: Harness) -> None:
    _create(h, "teeth-wrong-type")
    h.run(h.case("getDeployment", path={"deployment_id": "teeth-wrong-type"}))


def scenario_server_error(h: Harness) -> None:
    # The spec's own examples (what the suite's examples phase sends); the "sized" one has a digit.
    for body in _spec_request_examples("createDeployment"):
        h.run(h.case("createDeployment", query={"validateOnly": "false"}, body=body))


def scenario_ignore_page_token(h: Harness) -> None:
    h.fake.seed_deployments(n=5)
    h.run(h.case("listDeployments", query={"pageSize": 2}))


def scenario_accept_invalid_enum(h: Harness) -> None:
    # one explicit case, so the proof does not depend on what generation happens to draw ...
    field, value = _unknown_enum_value()
    body = {**_spec_request_examples("createDeployment")[0], field: value}
    h.run(h.case("createDeployment", query={"validateOnly": "false"}, body=body))
    # ... and generated negative cases, which schemathesis' own negative_data_rejection judges
    h.fuzz("createDeployment", GenerationMode.NEGATIVE)


def _unknown_enum_value() -> tuple[str, str]:
    """The first writable enum-typed Deployment field, with a value its enum does not list."""
    for name, node in component_schema("Deployment")["properties"].items():
        target = resolve(node)
        if "enum" in target and not node.get("readOnly") and not target.get("readOnly"):
            return name, "NOT_" + "_".join(target["enum"])[:40]
    raise AssertionError("the spec has no writable enum field")


def scenario_writable_read_only(h: Harness) -> None:
    field, value = _read_only_field()
    body = {**_spec_request_examples("createDeployment")[0], field: value}
    h.run(h.case("createDeployment", query={"validateOnly": "false"}, body=body))


def scenario_list_deleted(h: Harness) -> None:
    _create(h, "teeth-soft-deleted")
    h.run(h.case("deleteDeployment", path={"deployment_id": "teeth-soft-deleted"}, query={"ignoreChecks": "true"}))


def scenario_list_deleting(h: Harness) -> None:
    _create(h, "teeth-deleting")
    h.fake.set_transition("reads:1000")  # the soft delete stays DELETING
    h.case("deleteDeployment", path={"deployment_id": "teeth-deleting"}, query={"ignoreChecks": "true"}).call()
    h.run(h.case("listDeployments"))


def scenario_ignore_filter(h: Harness) -> None:
    h.fake.seed_deployments(n=5)
    h.run(h.case("listDeployments", query={"filter": 'display_name = "seeded 1"'}))


def scenario_ignore_order(h: Harness) -> None:
    h.fake.seed_deployments(n=5)
    h.run(h.case("listDeployments", query={"orderBy": "display_name desc"}))


def scenario_ignore_read_mask(h: Harness) -> None:
    (seeded,) = h.fake.seed_deployments(n=1)
    h.run(h.case("getDeployment", path={"deployment_id": seeded}, query={"readMask": "display_name,state"}))


def scenario_validate_only_stores(h: Harness) -> None:
    _create(h, "teeth-validate-only")  # validate_only_creates_nothing probes a dry run after each real create


def scenario_ignore_update_mask(h: Harness) -> None:
    full = _spec_request_examples("createDeployment")[-1]
    h.run(h.case("createDeployment", query={"deploymentId": "teeth-mask", "validateOnly": "false"}, body=full))
    body = {"baseModel": full["baseModel"], "displayName": "renamed"}
    h.run(
        h.case(
            "updateDeployment", path={"deployment_id": "teeth-mask"}, query={"updateMask": "display_name"}, body=body
        )
    )


def scenario_scale_ignored(h: Harness) -> None:
    _create(h, "teeth-scale")
    h.run(h.case("scaleDeployment", path={"deployment_id": "teeth-scale"}, body={"replicaCount": 7}))


def scenario_undelete_noop(h: Harness) -> None:
    _create(h, "teeth-undelete")
    h.run(h.case("deleteDeployment", path={"deployment_id": "teeth-undelete"}, query={"ignoreChecks": "true"}))
    h.run(h.case("undeleteDeployment", path={"deployment_id": "teeth-undelete"}, body={}))


# Gateway reading (issue 9): a read-only field is ignored, a GET body goes back as an update, unknown keys are
# dropped, zero values are unset.
def scenario_reject_read_only(h: Harness) -> None:
    _create(h, "teeth-round-trip")
    h.run(h.case("getDeployment", path={"deployment_id": "teeth-round-trip"}))  # get_update_round_trip follows up


def scenario_keep_unknown_keys(h: Harness) -> None:
    body = {**_spec_request_examples("createDeployment")[0], "autoTune": {"longPrompt": True, "futureKnob": 1}}
    h.run(h.case("createDeployment", query={"validateOnly": "false"}, body=body))


def scenario_zero_values_set(h: Harness) -> None:
    _create(h, "teeth-zero")
    h.run(h.case("scaleDeployment", path={"deployment_id": "teeth-zero"}, body={}))
    h.run(
        h.case(
            "createDeployment",
            query={"deploymentId": "", "validateOnly": "false"},
            body=_spec_request_examples("createDeployment")[0],
        )
    )


# fault -> (scenario, the failure type that points at the bug: a built-in check's or one of ours)
TEETH: dict[str, tuple[Callable[[Harness], None], type[Failure]]] = {
    "drop_required_field": (scenario_drop_required_field, JsonSchemaError),
    "wrong_type": (scenario_wrong_type, JsonSchemaError),
    "server_error": (scenario_server_error, ServerError),
    "ignore_page_token": (scenario_ignore_page_token, violation_of("pagination_contract")),
    "accept_invalid_enum": (scenario_accept_invalid_enum, violation_of("invalid_body_rejected")),
    "writable_read_only": (scenario_writable_read_only, violation_of("read_only_ignored")),
    "reject_read_only": (scenario_reject_read_only, violation_of("get_update_round_trip")),
    "keep_unknown_keys": (scenario_keep_unknown_keys, violation_of("unknown_keys_dropped")),
    "zero_values_set": (scenario_zero_values_set, violation_of("zero_values_unset")),
    "list_deleted": (scenario_list_deleted, violation_of("soft_delete_semantics")),
    "list_deleting": (scenario_list_deleting, violation_of("show_deleted_respected")),
    "ignore_filter": (scenario_ignore_filter, violation_of("filter_respected")),
    "ignore_order": (scenario_ignore_order, violation_of("order_respected")),
    "ignore_read_mask": (scenario_ignore_read_mask, violation_of("read_mask_respected")),
    "validate_only_stores": (scenario_validate_only_stores, violation_of("validate_only_creates_nothing")),
    "ignore_update_mask": (scenario_ignore_update_mask, violation_of("update_mask_respected")),
    "scale_ignored": (scenario_scale_ignored, violation_of("scale_applied")),
    "undelete_noop": (scenario_undelete_noop, violation_of("undelete_restores")),
}


def test_every_contract_bug_fault_has_a_teeth_test() -> None:
    """A new deliberate contract-bug fault in the fake must get a scenario here."""
    from fireworks_deployments_testing.suite.inprocess import FAULT_NAMES

    operational = {"latency", "rate_limit", "unavailable", "drop_connection", "drop_after_commit"}
    assert set(FAULT_NAMES) - operational == set(TEETH)


@pytest.mark.parametrize("fault", sorted(TEETH))
def test_suite_catches_fault(fault: str) -> None:
    scenario, expected = TEETH[fault]
    healthy = Harness(None)
    scenario(healthy)
    assert not healthy.failures, f"scenario for {fault} fails even without the fault:\n{healthy.report[:3000]}"

    broken = Harness(fault)
    scenario(broken)
    assert broken.failures, f"the suite did NOT catch the {fault} fault"
    caught = {type(f) for f in broken.caught}
    assert any(issubclass(kind, expected) for kind in caught), (
        f"{fault}: the failures are {sorted(k.__name__ for k in caught)}, not {expected.__name__}:\n{broken.report[:3000]}"
    )


# --- client side -------------------------------------------------------------------------------


def _captured(op_id: str, patch: Callable[[dict[str, Any]], None], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    op = operations()[op_id]
    module = gc.module_for(op)
    original = module._get_kwargs

    def broken(*args: Any, **kwargs: Any) -> dict[str, Any]:
        result: dict[str, Any] = original(*args, **kwargs)
        patch(result)
        return result

    monkeypatch.setattr(module, "_get_kwargs", broken)
    inputs: dict[str, Any] = {
        "path": {p["name"]: "teeth" for p in op.parameters_in("path")},
        "query": {},
        "body": _spec_request_examples(op_id)[0] if op.request_body_schema is not None else None,
    }
    reply = {"baseModel": "m"} if op.response_schema(200) and "Deployment" in str(op.response_schema(200)) else {}
    with respx.mock(base_url=gc.BASE_URL) as router:
        route = router.route().mock(return_value=httpx.Response(200, json=reply))
        with gc.make_client() as client:
            call(op, inputs, client)
    return check_request(op, route.calls.last.request, inputs)


def test_client_sending_undeclared_query_name_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    def rename(kwargs: dict[str, Any]) -> None:
        kwargs["params"]["page_size"] = kwargs["params"].pop("pageSize", 10)  # snake_case on the wire

    problems = _captured("listDeployments", rename, monkeypatch)
    assert any("'page_size' is not declared" in p for p in problems), problems


def test_client_sending_undeclared_body_key_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    def rename(kwargs: dict[str, Any]) -> None:
        kwargs["json"]["base_model"] = kwargs["json"].pop("baseModel")

    problems = _captured("createDeployment", rename, monkeypatch)
    assert any("'base_model' is not a declared property" in p for p in problems), problems


def test_client_sending_read_only_field_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    field, value = _read_only_field()

    def add(kwargs: dict[str, Any]) -> None:
        kwargs["json"][field] = value

    problems = _captured("updateDeployment", add, monkeypatch)
    assert any(f"read-only property {field!r}" in p for p in problems), problems
