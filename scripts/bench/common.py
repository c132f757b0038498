"""Shared pieces of the benchmarks: run settings, statistics, machine facts, free ports, spec samples.

Every figure in the report is ``{"median", "min", "max", "n"}`` over repeated runs taken
after a warm-up; the sides of a comparison are run alternately (A, B, A, B, ...).
"""

from __future__ import annotations

import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from fireworks_deployments_testing.rules.fields import camel_to_snake
from fireworks_deployments_testing.rules.spec import SPEC_PATH

REPO = Path(__file__).resolve().parents[2]
SPEC = SPEC_PATH  # openapi/deployments.yaml (through the kit, which reads and caches it: load_spec)
ACCOUNT = "bench-account"
ONE_CORE = "1, one core"  # the load-generator ceiling with both processes on CPU 0
API_KEY = "bench-key"
BASE_URL = "https://bench.invalid"  # never resolved: in-memory transports only


@dataclass(frozen=True)
class Settings:
    """How hard each benchmark works. ``quick`` is for tests: tiny sizes, few repetitions."""

    quick: bool = False

    @property
    def repeats(self) -> int:
        return 2 if self.quick else 7


def stats(samples: Iterable[float]) -> dict[str, float]:
    values = [float(v) for v in samples]
    if not values:
        return {"median": float("nan"), "min": float("nan"), "max": float("nan"), "n": 0}
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def ratio(a: dict[str, float] | None, b: dict[str, float] | None) -> float | None:
    """Ratio of two medians (None when a side is missing)."""
    if not a or not b or not b.get("n") or not a.get("n") or not b["median"]:
        return None
    return a["median"] / b["median"]


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, round(q * (len(sorted_values) - 1))))
    return sorted_values[k]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, timeout: float, proc: subprocess.Popen[Any] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server process exited with {proc.returncode} before listening on {port}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listening on 127.0.0.1:{port} after {timeout:.0f}s")


@contextmanager
def server_process(
    cmd: list[str], port: int, *, timeout: float = 60.0, env: dict[str, str] | None = None, log: Path | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """Start a server process, wait until its port accepts connections, stop it afterwards."""
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port, timeout, proc)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if log:
            out.close()  # type: ignore[union-attr]


def version_of(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def cpu_idle() -> str | None:
    """How an idle CPU waits, when Linux says: on a VM, whether a halted vCPU polls before the host parks it.

    With guest halt polling off (``guest_halt_poll_ns`` 0) every wake-up of an idle vCPU goes through the
    hypervisor, which is what a one-connection round trip between two processes mostly costs.
    """
    base = Path("/sys/devices/system/cpu/cpuidle")
    try:
        driver = (base / "current_driver").read_text().strip()
    except OSError:
        return None
    poll = Path("/sys/module/haltpoll/parameters/guest_halt_poll_ns")
    try:
        return f"{driver}, guest_halt_poll_ns = {poll.read_text().strip()}"
    except OSError:
        return driver


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    try:
        commit = (
            subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, check=False
            ).stdout.strip()
            or None
        )
    except OSError:
        commit = None
    try:
        load = os.getloadavg()
    except OSError:
        load = None
    return {
        "platform": platform.platform(),
        "cpu": cpu,
        "nproc": os.cpu_count(),
        "cpu_idle": cpu_idle(),
        "memory": mem,
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "git_commit": commit,
        "loadavg_at_start": load,
        "packages": {
            d: version_of(d)
            for d in (
                "httpx",
                "fireworks-ai",
                "fireworks-deployments-client",
                "schemathesis",
                "hypothesis",
                "starlette",
                "uvicorn",
                "openapi-python-client",
                "matplotlib",
            )
        },
    }


