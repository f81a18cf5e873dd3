"""Include patterns: one walk of the tree for all patterns, each directory read once."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from sms20k.errors import ProblemsError
from sms20k.evidence import include
from sms20k.evidence.include import match_all, split
from sms20k.evidence.limits import MAX_INCLUDE_PATTERNS
from sms20k.evidence.repo import load_repository

from ..conftest import Invoke
from .conftest import AS_OF

TREE = ["a/x.yaml", "a/b/y.yaml", "a/b/c/z.yaml", "a/b/c/notes.md", "d/w.yaml", "d/e/.h.yaml",
        "top.yaml", "f[1].yaml"]
PATTERNS = ["**/*.yaml", "a/**/*.yaml", "*/*.yaml", "a/b/*", "**/c/*", "**", "d/**/?.yaml",
            "a/*/c/z.yaml", "**/b/**/*.md", "f[[]1].yaml", "*/[bd]/*.yaml", "nothing/*.yaml",
            "a//b/./y.yaml", "**/**/**/z.yaml"]


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Every directory os.scandir is asked to read, with how often."""
    counts: Counter[str] = Counter()
    real_scandir = os.scandir

    def counting(path: str | os.PathLike[str]) -> Iterator[os.DirEntry[str]]:
        counts[os.path.realpath(path)] += 1
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", counting)
    return counts


def _tree(root: Path, files: list[str]) -> Path:
    for name in files:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("entries: []\n")
    return root


def _files(root: Path, patterns: list[str]) -> list[set[str]]:
    results = match_all(root, root.resolve(), [split(p) for p in patterns])
    return [{str(m.path.relative_to(root)) for m in r.found.values() if not m.is_dir}
            for r in results]


