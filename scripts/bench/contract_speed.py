"""3. Contract-suite speed: schemathesis cases per second, in process, fake vs a canned floor.

For every operation of the spec, schemathesis' own Hypothesis strategy generates cases (positive
and negative generation modes, a fixed seed so both sides get the same case stream); each case is
sent in process to the ASGI app (``schema.app = app``, schemathesis' own transport) and its answer is
checked with ``case.validate_response`` (schemathesis' default checks). Failed checks are counted,
never raised, so Hypothesis does not shrink and both sides do the same work.

Sides, alternated repetition by repetition:
  fake    ``fireworks_deployments_testing.fake.create_app(...)``, a fresh app per repetition
  floor   ``canned_app.create_canned_app()``: one valid canned answer per operation
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

from .common import ACCOUNT, API_KEY, REPO, SPEC, Settings, stats
from .fake_adapter import fake_app_factory

CONFIG_NOTE: dict[str, str] = {}


def _load_schema() -> Any:
    """The spec with the project's ``schemathesis.toml`` (as the contract suite loads it), else defaults."""
    import schemathesis
    from schemathesis.config import SchemathesisConfig

    os.environ["CONTRACT_ACCOUNT_ID"] = ACCOUNT  # the suite's config pins path.account_id to this variable
    try:
        config = SchemathesisConfig.discover()
        CONFIG_NOTE["config"] = (
            "the project's schemathesis.toml" if (REPO / "schemathesis.toml").exists() else "defaults"
        )
    except Exception as exc:  # a config this benchmark cannot satisfy: fall back to schemathesis' defaults
        config = SchemathesisConfig()
        CONFIG_NOTE["config"] = f"schemathesis defaults (the discovered config failed: {exc})"
    return schemathesis.openapi.from_path(str(SPEC), config=config)


def _operations(app: Any) -> list[Any]:
    schema = _load_schema()
    schema.app = app
    return [result.ok() for result in schema.get_all_operations()]


def _case_test(strategy: Any, examples: int, counts: dict[str, Any]) -> Callable[[], None]:
    """A Hypothesis test drawing ``examples`` cases: call, validate, count (never raise, so no shrinking)."""
    from hypothesis import HealthCheck, Phase, given, settings

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def test(case: Any) -> None:
        counts["cases"] += 1
        try:
            response = case.call()
        except Exception:
            counts["errors"] += 1
            return
        family = f"{response.status_code // 100}xx"
        counts["statuses"][family] = counts["statuses"].get(family, 0) + 1
        try:
            case.validate_response(response)
        except (Exception, BaseExceptionGroup) as exc:  # schemathesis' FailureGroup is a BaseExceptionGroup
            counts["failed_checks"] += 1
            for failure in getattr(exc, "exceptions", [exc]):
                title = getattr(failure, "title", type(failure).__name__)
                counts["failure_kinds"][title] = counts["failure_kinds"].get(title, 0) + 1

    return test


def one_pass(app: Any, examples: int) -> dict[str, Any]:
    from schemathesis import GenerationMode

    headers = {"Authorization": f"Bearer {API_KEY}"}
    ops = _operations(app)
    modes: dict[str, dict[str, Any]] = {}
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        counts: dict[str, Any] = {"cases": 0, "failed_checks": 0, "errors": 0, "statuses": {}, "failure_kinds": {}}
        t0 = time.perf_counter()
        for op in ops:
            strategy = op.as_strategy(generation_mode=mode, path_parameters={"account_id": ACCOUNT}, headers=headers)
            _case_test(strategy, examples, counts)()
        counts["elapsed_s"] = time.perf_counter() - t0
        modes[str(mode.value)] = counts
    cases = sum(m["cases"] for m in modes.values())
    elapsed = sum(m["elapsed_s"] for m in modes.values())
    return {"cases": cases, "elapsed_s": elapsed, "cases_per_s": cases / elapsed if elapsed else 0.0, "modes": modes}


def run(settings: Settings) -> dict[str, Any]:
    from .canned_app import create_canned_app

    examples = 3 if settings.quick else 25
    reps = 1 if settings.quick else 3
    factories: dict[str, Callable[[], Any]] = {"floor": create_canned_app}
    fake = fake_app_factory()
    notes = {}
    if fake is None:
        notes["fake"] = "fireworks_deployments_testing.fake.create_app is not importable here: no fake side"
    else:
        factories["fake"] = fake
    for factory in factories.values():  # warm-up: imports, schema parsing, strategy caches
        one_pass(factory(), 2)
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in factories}
    names = list(factories)
    for rep in range(reps):
        for name in names if rep % 2 == 0 else reversed(names):
            runs[name].append(one_pass(factories[name](), examples))
    out: dict[str, Any] = {
        "examples_per_operation_and_mode": examples,
        "repeats": reps,
        "notes": notes,
        "sides": {},
        "config": CONFIG_NOTE.get("config"),
    }
    for name, rs in runs.items():
        last = rs[-1]
        out["sides"][name] = {
            "cases_per_s": stats(r["cases_per_s"] for r in rs),
            "cases_per_run": last["cases"],
            "by_mode": {
                mode: {
                    "cases_per_s": stats(r["modes"][mode]["cases"] / r["modes"][mode]["elapsed_s"] for r in rs),
                    "statuses": last["modes"][mode]["statuses"],
                    "failed_checks": last["modes"][mode]["failed_checks"],
                    "failure_kinds": last["modes"][mode]["failure_kinds"],
                    "errors": last["modes"][mode]["errors"],
                }
                for mode in last["modes"]
            },
        }
    if "fake" in out["sides"]:
        f, fl = out["sides"]["fake"]["cases_per_s"]["median"], out["sides"]["floor"]["cases_per_s"]["median"]
        out["fake_over_floor"] = f / fl if fl else None
        out["target"] = 0.5
        out["met"] = out["fake_over_floor"] is not None and out["fake_over_floor"] >= 0.5
        out["fake_over_floor_by_mode"] = {
            mode: (
                out["sides"]["fake"]["by_mode"][mode]["cases_per_s"]["median"]
                / out["sides"]["floor"]["by_mode"][mode]["cases_per_s"]["median"]
            )
            for mode in out["sides"]["fake"]["by_mode"]
        }
    return out
