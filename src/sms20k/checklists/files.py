"""Find the checklist files in a checklist directory, never reading one that lies outside it."""

from __future__ import annotations

import os
from pathlib import Path

from sms20k.codes import CHECKLISTS_OUTSIDE
from sms20k.errors import InputError
from sms20k.findings import Finding

SUFFIXES = (".yaml", ".yml")


def _outside(path: Path, directory: Path, what: str) -> Finding:
    return CHECKLISTS_OUTSIDE.at(
        str(path), None, None,
        f"{what} {path} resolves outside the checklist directory {directory}",
        hint="keep checklist files inside their directory; copy them instead of linking")


def scenario_files(directory: Path) -> tuple[list[Path], list[Finding]]:
    """The YAML files under ``directory``, and a finding for each symlink that leaves it.

    Symlinked directories are not descended into: one that leaves is refused, one that stays
    holds nothing the walk does not reach anyway, so loops cost nothing. Files are only
    listed here; the reader stats each before opening it, so FIFOs and devices are refused
    without blocking.
    """
    if not directory.exists():
        raise InputError("checklist directory not found", path=str(directory))
    if not directory.is_dir():
        raise InputError("not a directory", path=str(directory),
                         hint="pass a directory of checklist files")
    real_root = Path(os.path.realpath(directory))
    files: list[Path] = []
    refused: list[Finding] = []
    pending = [directory]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as scan:
                entries = list(scan)
        except OSError as exc:
            raise InputError(f"cannot read the checklist directory: {exc.strerror}",
                             path=str(current)) from None
        for entry in entries:
            path = Path(entry.path)
            wanted = path.suffix in SUFFIXES
            if entry.is_symlink():
                leaves = not Path(os.path.realpath(path)).is_relative_to(real_root)
                is_dir = _is_dir(path)
                if leaves and (is_dir or wanted):
                    refused.append(_outside(path, directory, "directory" if is_dir else "file"))
                elif wanted and not is_dir:
                    files.append(path)
            elif entry.is_dir(follow_symlinks=False):
                pending.append(path)
            elif wanted:
                files.append(path)
    if not files and not refused:
        raise InputError("no .yaml or .yml checklist files found", path=str(directory))
    return sorted(files), refused


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a symlink loop on Python 3.10 and 3.11
        return False
