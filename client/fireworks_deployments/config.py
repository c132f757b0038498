"""Client settings read from the environment, with explicit arguments taking precedence.

The variable names are the official ``fireworks-ai`` SDK's, so an environment that
works for the SDK works here unchanged.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import httpx

from .arguments import check_id, check_timeout
from .errors import ConfigurationError
from .retry import DEFAULT_MAX_RETRIES

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_TIMEOUT",
    "ENV_ACCOUNT_ID",
    "ENV_API_KEY",
    "ENV_BASE_URL",
    "ClientConfig",
    "TimeoutLike",
    "as_timeout",
]

ENV_API_KEY = "FIREWORKS_API_KEY"
ENV_ACCOUNT_ID = "FIREWORKS_ACCOUNT_ID"
ENV_BASE_URL = "FIREWORKS_BASE_URL"
DEFAULT_BASE_URL = "https://api.fireworks.ai"
# Same default as the official SDK: a slow control-plane call is normal, a slow connect is not.
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)

TimeoutLike = float | httpx.Timeout


def as_timeout(value: TimeoutLike) -> httpx.Timeout:
    """Accept a number of seconds as well as a full ``httpx.Timeout``; anything else is a TypeError at once."""
    checked = check_timeout(value)
    if checked is None:
        raise TypeError("timeout must be a number of seconds or an httpx.Timeout, not None")
    return checked


@dataclass(frozen=True)
class ClientConfig:
    """Everything a client needs to reach one account. ``repr`` never shows the API key."""

    api_key: str = field(repr=False)
    account_id: str
    base_url: str = DEFAULT_BASE_URL
    timeout: httpx.Timeout = field(default_factory=lambda: DEFAULT_TIMEOUT)
    max_retries: int = DEFAULT_MAX_RETRIES

    def __post_init__(self) -> None:
        try:
            check_id("account_id", self.account_id)
        except (TypeError, ValueError) as exc:
            raise ConfigurationError(str(exc)) from None
        if isinstance(self.max_retries, bool) or not isinstance(self.max_retries, int):
            raise ConfigurationError(f"max_retries must be an int, not {type(self.max_retries).__name__}")
        if self.max_retries < 0:
            raise ConfigurationError("max_retries must be 0 (no retries) or more")

    @classmethod
    def from_env(
        cls,
        *,
        api_key: str | None = None,
        account_id: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutLike | None = None,
        max_retries: int | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> ClientConfig:
        """Build a config from arguments, falling back to ``FIREWORKS_*`` variables.

        An empty variable counts as missing, so ``FIREWORKS_API_KEY=`` fails loudly
        instead of sending an empty bearer token.
        """
        env = os.environ if environ is None else environ
        key = api_key or env.get(ENV_API_KEY) or None
        if key is None:
            raise ConfigurationError(f"no API key: pass api_key=... or set the {ENV_API_KEY} environment variable")
        account = account_id or env.get(ENV_ACCOUNT_ID) or None
        if account is None:
            raise ConfigurationError(
                f"no account id: pass account_id=... or set the {ENV_ACCOUNT_ID} environment variable"
            )
        url = base_url or env.get(ENV_BASE_URL) or DEFAULT_BASE_URL
        config = cls(api_key=key, account_id=account, base_url=url.rstrip("/"))
        if timeout is not None:
            config = replace(config, timeout=as_timeout(timeout))
        if max_retries is not None:
            config = replace(config, max_retries=max_retries)
        return config
