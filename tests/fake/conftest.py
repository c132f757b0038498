from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from fireworks_deployments_testing.fake import Fake, sync_client


@pytest.fixture
def fake() -> Fake:
    return Fake(seed=1)


@pytest.fixture
def http(fake: Fake) -> Iterator[httpx.Client]:
    with sync_client(fake) as client:
        yield client


@pytest.fixture
def base(fake: Fake) -> str:
    return f"/v1/accounts/{fake.account_id}/deployments"
