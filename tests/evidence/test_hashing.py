"""hash_files: digests, unreadable files and the progress it reports (issue 12)."""

from __future__ import annotations

from pathlib import Path

from sms20k.evidence.hashing import hash_files, sha256_file

ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"  # sha256 of b"abc"


def test_sha256_of_a_file(tmp_path: Path) -> None:
    (tmp_path / "abc").write_bytes(b"abc")
    assert sha256_file(tmp_path / "abc") == ABC


def test_progress_counts_files_and_bytes(tmp_path: Path) -> None:
    first, second, gone = tmp_path / "a", tmp_path / "b", tmp_path / "gone"
    first.write_bytes(b"abc")
    second.write_bytes(b"12345")
    calls: list[tuple[int, int, int]] = []
    digests = hash_files([first, second, first, gone],
                         progress=lambda *call: calls.append(call))
    assert calls == [(1, 3, 3), (2, 3, 8), (3, 3, 8)]  # a missing file adds no bytes
    assert digests[first] == ABC
    assert isinstance(digests[gone], FileNotFoundError)
    assert list(digests) == [first, second, gone]
