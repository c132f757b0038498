"""Fixtures and hypothesis profiles of the contract suite.

Profiles, chosen by HYPOTHESIS_PROFILE (default ``fast``):
* ``fast``: local runs, a handful of examples per test, random seed.
* ``ci``:  thorough and reproducible: >=100 examples, derandomized (seeded by
  the test's name), no example database, no deadline (timing on shared CI
  machines is noise, not a contract).
The target (inprocess / standalone / live) is chosen in fireworks_deployments_testing.suite.targets.
"""

from __future__ import annotations

import os
from collections.abc import Generator

import pluggy
import pytest
from hypothesis import HealthCheck, Phase, settings

_COMMON = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large]
)
settings.register_profile("fast", _COMMON, max_examples=20)
settings.register_profile(
    "ci",
    _COMMON,
    max_examples=100,
    derandomize=True,
    database=None,
    print_blob=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "fast")
settings.load_profile(PROFILE)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--target",
        choices=("inprocess", "standalone", "live"),
        default=None,
        help="contract target (default: $CONTRACT_TARGET or inprocess)",
    )


def pytest_configure(config: pytest.Config) -> None:
    # The schema is loaded at module level (schemathesis.pytest.from_fixture is broken under
    # pytest 9.2), so the choice has to be in the environment before test modules are imported.
    if config.getoption("--target"):
        os.environ["CONTRACT_TARGET"] = config.getoption("--target")


# Longest items first, so that pytest-xdist workers (scripts/contract_suite.py --workers auto) finish
# together: the state machine (one ~5 s item) and the proof of teeth (its fuzzing scenario is another
# ~5 s) lead, then the schemathesis layer (14 items of 0.4-3 s), then the client layer (80 short items)
# fills in at the end. Only the order changes: every item runs, each with its own derandomized seed.
_FIRST = ("test_stateful.py", "test_teeth.py", "test_server_conformance.py")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return _FIRST.index(name) if name in _FIRST else len(_FIRST)

    items.sort(key=rank)  # stable: within a module, collection order


_STARTED = pytest.StashKey[float]()


def pytest_sessionstart(session: pytest.Session) -> None:
    import time

    session.config.stash[_STARTED] = time.perf_counter()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int | pytest.ExitCode) -> None:
    """Write the case counts (per layer, operation, mode) for scripts/contract_summary.py."""
    import json
    import sys
    import time
    from pathlib import Path

    from fireworks_deployments_testing.suite import targets

    if targets.current.cache_info().currsize:  # a live run: hard-delete what it created, even after failures
        for problem in targets.current().cleanup():
            print(f"contract cleanup: {problem}", file=sys.stderr)
    server = sys.modules.get("fireworks_deployments_testing.suite._server")
    if server is None:
        return
    out = Path(os.environ.get("CONTRACT_STATS", "reports/contract-cases.json"))
    worker = os.environ.get("PYTEST_XDIST_WORKER")  # under pytest-xdist each worker counts its own share
    if worker:
        out = out.with_name(f"{out.stem}.{worker}{out.suffix}")
    out.parent.mkdir(parents=True, exist_ok=True)
    rows = [{"layer": k[0], "operation": k[1], "mode": k[2], "cases": v} for k, v in sorted(server.CASES.items())]
    elapsed = time.perf_counter() - session.config.stash.get(_STARTED, time.perf_counter())
    out.write_text(
        json.dumps(
            {
                "profile": PROFILE,
                "target": os.environ.get("CONTRACT_TARGET", "inprocess"),
                "seconds": round(elapsed, 2),
                "cases": rows,
            },
            indent=1,
        )
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pluggy.Result[pytest.TestReport], None]:
    """Mask the API key in every report (terminal, JUnit XML), whatever raised the text."""
    outcome = yield
    report = outcome.get_result()
    from fireworks_deployments_testing.suite import targets

    if report.longrepr is not None:
        text = str(report.longrepr)
        masked = targets.mask(text)
        if masked != text:
            report.longrepr = masked
    report.sections = [(title, targets.mask(body)) for title, body in report.sections]
