"""1. Client overhead per call over ``httpx.MockTransport`` (no network).

Sides, run alternately batch by batch in one process:
  floor     raw ``httpx.Client`` + ``json.loads`` of the same bytes
  ours      the generated client (``fireworks_deployments_client``), ``<op>.sync(...)``
  facade    (informative) the hand-written facade ``fireworks_deployments.DeploymentsClient``
            (typed errors, retry transport) on the same transport, where the package ships it
  official  the official SDK (``fireworks-ai``), ``client.deployments.<op>(...)``, given the same
            MockTransport through its ``http_client=`` argument (only where it is installed)

Operations: get (one full deployment), create (the spec's "sized" request example, answered by the
spec's CreatingDeployment example) and list (one page of 50 full deployments).
Bodies come from the spec (every property of Deployment filled), so all sides parse the same bytes.
"""

from __future__ import annotations

import cProfile
import gc
import importlib
import io
import json
import pstats
import time
from collections.abc import Callable
from typing import Any

import httpx

from fireworks_deployments_testing.rules.spec import load_spec

from .common import (
    ACCOUNT,
    API_KEY,
    BASE_URL,
    Settings,
    full_deployment,
    named_example,
    short_path,
    stats,
    to_snake_params,
)

OPS = ("get", "create", "list50")
TARGETS = {"get": 1.15, "list50": 1.8}  # ours / floor (issue 12 point 5; issue 6 had 1.3 and 3.0)
DEPLOYMENT_ID = "bench-0"


def payloads(spec: dict[str, Any]) -> dict[str, Any]:
    create_media = spec["paths"]["/v1/accounts/{account_id}/deployments"]["post"]["requestBody"]["content"]
    create_body = create_media["application/json"]["examples"]["sized"]["value"]
    one = full_deployment(spec, 0)
    page = {
        "deployments": [full_deployment(spec, i) for i in range(50)],
        "nextPageToken": "bench-next-page-token",
        "totalSize": 1000,
    }
    return {
        "create_body": create_body,
        "responses": {
            "get": json.dumps(one).encode(),
            "create": json.dumps(named_example(spec, "CreatingDeployment")).encode(),
            "list50": json.dumps(page).encode(),
        },
    }


def mock_transport(responses: dict[str, bytes]) -> httpx.MockTransport:
    headers = {"content-type": "application/json"}
    get_body, create_body, list_body = responses["get"], responses["create"], responses["list50"]

    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            return httpx.Response(200, content=create_body, headers=headers)
        if request.url.path.endswith("/deployments"):
            return httpx.Response(200, content=list_body, headers=headers)
        return httpx.Response(200, content=get_body, headers=headers)

    return httpx.MockTransport(handler)


def floor_side(transport: httpx.MockTransport, create_body: dict[str, Any]) -> dict[str, Callable[[], Any]]:
    http = httpx.Client(transport=transport, base_url=BASE_URL, headers={"Authorization": f"Bearer {API_KEY}"})
    base = f"/v1/accounts/{ACCOUNT}/deployments"

    def get() -> Any:
        return json.loads(http.get(f"{base}/{DEPLOYMENT_ID}").content)

    def create() -> Any:
        return json.loads(http.post(base, json=create_body).content)

    def list50() -> Any:
        return json.loads(http.get(base, params={"pageSize": 50}).content)

    return {"get": get, "create": create, "list50": list50}


def ours_side(
    transport: httpx.MockTransport, create_body: dict[str, Any], package: str = "fireworks_deployments_client"
) -> dict[str, Callable[[], Any]] | None:
    try:
        root = importlib.import_module(package)
        ops = importlib.import_module(f"{package}.api.deployments")
        models = importlib.import_module(f"{package}.models")
    except ImportError:
        return None
    AuthenticatedClient, Deployment = root.AuthenticatedClient, models.Deployment  # noqa: N806
    create_deployment, get_deployment, list_deployments = (
        importlib.import_module(f"{ops.__name__}.{m}")
        for m in ("create_deployment", "get_deployment", "list_deployments")
    )
    client = AuthenticatedClient(base_url=BASE_URL, token=API_KEY)
    client.set_httpx_client(
        httpx.Client(transport=transport, base_url=BASE_URL, headers={"Authorization": f"Bearer {API_KEY}"})
    )
    body = Deployment.from_dict(create_body)  # the caller's data, built once like the other sides' dicts

    def get() -> Any:
        return get_deployment.sync(ACCOUNT, DEPLOYMENT_ID, client=client)

    def create() -> Any:
        return create_deployment.sync(ACCOUNT, client=client, body=body)

    def list50() -> Any:
        return list_deployments.sync(ACCOUNT, client=client, page_size=50)

    return {"get": get, "create": create, "list50": list50}


