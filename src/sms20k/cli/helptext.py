"""How every command shows its help and its usage errors: in plain words, like pip's or
ripgrep's, without typer's type labels (``<path>``, ``<list[str]>``) or brace-wrapped
arguments (``{ID}``), and with usage errors that never quote pydantic's wording."""

from __future__ import annotations

from enum import Enum
from typing import Any

# typer carries its own copy of click; sms20k already builds on it for completion.
from typer._click.core import Command as _ClickCommand
from typer._click.core import Context, Parameter
from typer._click.formatting import HelpFormatter
from typer.core import TyperArgument as Argument
from typer.core import TyperCommand, TyperGroup
from typer.core import TyperOption as Option

from sms20k.cli.coercion import speed_up


def choices_of(param: Parameter) -> list[str] | None:
    """The values a parameter accepts, as the user types them; None when any value goes."""
    desc = getattr(param, "type_descriptor", None)
    if desc is None or not desc.is_choice or desc.choices is None:
        return None
    return [c.value if isinstance(c, Enum) else str(c) for c in desc.choices]


def _takes_value(param: Parameter) -> bool:
    return not (getattr(param, "is_flag", False) or getattr(param, "count", False))


def metavar(param: Parameter) -> str:
    """``FORMAT``, ``DIR``, ``DATE``: the placeholder for the value an option or argument
    takes, from the declared metavar or else the parameter's name."""
    if param.metavar:
        return param.metavar
    name = param.opts[-1] if isinstance(param, Option) else (param.name or "value")
    longest = max(param.opts, key=len) if isinstance(param, Option) else name
    return longest.lstrip("-").replace("-", "_").upper()


def usage_piece(param: Parameter) -> str:
    """``REPO``, ``[REPO]``, ``DIR...``: an argument as the usage line shows it."""
    name = metavar(param)
    repeated = param.nargs != 1
    name = name if param.required else f"[{name}]"
    return f"{name}..." if repeated else name


def _shown(value: Any) -> str:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, (list, tuple)):
        return ", ".join(_shown(v) for v in value)
    return str(value)


def _extras(param: Parameter) -> list[str]:
    extras: list[str] = []
    show_default = getattr(param, "show_default", True)
    default = param.default
    if isinstance(show_default, str):
        extras.append(f"default: {show_default}")
    elif (show_default and _takes_value(param) and default not in (None, [], ())
          and not callable(default)):
        extras.append(f"default: {_shown(default)}")
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None:
        extras.append(f"{low} to {high}")
    elif low is not None:
        extras.append(f"at least {low}")
    elif high is not None:
        extras.append(f"at most {high}")
    if param.required and isinstance(param, Option):
        extras.append("required")
    return extras


def help_record(param: Parameter) -> tuple[str, str] | None:
    """One row of the Arguments or Options section: the name with its placeholder, and
    the help with its choices, default, range and whether it is required."""
    if getattr(param, "hidden", False):
        return None
    if isinstance(param, Option):
        names = ", ".join(sorted(param.opts, key=len))
        name = f"{names} {metavar(param)}" if _takes_value(param) else names
    else:
        name = metavar(param) + ("..." if param.nargs != 1 else "")
    text = getattr(param, "help", None) or ""
    options = choices_of(param)
    if options:
        text = f"{text} One of: {', '.join(options)}." if text else f"One of: {', '.join(options)}."
    extras = _extras(param)
    if extras:
        text = f"{text}  [{'; '.join(extras)}]"
    return name, text.strip()


def _write_sections(command: _ClickCommand, ctx: Context,
                    formatter: HelpFormatter) -> None:
    rows: dict[str, list[tuple[str, str]]] = {"argument": [], "option": []}
    for param in command.get_params(ctx):
        record = help_record(param)
        if record is not None:
            rows[param.param_type_name].append(record)
    for title, kind in (("Arguments", "argument"), ("Options", "option")):
        if rows[kind]:
            with formatter.section(title):
                formatter.write_dl(rows[kind])


def _parse(command: _ClickCommand, parse: Any, ctx: Context, args: list[str]) -> list[str]:
    # Every option is converted by sms20k.cli.coercion, whose usage errors are already in
    # sms20k's words (tests/cli/test_coercion.py proves no option reaches pydantic).
    speed_up(command.get_params(ctx))
    result: list[str] = parse(ctx, args)
    return result


class Command(TyperCommand):
    """Every sms20k command: plain help, and options converted by sms20k."""

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        return pieces + [usage_piece(p) for p in self.get_params(ctx)
                         if isinstance(p, Argument)]

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        _write_sections(self, ctx, formatter)

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        return _parse(self, super().parse_args, ctx, args)


class Group(TyperGroup):
    """A command group (the application, ``export``): its own options in plain words."""

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        _write_sections(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        return _parse(self, super().parse_args, ctx, args)
