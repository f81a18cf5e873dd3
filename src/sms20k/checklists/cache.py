"""The built-in checklist files, parsed and validated once: a JSON cache in the user's cache
directory (never pickle, never in the repository).

Every run used to parse the clause registries, the companion list and the 15 scenario files
with the position-keeping YAML reader and validate them: most of the start-up of a small
``validate``. The cache holds each built-in file's validated model as JSON, under the sha256
of the file's bytes together with the versions of sms20k and pydantic and the model's name,
so an edited file, an upgrade or a changed model is simply a miss. A hit is validated again
by the model (from JSON, in pydantic's compiled code), so a damaged cache cannot produce a
model the YAML could not. A cache that cannot be read or written is no cache: the files are
parsed as before. The directory is sms20k.usercache's.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from sms20k import __version__

M = TypeVar("M", bound=BaseModel)
FILE_NAME = "builtin-checklists.json"
MAX_CACHE_BYTES = 32 * 1024 * 1024


def digest(text: str, model: type[BaseModel]) -> str:
    import pydantic

    seed = f"{__version__}\0{pydantic.VERSION}\0{model.__module__}.{model.__qualname__}\0"
    return hashlib.sha256((seed + text).encode("utf-8")).hexdigest()


class Store:
    """The cache file's entries, read on first use and written back once when it grew."""

    def __init__(self, directory: Path | None) -> None:
        self.path = None if directory is None else directory / FILE_NAME
        self._entries: dict[str, Any] | None = None
        self._dirty = False

    def _load(self) -> dict[str, Any]:
        if self._entries is None:
            self._entries = {}
            try:
                if self.path is not None and self.path.stat().st_size <= MAX_CACHE_BYTES:
                    data = json.loads(self.path.read_text(encoding="utf-8"))
                    if isinstance(data, dict) and data.get("sms20k") == __version__:
                        self._entries = data.get("entries", {})
            except (OSError, ValueError):
                pass
        return self._entries

    def get(self, name: str, key: str, model: type[M]) -> M | None:
        entry = self._load().get(name)
        if not isinstance(entry, dict) or entry.get("key") != key:
            return None
        try:
            return model.model_validate_json(json.dumps(entry["data"]))
        except (KeyError, ValueError, ValidationError):
            return None

    def put(self, name: str, key: str, value: BaseModel) -> None:
        if self.path is None:
            return
        data = value.model_dump(mode="json", by_alias=True, exclude_unset=True)
        self._load()[name] = {"key": key, "data": data}
        self._dirty = True

    def flush(self) -> None:
        if not self._dirty or self.path is None:
            return
        self._dirty = False
        from sms20k.atomic import write_atomic

        text = json.dumps({"sms20k": __version__, "entries": self._load()}, sort_keys=True)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, text)
        except Exception:
            pass
