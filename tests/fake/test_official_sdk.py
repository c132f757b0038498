"""The official SDK (``fireworks-ai==1.2.30``) works unchanged against the standalone fake.

Skipped when the package is absent. It sends ``Content-Type: application/json`` on GET/DELETE
and ``x-stainless-*`` headers; the fake accepts them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fireworks_deployments_testing.fake import FakeServer

fireworks = pytest.importorskip("fireworks", reason="fireworks-ai (official SDK) not installed")

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def sdk(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    with FakeServer() as server:
        monkeypatch.setenv("FIREWORKS_BASE_URL", server.base_url)
        monkeypatch.setenv("FIREWORKS_API_KEY", server.api_key)
        monkeypatch.setenv("FIREWORKS_ACCOUNT_ID", server.account_id)
        client = fireworks.Fireworks(max_retries=0)
        yield client
        client.close()


def test_sdk_drives_every_operation(sdk: object) -> None:
    d = sdk.deployments  # type: ignore[attr-defined]
    created = d.create(
        base_model="accounts/fireworks/models/m", deployment_id="sdk-1", display_name="via sdk", min_replica_count=0
    )
    assert created.state == "CREATING" and created.name.endswith("/deployments/sdk-1")
    for i in range(3):
        d.create(base_model="accounts/fireworks/models/m", deployment_id=f"sdk-extra-{i}")
    assert d.get("sdk-1").state == "READY"
    names = [x.name.rsplit("/", 1)[1] for x in d.list(page_size=2)]  # the SDK follows nextPageToken
    assert names == ["sdk-1", "sdk-extra-0", "sdk-extra-1", "sdk-extra-2"]
    updated = d.update("sdk-1", base_model="accounts/fireworks/models/m", display_name="renamed", max_replica_count=3)
    assert updated.display_name == "renamed" and updated.state == "UPDATING"
    assert d.scale("sdk-1", replica_count=2) == {}
    assert d.get("sdk-1").desired_replica_count == 2
    assert d.delete("sdk-1") == {}
    assert d.get("sdk-1").state == "DELETED"
    assert "sdk-1" not in [x.name.rsplit("/", 1)[1] for x in d.list()]
    assert "sdk-1" in [x.name.rsplit("/", 1)[1] for x in d.list(show_deleted=True)]
    assert d.undelete("sdk-1", body={}).state == "READY"
    d.delete("sdk-1", hard=True, ignore_checks=True)
    with pytest.raises(fireworks.NotFoundError):
        d.get("sdk-1")
    with pytest.raises(fireworks.ConflictError):
        d.create(base_model="accounts/fireworks/models/m", deployment_id="sdk-extra-0")
    with pytest.raises(fireworks.BadRequestError):
        d.create(base_model="accounts/fireworks/models/m", display_name="x" * 64)
