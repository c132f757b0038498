"""Layer 1: server conformance with schemathesis, every operation, positive and negative data.

Two schemas over the same spec, one per generation mode, so each operation gets
its own budget of positive AND negative cases (max_examples from the hypothesis
profile). All phases the pytest integration has: examples, coverage, fuzzing.
Checks: the built-ins that apply (_server.BUILTIN_CHECKS) plus ours (fireworks_deployments_testing.suite.checks).
"""

from __future__ import annotations

from schemathesis.generation import GenerationMode

from fireworks_deployments_testing.suite import _server
from fireworks_deployments_testing.suite.registry import OpenApiCase

TARGET = _server.target_or_skip()
positive = _server.load_schema(TARGET, GenerationMode.POSITIVE)
negative = _server.load_schema(TARGET, GenerationMode.NEGATIVE)


def _run(case: OpenApiCase) -> None:
    if TARGET.read_only:
        TARGET.prepare(case)  # dry-run creates
        if not TARGET.allows(case.method, case.operation.path, dict(case.query or {})):
            return  # never sent: read-only live target (schema.include does not filter parametrize in 4.32.5)
    _server.count("server", case)
    case.call_and_validate(checks=_server.ALL_CHECKS)


@_server.parametrize(positive)
def test_positive(case: OpenApiCase) -> None:
    _run(case)


@_server.parametrize(negative)
def test_negative(case: OpenApiCase) -> None:
    _run(case)
