"""Sessions of the project. Bootstrap with `python3 scripts/nox_bootstrap.py [-s SESSION ...]`.

Longer logic lives in scripts/; a session only installs its pinned tools
(from [dependency-groups] in pyproject.toml) and calls one script or tool.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nox

nox.needs_version = ">=2026.10.20"  # scripts/nox_bootstrap.py reads this line
# uv (installed from PyPI into .venv-nox by scripts/nox_bootstrap.py) when nox finds it, else venv + pip.
# Force the pip path with nox's own switch: NOX_DEFAULT_VENV_BACKEND=venv.
nox.options.default_venv_backend = "uv|venv"
nox.options.reuse_venv = "yes"
nox.options.error_on_missing_interpreters = True
nox.options.sessions = ["tests"]

ROOT = Path(__file__).resolve().parent
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")
CLIENT_DIR = ROOT / "generated" / "fireworks-deployments-client"
CLIENT_PACKAGE = "fireworks_deployments_client"
LAYER_DIR = ROOT / "client"  # the hand-written layer, distribution fireworks-deployments
LAYER_PACKAGE = "fireworks_deployments"
KIT_DIR = ROOT / "contract_tests"  # the testing kit, distribution fireworks-deployments-testing
DIST = ROOT / "dist"


def group(*names: str) -> tuple[str, ...]:
    return nox.project.dependency_groups(PYPROJECT, *names)


# pip settings given in the environment, and the uv setting that means the same (uv reads no pip config).
PIP_TO_UV = {
    "PIP_INDEX_URL": "UV_INDEX_URL",
    "PIP_EXTRA_INDEX_URL": "UV_EXTRA_INDEX_URL",
    "PIP_FIND_LINKS": "UV_FIND_LINKS",
    "PIP_NO_INDEX": "UV_NO_INDEX",
    "PIP_CONSTRAINT": "UV_CONSTRAINT",
    "PIP_DEFAULT_TIMEOUT": "UV_HTTP_TIMEOUT",
    "PIP_CERT": "SSL_CERT_FILE",
}


def uses_uv(session: nox.Session) -> bool:
    return session.venv_backend == "uv"


def quiet_pip(session: nox.Session) -> None:
    """Installer settings: pip quiet about its version; under uv, the PIP_* settings of the environment carried over."""
    session.env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    if not uses_uv(session):
        return
    for pip_name, uv_name in PIP_TO_UV.items():
        value = os.environ.get(pip_name)
        if value and uv_name not in os.environ:
            # pip separates find-links with spaces; uv's variable takes commas.
            session.env[uv_name] = ",".join(value.split()) if uv_name == "UV_FIND_LINKS" else value


def install_node_if_missing(session: nox.Session) -> None:
    """Redocly CLI needs Node.js; without `node`/`npm` on PATH, take the pinned runtime from PyPI."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        session.log("node/npm not on PATH: installing the Node.js runtime from PyPI (dependency group `node`)")
        session.install(*group("node"))


def install_client(session: nox.Session, *, editable: bool = False) -> None:
    """The generated client, from the committed generated/ tree, and the hand-written layer (always editable).

    uv keeps an installed local package of the same version; force the reinstall so a
    reused venv never tests yesterday's generated code (pip rebuilds local trees anyway).
    """
    reinstall = ["--reinstall-package", "fireworks-deployments-client"] if uses_uv(session) and not editable else []
    session.install(*reinstall, *(["-e"] if editable else []), str(CLIENT_DIR), "-e", str(LAYER_DIR))


def install_kit(session: nox.Session, *groups: str) -> None:
    """The testing kit (contract_tests/, editable) with the generated client, at the repository's pins."""
    quiet_pip(session)
    install_client(session)
    session.install("-e", str(KIT_DIR), *group("kit-pins", *groups))


# --- generated client ------------------------------------------------------


@nox.session
def generate(session: nox.Session) -> None:
    """Regenerate generated/fireworks-deployments-client from openapi/."""
    quiet_pip(session)
    session.install(*group("generate"))
    session.run("python", "scripts/generate.py", *session.posargs)


@nox.session
def check_generated(session: nox.Session) -> None:
    """Fail with a diff if generated/ differs from a fresh generation."""
    quiet_pip(session)
    session.install(*group("generate"))
    session.run("python", "scripts/check_generated.py")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict on the generated package and on every hand-written module (settings: [tool.mypy])."""
    install_kit(session, "typecheck", "lint-spec", "bench")
    cache = ("--cache-dir", str(ROOT / ".nox" / ".mypy_cache"))
    with session.chdir(CLIENT_DIR):
        session.run("mypy", "--strict", *cache, CLIENT_PACKAGE)
    # From the root, [tool.mypy] `files`: the client layer, the kit, scripts/ and this file.
    session.run("mypy", *cache)


@nox.session
def build(session: nox.Session) -> None:
    """Wheels and sdists of every distribution (generated client, client layer, testing kit) into dist/."""
    quiet_pip(session)
    session.install(*group("build"))
    DIST.mkdir(exist_ok=True)
    for project in (CLIENT_DIR, LAYER_DIR, KIT_DIR):
        session.run("python", "-m", "build", "--outdir", str(DIST), str(project))


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (lint and format check) on every hand-written Python file; generated/ has its own config."""
    quiet_pip(session)
    session.install(*group("lint"))
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


# --- spec ------------------------------------------------------------------


