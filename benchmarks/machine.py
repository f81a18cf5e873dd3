"""The machine, the software and the sources a run measured, as data and as text."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import platform
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from bench import Settings
from repos import CHECKLISTS, ROOT

PACKAGES = ("typer", "pydantic", "PyYAML", "rich", "Jinja2", "weasyprint", "python-docx",
            "openpyxl", "check-jsonschema", "yamllint")


def package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for text in info:
                if text.startswith("model name"):
                    return text.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def source_stamps() -> dict[str, int]:
    """Modification times of the sms20k package, its checklists and templates: others may be
    editing them while the benchmark runs."""
    spec = importlib.util.find_spec("sms20k")
    roots = [Path(p) for p in (spec.submodule_search_locations or [])] if spec else []
    roots += [CHECKLISTS, ROOT / "templates"]
    return {str(path): path.stat().st_mtime_ns for root in roots if root.is_dir()
            for path in sorted(root.rglob("*")) if path.is_file() and path.suffix != ".pyc"}


def changed_sources(before: dict[str, int]) -> list[str]:
    after = source_stamps()
    return sorted(os.path.relpath(path, ROOT) for path in before.keys() | after.keys()
                  if before.get(path) != after.get(path))


def machine(s: Settings, load_before: str) -> dict[str, Any]:
    try:
        import yaml

        libyaml = "yes" if getattr(yaml, "__with_libyaml__", False) else "no"
    except ImportError:
        libyaml = "PyYAML not installed"
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "cpu": cpu_model(), "cores": os.cpu_count(), "usable_cores": usable,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(), "executable": sys.executable,
        "sms20k": package_version("sms20k"), "libyaml": libyaml,
        "packages": {name: package_version(name) for name in PACKAGES},
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "load_before": load_before, "load_after": load_average(),
        "runs": s.runs, "startup_runs": s.startup_runs, "pdf_runs": s.pdf_runs,
        "quick": s.quick,
    }


def machine_text(info: dict[str, Any]) -> str:
    versions = ", ".join(f"{name} {version}" for name, version in info["packages"].items())
    return "\n".join([
        f"Machine: {info['cpu']}, {info['cores']} cores ({info['usable_cores']} usable), "
        f"{info['system']}",
        f"Python {info['python']} ({info['executable']}), sms20k {info['sms20k']}, "
        f"libyaml {info['libyaml']}",
        f"Packages: {versions}",
        f"Date: {info['date']}; load average {info['load_before']} before, "
        f"{info['load_after']} after",
        f"Runs: {info['runs']} per command ({info['startup_runs']} for start-up, "
        f"{info['pdf_runs']} for the PDF), alternating command and baselines, each after one "
        f"untimed warm-up (not the PDF){'; --quick' if info['quick'] else ''}",
    ])
