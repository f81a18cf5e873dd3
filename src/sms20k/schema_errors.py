"""Turn Pydantic validation errors into findings that point into the YAML file."""

from __future__ import annotations

import datetime as dt
import re
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
        return "true or false"
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
    if isinstance(value, dt.datetime):
        return "a date and time"
    if isinstance(value, dt.date):
        return "a date"
    return "a value of another kind"


# What a field of each pydantic type holds, in the words of docs/evidence-format.md.
_EXPECTED = {
    "string": "text", "int": "a whole number", "float": "a number", "bool": "true or false",
    "list": "a list", "tuple": "a list", "set": "a list", "frozen_set": "a list",
    "dict": "a mapping", "model": "a mapping of fields", "model_attributes": "a mapping of fields",
    "date": "a date (YYYY-MM-DD)", "datetime": "a date and time", "time": "a time",
    "time_delta": "a duration", "none_required": "nothing", "url": "a URL",
}
_BOUNDS = {"greater_than": ("more than", "gt"), "greater_than_equal": ("at least", "ge"),
           "less_than": ("less than", "lt"), "less_than_equal": ("at most", "le"),
           "multiple_of": ("a multiple of", "multiple_of")}
# The fix for each of sms20k's own checks, whose messages say what is wrong.
_CUSTOM_HINTS = {
    "reference_target": "keep one of path, url or record; give each target its own reference",
    "reference_sha": "remove sha256, or point the reference at a path",
    "action_subject": "keep `finding` or `item`, not both; split the action if it answers both",
    "action_service": "add the `item` the service belongs to, or remove `service`",
    "action_closed": "add the effectiveness review, or set the status back to `implemented`",
    "duration": "P1Y is a year, P6M six months, P2W two weeks, P30D thirty days",
}
# Pydantic's own phrasing, for an error type not worded here.
_PHRASES = (("Input should be", "expected"), ("Value error, ", ""), ("Assertion failed, ", ""),
            ("Field required", "missing required field"), ("String should", "the text should"))


