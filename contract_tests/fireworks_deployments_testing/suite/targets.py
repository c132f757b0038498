"""The target switch: which server the contract suite talks to. Same test code for all three.

Chosen by ``--target`` (pytest option of the suite) or ``CONTRACT_TARGET``:

* ``inprocess`` (default): a fresh ``fireworks_deployments_testing.fake.Fake`` as an ASGI app, no sockets.
* ``standalone``: any server at ``FIREWORKS_BASE_URL`` (CI: the fake on 127.0.0.1). Key and
  account from ``FIREWORKS_API_KEY`` / ``FIREWORKS_ACCOUNT_ID``, defaulting to the fake's.
  If the server has the fake's ``/_fake`` control surface it is reset between tests.
* ``live``: the real API. Needs ``FIREWORKS_API_KEY`` and ``FIREWORKS_ACCOUNT_ID``;
  ``FIREWORKS_BASE_URL`` defaults to https://api.fireworks.ai. Read-only unless
  ``CONTRACT_ALLOW_MUTATIONS=1``: only GET operations plus createDeployment with
  ``validateOnly=true`` run, and a guard refuses anything else before it is sent. With
  mutations on, created ids start with ``ct-`` and every ``ct-`` deployment this run created
  is hard-deleted at the end, also when tests fail (session finalizer + atexit).

The API key is never printed: ``Target.__repr__`` and ``mask()`` replace it, and the suite's
conftest masks it in every test report (and so in JUnit XML).
"""

from __future__ import annotations

import atexit
import functools
import os
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx

from ..rules.credentials import DEFAULT_ACCOUNT_ID, DEFAULT_API_KEY

if TYPE_CHECKING:  # annotations only: masking and cleanup must not load schemathesis
    from schemathesis import Response
    from schemathesis.specs.openapi.schemas import OpenApiSchema

    from .registry import OpenApiCase

__all__ = [
    "TARGETS",
    "PRODUCTION_BASE_URL",
    "CREATED_PREFIX",
    "Target",
    "TargetUnavailable",
    "current",
    "from_env",
    "active_guard",
    "mask",
]

TARGETS = ("inprocess", "standalone", "live")
PRODUCTION_BASE_URL = "https://api.fireworks.ai"
CREATED_PREFIX = "ct-"
MASK = "***"


class TargetUnavailable(RuntimeError):
    """The chosen target cannot run here; the message is the ONE line telling what to set."""


class MutationRefused(RuntimeError):
    """A request the read-only live target must not send."""


@dataclass
class Target:
    name: str
    api_key: str = field(repr=False)
    account_id: str
    base_url: str | None = None
    fake: Any = None  # fireworks_deployments_testing.fake.Fake for inprocess
    mutations: bool = True
    controllable: bool = False  # a fake with /_fake control endpoints
    created: set[str] = field(default_factory=set)

    def __repr__(self) -> str:
        return f"Target(name={self.name!r}, base_url={self.base_url!r}, account_id={self.account_id!r}, api_key={MASK!r}, mutations={self.mutations})"

    # -- wiring -----------------------------------------------------------------------------

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"}

    @property
    def read_only(self) -> bool:
        return self.name == "live" and not self.mutations

    def configure(self, schema: OpenApiSchema) -> OpenApiSchema:
        """Point a schemathesis schema at this target (ASGI app or base URL) with its auth header."""
        if self.fake is not None:
            from . import inprocess

            schema.app = inprocess.asgi_app(self.fake)
            schema.config.update(headers=self.headers)
        else:
            schema.config.update(base_url=self.base_url, headers=self.headers)
        return schema

    def http(self) -> httpx.Client:
        """An httpx client for this target (in-process through the ASGI app)."""
        if self.fake is not None:
            from . import inprocess

            return inprocess.http_client(self.fake)
        return httpx.Client(base_url=self.base_url or "", headers=self.headers, timeout=30)

    # -- fake control ---------------------------------------------------------------------------

    def _control(self, path: str, body: dict[str, Any]) -> None:
        with httpx.Client(base_url=self.base_url or "", timeout=10) as client:
            client.post(path, json=body).raise_for_status()

    def reset(self) -> None:
        if self.fake is not None:
            self.fake.reset()
        elif self.controllable:
            self._control("/_fake/reset", {})

    def set_transition(self, rule: str) -> None:
        if self.fake is not None:
            self.fake.set_transition(rule)
        elif self.controllable:
            self._control("/_fake/transitions", {"rule": rule})

    def set_faults(self, faults: dict[str, Any]) -> None:
        if self.fake is not None:
            self.fake.set_faults(faults, replace=True)
        elif self.controllable:
            with httpx.Client(base_url=self.base_url or "", timeout=10) as client:
                client.post("/_fake/faults", params={"replace": "true"}, json=faults).raise_for_status()
        else:
            raise TargetUnavailable(f"target {self.name} has no fault switches")

    # -- live safety ----------------------------------------------------------------------------

    def prepare(self, case: OpenApiCase) -> None:
        """Make a generated case safe for this target before it is sent (live only)."""
        if self.name != "live":
            return
        if case.method.upper() == "POST" and case.operation.path.endswith("/deployments"):
            query = dict(case.query or {})
            if self.read_only:
                query["validateOnly"] = "true"
            deployment_id = query.get("deploymentId")
            if not (isinstance(deployment_id, str) and deployment_id.startswith(CREATED_PREFIX)):
                query["deploymentId"] = f"{CREATED_PREFIX}{secrets.token_hex(4)}"
            case.query = query

    def allows(self, method: str, path: str, query: dict[str, Any]) -> bool:
        """Whether this target may receive the request (read-only live: reads and dry-run creates only)."""
        if not self.read_only or method.upper() in ("GET", "HEAD", "OPTIONS"):
            return True
        return (
            method.upper() == "POST"
            and path.rstrip("/").endswith("/deployments")
            and str(query.get("validateOnly")).lower() == "true"
        )

    def guard(self, method: str, path: str, query: dict[str, Any]) -> None:
        """Refuse a request the target must not receive (raises MutationRefused)."""
        if self.allows(method, path, query):
            return
        raise MutationRefused(
            f"live target is read-only (set CONTRACT_ALLOW_MUTATIONS=1 to allow): refused {method} {path}"
        )

    def remember(self, case: OpenApiCase, response: Response) -> None:
        """Track what a live run created, for cleanup."""
        if self.name != "live" or case.method.upper() != "POST" or response.status_code != 200:
            return
        try:
            name = response.json().get("name", "")
        except Exception:
            return
        deployment_id = name.rsplit("/", 1)[-1] if isinstance(name, str) else ""
        if deployment_id.startswith(CREATED_PREFIX) and str((case.query or {}).get("validateOnly")).lower() != "true":
            self.created.add(deployment_id)

    def cleanup(self) -> list[str]:
        """Hard-delete every ``ct-`` deployment this run created; returns problems (masked), never raises."""
        problems: list[str] = []
        if not self.created:
            return problems
        with self.http() as client:
            for deployment_id in sorted(self.created):
                path = f"/v1/accounts/{self.account_id}/deployments/{deployment_id}"
                try:
                    answer = client.delete(path, params={"hard": "true", "ignoreChecks": "true"})
                    if answer.status_code not in (200, 404):
                        problems.append(
                            f"cleanup of {deployment_id}: {answer.status_code} {mask(answer.text[:200], self.api_key)}"
                        )
                    else:
                        self.created.discard(deployment_id)
                except httpx.HTTPError as exc:
                    problems.append(f"cleanup of {deployment_id}: {mask(str(exc), self.api_key)}")
        return problems


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


