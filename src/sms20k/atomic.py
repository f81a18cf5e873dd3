"""Atomic file writes: a temporary file in the target directory, then a rename.

Every file sms20k writes goes through here, so every write follows the output-path rule of
:mod:`sms20k.outputs`: no symlink on the way, and only a regular file is ever replaced.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Sequence
from pathlib import Path

from sms20k import interrupts
from sms20k.errors import InputError
from sms20k.outputs import check_output_file, check_replaceable, check_size, directory

_FILE_FLAGS = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
               | getattr(os, "O_CLOEXEC", 0))


def write_atomic(path: Path, data: bytes | str, *, parents: bool = False) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    With ``parents`` missing directories are created; else the directory must exist.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    check_size(path, len(payload))
    with directory(path.parent, create=parents, target=path) as dir_fd:
        if dir_fd is None:
            raise InputError("cannot write: the directory does not exist", path=str(path),
                             hint="create it first, or choose another path")
        check_replaceable(dir_fd, path)
        try:
            _write(dir_fd, path, payload)
        except OSError as exc:
            raise InputError(f"cannot write: {exc.strerror or exc}", path=str(path),
                             hint="check free space and permissions") from None


def write_all(files: Sequence[tuple[Path, bytes | str]], *, parents: bool = False) -> None:
    """Check every file (size, kind, the path to it) before writing the first one."""
    payloads = [(path, data.encode("utf-8") if isinstance(data, str) else data)
                for path, data in files]
    for path, payload in payloads:
        check_size(path, len(payload))
        check_output_file(path)
    for path, payload in payloads:
        write_atomic(path, payload, parents=parents)


def _write(dir_fd: int, path: Path, payload: bytes) -> None:
    # The name is chosen before the try, so an interrupt at any point after the file is
    # created (even before its descriptor is bound) still removes it.
    tmp = f".{path.name}.{secrets.token_hex(4)}.tmp"
    with interrupts.temporary(path.parent / tmp):
        try:
            fd = os.open(tmp, _FILE_FLAGS, 0o644, dir_fd=dir_fd)
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fchmod(handle.fileno(), 0o644)
                os.fsync(handle.fileno())
            os.replace(tmp, path.name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp, dir_fd=dir_fd)
            raise