def _value(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _expected(kind: str) -> str | None:
    for suffix in ("_type", "_parsing", "_from_float", "_from_datetime_parsing"):
        if kind.endswith(suffix) and kind.removesuffix(suffix) in _EXPECTED:
            return _EXPECTED[kind.removesuffix(suffix)]
    return _EXPECTED.get(kind)


def _type_hint(kind: str, value: Any, expected: str) -> str:
    if kind == "string_type" and isinstance(value, (int, float)):
        return f'quote it: "{str(value).lower() if isinstance(value, bool) else value}"'
    if kind.startswith("date") and isinstance(value, dt.datetime):
        return "write the date alone, as YYYY-MM-DD"
    if kind.startswith("date"):
        return "write the date unquoted, as YYYY-MM-DD"
    if kind == "list_type" and isinstance(value, (str, int, float)):
        return f"write a list: [{value}]"
    if kind.startswith("bool"):
        return "write true or false, unquoted"
    return f"write {expected} here"


def _format_doc(model: type[BaseModel] | None) -> str:
    """The document that describes a file of ``model``."""
    if model is not None and model.__module__.startswith("sms20k.checklists"):
        return "docs/checklist-format.md"
    return "docs/evidence-format.md"


def describe(error: ErrorDetails, model: type[BaseModel] | None = None) -> tuple[str, str]:
    """One pydantic error as a message and a hint, in the user's terms: what the field must
    hold and how to write it, never pydantic's own phrasing."""
    kind = error["type"]
    loc = tuple(error["loc"])
    value = error.get("input")
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    name = loc[-1] if loc else "(document)"
    if kind == "missing":
        return f"missing required field `{name}`", f"add `{name}:` here"
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1]) if model else None
        known = _field_names(parent) if parent else []
        hint = did_you_mean(str(name), known)
        if hint is None:
            hint = ("allowed fields: " + ", ".join(known)) if known else "remove it"
        return f"unknown field `{name}`", hint
    expected = _expected(kind)
    if expected is not None:
        if kind == "date_type" and isinstance(value, str):
            return f"expected a date, got text {_value(value)}", _type_hint(kind, value, expected)
        if isinstance(value, bool):
            got = str(value).lower()
        else:
            shown = f" {_value(value)}" if isinstance(value, (int, float, str)) else ""
            got = _describe(value) + shown
        return f"expected {expected}, got {got}", _type_hint(kind, value, expected)
    if kind in ("literal_error", "enum"):
        allowed = str(ctx.get("expected", ""))
        options = [part.strip(" '") for part in allowed.replace(" or ", ", ").split(",")]
        hint = did_you_mean(str(value), options) if isinstance(value, str) else None
        return f"{_value(value)} is not allowed; expected {allowed}", \
            hint or "write one of the values listed"
    if kind == "string_pattern_mismatch":
        return (f"{_value(value)} does not have the expected form {ctx.get('pattern', '')}",
                f"write it in that form; {_format_doc(model)} shows examples")
    if kind in ("string_too_short", "too_short"):
        least = int(ctx.get("min_length", 1))
        unit = "character" if kind == "string_too_short" else "entry"
        if least <= 1:
            return "must not be empty", ("write some text, or leave the field out"
                                         if unit == "character" else "add at least one entry")
        return f"needs at least {least} {unit}s", f"add {unit}s"
    if kind in ("string_too_long", "too_long"):
        most = int(ctx.get("max_length", 0))
        unit = "characters" if kind == "string_too_long" else "entries"
        return f"is longer than the limit of {most:,} {unit}", f"keep it to {most:,} {unit}"
    if kind in _BOUNDS:
        words, key = _BOUNDS[kind]
        limit = ctx.get(key)
        if isinstance(limit, float) and limit.is_integer():
            limit = int(limit)
        return f"{_value(value)} is out of range; it must be {words} {limit}", \
            "write a number in that range"
    if kind == "finite_number":
        return "must be a finite number, not infinity or NaN", "write a number"
    if kind == "json_invalid":
        return f"not valid JSON: {ctx.get('error', '')}", "check the file is complete JSON"
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", "")), "fix this value"
    if kind in _CUSTOM_HINTS:
        return error["msg"], _CUSTOM_HINTS[kind]
    message = error["msg"]
    for phrase, words in _PHRASES:
        message = message.replace(phrase, words)
    return message, "fix this value"


def to_findings(exc: ValidationError, doc: YamlDocument, model: type[BaseModel]) -> list[Finding]:
    findings: list[Finding] = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        message, hint = describe(error, model)
        pos = doc.locate(loc, key=error["type"] == "extra_forbidden")
        given = error.get("input")
        value = "" if isinstance(given, (dict, list)) or given is None else str(given)[:200]
        findings.append(
            SCHEMA.at(doc.display, pos.line if pos else None, pos.col if pos else None, message,
                      hint=hint, field=field_path(loc), subject=f"{field_path(loc)}={value}")
        )
    return findings


_JSON_LINE = re.compile(r" at line (\d+) column \d+$")


def json_problem(exc: ValidationError, model: type[BaseModel]) -> tuple[str, str, int | None]:
    """A JSON file's first problem as a message (``results[3].result: ...``, and how many
    more there are), a hint, and the line when the JSON itself is broken."""
    errors = exc.errors(include_url=False)
    first = errors[0]
    loc = tuple(first["loc"])
    message, hint = describe(first, model)
    line = None
    if first["type"] == "json_invalid":
        found = _JSON_LINE.search(message)
        line = int(found.group(1)) if found else None
        message = _JSON_LINE.sub("", message)
    elif not loc and first["type"] in ("model_type", "model_attributes_type", "dict_type"):
        message = f"the file holds {_describe(first.get('input'))}, not a JSON object"
    elif first["type"] in ("missing", "extra_forbidden"):  # the message names the field
        message = f"{field_path(loc[:-1])}: {message}" if len(loc) > 1 else message
    else:
        message = f"{field_path(loc)}: {message}"
    if len(errors) > 1:
        more = len(errors) - 1
        message += f"; {more} more problem{'s' * (more != 1)}"
    return message, hint, line
