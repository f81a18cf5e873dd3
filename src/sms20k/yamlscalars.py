"""YAML 1.1 scalars as PyYAML's safe loader resolves and constructs them, with sms20k's limits."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml
from yaml.resolver import Resolver

__all__ = ["CONSTRUCTORS", "MAX_INT_DIGITS", "TAG", "TooLarge", "resolve", "short_tag"]
TAG = "tag:yaml.org,2002:"
MAX_INT_DIGITS = 1000

_SCALARS = yaml.constructor.SafeConstructor()
_IMPLICIT = Resolver.yaml_implicit_resolvers
_INT_LIMIT = 10**MAX_INT_DIGITS


def short_tag(tag: str) -> str:
    return "!!" + tag[len(TAG):] if tag.startswith(TAG) else tag


def resolve(value: str) -> str:
    # Keyed by first character; the empty string (``key:`` with no value) is null.
    for tag, regexp in _IMPLICIT.get(value[:1], []):
        if regexp.match(value):
            return str(tag)
    return TAG + "str"


def _node(value: str) -> yaml.ScalarNode:
    return yaml.ScalarNode(TAG, value)


def _bool(value: str) -> bool:
    result: bool = _SCALARS.construct_yaml_bool(_node(value))
    return result


def _float(value: str) -> float:
    result: float = _SCALARS.construct_yaml_float(_node(value))
    return result


def _date(value: str) -> dt.date:
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        return dt.date.fromisoformat(value)  # ASCII digits only, unlike int()
    result: dt.date = _SCALARS.construct_yaml_timestamp(_node(value))
    return result


class TooLarge(ValueError):
    """An integer too large to print: hex, octal and base-60 forms skip Python's digit limit."""


def _int(value: str) -> int:
    if value.isdigit() and (value == "0" or value[0] != "0"):
        if len(value) > MAX_INT_DIGITS:
            raise TooLarge(value)
        return int(value)
    result: int = _SCALARS.construct_yaml_int(_node(value))
    if abs(result) >= _INT_LIMIT:
        raise TooLarge(value)
    return result


CONSTRUCTORS: dict[str, Any] = {
    TAG + "bool": _bool,
    TAG + "int": _int,
    TAG + "float": _float,
    TAG + "timestamp": _date,
}
