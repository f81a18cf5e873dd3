"""Turning option values into Python values without a pydantic TypeAdapter per option.

typer 0.29 builds a TypeAdapter for every parameter of the command it runs: about 10 ms
each, 100 ms for ``validate`` alone, more than the command's own work on a small
repository. Every sms20k option is a string, a path, a number in a range, a flag or a choice
(or a list of one of these), so it is converted here, with the same results and usage
errors in sms20k's words; anything else is left to typer.
"""

from __future__ import annotations

import math
import re
import types
import typing
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from typer._click.core import Context, Parameter
from typer._click.exceptions import BadParameter
from typer._coercion import RuntimeParam

from sms20k.safetext import visible

_WHOLE = re.compile(r"[+-]?[0-9]+(?:_[0-9]+)*")  # as int() and pydantic read it
SIMPLE = (str, Path, int, float, bool)


def _plain(annotation: Any) -> tuple[Any, bool] | None:
    """The element type of ``X``, ``X | None`` or ``list[X]``, and whether it is a list;
    None when it is none of the simple kinds."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _plain(rest[0]) if len(rest) == 1 else None
    if origin is list:
        (inner,) = typing.get_args(annotation)
        element = _plain(inner)
        return (element[0], True) if element and not element[1] else None
    if annotation in SIMPLE or (isinstance(annotation, type) and issubclass(annotation, Enum)):
        return annotation, False
    return None


def _typed(value: Any) -> str:
    return visible(repr(value.value if isinstance(value, Enum) else str(value)))


def choice_message(typed: str, options: list[str], value: str) -> str:
    from sms20k.suggest import did_you_mean

    guess = did_you_mean(value, options) if value else None
    return f"{typed} is not one of {', '.join(options)}" + (f"; {guess}" if guess else "")


def range_message(typed: str, low: Any, high: Any) -> str:
    bounds = (f"from {low} to {high}" if low is not None and high is not None
              else f"at least {low}" if low is not None else f"at most {high}")
    return f"{typed} is out of range; give a number {bounds}"


@dataclass(frozen=True)
class SimpleParam(RuntimeParam):
    kind: Any = str
    many: bool = False

    def _coerce_value(self, value: Any, param: Any, ctx: Context) -> Any:
        if self.many:
            return [self._one(item, param, ctx) for item in value]
        return self._one(value, param, ctx)

    def _one(self, value: Any, param: Any, ctx: Context) -> Any:
        kind = self.kind
        if isinstance(kind, type) and issubclass(kind, Enum):
            return self._choice(kind, value, param, ctx)
        if kind is bool:  # flags; typer passes them through, except --help's unset None
            if not isinstance(value, bool):
                raise BadParameter(f"{_typed(value)} is not on or off", ctx=ctx, param=param)
            return value
        if kind is str:
            return value if isinstance(value, str) else str(value)
        if kind is Path:
            return value if isinstance(value, Path) else Path(value)
        number = self._number(value, param, ctx)
        low, high = getattr(param, "min", None), getattr(param, "max", None)
        if (low is not None and number < low) or (high is not None and number > high):
            raise BadParameter(range_message(_typed(value), low, high), ctx=ctx, param=param)
        return number

    def _number(self, value: Any, param: Any, ctx: Context) -> int | float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return self.kind(value)  # type: ignore[no-any-return]
        text = str(value).strip()
        if self.kind is int:
            if not _WHOLE.fullmatch(text):
                raise BadParameter(f"{_typed(value)} is not a whole number", ctx=ctx,
                                   param=param)
            return int(text)
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            raise BadParameter(f"{_typed(value)} is not a number", ctx=ctx, param=param)
        return number

    def _choice(self, kind: type[Enum], value: Any, param: Any, ctx: Context) -> Enum:
        if isinstance(value, kind):
            return value
        wanted = str(value).casefold()
        for member in kind:
            if str(member.value).casefold() == wanted:
                return member
        options = [str(member.value) for member in kind]
        raise BadParameter(choice_message(_typed(value), options, str(value)), ctx=ctx,
                           param=param)


def speed_up(params: list[Parameter]) -> None:
    """Give each simple parameter its converter, before typer builds its own."""
    for param in params:
        desc = getattr(param, "type_descriptor", None)
        if desc is None or getattr(param, "_runtime_param", True) is not None:
            continue
        if desc.file_annotation is not None or (desc.is_choice and desc.case_sensitive):
            continue
        plain = _plain(desc.annotation)
        if plain is not None:
            param._runtime_param = SimpleParam(  # type: ignore[attr-defined]
                parameter_info=desc.parameter_info, annotation=desc.annotation,
                kind=plain[0], many=plain[1])
