"""Turn the results into ``bench.json``, ``bench.md`` (tables) and ``bench.png`` (one chart)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from .client_overhead import TARGETS as CLIENT_TARGETS
from .common import ONE_CORE

OP_LABEL = {"get": "get", "create": "create", "list50": "list (page of 50)", "list1": "list (page of 1)"}


def _f(value: float | None, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def _s(st: dict[str, Any] | None, digits: int = 1) -> str:
    """median (min–max)"""
    if not st or not st.get("n"):
        return "–"
    if st["n"] == 1:
        return _f(st["median"], digits)
    return f"{_f(st['median'], digits)} ({_f(st['min'], digits)}–{_f(st['max'], digits)})"


def _x(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}×"


def _ok(flag: bool | None) -> str:
    return "–" if flag is None else ("met" if flag else "**missed**")


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    co = results.get("client_overhead", {}).get("ops", {})
    for op, limit in CLIENT_TARGETS.items():
        r = co.get(op, {})
        v = r.get("ours_over_floor")
        rows.append(
            {
                "target": f"client {OP_LABEL[op]}: ours ≤ {limit}× floor",
                "value": _x(v),
                "met": None if v is None else v <= limit,
            }
        )
    for op in ("get", "create", "list50"):
        v = co.get(op, {}).get("ours_over_official")
        rows.append(
            {
                "target": f"client {OP_LABEL[op]}: ours never slower than the official SDK",
                "value": _x(v),
                "met": None if v is None else v <= 1.0,
            }
        )
    tp = results.get("throughput", {}).get("rows", {})
    for server, floor in (("fake", 3.0), ("fake-sqlite", 1.5)):  # issue 12: in memory >= 3x, SQLite >= 1.5x
        worst: float | None = None
        where = ""
        for op, by_conc in tp.items():
            for conc, by_srv in by_conc.items():
                v = by_srv.get(server, {}).get("rps_over_prism")
                if v is not None and (worst is None or v < worst):
                    worst, where = v, f"{OP_LABEL.get(op, op)} ×{conc}"
        if worst is not None:
            rows.append(
                {
                    "target": f"{server} ≥ {floor:g}× Prism req/s on every row",
                    "value": f"worst row {_x(worst)} ({where})",
                    "met": worst >= floor,
                }
            )
    cs = results.get("contract_speed", {})
    v = cs.get("fake_over_floor")
    rows.append(
        {
            "target": "contract suite: fake ≥ 0.5× the canned floor (cases/s)",
            "value": _x(v),
            "met": None if v is None else v >= 0.5,
        }
    )
    sc = results.get("scale", {})
    g = sc.get("growth")
    if g:
        rows.append(
            {
                "target": f"scale: {g['to']:,} ≤ {g['target']:.0f}× the {g['from']:,} time",
                "value": _x(g["time_ratio"]),
                "met": g["met"],
            }
        )
    for size, row in sc.get("sizes", {}).items():
        rows.append(
            {
                "target": f"scale {int(size):,}: last page ≤ 2× first",
                "value": _x(row.get("last_over_first_page")),
                "met": row.get("last_page_met"),
            }
        )
        rows.append(
            {
                "target": f"scale {int(size):,}: client memory bounded by a page (peak all / one page ≤ 2)",
                "value": _x(row.get("memory_all_over_page")),
                "met": row.get("memory_met"),
            }
        )
    su = results.get("setup_time", {}).get("commands", {})
    for command, row in su.items():
        rows.append(
            {
                "target": f"set-up: cold fresh clone, {command}: uv faster than pip (time pip ÷ uv)",
                "value": _x(row.get("pip_over_uv")),
                "met": None if row.get("pip_over_uv") is None else row["pip_over_uv"] > 1.0,
            }
        )
    sp = results.get("suite_parallel", {})
    if sp.get("speedup") is not None:
        rows.append(
            {
                "target": f"contract suite: all {sp.get('cores')} cores ≥ {sp['target']}× one core, same cases",
                "value": f"{sp['speedup']:.3f}×" + ("" if sp.get("same_cases") is not False else " (cases differ)"),
                "met": None if sp.get("met") is None else bool(sp["met"] and sp.get("same_cases") is not False),
            }
        )
    return rows


def markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    out: list[str] = []
    w = out.append
    w("# Benchmarks")
    w("")
    w(
        f"Written by `nox -s bench` ({'quick' if results['quick'] else 'full'} run, {results['started']}, "
        f"{results['wall_s']:.0f} s). Figures are medians of repeated runs after a warm-up, with (min–max); "
        "the sides of each comparison ran alternately in the same session."
    )
    w("")
    w(
        f"Machine: {m['cpu']}, `nproc` = {m['nproc']}, {m['memory']} RAM, {m['platform']}, "
        f"{m['implementation']} {m['python']}; load average at start {m['loadavg_at_start']}; commit {m['git_commit']}."
        + (f" CPU idle driver: {m['cpu_idle']}." if m.get("cpu_idle") else "")
    )
    pk = ", ".join(f"{k} {v}" for k, v in m["packages"].items() if v)
    w(f"Packages: {pk}.")
    w("")
    w("## Targets")
    w("")
    w("| target | measured | |")
    w("| --- | --- | --- |")
    for t in targets(results):
        w(f"| {t['target']} | {t['value']} | {_ok(t['met'])} |")
    w("")

    co = results.get("client_overhead")
    if co:
        w("## 1. Client overhead per call (µs, httpx.MockTransport, no network)")
        w("")
        w(
            "Floor = raw `httpx.Client` + `json.loads` of the same bytes; ours = generated "
            "`fireworks_deployments_client` `<op>.sync(...)`; official = `fireworks-ai` SDK on the same transport. "
            f"Batches of calls, {next(iter(co['ops'].values()))['batches']} per side, alternated; a ratio is the "
            "median of the ratios of back-to-back batches."
        )
        w("")
        w(
            "| operation | floor | ours | official | ours/floor | official/floor | ours/official "
            "| facade | facade/floor |"
        )
        w("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for op, r in co["ops"].items():
            u = r["us_per_call"]
            w(
                f"| {OP_LABEL[op]} | {_s(u.get('floor'))} | {_s(u.get('ours'))} | {_s(u.get('official'))} | "
                f"{_x(r['ours_over_floor'])} | {_x(r['official_over_floor'])} | {_x(r['ours_over_official'])} | "
                f"{_s(u.get('facade'))} | {_x(r.get('facade_over_floor'))} |"
            )
        w("")
        w(
            "facade = the hand-written `fireworks_deployments.DeploymentsClient` (typed errors, retry "
            "transport) on the same transport; informative, no target."
        )
        if co.get("missing_sides"):
            w("")
            w(f"Not installed here, so not measured: {', '.join(co['missing_sides'])}.")
        mb = co.get("model_building")
        if mb:
            w("")
            parts = []
            for op, st in mb.items():
                r = co["ops"].get(op, {}).get("us_per_call", {})
                extra = (r["ours"]["median"] - r["floor"]["median"]) if r.get("ours") and r.get("floor") else None
                share = f", {st['median'] / extra * 100:.0f}% of ours − floor" if extra and extra > 0 else ""
                parts.append(f"{OP_LABEL[op]} {_s(st)} µs{share}")
            w("Building the generated models alone (`from_dict` on decoded JSON, no HTTP): " + "; ".join(parts) + ".")
        prof = co.get("profile_ours", {})
        for op, pr in prof.items():
            rows = pr["top_extra"]
            tot = pr["profiled_us_per_call"]
            w("")
            w(
                f"Where ours spends more than the floor, {OP_LABEL[op]} (cProfile; profiled µs/call: ours "
                f"{tot['ours']:.0f}, floor {tot['floor']:.0f}; top {len(rows)} functions by extra own time):"
            )
            w("")
            w("| function | where | calls/call (floor) | own µs/call | extra µs/call |")
            w("| --- | --- | --- | --- | --- |")
            for r in rows:
                w(
                    f"| `{r['function']}` | {r['where']} | {r['calls_per_call']:.0f} "
                    f"({r['floor_calls_per_call']:.0f}) | {r['own_us_per_call']:.1f} | {r['extra_us_per_call']:.1f} |"
                )
        w("")

    tp = results.get("throughput")
    if tp:
        w("## 2. Fake-server throughput over loopback")
        w("")
        w(
            f"One server each (uvicorn, one worker process unless named `-w2`, access log off; "
            f"Prism with `--errors -v warn`), "
            f"load generator in another process; {tp['repeats']} × {tp['duration_s']} s per cell after "
            f"{tp['warmup_s']} s warm-up, servers alternated."
        )
        ceilings = tp.get("loadgen_ceilings") or {"8": tp.get("loadgen_ceiling", {})}
        parts = []
        for conc, ceiling in ceilings.items():
            if ceiling and "rps" in ceiling and conc != ONE_CORE:
                cpu = ceiling.get("loadgen_cpu") or 0
                parts.append(f"{conc} connection(s) {_f(ceiling['rps'])} req/s using {cpu * 100:.0f}% of a core")
        if parts:
            loop = tp.get("loadgen_loop", "asyncio")
            w(f"Load generator ({loop} event loop) against a trivial asyncio server: " + "; ".join(parts) + ".")
        pinned, cross = ceilings.get(ONE_CORE, {}).get("rps"), ceilings.get("1", {}).get("rps")
        if pinned and cross:
            w(
                f"The same one-connection round trip with the generator and the trivial server both on CPU 0: "
                f"{_f(pinned)} req/s, {pinned / cross:.1f}× the rate across two CPUs. A one-connection row "
                "mostly measures waking the other process on the other CPU, a cost every server pays alike."
            )
        w("")
        servers = sorted({s for c in tp["rows"].values() for r in c.values() for s in r})
        w("| operation | clients | server | req/s | p50 ms | p99 ms | vs Prism | vs in-memory | errors |")
        w("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for op, by_conc in tp["rows"].items():
            for conc, by_srv in by_conc.items():
                for srv in servers:
                    r = by_srv.get(srv)
                    if r is None:
                        continue
                    if "failed" in r:
                        w(f"| {OP_LABEL[op]} | {conc} | {srv} | failed: {r['failed']} | | | | | |")
                        continue
                    w(
                        f"| {OP_LABEL[op]} | {conc} | {srv} | {_s(r['rps'], 0)} | {_s(r['p50_ms'], 2)} | "
                        f"{_s(r['p99_ms'], 2)} | {_x(r.get('rps_over_prism'))} | {_x(r.get('rps_over_memory'))} | "
                        f"{r['errors']} |"
                    )
        w("")
        sqlite = [
            f"{OP_LABEL[op]} ×{conc} {_x(by_srv['fake-sqlite']['rps_over_memory'])}"
            for op, by_conc in tp["rows"].items()
            for conc, by_srv in by_conc.items()
            if by_srv.get("fake-sqlite", {}).get("rps_over_memory") is not None
        ]
        if sqlite:
            w(
                "The fake with `--state FILE` (SQLite, WAL) against the same fake in memory, req/s ratio per row: "
                + "; ".join(sqlite)
                + "."
            )
            w("")
        floor = [
            f"{OP_LABEL[op]} ×{conc} {_x(by_srv['fake']['rps_over_empty'])} "
            f"(Prism {_x(by_srv.get('prism', {}).get('rps_over_empty'))})"
            for op, by_conc in tp["rows"].items()
            for conc, by_srv in by_conc.items()
            if by_srv.get("fake", {}).get("rps_over_empty") is not None
        ]
        if floor:
            w(
                "The fake in memory against `uvicorn-empty` (uvicorn answering without doing any work: no server on "
                "uvicorn can pass it), req/s ratio per row, Prism's in brackets: " + "; ".join(floor) + "."
            )
            w("")
        over = []
        for op, by_conc in tp["rows"].items():
            one = by_conc.get("1", {})
            fake, prism, sqlite = one.get("fake", {}), one.get("prism", {}), one.get("fake-sqlite", {})
            if "prism_time_over" not in fake:
                continue
            also = f", fake-sqlite {sqlite['us_over_round_trip']:.0f}" if "us_over_round_trip" in sqlite else ""
            over.append(
                f"{OP_LABEL[op]} fake {fake['us_over_round_trip']:.0f}{also} vs Prism "
                f"{prism['us_over_round_trip']:.0f} µs ({fake['prism_time_over']:.1f}×)"
            )
        if over:
            w(
                "One connection, each server's time per request above the trivial server's round trip "
                "(1/req/s − 1/ceiling at one connection; informative, no target), Prism's time over the fake's "
                "in brackets: " + "; ".join(over) + "."
            )
            w("")
        for one in ("fake-sqlite", "fake-pg"):
            scaled = [
                f"{OP_LABEL[op]} ×{conc} {_x(by_srv[one + '-w2']['rps_over_one_worker'])}"
                for op, by_conc in tp["rows"].items()
                for conc, by_srv in by_conc.items()
                if by_srv.get(one + "-w2", {}).get("rps_over_one_worker") is not None
            ]
            if scaled:
                w(
                    f"`{one}-w2` (`--workers 2`, one shared state) against `{one}` (one worker), req/s ratio per row: "
                    + "; ".join(scaled)
                    + "."
                )
                w("")
        for op, fp in tp.get("fake_profile", {}).items():
            w("")
            w(
                f"Where the fake spends a {OP_LABEL[op]} request (cProfile, in process, "
                f"{fp['in_process_us_per_request']:.0f} µs/request unprofiled):"
            )
            w("")
            w("| largest own time | share | | fake functions, cumulative | share |")
            w("| --- | --- | --- | --- | --- |")
            for a, b in zip(fp["top_own"], fp["top_cumulative_in_fake"], strict=False):
                w(
                    f"| `{a['function']}` {a['where']} ×{a['calls_per_request']:.0f} | {a['own_share'] * 100:.0f}% | "
                    f"| `{b['function']}` {b['where']} | {b['cum_share'] * 100:.0f}% |"
                )
        w("")
        for name, info in tp.get("servers", {}).items():
            if info.get("note"):
                w(f"- {name}: {info['note']}.")
        for name, note in tp.get("notes", {}).items():
            w(f"- {name}: {note}.")
        w("")

    cs = results.get("contract_speed")
    if cs:
        w("## 3. Contract-suite speed (schemathesis, in process)")
        w("")
        w(
            f"Each operation × (positive, negative) generation: {cs['examples_per_operation_and_mode']} cases, "
            f"`case.call()` through schemathesis' ASGI transport + `case.validate_response()`; "
            f"{cs['repeats']} alternated runs; configuration: {cs.get('config')}. "
            "Floor = trivial Starlette app with one canned valid answer per operation."
        )
        w("")
        w("| side | generation | cases/s | answers (last run) | failed checks (last run) |")
        w("| --- | --- | --- | --- | --- |")
        for name, r in cs["sides"].items():
            w(f"| {name} | all | {_s(r['cases_per_s'])} | {r['cases_per_run']} cases | |")
            for mode, mr in r.get("by_mode", {}).items():
                answers = ", ".join(f"{k}: {v}" for k, v in sorted(mr["statuses"].items()))
                kinds = ", ".join(f"{k} ×{v}" for k, v in sorted(mr["failure_kinds"].items())) or "none"
                w(f"| {name} | {mode} | {_s(mr['cases_per_s'])} | {answers} | {kinds} |")
        w("")
        if cs.get("fake_over_floor") is not None:
            by_mode = ", ".join(f"{k} {_x(v)}" for k, v in cs.get("fake_over_floor_by_mode", {}).items())
            w(
                f"fake / floor = {_x(cs['fake_over_floor'])} (target ≥ 0.5×); by generation mode: {by_mode}. "
                "The floor answers 200 with a full deployment to every case, negative ones included, so schemathesis "
                "validates bigger bodies and reports failures there; the fake answers most negative cases with a "
                "small 4xx error body."
            )
        for name, note in cs.get("notes", {}).items():
            w(f"- {name}: {note}.")
        w("")

    sc = results.get("scale")
    if sc:
        w("## 4. Scale: iterate every deployment with the client's paginator")
        w("")
        any_row = next(iter(sc.get("sizes", {}).values()), None)
        if any_row:
            w(
                f"Paginator: `{any_row['paginator']}`, pageSize {any_row['page_size']}, standalone fake over loopback "
                "(seeded with `seed_deployments`); memory is the client's peak traced by `tracemalloc`."
            )
            w("")
        w(
            "| deployments | pages | iterate all, s | µs / deployment | client peak, iterate all | one page | "
            "peak, GC after each page | retained after | first page, ms | last page, ms | last/first |"
        )
        w("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")

        def mib(v: float | None) -> str:
            return "–" if v is None else f"{v / 2**20:.1f} MiB"

        for size, r in sc.get("sizes", {}).items():
            w(
                f"| {int(size):,} | {r['pages']} | {_s(r['iterate_all_s'], 2)} | {_s(r['per_deployment_us'])} | "
                f"{mib(r['peak_traced_bytes_iterate_all'])} | {mib(r['peak_traced_bytes_one_page'])} | "
                f"{mib(r.get('peak_traced_bytes_gc_every_page'))} | {mib(r.get('retained_traced_bytes_after'))} | "
                f"{_s(r['first_page_ms'])} | {_s(r['last_page_ms'])} | {_x(r['last_over_first_page'])} |"
            )
        g = sc.get("growth")
        if g:
            w("")
            w(
                f"Growth {g['from']:,} → {g['to']:,}: time × {g['time_ratio']:.2f} for size × {g['size_ratio']:.0f} "
                f"(target ≤ {g['target']:.0f}×)."
            )
        gc_rows = [(size, r) for size, r in sc.get("sizes", {}).items() if "client_gc_full_collections_per_walk" in r]
        if gc_rows:
            w("")
            w(
                "The client side runs in a fresh process per size (not in the one that ran the other benchmarks, "
                "whose leftovers would make every full collection expensive). Full GC collections per timed walk: "
                + "; ".join(
                    f"{int(size):,}: {', '.join(map(str, r['client_gc_full_collections_per_walk']))}"
                    for size, r in gc_rows
                )
                + f" (the process tracks {gc_rows[-1][1]['client_gc_tracked_objects']:,} objects)."
            )
        grows = [r for r in sc.get("sizes", {}).values() if not r.get("memory_met")]
        gc_flat = [r for r in sc.get("sizes", {}).values() if r.get("peak_traced_bytes_gc_every_page")]
        if grows and gc_flat:
            w("")
            w(
                "The client's peak grows with the number of pages although nothing stays allocated after the walk; "
                "with the cyclic garbage collector run after every page the peak stays at one page. So the growth is "
                "garbage awaiting the collector, not retention: httpx 0.28.1 keeps every `Response` in a reference "
                "cycle with its `BoundSyncStream` (encode/httpx#3733), so each page's body lives until a full "
                "collection."
            )
        for name, note in sc.get("notes", {}).items():
            w(f"- {name}: {note}.")
        w("")

    gt = results.get("generate")
    if gt:
        w("## 5. Generate")
        w("")
        if "wall_s" in gt:
            w(
                f"`scripts/generate.py --output TMP` (the work of `nox -s generate`, without nox's venv check): "
                f"{_s(gt['wall_s'], 2)} s over {gt['repeats']} runs after a warm-up; {gt['python_files']} Python files."
            )
        for name, note in gt.get("notes", {}).items():
            w(f"- {name}: {note}.")
        w("")
    st = results.get("setup_time")
    if st:
        w("## 6. Set-up: cold fresh clone, uv vs pip")
        w("")
        if "skipped" in st:
            w(f"Skipped: {st['skipped']}.")
        else:
            w(
                "`git clone` of HEAD, then `python3 scripts/nox_bootstrap.py ARGS` timed start to finish (s); pip side: "
                "`NOX_DEFAULT_VENV_BACKEND=venv`. Package caches warm on both sides."
                f" {st['repeats']} run(s) per cell."
            )
            w("")
            w("| command | uv | pip | pip ÷ uv |")
            w("| --- | --- | --- | --- |")
            for row in st["commands"].values():
                w(
                    f"| `{row['args']}` | {_s(row['wall_s']['uv'])} | {_s(row['wall_s']['pip'])} "
                    f"| {_x(row['pip_over_uv'])} |"
                )
        w("")
    sp = results.get("suite_parallel")
    if sp:
        w("## 7. Contract suite on every core (pytest-xdist)")
        w("")
        w(
            f"`scripts/contract_suite.py --target inprocess --profile {sp['profile']}` ({sp['selection']}), "
            f"`--workers 1` vs `--workers auto` on {sp['cores']} cores, alternately, {sp['repeats']} run(s) each (s)."
        )
        w("")
        w("| workers | wall time | cases per layer |")
        w("| --- | --- | --- |")
        for side in ("1", "auto"):
            cases = ", ".join(f"{k} {v}" for k, v in sorted(sp["cases"].get(side, {}).items()))
            w(f"| {side} | {_s(sp['wall_s'][side])} | {cases} |")
        same = {True: "same cases on both sides", False: "**cases differ**", None: "cases not compared (random seed)"}
        w("")
        w(f"Speed-up {_x(sp['speedup'])} (target {sp['target']}× on 2 cores); {same[sp.get('same_cases')]}.")
        w("")
    for name, err in results.get("errors", {}).items():
        w(f"- benchmark `{name}` failed: {err}")
    if results.get("chart"):
        w(f"![benchmarks]({results['chart']})")
        w("")
    return "\n".join(out)


def chart(results: dict[str, Any], path: Path) -> bool:
    """One PNG: client overhead ratios (left) and throughput req/s (right). False if matplotlib is missing."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(13, 4.8))
    co = results.get("client_overhead", {}).get("ops", {})
    ops = list(co)
    sides = [("ours", "ours (generated)"), ("official", "official fireworks-ai")]
    width = 0.38
    for i, (key, label) in enumerate(sides):
        vals = [co[op].get(f"{key}_over_floor") or 0 for op in ops]
        bars = ax1.bar([x + (i - 0.5) * width for x in range(len(ops))], vals, width, label=label)
        ax1.bar_label(bars, fmt="%.1f×", fontsize=8)
    ax1.axhline(1.0, color="grey", lw=0.8, ls="--")
    ax1.set_xticks(range(len(ops)), [OP_LABEL[o] for o in ops])
    ax1.set_ylabel("time per call ÷ floor (raw httpx + json.loads)")
    ax1.set_title("1. Client overhead over MockTransport (lower is better)")
    if ops:
        ax1.legend()
    else:
        ax1.text(0.5, 0.5, "not measured", ha="center", transform=ax1.transAxes)

    tp = results.get("throughput", {}).get("rows", {})
    servers = sorted({s for c in tp.values() for r in c.values() for s in r})
    short = {"get": "get", "list50": "list 50", "list1": "list 1", "create": "create"}
    labels = [f"{short.get(op, op)}\nc={conc}" for op, bc in tp.items() for conc in bc]
    width = 0.8 / max(1, len(servers))
    for i, srv in enumerate(servers):
        vals = [bc[conc].get(srv, {}).get("rps", {}).get("median") or 0 for bc in tp.values() for conc in bc]
        ax2.bar([x + (i - (len(servers) - 1) / 2) * width for x in range(len(labels))], vals, width, label=srv)
    ax2.set_xticks(range(len(labels)), labels, fontsize=7)
    ax2.set_xlabel("operation (list 50 / list 1 = page size) and concurrent clients", fontsize=8)
    ax2.set_ylabel("requests per second")
    ax2.set_title("2. Server throughput over loopback (higher is better)")
    if servers:
        ax2.legend()
    else:
        ax2.text(0.5, 0.5, "not measured", ha="center", transform=ax2.transAxes)
    fig.suptitle(
        f"{results['machine']['cpu']}, nproc={results['machine']['nproc']}, Python {results['machine']['python']}",
        fontsize=9,
    )
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


def write(results: dict[str, Any], out_dir: Path) -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {"json": out_dir / "bench.json", "md": out_dir / "bench.md", "png": out_dir / "bench.png"}
    if chart(results, paths["png"]):
        results["chart"] = paths["png"].name
    else:
        paths.pop("png")
    paths["json"].write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    paths["md"].write_text(markdown(results) + "\n", encoding="utf-8")
    return paths