def _has_control(base_url: str) -> bool:
    try:
        return httpx.get(base_url.rstrip("/") + "/_fake/health", timeout=5).status_code == 200
    except httpx.HTTPError:
        return False


def from_env(name: str | None = None, env: dict[str, str] | None = None) -> Target:
    """Build the target named ``name`` (default ``$CONTRACT_TARGET`` or ``inprocess``) from the environment."""
    env = dict(os.environ if env is None else env)
    name = (name or env.get("CONTRACT_TARGET") or "inprocess").strip().lower()
    if name not in TARGETS:
        raise TargetUnavailable(f"CONTRACT_TARGET={name!r} is not one of {', '.join(TARGETS)}")
    if name == "inprocess":
        from . import inprocess

        fake = inprocess.new_fake(transition="immediate")
        return Target(
            "inprocess", fake.api_key, fake.account_id, base_url="http://testserver", fake=fake, controllable=True
        )
    if name == "standalone":
        base_url = env.get("FIREWORKS_BASE_URL")
        if not base_url:
            raise TargetUnavailable(
                "standalone target skipped: set FIREWORKS_BASE_URL (and FIREWORKS_API_KEY, FIREWORKS_ACCOUNT_ID unless the fake's defaults)"
            )
        return Target(
            "standalone",
            env.get("FIREWORKS_API_KEY") or DEFAULT_API_KEY,
            env.get("FIREWORKS_ACCOUNT_ID") or DEFAULT_ACCOUNT_ID,
            base_url=base_url.rstrip("/"),
            controllable=_has_control(base_url),
        )
    key, account = env.get("FIREWORKS_API_KEY"), env.get("FIREWORKS_ACCOUNT_ID")
    if not key or not account:
        raise TargetUnavailable(
            "live target skipped: set FIREWORKS_API_KEY and FIREWORKS_ACCOUNT_ID (optional FIREWORKS_BASE_URL, CONTRACT_ALLOW_MUTATIONS=1)"
        )
    target = Target(
        "live",
        key,
        account,
        base_url=(env.get("FIREWORKS_BASE_URL") or PRODUCTION_BASE_URL).rstrip("/"),
        mutations=_truthy(env.get("CONTRACT_ALLOW_MUTATIONS")),
    )
    atexit.register(target.cleanup)
    return target


@functools.cache
def current() -> Target:
    """The target of this process (raises TargetUnavailable with the one line to show)."""
    target = from_env()
    # schemathesis.toml pins path.account_id to ${CONTRACT_ACCOUNT_ID}: the key's own account.
    os.environ["CONTRACT_ACCOUNT_ID"] = target.account_id
    return target


def active_guard() -> Target | None:
    """The live target when one is active in this process (hooks make its cases safe), else None."""
    if current.cache_info().currsize == 0:
        return None
    try:
        target = current()
    except TargetUnavailable:
        return None
    return target if target.name == "live" else None


def mask(text: str, *keys: str) -> str:
    """The one secret masker: ``keys``, FIREWORKS_API_KEY and the active target's API key become ``***``."""
    for key in {
        *keys,
        os.environ.get("FIREWORKS_API_KEY") or "",
        *([current().api_key] if current.cache_info().currsize else []),
    }:
        if key:
            text = text.replace(key, MASK)
    return text
