"""Layer 2: stateful workflows over the spec's OpenAPI links.

create -> get / update / scale / delete, delete -> undelete. The fake's
transitions are "immediate" so CREATING -> READY (and DELETING -> DELETED)
happen within a run; state is reset before every state-machine run. All checks
of layer 1 apply to every step (ensure_resource_availability needs the real
creates that schemathesis.toml pins with validateOnly="false").
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import precondition, rule

from fireworks_deployments_testing.suite import _server

TARGET = _server.target_or_skip()
if TARGET.read_only:
    pytest.skip(
        "stateful workflows need real creates: live target is read-only (set CONTRACT_ALLOW_MUTATIONS=1)",
        allow_module_level=True,
    )
schema = _server.load_schema(TARGET)
_STEPS = 10
_RUNS = max(_server.active_settings().max_examples // 2, 10)


class DeploymentWorkflow(schema.as_state_machine()):  # type: ignore[misc]
    def setup(self) -> None:
        TARGET.reset()
        TARGET.set_transition("immediate")
        self.created: list[str] = []

    def before_call(self, case: Any) -> None:
        # (schemathesis.toml's pins are re-applied to every step by fireworks_deployments_testing.suite.hooks.before_call.)
        _server.count("stateful", case)

    def after_call(self, response: Any, case: Any) -> None:
        super().after_call(response, case)
        if _server.operation_id(case) == "createDeployment" and response.status_code == 200:
            name = response.json().get("name", "")
            self.created.append(name.rsplit("/", 1)[-1])

    # The ScaleCreatedDeployment link fires rarely (schemathesis caps steps per source and mixes
    # negative bodies in), so create -> scale with a valid body is also driven explicitly here,
    # with the same checks as every other step.
    @precondition(lambda self: bool(getattr(self, "created", None)))
    @rule(data=st.data())
    def scale_created_deployment(self, data: st.DataObject) -> None:
        operation = schema.find_operation_by_id("scaleDeployment")
        case = operation.Case(
            path_parameters={
                "account_id": TARGET.account_id,
                "deployment_id": data.draw(st.sampled_from(self.created)),
            },
            body={"replicaCount": data.draw(st.integers(0, 8))},
            media_type="application/json",
            headers=dict(TARGET.headers),
        )
        self.before_call(case)
        response = case.call()
        self.after_call(response, case)
        self.validate_response(response, case)

    def validate_response(self, response: Any, case: Any, additional_checks: Any = None, **kwargs: Any) -> None:
        __tracebackhide__ = True
        # The recorder lets stateful checks (ensure_resource_availability) see earlier steps.
        case.validate_response(
            response,
            checks=_server.ALL_CHECKS,
            transport_kwargs=kwargs or None,
            recorder=getattr(self, "recorder", None),
        )


TestDeploymentWorkflow = DeploymentWorkflow.TestCase
TestDeploymentWorkflow.settings = settings(
    settings.default, max_examples=_RUNS, stateful_step_count=_STEPS, deadline=None
)
