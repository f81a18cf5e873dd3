"""Where start-up goes: ``python -X importtime`` of one command, by package and by module.

The probe runs the command in the same process that imported it (``sms20k.cli.main``), so
the lazy imports of the command itself are counted too; its own output is discarded.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

PROBE = """\
import contextlib, io, sys
sys.argv = ["sms20k", *sys.argv[1:]]
from sms20k.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main()
    except SystemExit:
        pass
"""
_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)\s*$")
THIRD_PARTY = ("sms20k", "pydantic", "pydantic_core", "typer", "click", "yaml", "rich",
               "jinja2", "markupsafe", "annotated_types", "typing_extensions",
               "typing_inspection", "shellingham")


@dataclass(frozen=True)
class Imported:
    module: str
    self_us: int
    cumulative_us: int
    depth: int


def parse(stderr: str) -> list[Imported]:
    """The ``import time:`` lines of ``stderr``, in the order Python wrote them."""
    found = []
    for line in stderr.splitlines():
        match = _LINE.match(line)
        if match:
            own, total, indent, module = match.groups()
            found.append(Imported(module, int(own), int(total), (len(indent) - 1) // 2))
    return found


def package(module: str) -> str:
    top = module.split(".")[0]
    return top if top in THIRD_PARTY else "standard library and others"


def by_package(imports: Sequence[Imported]) -> dict[str, int]:
    """Self time per package, in microseconds, largest first."""
    totals: dict[str, int] = {}
    for imported in imports:
        name = package(imported.module)
        totals[name] = totals.get(name, 0) + imported.self_us
    return dict(sorted(totals.items(), key=lambda kv: -kv[1]))


def profile(args: Sequence[str], env: Mapping[str, str]) -> list[Imported]:
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", PROBE, *args],
                          capture_output=True, text=True, env=dict(env), timeout=300,
                          check=False)
    return parse(done.stderr)


def summary(command: str, imports: Sequence[Imported], top: int = 12) -> dict[str, Any]:
    return {
        "command": command,
        "modules": len(imports),
        "total_ms": round(sum(i.self_us for i in imports) / 1000, 1),
        "by_package_ms": {k: round(v / 1000, 1) for k, v in by_package(imports).items()},
        "slowest_ms": [[i.module, round(i.self_us / 1000, 1)]
                       for i in sorted(imports, key=lambda i: -i.self_us)[:top]],
    }


def text(data: Mapping[str, Any]) -> list[str]:
    packages = ", ".join(f"{name} {ms:g}" for name, ms in data["by_package_ms"].items())
    slowest = ", ".join(f"{name} {ms:g}" for name, ms in data["slowest_ms"])
    return [f"Imports of `{data['command']}` (python -X importtime, one run, its own overhead "
            f"included): {data['modules']} modules, {data['total_ms']:g} ms",
            f"  by package (ms, self time): {packages}",
            f"  slowest modules (ms, self time: a module's own code, its classes built): "
            f"{slowest}"]
