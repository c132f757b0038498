"""The generated client keeps what it does not know: unknown enum values and unknown fields.

Responses are synthesized from the spec (every property filled, nested objects
and arrays included), with a value the spec does not list in EVERY enum-typed
field and an extra field in every open object. Parsing them and calling
to_dict() must give back exactly the input.
"""

from __future__ import annotations

import importlib
from enum import Enum
from typing import Any

import pytest
from spec_support import (
    PACKAGE,
    UNKNOWN_FIELD,
    UNKNOWN_FIELD_VALUE,
    class_name_of,
    follow,
    iter_named_schemas,
    operations,
    resolve,
    response_schema_refs,
    synthesize,
)

RESPONSE_REFS = response_schema_refs()


def model_class(ref: str) -> Any:
    return getattr(importlib.import_module(f"{PACKAGE}.models"), class_name_of(ref))


def deployment_ref() -> str:
    get = next(op for op in operations() if op.operation_id == "getDeployment")
    ref: str = get.success_schema()["$ref"]
    return ref


def test_the_deployment_has_enums_at_top_level_nested_and_in_arrays() -> None:
    paths = synthesize({"$ref": deployment_ref()}, unknown=True).enum_paths
    assert any(len(p) == 1 for p in paths), paths
    assert any(len(p) > 1 for p in paths), "expected nested enums, e.g. status.code"
    assert any(kind == "item" for p in paths for kind, _ in p), "expected arrays of enums, e.g. placement.regions[]"


@pytest.mark.parametrize("ref", RESPONSE_REFS)
def test_unknown_enum_values_and_fields_survive_a_round_trip(ref: str) -> None:
    sample = synthesize({"$ref": ref}, unknown=True)
    cls = model_class(ref)

    parsed = cls.from_dict(sample.value)

    assert parsed.to_dict() == sample.value
    for path in sample.enum_paths:
        value = follow(parsed, path)
        assert isinstance(value, Enum), path
        assert value not in type(value), f"{path}: an unknown value must not pass for a known member"
        assert value.value == follow_json(sample.value, path)
    for path in sample.unknown_field_paths:
        assert follow(parsed, path).additional_properties[UNKNOWN_FIELD] == UNKNOWN_FIELD_VALUE


@pytest.mark.parametrize("ref", RESPONSE_REFS)
def test_known_enum_values_are_still_typed_members(ref: str) -> None:
    sample = synthesize({"$ref": ref}, unknown=False)

    parsed = model_class(ref).from_dict(sample.value)

    assert parsed.to_dict() == sample.value
    for path in sample.enum_paths:
        value = follow(parsed, path)
        assert value in type(value), path
        assert value is type(value)(follow_json(sample.value, path)), "known values map to the one member"


def enum_refs() -> list[str]:
    return [ref for ref, schema in iter_named_schemas() if "enum" in resolve(schema)]


@pytest.mark.parametrize("ref", enum_refs())
def test_every_enum_class_accepts_unknown_values(ref: str) -> None:
    cls = model_class(ref)
    known = resolve({"$ref": ref})["enum"]

    new = cls("NEW_VALUE_" + str(len(known)))

    assert isinstance(new, cls)
    assert new.value == "NEW_VALUE_" + str(len(known))
    assert str(new) == new.value
    assert new not in cls
    assert [m.value for m in cls] == sorted(known), "unknown values never become listed members"
    for member in cls:
        assert cls(member.value) is member


@pytest.mark.parametrize(
    "sent",
    ["2026-11-01T09:30:00Z", "2026-11-01T09:30:00.123456Z", "2026-11-01T11:30:00+02:00"],
)
def test_timestamps_round_trip_in_the_form_the_api_writes(sent: str) -> None:
    """UTC comes back with `Z` as sent; other offsets keep theirs. (Fractions other than 0 or 6 digits
    are padded to 6: the instant is kept, the spelling is not.)"""
    ref = deployment_ref()
    properties = resolve({"$ref": ref})["properties"]
    name = next(n for n, s in properties.items() if resolve(s).get("format") == "date-time")
    sample = synthesize({"$ref": ref}, unknown=False).value
    sample[name] = sent

    assert model_class(ref).from_dict(sample).to_dict()[name] == sent


def follow_json(value: Any, path: tuple[tuple[str, Any], ...]) -> Any:
    for _, key in path:
        value = value[key]
    return value
