"""The one rule for every path sms20k writes to: no symlinks, and only regular files replaced.

A repository can commit a symlink where a report is documented to go (``sms20k-report``), and
a user can name a FIFO or a device with ``-o``. Every existing component of an output path as
given (relative paths from the working directory, absolute ones from ``/``) must therefore be
a real directory, and the file itself, if it exists, a regular file. Symlinks directly under
``/`` (macOS's ``/tmp``, ``/var``) are accepted: only root can make them. Directories are
walked and created through directory descriptors with ``O_NOFOLLOW``, so a symlink swapped in
after the check is refused too.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from sms20k.errors import InputError

MAX_REPORT_BYTES = 256 * 1024 * 1024
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NO_SYMLINKS = "sms20k never writes through a symlink"


def kind(mode: int) -> str | None:
    """What a file is, when it is not something sms20k may replace."""
    for test, name in ((stat.S_ISLNK, "a symlink"), (stat.S_ISDIR, "a directory"),
                       (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device")):
        if test(mode):
            return name
    return None if stat.S_ISREG(mode) else "a special file"


def _lstat(name: str, dir_fd: int) -> os.stat_result | None:
    try:
        return os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        return None


def _refuse(target: Path, what: str, component: str | None = None) -> InputError:
    """``component`` is the directory on the way to ``target`` that is not one."""
    if component is None:
        message = f"is {what}; sms20k only replaces regular files"
    else:
        message = ("" if component == str(target) else f"{component} ") + (
            "exists and is not a directory" if what == "a file" else
            f"is {what}, not a directory")
    if what == "a symlink":
        message += f"; {_NO_SYMLINKS}"
    return InputError(message, path=str(target), hint="choose another output path or remove it")


def _open_directory(path: Path, create: bool, target: Path) -> int | None:
    absolute = path.is_absolute()
    fd = os.open("/" if absolute else ".", _DIR_FLAGS)
    done = Path("/") if absolute else Path()
    try:
        for index, name in enumerate(path.parts[1:] if absolute else path.parts):
            done = done / name
            info = _lstat(name, fd)
            if info is None and not create:
                os.close(fd)
                return None
            if info is None:
                with contextlib.suppress(FileExistsError):
                    os.mkdir(name, 0o777, dir_fd=fd)
                info = _lstat(name, fd)
            top_link = index == 0 and absolute and info is not None and stat.S_ISLNK(info.st_mode)
            if info is not None and not stat.S_ISDIR(info.st_mode) and not top_link:
                raise _refuse(target, kind(info.st_mode) or "a file", str(done))
            # O_NOFOLLOW: a symlink swapped in since the check above is refused, not followed.
            child = os.open(name, _DIR_FLAGS | (0 if top_link else _NOFOLLOW), dir_fd=fd)
            os.close(fd)
            fd = child
    except OSError as exc:
        os.close(fd)
        raise InputError(f"cannot use the directory {done}: {exc.strerror}", path=str(target),
                         hint="check the path and permissions") from None
    except BaseException:
        os.close(fd)
        raise
    return fd


@contextlib.contextmanager
def directory(path: Path, *, create: bool, target: Path | None = None) -> Iterator[int | None]:
    """A descriptor of the directory ``path``, walked without following symlinks.

    With ``create`` missing directories are made; without it the walk stops at the first
    missing one and yields None (nothing below it exists yet). Problems are reported against
    ``target`` (the file to be written), else ``path``.
    """
    fd = _open_directory(path, create, target or path)
    try:
        yield fd
    finally:
        if fd is not None:
            os.close(fd)


def make_directory(path: Path) -> None:
    """Create ``path`` and its parents, refusing a symlink or a non-directory on the way."""
    with directory(path, create=True):
        pass


def check_replaceable(dir_fd: int | None, path: Path) -> None:
    """Refuse ``path`` unless it is missing or a regular file (never a symlink, FIFO, ...)."""
    if dir_fd is None:
        return
    info = _lstat(path.name, dir_fd)
    what = None if info is None else kind(info.st_mode)
    if what is not None:
        raise _refuse(path, what)


def check_output_dir(path: Path) -> None:
    """Everything ``directory(path, create=True)`` checks, without creating anything."""
    with directory(path, create=False):
        pass


def check_output_file(path: Path) -> None:
    """Everything ``write_atomic(path, ..., parents=True)`` checks, without writing."""
    with directory(path.parent, create=False, target=path) as fd:
        check_replaceable(fd, path)


def check_size(path: Path, size: int) -> None:
    if size > MAX_REPORT_BYTES:
        raise InputError(
            f"would be {size:,} bytes, over the limit of {MAX_REPORT_BYTES:,} for one report; "
            "nothing was written", path=str(path),
            hint="assess fewer services or scenarios at once, or choose a smaller format")