def facade_side(transport: httpx.MockTransport, create_body: dict[str, Any]) -> dict[str, Callable[[], Any]] | None:
    try:
        from fireworks_deployments_client.models import Deployment

        from fireworks_deployments import DeploymentsClient
    except ImportError:
        return None
    client = DeploymentsClient(api_key=API_KEY, account_id=ACCOUNT, base_url=BASE_URL, transport=transport)
    body = Deployment.from_dict(create_body)

    def get() -> Any:
        return client.get(DEPLOYMENT_ID)

    def create() -> Any:
        return client.create(body)

    def list50() -> Any:
        return client.list(page_size=50)

    return {"get": get, "create": create, "list50": list50}


def official_side(transport: httpx.MockTransport, create_kwargs: dict[str, Any]) -> dict[str, Callable[[], Any]] | None:
    try:
        from fireworks import Fireworks
    except ImportError:
        return None
    sdk = Fireworks(
        api_key=API_KEY,
        account_id=ACCOUNT,
        base_url=BASE_URL,
        max_retries=0,
        http_client=httpx.Client(transport=transport, base_url=BASE_URL),
    )

    def get() -> Any:
        return sdk.deployments.get(DEPLOYMENT_ID, account_id=ACCOUNT)

    def create() -> Any:
        return sdk.deployments.create(account_id=ACCOUNT, **create_kwargs)

    def list50() -> Any:
        # the page object is parsed eagerly; reading .deployments touches every item like the other sides
        page = sdk.deployments.list(account_id=ACCOUNT, page_size=50)
        return page.deployments

    return {"get": get, "create": create, "list50": list50}


def _check(sides: dict[str, dict[str, Callable[[], Any]]]) -> None:
    """Every side must really have parsed a full answer (guards against a silently failing call)."""
    for name, fns in sides.items():
        for op, fn in fns.items():
            out = fn()
            if name in ("ours", "facade"):
                if out is None or type(out).__name__ == "ErrorStatus":
                    raise RuntimeError(f"generated client returned {out!r} for {op}")
                if op == "list50" and len(out.deployments) != 50:
                    raise RuntimeError("generated client did not parse 50 deployments")
            if name == "official" and op == "list50" and len(out) != 50:
                raise RuntimeError("official SDK did not parse 50 deployments")


def _batch(fn: Callable[[], Any], calls: int) -> float:
    """Seconds per call over one batch."""
    gc.collect()
    t0 = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - t0) / calls


def _profile(fn: Callable[[], Any], calls: int) -> dict[tuple[str, int, str], tuple[float, float]]:
    """cProfile of ``calls`` calls: function -> (calls per call, own µs per call)."""
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(calls):
        fn()
    prof.disable()
    st = pstats.Stats(prof, stream=io.StringIO())
    raw = st.stats  # type: ignore[attr-defined]
    return {key: (nc / calls, tt / calls * 1e6) for key, (_cc, nc, tt, _ct, _callers) in raw.items()}


def profile_extra(ours: Callable[[], Any], floor: Callable[[], Any], calls: int, top: int = 12) -> dict[str, Any]:
    """Where ours spends time that the floor does not: per function, ours' own time minus the floor's."""
    mine, base = _profile(ours, calls), _profile(floor, calls)
    total_mine = sum(v[1] for v in mine.values())
    total_base = sum(v[1] for v in base.values())
    rows: list[dict[str, Any]] = []
    for key, (nc, tt) in mine.items():
        b_nc, b_tt = base.get(key, (0.0, 0.0))
        file, line, func = key
        rows.append(
            {
                "function": func,
                "where": f"{_short(file)}:{line}",
                "calls_per_call": nc,
                "floor_calls_per_call": b_nc,
                "own_us_per_call": tt,
                "extra_us_per_call": tt - b_tt,
            }
        )
    rows.sort(key=lambda r: r["extra_us_per_call"], reverse=True)
    return {"profiled_us_per_call": {"ours": total_mine, "floor": total_base}, "top_extra": rows[:top]}


