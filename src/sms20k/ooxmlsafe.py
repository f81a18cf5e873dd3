"""Checks on an Office Open XML package (docx, xlsx) from an untrusted source, before any
library parses it: a bounded zip, every XML part well-formed with no DTD and no entities
(defusedxml), no macros and no external relationships."""

from __future__ import annotations

import io
import zipfile
from importlib import import_module
from types import ModuleType

from sms20k.errors import InputError

MAX_PACKAGE_BYTES = 20 * 1024 * 1024
MAX_ENTRIES = 1_000
MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_RATIO = 200
"""A part that inflates more than this is treated as a zip bomb."""
_MACROS = ("vbaproject.bin", "vbadata.xml")
OFFICE_HINT = "install the office extra: `pip install 'sms20k[office]'`"


def require_office(module: str, purpose: str) -> ModuleType:
    """A library of the ``office`` extra, or an InputError (exit 2) that says how to get it."""
    try:
        return import_module(module)
    except ImportError as exc:
        raise InputError(f"{purpose} needs {module.split('.')[0]}, which cannot be loaded "
                         f"({exc})", hint=OFFICE_HINT) from None


def _fail(name: str, message: str, hint: str) -> InputError:
    return InputError(message, path=name, hint=hint)


def check_package(data: bytes, name: str, required: tuple[str, ...], hint: str, *,
                  external_ok: frozenset[str] = frozenset()) -> None:
    """Raise an InputError naming ``name`` when ``data`` is not a safe package holding
    ``required`` parts. ``external_ok`` names relationship parts that may link outside (the
    caller drops those links itself, e.g. Word's link to the template a document came from)."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    if len(data) > MAX_PACKAGE_BYTES:
        raise _fail(name, f"is {len(data):,} bytes; at most {MAX_PACKAGE_BYTES:,} are read", hint)
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        infos = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _fail(name, "is not an Office Open XML file (not a zip archive)", hint) from None
    if len(infos) > MAX_ENTRIES:
        raise _fail(name, f"has {len(infos):,} parts; at most {MAX_ENTRIES:,} are read", hint)
    if sum(i.file_size for i in infos) > MAX_UNCOMPRESSED:
        raise _fail(name, f"inflates to more than {MAX_UNCOMPRESSED:,} bytes", hint)
    names = {i.filename for i in infos}
    for part in required:
        if part not in names:
            raise _fail(name, f"has no {part}; it is not the expected kind of document", hint)
    for info in infos:
        lower = info.filename.lower()
        if lower.rsplit("/", 1)[-1] in _MACROS:
            raise _fail(name, f"contains macros ({info.filename}); sms20k reads no macros",
                        "save it as a macro-free document (.docx, .xlsx)")
        if info.file_size > MAX_RATIO * max(info.compress_size, 1) and info.file_size > 1 << 20:
            raise _fail(name, f"{info.filename} inflates {info.file_size:,} bytes from "
                        f"{info.compress_size:,}; refused as a zip bomb", hint)
        if not lower.endswith((".xml", ".rels")):
            continue
        try:
            text = package.read(info)
            fromstring(text, forbid_dtd=True, forbid_entities=True, forbid_external=True)
        except (DefusedXmlException, ParseError, ValueError, zipfile.BadZipFile) as exc:
            raise _fail(name, f"{info.filename} is not safe, well-formed XML ({exc})",
                        hint) from None
        if (lower.endswith(".rels") and b'TargetMode="External"' in text
                and info.filename not in external_ok):
            raise _fail(name, f"{info.filename} links to external resources; sms20k follows "
                        "no external relationships", "remove the linked images, fields or "
                        "templates and save the document again")

