"""The packaged templates, compiled once: Jinja code objects kept in the user's cache
directory (sms20k.usercache), keyed so that a stale entry is a miss.

Compiling the report's 18 templates took about 0.4 s of every HTML or PDF report, more than
rendering the example. Jinja's own file cache reads its header with pickle; this one writes
a plain-text header and the marshalled code, and loads an entry only when the header names
this sms20k, Jinja and Python, the environment's settings and the sha256 of the template's
source, so an edited template, an upgrade or another environment is simply a miss. It holds
the packaged templates only (users' templates are compiled each time, in their sandbox).
Like ``__pycache__``, it trusts the user's own cache directory: whoever can write there can
already run code as the user. A cache that cannot be read or written is no cache.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
import types
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

from sms20k import __version__
from sms20k.atomic import write_atomic
from sms20k.usercache import cache_dir

SUBDIRECTORY = "templates"
MAX_ENTRY_BYTES = 4 * 1024 * 1024


class TemplateCodeCache(jinja2.BytecodeCache):
    """Compiled templates of one kind of environment (``flavour``: its settings)."""

    def __init__(self, directory: Path, flavour: str) -> None:
        self.directory = directory
        self.flavour = flavour

    def get_source_checksum(self, source: str) -> str:
        return hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()

    def _path(self, bucket: Bucket) -> Path:
        return self.directory / f"{self.flavour}-{bucket.key}.code"

    def _header(self, bucket: Bucket) -> bytes:
        return (f"sms20k {__version__} jinja2 {jinja2.__version__} "
                f"{sys.implementation.cache_tag} {self.flavour} {bucket.checksum}\n").encode()

    def load_bytecode(self, bucket: Bucket) -> None:
        path = self._path(bucket)
        try:
            if path.stat().st_size > MAX_ENTRY_BYTES:
                return
            data = path.read_bytes()
        except OSError:
            return
        header = self._header(bucket)
        if not data.startswith(header):
            return
        try:
            code = marshal.loads(data[len(header):])
        except (EOFError, ValueError, TypeError):
            return
        if isinstance(code, types.CodeType):
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is None:
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            write_atomic(self._path(bucket), self._header(bucket) + marshal.dumps(bucket.code))
        except Exception:  # a cache that cannot be written is no cache
            pass

    def clear(self) -> None:
        for path in self.directory.glob(f"{self.flavour}-*.code"):
            path.unlink(missing_ok=True)


def code_cache(flavour: str) -> TemplateCodeCache | None:
    """The cache for environments of ``flavour``, or None when caching is off."""
    directory = cache_dir()
    return None if directory is None else TemplateCodeCache(directory / SUBDIRECTORY, flavour)