@nox.session
def lint_spec(session: nox.Session) -> None:
    """openapi-spec-validator + Redocly CLI (npm, under .nox/redocly); zero errors and zero warnings."""
    quiet_pip(session)
    session.install(*group("lint-spec"))
    install_node_if_missing(session)
    session.run("python", "scripts/lint_spec.py", "--redocly-dir", str(ROOT / ".nox" / "redocly"))


@nox.session
def drift(session: nox.Session) -> None:
    """Our spec against Fireworks' published one: `nox -s drift -- --upstream FILE|URL` (reasons in openapi/drift-decisions.yaml)."""
    quiet_pip(session)
    session.install(*group("lint-spec"))
    session.run("python", "scripts/drift.py", *session.posargs)


# --- tests -----------------------------------------------------------------

# fireworks_deployments_testing.fake.audit.ENV: set where our own runs drive the fake (tests/conftest.py
# sets it for the pytest suite)
AUDIT_CACHE_ENV = "_FIREWORKS_FAKE_AUDIT_CACHE"

# pytest-xdist workers for the pytest layers: "auto" (every core) or N; 1 runs serially.
PYTEST_WORKERS = os.environ.get("PYTEST_WORKERS", "auto")


def xdist_args(posargs: list[str]) -> list[str]:
    """`-n WORKERS --dist loadgroup` unless the caller chose workers (or turned xdist off) already."""
    chosen = any(a.startswith(("-n", "--numprocesses", "--dist")) for a in posargs)
    if chosen or "no:xdist" in posargs or PYTEST_WORKERS in ("0", "1"):
        return []
    return ["-n", PYTEST_WORKERS, "--dist", "loadgroup"]


@nox.session
def tests(session: nox.Session) -> None:
    """The whole pytest suite under tests/ (slow tests included)."""
    install_kit(session, "test")
    if uses_uv(session):  # uv venvs have no pip; tests/generated/test_package.py builds a wheel with it
        session.install(*group("pip"))
    session.run("pytest", *xdist_args(session.posargs), *session.posargs)


# --- fake server and contract suites (added by their owners) ----------------
# fake, contract, contract_http, contract_live, bench: use install_kit(session, ...)
# and keep their logic in scripts/ or contract_tests/.


@nox.session
def fake(session: nox.Session) -> None:
    """The fake as a standalone server: `nox -s fake -- --port 8000 --api-key KEY=ACCOUNT [--fault NAME=VALUE ...]`."""
    install_kit(session)
    session.run("python", "-m", "fireworks_deployments_testing.fake", *session.posargs)


@nox.session
def contract(session: nox.Session) -> None:
    """The main job: spec checks, check_generated, then the contract suite against the in-process fake.

    Thorough seeded `ci` hypothesis profile by default (HYPOTHESIS_PROFILE=fast for a quick run);
    summary on stdout, JUnit XML and reproductions under reports/.
    """
    install_kit(session, "test", "lint-spec", "generate")
    install_node_if_missing(session)
    session.run("python", "scripts/lint_spec.py", "--redocly-dir", str(ROOT / ".nox" / "redocly"))
    session.run("python", "scripts/check_generated.py")
    profile = os.environ.get("HYPOTHESIS_PROFILE", "ci")
    session.run(
        "python",
        "scripts/contract_suite.py",
        *("--target", "inprocess", "--profile", profile, *session.posargs),
        env={AUDIT_CACHE_ENV: "1"},  # the fake checks each cache hit against a fresh answer
    )


@nox.session
def contract_http(session: nox.Session) -> None:
    """The suite over real sockets (standalone target, a fake it starts on 127.0.0.1) plus `st run` (all checks, all phases)."""
    install_kit(session, "test")
    session.run("python", "scripts/contract_http.py", *session.posargs)


@nox.session
def contract_live(session: nox.Session) -> None:
    """The suite against the real API (FIREWORKS_API_KEY, FIREWORKS_ACCOUNT_ID[, FIREWORKS_BASE_URL]); skips cleanly without them.

    `nox -s contract_live -- --as-live` runs the live target against a local fake through the same variables.
    """
    install_kit(session, "test")
    if "--as-live" in session.posargs:
        session.run(
            "python",
            "scripts/contract_http.py",
            "--as-live",
            "--no-cli",
            *[a for a in session.posargs if a != "--as-live"],
        )
    else:
        session.run("python", "scripts/contract_suite.py", "--target", "live", *session.posargs)


BENCH_NPM = ROOT / ".nox" / "bench-npm"  # Prism, installed with npm for the bench only
PRISM_CLI = "@stoplight/prism-cli@5.16.0"


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks (issue #6) into reports/bench.{json,md,png}; `nox -s bench -- --quick` for a tiny run."""
    install_kit(session, "bench")
    prism = BENCH_NPM / "node_modules" / ".bin" / "prism"
    if not prism.exists():
        if shutil.which("npm") is None:
            session.warn("npm not found: the Prism rows are skipped")
        else:
            session.run(
                "npm",
                "install",
                "--prefix",
                str(BENCH_NPM),
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                PRISM_CLI,
                external=True,
            )
    session.env["BENCH_PRISM"] = str(prism)
    session.run("python", "-m", "scripts.bench", *session.posargs)


@nox.session
def consumer(session: nox.Session) -> None:
    """The built wheels in fresh virtualenvs outside the repository, in a project with its own contract_tests/,
    under pytest 8 and 9 (`nox -s consumer -- --pytest 8.4.2`)."""
    quiet_pip(session)
    session.install(*group("build"))
    session.run("python", "scripts/consumer_project.py", *session.posargs)