def _manifest(repo: Path, include: list[str]) -> None:
    manifest = yaml.safe_load((repo / "sms20k.yaml").read_text())
    manifest["include"] = include
    (repo / "sms20k.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False))


@pytest.mark.parametrize("pattern", PATTERNS)
def test_one_pattern_matches_as_path_glob(tmp_path: Path, pattern: str) -> None:
    root = _tree(tmp_path, TREE)
    expected = {str(p.relative_to(root)) for p in root.glob(pattern) if p.is_file()}
    assert _files(root, [pattern]) == [expected]


def test_patterns_matched_together_match_as_each_alone(tmp_path: Path) -> None:
    root = _tree(tmp_path, TREE)
    (root / "a" / "loop").symlink_to(".")
    (root / "d" / "up").symlink_to("..")
    alone = [_files(root, [p])[0] for p in PATTERNS]
    assert _files(root, PATTERNS) == alone
    assert _files(root, list(reversed(PATTERNS))) == list(reversed(alone))


def test_ten_thousand_copies_of_a_pattern_read_each_directory_once(
        repo: Path, reads: Counter[str]) -> None:
    _tree(repo, [f"evidence/team{n}/more/x{n}.txt" for n in range(20)])
    evidence = os.path.realpath(repo / "evidence")
    _manifest(repo, ["evidence/**/*.yaml"] * 10_000)
    directories = {os.path.realpath(repo), *(os.path.realpath(d) for d, _, _ in os.walk(evidence))}
    reads.clear()
    loaded = load_repository(repo)
    assert set(reads) == directories
    assert max(reads.values()) == 1
    assert len(loaded.evidence_files) == len(set(loaded.evidence_files)) == 1


def test_three_hundred_patterns_over_three_thousand_directories(
        tmp_path: Path, reads: Counter[str]) -> None:
    for n in range(3000):
        (tmp_path / "tree" / f"d{n // 100}" / f"e{n}").mkdir(parents=True)
    patterns = [f"**/e{n}/*.yaml" for n in range(100)] + [f"tree/*/e{n}/*.yaml"
                                                          for n in range(100)]
    patterns += [f"tree/d{n % 30}/**/f{n}.yaml" for n in range(100)]
    results = match_all(tmp_path, tmp_path.resolve(), [split(p) for p in patterns])
    assert all(not r.found for r in results)
    assert max(reads.values()) == 1
    assert len(reads) <= 3000 + 30 + 2


@pytest.mark.parametrize("links", [1, 3])
def test_symlink_loops_under_many_patterns_read_each_directory_once(
        tmp_path: Path, reads: Counter[str], links: int) -> None:
    root = _tree(tmp_path, ["evidence/a.yaml", "evidence/sub/b.yaml"])
    for name in ("x", "y", "z")[:links]:
        (root / "evidence" / name).symlink_to(".")
    patterns = ["evidence/" + "*/" * depth + "*.yaml" for depth in range(30)]
    patterns += ["evidence/**/*.yaml", "evidence/x/x/x/**/*.yaml"]
    results = match_all(root, root.resolve(), [split(p) for p in patterns])
    assert results[0].found and results[-2].found
    assert max(reads.values()) == 1
    assert set(reads) <= {str(root.resolve()), str((root / "evidence").resolve()),
                          str((root / "evidence" / "sub").resolve())}


def test_a_directory_outside_is_never_read(tmp_path: Path, reads: Counter[str]) -> None:
    outside = _tree(tmp_path / "outside", ["secret.yaml", "deeper/more.yaml"])
    root = _tree(tmp_path / "repo", ["evidence/a.yaml"])
    (root / "evidence" / "out").symlink_to(outside)
    patterns = ["evidence/*/*.yaml", "evidence/out/**/*.yaml", "**/*.yaml", "*/*/deeper/*"]
    results = match_all(root, root.resolve(), [split(p) for p in patterns])
    assert not any(path.startswith(str(outside.resolve())) for path in reads)
    assert [sorted(str(p.relative_to(root)) for p in r.outside) for r in results] == [
        ["evidence/out"], ["evidence/out"], [], ["evidence/out"]]


def test_duplicates_count_once_and_warn(repo: Path, invoke: Invoke,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    _manifest(repo, ["evidence/*.yaml", "evidence/entries.yaml", "evidence/*.yaml",
                     "./evidence/*.yaml", "evidence/*.yaml"])
    loaded = load_repository(repo)
    assert len(loaded.evidence_files) == 1
    assert len(loaded.entries) == 4
    monkeypatch.chdir(repo)
    result = invoke(["validate", "--as-of", AS_OF], code=0)
    warnings = [line for line in result.output.splitlines() if "INCLUDE_DUPLICATE" in line]
    assert len(warnings) == 1, result.output
    line = _line_of(repo, 2)
    assert warnings[0].startswith(f"sms20k.yaml:{line}:"), result.output
    assert f"listed 3 times; only the first, on line {line - 2}, counts" in warnings[0]


def test_a_duplicated_pattern_that_matches_nothing_is_reported_once(repo: Path) -> None:
    _manifest(repo, ["evidence/*.yaml"] + ["teams/*.yaml"] * 500)
    with pytest.raises(ProblemsError) as caught:
        load_repository(repo)
    assert [(f.code, f.line) for f in caught.value.findings] == [
        ("INCLUDE_EMPTY", _line_of(repo, 1))]


@pytest.mark.parametrize("extra", [0, 1, 50])
def test_distinct_pattern_limit(repo: Path, extra: int) -> None:
    # "*.yaml", "**.yaml", "***.yaml", ... are distinct patterns that all match entries.yaml
    patterns = ["evidence/" + "*" * n + ".yaml" for n in range(1, MAX_INCLUDE_PATTERNS + extra + 1)]
    _manifest(repo, patterns + patterns[:10])
    if not extra:
        assert len(load_repository(repo).entries) == 4
        return
    with pytest.raises(ProblemsError) as caught:
        load_repository(repo)
    [finding] = caught.value.findings
    assert finding.code == "INCLUDE_TOO_MANY"
    assert finding.line == _line_of(repo, MAX_INCLUDE_PATTERNS)
    assert f"{MAX_INCLUDE_PATTERNS + extra:,} distinct include patterns" in finding.message
    assert finding.hint == "match the files with fewer patterns, such as `evidence/**/*.yaml`"


def _line_of(repo: Path, index: int) -> int:
    """The line of include[index] in a manifest written by _manifest."""
    lines = (repo / "sms20k.yaml").read_text().splitlines()
    return lines.index("include:") + 2 + index


@pytest.mark.parametrize("links", [0, 1, 3])
def test_work_is_bounded_by_directories_times_positions(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, links: int) -> None:
    root = _tree(tmp_path, ["evidence/a.yaml", "evidence/sub/b.yaml", "evidence/sub/c/d.yaml"])
    for name in ("x", "y", "z")[:links]:
        (root / "evidence" / "sub" / name).symlink_to("..")
    patterns = ["evidence/" + "*/" * depth + "*.yaml" for depth in range(40)]
    patterns += ["**/*.yaml", "evidence/**/sub/**/*.yaml", "*/x/y/z/*/*.yaml"] * 3
    handled: list[int] = []
    real_pending = include._Walk._pending

    def counting(self: include._Walk, *args: object) -> list[tuple[int, int]]:
        pending = real_pending(self, *args)  # type: ignore[arg-type]
        handled.append(len(pending))
        return pending

    monkeypatch.setattr(include._Walk, "_pending", counting)
    match_all(root, root.resolve(), [split(p) for p in dict.fromkeys(patterns)])
    directories = 1 + sum(1 for _ in os.walk(root))
    positions = sum(len(split(p)) for p in dict.fromkeys(patterns))
    assert sum(handled) <= 2 * directories * positions


@pytest.mark.parametrize(("pattern", "parts"), [
    ("evidence/*.yaml", ("evidence", "*.yaml")),
    ("./a//b/", ("a", "b")),
    ("**/**/x.yaml", ("**", "x.yaml")),
    ("a/**/**/**/b", ("a", "**", "b")),
    ("a/b/**/**", ("a", "b", "**")),
    ("**/a/**", ("**", "a", "**")),
])
def test_a_pattern_splits_without_empty_parts_or_runs_of_globstars(
        pattern: str, parts: tuple[str, ...]) -> None:
    # A run of ``**`` matches what one does; kept, each would add a state per directory.
    assert split(pattern) == parts


def test_two_links_to_two_directories_are_each_matched(tmp_path: Path) -> None:
    # _Walk._pending: what a linked directory has matched is remembered per real directory,
    # so one link's states never hide another's.
    root = _tree(tmp_path, ["d1/e.yaml", "d2/e.yaml"])
    (root / "l1").symlink_to("d1")
    (root / "l2").symlink_to("d2")
    [result] = match_all(root, root.resolve(), [split("*/e.yaml")])
    assert sorted(str(p.relative_to(root)) for p in result.found) == [
        "d1/e.yaml", "d2/e.yaml", "l1/e.yaml", "l2/e.yaml"]


def test_the_manifest_and_directories_that_a_pattern_matches_are_no_evidence_files(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # repo._include (mutation run of 2026-12-07): `evidence/*` matches evidence/sub and `*`
    # matches sms20k.yaml and three directories; none of them is an evidence file.
    (repo / "evidence" / "sub").mkdir()
    monkeypatch.chdir(repo)  # evidence files are named relative to the working directory
    before = load_repository(repo)
    assert before.evidence_files == ["evidence/entries.yaml"]
    _manifest(repo, ["evidence/*"])
    assert load_repository(repo).evidence_files == before.evidence_files
    _manifest(repo, ["evidence/*", "*"])
    with pytest.raises(ProblemsError) as caught:
        load_repository(repo)
    assert [(f.code, f.message) for f in caught.value.findings] == [
        ("INCLUDE_EMPTY", "'*' matches no file")]


def test_a_matched_link_to_a_file_outside_is_refused_at_its_pattern(
        tmp_path: Path, repo: Path) -> None:
    # repo._include (mutation run of 2026-12-07; tests/hostile has the same case end to end).
    (tmp_path / "secret.yaml").write_text("entries: []\n")
    (repo / "evidence" / "stolen.yaml").symlink_to(tmp_path / "secret.yaml")
    _manifest(repo, ["evidence/*.yaml"])
    with pytest.raises(ProblemsError) as caught:
        load_repository(repo)
    assert [(f.code, f.line, f.message, f.hint) for f in caught.value.findings] == [
        ("INCLUDE_OUTSIDE", _line_of(repo, 0),
         "evidence/stolen.yaml resolves outside the repository",
         "evidence files must live inside the repository")]


def test_every_unusable_evidence_file_is_reported_by_its_name(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # load_repository (mutation run of 2026-12-07): one file over the size limit or broken
    # does not stop the others being read, and each problem names its file.
    limit = max((repo / name).stat().st_size for name in ("sms20k.yaml", "evidence/entries.yaml"))
    (repo / "evidence" / "a-big.yaml").write_text("entries: []\n" + "#" * limit)
    (repo / "evidence" / "b-broken.yaml").write_text("entries: [\n")
    monkeypatch.chdir(repo)
    with pytest.raises(ProblemsError) as caught:
        load_repository(repo, max_bytes=limit)
    assert [(f.path, f.code, f.message) for f in caught.value.findings] == [
        ("evidence/a-big.yaml", "YAML", f"is {limit + 12:,} bytes, over the limit of {limit:,}"),
        ("evidence/b-broken.yaml", "YAML", "syntax error: did not find expected node content")]
