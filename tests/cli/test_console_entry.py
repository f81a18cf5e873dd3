"""The ``sms20k`` command's entry: main's exit code and every buffered byte, then no teardown."""

from __future__ import annotations

import subprocess
import sys

import pytest

DRIVER = """
import sys
import sms20k.cli as cli
def fake():
{body}
cli.main = fake
cli.console_entry()
print("not reached", file=sys.stderr)
"""


def run(body: str) -> subprocess.CompletedProcess[str]:
    code = DRIVER.format(body="\n".join("    " + line for line in body.splitlines()))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=False)


@pytest.mark.parametrize(("body", "status"), [
    ("pass", 0),
    ("sys.exit()", 0),
    ("sys.exit(0)", 0),
    ("sys.exit(2)", 2),
    ("raise SystemExit(3)", 3),
])
def test_the_exit_code_is_mains(body: str, status: int) -> None:
    done = run(body)
    assert done.returncode == status, done
    assert "not reached" not in done.stderr


def test_a_message_exit_prints_it_and_exits_1() -> None:
    done = run('sys.exit("sms20k: stopped")')
    assert (done.returncode, done.stderr.strip()) == (1, "sms20k: stopped"), done


def test_buffered_output_is_flushed_before_the_process_ends() -> None:
    # Piped stdout is block-buffered: without the flush these bytes would be lost.
    done = run('sys.stdout.write("x" * 5000 + "end")\nsys.stderr.write("partial")')
    assert done.stdout == "x" * 5000 + "end", done.stdout[-20:]
    assert done.stderr == "partial" and done.returncode == 0, done


def test_the_installed_command_and_python_m_use_it() -> None:
    from importlib.metadata import entry_points

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "sms20k"]
    assert script.value == "sms20k.cli:console_entry"
    done = subprocess.run([sys.executable, "-m", "sms20k", "validate", "/nonexistent/repo"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2 and "no such file" in done.stderr, done
