#!/usr/bin/env python3
"""The contract suite over real sockets: start the fake on 127.0.0.1, then

1. the suite with the ``standalone`` target (or, with --as-live, the ``live`` target
   configured exactly as a real user would: FIREWORKS_API_KEY / FIREWORKS_ACCOUNT_ID /
   FIREWORKS_BASE_URL, CONTRACT_ALLOW_MUTATIONS=1);
2. unless --no-cli: the schemathesis CLI over the spec, all checks (use_after_free
   excluded, see schemathesis.toml), all phases, JUnit report under reports/;
3. unless --no-cli: the same CLI run with NO project hooks (contract_tests/schemathesis-plain.toml:
   only the account and validateOnly pins), i.e. a generic tool driven by the spec alone. It passes
   when every failure it finds is one of the spec's info.x-inexpressible rules (scripts/st_plain.py)
   and fails on anything else; the judgement is printed and kept in reports/st-plain.txt.

    python scripts/contract_http.py [--profile ci] [--max-time 30] [--as-live] [--no-cli]
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from fireworks_deployments_testing.suite.targets import mask

sys.path.insert(0, str(Path(__file__).resolve().parent))
import st_plain  # noqa: E402  (scripts/ is not a package)

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "reports"
ACCOUNT = "ct-account"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_fake(key: str, port: int) -> subprocess.Popen[bytes]:
    cmd = [
        sys.executable,
        "-m",
        "fireworks_deployments_testing.fake",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--api-key",
        f"{key}={ACCOUNT}",
        "--transition",
        "immediate",
        "--log-level",
        "warning",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"fake exited early: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/_fake/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.terminate()
    raise SystemExit("fake did not come up within 20 s")


def st_run(spec: str, base_url: str, key: str, max_time: int) -> list[str]:
    """`st run` with every check but use_after_free (see schemathesis.toml) over all phases: both CLI runs share it."""
    return [
        "run",
        spec,
        "--url",
        base_url,
        "-H",
        f"Authorization: Bearer {key}",
        "--checks",
        "all",
        "--exclude-checks",
        "use_after_free",
        "--phases",
        "examples,coverage,fuzzing,stateful",
        "--max-time",
        str(max_time),
    ]


def run_plain(st: str, base_url: str, key: str, env: dict[str, str], max_time: int) -> int:
    """`st run` with no project hooks; 0 when it finds only the spec's listed inexpressible cases."""
    out_dir = REPORTS / "st-plain"
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True)
    spec = ROOT / "openapi" / "deployments.yaml"
    cmd = [
        st,
        "--config-file",
        str(ROOT / "contract_tests" / "schemathesis-plain.toml"),
        *st_run(str(spec), base_url, key, max_time),
        "--report",
        "junit",
        "--report-dir",
        str(out_dir),
        "--seed",
        "20261101",
    ]
    print("$ " + mask(" ".join(cmd), key), flush=True)
    # run outside the repo root so that schemathesis.toml (and its hooks) is not picked up
    run = subprocess.run(cmd, cwd=out_dir, env=env, capture_output=True, text=True)
    output = mask(run.stdout + run.stderr, key)
    (out_dir / "st-output.txt").write_text(output)
    reports = sorted(out_dir.glob("junit*.xml"))
    if run.returncode not in (0, 1) or not reports:
        print(output[-4000:])
        print(f"hook-free st run did not complete (exit {run.returncode})")
        return run.returncode or 1
    rules, ops = st_plain.load_rules(spec)
    text, ok = st_plain.summary(st_plain.findings_from_junit(reports[-1]), rules, ops)
    print(text, flush=True)
    (REPORTS / "st-plain.txt").write_text(text + "\n")
    return 0 if ok else 1


def default_st_workers() -> int:
    """One schemathesis worker per core, except on CPython 3.11.

    Seen here on 3.11.7 with `--workers 2`: the examples and coverage phases die with
    `SystemError: AST constructor recursion depth mismatch` (hypothesis describing a lambda
    with ast.parse in two threads at once; CPython gh-106905), so 3.11 keeps one worker.
    """
    return (os.cpu_count() or 1) if sys.version_info >= (3, 12) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profile", default=os.environ.get("HYPOTHESIS_PROFILE", "fast"))
    parser.add_argument("--max-time", type=int, default=30, help="seconds for the schemathesis CLI run")
    parser.add_argument("--as-live", action="store_true", help="run the live target against the fake")
    parser.add_argument("--no-cli", action="store_true")
    parser.add_argument(
        "--st-workers",
        type=int,
        default=default_st_workers(),
        help="schemathesis CLI workers (threads); default: one per core on Python 3.12+, 1 on 3.11",
    )
    args = parser.parse_args(argv)
    REPORTS.mkdir(exist_ok=True)
    key = "ct-" + secrets.token_hex(12)  # a throwaway key: proves masking too (it must never be printed)
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    fake = start_fake(key, port)
    env = {
        **os.environ,
        "FIREWORKS_BASE_URL": base_url,
        "FIREWORKS_API_KEY": key,
        "FIREWORKS_ACCOUNT_ID": ACCOUNT,
        "CONTRACT_ACCOUNT_ID": ACCOUNT,
    }
    target = "live" if args.as_live else "standalone"
    if args.as_live:
        env["CONTRACT_ALLOW_MUTATIONS"] = "1"
    try:
        code = subprocess.run(
            [sys.executable, "scripts/contract_suite.py", "--target", target, "--profile", args.profile],
            cwd=ROOT,
            env=env,
        ).returncode
        if not args.no_cli:
            st = shutil.which("st", path=str(Path(sys.executable).parent)) or "st"
            cmd = [
                st,
                *st_run("openapi/deployments.yaml", base_url, key, args.max_time),
                "--report",
                "junit",
                "--report-dir",
                str(REPORTS),
                "--seed",
                "20261101",
                "--workers",
                str(args.st_workers),
            ]
            shown = mask(" ".join(cmd), key)
            print(f"$ {shown}", flush=True)
            run = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
            output = mask(run.stdout + run.stderr, key)
            print(output[-6000:])
            (REPORTS / "schemathesis-cli.txt").write_text(output)
            for report in REPORTS.glob("junit*.xml"):
                report.write_text(mask(report.read_text(), key))
            code = code or run.returncode
            code = run_plain(st, base_url, key, env, args.max_time) or code
    finally:
        fake.terminate()
        try:
            fake.wait(10)
        except subprocess.TimeoutExpired:
            fake.kill()
    return code


if __name__ == "__main__":
    sys.exit(main())
