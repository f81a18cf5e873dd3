"""The lock file: sha256 of every file a reference names, made by ``sms20k lock``."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sms20k.errors import InputError
from sms20k.schema_errors import json_problem
from sms20k.yamlio import read_bytes

LOCK_NAME = "sms20k.lock.json"


class Lockfile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    version: int = Field(ge=1, le=1)
    files: dict[str, str]


def read_lockfile(path: Path, display: str) -> Lockfile | None:
    if not path.exists() and not path.is_symlink():
        return None
    raw = read_bytes(path, display)
    try:
        return Lockfile.model_validate_json(raw)
    except ValidationError as exc:
        message, _, line = json_problem(exc, Lockfile)
        raise InputError(f"not a valid lock file: {message}", path=display, line=line,
                         hint="delete it and run `sms20k lock` again") from None


def render_lockfile(hashes: dict[str, str]) -> str:
    return json.dumps({"version": 1, "files": dict(sorted(hashes.items()))}, indent=2) + "\n"
