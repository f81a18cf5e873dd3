"""The one interface every output format implements, and the registry row that describes it."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sms20k.errors import UsageError
from sms20k.formats.paths import CiPaths

if TYPE_CHECKING:
    from sms20k.modelbase import View


@dataclass(frozen=True)
class Format:
    name: str
    renderer: str
    """``module:Class`` of the renderer."""
    views: tuple[str, ...] | None
    """The kinds of view it renders (``View.kind``); None: every view."""
    suffix: str = ""
    """``.html``: it writes report.html; empty: it prints to stdout and writes no file."""
    binary: bool = False
    offered: tuple[str, ...] | None = None
    """The kinds of view whose commands offer it, when fewer than it renders."""

    @property
    def filename(self) -> str:
        return f"report{self.suffix}" if self.suffix else ""

    def offered_for(self, kind: str) -> bool:
        shown = self.views if self.offered is None else self.offered
        return shown is None or kind in shown


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    width: int = 100
    edition: str = "2018"
    by: str = "scenario"
    link_prefix: str = ""
    """Prepended to repository paths in evidence links (the way from the report to the repo)."""
    ci_paths: CiPaths | None = None
    """How the CI formats write paths (relative to the work tree root); None: as displayed."""
    junit_locations: bool = False
    """JUnit test cases get ``file`` and ``line`` (for GitHub's JUnit actions; junit-10.xsd
    forbids them)."""
    marking: str | None = None
    """The confidentiality marking on every page of the client documents (PDF, DOCX)."""
    final: bool = False
    """A final issue; until then the client documents say "Draft" beside the marking."""
    docx_template: bytes | None = None
    """A Word document whose styles the DOCX report takes (read by the caller, untrusted)."""
    pdf_details: bool = False
    """The PDF prints every item's full detail; without it, a summary of the items (their
    full detail is in the HTML, JSON, CSV and XLSX reports)."""
    progress: Callable[[str], None] | None = None
    """Told what a slow renderer (PDF) is doing, for a progress line on stderr."""

    @property
    def issue_marking(self) -> str:
        """What the cover and footer say: the marking, and "Draft" until --final."""
        parts = [self.marking] if self.marking else []
        if not self.final:
            parts.append("Draft")
        return " · ".join(parts)

    def ci_path(self, path: str) -> str:
        return self.ci_paths.rewrite(path) if self.ci_paths is not None else path


class Renderer(ABC):
    """Turns a view into text. Renderers never write anywhere; the caller decides.

    Its name, the file it writes and the views it shows are its row in the registry
    (``sms20k.formats.FORMATS``), which it is given when it is made.
    """

    def __init__(self, spec: Format) -> None:
        self.spec = spec

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def filename(self) -> str:
        """The report file this format writes, e.g. report.html; empty if it writes no file."""
        return self.spec.filename

    def supports(self, view: View) -> bool:
        return self.spec.views is None or getattr(view, "kind", None) in self.spec.views

    def require(self, view: View) -> None:
        if not self.supports(view):
            raise UsageError(f"the {self.name} format cannot show a {type(view).__name__}")

    def render(self, view: View, options: RenderOptions | None = None) -> str:
        self.require(view)
        return self._render(view, options or RenderOptions())

    def encode(self, view: View, options: RenderOptions | None = None) -> bytes:
        """The bytes of the report file; binary formats override this."""
        return self.render(view, options).encode("utf-8")

    @abstractmethod
    def _render(self, view: View, options: RenderOptions) -> str: ...
