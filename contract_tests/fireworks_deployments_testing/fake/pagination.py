"""Opaque page tokens bound to the query that produced them, and page-size rules.

A token is ``base64url(json) "." base64url(hmac)``; the JSON holds the sort
values of the last deployment returned (keyset pagination: the next page starts
right after that key, however far into the list it is) and a hash of the
account, filter, orderBy, showDeleted and readMask. A token that does not
verify, does not decode or was issued for other parameters is a 400.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import json
from typing import Any

from fireworks_deployments_testing.rules.spec import page_size_rules

from ..rules.errors import InvalidArgument

__all__ = ["PageTokens", "page_size", "query_binding", "DEFAULT_PAGE_SIZE", "MAX_PAGE_SIZE"]

DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE = page_size_rules()


def page_size(requested: int | None) -> int:
    if requested is None or requested == 0:
        return DEFAULT_PAGE_SIZE
    if requested < 0:
        raise InvalidArgument("pageSize: must not be negative")
    return min(requested, MAX_PAGE_SIZE)


@functools.lru_cache(maxsize=4096)  # a pure function of its arguments, asked again for every page
def query_binding(
    *, account_id: str, filter: str | None, order_by: str | None, show_deleted: bool, read_mask: str | None
) -> str:
    blob = json.dumps([account_id, filter or "", order_by or "", bool(show_deleted), read_mask or ""])
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


_ISSUED_KEPT = 4096  # tokens remembered (the same page asked again, as a poller does, costs no signing)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class PageTokens:
    def __init__(self, secret: bytes):
        self._secret = secret
        self._issued: dict[str, str] = {}  # payload -> token: a token is a pure function of its payload

    def _sign(self, payload: bytes) -> bytes:
        return hmac.new(self._secret, payload, hashlib.sha256).digest()[:16]

    def issue(self, binding: str, last_key: list[Any]) -> str:
        text = json.dumps({"q": binding, "k": last_key}, separators=(",", ":"))
        token = self._issued.get(text)
        if token is None:
            if len(self._issued) >= _ISSUED_KEPT:
                self._issued.clear()
            payload = text.encode()
            token = self._issued[text] = f"{_b64(payload)}.{_b64(self._sign(payload))}"
        return token

    def read(self, token: str, binding: str) -> list[Any]:
        """The last key stored in ``token``; raises InvalidArgument when it is not valid for ``binding``."""
        try:
            body, _, sig = token.partition(".")
            payload = _unb64(body)
            valid = hmac.compare_digest(_unb64(sig), self._sign(payload))
        except (ValueError, TypeError):
            valid = False
        if not valid:
            raise InvalidArgument("pageToken: malformed or not issued by this server")
        data = json.loads(payload)
        if data.get("q") != binding:
            raise InvalidArgument("pageToken: was issued for a different filter, orderBy, showDeleted or readMask")
        key = data.get("k")
        if not isinstance(key, list) or not key:
            raise InvalidArgument("pageToken: malformed")
        return key
