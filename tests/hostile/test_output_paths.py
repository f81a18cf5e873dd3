"""Every writer follows one output-path rule: no symlink on the way, only regular files
replaced, nothing written when refused (sms20k.outputs)."""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from sms20k import outputs

from ..conftest import DATA, Invoke

AS_OF = "2026-11-29"
BASIC = DATA / "evidence" / "valid" / "basic"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A valid repository in ``work/``, the working directory; ``outside/`` is beside it."""
    work = tmp_path / "work"
    shutil.copytree(BASIC, work / "repo")
    (tmp_path / "outside").mkdir()
    monkeypatch.chdir(work)
    return work / "repo"


def _tree(path: Path) -> list[str]:
    return sorted(str(p.relative_to(path)) for p in path.rglob("*"))


def _refused(invoke: Invoke, args: list[str | Path], *words: str) -> str:
    result = invoke(args, code=2)
    err = result.stderr
    assert "[error]" in err and "Traceback" not in err and "internal error" not in err, err
    for word in words:
        assert word in err, err
    return err


# ----------------------------------------------------------------- symlinked directories


@pytest.mark.parametrize("out", ["sms20k-report", "nested/sms20k-report", "link/deeper"])
def test_assess_refuses_a_symlinked_output_directory(invoke: Invoke, repo: Path, out: str) -> None:
    """The documented ``-o sms20k-report`` (a symlink a pull request can commit), a symlink
    further down, and a symlinked parent of a directory still to be created."""
    outside = repo.parent.parent / "outside"
    link = Path(out) if out != "link/deeper" else Path("link")
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside, target_is_directory=True)
    _refused(invoke, ["assess", repo, "--as-of", AS_OF, "-q", "-o", out], "is a symlink",
             "never writes through a symlink")
    assert _tree(outside) == []


def test_an_absolute_path_through_a_symlink_is_refused(invoke: Invoke, repo: Path) -> None:
    outside = repo.parent.parent / "outside"
    (repo.parent / "link").symlink_to(outside)
    out = repo.parent / "link" / "report"
    _refused(invoke, ["assess", repo, "--as-of", AS_OF, "-q", "-o", out],
             f"{repo.parent / 'link'} is a symlink")
    assert _tree(outside) == []


def test_a_real_directory_is_still_written(invoke: Invoke, repo: Path) -> None:
    invoke(["assess", repo, "--as-of", AS_OF, "-q", "-o", "a/b/c", "-f", "json"])
    assert _tree(Path("a")) == ["b", "b/c", "b/c/report.json"]


# ------------------------------------------------------------ special files as the target


def _dangling(path: Path, outside: Path) -> None:
    path.symlink_to(outside / "created-by-sms20k")


def _to_file(path: Path, outside: Path) -> None:
    (outside / "victim.txt").write_text("keep me")
    path.symlink_to(outside / "victim.txt")


def _dev_null(path: Path, outside: Path) -> None:
    path.symlink_to("/dev/null")


def _fifo(path: Path, outside: Path) -> None:
    os.mkfifo(path)


def _directory(path: Path, outside: Path) -> None:
    path.mkdir()


def _device(path: Path, outside: Path) -> None:
    try:  # the same device as /dev/full, which sms20k once replaced when run as root
        os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 7))
    except OSError as exc:
        pytest.skip(f"cannot create a device node here: {exc.strerror}")


SPECIAL: dict[str, Callable[[Path, Path], None]] = {
    "dangling-symlink": _dangling, "symlink-to-file": _to_file, "symlink-to-dev-null": _dev_null,
    "fifo": _fifo, "directory": _directory, "device": _device,
}
KIND = {"dangling-symlink": "a symlink", "symlink-to-file": "a symlink",
        "symlink-to-dev-null": "a symlink", "fifo": "a FIFO", "directory": "a directory",
        "device": "a device"}


def _snapshot(path: Path) -> tuple[int, str | None]:
    info = path.lstat()
    return info.st_mode, os.readlink(path) if path.is_symlink() else None


def _assert_untouched(path: Path, before: tuple[int, str | None], outside: Path) -> None:
    assert _snapshot(path) == before
    assert not (outside / "created-by-sms20k").exists()
    if (outside / "victim.txt").exists():
        assert (outside / "victim.txt").read_text() == "keep me"
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("special", SPECIAL)
def test_assess_replaces_only_regular_files(invoke: Invoke, repo: Path, special: str) -> None:
    outside = repo.parent.parent / "outside"
    out = Path("out")
    out.mkdir()
    (out / "report.json").write_text("previous")
    SPECIAL[special](out / "report.html", outside)
    before = _snapshot(out / "report.html")
    _refused(invoke, ["assess", repo, "--as-of", AS_OF, "-q", "-o", out, "-f", "json", "-f",
                      "html"], "out/report.html", KIND[special])
    _assert_untouched(out / "report.html", before, outside)
    assert (out / "report.json").read_text() == "previous", "a refusal writes no file at all"


@pytest.mark.parametrize("special", SPECIAL)
def test_audit_plan_output_replaces_only_regular_files(invoke: Invoke, repo: Path,
                                                       special: str) -> None:
    outside = repo.parent.parent / "outside"
    target = Path("plan.md")
    SPECIAL[special](target, outside)
    before = _snapshot(target)
    _refused(invoke, ["audit-plan", "--generic", "-o", target], KIND[special])
    _assert_untouched(target, before, outside)


@pytest.mark.parametrize("special", ["symlink-to-file", "dangling-symlink", "fifo"])
def test_template_output_replaces_only_regular_files(invoke: Invoke, repo: Path, tmp_path: Path,
                                                     special: str) -> None:
    outside = repo.parent.parent / "outside"
    template = tmp_path / "summary.txt.j2"
    template.write_text("{{ report.meta.organization }}\n")
    Path("out").mkdir()
    SPECIAL[special](Path("out/summary.txt"), outside)
    before = _snapshot(Path("out/summary.txt"))
    _refused(invoke, ["assess", repo, "--as-of", AS_OF, "-q", "-o", "out", "--template",
                      template], KIND[special])
    _assert_untouched(Path("out/summary.txt"), before, outside)


@pytest.mark.parametrize("where", ["directory", "file"])
def test_export_oscal_follows_the_rule(invoke: Invoke, repo: Path, where: str) -> None:
    outside = repo.parent.parent / "outside"
    if where == "directory":
        Path("oscal").symlink_to(outside)
    else:
        Path("oscal").mkdir()
        _to_file(Path("oscal/catalog.json"), outside)
    _refused(invoke, ["export", "oscal", repo, "--as-of", AS_OF, "-o", "oscal"], "is a symlink")
    assert _tree(outside) in ([], ["victim.txt"])
    assert not Path("oscal/assessment-results.json").exists()
    if where == "file":
        assert (outside / "victim.txt").read_text() == "keep me"


@pytest.mark.parametrize("special", ["symlink-to-file", "fifo"])
def test_lock_replaces_only_a_regular_lock_file(invoke: Invoke, repo: Path, special: str) -> None:
    outside = repo.parent.parent / "outside"
    lock = repo / "sms20k.lock.json"
    if special == "fifo":
        os.mkfifo(lock)
        words: tuple[str, ...] = ()  # refused when read, before it could be written
    else:
        (outside / "victim.txt").write_text('{"version": 1, "files": {}}\n')
        lock.symlink_to(outside / "victim.txt")
        words = ("is a symlink",)
    before = _snapshot(lock)
    _refused(invoke, ["lock", repo], *words)
    assert _snapshot(lock) == before
    if special != "fifo":
        assert (outside / "victim.txt").read_text() == '{"version": 1, "files": {}}\n'


# ------------------------------------------------------------------------------ init


def test_init_force_refuses_a_symlinked_evidence_directory(invoke: Invoke, repo: Path) -> None:
    outside = repo.parent.parent / "outside"
    target = Path("new")
    target.mkdir()
    (target / "evidence").symlink_to(outside)
    _refused(invoke, ["init", target, "--force"], "new/evidence is a symlink")
    assert _tree(outside) == []
    assert _tree(target) == ["evidence"], "nothing is written, not even the manifest"


@pytest.mark.parametrize("force", [True, False])
def test_init_refuses_a_symlinked_target(invoke: Invoke, repo: Path, force: bool) -> None:
    outside = repo.parent.parent / "outside"
    Path("new").symlink_to(outside)
    _refused(invoke, ["init", "new", *(["--force"] if force else [])], "is a symlink")
    assert _tree(outside) == []


@pytest.mark.parametrize("special", ["fifo", "symlink-to-file", "directory"])
def test_init_force_replaces_only_regular_files(invoke: Invoke, repo: Path, special: str) -> None:
    outside = repo.parent.parent / "outside"
    target = Path("new")
    (target / "ci").mkdir(parents=True)
    SPECIAL[special](target / "ci" / "gitlab-ci.yml", outside)
    before = _snapshot(target / "ci" / "gitlab-ci.yml")
    _refused(invoke, ["init", target, "--force"], "new/ci/gitlab-ci.yml", KIND[special])
    _assert_untouched(target / "ci" / "gitlab-ci.yml", before, outside)
    assert _tree(target) == ["ci", "ci/gitlab-ci.yml"], "checked before the first write"


# ------------------------------------------------------------------------- report size


@pytest.mark.parametrize("args", [["-f", "json"], ["-f", "html", "-f", "md"]])
def test_an_oversized_report_is_refused_before_anything_is_written(
        invoke: Invoke, repo: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    monkeypatch.setattr(outputs, "MAX_REPORT_BYTES", 2000)
    err = _refused(invoke, ["assess", repo, "--as-of", AS_OF, "-q", "-o", "out", *args],
                   "over the limit of 2,000 for one report", "nothing was written")
    assert not Path("out").exists(), err
