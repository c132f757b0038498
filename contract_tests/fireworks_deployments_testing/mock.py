"""``mock_fireworks()``: every httpx request to the Fireworks API answered by an in-process fake, outside pytest.

Like moto's ``mock_aws`` or ``respx.mock``: a context manager (yielding the :class:`~.fake.Fake`, so a test
can seed it, switch faults on or change transitions) and a decorator. It patches httpx's transports through
respx, so it reaches our client, the official ``fireworks-ai`` SDK and any code of the user's alike; requests
to other hosts go through untouched.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from types import TracebackType
from typing import Any, TypeVar

import respx

from .fake import Fake
from .fake.clients import sync_transport

__all__ = ["mock_fireworks", "MockFireworks", "PRODUCTION_BASE_URL"]

PRODUCTION_BASE_URL = "https://api.fireworks.ai"
_F = TypeVar("_F", bound=Callable[..., Any])


class MockFireworks:
    """The object ``mock_fireworks()`` returns; ``.fake`` is the fake while the mock is active."""

    def __init__(self, fake: Fake | None = None, *, base_url: str = PRODUCTION_BASE_URL, **fake_options: Any) -> None:
        if fake is not None and fake_options:
            raise TypeError("pass either a Fake or options for a new one, not both")
        self._given = fake
        self._options = fake_options
        self.base_url = base_url.rstrip("/")
        self.fake: Fake | None = None
        self._router: respx.MockRouter | None = None

    @property
    def router(self) -> respx.MockRouter:
        """The active respx router (add routes of your own to it); only while the mock is active."""
        if self._router is None:
            raise RuntimeError("mock_fireworks() is not active")
        return self._router

    def __enter__(self) -> Fake:
        if self._router is not None:
            raise RuntimeError("this mock_fireworks() is already active")
        fake = self._given or Fake(**self._options)
        transport = sync_transport(fake)
        router = respx.mock(assert_all_called=False, assert_all_mocked=False)
        router.route(url__startswith=self.base_url + "/", name="fireworks-fake").mock(
            side_effect=transport.handle_request
        )
        router.route(name="pass-through").pass_through()
        router.__enter__()
        self.fake, self._router = fake, router
        return fake

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        router = self._router
        self._router = None
        self.fake = None
        if router is not None:
            router.__exit__(exc_type, exc, tb)

    def __call__(self, func: _F) -> _F:
        """Use as a decorator: the whole call (sync or async) runs with a fresh fake behind the API."""
        if inspect.iscoroutinefunction(func):

            @functools.wraps(func)
            async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
                with MockFireworks(self._given, base_url=self.base_url, **self._options):
                    return await func(*args, **kwargs)

            return async_wrapper  # type: ignore[return-value]

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with MockFireworks(self._given, base_url=self.base_url, **self._options):
                return func(*args, **kwargs)

        return wrapper  # type: ignore[return-value]


def mock_fireworks(
    fake: Fake | None = None, *, base_url: str = PRODUCTION_BASE_URL, **fake_options: Any
) -> MockFireworks:
    """Route httpx requests for ``base_url`` (default ``https://api.fireworks.ai``) to a fake.

    ``with mock_fireworks() as fake:`` gives a fresh :class:`~.fake.Fake` (its ``api_key`` and ``account_id``
    are the credentials it accepts); ``mock_fireworks(api_keys={"my-key": "my-account"})`` or
    ``mock_fireworks(transition="reads:3", faults={"rate_limit": 0.2})`` pass options to it, and
    ``mock_fireworks(my_fake)`` uses a fake you built. ``@mock_fireworks()`` decorates a function.
    """
    return MockFireworks(fake, base_url=base_url, **fake_options)
