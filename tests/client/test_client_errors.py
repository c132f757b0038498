"""Status families, error bodies, transport failures; the API key never leaks."""

from __future__ import annotations

import logging
from collections.abc import Callable

import httpx
import pytest
import respx
from fireworks_deployments_client.models import ErrorStatus

from client_helpers import API_KEY, deployment, error, url
from fireworks_deployments import (
    APIResponseValidationError,
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    DeploymentsClient,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
)

MakeClient = Callable[..., DeploymentsClient]


@pytest.mark.parametrize(
    ("status", "code", "cls"),
    [
        (400, 3, BadRequestError),
        (401, 16, AuthenticationError),
        (403, 7, PermissionDeniedError),
        (404, 5, NotFoundError),
        (409, 6, ConflictError),
        (429, 8, RateLimitError),
        (500, 13, InternalServerError),
        (503, 14, InternalServerError),
        (501, 12, InternalServerError),
        (413, 3, APIStatusError),
        (418, 2, APIStatusError),
    ],
)
def test_status_family(make_client: MakeClient, status: int, code: int, cls: type[APIStatusError]) -> None:
    with respx.mock() as router:
        router.get(url("dep")).respond(status, json=error(code, "what went wrong"))
        with pytest.raises(cls) as info:
            make_client(max_retries=0).get("dep")
    exc = info.value
    assert type(exc) is cls
    assert (exc.status_code, exc.code, exc.message) == (status, code, f"HTTP {status}, code {code}: what went wrong")
    assert isinstance(exc.body, ErrorStatus) and exc.body.code == code


def test_wrapped_and_non_json_bodies(make_client: MakeClient) -> None:
    with respx.mock() as router:
        router.get(url("a")).respond(404, json={"error": {"code": 5, "message": "not found"}})
        router.get(url("b")).respond(502, text="<html>bad gateway</html>")
        router.get(url("c")).respond(404, json={"error": "not found"})
        client = make_client(max_retries=0)
        with pytest.raises(NotFoundError) as a:
            client.get("a")
        assert (a.value.code, a.value.body.code) == (5, 5)
        with pytest.raises(InternalServerError) as b:
            client.get("b")
        assert b.value.code is None and b.value.body == "<html>bad gateway</html>"
        with pytest.raises(NotFoundError) as c:
            client.get("c")
        assert c.value.body == {"error": "not found"}


def test_success_that_breaks_the_spec(make_client: MakeClient) -> None:
    with respx.mock() as router:
        router.get(url("dep")).respond(200, json={"name": "accounts/acct/deployments/dep"})  # no baseModel
        with pytest.raises(APIResponseValidationError):
            make_client().get("dep")


def test_unknown_enum_values_are_accepted(make_client: MakeClient) -> None:
    with respx.mock() as router:
        router.get(url("dep")).respond(json=deployment(state="HIBERNATING", region="MARS_1"))
        got = make_client().get("dep")
    assert got.to_dict()["state"] == "HIBERNATING" and got.to_dict()["region"] == "MARS_1"


def test_api_key_never_in_exception_repr_or_log(make_client: MakeClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    echo = f"key {API_KEY} rejected"
    with respx.mock() as router:
        router.get(url("a")).respond(401, json=error(16, echo))
        router.get(url("b")).respond(503, text=f"Authorization: Bearer {API_KEY}")
        router.get(url("c")).mock(side_effect=httpx.ConnectError(f"cannot connect with {API_KEY}"))
        client = make_client(max_retries=1)
        texts = [repr(client), str(client), repr(client.config), repr(client.api), repr(client.api.get_httpx_client())]
        for name in ("a", "b", "c"):
            with pytest.raises(Exception) as info:
                client.get(name)
            texts += [str(info.value), repr(info.value), repr(getattr(info.value, "body", None))]
    texts += [record.getMessage() for record in caplog.records]
    leaks = [text for text in texts if API_KEY in text]
    assert leaks == []
