"""The entry point itself: output encodings that cannot show everything, integer options of any
size. Encodings need a real process (``python -m sms20k``), as the test runner replaces
the streams."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sms20k.cli.application import MAX_FILE_SIZE

from ..conftest import DATA, Invoke

AS_OF = "2026-11-29"
BASIC = DATA / "evidence" / "valid" / "basic"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The basic repository with text no 8-bit encoding holds: in the summary, in findings."""
    shutil.copytree(BASIC, tmp_path / "repo")
    manifest = tmp_path / "repo" / "sms20k.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        "name: Fixture Cloud", "name: \"Fixture ☁ Ωmega 雲 \\U0001F600\""), encoding="utf-8")
    return tmp_path / "repo"


COMMANDS = {
    "assess": (["assess", "{repo}", "--as-of", AS_OF, "-o", "{tmp}/out", "-f", "json"], 0),
    "validate": (["validate", "{repo}", "--as-of", AS_OF], 0),
    "validate-findings": (["validate", "{repo}", "--as-of", AS_OF], 1),
    "show": (["show", "S01"], 0),
    "error": (["validate", "{tmp}/répertoire-☁"], 2),
}


@pytest.mark.parametrize("encoding", ["ascii", "cp1252", "latin-1"])
@pytest.mark.parametrize("command", COMMANDS)
def test_any_output_encoding_degrades_instead_of_crashing(repo: Path, tmp_path: Path,
                                                          encoding: str, command: str) -> None:
    args, code = COMMANDS[command]
    if command == "validate-findings":  # an unknown item id, echoed in the finding
        entries = repo / "evidence" / "entries.yaml"
        entries.write_text(entries.read_text(encoding="utf-8").replace(
            "item: X01.01", "item: X01.01-Ünï☁"), encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    env.pop("GITHUB_ACTIONS", None)
    done = subprocess.run(
        [sys.executable, "-m", "sms20k",
         *(a.replace("{repo}", str(repo)).replace("{tmp}", str(tmp_path)) for a in args)],
        capture_output=True, env=env, timeout=120)
    shown = f"exit {done.returncode}\nstdout:\n{done.stdout!r}\nstderr:\n{done.stderr!r}"
    assert done.returncode == code, shown
    assert b"Traceback" not in done.stderr and b"internal error" not in done.stderr, shown
    done.stdout.decode(encoding)
    done.stderr.decode(encoding)
    assert done.stdout or done.stderr, shown


@pytest.mark.parametrize("value", [str(10**23), str(2**63), str(2**64), str(MAX_FILE_SIZE + 1),
                                   "-1", "0", "1e9"])
def test_max_file_size_out_of_range_is_a_usage_error(invoke: Invoke, value: str) -> None:
    result = invoke(["validate", BASIC, "--max-file-size", value], code=2)
    assert "--max-file-size" in result.stderr, result.stderr


def test_max_file_size_at_its_limit_is_accepted(invoke: Invoke) -> None:
    invoke(["validate", BASIC, "--as-of", AS_OF, "--max-file-size", str(MAX_FILE_SIZE)])


def test_the_package_app_is_the_application_whatever_was_imported_first() -> None:
    code = ("import sms20k.cli.assess, typer\n"
            "from sms20k.cli import app\n"
            "assert isinstance(app, typer.Typer), type(app)\n"
            "print(sorted(c.name or c.callback.__name__ for c in app.registered_commands))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "'assess'" in done.stdout and "'validate'" in done.stdout, done.stdout
