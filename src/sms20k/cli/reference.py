"""docs/cli.md's command reference, generated from the application itself: every command's
usage, options, defaults and JSON output. A test keeps the file equal to this output.

    python -m sms20k.cli.reference --write docs/cli.md
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer.main
from typer._click.core import Command as ClickCommand
from typer._click.core import Context
from typer.core import TyperGroup

from sms20k.cli.helptext import help_record, usage_piece
from sms20k.cli.output_schemas import OUTPUTS, kind_of, output_schema

BEGIN = ("<!-- The command reference below is generated from the application: do not edit it "
         "here. Run `python -m sms20k.cli.reference --write docs/cli.md`. -->")
END = "<!-- end of the generated command reference -->"


def commands() -> Iterator[tuple[str, ClickCommand]]:
    """Every command that runs (not the groups), in the order ``--help`` lists them."""
    def walk(command: ClickCommand, path: str) -> Iterator[tuple[str, ClickCommand]]:
        if isinstance(command, TyperGroup):
            for name, sub in command.commands.items():
                yield from walk(sub, f"{path} {name}".strip())
        else:
            yield path, command

    from sms20k.cli.commands import app

    yield from walk(typer.main.get_command(app), "")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _usage(path: str, command: ClickCommand) -> str:
    ctx = Context(command, info_name=path)
    arguments = [usage_piece(p) for p in command.get_params(ctx)
                 if p.param_type_name == "argument"]
    return " ".join(["sms20k", path, "[OPTIONS]", *arguments])


def _parameters(command: ClickCommand) -> list[str]:
    rows = ["| argument or option | meaning |", "|---|---|"]
    for param in command.params:
        record = help_record(param)
        if record is not None:
            rows.append(f"| `{record[0]}` | {_cell(record[1])} |")
    rows.append("| `-h, --help` | Show the help and exit. |")
    return rows


def _type(spec: dict[str, Any]) -> str:
    if "$ref" in spec:
        return str(spec["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in spec:
        return " or ".join(_type(s) for s in spec["anyOf"])
    if spec.get("type") == "array":
        return f"list of {_type(spec.get('items', {}))}"
    if "const" in spec:
        return f"`\"{spec['const']}\"`"
    return str(spec.get("type", "any"))


def _fields(schema: dict[str, Any]) -> list[str]:
    """The top-level fields of a command's JSON output (of each shape, for ``show``)."""
    shapes = ([schema["$defs"][ref["$ref"].rsplit("/", 1)[-1]] for ref in schema["anyOf"]]
              if "anyOf" in schema else [schema])
    rows = []
    for shape in shapes:
        properties = shape.get("properties", {})
        kind = properties.get("kind", {}).get("const")
        names = ", ".join(f"`{name}` ({_type(spec)})" for name, spec in properties.items()
                          if name not in ("format_version", "kind"))
        rows.append(f"- `kind: {kind}`: {names}" if kind else f"- {names}")
    return rows


def _json_output(path: str) -> list[str]:
    kind = kind_of(path)
    if kind == "report":
        return ["JSON output: the report file `report.json` (`-f json`), described by "
                "`sms20k schema report`."]
    if kind not in OUTPUTS:
        return []
    return [f"JSON output (`-f json`), described by `sms20k schema {kind}`; every view also "
            "has `format_version` and `kind`:", "", *_fields(output_schema(kind))]


def _section(path: str, command: ClickCommand) -> list[str]:
    paragraphs = re.split(r"\n\s*\n", (command.help or "").strip())
    text = "\n\n".join(" ".join(p.split()) for p in paragraphs)
    lines = [f"### `sms20k {path}`", "", "```text", _usage(path, command), "```", "", text, ""]
    lines += _parameters(command)
    output = _json_output(path)
    return [*lines, *(["", *output] if output else []), ""]


def render_reference() -> str:
    lines = [BEGIN, "", "## Commands", ""]
    names = [path for path, _ in commands()]
    lines += [" · ".join(f"[`{n}`](#sms20k-{n.replace(' ', '-')})" for n in names), ""]
    for path, command in commands():
        lines += _section(path, command)
    lines += ["Unless its description says otherwise, a command exits 0 on success, 2 on "
              "invalid input or usage, 3 on an internal error, and 130 or 143 when interrupted "
              "([Exit codes](#exit-codes)).", "",
              "Every value offered above (formats, editions, orders, classes, kinds, shells) "
              "is matched in any case.", "", END]
    return "\n".join(lines) + "\n"


def splice(document: str) -> str:
    """``document`` with its generated part replaced by the current reference."""
    start, end = document.find(BEGIN), document.find(END)
    if start < 0 or end < start:
        raise SystemExit(f"the markers of the generated reference are missing:\n{BEGIN}\n{END}")
    return document[:start] + render_reference() + document[end + len(END) + 1:]


def main(argv: list[str]) -> int:
    if argv[:1] == ["--write"] and len(argv) == 2:
        target = Path(argv[1])
        target.write_text(splice(target.read_text(encoding="utf-8")), encoding="utf-8")
        return 0
    sys.stdout.write(render_reference())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
