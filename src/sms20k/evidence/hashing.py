"""Parallel sha256 of evidence files, at the speed of the cores.

hashlib releases the GIL while it hashes a large buffer, so one thread per usable core
hashes in parallel. Each thread reads into one buffer of its own, reused for every file
(raw ``readinto``: no copy and no allocation per chunk), and takes the next file from a
shared iterator, so there is no task, future or wake-up per file. The buffer is small
enough to stay in the core's cache between the read and the hash.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

Progress = Callable[[int, int, int], None]
"""Called with (files done, files in all, bytes done) while hashing runs."""

_CHUNK = 256 * 1024
_MAX_WORKERS = 8  # beyond this a disk, not the cores, sets the pace

Digest = str | OSError


def default_workers() -> int:
    """One thread per core this process may run on."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(_MAX_WORKERS, usable or 1))


def _digest(path: Path, view: memoryview) -> tuple[Digest, int]:
    """The sha256 of one file and its size, or the OSError that stopped reading it."""
    state = hashlib.sha256()
    size = 0
    try:
        with open(path, "rb", buffering=0) as handle:
            while count := handle.readinto(view):
                state.update(view[:count])
                size += count
    except OSError as exc:
        return exc, 0
    return state.hexdigest(), size


def sha256_file(path: Path) -> str:
    digest, _ = _digest(path, memoryview(bytearray(_CHUNK)))
    if isinstance(digest, OSError):
        raise digest
    return digest


class _Run:
    """Workers fill the slots of ``paths`` in whatever order they finish; ``in_order``
    yields their indexes in the order of ``paths`` as they become ready."""

    def __init__(self, paths: list[Path], notify: bool) -> None:
        self.paths = paths
        self.digests: list[Digest | None] = [None] * len(paths)
        self.sizes = [0] * len(paths)
        self._next = iter(range(len(paths)))  # next() on it is atomic under the GIL
        self._notify = notify
        self._failed = False
        self.stopped = False
        self._ready = threading.Condition()

    def _hash(self, index: int, view: memoryview) -> None:
        digest, self.sizes[index] = _digest(self.paths[index], view)
        self.digests[index] = digest  # last: a slot that is set has its size too

    def inline(self) -> Iterator[int]:
        view = memoryview(bytearray(_CHUNK))
        for index in self._next:
            self._hash(index, view)
            yield index

    def work(self) -> None:
        view = memoryview(bytearray(_CHUNK))
        try:
            for index in self._next:
                if self.stopped:
                    return
                self._hash(index, view)
                if self._notify:
                    with self._ready:
                        self._ready.notify()
        except BaseException:
            with self._ready:
                self._failed = True
                self._ready.notify_all()
            raise

    def in_order(self) -> Iterator[int]:
        """Stops early if a worker failed; its future then raises the error."""
        for index in range(len(self.paths)):
            with self._ready:
                while not self._failed and self.digests[index] is None:
                    self._ready.wait()
                if self.digests[index] is None:
                    return
            yield index


def hash_files(paths: Iterable[Path], *, workers: int | None = None,
               progress: Progress | None = None) -> dict[Path, Digest]:
    """sha256 of each distinct path; a file that cannot be read maps to its OSError.
    ``progress`` is called in the calling thread, once per file, in the order of ``paths``."""
    unique = list(dict.fromkeys(paths))
    run = _Run(unique, notify=progress is not None)
    done_bytes = 0

    def report(index: int) -> None:
        nonlocal done_bytes
        if progress is not None:
            done_bytes += run.sizes[index]
            progress(index + 1, len(unique), done_bytes)

    count = min(workers or default_workers(), len(unique))
    if count <= 1:
        for index in run.inline():
            report(index)
    else:
        with ThreadPoolExecutor(max_workers=count) as pool:
            jobs = [pool.submit(run.work) for _ in range(count)]
            try:
                if progress is not None:
                    for index in run.in_order():
                        report(index)
                for job in jobs:
                    job.result()
            except BaseException:  # an interrupt: the workers stop at their next file
                run.stopped = True
                raise
    return {path: digest for path, digest in zip(unique, run.digests, strict=True)
            if digest is not None}
