"""Find the generated client's pieces for an operation of the spec, by naming rule only.

openapi-python-client 0.29.1 names: module ``api/<tag>/<snake(operationId)>.py``, keyword ``snake(param)``
(with a trailing ``_`` when it shadows a builtin, e.g. ``filter_``), model class = schema component name.
``snake`` here is :func:`~fireworks_deployments_testing.rules.fields.camel_to_snake`, which gives the
generator's own ``snake_case`` on every name of our spec (tests/generated/test_naming.py proves it).
Nothing is listed by hand, so an operation or parameter the client lacks is reported, not skipped.
"""

from __future__ import annotations

import builtins
import functools
import importlib
import inspect
import keyword
import ssl
from types import ModuleType
from typing import Any

from fireworks_deployments_testing.rules.fields import camel_to_snake
from fireworks_deployments_testing.rules.spec import Operation

PACKAGE = "fireworks_deployments_client"
BASE_URL = "https://contract.invalid"
TOKEN = "ct-token-not-a-secret"


def module_for(operation: Operation) -> ModuleType:
    tag = operation.definition.get("tags", ["default"])[0]
    return importlib.import_module(f"{PACKAGE}.api.{camel_to_snake(tag)}.{camel_to_snake(operation.operation_id)}")


def kwarg_for(operation: Operation, param_name: str) -> str:
    params = inspect.signature(module_for(operation).sync_detailed).parameters
    name = camel_to_snake(param_name)
    for candidate in (name, name + "_"):
        if candidate in params:
            return candidate
    shadow = keyword.iskeyword(name) or hasattr(builtins, name)
    raise LookupError(
        f"generated {operation.operation_id}.sync_detailed has no keyword for spec parameter {param_name!r}"
        f" (tried {name!r}{' and ' + name + '_' if shadow else ''})"
    )


def model(name: str) -> Any:
    return getattr(importlib.import_module(f"{PACKAGE}.models"), name)


def ref_name(schema: dict[str, Any] | None) -> str:
    if not schema or "$ref" not in schema:
        raise LookupError(f"schema {schema!r} is not a named component (name every schema)")
    return str(schema["$ref"].rsplit("/", 1)[-1])


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    # Building a default SSL context costs ~30 ms (loading CA files); one per example dominated the run.
    return ssl.create_default_context()


def make_client(**kwargs: Any) -> Any:
    """An AuthenticatedClient of the generated package aimed at BASE_URL (respx intercepts it)."""
    client_mod = importlib.import_module(f"{PACKAGE}.client")
    return client_mod.AuthenticatedClient(
        base_url=BASE_URL, token=TOKEN, raise_on_unexpected_status=True, verify_ssl=_ssl_context(), **kwargs
    )
