"""schemathesis hooks: keep POSITIVE cases meaningful, so ``positive_data_acceptance`` is fair.

The spec types several query parameters as plain strings but gives them a
grammar that JSON Schema cannot express; a random string is "schema-valid" yet
the spec itself says it answers 400. For positive cases only (negative cases
are left exactly as schemathesis made them), we therefore:

* ``pageToken``: drop it. Tokens are opaque and only valid for the query that
  issued them; real tokens are followed by ``checks.pagination_contract``.
* ``filter``: replace with an AIP-160 expression over the Deployment's scalar
  fields (names, types and enum values read from the spec, either spelling).
* ``orderBy``: a list of scalar field paths, each optionally `` desc``.
* ``readMask``: a list of top-level field paths (or ``*``).
* ``updateMask``: a list of WRITABLE top-level field paths.
* createDeployment: ``acceptShapelessRisk=true`` together with a
  ``deploymentShape`` is a documented 400; drop the flag in that case.
* live target without mutations: force ``validateOnly=true`` on create and give
  created ids the ``ct-`` prefix (see fireworks_deployments_testing.suite.targets).

And one failure filter: ``positive_data_acceptance`` is not reported for a 400
whose body has code 9 FAILED_PRECONDITION. The spec documents that code for
schema-valid requests the resource's current STATE forbids (update/scale/delete
of a soft-deleted deployment, undelete of one that is not DELETED, deleting one
that served traffic in the last hour); that is a state conflict, not rejected
data. Every other 400 on positive data is still a failure.

Importing this module registers the hooks globally (and our checks, via
fireworks_deployments_testing.suite.checks); the CLI loads it through ``hooks`` in schemathesis.toml.
"""

from __future__ import annotations

import os
import random
import zlib
from typing import Any

import schemathesis
from schemathesis import Response
from schemathesis.core.failures import Failure
from schemathesis.hooks import HookContext

from fireworks_deployments_testing.rules.fields import deployment_fields
from fireworks_deployments_testing.rules.values import field_paths, filter_expression, scalar_fields, writable_fields
from fireworks_deployments_testing.suite import checks as _checks
from fireworks_deployments_testing.suite import registry as _registry
from fireworks_deployments_testing.suite.registry import OpenApiCase

# Loading the hooks (schemathesis.toml does, for the CLI too) registers every contract check.
_registry.all_checks()

__all__ = [
    "make_meaningful",
    "FAILED_PRECONDITION",
]

FAILED_PRECONDITION = 9  # gRPC code number; the spec's ErrorStatus description lists it


def _grammar(name: str, rng: random.Random) -> str | None:
    if name == "filter":
        return filter_expression(rng)
    if name == "orderBy":
        return field_paths(rng, list(scalar_fields()), desc=True)
    if name == "readMask":
        return field_paths(rng, list(deployment_fields()), star=True)
    if name == "updateMask":
        return field_paths(rng, writable_fields())
    return None


def _is_positive(case: OpenApiCase) -> bool:
    meta = getattr(case, "meta", None)
    return bool(meta is not None and meta.generation.mode.is_positive)


def make_meaningful(case: OpenApiCase) -> None:
    """Rewrite a POSITIVE case's grammar-bound query values into valid ones (in place).

    Deterministic: the replacement is seeded by the value schemathesis generated, so
    shrinking and replay see the same request, and variety follows schemathesis' own.
    """
    if not _is_positive(case) or not case.query:
        return
    query = dict(case.query)
    query.pop("pageToken", None)
    if case.method.upper() == "POST" and case.operation.path.endswith("/deployments"):
        if (
            isinstance(case.body, dict)
            and case.body.get("deploymentShape") is not None
            and str(query.get("acceptShapelessRisk")).lower() == "true"
        ):
            query.pop("acceptShapelessRisk")
    for name, value in list(query.items()):
        if name in GRAMMAR_PARAMETERS:
            rng = random.Random(zlib.crc32(f"{name}={value!r}".encode()))
            query[name] = _grammar(name, rng)
    if query != case.query:
        case.query = query


GRAMMAR_PARAMETERS = ("filter", "orderBy", "readMask", "updateMask")


def apply_pins(case: OpenApiCase) -> None:
    """The pins of schemathesis.toml, applied to every phase.

    schemathesis 4.32.5 applies ``[parameters]`` and ``[[operations]] parameters`` to
    generated cases but NOT to state-machine roots: in a trial every stateful step
    answered 403 (random account) and creates ran with validateOnly=true (nothing
    created, links led to 404). Same values, one more place.
    """
    account = os.environ.get("CONTRACT_ACCOUNT_ID")
    if (
        account
        and case.path_parameters
        and "account_id" in case.path_parameters
        and case.path_parameters["account_id"] != account
    ):
        case.path_parameters = {**case.path_parameters, "account_id": account}
    if case.operation.method.upper() == "POST" and case.operation.path.endswith("/deployments"):
        if _checks.is_follow_up():
            return  # a check's own dry run (validate_only_creates_nothing) keeps validateOnly=true
        if (case.query or {}).get("validateOnly") != "false":
            case.query = {**(case.query or {}), "validateOnly": "false"}


@schemathesis.hook
def before_call(context: HookContext, case: OpenApiCase, kwargs: dict[str, Any]) -> None:
    """Every phase (examples, coverage, fuzzing, stateful; pytest and CLI) passes here before sending.

    Positive cases get meaningful grammar values; on the live target cases are made safe and,
    as the last line of defence for the read-only mode, mutations are refused before they are sent.
    """
    from fireworks_deployments_testing.suite import targets

    apply_pins(case)
    make_meaningful(case)
    guard = targets.active_guard()
    if guard is not None:
        guard.prepare(case)
        guard.guard(case.method, case.operation.path, dict(case.query or {}))
    _checks.remember_before_update(case)  # update_mask_respected compares with the deployment before the call


@schemathesis.hook
def after_call(context: HookContext, case: OpenApiCase, response: Response) -> None:
    from fireworks_deployments_testing.suite import targets

    guard = targets.active_guard()
    if guard is not None:
        guard.remember(case, response)


@schemathesis.hook
def filter_failure(context: HookContext, failure: Failure, case: OpenApiCase, response: Response) -> bool:
    if type(failure).__name__ != "RejectedPositiveData" or response.status_code != 400:
        return True
    try:
        body = response.json()
    except Exception:
        return True
    return not (isinstance(body, dict) and body.get("code") == FAILED_PRECONDITION)
