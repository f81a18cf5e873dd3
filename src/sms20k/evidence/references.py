"""Checks on a single reference: where a path may point, and the form of URLs and record ids."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from urllib.parse import urlsplit

from sms20k.codes import (
    REF_ABSOLUTE,
    REF_DIRECTORY,
    REF_ESCAPE,
    REF_INVALID,
    REF_MISSING,
    REF_NOT_FILE,
    REF_UNREADABLE,
    Code,
)

MAX_PATH = 4096
_DRIVE = re.compile(r"^[A-Za-z]:")
_GLOB = re.compile(r"[*?\[\]]")
_RECORD = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*:[A-Za-z0-9][A-Za-z0-9_./#-]*$")
URL_SCHEMES = ("http", "https", "mailto")


class PathProblem(Exception):
    def __init__(self, code: Code, message: str, hint: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint


class ReferenceResolver:
    """Resolves ``path`` references under one repository root.

    Plain string operations and one ``lstat`` per reference; whether a directory lies on a
    symlink is looked up once per directory, since large repositories share few directories.
    """

    def __init__(self, root: Path) -> None:
        self.root = str(root)
        self.real_root = os.path.realpath(self.root)
        self._linked_dirs: dict[str, bool] = {"": False}

    def _linked(self, directory: str) -> bool:
        known = self._linked_dirs.get(directory)
        if known is None:
            parent, _, _ = directory.rpartition("/")
            known = self._linked(parent) or os.path.islink(os.path.join(self.root, directory))
            self._linked_dirs[directory] = known
        return known

    def resolve(self, text: str) -> str:
        """The file a ``path`` reference names, or a PathProblem saying why it cannot be used."""
        if "\x00" in text:
            raise PathProblem(REF_INVALID, "path contains a NUL byte", "remove it")
        if len(text) > MAX_PATH or any(len(part) > 255 for part in text.split("/")):
            raise PathProblem(REF_INVALID, "path is too long", "shorten the file name")
        if "\\" in text:
            raise PathProblem(REF_INVALID, f"{text!r} uses backslashes",
                              "write paths with forward slashes")
        if text.startswith("/") or _DRIVE.match(text):
            raise PathProblem(REF_ABSOLUTE, f"{text!r} is an absolute path",
                              "write it relative to the repository root")
        if _GLOB.search(text):
            raise PathProblem(REF_INVALID, f"{text!r} looks like a glob pattern",
                              "name each file; patterns belong in `include`")
        parts = [part for part in text.split("/") if part not in ("", ".")]
        if ".." in parts:
            raise PathProblem(REF_ESCAPE, f"{text!r} uses '..'",
                              "evidence must be inside the repository")
        if not parts:
            raise PathProblem(REF_DIRECTORY, f"{text!r} is the repository itself",
                              "name a file inside it")
        target = os.path.join(self.root, *parts)
        shown = text if text.isprintable() else repr(text)  # one finding, one line
        try:
            info = os.lstat(target)
        except (FileNotFoundError, NotADirectoryError):
            raise PathProblem(REF_MISSING, f"{shown} does not exist",
                              "commit the file or fix the path") from None
        except OSError as exc:
            if exc.errno == errno.ENAMETOOLONG:
                raise PathProblem(REF_INVALID, "path is too long",
                                  "shorten the file name") from None
            raise PathProblem(REF_UNREADABLE, f"{shown}: {exc.strerror}",
                              "check permissions") from None
        if stat.S_ISLNK(info.st_mode) or self._linked("/".join(parts[:-1])):
            real = os.path.realpath(target)
            if os.path.commonpath([real, self.real_root]) != self.real_root:
                raise PathProblem(REF_ESCAPE, f"{shown} is a symlink leading outside the "
                                  "repository", "copy the file into the repository")
            try:
                info = os.stat(real)
            except OSError:
                raise PathProblem(REF_MISSING, f"{shown} is a broken symlink",
                                  "fix the link or the path") from None
        if stat.S_ISDIR(info.st_mode):
            raise PathProblem(REF_DIRECTORY, f"{shown} is a directory",
                              "name a file inside it")
        if not stat.S_ISREG(info.st_mode):
            raise PathProblem(REF_NOT_FILE,
                              f"{shown} is not a regular file (FIFO, socket or device)",
                              "reference a regular file")
        return target


def url_problem(text: str) -> str | None:
    try:
        parts = urlsplit(text)
    except ValueError:
        return f"{text!r} is not a valid URL"
    if parts.scheme.lower() not in URL_SCHEMES:
        return f"{text!r} uses scheme {parts.scheme or 'none'!r}; only http, https and mailto"
    if parts.scheme.lower() != "mailto" and not parts.netloc:
        return f"{text!r} has no host"
    if parts.scheme.lower() == "mailto" and "@" not in parts.path:
        return f"{text!r} has no e-mail address"
    if any(ch.isspace() for ch in text) or any(ord(ch) < 32 for ch in text):
        return f"{text!r} contains spaces or control characters"
    return None


def record_problem(text: str) -> str | None:
    if _RECORD.match(text):
        return None
    return f"{text!r} is not a record id of the form SYSTEM:ID (e.g. JIRA:CHG-1234)"
