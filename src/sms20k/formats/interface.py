"""The one interface every output format implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sms20k.errors import UsageError

if TYPE_CHECKING:
    from sms20k.modelbase import View


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    width: int = 100
    edition: str = "2011"
    by: str = "scenario"
    link_prefix: str = ""
    """Prepended to repository paths in evidence links (the way from the report to the repo)."""


class Renderer(ABC):
    """Turns a view into text. Renderers never write anywhere; the caller decides."""

    name: str
    filename: str = ""
    """The report file this format writes, e.g. report.html; empty if it writes no file."""
    views: tuple[type[View], ...] = ()
    """The views this format can show; empty means any view."""

    def supports(self, view: View) -> bool:
        return not self.views or isinstance(view, self.views)

    def render(self, view: View, options: RenderOptions | None = None) -> str:
        if not self.supports(view):
            raise UsageError(f"the {self.name} format cannot show a {type(view).__name__}")
        return self._render(view, options or RenderOptions())

    def encode(self, view: View, options: RenderOptions | None = None) -> bytes:
        """The bytes of the report file; binary formats override this."""
        return self.render(view, options).encode("utf-8")

    @abstractmethod
    def _render(self, view: View, options: RenderOptions) -> str: ...
