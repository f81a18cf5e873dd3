"""sms20k's own conversion of option values agrees with typer's, value for value."""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer._click.core import Command, Context
from typer._click.exceptions import BadParameter
from typer._coercion import build_runtime_param
from typer.core import TyperGroup

from sms20k.cli.coercion import SimpleParam, speed_up
from sms20k.cli.commands import app

SAMPLES: dict[Any, list[Any]] = {
    str: ["abc", "", " x ", "ünïcode"],
    Path: [".", "a/b", "with space"],
    int: ["0", "1", "12", " 7 ", "-3", "+5", "1_000", "1k", "1e3", "", "0x10", "1.5",
          "99999999999999999999999", "4294967296", "4294967297"],
    float: ["0", "100", "50.5", "-1", "1e2", " 3 ", "inf", "-inf", "nan", "abc", "", "100.01"],
    bool: [True, False],
}


def _commands(command: Command) -> Iterator[Command]:
    if isinstance(command, TyperGroup):
        for sub in command.commands.values():
            yield from _commands(sub)
    yield command


PARAMS = [(command, param) for command in _commands(typer.main.get_command(app))
          for param in command.params]


def _values(fast: SimpleParam) -> list[Any]:
    if isinstance(fast.kind, type) and issubclass(fast.kind, Enum):
        values = [str(member.value) for member in fast.kind]
        return [*values, *(v.upper() for v in values), *(v.title() for v in values), "bogus"]
    return SAMPLES[fast.kind]


def _outcome(runtime: Any, value: Any, param: Any, ctx: Context) -> tuple[str, Any]:
    try:
        return "ok", runtime.coerce(value, param=param, ctx=ctx)
    except BadParameter:
        return "refused", None


@pytest.mark.parametrize(("command", "param"), PARAMS,
                         ids=[f"{c.name}-{p.name}" for c, p in PARAMS])
def test_every_option_is_converted_as_typer_would(command: Command, param: Any) -> None:
    param._runtime_param = None
    speed_up([param])
    fast = param._runtime_param
    assert isinstance(fast, SimpleParam), f"{command.name} {param.name} goes through pydantic"
    typers = build_runtime_param(param.type_descriptor)
    ctx = Context(command)
    for value in _values(fast):
        given = [value] if fast.many else value
        assert _outcome(fast, given, param, ctx) == _outcome(typers, given, param, ctx), \
            f"{command.name} {param.name} {value!r}"
    assert fast.coerce(None, param=param, ctx=ctx) == typers.coerce(None, param=param, ctx=ctx)