def model_building(responses: dict[str, bytes], settings: Settings) -> dict[str, Any]:
    """Time of the generated models' ``from_dict`` alone on already-decoded JSON (µs per call): how much of
    ours-minus-floor is building model objects rather than the request plumbing around them."""
    from fireworks_deployments_client.models import Deployment, ListDeploymentsResponse

    one = json.loads(responses["get"])
    page = json.loads(responses["list50"])
    fns = {"get": lambda: Deployment.from_dict(one), "list50": lambda: ListDeploymentsResponse.from_dict(page)}
    calls = {"get": 20, "list50": 3} if settings.quick else {"get": 2000, "list50": 60}
    out = {}
    for op, fn in fns.items():
        _batch(fn, calls[op])
        out[op] = stats(_batch(fn, calls[op]) * 1e6 for _ in range(settings.repeats))
    return out


def _short(path: str) -> str:
    return short_path(path)


def run(settings: Settings) -> dict[str, Any]:
    spec = load_spec()
    data = payloads(spec)
    transport = mock_transport(data["responses"])
    create_kwargs = to_snake_params(spec, data["create_body"], spec["components"]["schemas"]["Deployment"])
    sides: dict[str, dict[str, Callable[[], Any]]] = {"floor": floor_side(transport, data["create_body"])}
    missing = []
    for name, build in (("ours", ours_side), ("facade", facade_side), ("official", official_side)):
        arg = create_kwargs if name == "official" else data["create_body"]
        fns = build(transport, arg)
        if fns is None:
            missing.append(name)
        else:
            sides[name] = fns
    return _measure(settings, sides, data, missing)


def _measure(
    settings: Settings, sides: dict[str, dict[str, Callable[[], Any]]], data: dict[str, Any], missing: list[str]
) -> dict[str, Any]:
    _check(sides)

    calls = {"get": 20, "create": 20, "list50": 3} if settings.quick else {"get": 400, "create": 400, "list50": 30}
    repeats = settings.repeats if settings.quick else 15
    results: dict[str, Any] = {
        "ops": {},
        "missing_sides": missing,
        "response_bytes": {op: len(b) for op, b in data["responses"].items()},
    }
    for op in OPS:
        samples: dict[str, list[float]] = {name: [] for name in sides}
        for name in sides:  # warm-up
            _batch(sides[name][op], calls[op])
        for rep in range(repeats):
            order = list(sides) if rep % 2 == 0 else list(reversed(sides))
            for name in order:
                samples[name].append(_batch(sides[name][op], calls[op]) * 1e6)  # µs per call
        per_side = {name: stats(vals) for name, vals in samples.items()}
        row: dict[str, Any] = {"us_per_call": per_side, "calls_per_batch": calls[op], "batches": repeats}
        # ratios: median over repetitions of the ratio of two batches run back to back (robust to drift)
        paired = {}
        pairs = (
            ("ours", "floor"),
            ("official", "floor"),
            ("ours", "official"),
            ("facade", "floor"),
        )
        for a, b in pairs:
            if a in samples and b in samples:
                paired[f"{a}_over_{b}"] = stats(x / y for x, y in zip(samples[a], samples[b], strict=True))
                row[f"{a}_over_{b}"] = paired[f"{a}_over_{b}"]["median"]
            else:
                row[f"{a}_over_{b}"] = None
        row["ratio_spread"] = paired
        target = TARGETS.get(op)
        row["target_ours_over_floor"] = target
        if row["ours_over_floor"] is not None:
            ok = target is None or row["ours_over_floor"] <= target
            ok_sdk = row["ours_over_official"] is None or row["ours_over_official"] <= 1.0
            row["met"] = bool(ok and ok_sdk)
        results["ops"][op] = row

    if "ours" in sides:
        results["model_building"] = model_building(data["responses"], settings)
        n = 5 if settings.quick else 200
        results["profile_ours"] = {
            op: profile_extra(sides["ours"][op], sides["floor"][op], n if op != "list50" else max(2, n // 10))
            for op in ("get", "list50")
        }
    return results
