"""Exceptions: one per HTTP status family, transport failures, and waiting outcomes.

Names and the status mapping follow the official SDK (``fireworks.BadRequestError`` ...),
so ``except`` clauses port over unchanged. Every status error also carries the
API's own integer error code and message, parsed from the gRPC-style body.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from fireworks_deployments_client.models import ErrorStatus

if TYPE_CHECKING:
    from fireworks_deployments_client.models import Deployment, DeploymentStatus

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "ConflictError",
    "DeploymentDeletedError",
    "DeploymentFailedError",
    "DeploymentWaitError",
    "FireworksError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "WaitTimeoutError",
    "redact",
    "status_error",
]

REDACTED = "***"


def redact(text: str, secrets: Iterable[str | None]) -> str:
    """Replace every occurrence of a secret in ``text`` (a server may echo a header back)."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return text


class FireworksError(Exception):
    """Base of every exception this library raises."""


class ConfigurationError(FireworksError, ValueError):
    """The client cannot be built: a setting is missing or invalid."""


class APIError(FireworksError):
    """A request did not produce a usable answer."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class APIConnectionError(APIError):
    """The request never got an HTTP answer (DNS, refused connection, reset, ...)."""


class APITimeoutError(APIConnectionError):
    """The request timed out (connect, read, write or pool)."""


class APIResponseValidationError(APIError):
    """A success answer whose body does not match the spec (e.g. a Deployment without baseModel)."""

    def __init__(self, message: str, *, status_code: int, body: Any) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.body = body


class APIStatusError(APIError):
    """A non-2xx answer.

    ``code``/``message`` are the API's gRPC status (``code`` is an int, e.g. 5 NOT_FOUND);
    ``body`` is the generated ``ErrorStatus`` when the body parses as one, else the raw
    JSON value or text.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        code: int | None,
        body: Any,
        headers: Mapping[str, str],
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.code = code
        self.body = body
        self.headers = dict(headers)
        self.retries_taken = 0  # set by the client: retries spent before this answer

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status_code={self.status_code}, code={self.code}, message={self.message!r})"


class BadRequestError(APIStatusError):
    """400: invalid argument, failed precondition or out of range."""


class AuthenticationError(APIStatusError):
    """401: missing or unknown API key."""


class PermissionDeniedError(APIStatusError):
    """403: the key may not act on this account."""


class NotFoundError(APIStatusError):
    """404: no such deployment (or it was hard-deleted or purged)."""


class ConflictError(APIStatusError):
    """409: a deployment with this id already exists."""


class RateLimitError(APIStatusError):
    """429: rate limit or quota reached."""


class InternalServerError(APIStatusError):
    """5xx: the server failed; already retried by the client."""


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    429: RateLimitError,
}


def _parse_body(content: bytes) -> tuple[Any, int | None, str]:
    """Return (body, code, message); tolerates the wrapped ``{"error": {...}}`` form and non-JSON."""
    text = content.decode("utf-8", errors="replace")
    try:
        raw = json.loads(text)
    except ValueError:
        return text, None, text.strip()
    inner = raw.get("error", raw) if isinstance(raw, dict) else raw
    if isinstance(inner, dict):
        try:
            status = ErrorStatus.from_dict(inner)
        except (KeyError, TypeError, ValueError):
            status = None
        if status is not None and isinstance(status.code, int) and isinstance(status.message, str):
            return status, status.code, status.message
        code = inner.get("code")
        message = inner.get("message")
        return raw, code if isinstance(code, int) else None, message if isinstance(message, str) else text.strip()
    return raw, None, text.strip()


def status_error(
    status_code: int,
    content: bytes,
    headers: Mapping[str, str],
    *,
    secrets: Iterable[str | None] = (),
) -> APIStatusError:
    """The exception for one non-2xx answer; any secret is removed from its text."""
    # Scrub the raw text before parsing, so neither the message nor the parsed body can echo a secret.
    body, code, message = _parse_body(redact(content.decode("utf-8", errors="replace"), secrets).encode())
    cls = _BY_STATUS.get(status_code, InternalServerError if status_code >= 500 else APIStatusError)
    code_part = f", code {code}" if code is not None else ""
    text = f"HTTP {status_code}{code_part}: {message}" if message else f"HTTP {status_code}{code_part}"
    return cls(text, status_code=status_code, code=code, body=body, headers=headers)


class DeploymentWaitError(FireworksError):
    """Waiting for a deployment state ended without reaching it; ``deployment`` is the last one read."""

    def __init__(self, message: str, *, deployment: Deployment | None) -> None:
        super().__init__(message)
        self.deployment = deployment


class DeploymentFailedError(DeploymentWaitError):
    """The deployment became FAILED; ``status`` says why (server's ``status.code``/``message``)."""

    def __init__(self, message: str, *, deployment: Deployment, status: DeploymentStatus | None) -> None:
        super().__init__(message, deployment=deployment)
        self.status = status


class DeploymentDeletedError(DeploymentWaitError):
    """The deployment was deleted (DELETING, DELETED or 404) while waiting for another state."""


class WaitTimeoutError(DeploymentWaitError, TimeoutError):
    """The wanted state was not reached within the timeout."""
