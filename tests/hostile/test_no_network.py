"""sms20k never uses the network: every command runs with sockets blocked.

socket.socket, socket.create_connection, socket.getaddrinfo (and the other name lookups)
are replaced by functions that record the attempt and raise. Every command of the CLI then
runs in-process through ``invoke`` and must end with its usual exit code, and no attempt
may have been recorded (an attempt that some code caught and ignored still fails the test).
"""

from __future__ import annotations

import importlib
import shutil
import socket
import stat
from pathlib import Path
from typing import Any

import pytest

from ..conftest import DATA, Invoke

BASIC = DATA / "evidence" / "valid" / "basic"
AS_OF = "2026-11-29"
REPORT_FORMATS = ["html", "md", "json", "csv", "sarif", "junit", "github", "codequality"]
VALIDATE_FORMATS = ["text", "json", "sarif", "junit", "github", "codequality"]


class NetworkBlocked(RuntimeError):
    pass


def _weasyprint_loads() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


@pytest.fixture
def attempts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    # Modules that subclass socket.socket when first imported must not do so while it is
    # blocked, or they would keep the blocked class for the rest of the session.
    for module in ("ssl", "http.client", "urllib.request", "smtplib", "ftplib"):
        importlib.import_module(module)
    calls: list[str] = []

    def refuse(name: str, args: tuple[Any, ...]) -> NetworkBlocked:
        calls.append(f"{name}{args!r}")
        return NetworkBlocked(f"sms20k tried to use the network: {name}{args!r}")

    class BlockedSocket(socket.socket):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            raise refuse("socket", args)

    def blocked(name: str) -> Any:
        def function(*args: Any, **kwargs: Any) -> Any:
            raise refuse(name, args)
        return function

    monkeypatch.setattr(socket, "socket", BlockedSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex",
                 "gethostbyaddr", "socketpair", "create_server"):
        monkeypatch.setattr(socket, name, blocked(name))
    return calls


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The small valid fixture, assessed against its own checklists only (fast PDF)."""
    target = tmp_path / "repo"
    shutil.copytree(BASIC, target)
    (target / "expected.txt").unlink()
    manifest = target / "sms20k.yaml"
    lines = [line for line in manifest.read_text().splitlines()
             if "{id: S" not in line and line != "exclusions:"]
    manifest.write_text("\n".join(lines).replace(
        "  max_evidence_age: P2Y", "  max_evidence_age: P2Y\n  builtin_checklists: false") + "\n")
    return target


def test_sockets_are_really_blocked(attempts: list[str]) -> None:
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("example.com", 80))
    with pytest.raises(NetworkBlocked):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    assert len(attempts) == 2


Step = tuple[list[Any], int, tuple[str, ...]]


def _steps(repo: Path, tmp_path: Path) -> list[Step]:
    """Every command: its arguments, its exit code, and the paths (relative to tmp_path)
    it may create or change."""
    out = tmp_path / "out"
    formats = REPORT_FORMATS + (["pdf"] if _weasyprint_loads() else [])
    return [
        (["scenarios"], 0, ()),
        (["scenarios", "-f", "json"], 0, ()),
        (["show", "S07"], 0, ()),
        (["show", "S07.06", "-f", "json"], 0, ()),
        (["show", "6.1"], 0, ()),
        (["clauses"], 0, ()),
        (["clauses", "-e", "2018", "-f", "json"], 0, ()),
        (["matrix"], 0, ()),
        (["matrix", "-f", "md"], 0, ()),
        (["catalog"], 0, ()),
        (["catalog", "-f", "json"], 0, ()),
        (["catalog", "-f", "yaml"], 0, ()),
        (["lint-checklists", repo / "checklists"], 0, ()),
        (["schema", "checklist"], 0, ()),
        (["schema", "evidence"], 0, ()),
        (["schema", "report"], 0, ()),
        (["init", tmp_path / "new", "--service-category", "SaaS", "--deployment", "public"], 0,
         ("new",)),
        *[(["validate", repo, "--as-of", AS_OF, "-f", fmt], 0, ()) for fmt in VALIDATE_FORMATS],
        (["lock", repo], 0, ("repo/sms20k.lock.json",)),
        (["validate", repo, "--as-of", AS_OF], 0, ()),
        (["assess", repo, "--as-of", AS_OF, "-q", "-o", out,
          *[arg for fmt in formats for arg in ("-f", fmt)]], 0, ("out",)),
        (["diff", out / "report.json", out / "report.json"], 0, ()),
        (["diff", out / "report.json", out / "report.json", "-f", "md",
          "--fail-on-regression"], 0, ()),
        (["audit-plan", "--generic"], 0, ()),
        *[(["audit-plan", repo, "-f", fmt, "-o", tmp_path / f"plan.{fmt}"], 0, (f"plan.{fmt}",))
          for fmt in ("md", "csv", "html", "json")],
        (["export", "oscal", repo, "--as-of", AS_OF, "-o", tmp_path / "oscal"], 0, ("oscal",)),
        (["export", "oscal", "--catalog-only", "-o", tmp_path / "oscal-catalog"], 0,
         ("oscal-catalog",)),
    ]


def test_every_command_runs_offline(invoke: Invoke, attempts: list[str], repo: Path,
                                    tmp_path: Path) -> None:
    for args, code, _ in _steps(repo, tmp_path):
        result = invoke(args, code=code)
        assert "internal error" not in result.stderr, (args, result.stderr)
        assert not attempts, f"{args}: {attempts}"
    out = tmp_path / "out"
    assert {p.name for p in out.iterdir()} >= {"report.html", "report.json", "report.csv",
                                               "report.md", "report.sarif", "report.junit.xml",
                                               "report.codequality.json"}
    if _weasyprint_loads():
        assert (out / "report.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "new" / "sms20k.yaml").is_file()
    assert (repo / "sms20k.lock.json").is_file()
    assert (tmp_path / "oscal" / "catalog.json").is_file()


def _snapshot(root: Path) -> dict[str, tuple[int, int, int]]:
    """Every path under root with its mode, size and mtime (a directory's size and mtime
    change whenever an entry is added, so for directories only their existence counts)."""
    snapshot = {}
    for path in root.rglob("*"):
        info = path.lstat()
        is_dir = stat.S_ISDIR(info.st_mode)
        snapshot[path.relative_to(root).as_posix()] = (
            info.st_mode, 0 if is_dir else info.st_size, 0 if is_dir else info.st_mtime_ns)
    return snapshot


def test_commands_write_only_their_outputs(invoke: Invoke, attempts: list[str], repo: Path,
                                          tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    """No command writes outside its output: nothing in the repository but the lock file
    (``lock``), nothing in the working directory, no temporary files left behind."""
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")
    before = _snapshot(tmp_path)
    for args, code, writes in _steps(repo, tmp_path):
        invoke(args, code=code)
        after = _snapshot(tmp_path)
        changed = {path for path in before.keys() | after.keys()
                   if before.get(path) != after.get(path)}
        stray = {path for path in changed
                 if not any(path == w or path.startswith(w + "/") for w in writes)}
        assert not stray, f"{args} wrote {sorted(stray)}"
        assert not [path for path in after if path.endswith(".tmp")], args
        before = after
