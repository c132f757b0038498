"""One exception per API error, each carrying its HTTP status and integer gRPC code.

:func:`error_body` is the one place that turns an error into the spec's
``ErrorStatus`` body ``{code, message, details}``. Message templates are module
constants so tests can match them.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "FakeError",
    "InvalidArgument",
    "FailedPrecondition",
    "Unauthenticated",
    "PermissionDenied",
    "NotFound",
    "AlreadyExists",
    "PayloadTooLarge",
    "ResourceExhausted",
    "Internal",
    "Unavailable",
    "MethodNotAllowed",
    "error_body",
    "MSG_NOT_FOUND",
    "MSG_ALREADY_EXISTS",
    "MSG_UNAUTHENTICATED",
    "MSG_PERMISSION_DENIED",
    "MSG_SOFT_DELETED",
    "MSG_NOT_DELETED",
    "MSG_TOO_LARGE",
]

MSG_NOT_FOUND = "deployment {name} not found"
MSG_ALREADY_EXISTS = "deployment {name} already exists"
MSG_UNAUTHENTICATED = "missing or invalid API key"
MSG_PERMISSION_DENIED = "the API key has no access to account {account}"
MSG_SOFT_DELETED = "deployment {name} is soft-deleted (state {state}); undelete it first"
MSG_NOT_DELETED = (
    "deployment {name} is in state {state}; only a DELETED deployment before its purgeTime can be undeleted"
)
MSG_TOO_LARGE = "request body exceeds {limit} bytes"


class FakeError(Exception):
    """Base of every API error the fake answers with."""

    status: int = 500
    code: int = 13  # INTERNAL

    def __init__(
        self, message: str, *, headers: dict[str, str] | None = None, details: list[dict[str, Any]] | None = None
    ):
        super().__init__(message)
        self.message = message
        self.headers = headers or {}
        self.details = details or []


class InvalidArgument(FakeError):
    status, code = 400, 3


class FailedPrecondition(FakeError):
    status, code = 400, 9


class Unauthenticated(FakeError):
    status, code = 401, 16


class PermissionDenied(FakeError):
    status, code = 403, 7


class NotFound(FakeError):
    status, code = 404, 5


class MethodNotAllowed(FakeError):
    status, code = 405, 12  # UNIMPLEMENTED


class AlreadyExists(FakeError):
    status, code = 409, 6


class PayloadTooLarge(FakeError):
    status, code = 413, 3


class ResourceExhausted(FakeError):
    status, code = 429, 8


class Internal(FakeError):
    status, code = 500, 13


class Unavailable(FakeError):
    status, code = 503, 14


def error_body(error: FakeError) -> dict[str, Any]:
    return {"code": error.code, "message": error.message, "details": list(error.details)}
