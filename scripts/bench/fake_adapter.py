"""The one place that knows how to build the fake for the benchmarks (in process and standalone).

    python -m scripts.bench.fake_adapter --port P --seed-count N

runs a standalone fake (uvicorn, one worker, like ``python -m fireworks_deployments_testing.fake``) that already holds
``N`` READY deployments of the bench account, inserted with the fake's ``seed_deployments`` helper.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from .common import ACCOUNT, API_KEY


def fake_available() -> bool:
    try:
        import fireworks_deployments_testing.fake  # noqa: F401
    except ImportError:
        return False
    return True


def fake_app_factory() -> Callable[[], Any] | None:
    """A zero-argument callable returning a fresh fake ASGI app that accepts API_KEY for ACCOUNT."""
    try:
        from fireworks_deployments_testing.fake import create_app
    except ImportError:
        return None

    def build() -> Any:
        return create_app(api_keys={API_KEY: ACCOUNT})

    return build


def serve_seeded(port: int, count: int) -> None:
    import uvicorn

    from fireworks_deployments_testing.fake import Fake, create_app

    fake = Fake(api_keys={API_KEY: ACCOUNT})
    fake.seed_deployments(ACCOUNT, count)
    uvicorn.run(create_app(fake), host="127.0.0.1", port=port, log_level="warning", lifespan="off")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--seed-count", type=int, default=0)
    a = p.parse_args(argv)
    serve_seeded(a.port, a.seed_count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
