"""The one interface every output format implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

from sms20k.errors import UsageError
from sms20k.views import View


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    width: int = 100


class Renderer(ABC):
    """Turns a view into text. Renderers never write anywhere; the caller decides."""

    name: str
    views: tuple[type[View], ...] = (View,)

    def supports(self, view: View) -> bool:
        return isinstance(view, self.views)

    def render(self, view: View, options: RenderOptions | None = None) -> str:
        if not self.supports(view):
            raise UsageError(f"the {self.name} format cannot show a {type(view).__name__}")
        return self._render(view, options or RenderOptions())

    @abstractmethod
    def _render(self, view: View, options: RenderOptions) -> str: ...
