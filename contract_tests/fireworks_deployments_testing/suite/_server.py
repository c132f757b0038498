"""Shared wiring of the schemathesis layers: the target, the schema(s), the checks, case counting."""

from __future__ import annotations

import collections
from collections.abc import Callable
from typing import Any, TypeVar, cast

import pytest
import schemathesis
from hypothesis import settings
from schemathesis import BaseSchema
from schemathesis import checks as st_checks
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.schemas import OpenApiSchema

from fireworks_deployments_testing.rules.spec import SPEC_PATH, operations
from fireworks_deployments_testing.suite import hooks as _hooks  # noqa: F401  (registers hooks and our checks)
from fireworks_deployments_testing.suite import registry, targets
from fireworks_deployments_testing.suite.registry import OpenApiCase

# The built-in checks that apply to this API. use_after_free is replaced by
# our soft_delete_semantics (see schemathesis.toml for why).
BUILTIN_CHECKS = [
    st_checks.not_a_server_error,
    st_checks.status_code_conformance,
    st_checks.content_type_conformance,
    st_checks.response_headers_conformance,
    st_checks.response_schema_conformance,
    st_checks.negative_data_rejection,
    st_checks.positive_data_acceptance,
    st_checks.missing_required_header,
    st_checks.unsupported_method,
    st_checks.ensure_resource_availability,
    st_checks.ignored_auth,
]
OUR_CHECKS = [check.function for check in registry.all_checks()]
ALL_CHECKS = BUILTIN_CHECKS + OUR_CHECKS

# (layer, operation_id, mode) -> cases run; written to reports/ by conftest for the summary.
CASES: collections.Counter[tuple[str, str, str]] = collections.Counter()


def target_or_skip() -> targets.Target:
    try:
        return targets.current()
    except targets.TargetUnavailable as exc:
        pytest.skip(str(exc), allow_module_level=True)


_T = TypeVar("_T", bound=Callable[..., Any])


def parametrize(schema: BaseSchema) -> Callable[[_T], _T]:
    """``schema.parametrize()`` with its type (schemathesis annotates it as a bare ``Callable``)."""
    return cast(Callable[[_T], _T], schema.parametrize())


def active_settings() -> settings:
    """The loaded hypothesis profile (conftest loads one before any test module is imported)."""
    profile = settings.default
    if profile is None:
        raise RuntimeError("no hypothesis profile is loaded")
    return profile


def load_schema(target: targets.Target, mode: GenerationMode | None = None) -> OpenApiSchema:
    """The spec as a schemathesis schema aimed at ``target`` (account pinned by schemathesis.toml)."""
    schema = schemathesis.openapi.from_path(str(SPEC_PATH))
    target.configure(schema)
    profile = active_settings()
    schema.config.generation.update(
        max_examples=profile.max_examples, deterministic=bool(profile.derandomize), database="none"
    )
    if profile.derandomize:
        schema.config.seed = 20261101
    if mode is not None:
        schema.config.generation.update(modes=[mode])
    if target.read_only:
        allowed = [
            op.operation_id
            for op in operations().values()
            if op.method == "GET" or op.operation_id == "createDeployment"
        ]
        schema = cast(OpenApiSchema, schema.include(operation_id=allowed))
    return schema


def operation_id(case: OpenApiCase) -> str:
    for op in operations().values():
        if op.method == case.operation.method.upper() and op.path == case.operation.path:
            return op.operation_id
    return case.operation.label


def count(layer: str, case: OpenApiCase) -> None:
    meta = case.meta
    mode = meta.generation.mode.value if meta is not None else "unknown"
    CASES[(layer, operation_id(case), mode)] += 1
