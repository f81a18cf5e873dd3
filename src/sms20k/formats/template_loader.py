"""Loads a user's template and what it includes, imports or extends, from the template's own
directory only, judged after following every symlink."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError, TemplateNotFound

from sms20k.formats.template_limits import MAX_TEMPLATE_BYTES


class ConfinedLoader(jinja2.BaseLoader):
    """Every name resolves inside ``directory``; only regular files under the size limit load.

    File names in messages and tracebacks are ``directory`` as the user wrote it, joined
    with the name; ``filenames`` collects them so errors can be traced to a template line."""

    def __init__(self, directory: Path) -> None:
        self.shown = directory
        self.root = os.path.realpath(directory)
        self.filenames: set[str] = set()

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Any]:
        if not isinstance(template, str):
            raise TemplateNotFound(str(template))
        try:
            real = os.path.realpath(os.path.join(self.root, template))
        except (ValueError, OSError):
            raise SecurityError(f"template name {template!r} is not allowed") from None
        if real != self.root and os.path.commonpath([real, self.root]) != self.root:
            raise SecurityError(f"template {template!r} lies outside the template's "
                                "directory")
        data = _read(real, template)
        shown = str(self.shown / template)
        try:
            source = data.decode("utf-8")
        except UnicodeDecodeError:
            raise SecurityError(f"template {template!r} is not UTF-8") from None
        self.filenames.add(shown)
        return source, shown, lambda: True


def _read(real: str, name: str) -> bytes:
    """The file's bytes, after checking with stat that reading it can neither block nor
    exhaust memory."""
    try:
        info = os.stat(real)
    except FileNotFoundError:
        raise TemplateNotFound(name) from None
    except OSError as exc:
        raise SecurityError(f"template {name!r} cannot be read: {exc.strerror}") from None
    _check(info, name)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(real, flags)
    except OSError as exc:
        raise SecurityError(f"template {name!r} cannot be read: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as handle:
        _check(os.fstat(handle.fileno()), name)  # the file opened is the file checked
        data = handle.read(MAX_TEMPLATE_BYTES + 1)
    _check_size(len(data), name)
    return data


def _check(info: os.stat_result, name: str) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise SecurityError(f"template {name!r} is not a regular file")
    _check_size(info.st_size, name)


def _check_size(size: int, name: str) -> None:
    if size > MAX_TEMPLATE_BYTES:
        raise SecurityError(f"template {name!r} is over the limit of {MAX_TEMPLATE_BYTES:,} "
                            "bytes")
