"""Turn Pydantic validation errors into findings that point into the YAML file."""

from __future__ import annotations

import types
import typing
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from sms20k.codes import SCHEMA
from sms20k.findings import Finding
from sms20k.suggest import did_you_mean
from sms20k.yamlio import YamlDocument


def field_path(loc: tuple[str | int, ...]) -> str:
    text = ""
    for step in loc:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text or "(document)"


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """Walk the model class along ``loc``, unwrapping lists and optionals."""
    current: Any = model
    for step in loc:
        if isinstance(step, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(step)
        if info is None:
            info = next((f for f in current.model_fields.values() if f.alias == step), None)
        if info is None:
            return None
        current = _unwrap(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = get_origin(annotation)
        if origin in (list, tuple, set, frozenset, dict):
            annotation = get_args(annotation)[-1]
        elif origin in (typing.Union, types.UnionType):
            options = [arg for arg in get_args(annotation) if arg is not type(None)]
            annotation = options[0]
        elif origin is typing.Annotated:
            annotation = get_args(annotation)[0]
        else:
            return annotation


def _field_names(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "an empty value"
    if isinstance(value, str):
        return "text"
    return f"a {type(value).__name__}"


def _message(error: ErrorDetails, model: type[BaseModel]) -> tuple[str, str | None]:
    kind = error["type"]
    loc = tuple(error["loc"])
    value = error.get("input")
    if kind == "missing":
        return f"missing required field `{loc[-1]}`", f"add `{loc[-1]}:` here"
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        known = _field_names(parent) if parent else []
        hint = did_you_mean(str(loc[-1]), known)
        if hint is None and known:
            hint = "allowed fields: " + ", ".join(known)
        return f"unknown field `{loc[-1]}`", hint
    if kind == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"expected text, got {_describe(value)} {value!r}", f'quote it: "{value}"'
    if kind == "date_type" and isinstance(value, str):
        return f"expected a date, got text {value!r}", "write the date unquoted, as YYYY-MM-DD"
    if kind.endswith("_type") or kind in ("model_type", "dict_type", "list_type"):
        return f"{error['msg'].lower()}, got {_describe(value)}", None
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        options = [part.strip(" '") for part in expected.replace(" or ", ", ").split(",")]
        hint = did_you_mean(str(value), options) if isinstance(value, str) else None
        return f"{value!r} is not allowed; expected {expected}", hint
    if kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        return f"{value!r} does not have the expected form {pattern}", None
    if kind == "too_short":
        return "must not be empty", "add at least one entry"
    return error["msg"], None


def to_findings(exc: ValidationError, doc: YamlDocument, model: type[BaseModel]) -> list[Finding]:
    findings: list[Finding] = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        message, hint = _message(error, model)
        pos = doc.locate(loc, key=error["type"] == "extra_forbidden")
        given = error.get("input")
        value = "" if isinstance(given, (dict, list)) or given is None else str(given)[:200]
        findings.append(
            SCHEMA.at(doc.display, pos.line if pos else None, pos.col if pos else None, message,
                      hint=hint, field=field_path(loc), subject=f"{field_path(loc)}={value}")
        )
    return findings
