from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from sms20k.cli import app
from sms20k.cli.application import narrowed

TESTS = Path(__file__).parent
DATA = TESTS / "data"
GOLDEN = TESTS / "golden"


def generate_repo(items: int, out: Path, **options: Any) -> dict[str, int]:
    """benchmarks/generate.py, for tests that need a large synthetic repository."""
    sys.path.insert(0, str(TESTS.parent / "benchmarks"))
    try:
        from generate import generate
    finally:
        sys.path.pop(0)
    stats: dict[str, int] = generate(items, out, **options)
    return stats


def pytest_configure(config: pytest.Config) -> None:
    # The built-in checklist cache (sms20k.checklists.cache) goes to a directory of this run,
    # never the user's, and is shared by the subprocesses the tests start.
    if "SMS20K_CACHE_DIR" not in os.environ:
        os.environ["SMS20K_CACHE_DIR"] = tempfile.mkdtemp(prefix="sms20k-test-cache-")
    config.addinivalue_line(
        "markers", "network: needs the package registry; SMS20K_OFFLINE=1 skips it "
        "(docs/development.md)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("SMS20K_OFFLINE") == "1":
        skip = pytest.mark.skip(reason="needs the package registry and SMS20K_OFFLINE=1")
        for item in items:
            if "network" in item.keywords:
                item.add_marker(skip)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite the golden files under tests/golden from the current output.",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with tests/golden/NAME; ``pytest --update-golden`` rewrites it."""
    update = bool(request.config.getoption("--update-golden"))

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
        assert path.exists(), f"missing golden file {path}; run pytest --update-golden"
        expected = path.read_text(encoding="utf-8")
        assert actual == expected, f"{name} differs; run pytest --update-golden and review"

    return check


Invoke = Callable[..., Result]


@pytest.fixture
def invoke(monkeypatch: pytest.MonkeyPatch) -> Invoke:
    """Run the CLI in-process and check the exit code, printing output on failure."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)

    def run(args: Sequence[str], code: int = 0) -> Result:
        argv = [str(a) for a in args]
        result = CliRunner().invoke(narrowed(app, argv), argv)  # as main() runs it
        assert result.exit_code == code, (
            f"exit {result.exit_code} != {code} for {list(args)}\n"
            f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
        )
        return result

    return run


NOBODY = 65534


@dataclass(frozen=True)
class Unprivileged:
    """Where file modes bind even when the tests run as root (as CI does).

    Build the repository under ``base`` and run sms20k inside ``dropped()``. For a normal
    user both are plain. As root, ``dropped()`` sets the effective uid and gid to nobody
    (the real uid stays 0, so it is undone afterwards) and ``base`` is a directory nobody
    can reach, outside root's private tmp_path. Modules are imported before the drop, since
    the interpreter may live under root's home.
    """

    base: Path
    as_root: bool

    @contextmanager
    def dropped(self) -> Iterator[None]:
        if not self.as_root:
            yield
            return
        os.setegid(NOBODY)
        os.seteuid(NOBODY)
        try:
            yield
        finally:
            os.seteuid(0)
            os.setegid(0)


@pytest.fixture
def unprivileged(tmp_path: Path) -> Iterator[Unprivileged]:
    if os.geteuid() != 0:
        yield Unprivileged(tmp_path, as_root=False)
        return
    # Import now what sms20k imports lazily; the standard library may be out of reach later.
    import encodings.utf_8_sig  # noqa: F401
    import importlib.readers  # noqa: F401

    import sms20k.evidence.validate  # noqa: F401

    base = Path(tempfile.mkdtemp(prefix="sms20k-unprivileged-"))
    base.chmod(0o1777)
    try:
        yield Unprivileged(base, as_root=True)
    finally:
        shutil.rmtree(base)


@pytest.fixture
def make(tmp_path: Path) -> Any:
    """A repository on the small fixture's checklists, judged through the CLI (judge.py)."""
    from .evidence.judge import Repo

    def build(**fields: Any) -> Repo:
        return Repo(tmp_path / "repo", **fields)
    return build
