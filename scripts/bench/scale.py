"""4. Scale: iterate every deployment of a fake holding 1,000 / 10,000 / 100,000 of them.

The fake runs standalone (its own process, loopback, seeded with the fake's ``seed_deployments``) so
that ``tracemalloc`` in this process sees only the client. The client side runs in a fresh process of its
own too (``python -m scripts.bench.scale --count N``, one per size): in the process that ran the other
benchmarks first, their leftovers (~240,000 objects the cyclic GC tracks) made every full collection the
paginator's allocations trigger cost ~175 ms instead of ~14 ms, and the number of those collections is a
step function of the walk's length (0 in 50 pages, 5 in 500 there), so the 10,000 -> 100,000 ratio measured
the harness's heap, not the client. Each row records the full collections its timed walks ran. The client side is the paginator of the
hand-written facade (``fireworks_deployments.DeploymentsClient.iter_all``) when the
package ships it, else a loop over the generated ``list_deployments.sync`` passing ``pageToken`` on.

Per size: the time to iterate all (median of repeats), the client's peak traced memory while iterating
(a separate pass, since tracing slows Python down) against the peak of fetching one page, what stays
allocated afterwards, and (up to 10,000) the peak of a walk that runs the cyclic garbage collector
after every page; and the time of one page at the start of the list vs the last page (alternating,
median of repeats).
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from typing import Any

from .common import ACCOUNT, API_KEY, REPO, Settings, free_port, ratio, server_process, stats
from .fake_adapter import fake_available

PAGE_SIZE = 200  # the API's largest page


def _paginator(
    base_url: str,
) -> tuple[str, Callable[[], Iterator[Any]], Callable[[str | None], tuple[int, str | None]], Callable[[], None]]:
    """(kind, iterate_all, fetch_page(token) -> (items, next_token), close)."""
    try:
        from fireworks_deployments import DeploymentsClient
    except ImportError:
        DeploymentsClient = None  # type: ignore[assignment,misc]  # noqa: N806
    if DeploymentsClient is not None:
        client = DeploymentsClient(api_key=API_KEY, account_id=ACCOUNT, base_url=base_url, max_retries=0)

        def iterate() -> Iterator[Any]:
            return iter(client.iter_all(page_size=PAGE_SIZE))

        def page(token: str | None) -> tuple[int, str | None]:
            resp = client.list(page_size=PAGE_SIZE, page_token=token)
            return len(resp.deployments or []), (resp.next_page_token or None)

        return "fireworks_deployments.DeploymentsClient.iter_all", iterate, page, client.close

    from fireworks_deployments_client import AuthenticatedClient
    from fireworks_deployments_client.api.deployments import list_deployments
    from fireworks_deployments_client.types import UNSET

    gen = AuthenticatedClient(base_url=base_url, token=API_KEY)

    def gen_page(token: str | None) -> tuple[int, str | None]:
        resp = list_deployments.sync(
            ACCOUNT, client=gen, page_size=PAGE_SIZE, page_token=token if token is not None else UNSET
        )
        items = resp.deployments or []  # type: ignore[union-attr]
        return len(items), (resp.next_page_token or None)  # type: ignore[union-attr]

    def gen_iterate() -> Iterator[Any]:
        token: str | None = None
        while True:
            resp = list_deployments.sync(
                ACCOUNT, client=gen, page_size=PAGE_SIZE, page_token=token if token is not None else UNSET
            )
            yield from resp.deployments or []  # type: ignore[union-attr]
            token = resp.next_page_token or None  # type: ignore[union-attr]
            if not token:
                return

    return "generated list_deployments.sync loop", gen_iterate, gen_page, lambda: gen.get_httpx_client().close()


def _count(iterate: Callable[[], Iterator[Any]]) -> int:
    n = 0
    for _ in iterate():
        n += 1
    return n


def _walk(page: Callable[[str | None], tuple[int, str | None]]) -> tuple[str | None, int, int]:
    """Fetch page after page: (token of the last page, pages, deployments seen)."""
    token, pages, seen = None, 0, 0
    while True:
        n, nxt = page(token)
        pages += 1
        seen += n
        if not nxt:
            return token, pages, seen
        token = nxt


def _traced_peak(fn: Callable[[], Any]) -> tuple[Any, int, int]:
    """(result, peak traced bytes, bytes still traced afterwards once garbage is collected)."""
    gc.collect()
    tracemalloc.start()
    try:
        out = fn()
        _current, peak = tracemalloc.get_traced_memory()
        gc.collect()
        retained, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return out, peak, retained


def _walk_collecting(page: Callable[[str | None], tuple[int, str | None]]) -> int:
    """Like ``_walk`` but runs the cyclic garbage collector after every page (diagnostic only)."""
    token, seen = None, 0
    while True:
        n, token = page(token)
        seen += n
        gc.collect()
        if not token:
            return seen


def measure_size(count: int, settings: Settings, time_budget: float) -> dict[str, Any]:
    port = free_port()
    cmd = [sys.executable, "-m", "scripts.bench.fake_adapter", "--port", str(port), "--seed-count", str(count)]
    with server_process(cmd, port, timeout=300):
        kind, iterate, page, close = _paginator(f"http://127.0.0.1:{port}")
        try:
            last, pages, walked = _walk(page)  # warm-up; finds the last page's token
            if walked != count:
                raise RuntimeError(f"paging saw {walked} deployments, not {count}")
            reps = 1 if settings.quick else (5 if count <= 1_000 else 3)
            times: list[float] = []
            full_collections: list[int] = []
            gc.collect()
            tracked_objects = len(gc.get_objects())  # what each full collection of this process walks
            started = time.perf_counter()
            for _ in range(reps):
                gc.collect()
                before = gc.get_stats()[2]["collections"]
                t0 = time.perf_counter()
                _count(iterate)
                times.append(time.perf_counter() - t0)
                full_collections.append(gc.get_stats()[2]["collections"] - before)
                if time.perf_counter() - started > time_budget:
                    break
            seen, peak_all, retained = _traced_peak(lambda: _count(iterate))
            if seen != count:
                raise RuntimeError(f"the paginator saw {seen} deployments, not {count}")
            _, peak_page, _ = _traced_peak(lambda: page(None))
            # Diagnostic: the same walk with the cyclic GC run after every page (httpx 0.28.1 keeps each
            # Response in a reference cycle with its stream, so page bodies wait for the collector).
            peak_gc = _traced_peak(lambda: _walk_collecting(page))[1] if count <= 10_000 else None
            first_t: list[float] = []
            last_t: list[float] = []
            for _ in range(3 if settings.quick else 15):
                for token, sink in ((None, first_t), (last, last_t)):
                    t0 = time.perf_counter()
                    page(token)
                    sink.append(time.perf_counter() - t0)
        finally:
            close()
    return {
        "count": count,
        "paginator": kind,
        "page_size": PAGE_SIZE,
        "pages": pages,
        "iterate_all_s": stats(times),
        "per_deployment_us": stats(t / count * 1e6 for t in times),
        "client_gc_tracked_objects": tracked_objects,
        "client_gc_full_collections_per_walk": full_collections,
        "peak_traced_bytes_iterate_all": peak_all,
        "peak_traced_bytes_one_page": peak_page,
        "memory_all_over_page": peak_all / peak_page if peak_page else None,
        "retained_traced_bytes_after": retained,
        "peak_traced_bytes_gc_every_page": peak_gc,
        "first_page_ms": stats(t * 1000 for t in first_t),
        "last_page_ms": stats(t * 1000 for t in last_t),
        "seen_in_traced_pass": seen,
    }


def measure_size_isolated(count: int, settings: Settings, time_budget: float) -> dict[str, Any]:
    """``measure_size`` in a fresh interpreter (see the module docstring: the GC cost of this process's heap)."""
    cmd = [sys.executable, "-m", "scripts.bench.scale", "--count", str(count), "--time-budget", str(time_budget)]
    if settings.quick:
        cmd.append("--quick")
    proc = subprocess.run(
        cmd, cwd=REPO, capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL, timeout=900
    )
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-1:] or [f"exit status {proc.returncode}"]
        raise RuntimeError(f"the client process failed: {tail[0]}")
    row: dict[str, Any] = json.loads(proc.stdout)
    return row


