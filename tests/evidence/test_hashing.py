"""hash_files: digests, unreadable files and the progress it reports (issue 12), on a pool of
threads that take files in any order and report them in the order asked (issue 18)."""

from __future__ import annotations

import hashlib
import os
import threading
import time
from pathlib import Path

import pytest

from sms20k.evidence import hashing
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


def _files(tmp_path: Path, count: int) -> list[Path]:
    paths = []
    for n in range(count):
        path = tmp_path / f"f{n}"
        path.write_bytes(bytes([n % 256]) * (n * 1000 + 1))
        paths.append(path)
    return paths


@pytest.mark.parametrize("workers", [1, 2, 4])
def test_digests_and_progress_in_the_order_asked(tmp_path: Path, workers: int) -> None:
    paths = _files(tmp_path, 40)
    calls: list[tuple[int, int, int]] = []
    digests = hash_files(paths, workers=workers, progress=lambda *call: calls.append(call))
    assert list(digests) == paths
    assert digests == {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}
    sizes = [p.stat().st_size for p in paths]
    assert calls == [(n + 1, len(paths), sum(sizes[:n + 1])) for n in range(len(paths))]


def test_a_file_larger_than_the_buffer(tmp_path: Path) -> None:
    big = tmp_path / "big"
    data = bytes(range(256)) * (3 * hashing._CHUNK // 256) + b"tail"
    big.write_bytes(data)
    assert hash_files([big], workers=2)[big] == hashlib.sha256(data).hexdigest()
    assert sha256_file(big) == hashlib.sha256(data).hexdigest()


def test_an_unexpected_error_in_a_worker_is_raised_not_waited_for(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(path: Path, view: memoryview) -> tuple[str, int]:
        raise MemoryError(path.name)

    monkeypatch.setattr(hashing, "_digest", broken)
    with pytest.raises(MemoryError):
        hash_files(_files(tmp_path, 10), workers=2, progress=lambda *_: None)


def test_an_interrupt_in_the_progress_callback_stops_the_workers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _files(tmp_path, 50)
    hashed: list[int] = []
    interrupted = threading.Event()
    deadline: dict[str, float] = {}

    class Watched(hashing._Run):
        """Holds the workers after the first two files until the interrupt, then until
        hash_files has seen it, so the test does not depend on who runs first."""

        def _hash(self, index: int, view: memoryview) -> None:
            if index >= 2:
                assert interrupted.wait(timeout=60)
                deadline.setdefault("at", time.monotonic() + 10)
                while not self.stopped and time.monotonic() < deadline["at"]:
                    time.sleep(0.01)
            hashed.append(index)
            super()._hash(index, view)

    def interrupt(done: int, total: int, done_bytes: int) -> None:
        interrupted.set()
        raise KeyboardInterrupt

    monkeypatch.setattr(hashing, "_Run", Watched)
    with pytest.raises(KeyboardInterrupt):
        hash_files(paths, workers=2, progress=interrupt)
    assert len(hashed) <= 4  # the two before the interrupt, at most one more per worker


def test_one_worker_per_usable_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1, 2}, raising=False)
    assert hashing.default_workers() == 3
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(64)), raising=False)
    assert hashing.default_workers() == hashing._MAX_WORKERS
