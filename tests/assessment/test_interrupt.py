"""SIGINT and SIGTERM at chosen points: sms20k cleans up, says so and dies by the signal.

No sleeps: a small driver runs ``sms20k.cli.main`` in a subprocess with one function wrapped
so that the process sends itself the signal at exactly that point (the n-th call, before or
after the real function runs).
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import DATA

AS_OF = "2026-11-29"
pytestmark = pytest.mark.slow  # about twenty subprocesses
DRIVER = r"""
import importlib, os, signal, sys

module, name, when, nth, signame = sys.argv[1:6]
del sys.argv[1:6]
owner = importlib.import_module(module)
real = getattr(owner, name)
calls = []

def hooked(*args, **kwargs):
    calls.append(1)
    fire = len(calls) == int(nth)
    if fire and when == "before":
        os.kill(os.getpid(), getattr(signal, signame))
    result = real(*args, **kwargs)
    if fire and when == "after":
        os.kill(os.getpid(), getattr(signal, signame))
    return result

setattr(owner, name, hooked)
from sms20k.cli import main
main()
"""

# (module, function, before/after, which call): the points of a run an interrupt can hit.
POINTS = {
    "start-of-main": ("sms20k.cli", "_tolerate_encodings", "before", 1),
    "loading": ("sms20k.yamlio", "read_bytes", "after", 2),
    "rendering": ("sms20k.cli.reports", "get_renderer", "after", 2),
    "temp-file-created": ("os", "open", "after", 0),  # nth: the temp file's open, found below
    "writing-temp-file": ("os", "fsync", "before", 1),
    "after-first-rename": ("os", "replace", "after", 1),
    "after-last-rename": ("os", "replace", "after", 3),
    "summary": ("sms20k.formats.summary", "summary_text", "before", 1),
}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "evidence" / "valid" / "basic", tmp_path / "repo")
    return tmp_path / "repo"


def _assess(repo: Path, out: Path) -> list[str]:
    return ["assess", str(repo), "--as-of", AS_OF, "-o", str(out), "-f", "json", "-f", "html",
            "-f", "md"]


def _run(point: tuple[str, str, str, int], signame: str, args: list[str],
         cwd: Path) -> subprocess.CompletedProcess[str]:
    module, name, when, nth = point
    return subprocess.run([sys.executable, "-c", DRIVER, module, name, when, str(nth), signame,
                           *args], capture_output=True, text=True, timeout=120, cwd=cwd)


def _temp_open_call(repo: Path, out: Path) -> int:
    """The number of the os.open call that creates the first temporary file."""
    probe = r"""
import os, sys
calls, real = [], os.open
def counting(path, *a, **k):
    calls.append(str(path))
    return real(path, *a, **k)
os.open = counting
from sms20k.cli import main
try:
    main()
finally:
    print([i + 1 for i, p in enumerate(calls) if p.endswith(".tmp")][0], file=sys.stderr)
"""
    done = subprocess.run([sys.executable, "-c", probe, *_assess(repo, out)],
                          capture_output=True, text=True, timeout=120)
    shutil.rmtree(out)
    return int(done.stderr.strip().splitlines()[-1])


def _check_reports(out: Path) -> None:
    names = sorted(p.name for p in out.iterdir()) if out.exists() else []
    assert not [n for n in names if n.endswith(".tmp")], names
    if "report.json" in names:
        text = (out / "report.json").read_text()
        assert text == "previous" or json.loads(text)["kind"] == "assessment"
    if "report.html" in names:
        assert (out / "report.html").read_text().rstrip().endswith("</html>")


@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("where", POINTS)
def test_an_interrupt_cleans_up_and_ends_by_the_signal(repo: Path, tmp_path: Path, where: str,
                                                       signame: str) -> None:
    out = tmp_path / "out"
    module, name, when, nth = POINTS[where]
    if where == "temp-file-created":
        nth = _temp_open_call(repo, out)
    out.mkdir()
    (out / "report.json").write_text("previous")
    done = _run((module, name, when, nth), signame, _assess(repo, out), tmp_path)
    shown = f"exit {done.returncode}\nstdout:\n{done.stdout}\nstderr:\n{done.stderr}"
    assert done.returncode == -getattr(signal, signame), shown
    word = "interrupted" if signame == "SIGINT" else "terminated"
    assert done.stderr.endswith(f"sms20k: {word}\n"), shown
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, shown
    _check_reports(out)
    if where in ("start-of-main", "loading", "rendering", "temp-file-created",
                 "writing-temp-file"):
        assert (out / "report.json").read_text() == "previous", shown
    if where in ("after-last-rename", "summary"):
        assert sorted(p.name for p in out.iterdir()) == ["report.html", "report.json",
                                                         "report.md"], shown
    assert sorted(os.listdir(tmp_path)) == ["out", "repo"], "nothing written elsewhere"


def test_a_second_signal_during_cleanup_still_removes_the_temporary_file(
        repo: Path, tmp_path: Path) -> None:
    """SIGTERM arrives while SIGINT unwinds (in the unlink of the temporary file): the
    process ends at once, by the second signal, and the temporary file is still removed."""
    out = tmp_path / "out"
    out.mkdir()
    driver = DRIVER.replace("main()\n", "import os as _os\n"
                            "_unlink, _sent = _os.unlink, []\n"
                            "def unlink(*a, **k):\n"
                            "    if not _sent:\n"
                            "        _sent.append(1)\n"
                            "        _os.kill(_os.getpid(), signal.SIGTERM)\n"
                            "    return _unlink(*a, **k)\n"
                            "_os.unlink = unlink\n"
                            "main()\n")
    done = subprocess.run([sys.executable, "-c", driver, "os", "fsync", "before", "1", "SIGINT",
                           *_assess(repo, out)], capture_output=True, text=True, timeout=120)
    shown = f"exit {done.returncode}\nstderr:\n{done.stderr}"
    assert done.returncode == -signal.SIGTERM, shown
    assert "Traceback" not in done.stderr, shown
    assert os.listdir(out) == [], shown


@pytest.mark.parametrize(("signame", "status"), [("SIGINT", 130), ("SIGTERM", 143)])
def test_a_shell_sees_the_signal(repo: Path, tmp_path: Path, signame: str, status: int) -> None:
    """What a shell reports for a process that died by the signal: 128 + its number."""
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash")
    out = tmp_path / "out"
    module, name, when, nth = POINTS["rendering"]
    parts = [sys.executable, "-c", DRIVER, module, name, when, str(nth), signame,
             *_assess(repo, out)]
    command = " ".join(shlex.quote(part) for part in parts)
    done = subprocess.run([bash, "-c", f"{command}; echo \"status=$?\""], capture_output=True,
                          text=True, timeout=120)
    assert done.stdout.splitlines()[-1] == f"status={status}", done.stdout + done.stderr