def run(settings: Settings) -> dict[str, Any]:
    if not fake_available():
        return {
            "notes": {"fake": "fireworks_deployments_testing.fake is not importable here: no scale rows"},
            "sizes": {},
        }
    sizes = (300, 1_000) if settings.quick else (1_000, 10_000, 100_000)
    out: dict[str, Any] = {"sizes": {}, "notes": {}}
    for count in sizes:
        try:
            out["sizes"][str(count)] = measure_size_isolated(count, settings, time_budget=20 if settings.quick else 150)
        except Exception as exc:  # report, do not abort the whole run
            out["notes"][str(count)] = f"{type(exc).__name__}: {exc}"
    s = out["sizes"]
    lo, hi = (str(sizes[-2]), str(sizes[-1]))
    if lo in s and hi in s:
        growth = ratio(s[hi]["iterate_all_s"], s[lo]["iterate_all_s"])
        factor = sizes[-1] / sizes[-2]
        out["growth"] = {
            "from": int(lo),
            "to": int(hi),
            "time_ratio": growth,
            "size_ratio": factor,
            "target": 1.2 * factor,
            "met": growth is not None and growth <= 1.2 * factor,
        }
    for row in s.values():
        row["last_over_first_page"] = ratio(row["last_page_ms"], row["first_page_ms"])
        row["last_page_met"] = row["last_over_first_page"] is not None and row["last_over_first_page"] <= 2.0
        row["memory_met"] = row["memory_all_over_page"] is not None and row["memory_all_over_page"] <= 2.0
    return out


def main(argv: list[str] | None = None) -> int:
    """The client side of one size, in a process of its own: prints its row as JSON on stdout."""
    p = argparse.ArgumentParser(prog="python -m scripts.bench.scale", description=measure_size_isolated.__doc__)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--time-budget", type=float, default=150.0)
    p.add_argument("--quick", action="store_true")
    a = p.parse_args(argv)
    print(json.dumps(measure_size(a.count, Settings(quick=a.quick), a.time_budget)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