def timed(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


# --- samples drawn from the spec (no field list is written here) -------------------------


def _resolve(spec: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        target: Any = spec
        for part in ref.removeprefix("#/").split("/"):
            target = target[part]
        merged = {k: v for k, v in node.items() if k != "$ref"}
        node = {**target, **merged} if merged and isinstance(target, dict) else target
    return node


def first_example(spec: dict[str, Any], media: dict[str, Any]) -> Any:
    """The first example of a media-type object (``example`` or ``examples``)."""
    if "example" in media:
        return media["example"]
    examples = media.get("examples") or {}
    for ex in examples.values():
        return _resolve(spec, ex)["value"]
    return None


def operation_examples(spec: dict[str, Any]) -> dict[tuple[str, str], tuple[int, Any]]:
    """``(METHOD, path) -> (status, body)`` of the first documented success example of each operation."""
    out: dict[tuple[str, str], tuple[int, Any]] = {}
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            for status, resp in op["responses"].items():
                if not status.startswith("2"):
                    continue
                resp = _resolve(spec, resp)
                media = resp.get("content", {}).get("application/json")
                if media is not None:
                    out[(method.upper(), path)] = (int(status), first_example(spec, media))
                    break
    return out


def named_example(spec: dict[str, Any], name: str) -> Any:
    return spec["components"]["examples"][name]["value"]


_DATE = "2026-11-01T09:30:00Z"


def sample_value(spec: dict[str, Any], schema: dict[str, Any], name: str = "", depth: int = 0) -> Any:
    """A valid value for ``schema`` with every property filled (a "full" object)."""
    schema = _resolve(spec, schema)
    if "examples" in schema and schema.get("type") != "object":
        return schema["examples"][0]
    if "enum" in schema:
        values = [v for v in schema["enum"] if not str(v).endswith("UNSPECIFIED")]
        return (values or schema["enum"])[0]
    kind = schema.get("type")
    if kind == "object":
        props = schema.get("properties", {})
        if props:
            limit = 1 if schema.get("x-one-of") else schema.get("maxProperties")  # a one-of: its first member
            items = list(props.items())[: limit or None]
            return {k: sample_value(spec, v, k, depth + 1) for k, v in items}
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict) and depth < 4:
            return {"default": sample_value(spec, extra, name, depth + 1)}
        return {}
    if kind == "array":
        return [sample_value(spec, schema.get("items", {}), name, depth + 1)]
    if kind == "integer":
        return max(1, int(schema.get("minimum", 1)))
    if kind == "number":
        return 0.5
    if kind == "boolean":
        return True
    if kind == "string":
        if schema.get("format") == "date-time":
            return _DATE
        pattern = schema.get("pattern", "")
        if pattern.startswith("^accounts/"):
            return f"accounts/{ACCOUNT}/deployments/bench-0"
        if pattern.startswith("^[0-9]{1,12}"):
            return "30s"
        if pattern.startswith("^[0-9]{3,6}s"):
            return "600s"
        return f"{name or 'value'}-text"
    return None


def full_deployment(spec: dict[str, Any], index: int = 0) -> dict[str, Any]:
    """A Deployment with every property of the spec's schema set, named ``bench-<index>``."""
    dep = sample_value(spec, spec["components"]["schemas"]["Deployment"])
    dep["name"] = f"accounts/{ACCOUNT}/deployments/bench-{index}"
    dep["state"] = "READY"
    return dep  # type: ignore[no-any-return]


def to_snake_params(spec: dict[str, Any], value: Any, schema: dict[str, Any]) -> Any:
    """camelCase JSON -> snake_case keyword arguments (as the official SDK takes them), following the schema."""
    schema = _resolve(spec, schema)
    if isinstance(value, dict):
        props = schema.get("properties")
        if props:
            return {camel_to_snake(k): to_snake_params(spec, v, props.get(k, {})) for k, v in value.items()}
        extra = schema.get("additionalProperties")
        return {k: to_snake_params(spec, v, extra if isinstance(extra, dict) else {}) for k, v in value.items()}
    if isinstance(value, list):
        return [to_snake_params(spec, v, schema.get("items", {})) for v in value]
    return value


_LIB = re.compile(
    r"^.*(site-packages/|lib/python3\.\d+/|generated/fireworks-deployments-client/|" + re.escape(str(REPO)) + "/)"
)


def short_path(path: str) -> str:
    """A profiler file name without the interpreter's or the checkout's prefix."""
    return _LIB.sub("", path)


def dump(obj: Any) -> str:
    return json.dumps(obj, indent=2, sort_keys=False, default=str)
