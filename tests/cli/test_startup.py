"""What each command loads: start-up time is the import of what it needs, no more."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "nimbus-cloud"
PROBE = """
import json, sys
sys.argv = ["sms20k", *sys.argv[1:]]
from sms20k.cli import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def loaded(*args: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                          timeout=120, check=False)
    modules: list[str] = json.loads(done.stderr.strip().splitlines()[-1])
    return set(modules)


def _any(modules: set[str], *prefixes: str) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in prefixes or m.startswith(prefixes))


@pytest.mark.parametrize("args", [["--version"], ["--help"]])
def test_version_and_help_load_no_models(args: list[str]) -> None:
    heavy = _any(loaded(*args), "pydantic", "rich", "jinja2", "yaml")
    assert not heavy, heavy


def test_a_commands_help_loads_no_yaml_rich_or_jinja() -> None:
    # typer itself builds each option's type with pydantic once a command is parsed.
    heavy = _any(loaded("assess", "--help"), "rich", "jinja2", "yaml", "sms20k.assessment")
    assert not heavy, heavy


def test_validate_loads_neither_rich_nor_jinja_nor_the_report() -> None:
    modules = loaded("validate", str(EXAMPLE), "-q")
    assert "sms20k.evidence.validate" in modules  # the probe ran the command
    unwanted = _any(modules, "rich", "jinja2", "sms20k.assessment", "sms20k.formats.html")
    assert not unwanted, unwanted



def test_a_quiet_assess_to_json_loads_neither_rich_nor_jinja(tmp_path: Path) -> None:
    """A CI job's assess: no terminal summary, so no rich; no HTML, so no Jinja."""
    modules = loaded("assess", str(EXAMPLE), "-f", "json", "-o", str(tmp_path), "-q")
    assert "sms20k.formats.json" in modules and (tmp_path / "report.json").is_file()
    unwanted = _any(modules, "rich", "jinja2", "sms20k.formats.html")
    assert not unwanted, unwanted

def test_the_cli_default_file_size_is_the_readers() -> None:
    from sms20k.cli.application import DEFAULT_FILE_SIZE
    from sms20k.yamlio import DEFAULT_MAX_BYTES

    assert DEFAULT_FILE_SIZE == DEFAULT_MAX_BYTES
